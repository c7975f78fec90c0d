// Cryptographically secure randomness (OpenSSL), for ids, salts, secrets and token ids.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace aligncv {

std::string random_bytes(std::size_t count);
// Lower-case UUID version 4: "0f8c3b7e-5d1a-4c2e-9b6f-2a7d4e1c9f30".
std::string uuid_v4();
// True for a lower-case UUID v4 string as produced by uuid_v4().
bool is_uuid_v4(std::string_view text);

}  // namespace aligncv
