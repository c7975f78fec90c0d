#include "resume/util.hpp"

#include "common/text.hpp"

namespace aligncv::resume::detail {

char32_t next_cp(std::string_view s, std::size_t& i) {
  uint32_t cp = 0;
  std::size_t len = decode_utf8(s, i, cp);
  if (len == 0) {  // an invalid byte reads as U+FFFD and is skipped alone
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

char32_t prev_cp(std::string_view s, std::size_t& i) {
  std::size_t start = i - 1;
  // Walk back over at most three continuation bytes.
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  std::size_t j = start;
  char32_t cp = next_cp(s, j);
  if (j != i) {  // not a well-formed sequence ending at i: step one byte
    start = i - 1;
    cp = 0xFFFD;
  }
  i = start;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space_cp(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

bool is_dash_cp(char32_t cp) {
  return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 ||
         cp == 0xFE63 || cp == 0xFF0D;
}

bool is_upper_cp(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x137) return (cp & 1) == 0;
  if (cp >= 0x139 && cp <= 0x148) return (cp & 1) == 1;
  if (cp >= 0x14A && cp <= 0x177) return (cp & 1) == 0;
  if (cp == 0x178) return true;
  if (cp >= 0x179 && cp <= 0x17E) return (cp & 1) == 1;
  if (cp >= 0x181 && cp <= 0x1CC)
    return cp == 0x181 || cp == 0x186 || cp == 0x189 || cp == 0x18A || cp == 0x18E || cp == 0x18F ||
           cp == 0x190 || cp == 0x193 || cp == 0x194 || cp == 0x196 || cp == 0x197 || cp == 0x19C ||
           cp == 0x19D || cp == 0x19F || cp == 0x1C4 || cp == 0x1C7 || cp == 0x1CA;
  if (cp >= 0x1CD && cp <= 0x1DC) return (cp & 1) == 1;
  if (cp >= 0x1DE && cp <= 0x1EF) return (cp & 1) == 0;
  if (cp >= 0x1F8 && cp <= 0x233) return (cp & 1) == 0;
  if (cp == 0x386 || (cp >= 0x388 && cp <= 0x38F) || (cp >= 0x391 && cp <= 0x3AB))
    return cp != 0x3A2;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  if (cp >= 0x460 && cp <= 0x4FF) return (cp & 1) == 0;
  if (cp >= 0x531 && cp <= 0x556) return true;  // Armenian
  if (cp >= 0x1E00 && cp <= 0x1EFF) return (cp & 1) == 0;
  if (cp >= 0xFF21 && cp <= 0xFF3A) return true;
  return false;
}

bool is_lower_cp(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x100 && cp <= 0x17F) return !is_upper_cp(cp);
  if (cp >= 0x180 && cp <= 0x24F) return !is_upper_cp(cp);
  if (cp >= 0x250 && cp <= 0x2AF) return true;
  if (cp >= 0x3AC && cp <= 0x3CE) return true;
  if (cp >= 0x430 && cp <= 0x45F) return true;
  if (cp >= 0x460 && cp <= 0x4FF) return (cp & 1) == 1;
  if (cp >= 0x561 && cp <= 0x587) return true;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return (cp & 1) == 1;
  if (cp >= 0xFF41 && cp <= 0xFF5A) return true;
  return false;
}

bool is_letter_cp(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (is_upper_cp(cp) || is_lower_cp(cp)) return true;
  return (cp >= 0x5D0 && cp <= 0x5EA) ||                                      // Hebrew
         (cp >= 0x620 && cp <= 0x64A) ||                                      // Arabic
         (cp >= 0x900 && cp <= 0x97F) ||                                      // Devanagari
         (cp >= 0xE01 && cp <= 0xE4E) ||                                      // Thai
         (cp >= 0x1100 && cp <= 0x11FF) ||                                    // Hangul Jamo
         (cp >= 0x3040 && cp <= 0x30FF) ||                                    // Hiragana, Katakana
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK
         (cp >= 0xAC00 && cp <= 0xD7AF);                                      // Hangul
}

namespace {
bool ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
}  // namespace

std::string_view trim_view(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size()) {
    auto c = static_cast<unsigned char>(s[b]);
    if (c < 0x80) {  // ASCII fast path
      if (!ascii_space(c)) break;
      ++b;
      continue;
    }
    std::size_t j = b;
    if (!is_space_cp(next_cp(s, j))) break;
    b = j;
  }
  std::size_t e = s.size();
  while (e > b) {
    auto c = static_cast<unsigned char>(s[e - 1]);
    if (c < 0x80) {
      if (!ascii_space(c)) break;
      --e;
      continue;
    }
    std::size_t j = e;
    if (!is_space_cp(prev_cp(s, j))) break;
    e = j;
  }
  return s.substr(b, e - b);
}

std::string_view trim_punct(std::string_view s, std::string_view punct) {
  while (true) {
    s = trim_view(s);
    if (!s.empty() && punct.find(s.front()) != std::string_view::npos) {
      s.remove_prefix(1);
    } else if (!s.empty() && punct.find(s.back()) != std::string_view::npos) {
      s.remove_suffix(1);
    } else {
      return s;
    }
  }
}

std::string collapse_ws(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    auto c = static_cast<unsigned char>(s[i]);
    bool space = c < 0x80 ? (++i, ascii_space(c)) : is_space_cp(next_cp(s, i));
    if (space) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

std::size_t ifind(std::string_view s, std::string_view needle, std::size_t from) {
  if (needle.empty()) return from <= s.size() ? from : std::string_view::npos;
  if (needle.size() > s.size()) return std::string_view::npos;
  const char first = lower(needle[0]);
  for (std::size_t i = from; i + needle.size() <= s.size(); ++i) {
    if (lower(s[i]) == first && iequals(s.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

namespace {
// A byte that continues a word: ASCII alphanumerics and any non-ASCII byte (letters of other
// scripts are never split).
bool word_byte(char c) {
  return is_ascii_alpha(c) || is_digit(c) || (static_cast<unsigned char>(c) & 0x80) != 0;
}
}  // namespace

std::size_t ifind_word(std::string_view s, std::string_view word, std::size_t from) {
  while (true) {
    std::size_t pos = ifind(s, word, from);
    if (pos == std::string_view::npos) return pos;
    bool left = pos == 0 || !word_byte(s[pos - 1]) || !word_byte(word.front());
    std::size_t end = pos + word.size();
    bool right = end == s.size() || !word_byte(s[end]) || !word_byte(word.back());
    if (left && right) return pos;
    from = pos + 1;
  }
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0, start = std::string_view::npos;
  while (i < s.size()) {
    std::size_t at = i;
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = c < 0x80 ? (++i, c) : next_cp(s, i);
    if (c < 0x80 ? ascii_space(c) : is_space_cp(cp)) {
      if (start != std::string_view::npos) out.push_back(s.substr(start, at - start));
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = at;
    }
  }
  if (start != std::string_view::npos) out.push_back(s.substr(start));
  return out;
}

std::size_t word_count(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    bool sp = c < 0x80 ? (++i, ascii_space(c)) : is_space_cp(next_cp(s, i));
    if (!sp && !in_word) ++n;
    in_word = !sp;
  }
  return n;
}

bool has_digit(std::string_view s) {
  for (char c : s) {
    if (is_digit(c)) return true;
  }
  return false;
}

std::size_t digit_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += is_digit(c) ? 1 : 0;
  return n;
}

bool has_letter(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_letter_cp(next_cp(s, i))) return true;
  }
  return false;
}

bool is_all_caps(std::string_view s) {
  int uppers = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = next_cp(s, i);
    if (is_lower_cp(cp)) return false;
    if (is_upper_cp(cp)) ++uppers;
  }
  return uppers >= 2;
}

bool starts_upper(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = next_cp(s, i);
    if (is_letter_cp(cp)) return is_upper_cp(cp) || !is_lower_cp(cp);
    if (cp < 0x80 && is_digit(static_cast<char>(cp))) return false;
  }
  return false;
}

bool starts_lower(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = next_cp(s, i);
    if (is_letter_cp(cp)) return is_lower_cp(cp);
    if (cp < 0x80 && is_digit(static_cast<char>(cp))) return false;
  }
  return false;
}

}  // namespace aligncv::resume::detail
