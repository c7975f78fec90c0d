// Reading order from word boxes alone (the geometry under the PDF extractor).
#include "text/pdf_layout.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace aligncv::text::detail {
namespace {

// Words of `text` laid left to right from x on the line whose top is y (10 pt text, 5 pt/char).
void place(std::vector<Word>& words, double x, double y, const std::string& text, double size = 10,
           bool bold = false) {
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    double width = 0.5 * size * static_cast<double>(word.size());
    words.push_back(Word{word, x, y, x + width, y + 1.2 * size, size, bold, true});
    x += width + 0.3 * size;
  }
}

std::vector<std::string> texts(const std::vector<LaidOutLine>& lines) {
  std::vector<std::string> out;
  for (const auto& line : lines) out.push_back(line.text);
  return out;
}

TEST(TextLayoutTest, WordsOnOneBaselineFormOneLineWhateverTheirSize) {
  std::vector<Word> words;
  place(words, 300, 100, "Present", 10);
  place(words, 50, 96, "Senior Engineer", 14, true);
  place(words, 50, 130, "Next line");
  auto lines = lay_out_page(words);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "Senior Engineer\tPresent");  // a gap wider than 2 em is a tab
  EXPECT_EQ(lines[0].font_size, 14);
  EXPECT_FALSE(lines[0].bold);  // "Present" is not bold
  EXPECT_EQ(lines[1].text, "Next line");
}

TEST(TextLayoutTest, ReadsTheMainColumnBeforeANarrowSidebar) {
  std::vector<Word> words;
  for (int i = 0; i < 12; ++i) {
    // Sidebar rows and main rows interleave vertically, as they do on a real page.
    place(words, 20, 100 + 19.0 * i, "side " + std::to_string(i));
    place(words, 220, 105 + 14.0 * i,
          "main column sentence number " + std::to_string(i) + " runs across");
  }
  auto lines = lay_out_page(words);
  ASSERT_EQ(lines.size(), 24u);
  for (int i = 0; i < 12; ++i) {
    EXPECT_EQ(lines[static_cast<std::size_t>(i)].text,
              "main column sentence number " + std::to_string(i) + " runs across");
    EXPECT_FALSE(lines[static_cast<std::size_t>(i)].sidebar);
    EXPECT_EQ(lines[static_cast<std::size_t>(12 + i)].text, "side " + std::to_string(i));
    EXPECT_TRUE(lines[static_cast<std::size_t>(12 + i)].sidebar);
  }
}

TEST(TextLayoutTest, ReadsEqualColumnsLeftThenRightWithoutASidebar) {
  std::vector<Word> words;
  for (int i = 0; i < 8; ++i) {
    place(words, 20, 100 + 14.0 * i, "left words in row " + std::to_string(i));
    place(words, 320, 107 + 14.0 * i, "right words in row " + std::to_string(i));
  }
  auto lines = lay_out_page(words);
  ASSERT_EQ(lines.size(), 16u);
  EXPECT_EQ(lines[0].text, "left words in row 0");
  EXPECT_EQ(lines[8].text, "right words in row 0");
  for (const auto& line : lines) EXPECT_FALSE(line.sidebar);
}

TEST(TextLayoutTest, ReadsANarrowColumnOfAlignedDatesAcrossAsATable) {
  std::vector<Word> words;
  for (int i = 0; i < 8; ++i) {
    place(words, 20, 100 + 14.0 * i, "2019 - 2021");
    place(words, 150, 100 + 14.0 * i, "Engineer at Company " + std::to_string(i));
  }
  auto lines = lay_out_page(words);
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0].text, "2019 - 2021\tEngineer at Company 0");
  for (const auto& line : lines) EXPECT_FALSE(line.sidebar);
}

TEST(TextLayoutTest, KeepsANameBlockAboveTheSidebarInTheHeader) {
  std::vector<Word> words;
  place(words, 20, 30, "Jane Example", 20, true);
  for (int i = 0; i < 10; ++i) {
    place(words, 20, 90 + 14.0 * i, "contact " + std::to_string(i));
    place(words, 220, 100 + 14.0 * i, "experience line with several words " + std::to_string(i));
  }
  auto lines = lay_out_page(words);
  ASSERT_EQ(lines.size(), 21u);
  EXPECT_EQ(lines[0].text, "Jane Example");
  EXPECT_FALSE(lines[0].sidebar);
  EXPECT_EQ(lines[1].text, "experience line with several words 0");
  EXPECT_EQ(lines[11].text, "contact 0");
  EXPECT_TRUE(lines[11].sidebar);
  EXPECT_TRUE(lines[11].gap_before);
}

TEST(TextLayoutTest, MarksParagraphGaps) {
  std::vector<Word> words;
  place(words, 20, 100, "first paragraph");
  place(words, 20, 113, "still first");
  place(words, 20, 145, "second paragraph");
  auto lines = lay_out_page(words);
  ASSERT_EQ(texts(lines),
            (std::vector<std::string>{"first paragraph", "still first", "second paragraph"}));
  EXPECT_FALSE(lines[1].gap_before);
  EXPECT_TRUE(lines[2].gap_before);
}

TEST(TextLayoutTest, AnEmptyPageHasNoLines) { EXPECT_TRUE(lay_out_page({}).empty()); }

}  // namespace
}  // namespace aligncv::text::detail
