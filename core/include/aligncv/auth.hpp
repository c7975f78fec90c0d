// Accounts' building blocks: password hashing, e-mail rules, signed tokens, login throttling and
// Google ID-token verification. Knows nothing of storage; the Engine composes these.
#pragma once

#include <aligncv/clock.hpp>
#include <aligncv/options.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace aligncv::auth {

// ---- Passwords (Argon2id, PHC strings) --------------------------------------------------------

class PasswordHasher {
 public:
  explicit PasswordHasher(Argon2Params params);
  ~PasswordHasher();
  PasswordHasher(PasswordHasher&&) noexcept;

  // A PHC string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, with a fresh 16-byte salt.
  std::string hash(std::string_view password) const;
  // False for a wrong password and for a malformed hash; never throws on user input.
  bool verify(std::string_view phc, std::string_view password) const;
  // True when phc was made with other parameters than the configured ones (or is unreadable).
  bool needs_rehash(std::string_view phc) const;
  // Verifies against a hash made at the configured cost; returns false. Used for unknown
  // e-mails so that their failure takes as long as a wrong password.
  void verify_dummy(std::string_view password) const;

 private:
  Argon2Params params_;
  std::string dummy_hash_;
};

// Password length rule: 8..128 Unicode code points, as sent (no trimming or normalisation).
inline constexpr int kPasswordMinLength = 8;
inline constexpr int kPasswordMaxLength = 128;

// ---- E-mail addresses --------------------------------------------------------------------------

// Empty when `email` (already trimmed) is syntactically valid (one '@', dot-atom local part of at
// most 64 characters, a domain of at least two labels, at most 254 in total); otherwise the
// reason, e.g. "The part after the @-sign is not valid. It should have a period."
std::string email_problem(std::string_view email);
// Trimmed, domain lower-cased: the form that is stored and shown.
std::string normalize_email(std::string_view email);
// Fully lower-cased: the key for uniqueness, lookups and throttling.
std::string email_key(std::string_view email);

// ---- Tokens (JWT, HMAC-SHA2) -------------------------------------------------------------------

struct TokenClaims {
  std::string sub;    // user id
  std::string email;  // the user's e-mail at issue time
  std::string type;   // "access" or "refresh"
  std::string jti;    // unique token id (UUID v4)
  std::string sid;    // token family (one per sign-in)
  int64_t iat = 0;    // Unix seconds
  int64_t exp = 0;    // Unix seconds
};

class TokenCodec {
 public:
  // algorithm: "HS256", "HS384" or "HS512". issuer and audience are both "aligncv".
  TokenCodec(std::string secret, std::string algorithm, std::shared_ptr<Clock> clock);

  std::string sign(const TokenClaims& claims) const;
  // Checks structure, header alg (exactly the configured one; "none" and others rejected),
  // signature (constant time), iss, aud, exp (no leeway) and that type == expected_type.
  // Throws Error(InvalidToken, "Invalid or expired token") on any failure.
  TokenClaims verify(std::string_view token, std::string_view expected_type) const;

 private:
  std::string secret_;
  std::string algorithm_;
  std::shared_ptr<Clock> clock_;
};

// ---- Login throttling ---------------------------------------------------------------------------

// Sliding one-hour windows of failed logins per account and per client IP, plus a progressive
// delay after consecutive failures on an account (api-v2.md §1.9). In memory; thread-safe.
class LoginThrottle {
 public:
  LoginThrottle(RateLimits limits, std::shared_ptr<Clock> clock);
  ~LoginThrottle();

  // Seconds until an attempt for this account and IP is allowed; 0 = allowed now.
  // An empty client_ip (in-process callers) is only limited per account.
  int64_t retry_after(const std::string& account_key, const std::string& client_ip) const;
  void record_failure(const std::string& account_key, const std::string& client_ip);
  // Resets the consecutive-failure counter of the account (not the hourly counts).
  void record_success(const std::string& account_key);

 private:
  struct State;
  std::unique_ptr<State> state_;
  RateLimits limits_;
  std::shared_ptr<Clock> clock_;
};

// ---- Google sign-in ----------------------------------------------------------------------------

struct GoogleIdentity {
  std::string sub;    // Google's stable user id
  std::string email;
  std::string name;   // may be empty
};

// Fetches a URL's body; the production one uses libcurl. Tests use a loopback server.
struct HttpResponse {
  long status = 0;
  std::string body;
  std::string cache_control;  // the Cache-Control header, if any
};
using HttpGet = std::function<HttpResponse(const std::string& url)>;
HttpGet curl_http_get(int timeout_seconds = 5);

// Verifies Google ID tokens (RS256) against keys from a JWKS URL, cached by kid per the
// response's max-age (one hour if absent); an unknown kid refetches at most once a minute.
class GoogleVerifier {
 public:
  GoogleVerifier(std::string client_id, std::string jwks_url, std::shared_ptr<Clock> clock,
                 HttpGet http_get = curl_http_get());
  ~GoogleVerifier();

  // Throws Error(InvalidToken, "Invalid Google token") for a bad signature, audience, issuer or
  // expiry; Error(InvalidToken, "Google account email is not verified"); Error(Unavailable,
  // "Google sign-in is temporarily unavailable") when keys cannot be fetched and none is cached.
  GoogleIdentity verify(std::string_view id_token);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace aligncv::auth
