// The e-mail outbox: retry schedule and jitter, dead-lettering, and delivery across a crash
// (api-v2.md §6.4). Time comes from a ManualClock; the mailer is a fake.
#include <aligncv/clock.hpp>
#include <aligncv/error.hpp>
#include <aligncv/notify.hpp>
#include <aligncv/store.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "notify_test_support.hpp"
#include "test_support.hpp"

namespace aligncv::notify {
namespace {

constexpr int64_t kMinute = 60 * 1000;
constexpr int64_t kHour = 60 * kMinute;

// ---- backoff ----

TEST(NotifyBackoffTest, DoublesFromOneMinuteAndCapsAtSixHoursWithinTenPercentJitter) {
  std::mt19937_64 rng(42);
  for (int attempt = 1; attempt <= 14; ++attempt) {
    const int64_t base = std::min<int64_t>(kMinute << std::min(attempt - 1, 20), 6 * kHour);
    for (int i = 0; i < 200; ++i) {
      const int64_t d = backoff_delay_ms(attempt, rng);
      EXPECT_GE(d, base * 9 / 10) << "attempt " << attempt;
      EXPECT_LE(d, base * 11 / 10) << "attempt " << attempt;
    }
  }
}

TEST(NotifyBackoffTest, JitterIsDrawnFromTheInjectedSeededGenerator) {
  std::mt19937_64 a(7), b(7), c(8);
  std::vector<int64_t> first, second, other;
  for (int i = 0; i < 20; ++i) {
    first.push_back(backoff_delay_ms(3, a));
    second.push_back(backoff_delay_ms(3, b));
    other.push_back(backoff_delay_ms(3, c));
  }
  EXPECT_EQ(first, second);  // same seed, same schedule
  EXPECT_NE(first, other);
  std::sort(first.begin(), first.end());
  EXPECT_LT(first.front(), first.back());  // not a constant: the jitter spreads retries
  double mean = 0;
  std::mt19937_64 rng(1);
  for (int i = 0; i < 5000; ++i) mean += static_cast<double>(backoff_delay_ms(1, rng));
  EXPECT_NEAR(mean / 5000, 60000.0, 600.0);
}

TEST(NotifyOutboxTest, IdempotencyKeysAreStableAndUnambiguous) {
  EXPECT_EQ(idempotency_key({"digest", "u1", "2026-03-30"}),
            idempotency_key({"digest", "u1", "2026-03-30"}));
  EXPECT_NE(idempotency_key({"ab", "c"}), idempotency_key({"a", "bc"}));
  EXPECT_EQ(idempotency_key({"x"}).size(), 32u);
}

// ---- delivery with an in-memory outbox ----

TEST(NotifyOutboxTest, DeliversDueMessagesAndLeavesFutureOnesPending) {
  MemoryOutbox box;
  box.add(make_outbox_message("k1", std::string("u1"), EmailKind::Test, "a@example.com",
                              test_email(), 1000, 0));
  box.add(make_outbox_message("k2", std::string("u1"), EmailKind::Test, "a@example.com",
                              test_email(), 5000, 0));
  FakeMailer mailer;
  std::mt19937_64 rng(1);
  auto report = deliver_due(box, mailer, 1000, rng);
  EXPECT_EQ(report.sent, 1);
  EXPECT_EQ(mailer.sent_ids, (std::vector<std::string>{"k1"}));
  EXPECT_EQ(box.rows["k1"].state, OutboxState::Sent);
  EXPECT_EQ(box.rows["k2"].state, OutboxState::Pending);
  deliver_due(box, mailer, 5000, rng);
  EXPECT_EQ(mailer.sent_ids, (std::vector<std::string>{"k1", "k2"}));
}

TEST(NotifyOutboxTest, RetriesOnTheBackoffScheduleAndDeadLettersAfterMaxAttempts) {
  ManualClock clock(1'800'000'000'000);
  MemoryOutbox box;
  box.add(make_outbox_message("k", std::nullopt, EmailKind::Test, "a@example.com", test_email(),
                              clock.now_ms(), clock.now_ms()));
  FakeMailer mailer;
  mailer.fail_next = 1000;
  std::mt19937_64 rng(3);
  DeliveryOptions options;
  options.max_attempts = 4;
  std::vector<int64_t> delays;
  for (int attempt = 1; attempt <= 4; ++attempt) {
    const int64_t before = clock.now_ms();
    auto report = deliver_due(box, mailer, clock.now_ms(), rng, options);
    const OutboxMessage& row = box.rows["k"];
    EXPECT_EQ(row.attempts, attempt);
    if (attempt < 4) {
      EXPECT_EQ(report.retried, 1);
      EXPECT_EQ(row.state, OutboxState::Failed);
      EXPECT_EQ(*row.last_error, "SMTP delivery failed: Couldn't connect to server");
      delays.push_back(row.next_attempt_at - before);
      // Not due a moment before the next attempt time.
      clock.set_ms(row.next_attempt_at - 1);
      EXPECT_EQ(deliver_due(box, mailer, clock.now_ms(), rng, options).retried, 0);
      clock.set_ms(row.next_attempt_at);
    } else {
      EXPECT_EQ(report.dead, 1);
      EXPECT_EQ(row.state, OutboxState::Dead);
    }
  }
  ASSERT_EQ(delays.size(), 3u);
  for (std::size_t i = 0; i < delays.size(); ++i) {
    const int64_t base = kMinute << i;  // 1, 2, 4 min
    EXPECT_GE(delays[i], base * 9 / 10);
    EXPECT_LE(delays[i], base * 11 / 10);
  }
  // Dead is final: nothing is claimed again, however late.
  clock.advance_ms(30 * 24 * kHour);
  EXPECT_EQ(deliver_due(box, mailer, clock.now_ms(), rng, options).dead, 0);
  EXPECT_EQ(mailer.attempts, 4);
}

TEST(NotifyOutboxTest, AMessageThatFailsOnceIsDeliveredOnTheNextAttempt) {
  MemoryOutbox box;
  box.add(
      make_outbox_message("k", std::nullopt, EmailKind::Test, "a@example.com", test_email(), 0, 0));
  FakeMailer mailer;
  mailer.fail_next = 1;
  std::mt19937_64 rng(5);
  EXPECT_EQ(deliver_due(box, mailer, 0, rng).retried, 1);
  EXPECT_EQ(deliver_due(box, mailer, box.rows["k"].next_attempt_at, rng).sent, 1);
  EXPECT_EQ(box.rows["k"].state, OutboxState::Sent);
  EXPECT_EQ(mailer.sent_ids, (std::vector<std::string>{"k"}));
}

// ---- delivery over the SQLite store, across a crash ----

class NotifyOutboxRestartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_ / "aligncv.db";
    store_ = open_sqlite_store(path_);
    UserRecord u;
    u.id = "u1";
    u.email = u.email_key = "jane@example.com";
    u.name = "Jane";
    store_->create_user(u, Json::object());
  }

  void enqueue(const std::string& key, int64_t at) {
    auto m = make_outbox_message(key, std::string("u1"), EmailKind::Test, "jane@example.com",
                                 test_email(), at, at);
    ASSERT_TRUE(store_->enqueue_outbox(to_record(m)));
  }

  aligncv::testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(NotifyOutboxRestartTest,
       AMessageLeftSendingByACrashIsResentWithTheSameMessageIdAfterItsLease) {
  ManualClock clock(1'800'000'000'000);
  enqueue("key-1", clock.now_ms());
  FakeMailer mailer;
  std::mt19937_64 rng(1);
  DeliveryOptions options;
  options.lease_ms = 5 * kMinute;
  {
    // The worker sends, then dies before it can record the success.
    StoreOutbox adapter(*store_);
    adapter.crash_before_commit = true;
    EXPECT_THROW(deliver_due(adapter, mailer, clock.now_ms(), rng, options), std::runtime_error);
  }
  EXPECT_EQ(store_->outbox_message("key-1")->state, "sending");
  store_.reset();  // the process is gone

  store_ = open_sqlite_store(path_);  // restart
  StoreOutbox adapter(*store_);
  clock.advance_ms(kMinute);  // the lease still runs: no second worker may touch it
  EXPECT_EQ(deliver_due(adapter, mailer, clock.now_ms(), rng, options).sent, 0);
  clock.advance_ms(5 * kMinute);  // lease expired
  EXPECT_EQ(deliver_due(adapter, mailer, clock.now_ms(), rng, options).sent, 1);
  auto row = store_->outbox_message("key-1");
  EXPECT_EQ(row->state, "sent");
  EXPECT_EQ(row->attempts, 2);
  // Sent twice -- the crash window -- but only ever under the one Message-ID.
  EXPECT_EQ(mailer.sent_ids, (std::vector<std::string>{"key-1", "key-1"}));
  clock.advance_ms(24 * kHour);
  EXPECT_EQ(deliver_due(adapter, mailer, clock.now_ms(), rng, options).sent, 0);
  EXPECT_EQ(mailer.sent_ids.size(), 2u);
}

TEST_F(NotifyOutboxRestartTest, ACrashBeforeSendingDeliversExactlyOnce) {
  ManualClock clock(1'800'000'000'000);
  enqueue("key-2", clock.now_ms());
  // A worker claims and dies before it reaches the SMTP server.
  ASSERT_EQ(store_->claim_due_outbox(clock.now_ms(), clock.now_ms() + 5 * kMinute, 10).size(), 1u);
  store_ = open_sqlite_store(path_);
  StoreOutbox adapter(*store_);
  FakeMailer mailer;
  std::mt19937_64 rng(1);
  clock.advance_ms(6 * kMinute);
  EXPECT_EQ(deliver_due(adapter, mailer, clock.now_ms(), rng).sent, 1);
  EXPECT_EQ(mailer.sent_ids, (std::vector<std::string>{"key-2"}));
}

TEST_F(NotifyOutboxRestartTest, TwoWorkersNeverClaimTheSameMessage) {
  ManualClock clock(1'800'000'000'000);
  for (int i = 0; i < 20; ++i) enqueue("k" + std::to_string(i), clock.now_ms());
  auto second = open_sqlite_store(path_);  // another process on the same database
  auto a = store_->claim_due_outbox(clock.now_ms(), clock.now_ms() + kMinute, 12);
  auto b = second->claim_due_outbox(clock.now_ms(), clock.now_ms() + kMinute, 12);
  EXPECT_EQ(a.size(), 12u);
  EXPECT_EQ(b.size(), 8u);
  std::set<std::string> ids;
  for (const auto& m : a) ids.insert(m.id);
  for (const auto& m : b) ids.insert(m.id);
  EXPECT_EQ(ids.size(), 20u);
}

TEST_F(NotifyOutboxRestartTest, SendingMarksTheReportedNotificationsAsEmailed) {
  NotificationBatch batch;
  NotificationRecord n;
  n.id = "n1";
  n.user_id = "u1";
  n.type = "system";
  n.title = "Test notification";
  n.message = "This is a test notification from AlignCV.";
  n.created_at = 1;
  batch.notifications.push_back(n);
  auto m = make_outbox_message("k", std::string("u1"), EmailKind::Test, "jane@example.com",
                               test_email(), 0, 0, {"n1"});
  batch.outbox.push_back(to_record(m));
  EXPECT_EQ(store_->commit_notifications(batch), 1);
  EXPECT_FALSE(store_->notification("u1", "n1")->email_sent);
  StoreOutbox adapter(*store_);
  FakeMailer mailer;
  std::mt19937_64 rng(1);
  deliver_due(adapter, mailer, 10, rng);
  EXPECT_TRUE(store_->notification("u1", "n1")->email_sent);
}

}  // namespace
}  // namespace aligncv::notify
