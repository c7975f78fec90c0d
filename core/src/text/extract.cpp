// Dispatch by type and the clean-up every format shares, so that `Document::text` and
// `Document::lines` always agree line for line.
#include "text/internal.hpp"

#include "common/text.hpp"

#include <array>
#include <cstdint>
#include <new>
#include <unordered_set>

namespace aligncv::text {

namespace detail {

std::string pdf_too_many_pages(int max_pages) {
  return "PDF has more than " + std::to_string(max_pages) + " pages";
}

void fail(const char* message) { throw Error(ErrorCode::InvalidArgument, message); }

bool starts_with_bullet(std::string_view line) {
  static constexpr std::array<std::string_view, 19> kBullets = {
      "\u2022", "\u25E6", "\u25AA", "\u25AB", "\u2023", "\u25CF", "\u25CB",
      "\u25A0", "\u25A1", "\u27A2", "\u25BA", "\u2713", "\u2714", "\u2756",
      "\u25C6", "\u25C7", "\u2605", "\u2043", "\u2219"};
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  line.remove_prefix(i);
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') &&
      (line[1] == ' ' || line[1] == '\t')) {
    return true;
  }
  for (auto bullet : kBullets) {
    if (line.substr(0, bullet.size()) == bullet) return true;
  }
  return false;
}

}  // namespace detail

namespace {

using detail::Line;

bool is_unicode_space(uint32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

// Maps what a reader cannot see or type to what a parser expects: soft hyphens and zero-width
// marks go, Unicode spaces become ' ', ligatures are spelt out, Symbol-font bullets become '•',
// control characters go and invalid UTF-8 becomes U+FFFD. '\f', '\v' and the Unicode line
// separators become '\n' for the caller to split on.
std::string clean_chars(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    std::size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
      append_utf8(out, 0xFFFD);
      ++i;
      continue;
    }
    i += len;
    if (cp == '\t' || cp == '\n') {
      out.push_back(static_cast<char>(cp));
    } else if (cp == '\f' || cp == '\v' || cp == 0x2028 || cp == 0x2029) {
      out.push_back('\n');
    } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || cp == 0x200B ||
               cp == 0x2060 || cp == 0xFEFF) {
      continue;
    } else if (is_unicode_space(cp)) {
      out.push_back(' ');
    } else if (cp >= 0xFB00 && cp <= 0xFB06) {
      static constexpr const char* kLigatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
      out += kLigatures[cp - 0xFB00];
    } else if (cp == 0xF0B7 || cp == 0xF0A7 || cp == 0xF06C || cp == 0xF0D8 || cp == 0xF076 ||
               cp == 0xF0FC || cp == 0xF06E) {
      out += "\u2022";
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

std::string strip_trailing_space(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

// Links are shown to users, so only schemes a browser can follow harmlessly are kept
// (no javascript:, file: or data:); a target without a scheme ("www.example.com") is kept too.
bool safe_link(const std::string& target) {
  auto colon = target.find(':');
  if (colon == std::string::npos || target.find_first_of("/?#") < colon) return true;
  std::string scheme = to_lower_ascii(std::string_view(target).substr(0, colon));
  for (const char* allowed : {"http", "https", "mailto", "tel", "ftp"}) {
    if (scheme == allowed) return true;
  }
  return false;
}

// Splits, cleans and trims every line; at most one blank line in a row, none at either end.
Document assemble(FileType type, detail::Extracted&& raw) {
  std::vector<Line> lines;
  lines.reserve(raw.lines.size());
  for (auto& line : raw.lines) {
    std::string cleaned = clean_chars(line.text);
    std::size_t start = 0;
    while (true) {
      std::size_t end = cleaned.find('\n', start);
      std::string part = strip_trailing_space(cleaned.substr(start, end - start));
      bool blank = part.find_first_not_of(" \t") == std::string::npos;
      if (blank) {
        // A blank line only separates; it keeps the page but claims no structure.
        if (!lines.empty() && !lines.back().text.empty()) {
          LineHint hint;
          hint.page = line.hint.page;
          lines.push_back(Line{std::string(), hint});
        }
      } else {
        lines.push_back(Line{std::move(part), line.hint});
      }
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  while (!lines.empty() && lines.back().text.empty()) lines.pop_back();

  Document doc;
  doc.type = type;
  doc.pages = raw.pages;
  std::size_t size = 0;
  for (const auto& line : lines) size += line.text.size() + 1;
  doc.text.reserve(size);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) doc.text.push_back('\n');
    doc.text += lines[i].text;
    doc.lines.push_back(lines[i].hint);
  }
  // An empty text is still one (empty) line when split on '\n'.
  if (doc.lines.empty()) doc.lines.emplace_back();

  std::unordered_set<std::string> seen;
  for (auto& link : raw.links) {
    std::string target = trim(clean_chars(link));
    if (!target.empty() && target.size() <= 2048 &&
        target.find_first_of(" \t\n") == std::string::npos && safe_link(target) &&
        seen.insert(target).second) {
      doc.links.push_back(std::move(target));
    }
  }
  return doc;
}

const char* corrupt_message(FileType type) {
  switch (type) {
    case FileType::Pdf:
      return detail::kPdfCorrupt;
    case FileType::Docx:
      return detail::kDocxCorrupt;
    case FileType::Txt:
    case FileType::Md:
      return detail::kTextNotUtf8;
  }
  return detail::kPdfCorrupt;
}

}  // namespace

Document extract(std::string_view file_name, std::string_view bytes, const ExtractLimits& limits) {
  detail::Deadline deadline(limits.time_budget_ms);
  FileType type = detect_type(file_name, bytes);
  detail::Extracted raw;
  try {
    switch (type) {
      case FileType::Pdf:
        raw = detail::extract_pdf(bytes, limits, deadline);
        break;
      case FileType::Docx:
        raw = detail::extract_docx(bytes, limits, deadline);
        break;
      case FileType::Txt:
        raw = detail::extract_plain(bytes, false);
        break;
      case FileType::Md:
        raw = detail::extract_plain(bytes, true);
        break;
    }
    Document doc = assemble(type, std::move(raw));
    deadline.check();
    return doc;
  } catch (const Error&) {
    throw;
  } catch (...) {
    // Out of memory or a library's own exception: to the user it is an unreadable file.
    throw Error(ErrorCode::InvalidArgument, corrupt_message(type));
  }
}

}  // namespace aligncv::text
