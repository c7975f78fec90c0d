// The production HttpGet: one libcurl easy handle per request.
#include <aligncv/auth.hpp>

#include <curl/curl.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "common/text.hpp"

namespace aligncv::auth {

namespace {

// JWKS documents are a few KiB; refuse to buffer anything absurd.
constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 20;

struct Capture {
  std::string body;
  std::string cache_control;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* capture = static_cast<Capture*>(user);
  std::size_t n = size * count;
  if (capture->body.size() + n > kMaxBodyBytes) return 0;  // makes curl fail the transfer
  try {
    capture->body.append(data, n);
  } catch (...) {
    return 0;  // exceptions must not cross the C library
  }
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* capture = static_cast<Capture*>(user);
  std::size_t n = size * count;
  try {
    std::string_view line(data, n);
    // A new status line starts a new response (e.g. after "100 Continue"): forget earlier headers.
    if (line.substr(0, 5) == "HTTP/") capture->cache_control.clear();
    std::size_t colon = line.find(':');
    if (colon != std::string_view::npos && iequals_ascii(line.substr(0, colon), "cache-control")) {
      std::string value = trim(line.substr(colon + 1));
      capture->cache_control =
          capture->cache_control.empty() ? value : capture->cache_control + ", " + value;
    }
  } catch (...) {
    return 0;
  }
  return n;
}

}  // namespace

HttpGet curl_http_get(int timeout_seconds) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  long timeout = timeout_seconds > 0 ? timeout_seconds : 5;
  return [timeout](const std::string& url) -> HttpResponse {
    HttpResponse response;
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return response;
    Capture capture;
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM in a multi-threaded server
    curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, timeout);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &capture);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &capture);
    if (curl_easy_perform(h) != CURLE_OK) return response;  // status 0: unreachable
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    response.body = std::move(capture.body);
    response.cache_control = std::move(capture.cache_control);
    return response;
  };
}

}  // namespace aligncv::auth
