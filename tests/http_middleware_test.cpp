// The HTTP face's request-independent pieces: request ids, CORS, client addresses behind proxies,
// content types, JSON bodies, the error table and metrics (api-v2.md §1).
#include "../bindings/http/src/errors.hpp"
#include "../bindings/http/src/metrics.hpp"
#include "../bindings/http/src/middleware.hpp"

#include <aligncv/error.hpp>

#include <gtest/gtest.h>

#include <set>

namespace aligncv::http {
namespace {

TEST(RequestId, AcceptsOnlyTheSafeAlphabetUpTo64) {
  EXPECT_TRUE(is_valid_request_id("abc-DEF_0.9"));
  EXPECT_TRUE(is_valid_request_id(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_request_id(""));
  EXPECT_FALSE(is_valid_request_id(std::string(65, 'a')));
  EXPECT_FALSE(is_valid_request_id("a b"));
  EXPECT_FALSE(is_valid_request_id("a\r\nX-Injected: 1"));
  EXPECT_FALSE(is_valid_request_id("ä"));
}

TEST(RequestId, GeneratesDistinctUuidV4) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = new_request_id();
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[8], '-');
    EXPECT_EQ(id[13], '-');
    EXPECT_EQ(id[14], '4');
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
    EXPECT_TRUE(is_valid_request_id(id));
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Cors, MatchesListedOriginsIgnoringTrailingSlash) {
  CorsPolicy cors({" http://localhost:3000/ ", "https://App.example"});
  EXPECT_EQ(cors.check("http://localhost:3000"), CorsPolicy::Grant::Credentialed);
  EXPECT_EQ(cors.check("https://app.example"), CorsPolicy::Grant::Credentialed);
  EXPECT_EQ(cors.check("http://localhost:3001"), CorsPolicy::Grant::None);
  EXPECT_EQ(cors.check(""), CorsPolicy::Grant::None);
  EXPECT_EQ(cors.check("null"), CorsPolicy::Grant::None);
}

TEST(Cors, WildcardAllowsAnyOriginWithoutCredentials) {
  CorsPolicy cors({"*", "http://trusted.example"});
  EXPECT_EQ(cors.check("http://anything.example"), CorsPolicy::Grant::AnyOrigin);
  EXPECT_EQ(cors.check("http://trusted.example"), CorsPolicy::Grant::Credentialed);
}

TEST(ClientIp, WithoutTrustedProxiesIsTheRemoteAddress) {
  ClientIpResolver resolver({});
  EXPECT_TRUE(resolver.empty());
  EXPECT_EQ(resolver.resolve("10.0.0.1", "1.2.3.4"), "10.0.0.1");
}

TEST(ClientIp, TakesRightmostUntrustedForwardedEntry) {
  ClientIpResolver resolver({"10.0.0.0/8", "192.168.1.5"});
  EXPECT_EQ(resolver.resolve("10.1.2.3", "1.2.3.4"), "1.2.3.4");
  EXPECT_EQ(resolver.resolve("10.1.2.3", "6.6.6.6, 1.2.3.4, 192.168.1.5"), "1.2.3.4");
  // The connecting address is not a proxy: its header is not believed.
  EXPECT_EQ(resolver.resolve("8.8.8.8", "1.2.3.4"), "8.8.8.8");
  // Every entry is a proxy: the left-most one.
  EXPECT_EQ(resolver.resolve("10.0.0.1", "10.0.0.9, 10.0.0.8"), "10.0.0.9");
  // Garbage ends the chain; no header keeps the remote address.
  EXPECT_EQ(resolver.resolve("10.0.0.1", "garbage"), "10.0.0.1");
  EXPECT_EQ(resolver.resolve("10.0.0.1", ""), "10.0.0.1");
}

TEST(ClientIp, HandlesIpv6AndRejectsMalformedEntries) {
  std::vector<std::string> rejected;
  ClientIpResolver resolver({"fd00::/8", "not-an-ip", "10.0.0.0/33", "::1"}, &rejected);
  EXPECT_EQ(rejected, (std::vector<std::string>{"not-an-ip", "10.0.0.0/33"}));
  EXPECT_EQ(resolver.resolve("fd12::1", "2001:db8::7"), "2001:db8::7");
  EXPECT_EQ(resolver.resolve("::1", "[2001:db8::8]"), "2001:db8::8");
}

TEST(ClientIp, RecognisesLoopback) {
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("127.8.9.10"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_TRUE(is_loopback("::ffff:127.0.0.1"));
  EXPECT_FALSE(is_loopback("10.0.0.1"));
  EXPECT_FALSE(is_loopback("::2"));
  EXPECT_FALSE(is_loopback("localhost"));
}

TEST(Bodies, AcceptsJsonWithAnyParametersOrNoContentType) {
  EXPECT_TRUE(is_json_content_type(""));
  EXPECT_TRUE(is_json_content_type("application/json"));
  EXPECT_TRUE(is_json_content_type("Application/JSON; charset=utf-8"));
  EXPECT_FALSE(is_json_content_type("text/plain"));
  EXPECT_FALSE(is_json_content_type("application/json-patch+json"));
  EXPECT_FALSE(is_json_content_type("multipart/form-data; boundary=x"));
}

Json issues_of(std::string_view body, BodyKind kind) {
  try {
    parse_json_body(body, kind);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Validation);
    Json out = Json::array();
    for (const auto& issue : e.issues()) out.push_back(to_json(issue));
    return out;
  }
  return nullptr;
}

TEST(Bodies, ParsesObjectsAndTreatsEmptyOptionalBodiesAsEmpty) {
  EXPECT_EQ(parse_json_body(R"({"a": 1})", BodyKind::Required), (Json{{"a", 1}}));
  EXPECT_EQ(parse_json_body("", BodyKind::Optional), Json::object());
  EXPECT_EQ(parse_json_body("null", BodyKind::Optional), Json::object());
}

TEST(Bodies, ReportsMissingInvalidAndNonObjectBodies) {
  Json missing = issues_of("", BodyKind::Required);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0]["type"], "missing");
  EXPECT_EQ(missing[0]["loc"], Json::array({"body"}));

  Json invalid = issues_of(R"({"a": 1,})", BodyKind::Required);
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0]["type"], "json_invalid");
  EXPECT_EQ(invalid[0]["loc"], (Json::array({"body", 8})));
  EXPECT_EQ(invalid[0]["input"], Json::object());
  const std::string reason = invalid[0]["ctx"]["error"];
  EXPECT_EQ(reason.find("json.exception"), std::string::npos) << reason;
  EXPECT_EQ(reason.find("last read"), std::string::npos) << reason;

  Json utf8 = issues_of("{\"a\": \"\xff\"}", BodyKind::Required);
  ASSERT_EQ(utf8.size(), 1u);
  EXPECT_EQ(utf8[0]["type"], "json_invalid");

  Json array = issues_of("[1]", BodyKind::Required);
  ASSERT_EQ(array.size(), 1u);
  EXPECT_EQ(array[0]["type"], "model_attributes_type");
  EXPECT_EQ(array[0]["input"], Json::array({1}));
}

TEST(Errors, MapsEveryCodeToItsStatus) {
  EXPECT_EQ(status_for(ErrorCode::InvalidArgument), 400);
  EXPECT_EQ(status_for(ErrorCode::Conflict), 400);
  EXPECT_EQ(status_for(ErrorCode::Unauthenticated), 401);
  EXPECT_EQ(status_for(ErrorCode::InvalidToken), 401);
  EXPECT_EQ(status_for(ErrorCode::InvalidCredentials), 401);
  EXPECT_EQ(status_for(ErrorCode::Forbidden), 403);
  EXPECT_EQ(status_for(ErrorCode::NotFound), 404);
  EXPECT_EQ(status_for(ErrorCode::PayloadTooLarge), 413);
  EXPECT_EQ(status_for(ErrorCode::UnsupportedMediaType), 415);
  EXPECT_EQ(status_for(ErrorCode::Validation), 422);
  EXPECT_EQ(status_for(ErrorCode::RateLimited), 429);
  EXPECT_EQ(status_for(ErrorCode::Internal), 500);
  EXPECT_EQ(status_for(ErrorCode::NotConfigured), 501);
  EXPECT_EQ(status_for(ErrorCode::Unavailable), 503);
}

std::string header(const Reply& reply, const std::string& name) {
  for (const auto& [key, value] : reply.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST(Errors, AddsChallengeAndRetryHeaders) {
  Reply missing = error_reply(Error(ErrorCode::Unauthenticated, "Not authenticated"), "r");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(header(missing, "WWW-Authenticate"), "Bearer");
  Reply invalid = error_reply(Error(ErrorCode::InvalidToken, "Invalid or expired token"), "r");
  EXPECT_EQ(header(invalid, "WWW-Authenticate"), "Bearer error=\"invalid_token\"");
  Reply limited = error_reply(Error::rate_limited("Too many", 42), "r");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(header(limited, "Retry-After"), "42");
  EXPECT_EQ(Json::parse(limited.body), (Json{{"detail", "Too many"}, {"code", "rate_limited"}}));
}

TEST(Errors, NeverShowsInternalDetail) {
  Reply reply =
      error_reply(Error(ErrorCode::Internal, "sqlite: disk I/O error at /secret"), "rid-1");
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(Json::parse(reply.body), (Json{{"detail", "Internal Server Error"},
                                           {"code", "internal_error"},
                                           {"request_id", "rid-1"}}));
}

TEST(Errors, ValidationListsEveryIssue) {
  Reply reply = error_reply(
      Error::validation({FieldIssue{"missing", Json::array({"body", "email"}), "Field required",
                                    Json::object(), nullptr},
                         FieldIssue{"string_too_short", Json::array({"body", "password"}),
                                    "String should have at least 8 characters", "short",
                                    Json{{"min_length", 8}}}}),
      "r");
  EXPECT_EQ(reply.status, 422);
  Json body = Json::parse(reply.body);
  EXPECT_EQ(body["code"], "validation_error");
  ASSERT_EQ(body["detail"].size(), 2u);
  EXPECT_FALSE(body["detail"][0].contains("ctx"));
  EXPECT_EQ(body["detail"][1]["ctx"]["min_length"], 8);
}

TEST(Metrics, RendersCountersAndCumulativeHistogramsPerPattern) {
  Metrics metrics({"/v2/health", "/v2/auth/preferences", "/v2/auth/preferences"});
  metrics.observe(0, "GET", 200, 0.0002);
  metrics.observe(0, "GET", 200, 0.003);
  metrics.observe(1, "GET", 200, 0.001);
  metrics.observe(2, "PUT", 422, 0.001);  // same pattern as route 1: one label
  metrics.observe(-1, "GET", 404, 0.0001);
  const std::string text = metrics.render();
  EXPECT_NE(
      text.find(
          "aligncv_http_requests_total{method=\"GET\",route=\"/v2/health\",status=\"200\"} 2"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("aligncv_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          "aligncv_http_request_duration_seconds_bucket{route=\"/v2/health\",le=\"0.0005\"} 1"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          "aligncv_http_request_duration_seconds_bucket{route=\"/v2/health\",le=\"0.005\"} 2"),
      std::string::npos);
  EXPECT_NE(
      text.find("aligncv_http_request_duration_seconds_count{route=\"/v2/auth/preferences\"} 2"),
      std::string::npos);
  // One series per pattern, never two with identical labels.
  const std::string inf =
      "aligncv_http_request_duration_seconds_bucket{route=\"/v2/auth/preferences\",le=\"+Inf\"}";
  EXPECT_EQ(text.find(inf), text.rfind(inf));
}

}  // namespace
}  // namespace aligncv::http
