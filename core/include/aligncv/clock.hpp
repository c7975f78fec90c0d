// Injected time, so expiry, throttling and digests are tested without sleeping.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace aligncv {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch, UTC. Thread-safe.
  virtual int64_t now_ms() const = 0;
  int64_t now_seconds() const { return now_ms() / 1000; }
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override;
};

// A clock that only moves when told to; for tests. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms = 1'764'150'000'000) : now_(start_ms) {}
  int64_t now_ms() const override { return now_.load(); }
  void set_ms(int64_t ms) { now_.store(ms); }
  void advance_ms(int64_t ms) { now_.fetch_add(ms); }
  void advance_seconds(int64_t s) { now_.fetch_add(s * 1000); }

 private:
  std::atomic<int64_t> now_;
};

std::shared_ptr<Clock> system_clock();

// "2026-11-26T09:41:07.123Z": ISO-8601 UTC with milliseconds, as JavaScript's toISOString().
std::string format_timestamp(int64_t unix_ms);

}  // namespace aligncv
