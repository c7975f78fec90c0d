#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <aligncv/engine.hpp>
#include <aligncv/store.hpp>

#include <functional>

#include "test_support.hpp"

namespace aligncv {
namespace {

using ::testing::HasSubstr;

const char* kResume =
    "Jane Doe\nSenior Backend Engineer\njane@example.com | +49 30 1234567 | Berlin\n\n"
    "SUMMARY\nI am a backend engineer with 7 years of experience building billing systems.\n\n"
    "EXPERIENCE\nSenior Backend Engineer, Northwind Analytics, Mar 2017 - Present\n"
    "- Responsible for the billing API serving 40 utilities\n"
    "- Helped with the migration of the platform to AWS with Docker\n"
    "- Worked on improving the deployment pipeline\n\n"
    "EDUCATION\nBSc Computer Science, TU Berlin, 2012 - 2016\n\n"
    "SKILLS\nPython, PostgreSQL, AWS, Docker\n";

const char* kDescription =
    "We are hiring a Senior Backend Engineer to own our Python billing services on PostgreSQL "
    "and AWS. You will run Kubernetes clusters and improve our deployment pipeline.";

class EngineRewriteTest : public ::testing::Test {
 protected:
  void SetUp() override { open(30); }

  void open(int limit) {
    engine.reset();
    Options o = testing::test_options(dir, clock);
    o.rate_limits.rewrites_per_hour = limit;
    o.admin_emails = {"admin@example.com"};
    engine = Engine::open(o);
    user = principal("jane@example.com");
    other = principal("max@example.com");
    doc = engine->upload_document(user, "jane.txt", kResume).id;
  }

  Principal principal(const std::string& email) {
    try {
      auto r = engine->signup({{"name", "Someone"}, {"email", email}, {"password", "correct horse"}});
      return engine->authenticate(r.tokens.access_token);
    } catch (const Error&) {  // reopened engine: the account exists
      auto r = engine->login({{"email", email}, {"password", "correct horse"}});
      return engine->authenticate(r.tokens.access_token);
    }
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
  Principal user, other;
  std::string doc;
};

TEST_F(EngineRewriteTest, RewriteReturnsTheContractKeysAndSavesAVersion) {
  Json r = engine->rewrite(user, {{"resume_id", doc}, {"rewrite_style", " technical "}});
  for (const char* key : {"version_id", "resume_id", "original_text", "rewritten_text", "diff_html", "improvements",
                          "suggestions", "impact_score", "style", "latency", "api_status", "warning"}) {
    EXPECT_TRUE(r.contains(key)) << key;
  }
  EXPECT_EQ(r["style"], "Technical");
  EXPECT_EQ(r["resume_id"], doc);
  EXPECT_EQ(r["api_status"], "local");
  EXPECT_TRUE(r["warning"].is_null());
  EXPECT_NE(r["rewritten_text"], r["original_text"]);
  EXPECT_THAT(r["rewritten_text"].get<std::string>(), ::testing::Not(HasSubstr("Responsible for")));

  Json list = engine->versions(user, doc);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["version_id"], r["version_id"]);
  EXPECT_EQ(list[0]["kind"], "rewrite");
  EXPECT_EQ(list[0]["style"], "Technical");
  EXPECT_EQ(list[0]["source"], "local");
  EXPECT_EQ(list[0]["impact_score"], r["impact_score"]);

  Json v = engine->version(user, r["version_id"].get<std::string>());
  EXPECT_EQ(v["rewritten_text"], r["rewritten_text"]);
  EXPECT_EQ(v["kind"], "rewrite");
  EXPECT_EQ(v["source"], "local");
  EXPECT_EQ(v["created_at"], format_timestamp(clock->now_ms()));
}

TEST_F(EngineRewriteTest, TailorCoverLetterAndLinkedInAreVersionsNewestFirst) {
  Json t = engine->tailor(user, {{"resume_id", doc}, {"job_description", kDescription}});
  EXPECT_EQ(t["tailoring_level"], "moderate");
  EXPECT_THAT(t["missing_skills"].get<std::vector<std::string>>(), ::testing::Contains("Kubernetes"));
  EXPECT_THAT(t["tailored_resume"].get<std::string>(), ::testing::Not(HasSubstr("Kubernetes")));
  clock->advance_seconds(1);
  Json c = engine->cover_letter(user, {{"resume_id", doc}, {"job_description", kDescription}, {"tone", "Concise"}});
  EXPECT_EQ(c["tone"], "concise");
  EXPECT_TRUE(c["job_id"].is_null());
  clock->advance_seconds(1);
  Json l = engine->linkedin(user, {{"resume_id", doc}});
  EXPECT_LE(l["headline"].get<std::string>().size(), 220u * 4);

  Json list = engine->versions(user, doc);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["kind"], "linkedin");
  EXPECT_TRUE(list[0]["style"].is_null());
  EXPECT_TRUE(list[0]["impact_score"].is_null());
  EXPECT_EQ(list[1]["kind"], "cover_letter");
  EXPECT_EQ(list[1]["style"], "concise");
  EXPECT_EQ(list[2]["kind"], "tailor");
  EXPECT_EQ(list[2]["style"], "moderate");
  EXPECT_EQ(list[2]["impact_score"], t["match_score"]);

  // The data export carries them.
  EXPECT_EQ(engine->export_data(user)["versions"].size(), 3u);
}

TEST_F(EngineRewriteTest, CoverLetterForACatalogueJob) {
  Principal admin = principal("admin@example.com");
  engine->import_jobs(admin,
                      R"([{"title": "Billing Engineer", "company": "Contoso", "description": "Own Python billing services on AWS and PostgreSQL for utilities."}])",
                      "json", "");
  const std::string job_id = engine->jobs(user).jobs.at(0).job_id;
  Json c = engine->cover_letter(user, {{"resume_id", doc}, {"job_id", job_id}});
  EXPECT_EQ(c["job_id"], job_id);
  EXPECT_THAT(c["text"].get<std::string>(), HasSubstr("Contoso"));
  Error e = error_of([&] { engine->cover_letter(user, {{"resume_id", doc}, {"job_id", "ffffffffffffffff"}}); });
  EXPECT_EQ(e.code(), ErrorCode::NotFound);
  EXPECT_EQ(e.detail(), "Job not found");
}

TEST_F(EngineRewriteTest, ValidationAndPerRouteMessages) {
  Error e = error_of([&] { engine->rewrite(user, {{"resume_id", doc}, {"rewrite_style", "Poetic"}}); });
  ASSERT_EQ(e.code(), ErrorCode::Validation);
  EXPECT_EQ(e.issues().at(0).type, "literal_error");
  EXPECT_EQ(e.issues().at(0).msg,
            "Input should be 'Technical', 'Management', 'Creative', 'Sales', 'Academic' or 'Executive'");

  e = error_of([&] { engine->rewrite(user, Json::object()); });
  ASSERT_EQ(e.code(), ErrorCode::Validation);
  EXPECT_EQ(e.issues().size(), 2u);  // both fields reported together

  e = error_of([&] { engine->tailor(user, {{"resume_id", doc}, {"job_description", "too short"}}); });
  ASSERT_EQ(e.code(), ErrorCode::Validation);
  EXPECT_EQ(e.issues().at(0).type, "string_too_short");

  e = error_of([&] {
    engine->tailor(user, {{"resume_id", doc}, {"job_description", kDescription}, {"tailoring_level", "extreme"}});
  });
  EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
  EXPECT_EQ(e.detail(), "Invalid tailoring level. Must be one of: conservative, moderate, aggressive");

  e = error_of([&] { engine->cover_letter(user, {{"resume_id", doc}}); });
  ASSERT_EQ(e.code(), ErrorCode::Validation);
  EXPECT_EQ(e.issues().at(0).msg, "Value error, provide exactly one of job_description or job_id");

  e = error_of([&] { engine->linkedin(user, {{"resume_id", doc}, {"target_role", std::string(101, 'x')}}); });
  EXPECT_EQ(e.code(), ErrorCode::Validation);
}

TEST_F(EngineRewriteTest, AnotherUsersDocumentOrVersionIsNotFound) {
  const std::string id = engine->rewrite(user, {{"resume_id", doc}, {"rewrite_style", "Sales"}})["version_id"];
  auto detail = [&](const std::function<void()>& fn) { return error_of(fn).detail(); };
  EXPECT_EQ(detail([&] { engine->rewrite(other, {{"resume_id", doc}, {"rewrite_style", "Sales"}}); }),
            "Document not found or access denied");
  EXPECT_EQ(detail([&] { engine->tailor(other, {{"resume_id", doc}, {"job_description", kDescription}}); }),
            "Document not found or you don't have permission to access it");
  EXPECT_EQ(detail([&] { engine->cover_letter(other, {{"resume_id", 99999}, {"job_description", kDescription}}); }),
            "Document not found or access denied");
  EXPECT_EQ(detail([&] { engine->linkedin(other, {{"resume_id", doc}}); }), "Document not found or access denied");
  EXPECT_EQ(detail([&] { engine->versions(other, doc); }), "Document not found");
  EXPECT_EQ(detail([&] { engine->version(other, id); }), "Version not found");
  EXPECT_EQ(detail([&] { engine->version(user, "nope"); }), "Version not found");
}

TEST_F(EngineRewriteTest, DocumentWithoutTextIsABadRequest) {
  // Uploads refuse short texts, so the record is written straight into the store.
  auto store = open_sqlite_store(engine->options().sqlite_path());
  DocumentRecord r;
  r.id = "00000000-0000-4000-8000-000000000001";
  r.user_id = user.user_id;
  r.file_name = "empty.txt";
  r.file_type = "txt";
  r.mime_type = "text/plain";
  r.storage_path = "user_x/empty.txt";
  r.text = "  \n";
  store->insert_document(r);
  Error e = error_of([&] { engine->rewrite(user, {{"resume_id", r.id}, {"rewrite_style", "Technical"}}); });
  EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
  EXPECT_EQ(e.detail(), "Document has no text content to rewrite");
}

TEST_F(EngineRewriteTest, TheLimitIsSharedCountsSuccessesOnlyAndSlides) {
  open(3);
  engine->rewrite(user, {{"resume_id", doc}, {"rewrite_style", "Technical"}});
  clock->advance_seconds(600);
  engine->tailor(user, {{"resume_id", doc}, {"job_description", kDescription}});
  // Failures do not count.
  error_of([&] { engine->linkedin(user, {{"resume_id", "missing"}}); });
  engine->linkedin(user, {{"resume_id", doc}});
  Error e = error_of([&] { engine->cover_letter(user, {{"resume_id", doc}, {"job_description", kDescription}}); });
  ASSERT_EQ(e.code(), ErrorCode::RateLimited);
  EXPECT_EQ(e.detail(), "Rewrite limit reached (3 per hour). Try again in 3000 seconds.");
  EXPECT_EQ(e.retry_after_seconds(), 3000);
  // 422 comes before 429 (api-v2.md §1.4).
  EXPECT_EQ(error_of([&] { engine->rewrite(user, Json::object()); }).code(), ErrorCode::Validation);
  // Another user has their own window.
  engine->rewrite(other, {{"resume_id", engine->upload_document(other, "max.txt", kResume).id},
                          {"rewrite_style", "Technical"}});
  clock->advance_seconds(3000);
  engine->rewrite(user, {{"resume_id", doc}, {"rewrite_style", "Technical"}});
}

TEST_F(EngineRewriteTest, DeletingTheDocumentDeletesItsVersions) {
  const std::string id = engine->rewrite(user, {{"resume_id", doc}, {"rewrite_style", "Executive"}})["version_id"];
  engine->delete_document(user, doc);
  EXPECT_EQ(error_of([&] { engine->version(user, id); }).detail(), "Version not found");
  EXPECT_EQ(error_of([&] { engine->versions(user, doc); }).detail(), "Document not found");
  EXPECT_TRUE(engine->export_data(user)["versions"].empty());
}

TEST_F(EngineRewriteTest, ApiInfoListsRewriting) {
  Json features = engine->api_info()["features"];
  EXPECT_THAT(features.get<std::vector<std::string>>(),
              ::testing::Contains("Resume Rewriting & Tailoring (local engine)"));
}

TEST(RewriteWithoutDatabase, RewriteTextIsLocalAndValidates) {
  auto r = rewrite_text(kResume, "management");
  EXPECT_EQ(r.style, rewrite::Style::Management);
  EXPECT_EQ(r.status.api_status, "local");
  EXPECT_GE(r.impact_score, r.impact_score_before);
  try {
    rewrite_text("", "Technical");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Validation);
  }
  try {
    rewrite_text(kResume, "Poetic");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Validation);
  }
  auto t = tailor_document("jane.txt", kResume, kDescription, "aggressive");
  EXPECT_EQ(t.level, rewrite::Level::Aggressive);
}

}  // namespace
}  // namespace aligncv
