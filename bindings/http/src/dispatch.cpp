#include "dispatch.hpp"

#include "context.hpp"
#include "errors.hpp"
#include "multipart.hpp"
#include "openapi.hpp"

#include <aligncv/error.hpp>
#include <aligncv/log.hpp>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace aligncv::http {

using httplib::Request;
using httplib::Response;
using HandlerResponse = httplib::Server::HandlerResponse;

struct Dispatcher::Outcome {
  Reply reply;
  std::string request_id;
  std::string_view path;  // raw request path, no query string (points into the request)
  int route_id = -1;      // -1: no route (metrics label "unmatched")
  std::string user_id;
  bool close = false;      // the connection must not be reused (unread body bytes)
  bool preflight = false;  // OPTIONS with Access-Control-Request-Method
  std::chrono::steady_clock::time_point start;
};

namespace {

// What the request says about its body, before it is read.
struct BodyInfo {
  bool announced = false;  // Content-Length > 0 or chunked
  bool chunked = false;
  uint64_t length = 0;   // Content-Length (0 when chunked)
  bool invalid = false;  // unparsable Content-Length or unknown Transfer-Encoding
};

BodyInfo body_info(const Request& req) {
  BodyInfo info;
  if (req.has_header("Transfer-Encoding")) {
    const std::string te = req.get_header_value("Transfer-Encoding");
    // httplib only understands "chunked"; anything else would be read as a length-less body.
    if (te.size() == 7 && strncasecmp(te.c_str(), "chunked", 7) == 0) {
      info.chunked = info.announced = true;
    } else {
      info.invalid = true;
    }
    return info;
  }
  if (!req.has_header("Content-Length")) return info;
  const std::string value = req.get_header_value("Content-Length");
  if (value.empty() || value.size() > 19) {
    info.invalid = true;
    return info;
  }
  for (char c : value) {
    if (c < '0' || c > '9') {
      info.invalid = true;
      return info;
    }
    info.length = info.length * 10 + static_cast<uint64_t>(c - '0');
  }
  info.announced = info.length > 0;
  return info;
}

std::string_view request_path(const Request& req) {
  std::string_view target = req.target.empty() ? std::string_view(req.path) : req.target;
  return target.substr(0, target.find('?'));
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool is_v2_path(std::string_view path) { return path == "/v2" || starts_with(path, "/v2/"); }

// Adds a header unless the response already carries it.
void ensure_header(Response& res, const char* name, const std::string& value) {
  if (!res.has_header(name)) res.set_header(name, value);
}

const char* metrics_method(const std::string& method) {
  auto parsed = parse_method(method);
  return parsed ? method_name(*parsed) : "OTHER";
}

// The form of a multipart route (api-v2.md §3 upload): 415 for another media type, 400 for a
// stream that cannot be parsed. Which parts the route needs is the route's business.
MultipartForm read_form(const std::string& content_type, const std::string* body, bool announced) {
  const bool has_body = body ? !body->empty() : announced;
  if (!is_multipart_form_data(content_type)) {
    // Nothing sent at all: the route reports its missing field (422) instead.
    if (!has_body && content_type.empty()) return {};
    throw Error(ErrorCode::UnsupportedMediaType, "Content-Type must be multipart/form-data");
  }
  auto broken = [] {
    return Error(ErrorCode::InvalidArgument, "There was an error parsing the body");
  };
  const std::string boundary = multipart_boundary(content_type);
  if (boundary.empty()) throw broken();
  if (body == nullptr || body->empty()) return {};
  std::optional<MultipartForm> form = parse_multipart(*body, boundary);
  if (!form) throw broken();
  return std::move(*form);
}

std::vector<std::string> route_patterns(const Router& router) {
  std::vector<std::string> patterns;
  for (const auto& route : router.routes()) patterns.push_back(route->pattern);
  return patterns;
}

}  // namespace

Dispatcher::Dispatcher(Engine& engine, int worker_permits)
    : engine_(engine), cors_(engine.options().cors_origins), client_ip_([&] {
        std::vector<std::string> rejected;
        ClientIpResolver resolver(engine.options().trusted_proxies, &rejected);
        for (const std::string& entry : rejected) {
          engine.logger().warn("http", "ignoring malformed TRUSTED_PROXIES entry '" + entry + "'");
        }
        return resolver;
      }()) {
  services_.metrics_enabled = engine.options().metrics_enabled;
  services_.max_upload_bytes = max_upload_bytes(engine.options());
  services_.upload_too_large_detail = upload_too_large(engine.options()).detail();
  services_.max_import_bytes = max_import_bytes(engine.options());
  services_.import_too_large_detail = import_too_large(engine.options()).detail();
  add_all_routes(router_, services_);
  metrics_ = std::make_unique<Metrics>(route_patterns(router_));
  services_.metrics = metrics_.get();
  services_.openapi_json =
      build_openapi(router_).dump(-1, ' ', false, Json::error_handler_t::replace);
  if (worker_permits > 0) gate_ = std::make_unique<WorkerGate>(worker_permits);
}

std::size_t Dispatcher::max_body_limit() const {
  std::size_t limit = 0;
  for (const auto& route : router_.routes()) {
    if (route->body != BodyKind::None) limit = std::max(limit, route->body_limit);
  }
  return limit;
}

bool Dispatcher::wants_body(const Request& req) const {
  const auto method = parse_method(req.method);
  if (!method || (*method != Method::Post && *method != Method::Put && *method != Method::Patch &&
                  *method != Method::Delete)) {
    return false;
  }
  const BodyInfo info = body_info(req);
  if (info.invalid || !info.announced) return false;
  const Router::Match match = router_.match(*method, request_path(req));
  if (!match.route || match.route->body == BodyKind::None) return false;
  if (!info.chunked && info.length > match.route->body_limit) return false;  // 413 unread
  const std::string content_type = req.get_header_value("Content-Type");     // else 415 unread
  if (match.route->body == BodyKind::Multipart) return is_multipart_form_data(content_type);
  if (match.route->body == BodyKind::Raw) return true;  // the route judges the media type
  return is_json_content_type(content_type);
}

HandlerResponse Dispatcher::pre_route(const Request& req, Response& res) {
  // The API serves whole representations (RFC 9110 lets a server ignore Range). httplib would
  // otherwise cut our bodies to the requested range while we answer 200. The request object is
  // httplib's own non-const local, handed to this hook as const.
  if (!req.ranges.empty()) const_cast<Request&>(req).ranges.clear();
  if (wants_body(req)) {
    // httplib 0.11 hands a body whose Content-Type starts with "multipart/form-data" (compared
    // case-sensitively) to its own multipart parser instead of our reader, which has no
    // multipart receiver. Media types are case-insensitive, so an upper-case first letter keeps
    // the type's meaning for us while httplib passes the raw bytes on.
    auto types = const_cast<Request&>(req).headers.equal_range("Content-Type");
    for (auto it = types.first; it != types.second; ++it) {
      if (it->second.rfind("multipart/form-data", 0) == 0) it->second[0] = 'M';
    }
    return HandlerResponse::Unhandled;
  }
  handle(req, res, BodyInput{});
  return HandlerResponse::Handled;
}

int Dispatcher::expect_continue(const Request& req, Response& res) {
  if (wants_body(req)) return 100;
  handle(req, res, BodyInput{});
  // httplib writes any other status as the final response, without reading the body and
  // without adding Content-Length on this path.
  // A streamed (closing) reply has announced its own length.
  if (res.content_length_ == 0) res.set_header("Content-Length", std::to_string(res.body.size()));
  return res.status;
}

void Dispatcher::handle_with_body(const Request& req, Response& res,
                                  const httplib::ContentReader& reader) {
  const auto method = parse_method(req.method);
  const Router::Match match = router_.match(method.value_or(Method::Get), request_path(req));
  const std::size_t limit = match.route ? match.route->body_limit : kDefaultBodyLimit;
  const BodyInfo info = body_info(req);

  std::string body;
  if (!info.chunked) body.reserve(static_cast<std::size_t>(std::min<uint64_t>(info.length, limit)));
  BodyInput input;
  const bool complete = reader([&](const char* data, std::size_t size) {
    if (body.size() + size > limit) {
      input.too_large = true;  // stop reading: never buffer more than the limit
      return false;
    }
    body.append(data, size);
    return true;
  });
  input.body = &body;
  if (!complete && !input.too_large) {
    // Truncated or malformed chunked body: the stream is unusable.
    Outcome out;
    out.start = std::chrono::steady_clock::now();
    out.path = request_path(req);
    out.request_id = new_request_id();
    out.route_id = match.route ? match.route->id : -1;
    out.reply = error_reply(400, "There was an error parsing the body", "bad_request");
    out.close = true;
    finish(req, res, out);
    return;
  }
  handle(req, res, input);
}

std::optional<Principal> Dispatcher::authenticate(const Route& route, const Request& req) const {
  switch (route.auth) {
    case AuthKind::None:
      return std::nullopt;
    case AuthKind::Bearer:
      return engine_.authenticate_header(req.get_header_value("Authorization"));
    case AuthKind::LoopbackOrAdmin:
      // The connecting address only: a forwarded header must never unlock this.
      if (is_loopback(req.remote_addr)) return std::nullopt;
      [[fallthrough]];
    case AuthKind::Admin: {
      Principal principal = engine_.authenticate_header(req.get_header_value("Authorization"));
      if (!principal.is_admin) throw Error(ErrorCode::Forbidden, "Admin privileges required");
      return principal;
    }
  }
  return std::nullopt;
}

void Dispatcher::run(const Request& req, const BodyInput& input, Outcome& out) {
  const auto method = parse_method(req.method);
  const BodyInfo info = body_info(req);
  // Body bytes we do not read would be parsed as the next request on this connection.
  if (((info.announced || info.invalid) && input.body == nullptr) || input.too_large) {
    out.close = true;
  }

  Router::Match match = router_.match(method.value_or(Method::Get), out.path);
  if (!match.node) {
    out.reply = not_found_reply();
    return;
  }
  if (!method) {
    out.reply = method_not_allowed_reply(Router::allow_header(*match.node));
    return;
  }
  if (*method == Method::Options) {
    out.reply = Reply{};
    out.reply.status = 204;
    out.reply.headers.emplace_back("Allow", Router::allow_header(*match.node));
    out.preflight = req.has_header("Access-Control-Request-Method");
    return;
  }
  if (!match.route) {
    out.reply = method_not_allowed_reply(Router::allow_header(*match.node));
    return;
  }
  const Route& route = *match.route;
  out.route_id = route.id;
  if (info.invalid) {
    out.reply = error_reply(400, "Invalid Content-Length or Transfer-Encoding", "bad_request");
    return;
  }
  if (input.too_large ||
      (route.body != BodyKind::None && !info.chunked && info.length > route.body_limit)) {
    out.reply = payload_too_large_reply(route.too_large_detail);
    return;
  }

  // From here on the engine is involved: bound the number of requests doing so at once.
  struct Permit {
    WorkerGate* gate;
    explicit Permit(WorkerGate* g) : gate(g) {
      if (gate) gate->acquire();
    }
    ~Permit() {
      if (gate) gate->release();
    }
  } permit(gate_.get());

  RequestContext ctx{engine_,        req,          ClientInfo{},    std::move(match.params),
                     Json::object(), std::nullopt, MultipartForm{}, std::string_view{}};
  ctx.client.request_id = out.request_id;
  ctx.client.ip = client_ip_.empty() ? req.remote_addr
                                     : client_ip_.resolve(req.remote_addr,
                                                          req.get_header_value("X-Forwarded-For"));
  ctx.principal = authenticate(route, req);
  if (ctx.principal) out.user_id = ctx.principal->user_id;

  if (route.body == BodyKind::Multipart) {
    ctx.form = read_form(req.get_header_value("Content-Type"), input.body, info.announced);
  } else if (route.body == BodyKind::Raw) {
    if (input.body != nullptr) ctx.raw_body = *input.body;
    const std::string content_type = req.get_header_value("Content-Type");
    if (is_multipart_form_data(content_type)) {
      ctx.form = read_form(content_type, input.body, info.announced);
    }
  } else if (route.body != BodyKind::None) {
    const std::string content_type = req.get_header_value("Content-Type");
    const bool has_body = input.body ? !input.body->empty() : info.announced;
    if (!is_json_content_type(content_type) && (has_body || route.body == BodyKind::Required)) {
      throw Error(ErrorCode::UnsupportedMediaType, "Content-Type must be application/json");
    }
    ctx.body = parse_json_body(input.body ? std::string_view(*input.body) : std::string_view(),
                               route.body);
  }
  out.reply = route.handler(ctx);
}

void Dispatcher::handle(const Request& req, Response& res, const BodyInput& input) {
  Outcome out;
  out.start = std::chrono::steady_clock::now();
  out.path = request_path(req);
  const std::string incoming = req.get_header_value("X-Request-ID");
  out.request_id = is_valid_request_id(incoming) ? incoming : new_request_id();
  try {
    run(req, input, out);
  } catch (const Error& e) {
    if (e.code() == ErrorCode::Internal) {
      LogFields fields;
      fields.request_id = out.request_id;
      fields.user_id = out.user_id;
      engine_.logger().error("http", std::string("internal error: ") + e.detail(), fields);
    }
    out.reply = error_reply(e, out.request_id);
  } catch (const std::exception& e) {
    LogFields fields;
    fields.request_id = out.request_id;
    fields.user_id = out.user_id;
    engine_.logger().error("http", std::string("unhandled exception: ") + e.what(), fields);
    out.reply = internal_error_reply(out.request_id);
  } catch (...) {
    LogFields fields;
    fields.request_id = out.request_id;
    engine_.logger().error("http", "unhandled non-standard exception", fields);
    out.reply = internal_error_reply(out.request_id);
  }
  finish(req, res, out);
}

void Dispatcher::finish(const Request& req, Response& res, Outcome& out) {
  Reply& reply = out.reply;
  res.status = reply.status;
  for (auto& [name, value] : reply.headers) res.set_header(name, value);
  res.set_header("X-Request-ID", out.request_id);
  res.set_header("X-Content-Type-Options", "nosniff");
  const bool json = !reply.body.empty() && starts_with(reply.content_type, "application/json");
  if (json && is_v2_path(out.path)) res.set_header("Cache-Control", "no-store");

  if (req.has_header("Origin")) {
    const std::string origin = req.get_header_value("Origin");
    const CorsPolicy::Grant grant = cors_.check(origin);
    if (grant != CorsPolicy::Grant::None) {
      if (grant == CorsPolicy::Grant::Credentialed) {
        res.set_header("Access-Control-Allow-Origin", origin);
        res.set_header("Access-Control-Allow-Credentials", "true");
        res.set_header("Vary", "Origin");
      } else {
        res.set_header("Access-Control-Allow-Origin", "*");
      }
      res.set_header("Access-Control-Expose-Headers", CorsPolicy::kExposeHeaders);
      if (out.preflight) {
        res.set_header("Access-Control-Allow-Methods", CorsPolicy::kAllowMethods);
        const std::string requested = req.get_header_value("Access-Control-Request-Headers");
        if (!requested.empty()) res.set_header("Access-Control-Allow-Headers", requested);
        res.set_header("Access-Control-Max-Age", CorsPolicy::kMaxAge);
      }
    }
  }
  if (out.close && !reply.body.empty()) {
    res.set_header("Connection", "close");
    // httplib 0.11 keeps the connection whatever the response says. A content provider that
    // reports failure after writing the whole body makes it close the socket, so body bytes we
    // never read cannot be parsed as a next request.
    auto body = std::make_shared<std::string>(std::move(reply.body));
    res.set_content_provider(body->size(), reply.content_type.c_str(),
                             [body](size_t offset, size_t length, httplib::DataSink& sink) {
                               sink.write(body->data() + offset, length);
                               return false;
                             });
  } else if (!reply.body.empty()) {
    res.body = std::move(reply.body);
    res.set_header("Content-Type", reply.content_type);
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - out.start).count();
  metrics_->observe(out.route_id, metrics_method(req.method), res.status, seconds);
  Logger& logger = engine_.logger();
  if (logger.enabled(LogLevel::Info)) {
    LogFields fields;
    fields.request_id = out.request_id;
    fields.user_id = std::move(out.user_id);
    fields.endpoint.reserve(req.method.size() + 1 + out.path.size());
    fields.endpoint.append(req.method).append(" ").append(out.path);
    fields.status_code = res.status;
    fields.duration_ms = seconds * 1000.0;
    logger.info("http", fields.endpoint, fields);  // the logger adds status and duration
  }
}

HandlerResponse Dispatcher::on_error(const Request& req, Response& res) {
  // Ours already (every response we build carries a request id; some stream their body).
  if (res.has_header("X-Request-ID")) return HandlerResponse::Unhandled;
  // httplib answered by itself (malformed request line, URI too long, ...).
  res.set_content(
      Json{{"detail", default_detail(res.status)}, {"code", default_code(res.status)}}.dump(),
      kJsonType);
  const std::string incoming = req.get_header_value("X-Request-ID");
  ensure_header(res, "X-Request-ID", is_valid_request_id(incoming) ? incoming : new_request_id());
  ensure_header(res, "X-Content-Type-Options", "nosniff");
  ensure_header(res, "Cache-Control", "no-store");
  return HandlerResponse::Handled;
}

void Dispatcher::on_exception(const Request& req, Response& res, const std::exception_ptr& ep) {
  const std::string request_id = new_request_id();
  std::string what = "unknown exception";
  try {
    if (ep) std::rethrow_exception(ep);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  LogFields fields;
  fields.request_id = request_id;
  fields.endpoint = req.method + " " + std::string(request_path(req));
  engine_.logger().error("http", "exception outside the pipeline: " + what, fields);
  Reply reply = internal_error_reply(request_id);
  res.status = 500;
  res.headers.clear();
  res.set_content(reply.body, kJsonType);
  res.set_header("X-Request-ID", request_id);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "no-store");
}

}  // namespace aligncv::http
