// The Engine's notifications (api-v2.md §6): new matches after an import (threshold, dedup,
// cap), application updates, the password notice, digests at the local hour, quiet hours, the
// test notification, and the list operations. Time comes from a ManualClock; nothing sleeps.
#include <gtest/gtest.h>
#include <aligncv/engine.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>

#include "test_support.hpp"

namespace aligncv {
namespace {

const char* kResume =
    "Jane Doe\nSenior Backend Engineer\njane@example.com | +49 30 1234567 | Berlin\n\n"
    "EXPERIENCE\nSenior Backend Engineer, Northwind Analytics, Mar 2017 - Present\n"
    "* Built Python services on PostgreSQL handling 2M requests a day\n"
    "* Moved the platform to AWS with Docker\n\n"
    "SKILLS\nPython, PostgreSQL, AWS, Docker\n";

std::string backend_job(const std::string& company) {
  return R"({"title": "Senior Backend Engineer", "company": ")" + company +
         R"(", "location": "Berlin, Germany",
  "required_skills": ["Python", "PostgreSQL", "AWS", "Docker"],
  "description": "Own our Python services on PostgreSQL and AWS with Docker.", "experience_level": "senior",
  "employment_type": "full-time"})";
}
const char* kChef = R"({"title": "Pastry Chef", "company": "Le Four", "description": "Bake bread and pastries."})";

constexpr int64_t kTuesday0700Utc = 1767682800000;  // 2026-01-06T07:00:00Z
constexpr int64_t kHour = 3600 * 1000;

class EngineNotificationsTest : public ::testing::Test {
 protected:
  void open(bool smtp) {
    Options o = testing::test_options(dir, clock);
    o.admin_emails = {"admin@example.com"};
    if (smtp) {
      o.smtp_url = "smtp://127.0.0.1:1";  // nothing listens: messages stay queued
      o.smtp_from = "AlignCV <noreply@example.com>";
    }
    o.digest_hour = 9;
    engine = Engine::open(o);
    admin = principal("admin@example.com");
    jane = principal("jane@example.com");
    max = principal("max@example.com");
  }

  Principal principal(const std::string& email) {
    auto r = engine->signup({{"name", "Someone"}, {"email", email}, {"password", "correct horse"}});
    return engine->authenticate(r.tokens.access_token);
  }

  void import(const std::string& records) { engine->import_jobs(admin, "[" + records + "]", "", "application/json"); }

  std::vector<notify::Notification> list(const Principal& p, Json query = Json::object()) {
    return engine->notifications(p, query).notifications;
  }

  // (kind, next_attempt_at) of every outbox row.
  std::vector<std::pair<std::string, int64_t>> outbox() {
    SQLite::Database db(dir / "aligncv.db");
    SQLite::Statement q(db, "SELECT kind, next_attempt_at FROM outbox ORDER BY created_at, kind");
    std::vector<std::pair<std::string, int64_t>> out;
    while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64());
    return out;
  }

  static ErrorCode code_of(const std::function<void()>& fn) {
    try {
      fn();
    } catch (const Error& e) {
      return e.code();
    }
    ADD_FAILURE() << "no error";
    return ErrorCode::Internal;
  }

  testing::TempDir dir;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kTuesday0700Utc);
  std::unique_ptr<Engine> engine;
  Principal admin, jane, max;
};

TEST_F(EngineNotificationsTest, ImportNotifiesUsersOverTheThresholdOnlyAndNeverTwice) {
  open(false);
  engine->upload_document(jane, "jane.txt", kResume);
  engine->upload_document(max, "max.txt", kResume);
  engine->update_notification_settings(jane, {{"min_match_score", 0.5}});
  engine->update_notification_settings(max, {{"min_match_score", 1.0}});  // nothing reaches it
  import(backend_job("Northwind") + "," + kChef);

  auto got = list(jane);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].type, "job_match");
  EXPECT_EQ(got[0].title, "New match: Senior Backend Engineer");
  EXPECT_EQ(got[0].job_company, "Northwind");
  ASSERT_TRUE(got[0].match_score.has_value());
  EXPECT_GE(*got[0].match_score, 0.5);
  EXPECT_TRUE(list(max).empty());
  EXPECT_TRUE(list(admin).empty());  // no résumé, nothing to score

  import(backend_job("Northwind") + "," + kChef);  // a re-import: no new postings
  EXPECT_EQ(list(jane).size(), 1u);
  engine->ingest_demo_jobs(admin);  // other new postings: only those are scored
  for (const auto& n : list(jane)) EXPECT_GE(n.match_score.value_or(1), 0.5);
}

TEST_F(EngineNotificationsTest, AtMostTenMatchesPerRunAndTheSwitchTurnsThemOff) {
  open(false);
  engine->upload_document(jane, "jane.txt", kResume);
  engine->upload_document(max, "max.txt", kResume);
  engine->update_notification_settings(jane, {{"min_match_score", 0.3}});
  engine->update_notification_settings(max, {{"min_match_score", 0.3}, {"notify_new_matches", false}});
  std::string records;
  for (int i = 0; i < 15; ++i) records += (i ? "," : "") + backend_job("Company " + std::to_string(i));
  import(records);
  EXPECT_EQ(list(jane).size(), 10u);
  EXPECT_EQ(engine->notifications(jane, {{"limit", "5"}}).total, 10);
  EXPECT_TRUE(list(max).empty());  // no in-app match and (without SMTP) no e-mail
}

TEST_F(EngineNotificationsTest, ApplicationStatusChangesNotifyButCreatingDoesNot) {
  open(false);
  import(backend_job("Northwind"));
  const std::string job_id = engine->jobs(jane).jobs.at(0).job_id;
  engine->apply(jane, {{"job_id", job_id}});
  EXPECT_TRUE(list(jane).empty());
  engine->apply(jane, {{"job_id", job_id}, {"status", "applied"}});  // same status
  EXPECT_TRUE(list(jane).empty());
  engine->apply(jane, {{"job_id", job_id}, {"status", "interviewing"}});
  engine->update_application(jane, job_id, {{"status", "offered"}}, false);
  auto got = list(jane);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].type, "application_update");
  EXPECT_EQ(got[0].title, "Application update: Senior Backend Engineer");
  EXPECT_EQ(got[0].message, "Northwind: status changed from interviewing to offered");
  engine->update_notification_settings(jane, {{"notify_application_updates", false}});
  engine->update_application(jane, job_id, {{"status", "accepted"}}, false);
  EXPECT_EQ(list(jane).size(), 2u);
}

TEST_F(EngineNotificationsTest, ListFiltersReadMarkAllAndDeleteAreScopedToTheOwner) {
  open(false);
  for (int i = 0; i < 3; ++i) {
    engine->test_notification(jane);
    clock->advance_seconds(1);
  }
  engine->test_notification(max);
  auto page = engine->notifications(jane);
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(page.unread, 3);
  const std::string first = page.notifications[0].id;
  engine->mark_notification_read(jane, first);
  engine->mark_notification_read(jane, first);  // again: fine
  EXPECT_EQ(engine->notifications(jane, {{"status", "read"}}).total, 1);
  EXPECT_EQ(engine->notifications(jane, {{"unread_only", "true"}}).total, 2);
  EXPECT_EQ(engine->notifications(jane, {{"type", "job_match"}}).total, 0);
  EXPECT_EQ(engine->notifications(jane, {{"type", "job_match"}}).unread, 2);
  EXPECT_EQ(code_of([&] { engine->notifications(jane, {{"type", "bogus"}}); }), ErrorCode::Validation);
  EXPECT_EQ(code_of([&] { engine->notifications(jane, {{"limit", "0"}}); }), ErrorCode::Validation);

  const std::string maxs = list(max).at(0).id;
  EXPECT_EQ(code_of([&] { engine->mark_notification_read(jane, maxs); }), ErrorCode::NotFound);
  EXPECT_EQ(code_of([&] { engine->delete_notification(jane, maxs); }), ErrorCode::NotFound);
  EXPECT_EQ(code_of([&] { engine->delete_notification(jane, "nope"); }), ErrorCode::NotFound);

  EXPECT_EQ(engine->mark_all_notifications_read(jane), 2);
  EXPECT_EQ(engine->mark_all_notifications_read(jane), 0);
  engine->delete_notification(jane, first);
  EXPECT_EQ(engine->notifications(jane).total, 2);
  EXPECT_EQ(engine->notifications(max).unread, 1);
  EXPECT_EQ(engine->export_data(jane)["notifications"].size(), 2u);
}

TEST_F(EngineNotificationsTest, TestNotificationTellsTheTruthAboutSmtp) {
  open(false);
  auto result = engine->test_notification(jane);
  EXPECT_FALSE(result.queued);
  EXPECT_EQ(to_json(result)["delivery"], "smtp_not_configured");
  EXPECT_EQ(result.email, "jane@example.com");
  auto got = list(jane);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].id, result.notification_id);
  EXPECT_EQ(got[0].type, "system");
  EXPECT_EQ(got[0].title, "Test notification");
  EXPECT_TRUE(outbox().empty());
  EXPECT_FALSE(engine->run_due_notifications().smtp_configured);
  EXPECT_EQ(code_of([&] { engine->send_test_email("jane@example.com"); }), ErrorCode::Unavailable);
}

TEST_F(EngineNotificationsTest, WithSmtpTheTestAndSecurityMailsAreQueuedAndWaitWhenTheServerIsDown) {
  open(true);
  auto result = engine->test_notification(jane);
  EXPECT_TRUE(result.queued);
  EXPECT_EQ(to_json(result)["delivery"], "queued");
  engine->change_password(jane, {{"current_password", "correct horse"}, {"new_password", "battery staple"}});
  auto rows = outbox();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(engine->outbox_counts()["pending"], 2);
  EXPECT_EQ(list(jane).size(), 2u);  // the test and the password-change system notifications

  auto report = engine->run_due_notifications();
  EXPECT_EQ(report.sent, 0);
  EXPECT_EQ(report.retried, 2);  // nothing listens on port 1
  EXPECT_EQ(engine->outbox_counts()["failed"], 2);
  EXPECT_EQ(engine->run_due_notifications().retried, 0);  // not due again before the backoff
}

TEST_F(EngineNotificationsTest, QuietHoursDeferTheEmailButNotTheNotification) {
  open(true);
  clock->set_ms(kTuesday0700Utc - 8 * kHour);  // Monday 23:00 UTC
  engine->upload_document(jane, "jane.txt", kResume);
  engine->update_notification_settings(jane, {{"min_match_score", 0.5},
                                              {"digest_frequency", "disabled"},
                                              {"weekly_summary", false},
                                              {"quiet_hours_start", "22:00"},
                                              {"quiet_hours_end", "07:00"}});
  import(backend_job("Northwind"));
  EXPECT_EQ(list(jane).size(), 1u);  // in-app at once
  auto rows = outbox();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].first, "job_matches");
  EXPECT_EQ(rows[0].second, kTuesday0700Utc);  // the end of the quiet hours
  EXPECT_EQ(engine->run_due_notifications().retried, 0);  // not due yet
  EXPECT_EQ(engine->run_due_notifications(kTuesday0700Utc).retried, 1);  // due: tried (server down)
}

TEST_F(EngineNotificationsTest, DailyDigestComesAtTheLocalHourOnce) {
  open(true);
  clock->set_ms(kTuesday0700Utc - 12 * kHour);  // Monday 19:00 UTC
  engine->upload_document(jane, "jane.txt", kResume);
  engine->update_notification_settings(jane, {{"min_match_score", 0.5}, {"timezone", "Europe/Berlin"}});
  engine->update_notification_settings(max, {{"email_enabled", false}});
  engine->update_notification_settings(admin, {{"email_enabled", false}});
  EXPECT_EQ(engine->run_due_notifications().digests, 0);  // Monday's slot: nothing happened
  import(backend_job("Northwind"));
  EXPECT_TRUE(outbox().empty());  // daily: the match waits for the digest

  // 09:00 in Berlin is 08:00 UTC in winter.
  EXPECT_EQ(engine->run_due_notifications(kTuesday0700Utc + 59 * 60 * 1000).digests, 0);
  clock->set_ms(kTuesday0700Utc + kHour);
  auto report = engine->run_due_notifications();
  EXPECT_EQ(report.digests, 1);
  EXPECT_EQ(outbox().at(0).first, "digest");
  EXPECT_EQ(engine->run_due_notifications().digests, 0);  // once per slot
}

TEST_F(EngineNotificationsTest, UnsubscribeLinkTurnsEmailOff) {
  open(false);
  const std::string token = engine->unsubscribe_token(jane.user_id);
  EXPECT_EQ(engine->check_unsubscribe_token(token), jane.user_id);
  EXPECT_TRUE(engine->notification_settings(jane).email_enabled);
  engine->unsubscribe(token);
  EXPECT_FALSE(engine->notification_settings(jane).email_enabled);
  EXPECT_EQ(code_of([&] { engine->unsubscribe(token + "x"); }), ErrorCode::InvalidArgument);
  EXPECT_EQ(code_of([&] { engine->unsubscribe(""); }), ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace aligncv
