// Argon2id password hashing with PHC strings (libargon2).
#include <aligncv/auth.hpp>
#include <aligncv/error.hpp>

#include <argon2.h>

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/random.hpp"
#include "common/text.hpp"

namespace aligncv::auth {

namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::string_view kPrefix = "$argon2id$";

struct PhcParams {
  uint32_t version = 0;
  Argon2Params params;
  std::size_t salt_bytes = 0;
  std::size_t hash_bytes = 0;
};

// Decoded size of unpadded standard base64 (the PHC alphabet); 0 when `text` is not that.
std::size_t b64_decoded_size(std::string_view text) {
  if (text.empty() || text.size() % 4 == 1) return 0;
  for (char c : text) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '/';
    if (!ok) return 0;
  }
  return text.size() * 6 / 8;
}

bool parse_u32(std::string_view text, std::string_view key, uint32_t& out) {
  if (text.size() <= key.size() + 1 || text.substr(0, key.size()) != key ||
      text[key.size()] != '=') {
    return false;
  }
  std::string_view digits = text.substr(key.size() + 1);
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return ec == std::errc() && ptr == digits.data() + digits.size();
}

// Reads "$argon2id$v=19$m=..,t=..,p=..$<salt>$<hash>"; nullopt for anything else.
std::optional<PhcParams> parse_phc(std::string_view phc) {
  if (phc.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::vector<std::string> parts = split(phc.substr(kPrefix.size()), '$');
  if (parts.size() != 4) return std::nullopt;
  PhcParams out;
  out.salt_bytes = b64_decoded_size(parts[2]);
  out.hash_bytes = b64_decoded_size(parts[3]);
  if (out.salt_bytes == 0 || out.hash_bytes == 0) return std::nullopt;
  if (!parse_u32(parts[0], "v", out.version)) return std::nullopt;
  std::vector<std::string> costs = split(parts[1], ',');
  if (costs.size() != 3 || !parse_u32(costs[0], "m", out.params.memory_kib) ||
      !parse_u32(costs[1], "t", out.params.iterations) ||
      !parse_u32(costs[2], "p", out.params.parallelism)) {
    return std::nullopt;
  }
  return out;
}

std::string hash_with(const Argon2Params& p, std::string_view password) {
  std::string salt = random_bytes(kSaltBytes);
  std::size_t len = argon2_encodedlen(p.iterations, p.memory_kib, p.parallelism, kSaltBytes,
                                      kHashBytes, Argon2_id);
  std::string encoded(len, '\0');
  int rc = argon2id_hash_encoded(p.iterations, p.memory_kib, p.parallelism, password.data(),
                                 password.size(), salt.data(), salt.size(), kHashBytes,
                                 encoded.data(), encoded.size());
  if (rc == ARGON2_MEMORY_ALLOCATION_ERROR) {
    throw Error(ErrorCode::Internal, "Argon2 could not allocate memory");
  }
  if (rc != ARGON2_OK) {
    // Anything else is a parameter the library refuses (e.g. m < 8 * p).
    throw Error(ErrorCode::InvalidArgument,
                std::string("Invalid Argon2 parameters: ") + argon2_error_message(rc));
  }
  encoded.resize(encoded.find('\0'));
  return encoded;
}

}  // namespace

PasswordHasher::PasswordHasher(Argon2Params params) : params_(params) {
  // Made once, at the configured cost, so verify_dummy costs what a real verify costs. Also
  // validates the parameters early.
  dummy_hash_ = hash_with(params_, random_bytes(16));
}

PasswordHasher::~PasswordHasher() = default;
PasswordHasher::PasswordHasher(PasswordHasher&&) noexcept = default;

std::string PasswordHasher::hash(std::string_view password) const {
  return hash_with(params_, password);
}

bool PasswordHasher::verify(std::string_view phc, std::string_view password) const {
  if (!parse_phc(phc) || phc.find('\0') != std::string_view::npos) return false;
  std::string encoded(phc);  // argon2 wants a NUL-terminated string
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool PasswordHasher::needs_rehash(std::string_view phc) const {
  std::optional<PhcParams> parsed = parse_phc(phc);
  return !parsed || parsed->version != ARGON2_VERSION_13 || !(parsed->params == params_) ||
         parsed->salt_bytes != kSaltBytes || parsed->hash_bytes != kHashBytes;
}

void PasswordHasher::verify_dummy(std::string_view password) const {
  (void)verify(dummy_hash_, password);
}

}  // namespace aligncv::auth
