// Request counters and latency histograms for GET /v2/metrics (Prometheus text format 0.0.4).
// Recording is lock-free for the histograms and takes one short lock for the counters.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace aligncv::http {

class Metrics {
 public:
  // `route_patterns[i]` is the pattern of route id i (routes sharing a pattern share a label),
  // plus "unmatched" for 404s and other requests that matched no route, so unknown paths cannot
  // blow up the label set.
  explicit Metrics(const std::vector<std::string>& route_patterns);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // route < 0 means "unmatched".
  void observe(int route, const char* method, int status, double seconds);
  // The exposition text.
  std::string render() const;

  static constexpr std::array<double, 14> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};

 private:
  struct Histogram {
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> counts{};  // last = +Inf
    std::atomic<uint64_t> sum_ns{0};
  };
  struct CounterKey {
    int label;
    std::string method;
    int status;
    bool operator<(const CounterKey& o) const {
      if (label != o.label) return label < o.label;
      if (status != o.status) return status < o.status;
      return method < o.method;
    }
  };

  std::vector<std::string> labels_;  // unique patterns; last = "unmatched"
  std::vector<int> label_of_route_;  // route id -> index in labels_
  std::vector<std::unique_ptr<Histogram>> histograms_;
  mutable std::mutex counters_mutex_;
  std::map<CounterKey, uint64_t> counters_;
};

}  // namespace aligncv::http
