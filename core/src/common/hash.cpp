#include "common/hash.hpp"

#include <openssl/sha.h>

#include "common/text.hpp"

namespace aligncv {

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace aligncv
