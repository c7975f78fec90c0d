#include "common/rate_window.hpp"

namespace aligncv {

void RateWindow::prune(std::deque<int64_t>& times, int64_t now_ms) const {
  while (!times.empty() && times.front() <= now_ms - window_ms_) times.pop_front();
}

int64_t RateWindow::retry_after(const std::string& key, int64_t now_ms) {
  if (limit_ <= 0) return 0;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = times_.find(key);
  if (it == times_.end()) return 0;
  prune(it->second, now_ms);
  if (static_cast<int>(it->second.size()) < limit_) return 0;
  int64_t wait_ms = it->second.front() + window_ms_ - now_ms;
  return (wait_ms + 999) / 1000;
}

void RateWindow::record(const std::string& key, int64_t now_ms) {
  if (limit_ <= 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  auto& times = times_[key];
  prune(times, now_ms);
  times.push_back(now_ms);
}

}  // namespace aligncv
