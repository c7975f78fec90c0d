#include "middleware.hpp"

#include <aligncv/error.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <random>

namespace aligncv::http {

namespace {

std::string_view trim_view(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  std::size_t begin = s.find_first_not_of(ws);
  if (begin == std::string_view::npos) return {};
  std::size_t end = s.find_last_not_of(ws);
  return s.substr(begin, end - begin + 1);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string normalize_origin(std::string_view origin) {
  origin = trim_view(origin);
  while (!origin.empty() && origin.back() == '/') origin.remove_suffix(1);
  return std::string(origin);
}

// "...column 2: syntax error ... - invalid literal; last read: '{x'; expected string literal"
// -> "syntax error ... - invalid literal; expected string literal". The echo of the input is
// dropped: the offset already points at it, and it may hold a password.
std::string parse_error_reason(const std::string& what) {
  std::string reason = what;
  std::size_t column = reason.find("column ");
  if (column != std::string::npos) {
    std::size_t colon = reason.find(": ", column);
    if (colon != std::string::npos) reason.erase(0, colon + 2);
  }
  std::size_t last_read = reason.find("; last read: ");
  if (last_read != std::string::npos) {
    std::size_t expected = reason.rfind("; expected");
    if (expected != std::string::npos && expected > last_read) {
      reason.erase(last_read, expected - last_read);
    } else {
      reason.erase(last_read);
    }
  }
  return reason;
}

}  // namespace

// ---- Request id ----

bool is_valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

std::string new_request_id() {
  thread_local std::mt19937_64 rng{[] {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) ^ device();
  }()};
  uint64_t hi = rng();
  uint64_t lo = rng();
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // variant 10
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(36, '-');
  int pos = 0;
  auto put = [&](uint64_t value, int nibbles) {
    for (int i = nibbles - 1; i >= 0; --i) {
      if (pos == 8 || pos == 13 || pos == 18 || pos == 23) ++pos;
      id[pos++] = kHex[(value >> (i * 4)) & 0xF];
    }
  };
  put(hi, 16);
  put(lo, 16);
  return id;
}

// ---- CORS ----

CorsPolicy::CorsPolicy(const std::vector<std::string>& origins) {
  for (const std::string& entry : origins) {
    std::string origin = normalize_origin(entry);
    if (origin.empty()) continue;
    if (origin == "*") {
      any_ = true;
    } else {
      origins_.push_back(std::move(origin));
    }
  }
}

CorsPolicy::Grant CorsPolicy::check(std::string_view origin) const {
  if (origin.empty()) return Grant::None;
  std::string_view normalized = origin;
  while (!normalized.empty() && normalized.back() == '/') normalized.remove_suffix(1);
  for (const std::string& allowed : origins_) {
    // Scheme and host are case-insensitive; browsers send them lower-case anyway.
    if (iequals(allowed, normalized)) return Grant::Credentialed;
  }
  return any_ ? Grant::AnyOrigin : Grant::None;
}

// ---- Client address ----

bool parse_ip(std::string_view text, std::array<uint8_t, 16>& out) {
  text = trim_view(text);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() > 64) return false;
  std::string copy(text);
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    out.fill(0);
    out[10] = 0xFF;
    out[11] = 0xFF;
    std::memcpy(out.data() + 12, &v4, 4);
    return true;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return true;
  }
  return false;
}

bool parse_network(std::string_view text, IpNetwork& out) {
  text = trim_view(text);
  std::size_t slash = text.find('/');
  std::string_view address = text.substr(0, slash);
  if (!parse_ip(address, out.bytes)) return false;
  const bool v4 = address.find(':') == std::string_view::npos;
  if (slash == std::string_view::npos) {
    out.prefix = 128;
    return true;
  }
  std::string_view bits = text.substr(slash + 1);
  if (bits.empty() || bits.size() > 3) return false;
  int prefix = 0;
  for (char c : bits) {
    if (c < '0' || c > '9') return false;
    prefix = prefix * 10 + (c - '0');
  }
  if (prefix > (v4 ? 32 : 128)) return false;
  out.prefix = v4 ? prefix + 96 : prefix;
  return true;
}

bool is_loopback(std::string_view ip) {
  std::array<uint8_t, 16> bytes{};
  if (!parse_ip(ip, bytes)) return false;
  static const std::array<uint8_t, 16> kV6Loopback = {0, 0, 0, 0, 0, 0, 0, 0,
                                                      0, 0, 0, 0, 0, 0, 0, 1};
  if (bytes == kV6Loopback) return true;
  const bool mapped_v4 =
      std::all_of(bytes.begin(), bytes.begin() + 10, [](uint8_t b) { return b == 0; }) &&
      bytes[10] == 0xFF && bytes[11] == 0xFF;
  return mapped_v4 && bytes[12] == 127;  // 127.0.0.0/8
}

ClientIpResolver::ClientIpResolver(const std::vector<std::string>& trusted_proxies,
                                   std::vector<std::string>* rejected) {
  for (const std::string& entry : trusted_proxies) {
    IpNetwork network;
    if (parse_network(entry, network)) {
      trusted_.push_back(network);
    } else if (rejected) {
      rejected->push_back(entry);
    }
  }
}

bool ClientIpResolver::trusted(std::string_view ip) const {
  std::array<uint8_t, 16> bytes{};
  if (!parse_ip(ip, bytes)) return false;
  for (const IpNetwork& network : trusted_) {
    int full = network.prefix / 8;
    int rest = network.prefix % 8;
    if (!std::equal(bytes.begin(), bytes.begin() + full, network.bytes.begin())) continue;
    if (rest != 0) {
      uint8_t mask = static_cast<uint8_t>(0xFF << (8 - rest));
      if ((bytes[full] & mask) != (network.bytes[full] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string ClientIpResolver::resolve(const std::string& remote_addr,
                                      std::string_view forwarded_for) const {
  if (trusted_.empty() || forwarded_for.empty() || !trusted(remote_addr)) return remote_addr;
  std::string_view leftmost;
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    std::size_t comma = rest.rfind(',');
    std::string_view entry =
        trim_view(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (entry.size() >= 2 && entry.front() == '[' && entry.back() == ']') {
      entry = entry.substr(1, entry.size() - 2);  // "[2001:db8::1]"
    }
    std::array<uint8_t, 16> bytes{};
    if (!parse_ip(entry, bytes)) break;  // garbage ends the trusted chain
    if (!trusted(entry)) return std::string(entry);
    leftmost = entry;
  }
  return leftmost.empty() ? remote_addr : std::string(leftmost);
}

// ---- Bodies ----

bool is_json_content_type(std::string_view content_type) {
  std::string_view media = trim_view(content_type.substr(0, content_type.find(';')));
  return media.empty() || iequals(media, "application/json");
}

namespace {

// Deep nesting would make copying and printing the value recurse without bound; no request of
// this API nests more than a few levels. Returns the offset where the limit is passed, or npos.
constexpr int kMaxJsonDepth = 64;

std::size_t depth_limit_offset(std::string_view body) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

[[noreturn]] void json_invalid(int64_t offset, const std::string& reason) {
  throw Error::validation({FieldIssue{"json_invalid", Json::array({"body", offset}), "JSON decode error",
                                      Json::object(), Json{{"error", reason}}}});
}

}  // namespace

Json parse_json_body(std::string_view body, BodyKind kind) {
  if (trim_view(body).empty()) {
    if (kind == BodyKind::Required && body.empty()) {
      throw Error::validation(
          {FieldIssue{"missing", Json::array({"body"}), "Field required", nullptr, nullptr}});
    }
    if (body.empty()) return Json::object();
  }
  if (std::size_t at = depth_limit_offset(body); at != std::string_view::npos) {
    json_invalid(static_cast<int64_t>(at), "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  Json value;
  try {
    value = Json::parse(body.begin(), body.end());
  } catch (const Json::parse_error& e) {
    json_invalid(e.byte > 0 ? static_cast<int64_t>(e.byte) - 1 : 0, parse_error_reason(e.what()));
  } catch (const Json::exception& e) {  // e.g. a number too large for a double
    json_invalid(0, parse_error_reason(e.what()));
  }
  if (value.is_null() && kind == BodyKind::Optional) return Json::object();
  if (!value.is_object()) {
    throw Error::validation({FieldIssue{"model_attributes_type", Json::array({"body"}),
                                        "Input should be a valid dictionary or object to extract "
                                        "fields from",
                                        std::move(value), nullptr}});
  }
  return value;
}

}  // namespace aligncv::http
