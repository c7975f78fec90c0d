// Store round trips of notifications, the new-match dedup table and the outbox (migration 5).
#include <aligncv/store.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace aligncv {
namespace {

class NotifyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_sqlite_store(dir_ / "aligncv.db");
    for (const char* id : {"u1", "u2"}) {
      UserRecord u;
      u.id = id;
      u.email = u.email_key = std::string(id) + "@example.com";
      u.name = id;
      store_->create_user(u, Json::object());
    }
  }

  static NotificationRecord note(const std::string& id, const std::string& user,
                                 const std::string& type, int64_t at) {
    NotificationRecord n;
    n.id = id;
    n.user_id = user;
    n.type = type;
    n.title = "Title " + id;
    n.message = "Message " + id;
    n.created_at = at;
    if (type == "job_match") {
      n.job_id = "job-" + id;
      n.match_score = 0.9;
      n.job_title = "Data Engineer";
      n.job_company = "Contoso";
    }
    return n;
  }

  static OutboxRecord mail(const std::string& id, int64_t at) {
    OutboxRecord m;
    m.id = id;
    m.user_id = "u1";
    m.kind = "test";
    m.recipient = "u1@example.com";
    m.subject = "Hello";
    m.content = {{"subject", "Hello"}, {"intro", "Hi"}, {"sections", Json::array()}};
    m.next_attempt_at = at;
    m.created_at = m.updated_at = at;
    return m;
  }

  aligncv::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(NotifyStoreTest, MigratesToVersionFive) { EXPECT_GE(store_->schema_version(), 5); }

TEST_F(NotifyStoreTest, NotificationsRoundTripNewestFirstWithFiltersAndCounts) {
  NotificationBatch batch;
  batch.notifications = {note("a", "u1", "job_match", 100), note("b", "u1", "system", 200),
                         note("c", "u1", "application_update", 300),
                         note("d", "u2", "system", 400)};
  batch.notifications[2].job_id = "job-c";
  batch.notifications[2].job_title = "Analyst";
  batch.notifications[2].job_company = "Northwind";
  EXPECT_EQ(store_->commit_notifications(batch), 4);

  auto all = store_->notifications("u1", {});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, "c");
  EXPECT_EQ(all[2].id, "a");
  EXPECT_EQ(all[2].job_id, "job-a");
  EXPECT_DOUBLE_EQ(*all[2].match_score, 0.9);
  EXPECT_EQ(all[2].job_company, "Contoso");
  EXPECT_FALSE(all[1].job_id);
  EXPECT_FALSE(all[1].match_score);
  EXPECT_EQ(all[0].job_title, "Analyst");

  NotificationFilter systems;
  systems.type = "system";
  EXPECT_EQ(store_->notification_count("u1", systems), 1);
  EXPECT_EQ(store_->notifications("u1", systems)[0].id, "b");
  NotificationFilter page;
  page.limit = 1;
  page.offset = 1;
  ASSERT_EQ(store_->notifications("u1", page).size(), 1u);
  EXPECT_EQ(store_->notifications("u1", page)[0].id, "b");
  EXPECT_EQ(store_->notification_count("u1", page), 3);  // paging does not change the total
  EXPECT_EQ(store_->unread_notification_count("u1"), 3);
  EXPECT_FALSE(store_->notification("u2", "a"));  // scoped to the owner
}

TEST_F(NotifyStoreTest, MarkingReadSetsReadAtOnceAndCountsUnread) {
  NotificationBatch batch;
  batch.notifications = {note("a", "u1", "system", 1), note("b", "u1", "system", 2),
                         note("c", "u1", "system", 3)};
  store_->commit_notifications(batch);
  EXPECT_TRUE(store_->mark_notification_read("u1", "a", 1000));
  EXPECT_TRUE(store_->mark_notification_read("u1", "a", 2000));  // already read: still fine
  auto a = store_->notification("u1", "a");
  EXPECT_TRUE(a->is_read);
  EXPECT_EQ(a->read_at, 1000);
  EXPECT_FALSE(store_->mark_notification_read("u2", "a", 1000));
  NotificationFilter read;
  read.is_read = true;
  EXPECT_EQ(store_->notification_count("u1", read), 1);
  EXPECT_EQ(store_->mark_all_notifications_read("u1", 3000), 2);
  EXPECT_EQ(store_->mark_all_notifications_read("u1", 4000), 0);
  EXPECT_EQ(store_->unread_notification_count("u1"), 0);
  EXPECT_EQ(store_->notification("u1", "a")->read_at, 1000);
  EXPECT_EQ(store_->notification("u1", "c")->read_at, 3000);
}

TEST_F(NotifyStoreTest, DeletesOnlyTheOwnersNotification) {
  NotificationBatch batch;
  batch.notifications = {note("a", "u1", "system", 1)};
  store_->commit_notifications(batch);
  EXPECT_FALSE(store_->delete_notification("u2", "a"));
  EXPECT_TRUE(store_->delete_notification("u1", "a"));
  EXPECT_FALSE(store_->delete_notification("u1", "a"));
}

TEST_F(NotifyStoreTest, AMatchIsRecordedOnceAndItsNotificationNeverDuplicated) {
  NotificationBatch first;
  first.matches = {{"u1", "job-a", "Data Engineer", "Contoso", 0.9, 100}};
  first.notifications = {note("a", "u1", "job_match", 100)};
  EXPECT_EQ(store_->commit_notifications(first), 1);
  // A second run (or a concurrent one) produces the same pair again.
  NotificationBatch second;
  second.matches = {{"u1", "job-a", "Data Engineer", "Contoso", 0.95, 200}};
  second.notifications = {note("a2", "u1", "job_match", 200)};
  second.notifications[0].job_id = "job-a";
  EXPECT_EQ(store_->commit_notifications(second), 0);
  EXPECT_EQ(store_->notification_count("u1", {}), 1);

  auto pairs = store_->notified_pairs({"job-a", "job-z"});
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0], (std::pair<std::string, std::string>{"u1", "job-a"}));
  auto matches = store_->notified_matches("u1", 0, 1000);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_DOUBLE_EQ(matches[0].score, 0.9);  // the first record stands
  EXPECT_EQ(matches[0].job_company, "Contoso");
  EXPECT_TRUE(store_->notified_matches("u1", 101, 1000).empty());
}

TEST_F(NotifyStoreTest, CountsPostingsCreatedInAPeriod) {
  std::vector<JobRecord> jobs(3);
  for (int i = 0; i < 3; ++i) {
    jobs[i].job_id = "j" + std::to_string(i);
    jobs[i].source = "import";
    jobs[i].created_at = jobs[i].updated_at = 100 * (i + 1);
  }
  store_->upsert_jobs(jobs);
  EXPECT_EQ(store_->jobs_created_between(100, 300), 2);
  EXPECT_EQ(store_->jobs_created_between(0, 1000), 3);
}

TEST_F(NotifyStoreTest, OutboxEnqueueIsIdempotentByKey) {
  EXPECT_TRUE(store_->enqueue_outbox(mail("k", 10)));
  auto again = mail("k", 99);
  again.subject = "Other";
  EXPECT_FALSE(store_->enqueue_outbox(again));
  auto row = store_->outbox_message("k");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->subject, "Hello");
  EXPECT_EQ(row->state, "pending");
  EXPECT_EQ(row->content["intro"], "Hi");
  EXPECT_EQ(row->recipient, "u1@example.com");
}

TEST_F(NotifyStoreTest, OutboxClaimLeaseSentAndFailedTransitions) {
  store_->enqueue_outbox(mail("due", 10));
  store_->enqueue_outbox(mail("later", 500));
  auto claimed = store_->claim_due_outbox(100, 400, 10);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, "due");
  EXPECT_EQ(claimed[0].state, "sending");
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_EQ(claimed[0].lease_until, 400);
  EXPECT_TRUE(store_->claim_due_outbox(300, 700, 10).empty());  // leased; "later" not due
  store_->mark_outbox_failed("due", "SMTP delivery failed: timed out", 600, false, 300);
  auto failed = store_->outbox_message("due");
  EXPECT_EQ(failed->state, "failed");
  EXPECT_EQ(failed->last_error, "SMTP delivery failed: timed out");
  EXPECT_FALSE(failed->lease_until);

  auto both = store_->claim_due_outbox(600, 900, 10);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].id, "later");  // oldest due first
  EXPECT_EQ(both[1].attempts, 2);
  store_->mark_outbox_sent("due", 650);
  store_->mark_outbox_failed("later", "boom", 650, true, 650);
  EXPECT_EQ(store_->outbox_message("due")->state, "sent");
  EXPECT_EQ(store_->outbox_message("due")->sent_at, 650);
  EXPECT_EQ(store_->outbox_message("later")->state, "dead");
  store_->mark_outbox_failed("due", "late report of a stale worker", 700, false, 700);
  EXPECT_EQ(store_->outbox_message("due")->state, "sent");  // a sent row stays sent
  EXPECT_TRUE(store_->claim_due_outbox(1'000'000, 2'000'000, 10).empty());

  auto counts = store_->outbox_counts();
  EXPECT_EQ(counts["sent"], 1);
  EXPECT_EQ(counts["dead"], 1);
  EXPECT_EQ(counts["pending"], 0);
  EXPECT_EQ(counts.size(), 5u);
}

TEST_F(NotifyStoreTest, DeletingAUserRemovesTheirNotificationsMatchesAndMail) {
  NotificationBatch batch;
  batch.matches = {{"u1", "job-a", "T", "C", 0.9, 1}};
  batch.notifications = {note("a", "u1", "job_match", 1)};
  batch.outbox = {mail("k", 1)};
  store_->commit_notifications(batch);
  EXPECT_TRUE(store_->delete_user("u1"));
  EXPECT_FALSE(store_->outbox_message("k"));
  EXPECT_TRUE(store_->notified_pairs({"job-a"}).empty());
}

}  // namespace
}  // namespace aligncv
