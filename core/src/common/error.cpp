#include <aligncv/error.hpp>

#include <algorithm>

namespace aligncv {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return "bad_request";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Unauthenticated: return "not_authenticated";
    case ErrorCode::InvalidToken: return "invalid_token";
    case ErrorCode::InvalidCredentials: return "invalid_credentials";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::PayloadTooLarge: return "payload_too_large";
    case ErrorCode::UnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::Validation: return "validation_error";
    case ErrorCode::RateLimited: return "rate_limited";
    case ErrorCode::Internal: return "internal_error";
    case ErrorCode::NotConfigured: return "not_configured";
    case ErrorCode::Unavailable: return "unavailable";
  }
  return "internal_error";
}

Json to_json(const FieldIssue& issue) {
  Json j = {{"type", issue.type}, {"loc", issue.loc}, {"msg", issue.msg}, {"input", issue.input}};
  if (!issue.ctx.is_null()) j["ctx"] = issue.ctx;
  return j;
}

Error::Error(ErrorCode code, std::string detail)
    : std::runtime_error(detail), code_(code), detail_(std::move(detail)) {}

Error Error::validation(std::vector<FieldIssue> issues) {
  std::string summary = issues.empty() ? "Validation error" : issues.front().msg;
  Error e(ErrorCode::Validation, summary);
  e.issues_ = std::move(issues);
  return e;
}

Error Error::rate_limited(std::string detail, int64_t retry_after_seconds) {
  Error e(ErrorCode::RateLimited, std::move(detail));
  e.retry_after_seconds_ = std::max<int64_t>(1, retry_after_seconds);
  return e;
}

}  // namespace aligncv
