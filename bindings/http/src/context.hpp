// What a route handler receives and returns. Handlers only translate: read the context, call one
// Engine operation, shape the reply.
#pragma once

#include "multipart.hpp"

#include <aligncv/engine.hpp>
#include <aligncv/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace httplib {
struct Request;
}

namespace aligncv::http {

inline constexpr const char* kJsonType = "application/json; charset=utf-8";
inline constexpr const char* kHtmlType = "text/html; charset=utf-8";

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = kJsonType;
  std::vector<std::pair<std::string, std::string>> headers;

  // Serialises with invalid UTF-8 replaced, so a stray byte never turns into a 500.
  static Reply json(const Json& value, int status = 200);
  // {"message": text}
  static Reply message(std::string_view text);
  static Reply html(std::string_view page);
};

struct RequestContext {
  Engine& engine;
  const httplib::Request& request;
  ClientInfo client;
  std::vector<std::pair<std::string, std::string>> params;  // path parameters, decoded
  Json body = Json::object();          // the parsed JSON object, {} for routes without a body
  std::optional<Principal> principal;  // set on bearer/admin routes
  MultipartForm form;                  // multipart routes: the parts (views into the read body)
  std::string_view raw_body;           // BodyKind::Raw routes: the body as read ("" when none)

  // The authenticated caller; only valid on bearer/admin routes.
  const Principal& me() const { return *principal; }
  // A path parameter by name ("" if absent).
  std::string param(std::string_view name) const;
  // A request header ("" if absent).
  std::string header(const std::string& name) const;
  // The query string as a JSON object of strings, decoded ('+' is a space); a repeated name
  // keeps its last value. Engine operations read and validate it like a body.
  Json query() const;
};

// The query string of a request target ("/v2/documents?limit=5") as a JSON object of strings,
// decoded ('+' is a space); a repeated name keeps its last value, an empty name is skipped.
Json query_object(std::string_view target);

}  // namespace aligncv::http
