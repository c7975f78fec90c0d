#include <aligncv/auth.hpp>
#include <aligncv/error.hpp>
#include <aligncv/json.hpp>

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <memory>
#include <string>

#include "common/random.hpp"
#include "common/text.hpp"

namespace aligncv::auth {
namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef-test-secret";

std::string hmac(const EVP_MD* md, const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

// Builds a token by hand, so every field can be wrong on purpose.
std::string forge(const Json& header, const Json& payload, const std::string& secret = kSecret,
                  const EVP_MD* md = EVP_sha256()) {
  std::string input = base64url_encode(header.dump()) + "." + base64url_encode(payload.dump());
  return input + "." + base64url_encode(hmac(md, secret, input));
}

class AuthTokenTest : public ::testing::Test {
 protected:
  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>();
  TokenCodec codec_{kSecret, "HS256", clock_};

  TokenClaims claims(const std::string& type = "access", int64_t lifetime = 900) const {
    TokenClaims c;
    c.sub = uuid_v4();
    c.email = "jane.doe@example.com";
    c.type = type;
    c.jti = uuid_v4();
    c.sid = uuid_v4();
    c.iat = clock_->now_seconds();
    c.exp = c.iat + lifetime;
    return c;
  }

  Json header() const { return {{"alg", "HS256"}, {"typ", "JWT"}}; }

  Json payload() const {
    int64_t now = clock_->now_seconds();
    return {{"sub", "6f1c2a9e-3b7d-4e15-9c2a-5d8e7f1b2c34"},
            {"email", "jane.doe@example.com"},
            {"type", "access"},
            {"iat", now},
            {"exp", now + 900},
            {"jti", uuid_v4()},
            {"sid", uuid_v4()},
            {"iss", "aligncv"},
            {"aud", "aligncv"}};
  }

  void expect_invalid(const std::string& token, const std::string& type = "access") {
    try {
      codec_.verify(token, type);
      ADD_FAILURE() << "accepted: " << token;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidToken);
      EXPECT_EQ(e.detail(), "Invalid or expired token");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "non-aligncv exception: " << e.what();
    }
  }
};

TEST_F(AuthTokenTest, SignedClaimsVerifyAndRoundTrip) {
  TokenClaims in = claims();
  TokenClaims out = codec_.verify(codec_.sign(in), "access");
  EXPECT_EQ(out.sub, in.sub);
  EXPECT_EQ(out.email, in.email);
  EXPECT_EQ(out.type, in.type);
  EXPECT_EQ(out.jti, in.jti);
  EXPECT_EQ(out.sid, in.sid);
  EXPECT_EQ(out.iat, in.iat);
  EXPECT_EQ(out.exp, in.exp);
}

TEST_F(AuthTokenTest, HeaderIsExactlyAlgAndTyp) {
  std::string token = codec_.sign(claims());
  std::string header;
  ASSERT_TRUE(base64url_decode(token.substr(0, token.find('.')), header));
  EXPECT_EQ(header, R"({"alg":"HS256","typ":"JWT"})");
}

TEST_F(AuthTokenTest, PayloadCarriesIssuerAndAudience) {
  std::string token = codec_.sign(claims("refresh"));
  std::size_t a = token.find('.'), b = token.rfind('.');
  std::string raw;
  ASSERT_TRUE(base64url_decode(token.substr(a + 1, b - a - 1), raw));
  Json payload = Json::parse(raw);
  EXPECT_EQ(payload["iss"], "aligncv");
  EXPECT_EQ(payload["aud"], "aligncv");
  EXPECT_EQ(payload["type"], "refresh");
  EXPECT_TRUE(payload["iat"].is_number_integer());
  EXPECT_TRUE(payload["exp"].is_number_integer());
}

TEST_F(AuthTokenTest, Hs384AndHs512WorkWhenConfigured) {
  for (const char* alg : {"HS384", "HS512"}) {
    TokenCodec codec(kSecret, alg, clock_);
    std::string token = codec.sign(claims());
    EXPECT_EQ(codec.verify(token, "access").email, "jane.doe@example.com");
    std::string header;
    ASSERT_TRUE(base64url_decode(token.substr(0, token.find('.')), header));
    EXPECT_EQ(header, std::string(R"({"alg":")") + alg + R"(","typ":"JWT"})");
    // A codec configured for HS256 refuses it.
    expect_invalid(token);
  }
}

TEST_F(AuthTokenTest, AnUnknownAlgorithmIsRefusedAtConstruction) {
  for (const char* alg : {"RS256", "none", "hs256", "", "HS1"}) {
    try {
      TokenCodec codec(kSecret, alg, clock_);
      ADD_FAILURE() << "accepted algorithm " << alg;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    }
  }
}

TEST_F(AuthTokenTest, AForgedTokenWithTheRightFieldsIsAccepted) {
  // Guards the other tests: forge() itself makes valid tokens.
  EXPECT_NO_THROW(codec_.verify(forge(header(), payload()), "access"));
}

TEST_F(AuthTokenTest, MalformedTokensAreRejected) {
  std::string good = codec_.sign(claims());
  expect_invalid("");
  expect_invalid("not a token");
  expect_invalid("a.b.c");
  expect_invalid(good + ".");
  expect_invalid(good + ".extra");
  expect_invalid("." + good);
  expect_invalid(std::string(10000, 'a'));
}

TEST_F(AuthTokenTest, ATokenWithTwoSegmentsIsRejected) {
  std::string good = codec_.sign(claims());
  expect_invalid(good.substr(0, good.rfind('.')));
  expect_invalid(good.substr(0, good.rfind('.') + 1));  // empty signature
}

TEST_F(AuthTokenTest, BadBase64IsRejected) {
  std::string good = codec_.sign(claims());
  std::size_t a = good.find('.');
  expect_invalid("!!!" + good.substr(a));
  expect_invalid(good.substr(0, a + 1) + "***" + good.substr(good.rfind('.')));
  expect_invalid(good + "=");
  expect_invalid(good.substr(0, good.rfind('.') + 1) + "####");
}

TEST_F(AuthTokenTest, HeaderOrPayloadThatIsNotAJsonObjectIsRejected) {
  std::string sig_input = base64url_encode("[1,2]") + "." + base64url_encode(payload().dump());
  expect_invalid(sig_input + "." + base64url_encode(hmac(EVP_sha256(), kSecret, sig_input)));
  sig_input = base64url_encode(header().dump()) + "." + base64url_encode("\"just a string\"");
  expect_invalid(sig_input + "." + base64url_encode(hmac(EVP_sha256(), kSecret, sig_input)));
  sig_input = base64url_encode(header().dump()) + "." + base64url_encode("{not json");
  expect_invalid(sig_input + "." + base64url_encode(hmac(EVP_sha256(), kSecret, sig_input)));
}

TEST_F(AuthTokenTest, ABadSignatureIsRejected) {
  std::string good = codec_.sign(claims());
  std::string bad = good;
  char& last = bad[bad.size() - 5];
  last = last == 'A' ? 'B' : 'A';
  expect_invalid(bad);
}

TEST_F(AuthTokenTest, AlgNoneIsRejected) {
  Json h = {{"alg", "none"}, {"typ", "JWT"}};
  std::string unsigned_token =
      base64url_encode(h.dump()) + "." + base64url_encode(payload().dump()) + ".";
  expect_invalid(unsigned_token);
  expect_invalid(forge(h, payload()));                 // even with a valid HMAC
  expect_invalid(forge({{"typ", "JWT"}}, payload()));  // no alg at all
}

TEST_F(AuthTokenTest, AlgHs512IsRejectedWhenHs256IsConfigured) {
  expect_invalid(forge({{"alg", "HS512"}, {"typ", "JWT"}}, payload(), kSecret, EVP_sha512()));
  // The header alg decides nothing: a lying header over an HS256 signature fails too.
  expect_invalid(forge({{"alg", "HS512"}, {"typ", "JWT"}}, payload()));
}

TEST_F(AuthTokenTest, AlgRs256IsRejected) {
  expect_invalid(forge({{"alg", "RS256"}, {"typ", "JWT"}}, payload()));
  expect_invalid(forge({{"alg", "hs256"}, {"typ", "JWT"}}, payload()));
}

TEST_F(AuthTokenTest, AWrongIssuerIsRejected) {
  Json p = payload();
  p["iss"] = "someone-else";
  expect_invalid(forge(header(), p));
  p.erase("iss");
  expect_invalid(forge(header(), p));
}

TEST_F(AuthTokenTest, AWrongAudienceIsRejected) {
  Json p = payload();
  p["aud"] = "another-app";
  expect_invalid(forge(header(), p));
  p["aud"] = Json::array({"another-app"});
  expect_invalid(forge(header(), p));
  p.erase("aud");
  expect_invalid(forge(header(), p));
}

TEST_F(AuthTokenTest, AnAudienceArrayContainingAligncvIsAccepted) {
  Json p = payload();
  p["aud"] = Json::array({"another-app", "aligncv"});
  EXPECT_NO_THROW(codec_.verify(forge(header(), p), "access"));
}

TEST_F(AuthTokenTest, ATokenExpiredByOneSecondIsRejected) {
  std::string token = codec_.sign(claims("access", 900));
  clock_->advance_seconds(899);
  EXPECT_NO_THROW(codec_.verify(token, "access"));
  clock_->advance_seconds(2);
  expect_invalid(token);
}

TEST_F(AuthTokenTest, ExpEqualToNowCountsAsExpired) {
  std::string token = codec_.sign(claims("access", 900));
  clock_->advance_seconds(900);
  expect_invalid(token);
  // Even 1 ms before the next second, exp == now.
  clock_->advance_ms(999);
  expect_invalid(token);
}

TEST_F(AuthTokenTest, NonIntegerTimesAreRejected) {
  Json p = payload();
  p["exp"] = static_cast<double>(p["exp"].get<int64_t>()) + 0.5;
  expect_invalid(forge(header(), p));
  p = payload();
  p["exp"] = std::to_string(p["exp"].get<int64_t>());
  expect_invalid(forge(header(), p));
  p = payload();
  p["iat"] = "yesterday";
  expect_invalid(forge(header(), p));
  p.erase("iat");
  expect_invalid(forge(header(), p));
}

TEST_F(AuthTokenTest, ARefreshTokenIsNotAnAccessToken) {
  std::string refresh = codec_.sign(claims("refresh", 7 * 86400));
  expect_invalid(refresh, "access");
  EXPECT_NO_THROW(codec_.verify(refresh, "refresh"));
  expect_invalid(codec_.sign(claims("access")), "refresh");
}

TEST_F(AuthTokenTest, MissingIdentityClaimsAreRejected) {
  for (const char* claim : {"sub", "email", "type", "jti", "sid"}) {
    Json p = payload();
    p.erase(claim);
    expect_invalid(forge(header(), p));
    p[claim] = 42;
    expect_invalid(forge(header(), p));
  }
}

TEST_F(AuthTokenTest, ATamperedPayloadIsRejected) {
  std::string good = codec_.sign(claims());
  std::size_t a = good.find('.'), b = good.rfind('.');
  Json p = payload();
  p["sub"] = "someone-else";
  std::string tampered = good.substr(0, a + 1) + base64url_encode(p.dump()) + good.substr(b);
  expect_invalid(tampered);
}

TEST_F(AuthTokenTest, ATokenSignedWithAnotherSecretIsRejected) {
  TokenCodec other("another-secret-of-sufficient-length-0123", "HS256", clock_);
  expect_invalid(other.sign(claims()));
  expect_invalid(forge(header(), payload(), "another-secret"));
}

}  // namespace
}  // namespace aligncv::auth
