#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <aligncv/engine.hpp>

#include <functional>

#include "test_support.hpp"

namespace aligncv {
namespace {

using ::testing::ElementsAre;

const char* kResume =
    "Jane Doe\nSenior Backend Engineer\njane@example.com | +49 30 1234567 | Berlin\n\n"
    "EXPERIENCE\nSenior Backend Engineer, Northwind Analytics, Mar 2017 - Present\n"
    "* Built Python services on PostgreSQL handling 2M requests a day\n"
    "* Moved the platform to AWS with Docker\n\n"
    "SKILLS\nPython, PostgreSQL, AWS, Docker\n";

const char* kJobs = R"([
 {"title": "Senior Backend Engineer", "company": "Northwind", "location": "Berlin, Germany",
  "required_skills": ["Python", "PostgreSQL", "AWS", "Kubernetes"], "preferred_skills": ["Terraform"],
  "description": "Own our Python services.", "experience_level": "senior", "salary_min": 75000,
  "salary_max": 95000, "salary_currency": "EUR", "employment_type": "full-time"},
 {"title": "Pastry Chef", "company": "Le Four", "description": "Bake bread and pastries."},
 {"company": "No Title Inc"}
])";

class EngineJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Options o = testing::test_options(dir, clock);
    o.admin_emails = {"admin@example.com"};
    engine = Engine::open(o);
    admin = principal("admin@example.com");
    user = principal("jane@example.com");
    other = principal("max@example.com");
  }

  Principal principal(const std::string& email) {
    auto r = engine->signup({{"name", "Someone"}, {"email", email}, {"password", "correct horse"}});
    return engine->authenticate(r.tokens.access_token);
  }

  static Error error_of(const std::function<void()>& fn) {
    try {
      fn();
    } catch (const Error& e) {
      return e;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorCode::Internal, "none");
  }

  testing::TempDir dir;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
  std::unique_ptr<Engine> engine;
  Principal admin, user, other;
};

TEST_F(EngineJobsTest, ImportMatchBookmarkApplyAndChangeStatus) {
  auto summary = engine->import_jobs(admin, kJobs, "", "application/json");
  EXPECT_EQ(summary.total, 3);
  EXPECT_EQ(summary.new_jobs, 2);
  ASSERT_EQ(summary.rejected.size(), 1u);
  EXPECT_EQ(summary.rejected[0].line, 3);
  EXPECT_EQ(summary.rejected[0].detail, "Missing required field: title");

  auto again = engine->import_jobs(admin, kJobs, "json", "");
  EXPECT_EQ(again.new_jobs, 0);
  EXPECT_EQ(again.updated_jobs, 2);

  auto doc = engine->upload_document(user, "jane.txt", kResume);
  auto hits = engine->match_jobs(user, {{"resume_id", doc.id}, {"top_k", 5}});
  ASSERT_EQ(hits.size(), 2u);
  const auto& best = hits[0].hit;
  EXPECT_EQ(best.job->title, "Senior Backend Engineer");
  EXPECT_THAT(best.missing_required, ElementsAre("Kubernetes"));
  Json shown = to_json(hits);
  EXPECT_EQ(shown[0]["salary_range"], "EUR 75,000 - 95,000");
  EXPECT_EQ(shown[0]["job_type"], "Full-time");
  EXPECT_EQ(shown[0]["explanation"]["matched"][0]["skill"], "Python");
  EXPECT_EQ(shown[0]["explanation"]["matched"][0]["line"], 7);
  EXPECT_EQ(shown[0]["match_score"], std::round(shown[0]["combined_score"].get<double>()) / 100.0);

  const std::string job_id = best.job->job_id;
  const std::string bookmark = engine->add_bookmark(user, {{"job_id", job_id}, {"notes", "Ask about on-call"}});
  EXPECT_EQ(error_of([&] { engine->add_bookmark(user, {{"job_id", job_id}}); }).code(), ErrorCode::Conflict);
  EXPECT_EQ(engine->bookmarks(user).size(), 1u);
  EXPECT_TRUE(engine->bookmarks(other).empty());
  EXPECT_EQ(error_of([&] { engine->remove_bookmark(other, bookmark); }).detail(), "Bookmark not found");

  bool created = false;
  auto application = engine->apply(user, {{"job_id", job_id}}, &created);
  EXPECT_TRUE(created);
  EXPECT_EQ(application.status, "applied");
  EXPECT_TRUE(application.applied_date.has_value());
  clock->advance_ms(48 * 3600 * 1000);
  auto moved = engine->update_application(user, application.id, {{"status", "Interviewing"}}, false);
  EXPECT_EQ(moved.status, "interviewing");
  ASSERT_EQ(moved.history.size(), 2u);
  EXPECT_EQ(moved.history[1].status, "interviewing");
  EXPECT_EQ(error_of([&] { engine->update_application(other, application.id, {{"status", "offered"}}, false); }).code(),
            ErrorCode::NotFound);
  EXPECT_EQ(error_of([&] { engine->update_application(user, job_id, {{"status", "hired"}}, false); }).code(),
            ErrorCode::Validation);

  auto view = engine->job(user, job_id);
  EXPECT_TRUE(view.is_bookmarked);
  EXPECT_TRUE(view.is_applied);
  auto flags = to_json(engine->match_jobs(user, {{"resume_id", doc.id}}));
  EXPECT_EQ(flags[0]["is_bookmarked"], true);

  Json exported = engine->export_data(user);
  EXPECT_EQ(exported["bookmarks"].size(), 1u);
  EXPECT_EQ(exported["applications"][0]["status"], "interviewing");
  EXPECT_TRUE(engine->export_data(other)["bookmarks"].empty());

  engine->remove_bookmark(user, job_id);  // by job id too
  EXPECT_TRUE(engine->bookmarks(user).empty());
  engine->delete_application(user, application.id);
  EXPECT_TRUE(engine->applications(user).empty());
}

TEST_F(EngineJobsTest, OnlyAdminsImportAndUnknownIdsAreNotFound) {
  EXPECT_EQ(error_of([&] { engine->import_jobs(user, kJobs, "", "application/json"); }).detail(),
            "Admin privileges required");
  EXPECT_EQ(error_of([&] { engine->import_jobs(admin, kJobs, "", "text/html"); }).code(),
            ErrorCode::UnsupportedMediaType);
  EXPECT_EQ(error_of([&] { engine->job(user, "ffffffffffffffff"); }).detail(), "Job not found");
  EXPECT_EQ(error_of([&] { engine->match_jobs(user, {{"resume_id", 9999}}); }).detail(), "Resume not found");
  EXPECT_EQ(error_of([&] { engine->match_jobs_query(user, Json::object()); }).detail(),
            "No resume found. Upload a resume first.");
  EXPECT_EQ(error_of([&] { engine->match_jobs(user, {{"resume_id", "x"}, {"top_k", 51}}); }).code(),
            ErrorCode::Validation);
}

TEST_F(EngineJobsTest, ListsWithFiltersAndStats) {
  engine->import_jobs(admin, kJobs, "", "application/json");
  auto page = engine->jobs(user, {{"q", "bread"}});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.jobs[0].title, "Pastry Chef");
  EXPECT_EQ(engine->jobs(user, {{"experience_level", "SENIOR"}}).total, 1);
  EXPECT_EQ(engine->jobs(user, {{"limit", "1"}}).jobs.size(), 1u);
  EXPECT_EQ(error_of([&] { engine->jobs(user, {{"experience_level", "guru"}}); }).code(), ErrorCode::Validation);
  Json stats = engine->job_stats(user);
  EXPECT_EQ(stats["jobs"], 2);
  EXPECT_EQ(stats["sources"]["import"], 2);
  EXPECT_GT(stats["index"]["memory_bytes"].get<int64_t>(), 0);
}

TEST_F(EngineJobsTest, TheIndexIsRebuiltFromTheStoreOnOpen) {
  engine->import_jobs(admin, kJobs, "", "application/json");
  engine.reset();
  Options o = testing::test_options(dir, clock);
  engine = Engine::open(o);
  EXPECT_EQ(engine->jobs(user, Json::object()).total, 2);
}

TEST_F(EngineJobsTest, ScoreReportsCoverageAndChecks) {
  engine->import_jobs(admin, kJobs, "", "application/json");
  Json report = engine->score_resume(
      user, {{"resume_text", kResume},
             {"job_description", "We need a backend engineer with Python, Kubernetes and PostgreSQL experience."}});
  EXPECT_THAT(report["matched_skills"].get<std::vector<std::string>>(), ::testing::Contains("Python"));
  EXPECT_THAT(report["missing_skills"].get<std::vector<std::string>>(), ::testing::Contains("Kubernetes"));
  EXPECT_EQ(report["section_checks"].size(), 7u);
  EXPECT_GE(report["score"].get<int>(), 0);
  EXPECT_LE(report["score"].get<int>(), 100);
  Error e = error_of([&] { engine->score_resume(user, {{"resume_text", kResume}}); });
  EXPECT_EQ(e.code(), ErrorCode::Validation);
  EXPECT_EQ(e.issues()[0].msg, "Value error, provide exactly one of job_description or job_id");
}

TEST_F(EngineJobsTest, DemoCatalogueLoadsIntoAnEmptyDatabase) {
  testing::TempDir fresh;
  Options o = testing::test_options(fresh, clock);
  o.demo_jobs = true;
  auto demo = Engine::open(o);
  const auto count = demo_jobs().size();
  ASSERT_GT(count, 100u);
  EXPECT_EQ(demo->job_stats(user)["jobs"], count);
}

}  // namespace
}  // namespace aligncv
