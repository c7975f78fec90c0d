// The request-independent pieces of api-v2.md §1: request ids, CORS, client addresses behind
// proxies, content types and JSON bodies. Pure functions and small immutable policies, built once
// per Server, so the hot path compiles nothing and allocates little.
#pragma once

#include "router.hpp"

#include <aligncv/json.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::http {

// ---- Request id (§1.5) ----
// True for [A-Za-z0-9._-]{1,64}.
bool is_valid_request_id(std::string_view id);
// A lower-case UUID v4 (from a per-thread generator; ids need uniqueness, not secrecy).
std::string new_request_id();

// ---- CORS (§1.7) ----
class CorsPolicy {
 public:
  // Entries are trimmed and a trailing '/' ignored; "*" allows any origin without credentials.
  explicit CorsPolicy(const std::vector<std::string>& origins);

  enum class Grant { None, Credentialed, AnyOrigin };
  Grant check(std::string_view origin) const;

  static constexpr const char* kExposeHeaders = "X-Request-ID, Retry-After, X-Total-Count";
  static constexpr const char* kAllowMethods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
  static constexpr const char* kMaxAge = "600";

 private:
  std::vector<std::string> origins_;
  bool any_ = false;
};

// ---- Client address (§8 TRUSTED_PROXIES) ----
struct IpNetwork {
  std::array<uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
  int prefix = 128;
};
// Parses "10.0.0.0/8", "192.168.1.5", "::1", "fd00::/8". False if malformed.
bool parse_network(std::string_view text, IpNetwork& out);
bool parse_ip(std::string_view text, std::array<uint8_t, 16>& out);
bool is_loopback(std::string_view ip);

class ClientIpResolver {
 public:
  // Malformed entries are skipped and reported in `rejected`.
  explicit ClientIpResolver(const std::vector<std::string>& trusted_proxies,
                            std::vector<std::string>* rejected = nullptr);
  // The remote address, or, when it is a trusted proxy, the right-most X-Forwarded-For entry
  // that is not (the left-most entry if all are). `forwarded_for` joins every X-Forwarded-For.
  std::string resolve(const std::string& remote_addr, std::string_view forwarded_for) const;
  bool empty() const { return trusted_.empty(); }

 private:
  bool trusted(std::string_view ip) const;
  std::vector<IpNetwork> trusted_;
};

// ---- Bodies (§1.2, §1.4) ----
// Absent or application/json with any parameters (case-insensitive).
bool is_json_content_type(std::string_view content_type);
// Parses a request body for a route. Returns an object ({} for an empty optional body).
// Throws aligncv::Error::validation: "missing" at ["body"] for an empty required body,
// "json_invalid" at ["body", <byte offset>] with ctx.error, "model_attributes_type" for a
// non-object.
Json parse_json_body(std::string_view body, BodyKind kind);

}  // namespace aligncv::http
