#include <aligncv/auth.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace aligncv::auth {
namespace {

RateLimits limits(int per_account, int per_ip, int delay_after, int max_delay = 60) {
  RateLimits l;
  l.login_failures_per_account = per_account;
  l.login_failures_per_ip = per_ip;
  l.login_delay_after = delay_after;
  l.login_max_delay_seconds = max_delay;
  return l;
}

class AuthThrottleTest : public ::testing::Test {
 protected:
  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>();
};

TEST_F(AuthThrottleTest, AFirstAttemptIsAllowed) {
  LoginThrottle throttle(RateLimits{}, clock_);
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 0);
}

TEST_F(AuthThrottleTest, FourConsecutiveFailuresCauseNoDelay) {
  LoginThrottle throttle(RateLimits{}, clock_);
  for (int i = 0; i < 4; ++i) throttle.record_failure("jane@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 0);
}

TEST_F(AuthThrottleTest, DelayDoublesFromTheFifthFailureAndIsCappedAtTheMaximum) {
  LoginThrottle throttle(RateLimits{}, clock_);
  const std::string account = "jane@example.com", ip = "10.0.0.1";
  for (int i = 0; i < 4; ++i) throttle.record_failure(account, ip);
  const int64_t expected[] = {1, 2, 4, 8, 16, 32, 60, 60, 60};
  for (int64_t wait : expected) {
    throttle.record_failure(account, ip);
    EXPECT_EQ(throttle.retry_after(account, ip), wait);
    clock_->advance_seconds(wait - 1);
    EXPECT_EQ(throttle.retry_after(account, ip), 1);
    clock_->advance_seconds(1);
    EXPECT_EQ(throttle.retry_after(account, ip), 0);
  }
}

TEST_F(AuthThrottleTest, PartialSecondsAreRoundedUp) {
  LoginThrottle throttle(RateLimits{}, clock_);
  for (int i = 0; i < 6; ++i) throttle.record_failure("jane@example.com", "10.0.0.1");
  // The sixth failure asks for 2 s.
  clock_->advance_ms(1);
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 2);
  clock_->advance_ms(1000);
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 1);
  clock_->advance_ms(998);
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 1);
  clock_->advance_ms(1);
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 0);
}

TEST_F(AuthThrottleTest, TheDelayFollowsTheAccountNotTheIp) {
  LoginThrottle throttle(RateLimits{}, clock_);
  for (int i = 0; i < 5; ++i)
    throttle.record_failure("jane@example.com", "10.0.0." + std::to_string(i));
  EXPECT_EQ(throttle.retry_after("jane@example.com", "192.168.1.1"), 1);
  EXPECT_EQ(throttle.retry_after("john@example.com", "10.0.0.1"), 0);
}

TEST_F(AuthThrottleTest, HourlyAccountLimitHoldsUntilTheWindowSlides) {
  LoginThrottle throttle(limits(100, 0, 0), clock_);
  const int64_t start = clock_->now_ms();
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 0) << i;
    throttle.record_failure("jane@example.com", "10.0.0.1");
    clock_->advance_seconds(10);
  }
  // The 100th failure happened at start + 990 s; the first leaves the window at start + 3600 s.
  clock_->set_ms(start + 990'000);
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 3600 - 990);
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.2"), 3600 - 990);
  EXPECT_EQ(throttle.retry_after("john@example.com", "10.0.0.1"), 0);
  clock_->set_ms(start + 3'599'999);
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 1);
  clock_->set_ms(start + 3'600'000);
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 0);
  // One more failure refills the window; the next slot opens when the second one leaves.
  throttle.record_failure("jane@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 10);
}

TEST_F(AuthThrottleTest, PerIpLimitCountsFailuresAcrossAccounts) {
  LoginThrottle throttle(limits(0, 3, 0), clock_);
  throttle.record_failure("a@example.com", "10.0.0.1");
  throttle.record_failure("b@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("c@example.com", "10.0.0.1"), 0);
  throttle.record_failure("c@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("d@example.com", "10.0.0.1"), 3600);
  EXPECT_EQ(throttle.retry_after("d@example.com", "10.0.0.2"), 0);
  clock_->advance_seconds(3600);
  EXPECT_EQ(throttle.retry_after("d@example.com", "10.0.0.1"), 0);
}

TEST_F(AuthThrottleTest, RetryAfterIsTheLongestOfAllWaits) {
  LoginThrottle throttle(limits(100, 6, 5), clock_);
  for (int i = 0; i < 5; ++i) throttle.record_failure("jane@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 1);  // the delay
  throttle.record_failure("john@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 3600);  // the IP limit
}

TEST_F(AuthThrottleTest, SuccessResetsTheConsecutiveCounterButNotTheHourlyCount) {
  LoginThrottle throttle(limits(8, 0, 5), clock_);
  for (int i = 0; i < 5; ++i) throttle.record_failure("jane@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 1);
  throttle.record_success("jane@example.com");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 0);
  // Three more failures: no delay (only 3 consecutive), but 8 in the hour reaches the limit.
  for (int i = 0; i < 2; ++i) throttle.record_failure("jane@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 0);
  throttle.record_failure("jane@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 3600);
}

TEST_F(AuthThrottleTest, SuccessForAnUnknownAccountIsHarmless) {
  LoginThrottle throttle(RateLimits{}, clock_);
  throttle.record_success("nobody@example.com");
  EXPECT_EQ(throttle.retry_after("nobody@example.com", "10.0.0.1"), 0);
}

TEST_F(AuthThrottleTest, ZeroDisablesEachLimit) {
  LoginThrottle throttle(limits(0, 0, 0), clock_);
  for (int i = 0; i < 500; ++i) throttle.record_failure("jane@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 0);

  LoginThrottle no_cap(limits(0, 0, 5, 0), clock_);
  for (int i = 0; i < 20; ++i) no_cap.record_failure("jane@example.com", "10.0.0.1");
  EXPECT_EQ(no_cap.retry_after("jane@example.com", "10.0.0.1"), 0);
}

TEST_F(AuthThrottleTest, OldFailuresAreForgottenAfterAnIdleHour) {
  LoginThrottle throttle(limits(10, 10, 5), clock_);
  for (int i = 0; i < 10; ++i) throttle.record_failure("jane@example.com", "10.0.0.1");
  EXPECT_GT(throttle.retry_after("jane@example.com", "10.0.0.1"), 0);
  clock_->advance_seconds(3601);
  // Another key's failure triggers the sweep; the old account starts afresh.
  throttle.record_failure("other@example.com", "10.0.0.9");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 0);
  throttle.record_failure("jane@example.com", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 0);
}

TEST_F(AuthThrottleTest, ConcurrentFailuresAreAllCounted) {
  LoginThrottle throttle(limits(400, 0, 0), clock_);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        throttle.record_failure("jane@example.com", "10.0.0.1");
        (void)throttle.retry_after("jane@example.com", "10.0.0.1");
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(throttle.retry_after("jane@example.com", "10.0.0.1"), 3600);
}

}  // namespace
}  // namespace aligncv::auth
