// The OpenAI-compatible /embeddings client: batched POSTs, one retry on 429/5xx, and an LRU cache
// keyed by the text's SHA-256 so a posting or résumé seen before costs no request.
#include <aligncv/error.hpp>
#include <aligncv/json.hpp>
#include <aligncv/match.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/hash.hpp"
#include "common/http_post.hpp"
#include "common/text.hpp"

namespace aligncv::match {

namespace {

using Vector = std::vector<float>;

// Room for one vector of a few thousand dimensions as JSON text, per input.
constexpr std::size_t kResponseBytesPerText = std::size_t{256} << 10;
constexpr std::chrono::milliseconds kRetryPause{250};

[[noreturn]] void fail(const std::string& cause) {
  throw Error(ErrorCode::Unavailable, "Embeddings service failed: " + cause);
}

[[noreturn]] void malformed(const std::string& what) {
  fail("malformed response body (" + what + ")");
}

// Least recently used vectors are dropped first. Thread-safe.
class VectorCache {
 public:
  explicit VectorCache(std::size_t capacity) : capacity_(capacity) {}

  bool get(const std::string& key, Vector& out) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return false;
    order_.splice(order_.begin(), order_, it->second);
    out = it->second->second;
    return true;
  }

  void put(const std::string& key, const Vector& vector) {
    if (capacity_ == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(key);
    if (it != index_.end()) {
      it->second->second = vector;
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.emplace_front(key, vector);
    index_.emplace(key, order_.begin());
    if (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }

 private:
  using Entries = std::list<std::pair<std::string, Vector>>;
  std::mutex mutex_;
  const std::size_t capacity_;
  Entries order_;  // most recently used first
  std::unordered_map<std::string, Entries::iterator> index_;
};

// The vectors of {"data": [{"embedding": [...], "index": i}, ...]}, in input order, normalised.
std::vector<Vector> parse_response(const std::string& body, std::size_t expected) {
  Json doc = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) malformed("not a JSON object");
  auto data = doc.find("data");
  if (data == doc.end() || !data->is_array()) malformed("no data array");
  if (data->size() != expected) {
    malformed(std::to_string(data->size()) + " embeddings for " + std::to_string(expected) +
              " texts");
  }
  std::vector<Vector> vectors(expected);
  std::vector<bool> seen(expected, false);
  std::size_t dimension = 0;
  for (const Json& item : *data) {
    // Servers may answer out of order: "index" says which input a vector belongs to.
    auto index = item.is_object() ? item.find("index") : item.end();
    if (index == item.end() || !index->is_number_unsigned() ||
        index->get<unsigned long long>() >= expected || seen[index->get<std::size_t>()]) {
      malformed("bad index");
    }
    std::size_t i = index->get<std::size_t>();
    seen[i] = true;
    auto embedding = item.find("embedding");
    if (embedding == item.end() || !embedding->is_array() || embedding->empty()) {
      malformed("no embedding");
    }
    if (dimension == 0) dimension = embedding->size();
    if (embedding->size() != dimension) malformed("embeddings of different dimensions");
    double norm = 0;
    Vector& v = vectors[i];
    v.reserve(dimension);
    for (const Json& value : *embedding) {
      if (!value.is_number()) malformed("non-numeric embedding");
      double x = value.get<double>();
      norm += x * x;
      v.push_back(static_cast<float>(x));
    }
    norm = std::sqrt(norm);
    if (!(norm > 0) || !std::isfinite(norm)) malformed("zero or infinite vector");
    for (float& x : v) x = static_cast<float>(x / norm);
  }
  return vectors;
}

// Thread-safe: the configuration is fixed and the cache has its own lock; concurrent calls that
// miss on the same text may both send it.
class OpenAiEmbedder final : public Embedder {
 public:
  explicit OpenAiEmbedder(const EmbeddingsConfig& config)
      : config_(config), cache_(config.cache_entries) {
    while (!config_.base_url.empty() && config_.base_url.back() == '/') config_.base_url.pop_back();
    if (config_.timeout_seconds <= 0) config_.timeout_seconds = EmbeddingsConfig{}.timeout_seconds;
    if (config_.batch_size == 0) config_.batch_size = EmbeddingsConfig{}.batch_size;
  }

  std::string name() const override { return "openai:" + config_.model; }

  std::vector<Vector> embed(const std::vector<std::string>& texts) override {
    std::vector<Vector> out(texts.size());
    // The texts the cache lacks, each sent once however often it repeats in `texts`.
    std::vector<std::string> keys(texts.size());
    std::vector<std::size_t> missing;                       // positions of first occurrences
    std::unordered_map<std::string, std::size_t> first_of;  // key of a missing text -> position
    for (std::size_t i = 0; i < texts.size(); ++i) {
      keys[i] = sha256_hex(texts[i]);
      if (first_of.count(keys[i]) == 0 && !cache_.get(keys[i], out[i])) {
        first_of.emplace(keys[i], i);
        missing.push_back(i);
      }
    }
    for (std::size_t start = 0; start < missing.size(); start += config_.batch_size) {
      std::size_t end = std::min(missing.size(), start + config_.batch_size);
      std::vector<std::string> batch;
      for (std::size_t k = start; k < end; ++k) batch.push_back(texts[missing[k]]);
      std::vector<Vector> vectors = post(batch);
      // Cached batch by batch, so a later failure does not waste the earlier requests.
      for (std::size_t k = start; k < end; ++k) {
        out[missing[k]] = std::move(vectors[k - start]);
        cache_.put(keys[missing[k]], out[missing[k]]);
      }
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
      auto first = first_of.find(keys[i]);
      if (first != first_of.end() && first->second != i) out[i] = out[first->second];
    }
    // Cached vectors may predate a model change on the server: one dimension or none.
    for (const Vector& v : out) {
      if (v.size() != out.front().size()) malformed("embeddings of different dimensions");
    }
    return out;
  }

 private:
  // One request for a batch, repeated once when the service is busy or failing (429, 5xx).
  std::vector<Vector> post(const std::vector<std::string>& batch) const {
    HttpPostRequest request;
    request.url = config_.base_url + "/embeddings";
    // Invalid UTF-8 in a text becomes U+FFFD rather than an exception from dump().
    request.body = Json{{"model", config_.model}, {"input", batch}}.dump(
        -1, ' ', false, Json::error_handler_t::replace);
    request.headers.push_back("Content-Type: application/json");
    if (!config_.api_key.empty()) {
      request.headers.push_back("Authorization: Bearer " + config_.api_key);
    }
    request.timeout_seconds = config_.timeout_seconds;
    // A service that cannot even accept a connection quickly is down; do not wait the full budget.
    request.connect_timeout_seconds = std::min(config_.timeout_seconds, 10);
    request.max_response_bytes = (std::size_t{1} << 20) + batch.size() * kResponseBytesPerText;

    HttpPostResult result;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(kRetryPause);
      result = http_post(request);
      bool transient = result.status == 429 || result.status >= 500;
      if (!transient) break;
    }
    // Only our own words: an error body may echo part of the key.
    if (!result.error.empty()) fail(result.error);
    if (result.status < 200 || result.status > 299) fail("HTTP " + std::to_string(result.status));
    return parse_response(result.body, batch.size());
  }

  EmbeddingsConfig config_;
  VectorCache cache_;
};

bool has_control_characters(const std::string& s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

std::shared_ptr<Embedder> make_openai_embedder(const EmbeddingsConfig& config) {
  std::string scheme = to_lower_ascii(config.base_url.substr(0, config.base_url.find("://") + 3));
  if ((scheme != "http://" && scheme != "https://") || config.base_url.size() <= scheme.size() ||
      has_control_characters(config.base_url)) {
    throw Error(ErrorCode::InvalidArgument, "EMBEDDINGS_BASE_URL must be an http(s) URL");
  }
  // The key goes into a header line: a line break in it would forge other headers.
  if (has_control_characters(config.api_key)) {
    throw Error(ErrorCode::InvalidArgument,
                "EMBEDDINGS_API_KEY must not contain control characters");
  }
  return std::make_shared<OpenAiEmbedder>(config);
}

}  // namespace aligncv::match
