// JWTs signed with HMAC-SHA2 (OpenSSL), issuer and audience "aligncv" (api-v2.md §2.1).
#include <aligncv/auth.hpp>
#include <aligncv/error.hpp>
#include <aligncv/json.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>
#include <string_view>
#include <utility>

#include "common/text.hpp"

namespace aligncv::auth {

namespace {

constexpr const char* kIssuer = "aligncv";
constexpr const char* kAudience = "aligncv";
// Far above any token we issue; bounds the work spent on garbage.
constexpr std::size_t kMaxTokenBytes = 8192;

const EVP_MD* digest_for(std::string_view algorithm) {
  if (algorithm == "HS256") return EVP_sha256();
  if (algorithm == "HS384") return EVP_sha384();
  if (algorithm == "HS512") return EVP_sha512();
  return nullptr;
}

[[noreturn]] void invalid() { throw Error(ErrorCode::InvalidToken, "Invalid or expired token"); }

std::string hmac(const EVP_MD* md, const std::string& key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(md, key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out,
           &len) == nullptr) {
    throw Error(ErrorCode::Internal, "HMAC failed");
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

Json decode_object(std::string_view segment) {
  std::string raw;
  if (!base64url_decode(segment, raw)) invalid();
  Json j = Json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) invalid();
  return j;
}

std::string string_claim(const Json& payload, const char* name) {
  auto it = payload.find(name);
  if (it == payload.end() || !it->is_string()) invalid();
  return it->get<std::string>();
}

int64_t integer_claim(const Json& payload, const char* name) {
  auto it = payload.find(name);
  if (it == payload.end() || !it->is_number_integer()) invalid();
  return it->get<int64_t>();
}

bool audience_ok(const Json& payload) {
  auto it = payload.find("aud");
  if (it == payload.end()) return false;
  if (it->is_string()) return it->get<std::string>() == kAudience;
  if (it->is_array()) {
    for (const Json& a : *it) {
      if (a.is_string() && a.get<std::string>() == kAudience) return true;
    }
  }
  return false;
}

}  // namespace

TokenCodec::TokenCodec(std::string secret, std::string algorithm, std::shared_ptr<Clock> clock)
    : secret_(std::move(secret)), algorithm_(std::move(algorithm)), clock_(std::move(clock)) {
  if (digest_for(algorithm_) == nullptr) {
    throw Error(ErrorCode::InvalidArgument,
                "Unsupported JWT algorithm '" + algorithm_ + "' (use HS256, HS384 or HS512)");
  }
  if (secret_.empty()) throw Error(ErrorCode::InvalidArgument, "JWT secret key must not be empty");
  if (!clock_) clock_ = system_clock();
}

std::string TokenCodec::sign(const TokenClaims& claims) const {
  std::string header = R"({"alg":")" + algorithm_ + R"(","typ":"JWT"})";
  Json payload = {{"sub", claims.sub}, {"email", claims.email}, {"type", claims.type},
                  {"iat", claims.iat}, {"exp", claims.exp},     {"jti", claims.jti},
                  {"sid", claims.sid}, {"iss", kIssuer},        {"aud", kAudience}};
  std::string dumped;
  try {
    // Replace rather than throw on invalid UTF-8 in a claim.
    dumped = payload.dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (const std::exception&) {
    throw Error(ErrorCode::Internal, "Could not encode token claims");
  }
  std::string signing_input = base64url_encode(header) + "." + base64url_encode(dumped);
  std::string signature = hmac(digest_for(algorithm_), secret_, signing_input);
  return signing_input + "." + base64url_encode(signature);
}

TokenClaims TokenCodec::verify(std::string_view token, std::string_view expected_type) const {
  try {
    if (token.empty() || token.size() > kMaxTokenBytes) invalid();
    // Padding is never produced and would allow several spellings of one token.
    if (token.find('=') != std::string_view::npos) invalid();
    std::size_t dot1 = token.find('.');
    if (dot1 == std::string_view::npos) invalid();
    std::size_t dot2 = token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
      invalid();
    }
    std::string_view header_b64 = token.substr(0, dot1);
    std::string_view payload_b64 = token.substr(dot1 + 1, dot2 - dot1 - 1);
    std::string_view signature_b64 = token.substr(dot2 + 1);

    Json header = decode_object(header_b64);
    auto alg = header.find("alg");
    if (alg == header.end() || !alg->is_string() || alg->get<std::string>() != algorithm_) {
      invalid();
    }

    // Compare the encoded forms: the encoder is canonical, so this also rejects a signature
    // spelled with non-zero trailing bits.
    std::string expected =
        base64url_encode(hmac(digest_for(algorithm_), secret_, token.substr(0, dot2)));
    if (!constant_time_equals(expected, signature_b64)) invalid();

    Json payload = decode_object(payload_b64);
    auto iss = payload.find("iss");
    if (iss == payload.end() || !iss->is_string() || iss->get<std::string>() != kIssuer) {
      invalid();
    }
    if (!audience_ok(payload)) invalid();

    TokenClaims claims;
    claims.iat = integer_claim(payload, "iat");
    claims.exp = integer_claim(payload, "exp");
    if (claims.exp <= clock_->now_seconds()) invalid();  // no leeway: exp == now is expired
    claims.type = string_claim(payload, "type");
    if (claims.type != expected_type) invalid();
    claims.sub = string_claim(payload, "sub");
    claims.email = string_claim(payload, "email");
    claims.jti = string_claim(payload, "jti");
    claims.sid = string_claim(payload, "sid");
    return claims;
  } catch (const Error&) {
    throw;
  } catch (const std::exception&) {
    invalid();
  }
}

}  // namespace aligncv::auth
