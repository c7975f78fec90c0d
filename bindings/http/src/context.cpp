#include "context.hpp"

#include "router.hpp"

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

Json query_object(std::string_view target) {
  Json out = Json::object();
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return out;
  std::string_view rest = target.substr(question + 1);
  rest = rest.substr(0, rest.find('#'));
  auto decode = [](std::string_view text) {
    std::string plus(text);
    for (char& c : plus) {
      if (c == '+') c = ' ';
    }
    return percent_decode(plus);
  };
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    const std::string key = decode(pair.substr(0, eq));
    if (key.empty()) continue;
    out[key] = eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1));
  }
  return out;
}

// From the raw target rather than httplib's params, which may also hold form-body fields.
Json RequestContext::query() const { return query_object(request.target); }

}  // namespace aligncv::http
