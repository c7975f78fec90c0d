#include "openapi.hpp"

#include <aligncv/version.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace aligncv::http {

namespace {

std::string media_type(const std::string& content_type) {
  return content_type.substr(0, content_type.find(';'));
}

std::string operation_id(const Route& route, bool slash_form) {
  std::string id = method_name(route.method);
  std::transform(id.begin(), id.end(), id.begin(), [](char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  for (char c : route.pattern) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (word) {
      id += c;
    } else if (id.back() != '_') {
      id += '_';
    }
  }
  while (id.back() == '_') id.pop_back();
  if (route.pattern == "/") id += "_root";
  if (slash_form) id += "_slash";
  return id;
}

const char* error_description(int status) {
  switch (status) {
    case 400:
      return "Bad request, or a conflict (code conflict)";
    case 401:
      return "Not authenticated (no bearer credentials) or invalid/expired token";
    case 403:
      return "Admin privileges required";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed (see the Allow header)";
    case 413:
      return "Request body exceeds maximum allowed size of 1MB";
    case 415:
      return "Content-Type must be application/json";
    case 422:
      return "Validation error: every failing field";
    case 429:
      return "Rate limited; retry after Retry-After seconds";
    case 500:
      return "Internal Server Error (with request_id)";
    case 501:
      return "Not configured on this server";
    case 503:
      return "A dependency is unavailable";
    default:
      return "Error";
  }
}

Json ref(const std::string& schema) { return Json{{"$ref", "#/components/schemas/" + schema}}; }

Json header_ref(const std::string& name) { return Json{{"$ref", "#/components/headers/" + name}}; }

Json error_response(const Route& route, int status) {
  std::string description = error_description(status);
  if (status == 413 && !route.too_large_detail.empty()) description = route.too_large_detail;
  if (status == 415 && route.body == BodyKind::Multipart) {
    description = "Content-Type must be multipart/form-data";
  }
  if (status == 400 && (route.body == BodyKind::Multipart || route.body == BodyKind::Raw)) {
    description += "; a broken multipart stream: \"There was an error parsing the body\"";
  }
  for (const auto& [code, text] : route.doc.error_texts) {
    if (code == status) description = text;
  }
  Json response = {
      {"description", description},
      {"headers", {{"X-Request-ID", header_ref("X-Request-ID")}}},
      {"content",
       {{"application/json", {{"schema", ref(status == 422 ? "ValidationError" : "Error")}}}}}};
  if (status == 401) response["headers"]["WWW-Authenticate"] = header_ref("WWW-Authenticate");
  if (status == 405) response["headers"]["Allow"] = header_ref("Allow");
  if (status == 429) response["headers"]["Retry-After"] = header_ref("Retry-After");
  return response;
}

// The error statuses a route can answer: its own plus the generic ones of its kind (§1.4).
std::set<int> error_statuses(const Route& route) {
  std::set<int> statuses(route.doc.errors.begin(), route.doc.errors.end());
  statuses.insert(500);
  if (route.auth == AuthKind::Bearer) statuses.insert(401);
  if (route.auth == AuthKind::Admin || route.auth == AuthKind::LoopbackOrAdmin) {
    statuses.insert(401);
    statuses.insert(403);
  }
  if (route.body != BodyKind::None) {
    statuses.insert({413, 415, 422});
  }
  if (route.body == BodyKind::Multipart || route.body == BodyKind::Raw) statuses.insert(400);
  if (!route.param_names.empty()) statuses.insert(404);
  return statuses;
}

Json operation(const Route& route, bool slash_form, const std::string& canonical) {
  Json op;
  op["operationId"] = operation_id(route, slash_form);
  op["summary"] = route.doc.summary;
  std::string description = route.doc.description;
  if (slash_form) {
    description = "Same as " + std::string(method_name(route.method)) + " " + canonical +
                  " (both slash forms are served, without redirect)." +
                  (description.empty() ? "" : " " + description);
  }
  if (!description.empty()) op["description"] = description;
  op["tags"] = Json::array({route.doc.tag});

  switch (route.auth) {
    case AuthKind::None:
      op["security"] = Json::array();
      break;
    case AuthKind::Bearer:
    case AuthKind::Admin:
      op["security"] = Json::array({{{"bearerAuth", Json::array()}}});
      break;
    case AuthKind::LoopbackOrAdmin:
      // Either no credentials (loopback) or an admin bearer token.
      op["security"] = Json::array({Json::object(), {{"bearerAuth", Json::array()}}});
      break;
  }
  if (route.auth == AuthKind::Admin) op["x-aligncv-auth"] = "admin";
  if (route.auth == AuthKind::LoopbackOrAdmin) op["x-aligncv-auth"] = "loopback-or-admin";

  if (!route.param_names.empty() || !route.doc.query_params.empty()) {
    Json parameters = Json::array();
    for (const std::string& name : route.param_names) {
      parameters.push_back(
          {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    for (const auto& param : route.doc.query_params) {
      parameters.push_back({{"name", param.name},
                            {"in", "query"},
                            {"required", false},
                            {"description", param.description},
                            {"schema", {{"type", param.type}}}});
    }
    op["parameters"] = parameters;
  }

  if (route.body == BodyKind::Multipart) {
    Json schema =
        route.doc.request_schema.empty() ? Json{{"type", "object"}} : ref(route.doc.request_schema);
    op["requestBody"] = {{"required", true},
                         {"content", {{"multipart/form-data", {{"schema", schema}}}}}};
  } else if (route.body == BodyKind::Raw) {
    Json content = Json::object();
    for (const auto& [media, schema] : route.doc.request_types) {
      content[media] = {{"schema", schema.empty() ? Json{{"type", "string"}} : ref(schema)}};
    }
    op["requestBody"] = {{"required", true}, {"content", content}};
  } else if (route.body != BodyKind::None) {
    Json schema =
        route.doc.request_schema.empty() ? Json{{"type", "object"}} : ref(route.doc.request_schema);
    op["requestBody"] = {{"required", route.body == BodyKind::Required},
                         {"content", {{"application/json", {{"schema", schema}}}}}};
  }

  Json responses = Json::object();
  Json success = {{"description", route.doc.summary}};
  const std::string type = media_type(route.doc.response_type);
  Json schema =
      route.doc.response_schema.empty() ? Json{{"type", "string"}} : ref(route.doc.response_schema);
  success["content"] = {{type, {{"schema", schema}}}};
  success["headers"] = {{"X-Request-ID", header_ref("X-Request-ID")}};
  for (const auto& [name, text] : route.doc.response_headers) {
    success["headers"][name] = {{"description", text}, {"schema", {{"type", "string"}}}};
  }
  responses[std::to_string(route.doc.success_status)] = success;
  for (int status : error_statuses(route)) {
    if (status == 503 && route.doc.response_schema == "Health") {
      responses["503"] = {{"description", "Unhealthy: the same body plus detail and code"},
                          {"headers", {{"X-Request-ID", header_ref("X-Request-ID")}}},
                          {"content", {{"application/json", {{"schema", ref("Health")}}}}}};
      continue;
    }
    responses[std::to_string(status)] = error_response(route, status);
  }
  op["responses"] = responses;
  return op;
}

std::string lower(const char* text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

Json build_openapi(const Router& router) {
  Json doc;
  doc["openapi"] = "3.1.0";
  doc["info"] = {
      {"title", "AlignCV V2 API"},
      {"version", kVersion},
      {"description",
       "The /v2 REST surface of AlignCV. Every path is served with and without a trailing slash "
       "(no redirect). HEAD is served for every GET; OPTIONS on any known path answers 204 with "
       "Allow (and CORS preflight headers). Errors are {\"detail\", \"code\"} objects; 422 lists "
       "every failing field. Every response carries X-Request-ID."}};
  doc["servers"] = Json::array({{{"url", "/"}}});

  Json tags = Json::array();
  std::set<std::string> seen_tags;
  Json paths = Json::object();
  for (const auto& route : router.routes()) {
    if (seen_tags.insert(route->doc.tag).second) tags.push_back({{"name", route->doc.tag}});
    const std::string& canonical = route->pattern;
    // §9 lists "/v2/" first for the API root and a few others; elsewhere the form without.
    const bool slash_first = canonical == "/v2" || route->canonical_slash;
    const std::string slashed = canonical + "/";
    const std::string& first = slash_first ? slashed : canonical;
    const std::string& second = slash_first ? canonical : slashed;
    const std::string method = lower(method_name(route->method));
    paths[first][method] = operation(*route, false, first);
    if (canonical != "/" && route->openapi_alias_slash) {
      paths[second][method] = operation(*route, true, first);
    }
  }
  doc["tags"] = tags;
  doc["paths"] = paths;

  Json components;
  components["schemas"] = component_schemas();
  components["securitySchemes"] = {
      {"bearerAuth",
       {{"type", "http"},
        {"scheme", "bearer"},
        {"bearerFormat", "JWT"},
        {"description", "Authorization: Bearer <access_token> from /v2/auth/login or signup."}}}};
  components["headers"] = {
      {"X-Request-ID",
       {{"description",
         "The request id: the incoming X-Request-ID if it matches "
         "[A-Za-z0-9._-]{1,64}, else a new UUID v4."},
        {"schema", {{"type", "string"}}}}},
      {"WWW-Authenticate",
       {{"description", "Bearer, or Bearer error=\"invalid_token\""},
        {"schema", {{"type", "string"}}}}},
      {"Allow",
       {{"description", "The methods served at this path"}, {"schema", {{"type", "string"}}}}},
      {"Retry-After",
       {{"description", "Seconds to wait (integer)"}, {"schema", {{"type", "integer"}}}}}};
  doc["components"] = components;
  return doc;
}

}  // namespace aligncv::http
