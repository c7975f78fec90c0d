#include <gtest/gtest.h>

#include "match/scoring.hpp"
#include "match/terms.hpp"

namespace aligncv::match {
namespace {

using scoring::experience_fit;

TEST(MatchTerms, KeepsProgrammingTokensAndFoldsPlurals) {
  EXPECT_EQ(terms_of("C++, C#, .NET and Node.js engineers"),
            (std::vector<std::string>{"c++", "c#", ".net", "node.js", "engineer"}));
  EXPECT_EQ(terms_of("Libraries' analysis of sales status"),
            (std::vector<std::string>{"library", "analysis", "sales", "status"}));
  EXPECT_EQ(terms_of("the 2019 systems"), (std::vector<std::string>{"system"}));
}

TEST(MatchScoring, SkillCoverageWeighsRequiredDouble) {
  EXPECT_DOUBLE_EQ(*scoring::skill_coverage({1, 1, 0}, {}), 100.0 * 4 / 6);
  EXPECT_DOUBLE_EQ(*scoring::skill_coverage({1}, {0, 0}), 50.0);
  EXPECT_DOUBLE_EQ(*scoring::skill_coverage({0.5}, {}), 50.0);
  EXPECT_FALSE(scoring::skill_coverage({}, {}).has_value());
}

TEST(MatchScoring, YearsRequiredReadsCommonForms) {
  EXPECT_EQ(scoring::years_required("You bring 5+ years of Python."), 5);
  EXPECT_EQ(scoring::years_required("3-5 years of experience"), 3);
  EXPECT_EQ(scoring::years_required("at least 2 or more years in sales"), 2);
  EXPECT_FALSE(scoring::years_required("Founded in 2019, ten years ago").has_value());
}

TEST(MatchScoring, ExperienceFitAgainstLevelAndStatedYears) {
  EXPECT_EQ(experience_fit(7.2, "senior", std::nullopt), "meets");
  EXPECT_EQ(experience_fit(1.0, "senior", std::nullopt), "below");
  EXPECT_EQ(experience_fit(20.0, "entry", std::nullopt), "above");
  EXPECT_EQ(experience_fit(4.0, "", 5), "below");
  EXPECT_EQ(experience_fit(std::nullopt, "senior", std::nullopt), "unknown");
  EXPECT_EQ(experience_fit(3.0, "", std::nullopt), "unknown");
  EXPECT_EQ(*scoring::seniority_score(7.0, "senior", std::nullopt), 100.0);
  EXPECT_EQ(*scoring::seniority_score(4.0, "senior", std::nullopt), 80.0);
}

TEST(MatchScoring, LevelsFromTitles) {
  EXPECT_EQ(scoring::level_from_title("Senior Backend Engineer"), "senior");
  EXPECT_EQ(scoring::level_from_title("Junior Accountant"), "entry");
  EXPECT_EQ(scoring::level_from_title("Principal Data Scientist"), "lead");
  EXPECT_EQ(scoring::level_from_title("VP of Sales"), "executive");
  EXPECT_EQ(scoring::level_from_title("Registered Nurse"), "");
}

TEST(MatchScoring, EducationRequirementsAndDegrees) {
  EXPECT_EQ(scoring::education_required("Bachelor's degree in Computer Science"), 2);
  EXPECT_EQ(scoring::education_required("A PhD in chemistry"), 4);
  EXPECT_EQ(scoring::education_required("No formal requirements"), 0);
  EXPECT_EQ(scoring::education_level("Master of Science"), 3);
  EXPECT_EQ(scoring::education_level("BSc"), 2);
  EXPECT_EQ(*scoring::education_score(2, 3), 65.0);
  EXPECT_FALSE(scoring::education_score(0, 2).has_value());
}

TEST(MatchScoring, TitleOverlapIgnoresSeniorityWords) {
  EXPECT_DOUBLE_EQ(scoring::title_overlap(scoring::title_terms("Senior Software Engineer"),
                                          scoring::title_terms("Software Engineer II")),
                   1.0);
  EXPECT_DOUBLE_EQ(scoring::title_overlap(scoring::title_terms("Data Engineer"), scoring::title_terms("Chef")), 0.0);
}

TEST(MatchScoring, CombineRenormalisesOverKnownComponents) {
  Components c;
  c.skills = 60;
  c.semantic = 80;
  std::map<std::string, double> used;
  scoring::Weights equal;
  equal.skills = equal.semantic = 1.0;
  EXPECT_DOUBLE_EQ(scoring::combine(c, equal, used), 70.0);
  EXPECT_EQ(used.size(), 2u);
  EXPECT_DOUBLE_EQ(used["skills"], 0.5);
}

TEST(MatchScoring, LocationAndSalary) {
  Job job;
  job.location = "Berlin, Germany";
  EXPECT_EQ(*scoring::location_score(std::string("Berlin"), job), 100.0);
  EXPECT_EQ(*scoring::location_score(std::string("Paris"), job), 40.0);
  job.remote = true;
  EXPECT_EQ(*scoring::location_score(std::nullopt, job), 100.0);
  job.salary_min = 60000;
  job.salary_max = 80000;
  EXPECT_EQ(*scoring::salary_score(70000, job), 100.0);
  EXPECT_EQ(*scoring::salary_score(100000, job), 80.0);
  EXPECT_FALSE(scoring::salary_score(std::nullopt, job).has_value());
}

}  // namespace
}  // namespace aligncv::match
