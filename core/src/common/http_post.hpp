// A blocking HTTP(S) POST over libcurl, for the outbound services the library calls (embeddings,
// later LLMs and webhooks). Callers shape errors; this only reports what happened.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace aligncv {

struct HttpPostRequest {
  std::string url;  // http:// or https:// only; redirects are not followed
  std::string body;
  std::vector<std::string> headers;  // "Name: value"; callers keep CR/LF out of them
  int connect_timeout_seconds = 10;
  int timeout_seconds = 30;                               // the whole transfer
  std::size_t max_response_bytes = std::size_t{1} << 20;  // a larger body fails the transfer
};

struct HttpPostResult {
  long status = 0;  // 0 when no response arrived (see error)
  std::string body;
  std::string error;  // empty on a response; else "timed out after N s", "response larger than
                      // N bytes", or libcurl's sentence ("Couldn't connect to server", ...)
};

// Throws nothing: every failure lands in the result. Thread-safe.
HttpPostResult http_post(const HttpPostRequest& request);

}  // namespace aligncv
