// The whole profile: experience months, JSON shapes (contract and JSON Resume), and robustness.
#include <aligncv/resume.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <random>
#include <string>

namespace aligncv::resume {
namespace {

const taxonomy::Taxonomy& tiny_taxonomy() {
  static const taxonomy::Taxonomy t =
      taxonomy::Taxonomy::from_tsv("name\tforms\nPython\tPython\nDocker\tDocker\n",
                                   "title\tforms\nSoftware Engineer\tSoftware Engineer\n");
  return t;
}

ParseResult parse_text(const std::string& text, const std::string& reference = "2024-06") {
  text::Document d;
  d.text = text;
  return parse(d, tiny_taxonomy(), {reference});
}

const char* kResume =
    "Jane Doe\nSenior Backend Engineer\njane.doe@example.com | +49 30 1234567 | Berlin, Germany\n"
    "github.com/janedoe\n\n"
    "Summary\nBackend engineer with seven years of experience in payments.\n\n"
    "Experience\nNorthwind Analytics, Mar 2021 – Present\nSenior Backend Engineer\n- Cut p99 "
    "latency\n\n"
    "Contoso, Jan 2018 – Jun 2021\nSoftware Engineer\n- Built the ledger\n\n"
    "Education\nTU Berlin, Oct 2012 – Sep 2016\nBSc Computer Science\n\n"
    "Skills\nBackend: Python, Docker, PostgreSQL\n";

TEST(ResumeProfile, ExperienceMonthsMergeOverlapsUpToTheReferenceMonth) {
  // Jan 2018 .. Jun 2024 without double-counting Mar–Jun 2021: 78 months.
  EXPECT_EQ(parse_text(kResume, "2024-06").profile.experience_months, 78);
  // Jobs that start after the reference month do not count; open ranges end there.
  EXPECT_EQ(parse_text(kResume, "2018-12").profile.experience_months, 12);
}

TEST(ResumeProfile, ExperienceMonthsWithGapsAndYearOnlyDates) {
  auto r = parse_text(
      "Jane Doe\n\nExperience\nAcme, 2010 – 2011\nSoftware Engineer\n- x\n\nGlobex, 2014 – "
      "2015\nSoftware Engineer\n- y\n");
  EXPECT_EQ(r.profile.experience_months, 48);
}

TEST(ResumeProfile, CurrentMonthWhenNoReferenceIsGiven) {
  auto r = parse_text("Jane Doe\n\nExperience\nAcme, Jan 2000 – Present\nSoftware Engineer\n", "");
  EXPECT_GT(r.profile.experience_months, 12 * 24);
}

TEST(ResumeProfile, ToJsonKeepsNullsAndEvidence) {
  auto r = parse_text(kResume);
  Json j = to_json(r.profile);
  EXPECT_EQ(j["basics"]["name"], "Jane Doe");
  EXPECT_EQ(j["basics"]["label"], "Senior Backend Engineer");
  EXPECT_TRUE(j["basics"]["url"].is_null());
  EXPECT_EQ(j["basics"]["location"]["city"], "Berlin");
  EXPECT_EQ(j["basics"]["location"]["countryCode"], "DE");
  EXPECT_TRUE(j["basics"]["location"]["region"].is_null());
  EXPECT_EQ(j["basics"]["profiles"][0]["network"], "GitHub");
  EXPECT_TRUE(j["work"][0]["endDate"].is_null());
  EXPECT_EQ(j["work"][1]["endDate"], "2021-06");
  EXPECT_TRUE(j["work"][0]["location"].is_null());
  EXPECT_TRUE(j["education"][0]["score"].is_null());
  EXPECT_EQ(j["education"][0]["studyType"], "BSc");
  EXPECT_EQ(j["skills"][0]["name"], "Backend");
  for (const char* key : {"projects", "certificates", "languages", "awards"}) {
    EXPECT_TRUE(j[key].is_array()) << key;
  }
  EXPECT_EQ(j["experience_months"], 78);
  EXPECT_EQ(j["evidence"]["/basics/email"], 3);
  EXPECT_EQ(j["evidence"]["/work/0/name"], 10);
  EXPECT_EQ(j["evidence"]["/work/0/startDate"], 10);
}

TEST(ResumeProfile, ToJsonResumeOmitsNullsEvidenceAndMonths) {
  auto r = parse_text(kResume);
  Json j = to_json_resume(r.profile);
  EXPECT_EQ(j["$schema"],
            "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json");
  EXPECT_EQ(j["meta"]["version"], "v1.0.0");
  EXPECT_FALSE(j.contains("evidence"));
  EXPECT_FALSE(j.contains("experience_months"));
  EXPECT_FALSE(j["basics"].contains("url"));
  EXPECT_FALSE(j["basics"]["location"].contains("region"));
  EXPECT_FALSE(j["work"][0].contains("endDate"));
  EXPECT_EQ(j["work"][1]["endDate"], "2021-06");
  EXPECT_FALSE(j["education"][0].contains("score"));
  // No null anywhere.
  std::function<void(const Json&)> no_null = [&](const Json& v) {
    EXPECT_FALSE(v.is_null());
    if (v.is_structured()) {
      for (const auto& x : v) no_null(x);
    }
  };
  no_null(j);
}

TEST(ResumeProfile, SectionsHaveOneBasedLineRangesAndHeadingsAsWritten) {
  auto r = parse_text(kResume);
  ASSERT_GE(r.sections.size(), 5u);
  EXPECT_EQ(r.sections[0].name, "contact");
  EXPECT_FALSE(r.sections[0].heading);
  EXPECT_EQ(r.sections[0].start_line, 1);
  EXPECT_EQ(r.sections[0].end_line, 4);
  EXPECT_EQ(r.sections[1].name, "summary");
  EXPECT_EQ(r.sections[1].heading, "Summary");
  EXPECT_EQ(r.sections[1].start_line, 6);
  EXPECT_EQ(r.sections[1].end_line, 7);
}

TEST(ResumeProfile, EmptyTextGivesAnEmptyProfile) {
  auto r = parse_text("");
  EXPECT_FALSE(r.profile.basics.name);
  EXPECT_TRUE(r.profile.work.empty());
  EXPECT_TRUE(r.sections.empty());
  EXPECT_EQ(r.profile.experience_months, 0);
  auto blank = parse_text("\n\n   \n\t\n");
  EXPECT_TRUE(blank.sections.empty());
}

TEST(ResumeProfile, BinaryGarbageNeverThrows) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(static_cast<std::size_t>(rng() % 4000), '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    text::Document d;
    d.text = bytes;
    d.lines.resize(rng() % 50);  // hints that do not match the lines
    for (auto& h : d.lines) {
      h.heading_level = static_cast<int>(rng() % 4);
      h.sidebar = rng() & 1;
      h.list_item = rng() & 1;
    }
    EXPECT_NO_THROW(parse(d, tiny_taxonomy()));
  }
}

TEST(ResumeProfile, TenThousandLinesParseQuickly) {
  std::string text = "Jane Doe\njane@example.com\n\nExperience\n";
  for (int i = 0; i < 2500; ++i) {
    text += "Company " + std::to_string(i) +
            ", Jan 2010 – Feb 2011\nSoftware Engineer\n- Did things\n\n";
  }
  auto start = std::chrono::steady_clock::now();
  auto r = parse_text(text);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  EXPECT_EQ(r.profile.work.size(), 2500u);
  EXPECT_LT(ms, 2000);
}

TEST(ResumeProfile, VeryLongLinesAndDeepBracketsAreHarmless) {
  std::string text =
      "Jane Doe\n" + std::string(200000, '(') + "\n" + std::string(100000, '-') + "\n";
  text += std::string(50000, '1') + "\n" + std::string(50000, '@') + "\n";
  EXPECT_NO_THROW(parse_text(text));
}

}  // namespace
}  // namespace aligncv::resume
