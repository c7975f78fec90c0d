// Failed-login throttling (api-v2.md §1.9): sliding one-hour windows per account and per IP, and a
// progressive delay after consecutive failures on an account.
#include <aligncv/auth.hpp>

#include <algorithm>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace aligncv::auth {

namespace {

constexpr int64_t kWindowMs = 3'600'000;  // one hour
constexpr int64_t kSweepEveryMs = 60'000;

// Failure times (ms) inside the window, oldest first. Only the newest `limit` are kept: the wait
// depends on no older one, which bounds memory per key.
struct Window {
  std::deque<int64_t> failures;

  void prune(int64_t now_ms) {
    while (!failures.empty() && failures.front() <= now_ms - kWindowMs) failures.pop_front();
  }
  void add(int64_t now_ms, int limit) {
    prune(now_ms);
    if (limit <= 0) return;
    failures.push_back(now_ms);
    while (failures.size() > static_cast<std::size_t>(limit)) failures.pop_front();
  }
  // Milliseconds until fewer than `limit` failures remain in the window; 0 when already so.
  int64_t wait_ms(int64_t now_ms, int limit) const {
    if (limit <= 0) return 0;
    std::size_t in_window = 0;
    for (auto it = failures.rbegin(); it != failures.rend() && *it > now_ms - kWindowMs; ++it) {
      ++in_window;
    }
    if (in_window < static_cast<std::size_t>(limit)) return 0;
    // The attempt is allowed once the (in_window - limit + 1) oldest have left the window.
    int64_t oldest_relevant = failures[failures.size() - in_window + (in_window - limit)];
    return std::max<int64_t>(0, oldest_relevant + kWindowMs - now_ms);
  }
};

struct Account {
  Window window;
  int consecutive = 0;
  int64_t last_failure_ms = 0;
};

int64_t ceil_seconds(int64_t ms) { return ms <= 0 ? 0 : (ms + 999) / 1000; }

}  // namespace

struct LoginThrottle::State {
  std::mutex mutex;
  std::unordered_map<std::string, Account> accounts;
  std::unordered_map<std::string, Window> ips;
  int64_t last_sweep_ms = 0;
};

LoginThrottle::LoginThrottle(RateLimits limits, std::shared_ptr<Clock> clock)
    : state_(std::make_unique<State>()), limits_(limits), clock_(std::move(clock)) {
  if (!clock_) clock_ = system_clock();
  state_->last_sweep_ms = clock_->now_ms();
}

LoginThrottle::~LoginThrottle() = default;

int64_t LoginThrottle::retry_after(const std::string& account_key,
                                   const std::string& client_ip) const {
  const int64_t now = clock_->now_ms();
  int64_t wait = 0;
  std::lock_guard<std::mutex> lock(state_->mutex);
  if (auto it = state_->accounts.find(account_key); it != state_->accounts.end()) {
    const Account& a = it->second;
    wait = std::max(wait, a.window.wait_ms(now, limits_.login_failures_per_account));
    int over = a.consecutive - limits_.login_delay_after;
    if (limits_.login_delay_after > 0 && limits_.login_max_delay_seconds > 0 && over >= 0) {
      int64_t delay_s =
          over >= 30 ? limits_.login_max_delay_seconds
                     : std::min<int64_t>(int64_t{1} << over, limits_.login_max_delay_seconds);
      wait = std::max(wait, a.last_failure_ms + delay_s * 1000 - now);
    }
  }
  if (auto it = state_->ips.find(client_ip); it != state_->ips.end()) {
    wait = std::max(wait, it->second.wait_ms(now, limits_.login_failures_per_ip));
  }
  return ceil_seconds(wait);
}

void LoginThrottle::record_failure(const std::string& account_key, const std::string& client_ip) {
  const int64_t now = clock_->now_ms();
  std::lock_guard<std::mutex> lock(state_->mutex);
  Account& a = state_->accounts[account_key];
  a.window.add(now, limits_.login_failures_per_account);
  a.consecutive = a.consecutive < 1'000'000 ? a.consecutive + 1 : a.consecutive;
  a.last_failure_ms = now;
  // No address (an in-process caller) means no per-IP window to count in.
  if (limits_.login_failures_per_ip > 0 && !client_ip.empty())
    state_->ips[client_ip].add(now, limits_.login_failures_per_ip);

  // Forget keys with nothing left to enforce, at most once a minute, so memory follows the
  // last hour's traffic. An account idle for an hour also forgets its consecutive count.
  if (now - state_->last_sweep_ms >= kSweepEveryMs) {
    state_->last_sweep_ms = now;
    const int64_t keep_ms =
        std::max<int64_t>(kWindowMs, int64_t{limits_.login_max_delay_seconds} * 1000);
    for (auto it = state_->accounts.begin(); it != state_->accounts.end();) {
      it->second.window.prune(now);
      bool idle = it->second.window.failures.empty() && it->second.last_failure_ms <= now - keep_ms;
      it = idle ? state_->accounts.erase(it) : std::next(it);
    }
    for (auto it = state_->ips.begin(); it != state_->ips.end();) {
      it->second.prune(now);
      it = it->second.failures.empty() ? state_->ips.erase(it) : std::next(it);
    }
  }
}

void LoginThrottle::record_success(const std::string& account_key) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  if (auto it = state_->accounts.find(account_key); it != state_->accounts.end()) {
    it->second.consecutive = 0;
  }
}

}  // namespace aligncv::auth
