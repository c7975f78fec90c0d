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

bool is_unicode_space(uint32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

// Maps what a reader cannot see or type to what a parser expects: soft hyphens and zero-width
// marks go, Unicode spaces become ' ', ligatures are spelt out, Symbol-font bullets become '•',
// control characters go and invalid UTF-8 becomes U+FFFD. '\f', '\v' and the Unicode line
// separators become '\n' for the caller to split on. Appends to `out`.
// Cleans `s` from `i` into `out` up to its next line break (passed, not written) or its end;
// true when a line break ended it.
bool clean_line(std::string_view s, std::size_t& i, std::string& out) {
  while (i < s.size()) {
    uint32_t cp = 0;
    std::size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
      append_utf8(out, 0xFFFD);
      ++i;
      continue;
    }
    i += len;
    if (cp == '\n' || cp == '\f' || cp == '\v' || cp == 0x2028 || cp == 0x2029) {
      return true;
    } else if (cp == '\t') {
      out.push_back('\t');
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
  return false;
}

void clean_chars(std::string_view s, std::string& out) {
  std::size_t i = 0;
  while (clean_line(s, i, out)) out.push_back('\n');
}

std::string_view strip_trailing_space(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
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

}  // namespace

namespace detail {

void TextBuilder::reserve(std::size_t text_bytes, std::size_t lines) {
  doc_.text.reserve(text_bytes);
  doc_.lines.reserve(lines);
}

// Each line of `text` is cleaned straight into the document's text, after the line breaks it
// needs if it is kept; a blank one is taken back. So a long line is never held twice.
void TextBuilder::add(std::string_view text, const LineHint& hint) {
  std::string& out = doc_.text;
  std::size_t i = 0;
  bool more = true;
  while (more) {
    const std::size_t mark = out.size();
    if (blank_pending_) {
      out += "\n\n";  // ends the line before and the pending blank line
    } else if (!doc_.lines.empty()) {
      out.push_back('\n');
    }
    const std::size_t start = out.size();
    more = clean_line(text, i, out);
    out.resize(start + strip_trailing_space(std::string_view(out).substr(start)).size());
    if (out.size() == start) {
      out.resize(mark);
      // A blank line only separates; it keeps the page but claims no structure. It is written
      // when a line follows, so runs collapse to one and none ends the text.
      if (!doc_.lines.empty() && !blank_pending_) {
        blank_pending_ = true;
        blank_page_ = hint.page;
      }
      continue;
    }
    if (blank_pending_) {
      LineHint blank;
      blank.page = blank_page_;
      doc_.lines.push_back(blank);
      blank_pending_ = false;
    }
    doc_.lines.push_back(hint);
  }
}

Document TextBuilder::finish(FileType type, int pages, std::vector<std::string> links) {
  Document doc = std::move(doc_);
  doc_ = Document();
  blank_pending_ = false;
  doc.type = type;
  doc.pages = pages;
  // An empty text is still one (empty) line when split on '\n'.
  if (doc.lines.empty()) doc.lines.emplace_back();

  std::unordered_set<std::string> seen;
  for (auto& link : links) {
    std::string cleaned;
    clean_chars(link, cleaned);
    std::string target = trim(cleaned);
    if (!target.empty() && target.size() <= 2048 &&
        target.find_first_of(" \t\n") == std::string::npos && safe_link(target) &&
        seen.insert(target).second) {
      doc.links.push_back(std::move(target));
    }
  }
  return doc;
}

}  // namespace detail

namespace {

// PDF lines into the builder; each raw line is freed once it is in the text.
Document assemble(FileType type, detail::Extracted&& raw) {
  std::size_t size = 0;
  for (const auto& line : raw.lines) size += line.text.size() + 1;
  detail::TextBuilder builder;
  builder.reserve(size, raw.lines.size());
  for (auto& line : raw.lines) {
    builder.add(line.text, line.hint);
    std::string().swap(line.text);
  }
  return builder.finish(type, raw.pages, std::move(raw.links));
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
  try {
    Document doc;
    switch (type) {
      case FileType::Pdf:
        doc = assemble(type, detail::extract_pdf(bytes, limits, deadline));
        break;
      case FileType::Docx: {
        detail::TextBuilder builder;
        std::vector<std::string> links = detail::extract_docx(bytes, limits, deadline, builder);
        doc = builder.finish(type, 0, std::move(links));
        break;
      }
      case FileType::Txt:
      case FileType::Md: {
        detail::TextBuilder builder;
        detail::extract_plain(bytes, type == FileType::Md, builder);
        doc = builder.finish(type, 0, {});
        break;
      }
    }
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
