// GoogleVerifier against a real loopback JWKS server (cpp-httplib), so curl_http_get runs too.
#include <aligncv/auth.hpp>
#include <aligncv/error.hpp>
#include <aligncv/json.hpp>

#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/text.hpp"

namespace aligncv::auth {
namespace {

const std::string kClientId = "1234567890-abc.apps.googleusercontent.com";

using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Pkey generate_rsa_key() {
  Pkey key(EVP_RSA_gen(2048), EVP_PKEY_free);
  if (!key) throw std::runtime_error("RSA key generation failed");
  return key;
}

std::string bn_param_b64(EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) throw std::runtime_error("no RSA parameter");
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(bn);
  return base64url_encode(bytes);
}

Json jwk(EVP_PKEY* key, const std::string& kid) {
  return {{"kty", "RSA"},
          {"alg", "RS256"},
          {"use", "sig"},
          {"kid", kid},
          {"n", bn_param_b64(key, OSSL_PKEY_PARAM_RSA_N)},
          {"e", bn_param_b64(key, OSSL_PKEY_PARAM_RSA_E)}};
}

std::string rs256_sign(EVP_PKEY* key, const std::string& input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t len = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size()) != 1) {
    throw std::runtime_error("signing failed");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, data,
                     input.size()) != 1) {
    throw std::runtime_error("signing failed");
  }
  sig.resize(len);
  return sig;
}

// A JWKS endpoint on 127.0.0.1 with a random port that counts its requests.
class JwksServer {
 public:
  JwksServer() {
    server_.Get("/certs", [this](const httplib::Request&, httplib::Response& res) {
      ++requests_;
      std::lock_guard<std::mutex> lock(mutex_);
      res.status = status_;
      if (!cache_control_.empty()) res.set_header("Cache-Control", cache_control_);
      res.set_content(body_, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("could not bind a loopback port");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~JwksServer() { stop(); }

  void stop() {
    if (!thread_.joinable()) return;
    // stop() is a no-op until the accept loop runs.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    server_.stop();
    thread_.join();
  }

  void serve(const Json& jwks, const std::string& cache_control = "", int status = 200) {
    std::lock_guard<std::mutex> lock(mutex_);
    body_ = jwks.dump();
    cache_control_ = cache_control;
    status_ = status;
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/certs"; }
  int requests() const { return requests_.load(); }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::mutex mutex_;
  std::string body_ = "{}";
  std::string cache_control_;
  int status_ = 200;
};

class AuthGoogleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    key_a_ = new Pkey(generate_rsa_key());
    key_b_ = new Pkey(generate_rsa_key());
  }
  static void TearDownTestSuite() {
    delete key_a_;
    delete key_b_;
  }

  static EVP_PKEY* key_a() { return key_a_->get(); }
  static EVP_PKEY* key_b() { return key_b_->get(); }

  void SetUp() override {
    server_.serve({{"keys", Json::array({jwk(key_a(), "kid-a")})}},
                  "public, max-age=3600, must-revalidate, no-transform");
  }

  Json claims() const {
    int64_t now = clock_->now_seconds();
    return {{"iss", "https://accounts.google.com"},
            {"aud", kClientId},
            {"azp", kClientId},
            {"sub", "110169484474386276334"},
            {"email", "jane.doe@gmail.com"},
            {"email_verified", true},
            {"name", "Jane Doe"},
            {"iat", now},
            {"exp", now + 3600}};
  }

  static std::string token(const Json& claims, EVP_PKEY* key, const std::string& kid,
                           const std::string& alg = "RS256") {
    Json header = {{"alg", alg}, {"kid", kid}, {"typ", "JWT"}};
    std::string input = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
    return input + "." + base64url_encode(rs256_sign(key, input));
  }

  std::unique_ptr<GoogleVerifier> verifier(const std::string& url) {
    return std::make_unique<GoogleVerifier>(kClientId, url, clock_, curl_http_get(2));
  }

  static void expect_error(GoogleVerifier& v, const std::string& id_token, ErrorCode code,
                           const std::string& detail) {
    try {
      v.verify(id_token);
      ADD_FAILURE() << "accepted the token";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code);
      EXPECT_EQ(e.detail(), detail);
    }
  }
  static void expect_invalid(GoogleVerifier& v, const std::string& id_token) {
    expect_error(v, id_token, ErrorCode::InvalidToken, "Invalid Google token");
  }

  static Pkey* key_a_;
  static Pkey* key_b_;
  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>();
  JwksServer server_;
};

Pkey* AuthGoogleTest::key_a_ = nullptr;
Pkey* AuthGoogleTest::key_b_ = nullptr;

TEST_F(AuthGoogleTest, AGoodTokenYieldsTheIdentity) {
  auto v = verifier(server_.url());
  GoogleIdentity id = v->verify(token(claims(), key_a(), "kid-a"));
  EXPECT_EQ(id.sub, "110169484474386276334");
  EXPECT_EQ(id.email, "jane.doe@gmail.com");
  EXPECT_EQ(id.name, "Jane Doe");
  EXPECT_EQ(server_.requests(), 1);
}

TEST_F(AuthGoogleTest, BothGoogleIssuersAndAStringEmailVerifiedAreAccepted) {
  auto v = verifier(server_.url());
  Json c = claims();
  c["iss"] = "accounts.google.com";
  c["email_verified"] = "true";
  c.erase("name");
  GoogleIdentity id = v->verify(token(c, key_a(), "kid-a"));
  EXPECT_EQ(id.name, "");
}

TEST_F(AuthGoogleTest, AWrongAudienceIsRejected) {
  auto v = verifier(server_.url());
  Json c = claims();
  c["aud"] = "someone-else.apps.googleusercontent.com";
  expect_invalid(*v, token(c, key_a(), "kid-a"));
  c.erase("aud");
  expect_invalid(*v, token(c, key_a(), "kid-a"));
}

TEST_F(AuthGoogleTest, AWrongIssuerIsRejected) {
  auto v = verifier(server_.url());
  for (const char* iss : {"https://evil.example.com", "http://accounts.google.com", ""}) {
    Json c = claims();
    c["iss"] = iss;
    expect_invalid(*v, token(c, key_a(), "kid-a"));
  }
}

TEST_F(AuthGoogleTest, AnExpiredTokenIsRejected) {
  auto v = verifier(server_.url());
  std::string id_token = token(claims(), key_a(), "kid-a");
  clock_->advance_seconds(3599);
  EXPECT_NO_THROW(v->verify(id_token));
  clock_->advance_seconds(1);  // exp == now
  expect_invalid(*v, id_token);
}

TEST_F(AuthGoogleTest, AnUnverifiedEmailIsRejectedWithItsOwnMessage) {
  auto v = verifier(server_.url());
  for (const Json& value : {Json(false), Json("false"), Json(nullptr), Json(1)}) {
    Json c = claims();
    c["email_verified"] = value;
    expect_error(*v, token(c, key_a(), "kid-a"), ErrorCode::InvalidToken,
                 "Google account email is not verified");
  }
  Json c = claims();
  c.erase("email_verified");
  expect_error(*v, token(c, key_a(), "kid-a"), ErrorCode::InvalidToken,
               "Google account email is not verified");
}

TEST_F(AuthGoogleTest, ASignatureByAnotherKeyIsRejected) {
  auto v = verifier(server_.url());
  expect_invalid(*v, token(claims(), key_b(), "kid-a"));
  // A tampered payload under a genuine signature.
  std::string good = token(claims(), key_a(), "kid-a");
  Json c = claims();
  c["email"] = "attacker@gmail.com";
  std::size_t a = good.find('.'), b = good.rfind('.');
  expect_invalid(*v, good.substr(0, a + 1) + base64url_encode(c.dump()) + good.substr(b));
}

TEST_F(AuthGoogleTest, OnlyRs256IsAccepted) {
  auto v = verifier(server_.url());
  expect_invalid(*v, token(claims(), key_a(), "kid-a", "RS512"));
  expect_invalid(*v, token(claims(), key_a(), "kid-a", "none"));
  expect_invalid(*v, token(claims(), key_a(), "kid-a", "HS256"));
}

TEST_F(AuthGoogleTest, MalformedTokensAreRejectedWithoutFetchingKeys) {
  auto v = verifier(server_.url());
  for (const char* bad : {"", "garbage", "a.b", "a.b.c", "e30.e30.", "e30.e30.e30.e30"}) {
    expect_invalid(*v, bad);
  }
  EXPECT_EQ(server_.requests(), 0);
}

TEST_F(AuthGoogleTest, AnUnknownKidRefetchesAtMostOncePerMinute) {
  auto v = verifier(server_.url());
  ASSERT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  ASSERT_EQ(server_.requests(), 1);

  // Within a minute of the last fetch, an unknown kid costs no request.
  expect_invalid(*v, token(claims(), key_b(), "kid-unknown"));
  EXPECT_EQ(server_.requests(), 1);

  clock_->advance_seconds(60);
  expect_invalid(*v, token(claims(), key_b(), "kid-unknown"));
  EXPECT_EQ(server_.requests(), 2);
  expect_invalid(*v, token(claims(), key_b(), "kid-other"));
  expect_invalid(*v, token(claims(), key_b(), "kid-unknown"));
  EXPECT_EQ(server_.requests(), 2);

  // Known keys keep working from the cache meanwhile.
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  EXPECT_EQ(server_.requests(), 2);
}

TEST_F(AuthGoogleTest, KeyRotationIsPickedUpThroughTheUnknownKidRefetch) {
  auto v = verifier(server_.url());
  ASSERT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  server_.serve({{"keys", Json::array({jwk(key_b(), "kid-b")})}}, "max-age=3600");
  clock_->advance_seconds(61);
  GoogleIdentity id = v->verify(token(claims(), key_b(), "kid-b"));
  EXPECT_EQ(id.email, "jane.doe@gmail.com");
  EXPECT_EQ(server_.requests(), 2);
  // The retired key is gone with the refetch.
  expect_invalid(*v, token(claims(), key_a(), "kid-a"));
}

TEST_F(AuthGoogleTest, CacheControlMaxAgeIsRespected) {
  server_.serve({{"keys", Json::array({jwk(key_a(), "kid-a")})}}, "public, max-age=120");
  auto v = verifier(server_.url());
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  clock_->advance_seconds(119);
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  EXPECT_EQ(server_.requests(), 1);
  clock_->advance_seconds(1);
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  EXPECT_EQ(server_.requests(), 2);
}

TEST_F(AuthGoogleTest, KeysAreCachedForAnHourWithoutCacheControl) {
  server_.serve({{"keys", Json::array({jwk(key_a(), "kid-a")})}}, "");
  auto v = verifier(server_.url());
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  clock_->advance_seconds(3599);
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  EXPECT_EQ(server_.requests(), 1);
  clock_->advance_seconds(1);
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  EXPECT_EQ(server_.requests(), 2);
}

TEST_F(AuthGoogleTest, AServerThatIsDownWithNothingCachedMeansUnavailable) {
  std::string url = server_.url();
  server_.stop();
  auto v = verifier(url);
  expect_error(*v, token(claims(), key_a(), "kid-a"), ErrorCode::Unavailable,
               "Google sign-in is temporarily unavailable");
}

TEST_F(AuthGoogleTest, AnErrorStatusOrBadDocumentWithNothingCachedMeansUnavailable) {
  auto v = verifier(server_.url());
  server_.serve({{"error", "boom"}}, "", 500);
  expect_error(*v, token(claims(), key_a(), "kid-a"), ErrorCode::Unavailable,
               "Google sign-in is temporarily unavailable");
  server_.serve({{"keys", Json::array()}});
  expect_error(*v, token(claims(), key_a(), "kid-a"), ErrorCode::Unavailable,
               "Google sign-in is temporarily unavailable");
  // Once the endpoint recovers, sign-in works again.
  server_.serve({{"keys", Json::array({jwk(key_a(), "kid-a")})}});
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
}

TEST_F(AuthGoogleTest, StaleKeysAreUsedWhenARefreshFails) {
  server_.serve({{"keys", Json::array({jwk(key_a(), "kid-a")})}}, "max-age=60");
  auto v = verifier(server_.url());
  ASSERT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  server_.stop();
  clock_->advance_seconds(120);
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
}

TEST_F(AuthGoogleTest, JwksEntriesThatAreNotRs256SigningKeysAreIgnored) {
  Json weird = jwk(key_b(), "kid-enc");
  weird["use"] = "enc";
  Json bad_n = jwk(key_b(), "kid-bad");
  bad_n["n"] = "!!!";
  server_.serve({{"keys", Json::array({jwk(key_a(), "kid-a"), weird, bad_n,
                                       Json{{"kty", "EC"}, {"kid", "kid-ec"}}})}});
  auto v = verifier(server_.url());
  EXPECT_NO_THROW(v->verify(token(claims(), key_a(), "kid-a")));
  expect_invalid(*v, token(claims(), key_b(), "kid-enc"));
  expect_invalid(*v, token(claims(), key_b(), "kid-bad"));
}

TEST_F(AuthGoogleTest, ConcurrentVerificationsWithAColdCacheShareOneFetch) {
  auto v = verifier(server_.url());
  std::string id_token = token(claims(), key_a(), "kid-a");
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        if (v->verify(id_token).email == "jane.doe@gmail.com") ++accepted;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 40);
  EXPECT_EQ(server_.requests(), 1);
}

TEST(AuthCurlHttpGetTest, CapturesStatusBodyAndCacheControl) {
  JwksServer server;
  server.serve({{"keys", Json::array()}}, "public, max-age=42");
  HttpResponse r = curl_http_get(2)(server.url());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"keys":[]})");
  EXPECT_EQ(r.cache_control, "public, max-age=42");

  HttpResponse missing = curl_http_get(2)(server.url() + "-nope");
  EXPECT_EQ(missing.status, 404);
}

TEST(AuthCurlHttpGetTest, ReportsStatusZeroWhenNothingListens) {
  std::string url;
  {
    JwksServer server;
    url = server.url();
  }
  HttpResponse r = curl_http_get(2)(url);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.body, "");
}

}  // namespace
}  // namespace aligncv::auth
