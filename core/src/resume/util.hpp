// Byte-level string helpers for the résumé parser: UTF-8 decoding, letter classes, case-free
// comparisons and whitespace handling. Everything is a hand-written scanner (no std::regex).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::resume::detail {

// Decodes the code point at s[i] and advances i; invalid bytes decode as U+FFFD, one byte each.
char32_t next_cp(std::string_view s, std::size_t& i);
// The code point that ends just before s[i] (i moves back); s[0..i) must be non-empty.
char32_t prev_cp(std::string_view s, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);

bool is_space_cp(char32_t cp);  // ASCII blanks, NBSP, U+2000..U+200B, U+3000, ...
bool is_letter_cp(char32_t cp);
bool is_upper_cp(char32_t cp);
bool is_lower_cp(char32_t cp);
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
// Dashes a résumé uses between dates or fields: - ‐ ‑ ‒ – — ― − (ASCII hyphen included).
bool is_dash_cp(char32_t cp);

std::string_view trim_view(std::string_view s);  // Unicode whitespace at both ends
// Trims whitespace and the given ASCII punctuation at both ends.
std::string_view trim_punct(std::string_view s, std::string_view punct);
// Collapses runs of whitespace to one ASCII space and trims.
std::string collapse_ws(std::string_view s);
std::string lower_ascii(std::string_view s);
bool iequals(std::string_view a, std::string_view b);  // ASCII case-insensitive
bool istarts_with(std::string_view s, std::string_view prefix);
bool iends_with(std::string_view s, std::string_view suffix);
std::size_t ifind(std::string_view s, std::string_view needle, std::size_t from = 0);
// Finds `word` case-insensitively with non-letter/digit characters (or the ends) on both sides.
std::size_t ifind_word(std::string_view s, std::string_view word, std::size_t from = 0);

// Whitespace-separated words of s (views into s).
std::vector<std::string_view> words(std::string_view s);
std::size_t word_count(std::string_view s);
bool has_digit(std::string_view s);
std::size_t digit_count(std::string_view s);
bool has_letter(std::string_view s);
// True when every cased letter is upper case and there are at least two letters.
bool is_all_caps(std::string_view s);
// First letter of s is upper case (after leading punctuation such as quotes or brackets).
bool starts_upper(std::string_view s);
bool starts_lower(std::string_view s);

}  // namespace aligncv::resume::detail
