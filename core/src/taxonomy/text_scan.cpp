#include "taxonomy/text_scan.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace aligncv::taxonomy::detail {
namespace {

constexpr char32_t kInvalid = 0xFFFD;

bool ascii_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Decodes the UTF-8 sequence starting at `pos`; sets `length` (at least 1).
char32_t decode_at(std::string_view s, std::size_t pos, std::size_t& length) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  length = 1;
  if (b0 < 0x80) return b0;
  std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (n == 0 || pos + n > s.size()) return kInvalid;
  char32_t cp = b0 & (0x7F >> n);
  for (std::size_t i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) return kInvalid;
    cp = (cp << 6) | (b & 0x3F);
  }
  length = n;
  return cp;
}

// The code point ending just before `pos`; sets `start` to its first byte.
char32_t decode_before(std::string_view s, std::size_t pos, std::size_t& start) {
  start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  std::size_t length = 0;
  const char32_t cp = decode_at(s, start, length);
  if (start + length != pos) {
    start = pos - 1;
    return kInvalid;
  }
  return cp;
}

// Letters and digits of any script are word characters; punctuation, symbols, spaces are not.
bool word_code_point(char32_t cp) {
  if (cp < 0x80) return ascii_word(static_cast<unsigned char>(cp));
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 punctuation, NBSP, ×, ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;    // punctuation, arrows, math, shapes, dingbats
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;    // supplemental punctuation
  if (cp >= 0x3000 && cp <= 0x303F) return false;    // CJK punctuation
  if (cp >= 0xFE10 && cp <= 0xFE6F) return false;    // compatibility punctuation forms
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;    // fullwidth punctuation
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;    // specials, replacement character
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji and pictographs
  return true;
}

// Length of a whitespace sequence at `pos` (0 if none); `newline` tells whether it ends a line.
std::size_t space_at(std::string_view s, std::size_t pos, bool& newline) {
  const auto c = static_cast<unsigned char>(s[pos]);
  newline = c == '\n';
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && pos + 1 < s.size() && static_cast<unsigned char>(s[pos + 1]) == 0xA0) return 2;
  if (c == 0xE2 && pos + 2 < s.size() && static_cast<unsigned char>(s[pos + 1]) == 0x80) {
    const auto c2 = static_cast<unsigned char>(s[pos + 2]);
    if (c2 == 0xA8 || c2 == 0xA9) {  // line and paragraph separators
      newline = true;
      return 3;
    }
    if (c2 <= 0x8A || c2 == 0xAF) return 3;  // en/em/thin/narrow no-break spaces
  }
  return 0;
}

bool is_list_separator(char32_t cp, bool left) {
  // , ; | / & + - * and the bullets and dashes · • ‣ – — ▪ ● ◦ ⁃ separate on both sides.
  static constexpr std::u32string_view kBoth =
      U",;|/&+-*\u00B7\u2022\u2023\u2013\u2014\u25AA\u25CF\u25E6\u2043";
  static constexpr std::u32string_view kLeft = U":([{>";
  static constexpr std::u32string_view kRight = U")]}.";
  if (kBoth.find(cp) != std::u32string_view::npos) return true;
  return (left ? kLeft : kRight).find(cp) != std::u32string_view::npos;
}

bool is_conjunction(std::string_view word) { return word == "and" || word == "or"; }

}  // namespace

std::size_t PreparedText::line_of(std::size_t pos) const {
  return static_cast<std::size_t>(std::lower_bound(breaks.begin(), breaks.end(), pos) -
                                  breaks.begin());
}

PreparedText prepare(std::string_view text) {
  PreparedText out;
  out.original_size = text.size();
  out.cased.reserve(text.size());
  out.folded.reserve(text.size());
  out.offsets.reserve(text.size());
  bool pending_space = false;
  bool pending_newline = false;
  std::size_t space_offset = 0;
  for (std::size_t i = 0; i < text.size();) {
    bool newline = false;
    if (const std::size_t n = space_at(text, i, newline)) {
      if (!pending_space) space_offset = i;
      pending_space = true;
      pending_newline = pending_newline || newline;
      i += n;
      continue;
    }
    if (pending_space && !out.cased.empty()) {
      if (pending_newline) out.breaks.push_back(static_cast<std::uint32_t>(out.cased.size()));
      out.cased.push_back(' ');
      out.folded.push_back(' ');
      out.offsets.push_back(static_cast<std::uint32_t>(space_offset));
    }
    pending_space = pending_newline = false;
    out.cased.push_back(text[i]);
    out.folded.push_back(ascii_lower(text[i]));
    out.offsets.push_back(static_cast<std::uint32_t>(i));
    ++i;
  }
  return out;
}

std::string normalize_spelling(std::string_view spelling) {
  std::string out;
  out.reserve(spelling.size());
  bool space = false;
  for (char c : spelling) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string fold_key(std::string_view spelling) {
  std::string out = normalize_spelling(spelling);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

bool word_before(std::string_view s, std::size_t pos) {
  if (pos == 0) return false;
  std::size_t start = 0;
  return word_code_point(decode_before(s, pos, start));
}

bool word_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return false;
  std::size_t length = 0;
  return word_code_point(decode_at(s, pos, length));
}

bool strict_boundaries(std::string_view s, std::size_t begin, std::size_t end) {
  // A joiner glues the name to a neighbouring word: "R&D", "C-suite", "Go-to", "R's".
  auto joiner = [](char32_t cp) {
    return cp == '-' || cp == '&' || cp == '\'' || cp == '.' || cp == '_' || cp == '@' ||
           cp == 0x2019 || cp == 0x2010 || cp == 0x2011;
  };
  if (end < s.size()) {
    std::size_t length = 0;
    const char32_t next = decode_at(s, end, length);
    if (next == '+' || next == '#') return false;  // "C+" is a grade, "C#" its own name
    if (joiner(next) && word_at(s, end + length)) return false;
  }
  if (begin > 0) {
    std::size_t start = 0;
    const char32_t prev = decode_before(s, begin, start);
    if ((joiner(prev) || prev == '#') && word_before(s, start)) return false;
  }
  return true;
}

std::vector<std::pair<std::size_t, std::size_t>> address_spans(std::string_view cased) {
  static constexpr std::array<std::string_view, 24> kDomains = {
      "com", "org",  "io",   "dev", "ai", "co", "me", "app", "edu", "gov", "info", "ly",
      "so",  "page", "site", "xyz", "us", "uk", "de", "fr",  "ca",  "eu",  "tech", "in"};
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t pos = 0;
  while (pos < cased.size()) {
    const std::size_t space = cased.find(' ', pos);
    const std::size_t end = space == std::string_view::npos ? cased.size() : space;
    const std::string_view token = cased.substr(pos, end - pos);
    bool address = token.find("://") != std::string_view::npos;
    if (!address) {
      std::string lower(token);
      std::transform(lower.begin(), lower.end(), lower.begin(), ascii_lower);
      const std::size_t host = lower.find_first_not_of("(<[\"'");
      address = host != std::string::npos && lower.compare(host, 4, "www.") == 0;
      const std::size_t at = token.find('@');
      address = address || (at != std::string_view::npos && at > 0 &&
                            token.find('.', at) != std::string_view::npos);
    }
    if (!address) {
      // "linkedin.com/in/jane": a host with a known (lower-case) domain, then a path. A bare
      // "Careerbuilder.com" or "ASP.NET" stays a name.
      const std::size_t slash = token.find('/');
      const std::size_t dot = slash == std::string_view::npos ? slash : token.rfind('.', slash);
      if (dot != std::string_view::npos) {
        const std::string_view domain = token.substr(dot + 1, slash - dot - 1);
        address = std::find(kDomains.begin(), kDomains.end(), domain) != kDomains.end();
      }
    }
    if (address) spans.emplace_back(pos, end);
    pos = end + 1;
  }
  return spans;
}

bool list_item(const PreparedText& text, std::size_t begin, std::size_t end) {
  const std::string& s = text.folded;
  auto is_break = [&](std::size_t pos) {
    return std::binary_search(text.breaks.begin(), text.breaks.end(), pos);
  };
  // Left side: line start, a separator, or "and"/"or".
  std::size_t p = begin;
  if (p > 0 && s[p - 1] == ' ') {
    if (is_break(p - 1))
      p = 0;
    else
      --p;
  }
  bool left = p == 0;
  if (!left) {
    std::size_t start = 0;
    const char32_t prev = decode_before(s, p, start);
    left = is_list_separator(prev, true);
    if (!left && ascii_word(static_cast<unsigned char>(s[p - 1]))) {
      std::size_t w = p;
      while (w > 0 && ascii_word(static_cast<unsigned char>(s[w - 1]))) --w;
      left = is_conjunction(std::string_view(s).substr(w, p - w)) && !word_before(s, w);
    }
  }
  if (!left) return false;
  // Right side: line end, a separator, or "and"/"or".
  std::size_t q = end;
  if (q < s.size() && s[q] == ' ') {
    if (is_break(q)) return true;
    ++q;
  }
  if (q >= s.size()) return true;
  std::size_t length = 0;
  if (is_list_separator(decode_at(s, q, length), false)) return true;
  std::size_t w = q;
  while (w < s.size() && ascii_word(static_cast<unsigned char>(s[w]))) ++w;
  return is_conjunction(std::string_view(s).substr(q, w - q)) && !word_at(s, w);
}

bool alone_on_line(const PreparedText& text, std::size_t begin, std::size_t end) {
  const std::string& s = text.folded;
  auto is_break = [&](std::size_t pos) {
    return std::binary_search(text.breaks.begin(), text.breaks.end(), pos);
  };
  std::size_t p = begin;
  while (p > 0) {
    if (s[p - 1] == ' ' && is_break(p - 1)) break;
    std::size_t start = 0;
    const char32_t prev = decode_before(s, p, start);
    if (prev != ' ' && (prev == ':' || !is_list_separator(prev, true))) return false;
    p = start;
  }
  for (std::size_t q = end; q < s.size(); ++q) {
    if (s[q] == ' ' && is_break(q)) break;
    if (s[q] != ' ' && s[q] != ',' && s[q] != ';' && s[q] != '.') return false;
  }
  return true;
}

}  // namespace aligncv::taxonomy::detail
