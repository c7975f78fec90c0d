#include <aligncv/document.hpp>
#include <aligncv/error.hpp>

#include "common/text.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace aligncv::text {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::filesystem::path(ALIGNCV_TESTS_DIR) / "fixtures" / "text" / name,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The contract every extraction keeps: one hint per line of the text.
void expect_one_hint_per_line(const Document& doc) {
  EXPECT_EQ(doc.lines.size(), split(doc.text, '\n').size());
}

TEST(TextPlainTest, StripsTheBomAndTurnsEveryLineEndingIntoLf) {
  Document doc = extract("cv.txt", fixture("bom_crlf.txt"));
  EXPECT_EQ(doc.type, FileType::Txt);
  EXPECT_EQ(doc.text,
            "Jane Example\nSenior Engineer\n\nSkills\nGo, Python\n\u2022 Led the platform team");
  EXPECT_EQ(doc.pages, 0);
  expect_one_hint_per_line(doc);
  EXPECT_TRUE(doc.lines.back().list_item);
  EXPECT_FALSE(doc.lines.front().list_item);
}

TEST(TextPlainTest, RefusesTextThatIsNotUtf8) {
  for (const std::string& bytes : {fixture("latin1.txt"), std::string("abc\0def", 7),
                                   std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                                   std::string("\xFF\xFE"
                                               "a\0b\0",
                                               6)}) {
    try {
      extract("cv.txt", bytes);
      ADD_FAILURE() << "accepted " << bytes;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
      EXPECT_EQ(e.detail(), "Text file is not valid UTF-8");
    }
  }
}

TEST(TextPlainTest, KeepsIndentationButNotTrailingSpaceOrBlankRuns) {
  Document doc = extract("cv.txt", "\n\n  - Led a team   \n\t\n\n\n\nDone\t \n\n");
  EXPECT_EQ(doc.text, "  - Led a team\n\nDone");
  expect_one_hint_per_line(doc);
  EXPECT_TRUE(doc.lines[0].list_item);
}

TEST(TextPlainTest, RemovesInvisibleCharactersAndSpellsOutLigatures) {
  // Soft hyphen, zero-width space, no-break space, the "fi" ligature and a form feed.
  Document doc = extract("cv.txt", "Opti\u00ADmised\u200B data\u00A0base \uFB01les\fNext page");
  EXPECT_EQ(doc.text, "Optimised data base files\nNext page");
  expect_one_hint_per_line(doc);
}

TEST(TextPlainTest, MarkdownHeadingsAndListItemsBecomeHints) {
  Document doc = extract("cv.md", fixture("resume.md"));
  EXPECT_EQ(doc.type, FileType::Md);
  auto lines = split(doc.text, '\n');
  ASSERT_EQ(lines.size(), doc.lines.size());
  // The text keeps the Markdown as written; the hints say what it means.
  EXPECT_EQ(lines[0], "# Jane Example");
  EXPECT_EQ(doc.lines[0].heading_level, 1);
  EXPECT_EQ(lines[4], "Experience");
  EXPECT_EQ(doc.lines[4].heading_level, 2);  // setext underline
  EXPECT_EQ(doc.lines[5].heading_level, 0);
  EXPECT_TRUE(doc.lines[7].list_item);
  EXPECT_TRUE(doc.lines[8].list_item);
  EXPECT_EQ(lines[9], "## Skills");
  EXPECT_EQ(doc.lines[9].heading_level, 2);
  EXPECT_EQ(doc.lines[10].heading_level, 0);
}

TEST(TextPlainTest, PlainTextHeadingsComeOnlyFromUnderlines) {
  Document doc =
      extract("cv.txt", "# Not a heading in a .txt\nExperience\n==========\nSkills\n------");
  EXPECT_EQ(doc.lines[0].heading_level, 0);
  EXPECT_EQ(doc.lines[1].heading_level, 1);
  EXPECT_EQ(doc.lines[2].heading_level, 0);
  EXPECT_EQ(doc.lines[3].heading_level, 2);
  EXPECT_FALSE(doc.lines[4].list_item);
}

TEST(TextPlainTest, EveryLineEndingStyleEndsOneLine) {
  // CR, CRLF and LF each end a line; LF CR is two endings (an empty line between).
  Document doc = extract("cv.txt", "A\r\rB\r\nC\n\rD");
  EXPECT_EQ(doc.text, "A\n\nB\nC\n\nD");
  expect_one_hint_per_line(doc);
}

TEST(TextPlainTest, ALineSplitByAFormFeedKeepsItsHintInEachPart) {
  Document doc = extract("cv.txt", "- one\ftwo\n\f\f\nthree\n");
  EXPECT_EQ(doc.text, "- one\ntwo\n\nthree");
  expect_one_hint_per_line(doc);
  EXPECT_TRUE(doc.lines[0].list_item);
  EXPECT_TRUE(doc.lines[1].list_item);
  EXPECT_FALSE(doc.lines[2].list_item);
  EXPECT_FALSE(doc.lines[3].list_item);
}

TEST(TextPlainTest, AnUnderlineMarksOnlyAPlainLineAboveIt) {
  Document doc = extract("cv.md", "Title\n=====\n=====\nBody\n- item\n----\n# H\n---\n");
  ASSERT_EQ(doc.lines.size(), 8u);
  EXPECT_EQ(doc.lines[0].heading_level, 1);
  EXPECT_EQ(doc.lines[1].heading_level, 1);  // a body line itself, underlined by the next
  EXPECT_EQ(doc.lines[2].heading_level, 0);
  EXPECT_EQ(doc.lines[3].heading_level, 0);
  EXPECT_TRUE(doc.lines[4].list_item);       // a list item is never a heading
  EXPECT_EQ(doc.lines[4].heading_level, 0);
  EXPECT_EQ(doc.lines[6].heading_level, 1);  // "# H"; the "---" under it changes nothing
  EXPECT_EQ(doc.lines[7].heading_level, 0);
}

TEST(TextPlainTest, ATextAtTheUploadLimitKeepsEveryLineAndHint) {
  const std::string block = "Jane Doe\r\n* Led a team of five\r\n\r\n\r\nSKILLS\r\n=====\r\n";
  std::string bytes;
  while (bytes.size() < (5u << 20) - block.size()) bytes += block;
  Document doc = extract("cv.txt", bytes);
  expect_one_hint_per_line(doc);
  const std::size_t blocks = bytes.size() / block.size();
  ASSERT_EQ(doc.lines.size(), blocks * 5);  // name, item, one blank, heading, underline
  const std::string head = "Jane Doe\n* Led a team of five\n\nSKILLS\n=====\nJane Doe\n";
  EXPECT_EQ(doc.text.substr(0, head.size()), head);
  for (std::size_t i = 0; i + 5 <= doc.lines.size(); i += 5) {
    ASSERT_TRUE(doc.lines[i + 1].list_item) << i;
    ASSERT_EQ(doc.lines[i + 3].heading_level, 1) << i;
  }
}

TEST(TextPlainTest, AnEmptyTextStillHasOneLineHint) {
  Document doc = extract("cv.txt", " \n\t\n");
  EXPECT_EQ(doc.text, "");
  expect_one_hint_per_line(doc);
}

TEST(TextPlainTest, AnExhaustedTimeBudgetIsReported) {
  ExtractLimits limits;
  limits.time_budget_ms = 0;
  try {
    extract("cv.txt", "Jane Example", limits);
    ADD_FAILURE() << "no timeout";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(e.detail(), "Document took too long to process");
  }
}

}  // namespace
}  // namespace aligncv::text
