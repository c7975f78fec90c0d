// Per-key sliding one-hour windows of successful operations (uploads, rewrites: api-v2.md §1.9).
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace aligncv {

class RateWindow {
 public:
  // `limit` operations per `window_ms`; limit 0 disables the window.
  RateWindow(int limit, int64_t window_ms = 3'600'000) : limit_(limit), window_ms_(window_ms) {}

  int limit() const { return limit_; }
  // Seconds (rounded up) until `key` may do one more operation; 0 = now.
  int64_t retry_after(const std::string& key, int64_t now_ms);
  void record(const std::string& key, int64_t now_ms);

 private:
  void prune(std::deque<int64_t>& times, int64_t now_ms) const;

  int limit_;
  int64_t window_ms_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<int64_t>> times_;
};

}  // namespace aligncv
