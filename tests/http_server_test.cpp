// The HTTP face end to end: a real Server on a free loopback port over a real Engine in a temp
// folder, driven with httplib::Client and raw sockets (api-v2.md §1, §2, §6.1, §7).
#include <aligncv/http/server.hpp>

#include "test_support.hpp"

#include <aligncv/aligncv.hpp>

#include <httplib.h>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace aligncv::http {
namespace {

using aligncv::testing::TempDir;

class HttpServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto clock = std::make_shared<ManualClock>();
    Options options = aligncv::testing::test_options(*dir_, clock);
    options.cors_origins = {"http://allowed.example/", "http://localhost:3000"};
    engine_ = Engine::open(options).release();
    server_ = new Server(*engine_);
    port_ = server_->bind("127.0.0.1", 0);
    thread_ = new std::thread([] { server_->listen(); });
  }
  static void TearDownTestSuite() {
    server_->stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete engine_;
    delete dir_;
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }

  // Sends raw bytes and returns everything read until the server closes or `wait_ms` of silence.
  std::string raw(const std::string& request, int wait_ms = 2000) const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd);
      return "";
    }
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    std::string response;
    char buffer[4096];
    pollfd p{fd, POLLIN, 0};
    while (::poll(&p, 1, wait_ms) > 0) {
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      response.append(buffer, static_cast<std::size_t>(n));
      if (response.find("\r\n\r\n") != std::string::npos && wait_ms > 300) wait_ms = 300;
    }
    ::close(fd);
    return response;
  }

  // Signs up a fresh user and returns the access token.
  std::string signup(const std::string& email) {
    auto res = client().Post(
        "/v2/auth/signup",
        Json{{"name", "Jane Doe"}, {"email", email}, {"password", "password123"}}.dump(),
        "application/json");
    EXPECT_TRUE(res);
    if (!res) return "";
    EXPECT_EQ(res->status, 201) << res->body;
    return Json::parse(res->body)["tokens"]["access_token"].get<std::string>();
  }

  static Json body_of(const httplib::Result& res) { return Json::parse(res->body); }

  static TempDir* dir_;
  static Engine* engine_;
  static Server* server_;
  static std::thread* thread_;
  static int port_;
};

TempDir* HttpServerTest::dir_ = nullptr;
Engine* HttpServerTest::engine_ = nullptr;
Server* HttpServerTest::server_ = nullptr;
std::thread* HttpServerTest::thread_ = nullptr;
int HttpServerTest::port_ = 0;

TEST_F(HttpServerTest, HealthIsHealthy) {
  auto res = client().Get("/v2/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  Json body = body_of(res);
  EXPECT_EQ(body["status"], "healthy");
  EXPECT_EQ(body["version"], "2.0.0");
  EXPECT_EQ(body["checks"]["database"], "ok");
}

TEST_F(HttpServerTest, ApiInfoAnswersBothSlashForms) {
  for (const char* path : {"/v2", "/v2/"}) {
    auto res = client().Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(body_of(res)["message"], "AlignCV V2 API");
    EXPECT_FALSE(res->has_header("Location"));
  }
  auto slash = client().Get("/v2/health/");
  ASSERT_TRUE(slash);
  EXPECT_EQ(slash->status, 200);
}

TEST_F(HttpServerTest, UnknownPathsAreJson404) {
  for (const char* path : {"/v2/nope", "/nope", "/v2/health/extra"}) {
    auto res = client().Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(body_of(res), (Json{{"detail", "Not Found"}, {"code", "not_found"}}));
    EXPECT_TRUE(res->has_header("X-Request-ID"));
  }
}

TEST_F(HttpServerTest, WrongMethodIs405WithAllow) {
  auto res = client().Delete("/v2/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(body_of(res), (Json{{"detail", "Method Not Allowed"}, {"code", "method_not_allowed"}}));
  auto put = client().Put("/v2/notifications/settings/", "{}", "application/json");
  ASSERT_TRUE(put);
  EXPECT_NE(put->status, 405);  // PUT is served there (401 without a token)
  auto get_login = client().Get("/v2/auth/login");
  ASSERT_TRUE(get_login);
  EXPECT_EQ(get_login->status, 405);
  EXPECT_EQ(get_login->get_header_value("Allow"), "POST, OPTIONS");
}

TEST_F(HttpServerTest, HeadServesGetHeadersWithoutBody) {
  auto res = client().Head("/v2/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(res->body.empty());
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_NE(res->get_header_value("Content-Length"), "0");
}

TEST_F(HttpServerTest, RangeHeadersAreIgnored) {
  auto full = client().Get("/v2/health");
  auto ranged = client().Get("/v2/health", {{"Range", "bytes=0-9"}});
  ASSERT_TRUE(ranged);
  EXPECT_EQ(ranged->status, 200);
  EXPECT_EQ(ranged->body, full->body);
  EXPECT_FALSE(ranged->has_header("Content-Range"));
}

TEST_F(HttpServerTest, OptionsAnswers204WithAllow) {
  auto res = client().Options("/v2/auth/preferences");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_EQ(res->get_header_value("Allow"), "GET, HEAD, PUT, PATCH, OPTIONS");
  auto unknown = client().Options("/v2/unknown");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(HttpServerTest, RequestIdIsReusedOrGenerated) {
  auto reused = client().Get("/v2", {{"X-Request-ID", "trace-42.A_b"}});
  ASSERT_TRUE(reused);
  EXPECT_EQ(reused->get_header_value("X-Request-ID"), "trace-42.A_b");
  for (const std::string& bad :
       {std::string("has space"), std::string(65, 'a'), std::string("a/b")}) {
    auto generated = client().Get("/v2", {{"X-Request-ID", bad}});
    ASSERT_TRUE(generated);
    const std::string id = generated->get_header_value("X-Request-ID");
    EXPECT_NE(id, bad);
    EXPECT_EQ(id.size(), 36u) << id;
    EXPECT_EQ(id[14], '4') << id;  // UUID v4
  }
  auto a = client().Get("/v2");
  auto b = client().Get("/v2");
  EXPECT_NE(a->get_header_value("X-Request-ID"), b->get_header_value("X-Request-ID"));
}

TEST_F(HttpServerTest, CorsEchoesAllowedOrigin) {
  auto res = client().Get("/v2/health", {{"Origin", "http://allowed.example"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "http://allowed.example");
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(res->get_header_value("Vary"), "Origin");
  EXPECT_EQ(res->get_header_value("Access-Control-Expose-Headers"),
            "X-Request-ID, Retry-After, X-Total-Count");
  // Errors carry CORS headers too, so browsers can read them.
  auto error = client().Get("/v2/auth/me", {{"Origin", "http://localhost:3000"}});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status, 401);
  EXPECT_EQ(error->get_header_value("Access-Control-Allow-Origin"), "http://localhost:3000");
}

TEST_F(HttpServerTest, CorsIgnoresDisallowedOrigin) {
  auto res = client().Get("/v2/health", {{"Origin", "http://evil.example"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Credentials"));
}

TEST_F(HttpServerTest, CorsPreflight) {
  auto res = client().Options("/v2/auth/login",
                              {{"Origin", "http://allowed.example"},
                               {"Access-Control-Request-Method", "POST"},
                               {"Access-Control-Request-Headers", "content-type, x-custom"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "http://allowed.example");
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Methods"),
            "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Headers"), "content-type, x-custom");
  EXPECT_EQ(res->get_header_value("Access-Control-Max-Age"), "600");
  EXPECT_EQ(res->get_header_value("Allow"), "POST, OPTIONS");

  auto denied = client().Options("/v2/auth/login", {{"Origin", "http://evil.example"},
                                                    {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 204);
  EXPECT_FALSE(denied->has_header("Access-Control-Allow-Origin"));
  EXPECT_FALSE(denied->has_header("Access-Control-Allow-Methods"));
}

TEST_F(HttpServerTest, OversizedBodyIs413BeforeItIsRead) {
  // Only the headers are sent: the answer must come without waiting for 2 MB of body.
  const auto start = std::chrono::steady_clock::now();
  const std::string response =
      raw("POST /v2/auth/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          "Content-Length: 2000000\r\n\r\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(response.rfind("HTTP/1.1 413", 0), 0u) << response;
  EXPECT_NE(response.find("Connection: close"), std::string::npos);
  EXPECT_NE(response.find("Request body exceeds maximum allowed size of 1MB"), std::string::npos);
  EXPECT_NE(response.find("payload_too_large"), std::string::npos);
}

TEST_F(HttpServerTest, OversizedChunkedBodyIs413) {
  const std::string chunk(64 * 1024, 'a');
  std::string request =
      "POST /v2/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  for (int i = 0; i < 20; ++i) request += size_line + chunk + "\r\n";  // 1.25 MiB
  request += "0\r\n\r\n";
  const std::string response = raw(request);
  EXPECT_EQ(response.rfind("HTTP/1.1 413", 0), 0u) << response.substr(0, 200);
  EXPECT_NE(response.find("payload_too_large"), std::string::npos);
}

TEST_F(HttpServerTest, SmallChunkedBodyIsRead) {
  const std::string json = R"({"email":"nobody@example.com","password":"wrong-password"})";
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", json.size());
  const std::string response =
      raw("POST /v2/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
          std::string(size_line) + json + "\r\n0\r\n\r\n");
  EXPECT_EQ(response.rfind("HTTP/1.1 401", 0), 0u) << response;
  EXPECT_NE(response.find("invalid_credentials"), std::string::npos);
}

TEST_F(HttpServerTest, WrongContentTypeIs415) {
  auto res = client().Post("/v2/auth/signup", "name=x", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 415);
  EXPECT_EQ(body_of(res), (Json{{"detail", "Content-Type must be application/json"},
                                {"code", "unsupported_media_type"}}));
  // Any charset parameter is fine.
  auto charset = client().Post("/v2/auth/login", R"({"email":"a@example.com","password":"x"})",
                               "application/json; charset=UTF-8");
  ASSERT_TRUE(charset);
  EXPECT_NE(charset->status, 415);
}

TEST_F(HttpServerTest, AuthenticationComesBeforeContentType) {
  auto res = client().Put("/v2/notifications/settings", "x", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

TEST_F(HttpServerTest, MalformedJsonIs422WithOffset) {
  auto res = client().Post("/v2/auth/login", R"({"email": x})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  Json body = body_of(res);
  EXPECT_EQ(body["code"], "validation_error");
  ASSERT_EQ(body["detail"].size(), 1u);
  const Json& issue = body["detail"][0];
  EXPECT_EQ(issue["type"], "json_invalid");
  EXPECT_EQ(issue["msg"], "JSON decode error");
  EXPECT_EQ(issue["loc"], (Json::array({"body", 10})));
  EXPECT_TRUE(issue["ctx"]["error"].is_string());
  EXPECT_FALSE(issue["ctx"]["error"].get<std::string>().empty());
}

TEST_F(HttpServerTest, NonObjectJsonIs422) {
  auto res = client().Post("/v2/auth/login", "[1, 2]", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const Json issue = body_of(res)["detail"][0];
  EXPECT_EQ(issue["type"], "model_attributes_type");
  EXPECT_EQ(issue["loc"], (Json::array({"body"})));
  EXPECT_EQ(issue["input"], (Json::array({1, 2})));
}

TEST_F(HttpServerTest, MissingTokenIs401WithChallenge) {
  auto res = client().Get("/v2/auth/me");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(body_of(res), (Json{{"detail", "Not authenticated"}, {"code", "not_authenticated"}}));

  auto bad = client().Get("/v2/auth/me", {{"Authorization", "Bearer not-a-token"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  EXPECT_EQ(bad->get_header_value("WWW-Authenticate"), "Bearer error=\"invalid_token\"");
  EXPECT_EQ(body_of(bad)["code"], "invalid_token");
}

TEST_F(HttpServerTest, SignupAnswers201WithUserAndTokens) {
  auto res = client().Post(
      "/v2/auth/signup",
      Json{{"name", "Jane Doe"}, {"email", "jane.signup@example.com"}, {"password", "password123"}}
          .dump(),
      "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  Json body = body_of(res);
  EXPECT_EQ(body["message"], "User registered successfully");
  std::vector<std::string> keys;
  for (auto it = body["user"].begin(); it != body["user"].end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"created_at", "email", "google_id", "id", "name"}));
  EXPECT_EQ(body["tokens"]["token_type"], "bearer");
  EXPECT_TRUE(body["tokens"]["access_token"].is_string());
  EXPECT_TRUE(body["tokens"]["refresh_token"].is_string());

  auto duplicate = client().Post(
      "/v2/auth/signup",
      Json{{"name", "Jane Doe"}, {"email", "JANE.signup@example.com"}, {"password", "password123"}}
          .dump(),
      "application/json");
  ASSERT_TRUE(duplicate);
  EXPECT_EQ(duplicate->status, 400);
  EXPECT_EQ(body_of(duplicate),
            (Json{{"detail", "Email already registered"}, {"code", "conflict"}}));

  auto invalid =
      client().Post("/v2/auth/signup", R"({"name":"J","password":"short"})", "application/json");
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 422);
  EXPECT_GE(body_of(invalid)["detail"].size(), 2u);
}

TEST_F(HttpServerTest, AccountRoundTrip) {
  const std::string token = signup("round.trip@example.com");
  const httplib::Headers auth = {{"Authorization", "Bearer " + token}};

  auto me = client().Get("/v2/auth/me", auth);
  ASSERT_TRUE(me);
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(body_of(me)["email"], "round.trip@example.com");

  auto profile =
      client().Patch("/v2/auth/profile", auth, R"({"location":"Berlin"})", "application/json");
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->status, 200) << profile->body;
  EXPECT_EQ(body_of(profile)["location"], "Berlin");

  auto prefs =
      client().Put("/v2/auth/preferences/", auth, R"({"items_per_page": 50})", "application/json");
  ASSERT_TRUE(prefs);
  EXPECT_EQ(prefs->status, 200) << prefs->body;
  EXPECT_EQ(body_of(prefs)["items_per_page"], 50);

  auto exported = client().Get("/v2/auth/export-data", auth);
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported->status, 200);
  EXPECT_EQ(exported->get_header_value("Content-Disposition"),
            "attachment; filename=\"aligncv-export.json\"");

  auto password = client().Put("/v2/auth/change-password", auth,
                               R"({"current_password":"password123","new_password":"password456"})",
                               "application/json");
  ASSERT_TRUE(password);
  EXPECT_EQ(password->status, 200) << password->body;
  EXPECT_EQ(body_of(password)["message"], "Password updated successfully");

  auto logout = client().Post("/v2/auth/logout", auth, "", "application/json");
  ASSERT_TRUE(logout);
  EXPECT_EQ(logout->status, 200) << logout->body;
  EXPECT_EQ(body_of(logout)["message"], "Logged out successfully");
  auto after = client().Get("/v2/auth/me", auth);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
}

TEST_F(HttpServerTest, DeleteAccount) {
  const std::string token = signup("delete.me@example.com");
  auto res = client().Delete("/v2/auth/account", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(body_of(res)["message"], "Account deleted successfully");
}

TEST_F(HttpServerTest, NotificationSettingsGetAndMerge) {
  const std::string token = signup("settings@example.com");
  const httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto get = client().Get("/v2/notifications/settings", auth);
  ASSERT_TRUE(get);
  ASSERT_EQ(get->status, 200);
  EXPECT_EQ(body_of(get)["email_enabled"], true);
  EXPECT_EQ(body_of(get)["digest_frequency"], "daily");

  auto put = client().Put(
      "/v2/notifications/settings", auth,
      R"({"email_enabled": true, "digest_frequency": "weekly", "min_match_score": 0.75})",
      "application/json");
  ASSERT_TRUE(put);
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(body_of(put)["digest_frequency"], "weekly");
  EXPECT_EQ(body_of(put)["min_match_score"], 0.75);

  auto bad = client().Patch("/v2/notifications/settings/", auth,
                            R"({"digest_frequency": "invalid_frequency"})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
}

TEST_F(HttpServerTest, MetricsFromLoopbackNeedNoToken) {
  client().Get("/v2/health");
  auto res = client().Get("/v2/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(res->body.find(
                "aligncv_http_requests_total{method=\"GET\",route=\"/v2/health\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(res->body.find(
                "aligncv_http_request_duration_seconds_bucket{route=\"/v2/health\",le=\"+Inf\"}"),
            std::string::npos);
}

TEST_F(HttpServerTest, OpenApiDescribesTheServedRoutes) {
  auto res = client().Get("/v2/openapi.json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  Json doc = body_of(res);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_EQ(doc["info"]["title"], "AlignCV V2 API");
  const Json& paths = doc["paths"];
  for (const char* path : {"/v2/", "/v2", "/v2/health", "/v2/health/", "/v2/auth/signup",
                           "/v2/notifications/settings", "/v2/notifications/settings/"}) {
    EXPECT_TRUE(paths.contains(path)) << path;
  }
  EXPECT_TRUE(paths["/v2/auth/profile"].contains("patch"));
  EXPECT_EQ(paths["/v2/auth/signup"]["post"]["responses"].count("201"), 1u);
  EXPECT_EQ(paths["/v2/auth/me"]["get"]["security"][0].count("bearerAuth"), 1u);
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
  EXPECT_TRUE(doc["components"]["schemas"].contains("ValidationError"));
  // The contract lists "/v2/documents/" first; both forms are described.
  EXPECT_TRUE(paths.contains("/v2/documents/"));
  EXPECT_TRUE(paths.contains("/v2/documents"));
  EXPECT_TRUE(paths["/v2/documents/upload"]["post"]["requestBody"]["content"].contains(
      "multipart/form-data"));
  // A raw-body route lists every media type it reads.
  EXPECT_TRUE(paths.contains("/v2/jobs/"));
  EXPECT_TRUE(paths["/v2/jobs/import"]["post"]["requestBody"]["content"].contains("text/csv"));
}

TEST_F(HttpServerTest, DocsPageIsSelfContained) {
  for (const char* path : {"/v2/docs", "/v2/redoc"}) {
    auto res = client().Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(res->body.find("<script src"), std::string::npos) << path;
    EXPECT_EQ(res->body.find("https://"), std::string::npos) << path;
  }
  EXPECT_NE(client().Get("/v2/docs")->body.find("/v2/openapi.json"), std::string::npos);
}

// The web app: its page loads only its own files, under a CSP without inline script.
TEST_F(HttpServerTest, WebAppPageAndFiles) {
  auto page = client().Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page->body.find("https://"), std::string::npos);
  EXPECT_NE(page->body.find("<script type=\"module\" src=\"/static/app.js\">"), std::string::npos);
  const std::string policy = page->get_header_value("Content-Security-Policy");
  EXPECT_NE(policy.find("script-src 'self';"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << policy;

  auto script = client().Get("/static/app.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script->get_header_value("Cache-Control"), "no-cache");
  httplib::Headers revalidate = {{"If-None-Match", script->get_header_value("ETag")}};
  auto unchanged = client().Get("/static/app.js", revalidate);
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged->status, 304);
  EXPECT_TRUE(unchanged->body.empty());

  EXPECT_EQ(client().Get("/static/app.css")->get_header_value("Content-Type"),
            "text/css; charset=utf-8");
  for (const char* path : {"/static/docs.html", "/static/missing.js", "/app.js"}) {
    auto missing = client().Get(path);
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404) << path;
    EXPECT_EQ(body_of(missing), (Json{{"detail", "Not Found"}, {"code", "not_found"}})) << path;
  }
}

TEST_F(HttpServerTest, KeepAliveConnectionServesManyRequests) {
  httplib::Client c("127.0.0.1", port_);
  c.set_keep_alive(true);
  for (int i = 0; i < 50; ++i) {
    auto res = c.Get("/v2/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
}

TEST_F(HttpServerTest, HttplibOwnErrorsGetTheJsonShape) {
  const std::string bad_line = raw("GARBAGE\r\n\r\n");
  EXPECT_EQ(bad_line.rfind("HTTP/1.1 400", 0), 0u) << bad_line;
  EXPECT_NE(bad_line.find("\"code\":\"bad_request\""), std::string::npos) << bad_line;
  EXPECT_NE(bad_line.find("X-Request-ID: "), std::string::npos);

  const std::string long_uri =
      raw("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(long_uri.rfind("HTTP/1.1 414", 0), 0u) << long_uri.substr(0, 100);
  EXPECT_NE(long_uri.find("application/json"), std::string::npos);
}

TEST_F(HttpServerTest, UnknownMethodOnKnownPathIs405) {
  const std::string response =
      raw("TRACE /v2/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(response.rfind("HTTP/1.1 405", 0), 0u) << response;
  EXPECT_NE(response.find("Allow: GET, HEAD, OPTIONS"), std::string::npos);
}

// A server of its own, for options the shared fixture does not have.
struct RunningServer {
  explicit RunningServer(const std::function<void(Options&)>& configure,
                         const std::string& host = "127.0.0.1") {
    Options options = aligncv::testing::test_options(dir, std::make_shared<ManualClock>());
    configure(options);
    engine = Engine::open(options);
    server = std::make_unique<Server>(*engine);
    port = server->bind(host, 0);
    thread = std::thread([this] { server->listen(); });
  }
  ~RunningServer() {
    server->stop();
    thread.join();
  }
  TempDir dir;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<Server> server;
  int port = 0;
  std::thread thread;
};

// The first non-loopback IPv4 address of this machine, or "" if there is none.
std::string non_loopback_ipv4() {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return "";
  std::string found;
  for (ifaddrs* it = list; it && found.empty(); it = it->ifa_next) {
    if (!it->ifa_addr || it->ifa_addr->sa_family != AF_INET) continue;
    char text[INET_ADDRSTRLEN];
    auto* addr = reinterpret_cast<sockaddr_in*>(it->ifa_addr);
    if (::inet_ntop(AF_INET, &addr->sin_addr, text, sizeof text) &&
        std::string(text).rfind("127.", 0) != 0) {
      found = text;
    }
  }
  ::freeifaddrs(list);
  return found;
}

TEST(HttpServerMetrics, NeedAnAdminTokenFromOtherAddresses) {
  const std::string ip = non_loopback_ipv4();
  if (ip.empty()) GTEST_SKIP() << "no non-loopback IPv4 address";
  RunningServer running([](Options& o) { o.admin_emails = {"admin@example.com"}; }, ip);
  httplib::Client c(ip, running.port);
  auto anonymous = c.Get("/v2/metrics", {{"X-Forwarded-For", "127.0.0.1"}});
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);

  auto token_for = [&](const std::string& email) {
    auto res =
        c.Post("/v2/auth/signup",
               Json{{"name", "Some One"}, {"email", email}, {"password", "password123"}}.dump(),
               "application/json");
    return Json::parse(res->body)["tokens"]["access_token"].get<std::string>();
  };
  auto user = c.Get("/v2/metrics", {{"Authorization", "Bearer " + token_for("user@example.com")}});
  ASSERT_TRUE(user);
  EXPECT_EQ(user->status, 403);
  EXPECT_EQ(Json::parse(user->body),
            (Json{{"detail", "Admin privileges required"}, {"code", "forbidden"}}));
  auto admin =
      c.Get("/v2/metrics", {{"Authorization", "Bearer " + token_for("admin@example.com")}});
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->status, 200);
}

TEST(HttpServerMetrics, DisabledMetricsAreNotFound) {
  RunningServer running([](Options& o) { o.metrics_enabled = false; });
  httplib::Client c("127.0.0.1", running.port);
  auto res = c.Get("/v2/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(Json::parse(res->body)["detail"], "Not Found");
  EXPECT_FALSE(Json::parse(c.Get("/v2/openapi.json")->body)["paths"].contains("/v2/metrics"));
}

TEST(HttpServerCors, WildcardAllowsAnyOriginWithoutCredentials) {
  RunningServer running([](Options& o) { o.cors_origins = {"*"}; });
  httplib::Client c("127.0.0.1", running.port);
  auto res = c.Get("/v2/health", {{"Origin", "http://anywhere.example"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "*");
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Credentials"));
}

TEST(HttpServerLifecycle, StopBeforeListenReturnsAtOnceAndBindFailsCleanly) {
  TempDir dir;
  Options options = aligncv::testing::test_options(dir, std::make_shared<ManualClock>());
  auto engine = Engine::open(options);
  Server first(*engine);
  const int port = first.bind("127.0.0.1", 0);
  Server second(*engine);
  EXPECT_THROW(second.bind("127.0.0.1", port), Error);
  first.stop();
  first.listen();  // returns immediately: stop was requested
}

}  // namespace
}  // namespace aligncv::http
