#include "metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace aligncv::http {

namespace {

// Label values escape backslash, double quote and newline.
std::string escape_label(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_double(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

}  // namespace

Metrics::Metrics(const std::vector<std::string>& route_patterns) {
  for (const std::string& pattern : route_patterns) {
    auto it = std::find(labels_.begin(), labels_.end(), pattern);
    label_of_route_.push_back(static_cast<int>(it - labels_.begin()));
    if (it == labels_.end()) labels_.push_back(pattern);
  }
  labels_.push_back("unmatched");
  histograms_.reserve(labels_.size());
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    histograms_.push_back(std::make_unique<Histogram>());
  }
}

Metrics::~Metrics() = default;

void Metrics::observe(int route, const char* method, int status, double seconds) {
  const int label = route >= 0 && route < static_cast<int>(label_of_route_.size())
                        ? label_of_route_[route]
                        : static_cast<int>(labels_.size()) - 1;
  Histogram& histogram = *histograms_[label];
  const std::size_t bucket = static_cast<std::size_t>(
      std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin());
  histogram.counts[bucket].fetch_add(1, std::memory_order_relaxed);
  histogram.sum_ns.fetch_add(static_cast<uint64_t>(std::max(0.0, seconds) * 1e9),
                             std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(counters_mutex_);
  ++counters_[CounterKey{label, method, status}];
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(8192);
  out +=
      "# HELP aligncv_http_requests_total HTTP requests by method, route pattern and status.\n"
      "# TYPE aligncv_http_requests_total counter\n";
  {
    std::lock_guard<std::mutex> lock(counters_mutex_);
    for (const auto& [key, count] : counters_) {
      out += "aligncv_http_requests_total{method=\"" + escape_label(key.method) + "\",route=\"" +
             escape_label(labels_[key.label]) + "\",status=\"" + std::to_string(key.status) +
             "\"} " + std::to_string(count) + "\n";
    }
  }
  out +=
      "# HELP aligncv_http_request_duration_seconds Time from routing to the response, by route "
      "pattern.\n"
      "# TYPE aligncv_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const Histogram& histogram = *histograms_[i];
    std::array<uint64_t, kBuckets.size() + 1> counts{};
    uint64_t total = 0;
    for (std::size_t b = 0; b < counts.size(); ++b) {
      counts[b] = histogram.counts[b].load(std::memory_order_relaxed);
      total += counts[b];
    }
    if (total == 0) continue;  // routes never called add no series
    const std::string route = "route=\"" + escape_label(labels_[i]) + "\"";
    uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += counts[b];
      out += "aligncv_http_request_duration_seconds_bucket{" + route + ",le=\"" +
             format_double(kBuckets[b]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "aligncv_http_request_duration_seconds_bucket{" + route + ",le=\"+Inf\"} " +
           std::to_string(total) + "\n";
    out +=
        "aligncv_http_request_duration_seconds_sum{" + route + "} " +
        format_double(static_cast<double>(histogram.sum_ns.load(std::memory_order_relaxed)) / 1e9) +
        "\n";
    out += "aligncv_http_request_duration_seconds_count{" + route + "} " + std::to_string(total) +
           "\n";
  }
  return out;
}

}  // namespace aligncv::http
