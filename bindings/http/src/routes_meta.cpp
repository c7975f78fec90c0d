// §7 Meta: API info, health, OpenAPI, docs page, metrics. The web UI is in routes_web.cpp.
#include "context.hpp"
#include "routes.hpp"
#include "web_assets.hpp"

namespace aligncv::http {

namespace {

constexpr const char* kMeta = "Meta";
constexpr const char* kMetricsType = "text/plain; version=0.0.4; charset=utf-8";

Reply health_reply(Engine& engine) {
  const Health health = engine.health();
  Json body = to_json(health);
  if (health.healthy) return Reply::json(body);
  body["detail"] = "Service unhealthy";
  body["code"] = "unavailable";
  return Reply::json(body, 503);
}

}  // namespace

void add_meta_routes(Router& router, const Services& services) {
  router.add(Method::Get, "/v2", AuthKind::None, BodyKind::None,
             doc("API info and working features", kMeta)
                 .describe("Name, version, docs location and the features that work with the "
                           "current configuration.")
                 .response("ApiInfo"),
             [](RequestContext& ctx) { return Reply::json(ctx.engine.api_info()); });

  router.add(Method::Get, "/v2/health", AuthKind::None, BodyKind::None,
             doc("Health with database check", kMeta)
                 .describe("A real database query (500 ms budget) and a storage check. When "
                           "unhealthy: 503 with the same body plus detail and code.")
                 .response("Health")
                 .error({503}),
             [](RequestContext& ctx) { return health_reply(ctx.engine); });

  // Served from the string built once at start: the table does not change while serving.
  router.add(Method::Get, "/v2/openapi.json", AuthKind::None, BodyKind::None,
             doc("OpenAPI 3.1 document", kMeta)
                 .describe("This document: every route served, generated from the route table.")
                 .response("OpenApiDocument"),
             [&services](RequestContext&) {
               Reply reply;
               reply.body = services.openapi_json;
               return reply;
             });

  auto docs_handler = [](RequestContext&) { return Reply::html(web_asset("docs.html")); };
  router.add(Method::Get, "/v2/docs", AuthKind::None, BodyKind::None,
             doc("API docs page", kMeta)
                 .describe("A self-contained page rendering /v2/openapi.json.")
                 .type(kHtmlType),
             docs_handler);
  router.add(Method::Get, "/v2/redoc", AuthKind::None, BodyKind::None,
             doc("Same page as /v2/docs", kMeta)
                 .describe("A self-contained page rendering /v2/openapi.json.")
                 .type(kHtmlType),
             docs_handler);

  if (services.metrics_enabled) {
    router.add(Method::Get, "/v2/metrics", AuthKind::LoopbackOrAdmin, BodyKind::None,
               doc("Prometheus metrics", kMeta)
                   .describe("Prometheus text format 0.0.4. No token is needed from a loopback "
                             "address (never judged by X-Forwarded-For); otherwise an admin "
                             "bearer token.")
                   .type(kMetricsType),
               [&services](RequestContext& ctx) {
                 Reply reply;
                 reply.body = services.metrics->render();
                 reply.body +=
                     "# HELP aligncv_outbox_messages E-mail outbox messages by state.\n"
                     "# TYPE aligncv_outbox_messages gauge\n";
                 for (const auto& [state, count] : ctx.engine.outbox_counts()) {
                   reply.body += "aligncv_outbox_messages{state=\"" + state + "\"} " +
                                 std::to_string(count) + "\n";
                 }
                 reply.content_type = kMetricsType;
                 return reply;
               });
  }
}

}  // namespace aligncv::http
