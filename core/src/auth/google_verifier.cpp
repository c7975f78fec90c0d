// Google ID tokens: RS256 signatures checked against keys from a JWKS URL (OpenSSL 3 EVP).
#include <aligncv/auth.hpp>
#include <aligncv/error.hpp>
#include <aligncv/json.hpp>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/text.hpp"

namespace aligncv::auth {

namespace {

constexpr int64_t kDefaultMaxAgeSeconds = 3600;
// A misconfigured endpoint must not pin keys for longer than a day.
constexpr int64_t kMaxMaxAgeSeconds = 86'400;
constexpr int64_t kRefetchIntervalMs = 60'000;
constexpr std::size_t kMaxTokenBytes = 16'384;
constexpr int kMinKeyBits = 2048;
constexpr int kMaxKeyBits = 8192;

[[noreturn]] void invalid() { throw Error(ErrorCode::InvalidToken, "Invalid Google token"); }

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
// Shared so a verification can keep using a key after a refresh replaced it.
using Pkey = std::shared_ptr<EVP_PKEY>;

BignumPtr to_bignum(const std::string& bytes) {
  return BignumPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                             static_cast<int>(bytes.size()), nullptr));
}

// An RSA public key from a JWK's base64url n and e; null when they do not make one.
Pkey rsa_public_key(const std::string& n_b64, const std::string& e_b64) {
  std::string n_bytes, e_bytes;
  if (!base64url_decode(n_b64, n_bytes) || !base64url_decode(e_b64, e_bytes) || n_bytes.empty() ||
      e_bytes.empty() || e_bytes.size() > 8) {
    return nullptr;
  }
  BignumPtr n = to_bignum(n_bytes), e = to_bignum(e_bytes);
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!n || !e || !bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return nullptr;
  }
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return nullptr;
  }
  Pkey key(raw, EVP_PKEY_free);
  int bits = EVP_PKEY_get_bits(key.get());
  if (bits < kMinKeyBits || bits > kMaxKeyBits) return nullptr;
  return key;
}

bool rs256_valid(EVP_PKEY* key, std::string_view signing_input, const std::string& signature) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()),
                          signing_input.size()) == 1;
}

// RSA signing keys by kid; nullopt when the document holds none.
std::optional<std::map<std::string, Pkey>> parse_jwks(const std::string& body) {
  Json doc = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) return std::nullopt;
  std::map<std::string, Pkey> keys;
  auto str = [](const Json& jwk, const char* name) -> std::optional<std::string> {
    auto it = jwk.find(name);
    if (it == jwk.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  for (const Json& jwk : doc["keys"]) {
    if (!jwk.is_object() || str(jwk, "kty") != "RSA") continue;
    if (jwk.contains("use") && str(jwk, "use") != "sig") continue;
    if (jwk.contains("alg") && str(jwk, "alg") != "RS256") continue;
    auto kid = str(jwk, "kid"), n = str(jwk, "n"), e = str(jwk, "e");
    if (!kid || !n || !e) continue;
    if (Pkey key = rsa_public_key(*n, *e)) keys[*kid] = std::move(key);
  }
  if (keys.empty()) return std::nullopt;
  return keys;
}

// max-age from a Cache-Control value, in seconds; the default when absent or unreadable.
int64_t max_age_seconds(const std::string& cache_control) {
  for (const std::string& raw : split(to_lower_ascii(cache_control), ',')) {
    std::string directive = trim(raw);
    std::string_view d = directive;
    if (d.substr(0, 7) != "max-age") continue;
    d.remove_prefix(7);
    std::string rest = trim(d);
    if (rest.empty() || rest[0] != '=') continue;
    std::string value = trim(std::string_view(rest).substr(1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    int64_t seconds = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec == std::errc::result_out_of_range) return kMaxMaxAgeSeconds;
    if (ec != std::errc() || ptr != value.data() + value.size() || seconds < 0) continue;
    return std::min(seconds, kMaxMaxAgeSeconds);
  }
  return kDefaultMaxAgeSeconds;
}

struct Segments {
  Json header;
  Json payload;
  std::string signature;
  std::string_view signing_input;
};

Segments split_token(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenBytes) invalid();
  std::size_t dot1 = token.find('.');
  if (dot1 == std::string_view::npos) invalid();
  std::size_t dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    invalid();
  }
  auto object = [](std::string_view b64) {
    std::string raw;
    if (!base64url_decode(b64, raw)) invalid();
    Json j = Json::parse(raw, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) invalid();
    return j;
  };
  Segments s;
  s.header = object(token.substr(0, dot1));
  s.payload = object(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!base64url_decode(token.substr(dot2 + 1), s.signature) || s.signature.empty()) invalid();
  s.signing_input = token.substr(0, dot2);
  return s;
}

std::string required_string(const Json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) invalid();
  return it->get<std::string>();
}

}  // namespace

struct GoogleVerifier::State {
  std::string client_id;
  std::string jwks_url;
  std::shared_ptr<Clock> clock;
  HttpGet http_get;

  std::mutex fetch_mutex;  // one JWKS fetch at a time; never held with `mutex` while fetching

  std::mutex mutex;  // guards what follows
  std::map<std::string, Pkey> keys;
  bool have_keys = false;  // a JWKS was loaded at least once
  int64_t expires_ms = 0;
  int64_t last_fetch_ms = std::numeric_limits<int64_t>::min() / 2;
  uint64_t fetch_generation = 0;  // bumped after every fetch attempt

  void refresh() {
    const int64_t now = clock->now_ms();
    std::optional<std::map<std::string, Pkey>> fetched;
    int64_t max_age = kDefaultMaxAgeSeconds;
    try {
      HttpResponse response = http_get(jwks_url);
      if (response.status == 200) {
        fetched = parse_jwks(response.body);
        max_age = max_age_seconds(response.cache_control);
      }
    } catch (const std::exception&) {
      // Treated like an unreachable endpoint.
    }
    std::lock_guard<std::mutex> lock(mutex);
    last_fetch_ms = now;
    ++fetch_generation;
    if (fetched) {
      keys = std::move(*fetched);
      have_keys = true;
      expires_ms = now + max_age * 1000;
    } else if (have_keys) {
      // Keep serving the stale keys; try again in a minute rather than on every request.
      expires_ms = std::max(expires_ms, now + kRefetchIntervalMs);
    }
  }

  // The key for kid; null for an unknown kid. Throws Unavailable when no keys could ever be had.
  Pkey key_for(const std::string& kid) {
    uint64_t seen_generation = 0;
    {
      std::lock_guard<std::mutex> lock(mutex);
      const int64_t now = clock->now_ms();
      auto it = keys.find(kid);
      bool fresh = have_keys && now < expires_ms;
      if (fresh && it != keys.end()) return it->second;
      // An unknown kid may mean Google rotated keys; refetch, but at most once a minute.
      if (fresh && now - last_fetch_ms < kRefetchIntervalMs) return nullptr;
      seen_generation = fetch_generation;
    }
    {
      std::lock_guard<std::mutex> fetch_lock(fetch_mutex);
      bool fetched_meanwhile;
      {
        std::lock_guard<std::mutex> lock(mutex);
        fetched_meanwhile = fetch_generation != seen_generation;
      }
      // Threads that queued behind a fetch use its result instead of fetching again.
      if (!fetched_meanwhile) refresh();
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (!have_keys) {
      throw Error(ErrorCode::Unavailable, "Google sign-in is temporarily unavailable");
    }
    auto it = keys.find(kid);
    return it == keys.end() ? nullptr : it->second;
  }
};

GoogleVerifier::GoogleVerifier(std::string client_id, std::string jwks_url,
                               std::shared_ptr<Clock> clock, HttpGet http_get)
    : state_(std::make_unique<State>()) {
  state_->client_id = std::move(client_id);
  state_->jwks_url = std::move(jwks_url);
  state_->clock = clock ? std::move(clock) : system_clock();
  state_->http_get = http_get ? std::move(http_get) : curl_http_get();
}

GoogleVerifier::~GoogleVerifier() = default;

GoogleIdentity GoogleVerifier::verify(std::string_view id_token) {
  try {
    Segments token = split_token(id_token);
    auto alg = token.header.find("alg");
    if (alg == token.header.end() || *alg != "RS256") invalid();
    std::string kid = required_string(token.header, "kid");

    // Claims first: a token that cannot pass never costs a key fetch.
    const Json& claims = token.payload;
    auto aud = claims.find("aud");
    if (aud == claims.end() || !aud->is_string() || *aud != state_->client_id) invalid();
    auto iss = claims.find("iss");
    if (iss == claims.end() ||
        (*iss != "accounts.google.com" && *iss != "https://accounts.google.com")) {
      invalid();
    }
    auto exp = claims.find("exp");
    if (exp == claims.end() || !exp->is_number_integer() ||
        exp->get<int64_t>() <= state_->clock->now_seconds()) {
      invalid();
    }
    GoogleIdentity identity;
    identity.sub = required_string(claims, "sub");
    identity.email = required_string(claims, "email");
    if (auto name = claims.find("name"); name != claims.end() && name->is_string()) {
      identity.name = name->get<std::string>();
    }

    Pkey key = state_->key_for(kid);
    if (!key || !rs256_valid(key.get(), token.signing_input, token.signature)) invalid();

    auto verified = claims.find("email_verified");
    if (verified == claims.end() || !(*verified == true || *verified == "true")) {
      throw Error(ErrorCode::InvalidToken, "Google account email is not verified");
    }
    return identity;
  } catch (const Error&) {
    throw;
  } catch (const std::exception&) {
    invalid();
  }
}

}  // namespace aligncv::auth
