#include "context.hpp"

#include <httplib.h>

namespace aligncv::http {

Reply Reply::json(const Json& value, int status) {
  Reply reply;
  reply.status = status;
  reply.body = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  return reply;
}

Reply Reply::message(std::string_view text) { return json(Json{{"message", text}}); }

Reply Reply::html(std::string_view page) {
  Reply reply;
  reply.body = std::string(page);
  reply.content_type = kHtmlType;
  return reply;
}

std::string RequestContext::param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return {};
}

std::string RequestContext::header(const std::string& name) const {
  return request.get_header_value(name);
}

}  // namespace aligncv::http
