#include <aligncv/resume.hpp>
#include <gtest/gtest.h>

#include <string>

namespace aligncv::resume {
namespace {

text::Document document_of(const std::string& text) {
  text::Document d;
  d.text = text;
  std::size_t lines = 1;
  for (char c : text) lines += c == '\n';
  d.lines.resize(lines);
  return d;
}

TEST(ResumeLimitsTest, OnlyTheFirst256KiBAreStructured) {
  std::string head = "Jane Doe\njane@example.com\n\nEXPERIENCE\nNorthwind Analytics, Mar 2021 – Present\n"
                     "Senior Backend Engineer\n* Built the billing API\n\n";
  std::string filler;
  while (filler.size() < kMaxParsedBytes) filler += "Plain filler line without structure — 12345\n";
  std::string tail = "\nEDUCATION\nTail University, BSc Physics, 2010 – 2014\n";
  auto result = parse(document_of(head + filler + tail), taxonomy::Taxonomy::builtin());
  EXPECT_EQ(result.profile.basics.email, "jane@example.com");
  ASSERT_FALSE(result.profile.work.empty());
  EXPECT_EQ(result.profile.work.front().name, "Northwind Analytics");
  for (const auto& e : result.profile.education) EXPECT_NE(e.institution, "Tail University");
  for (const auto& [pointer, line] : result.profile.evidence) EXPECT_GT(line, 0) << pointer;
}

TEST(ResumeLimitsTest, ACutNeverSplitsAUtf8Sequence) {
  std::string text(kMaxParsedBytes - 1, 'a');
  text += "é\nmore";  // the two-byte é straddles the limit, with no newline before it
  auto result = parse(document_of(text), taxonomy::Taxonomy::builtin());
  std::string dumped = to_json(result.profile).dump();  // throws on invalid UTF-8
  EXPECT_FALSE(dumped.empty());
}

}  // namespace
}  // namespace aligncv::resume
