// The route table of the HTTP face: (method, pattern with {params}) -> handler + metadata.
// Our own matcher, so that the rules of api-v2.md §1.1 hold independently of httplib's regex
// routing: both slash forms, literal beats parameter, 404 vs 405 with Allow, HEAD for GET.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aligncv::http {

enum class Method : uint8_t { Get, Head, Post, Put, Patch, Delete, Options };
inline constexpr int kMethodCount = 7;

std::optional<Method> parse_method(std::string_view name);
const char* method_name(Method method);

// Who may call a route.
enum class AuthKind {
  None,             // anyone
  Bearer,           // a signed-in user (api-v2.md §2.2)
  Admin,            // a signed-in admin (403 otherwise)
  LoopbackOrAdmin,  // anyone connecting from a loopback address, else an admin (metrics)
};

// Whether a route reads a body, and which kind.
enum class BodyKind {
  None,       // no body; Content-Type is ignored
  Optional,   // JSON; empty body = {}
  Required,   // JSON; empty body = 422 missing
  Multipart,  // multipart/form-data, parsed into RequestContext::form
  Raw,        // any media type, read as is into RequestContext::raw_body; a multipart/form-data
              // body is also parsed into RequestContext::form (job import)
};

// 1 MiB: api-v2.md §1.8, every JSON route except the job import.
inline constexpr std::size_t kDefaultBodyLimit = 1024 * 1024;

// What the OpenAPI document and the docs page say about a route.
struct RouteDoc {
  std::string summary;
  std::string description;
  std::string tag;
  std::string request_schema;   // name of a component schema, or empty
  std::string response_schema;  // name of a component schema, or empty
  std::string response_type = "application/json; charset=utf-8";
  int success_status = 200;
  std::vector<int> errors;  // the route's own error statuses (generic ones are added by kind)
  std::vector<std::pair<std::string, std::string>> response_headers;  // name, description
  struct QueryParam {
    std::string name;
    std::string type;  // JSON Schema type: "integer", "boolean", "string"
    std::string description;
  };
  std::vector<QueryParam> query_params;
  // Raw bodies: the media types a route reads, each with a component schema name (or empty).
  std::vector<std::pair<std::string, std::string>> request_types;
  // Route-specific sentences for error statuses, replacing the generic description.
  std::vector<std::pair<int, std::string>> error_texts;

  // Chainable setters, so route tables read as one expression per route.
  RouteDoc& describe(std::string text) {
    description = std::move(text);
    return *this;
  }
  RouteDoc& request(std::string schema) {
    request_schema = std::move(schema);
    return *this;
  }
  RouteDoc& response(std::string schema) {
    response_schema = std::move(schema);
    return *this;
  }
  RouteDoc& type(std::string content_type) {
    response_type = std::move(content_type);
    return *this;
  }
  RouteDoc& status(int code) {
    success_status = code;
    return *this;
  }
  RouteDoc& error(std::initializer_list<int> codes) {
    errors.insert(errors.end(), codes);
    return *this;
  }
  RouteDoc& header(std::string name, std::string text) {
    response_headers.emplace_back(std::move(name), std::move(text));
    return *this;
  }
  RouteDoc& query(std::string name, std::string type, std::string text) {
    query_params.push_back({std::move(name), std::move(type), std::move(text)});
    return *this;
  }
  RouteDoc& accepts(std::string media_type, std::string schema = {}) {
    request_types.emplace_back(std::move(media_type), std::move(schema));
    return *this;
  }
  RouteDoc& error(int code, std::string text) {
    errors.push_back(code);
    error_texts.emplace_back(code, std::move(text));
    return *this;
  }
};

inline RouteDoc doc(std::string summary, std::string tag) {
  RouteDoc d;
  d.summary = std::move(summary);
  d.tag = std::move(tag);
  return d;
}

struct RequestContext;
struct Reply;
using Handler = std::function<Reply(RequestContext&)>;

struct Route {
  int id = 0;  // index in Router::routes(); also the metrics label index
  Method method = Method::Get;
  std::string pattern;  // canonical form, no trailing slash except "/": "/v2/jobs/{job_id}"
  AuthKind auth = AuthKind::None;
  BodyKind body = BodyKind::None;
  std::size_t body_limit = kDefaultBodyLimit;
  std::string too_large_detail;  // the 413 detail; empty = the JSON body limit's sentence
  RouteDoc doc;
  Handler handler;
  std::vector<std::string> param_names;
  bool openapi_alias_slash = true;  // document the opposite slash form too
  bool canonical_slash = false;     // the contract lists the trailing-slash form first
};

// A path resource: the set of routes (one per method) sharing a pattern.
struct PathNode;

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Registers a route. `pattern` starts with '/', segments are literals or {name}; a trailing
  // slash is ignored (both forms are always served). Throws std::logic_error on a duplicate
  // (method, pattern) or a malformed pattern: the table is static, so that is a programming error.
  Route& add(Method method, std::string pattern, AuthKind auth, BodyKind body, RouteDoc doc,
             Handler handler);

  struct Match {
    const PathNode* node = nullptr;  // null: unknown path (404)
    const Route* route = nullptr;    // null with a node: method not allowed (405)
    std::vector<std::pair<std::string, std::string>> params;  // percent-decoded values
  };
  // `path` is the raw (not percent-decoded) request path without the query string. HEAD uses
  // the GET route; OPTIONS never matches a route (the caller answers it from the node).
  Match match(Method method, std::string_view path) const;

  // "GET, HEAD, OPTIONS": the methods served at a node, in a fixed order.
  static std::string allow_header(const PathNode& node);
  static const std::string& pattern_of(const PathNode& node);

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::unique_ptr<PathNode> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};

// Splits "/a/b/" into {"a", "b"}; "/" and "" give {}. A trailing slash is dropped, empty inner
// segments are kept (so "//x" never matches a route).
std::vector<std::string_view> split_path(std::string_view path);
// Decodes %XX escapes; an invalid escape is kept as written. '+' stays '+' (paths, not forms).
std::string percent_decode(std::string_view text);

}  // namespace aligncv::http
