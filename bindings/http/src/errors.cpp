#include "errors.hpp"

namespace aligncv::http {

// The tables read best one case per line.
// clang-format off
int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return 400;
    case ErrorCode::Conflict: return 400;  // the existing clients test duplicates for 400
    case ErrorCode::Unauthenticated: return 401;
    case ErrorCode::InvalidToken: return 401;
    case ErrorCode::InvalidCredentials: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::PayloadTooLarge: return 413;
    case ErrorCode::UnsupportedMediaType: return 415;
    case ErrorCode::Validation: return 422;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::Internal: return 500;
    case ErrorCode::NotConfigured: return 501;
    case ErrorCode::Unavailable: return 503;
  }
  return 500;
}

// clang-format on

Reply error_reply(int status, std::string_view detail, std::string_view code) {
  return Reply::json(Json{{"detail", detail}, {"code", code}}, status);
}

Reply internal_error_reply(const std::string& request_id) {
  return Reply::json(Json{{"detail", "Internal Server Error"},
                          {"code", "internal_error"},
                          {"request_id", request_id}},
                     500);
}

Reply error_reply(const Error& error, const std::string& request_id) {
  const ErrorCode code = error.code();
  if (code == ErrorCode::Internal) return internal_error_reply(request_id);
  if (code == ErrorCode::Validation) {
    Json issues = Json::array();
    for (const FieldIssue& issue : error.issues()) issues.push_back(to_json(issue));
    return Reply::json(Json{{"detail", std::move(issues)}, {"code", error_code_name(code)}}, 422);
  }
  Reply reply = error_reply(status_for(code), error.detail(), error_code_name(code));
  if (code == ErrorCode::Unauthenticated) {
    reply.headers.emplace_back("WWW-Authenticate", "Bearer");
  } else if (code == ErrorCode::InvalidToken) {
    reply.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  } else if (code == ErrorCode::RateLimited) {
    reply.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds()));
  }
  return reply;
}

Reply not_found_reply() { return error_reply(404, "Not Found", "not_found"); }

Reply method_not_allowed_reply(const std::string& allow) {
  Reply reply = error_reply(405, "Method Not Allowed", "method_not_allowed");
  reply.headers.emplace_back("Allow", allow);
  return reply;
}

Reply payload_too_large_reply(std::string_view detail) {
  return error_reply(413,
                     detail.empty() ? "Request body exceeds maximum allowed size of 1MB" : detail,
                     "payload_too_large");
}

// clang-format off
std::string_view default_detail(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Request body exceeds maximum allowed size of 1MB";
    case 414: return "URI Too Long";
    case 415: return "Content-Type must be application/json";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Bad Request";
  }
}

std::string_view default_code(int status) {
  switch (status) {
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal_error" : "bad_request";
  }
}
// clang-format on

}  // namespace aligncv::http
