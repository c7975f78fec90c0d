// Small string helpers shared by the areas (ASCII case rules, UTF-8, base64url).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv {

// Trims ASCII and Unicode-free whitespace (space, \t, \r, \n, \f, \v) at both ends.
std::string trim(std::string_view s);
std::string_view trim_view(std::string_view s);  // the same, without a copy
std::string to_lower_ascii(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
std::vector<std::string> split(std::string_view s, char sep);

bool is_valid_utf8(std::string_view s);
// Decodes the code point at s[i] into cp; returns its length in bytes, or 0 for an invalid
// sequence (truncated, overlong, a surrogate or past U+10FFFF).
std::size_t decode_utf8(std::string_view s, std::size_t i, uint32_t& cp);
void append_utf8(std::string& out, uint32_t cp);
// Number of code points in valid UTF-8 (bytes of an invalid sequence count one each).
std::size_t utf8_length(std::string_view s);
// The first `count` code points of UTF-8 text (all of it when shorter).
std::string utf8_prefix(std::string_view s, std::size_t count);

// Text safe inside HTML elements and quoted attributes (& < > " ').
std::string html_escape(std::string_view text);

std::string base64url_encode(std::string_view bytes);
// Throws nothing; returns false for input that is not unpadded base64url.
bool base64url_decode(std::string_view text, std::string& out);
std::string hex_encode(std::string_view bytes);

// Constant-time comparison (for signatures and secrets).
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace aligncv
