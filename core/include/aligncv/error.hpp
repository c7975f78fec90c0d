// The one exception type of libaligncv: every failure a user can see carries an ErrorCode.
#pragma once

#include <aligncv/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace aligncv {

// Each code maps to exactly one HTTP status and one Python exception class (see docs/design.md).
enum class ErrorCode {
  InvalidArgument,       // 400 bad_request: well-formed but cannot be done
  Conflict,              // 400 conflict: duplicates
  Unauthenticated,       // 401 not_authenticated: no credentials
  InvalidToken,          // 401 invalid_token: bad, expired, revoked or wrong-type token
  InvalidCredentials,    // 401 invalid_credentials: wrong e-mail or password
  Forbidden,             // 403 forbidden
  NotFound,              // 404 not_found
  PayloadTooLarge,       // 413 payload_too_large
  UnsupportedMediaType,  // 415 unsupported_media_type
  Validation,            // 422 validation_error: see Error::issues()
  RateLimited,           // 429 rate_limited: see Error::retry_after_seconds()
  Internal,              // 500 internal_error: detail is never shown to users
  NotConfigured,         // 501 not_configured
  Unavailable,           // 503 unavailable
};

// Stable machine name of a code, as used in HTTP error bodies ("not_found", ...).
const char* error_code_name(ErrorCode code);

// One failing field of a request, in the pydantic-v2 shape clients already display.
struct FieldIssue {
  std::string type;  // "missing", "string_too_short", "value_error", ...
  Json loc;          // ["body", "password"]
  std::string msg;   // "String should have at least 8 characters"
  Json input;        // the offending value
  Json ctx;          // parameters of msg, or null
};
Json to_json(const FieldIssue& issue);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string detail);

  // A Validation error listing every failing field at once.
  static Error validation(std::vector<FieldIssue> issues);
  // A RateLimited error; retry_after_seconds is at least 1.
  static Error rate_limited(std::string detail, int64_t retry_after_seconds);

  ErrorCode code() const noexcept { return code_; }
  // The human sentence shown to users (for Validation, a summary of the first issue).
  const std::string& detail() const noexcept { return detail_; }
  const std::vector<FieldIssue>& issues() const noexcept { return issues_; }
  int64_t retry_after_seconds() const noexcept { return retry_after_seconds_; }

 private:
  ErrorCode code_;
  std::string detail_;
  std::vector<FieldIssue> issues_;
  int64_t retry_after_seconds_ = 0;
};

}  // namespace aligncv
