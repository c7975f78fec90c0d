// Each scorer of tests/eval/rewrite_scorers.hpp fires on a known-bad output and stays quiet on a
// faithful one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../tests/eval/rewrite_scorers.hpp"

namespace aligncv::eval {
namespace {

const char* kResume =
    "Jane Doe\nSenior Backend Engineer\njane@example.com | +49 30 1234567 | Berlin\n\n"
    "EXPERIENCE\nSenior Backend Engineer, Northwind Analytics, Mar 2017 - Present\n"
    "- Responsible for the billing API serving 40 utilities\n"
    "- Helped with the migration of the platform to AWS\n\n"
    "EDUCATION\nBSc Computer Science, TU Berlin, 2012 - 2016\n\n"
    "SKILLS\nPython, PostgreSQL, AWS\n";

const taxonomy::Taxonomy& tax() { return taxonomy::Taxonomy::builtin(); }
rewrite::Source src(const std::string& text) { return rewrite::make_source(text, tax()); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(RewriteEvalScorers, LostSectionsFiresWhenASectionIsDropped) {
  EXPECT_TRUE(lost_sections(src(kResume), src(kResume)).empty());
  const std::string without = replaced(kResume, "EDUCATION\nBSc Computer Science, TU Berlin, 2012 - 2016\n\n", "");
  EXPECT_THAT(lost_sections(src(kResume), src(without)), ::testing::Contains("education"));
}

TEST(RewriteEvalScorers, FabricatedFiresOnAnInventedEmployer) {
  EXPECT_TRUE(fabricated(src(kResume), kResume, tax()).empty());
  const std::string invented = std::string(kResume) +
                               "\nEXPERIENCE\nChief Technology Officer, Globex Corporation, Jan 2010 - Dec 2011\n"
                               "- Led 200 engineers in Kubernetes\n";
  EXPECT_FALSE(fabricated(src(kResume), invented, tax()).empty());
}

TEST(RewriteEvalScorers, ChangedPersonalDetailsFiresOnANewEmailOrPhone) {
  EXPECT_TRUE(changed_personal_details(src(kResume), src(kResume)).empty());
  const std::string other = replaced(replaced(kResume, "jane@example.com", "jd@example.org"), "+49 30 1234567",
                                     "+49 30 7654321");
  EXPECT_THAT(changed_personal_details(src(kResume), src(other)), ::testing::ElementsAre("email", "phone"));
}

TEST(RewriteEvalScorers, KeywordCoverageDropsWhenTheJobsWordsAreRemoved) {
  const match::Job job = match::job_from_record(
      {{"title", "Billing Engineer"}, {"company", "-"},
       {"description", "Own the billing API for utilities on AWS with PostgreSQL and Python."}},
      tax());
  const double before = keyword_coverage(src(kResume), job, tax());
  const std::string gutted = replaced(replaced(kResume, "billing API serving 40 utilities", "things"), "Python, PostgreSQL, AWS", "Excel");
  EXPECT_LT(keyword_coverage(src(gutted), job, tax()), before);
}

TEST(RewriteEvalScorers, WeakOpenersCountsResponsibleForAndHelped) {
  EXPECT_EQ(weak_openers(src(kResume)), 2);
  const std::string strong = replaced(replaced(kResume, "Responsible for", "Own"), "Helped with", "Led");
  EXPECT_EQ(weak_openers(src(strong)), 0);
}

}  // namespace
}  // namespace aligncv::eval
