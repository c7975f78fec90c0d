// The one table from aligncv::ErrorCode to HTTP status, and the §1.4 error bodies.
#pragma once

#include "context.hpp"

#include <aligncv/error.hpp>

#include <string>
#include <string_view>

namespace aligncv::http {

// The status of each ErrorCode (api-v2.md §1.4).
int status_for(ErrorCode code);

// {"detail": detail, "code": code} with status.
Reply error_reply(int status, std::string_view detail, std::string_view code);
// The reply for an aligncv::Error: status from the table, 422 issue list, WWW-Authenticate and
// Retry-After headers. Internal errors become the generic 500 (the caller logs the real one).
Reply error_reply(const Error& error, const std::string& request_id);
// {"detail":"Internal Server Error","code":"internal_error","request_id": id}
Reply internal_error_reply(const std::string& request_id);

// The routing answers of §1.1.
Reply not_found_reply();
Reply method_not_allowed_reply(const std::string& allow);
// 413 with the route's sentence (Route::too_large_detail); "" = the JSON body limit's.
Reply payload_too_large_reply(std::string_view detail = {});

// Reason phrase and code for a bare status produced outside our handlers (httplib's own 400,
// 413, 414, ...), used to give those the same JSON shape.
std::string_view default_detail(int status);
std::string_view default_code(int status);

}  // namespace aligncv::http
