// Plain text and Markdown: UTF-8 only (a BOM is allowed), any line ending. Hints: list items
// from bullet or number markers, headings from "====" / "----" underlines, and for Markdown also
// from "#" marks.
#include "text/internal.hpp"

#include "common/text.hpp"

#include <algorithm>
#include <cctype>

namespace aligncv::text::detail {

namespace {

// "# Title" .. "###### Title" (at most three spaces of indent, a space after the marks).
int markdown_heading_level(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  std::size_t marks = 0;
  while (i + marks < line.size() && line[i + marks] == '#') ++marks;
  if (marks == 0 || marks > 6) return 0;
  std::size_t after = i + marks;
  if (after < line.size() && line[after] != ' ' && line[after] != '\t') return 0;
  return static_cast<int>(marks);
}

// A setext underline ("====" under a level-1 heading, "----" under a level 2).
int setext_level(std::string_view line) {
  std::string t = trim(line);
  if (t.size() < 2) return 0;
  char c = t[0];
  if (c != '=' && c != '-') return 0;
  for (char x : t) {
    if (x != c) return 0;
  }
  return c == '=' ? 1 : 2;
}

// "1. item" or "1) item".
bool starts_with_number_marker(std::string_view line) {
  std::string t = trim(line);
  std::size_t i = 0;
  while (i < t.size() && i < 9 && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  return i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ';
}

}  // namespace

void extract_plain(std::string_view bytes, bool markdown, TextBuilder& out) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // NUL is valid UTF-8 but never text; a UTF-16 file read as bytes is full of them.
  if (bytes.find('\0') != std::string_view::npos || !is_valid_utf8(bytes)) fail(kTextNotUtf8);
  // Cleaning never lengthens valid UTF-8, so the input's size bounds the text.
  out.reserve(bytes.size(),
              static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1);

  // Lines are views into `bytes`. A line's hint is final only once the next line is seen (a
  // setext underline marks the line above it), so each line goes out one line late.
  std::string_view previous;
  LineHint previous_hint;
  bool has_previous = false;
  auto take = [&](std::string_view line) {
    LineHint hint;
    hint.list_item = starts_with_bullet(line) || starts_with_number_marker(line);
    if (int level = markdown ? markdown_heading_level(line) : 0) {
      hint.heading_level = level;
      hint.list_item = false;
    } else if (has_previous && !trim(previous).empty() && previous_hint.heading_level == 0 &&
               !previous_hint.list_item) {
      // The underline ("====" or "----", in plain text as in Markdown) marks the line above
      // it; the underline itself stays body text.
      if (int level = setext_level(line)) {
        previous_hint.heading_level = level;
        hint.list_item = false;
      }
    }
    if (has_previous) out.add(previous, previous_hint);
    previous = line;
    previous_hint = hint;
    has_previous = true;
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (c == '\r' || c == '\n') {
      take(bytes.substr(start, i - start));
      if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  take(bytes.substr(start));
  out.add(previous, previous_hint);
}

}  // namespace aligncv::text::detail
