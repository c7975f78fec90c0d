#include "common/http_post.hpp"

#include <curl/curl.h>

#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <utility>

namespace aligncv {

namespace {

struct Capture {
  std::string body;
  std::size_t limit = 0;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* capture = static_cast<Capture*>(user);
  std::size_t n = size * count;
  if (capture->body.size() + n > capture->limit) {
    capture->too_large = true;
    return 0;  // makes curl fail the transfer
  }
  try {
    capture->body.append(data, n);
  } catch (...) {
    return 0;  // exceptions must not cross the C library
  }
  return n;
}

}  // namespace

HttpPostResult http_post(const HttpPostRequest& request) {
  // curl_global_init is reference-counted, so this may run besides auth's own call.
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  HttpPostResult result;
  try {
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
      result.error = "could not start a request";
      return result;
    }
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(nullptr, curl_slist_free_all);
    auto add_header = [&headers](const std::string& line) {
      curl_slist* next = curl_slist_append(headers.get(), line.c_str());
      if (!next) throw std::bad_alloc();
      (void)headers.release();
      headers.reset(next);
    };
    for (const std::string& line : request.headers) add_header(line);
    add_header("Expect:");  // no 100-continue round trip for larger bodies

    long timeout = request.timeout_seconds > 0 ? request.timeout_seconds : 30;
    long connect_timeout =
        request.connect_timeout_seconds > 0 ? request.connect_timeout_seconds : timeout;
    Capture capture;
    capture.limit = request.max_response_bytes;
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM in a multi-threaded server
    curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, connect_timeout);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &capture);

    CURLcode code = curl_easy_perform(h);
    if (code == CURLE_OPERATION_TIMEDOUT) {
      result.error = "timed out after " + std::to_string(timeout) + " s";
    } else if (capture.too_large) {
      result.error =
          "response larger than " + std::to_string(request.max_response_bytes) + " bytes";
    } else if (code != CURLE_OK) {
      result.error = curl_easy_strerror(code);  // a fixed sentence: never the URL or headers
    } else {
      curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
      result.body = std::move(capture.body);
    }
  } catch (const std::exception&) {
    result = HttpPostResult{};
    result.error = "out of memory";
  }
  return result;
}

}  // namespace aligncv
