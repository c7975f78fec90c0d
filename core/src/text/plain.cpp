// Plain text and Markdown: UTF-8 only (a BOM is allowed), any line ending. Hints: list items
// from bullet or number markers, headings from "====" / "----" underlines, and for Markdown also
// from "#" marks.
#include "text/internal.hpp"

#include "common/text.hpp"

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

Extracted extract_plain(std::string_view bytes, bool markdown) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // NUL is valid UTF-8 but never text; a UTF-16 file read as bytes is full of them.
  if (bytes.find('\0') != std::string_view::npos || !is_valid_utf8(bytes)) fail(kTextNotUtf8);

  Extracted out;
  std::string current;
  auto flush = [&] {
    out.lines.push_back(Line{std::move(current), {}});
    current.clear();
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (c == '\r') {
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      flush();
    } else if (c == '\n') {
      flush();
    } else {
      current.push_back(c);
    }
  }
  flush();

  for (std::size_t i = 0; i < out.lines.size(); ++i) {
    auto& line = out.lines[i];
    bool is_list = starts_with_bullet(line.text) || starts_with_number_marker(line.text);
    line.hint.list_item = is_list;
    if (int level = markdown ? markdown_heading_level(line.text) : 0) {
      line.hint.heading_level = level;
      line.hint.list_item = false;
    } else if (i > 0 && !trim(out.lines[i - 1].text).empty() &&
               out.lines[i - 1].hint.heading_level == 0 && !out.lines[i - 1].hint.list_item) {
      // The underline ("====" or "----", in plain text as in Markdown) marks the line above
      // it; the underline itself stays body text.
      if (int level = setext_level(line.text)) {
        out.lines[i - 1].hint.heading_level = level;
        line.hint.list_item = false;
      }
    }
  }
  return out;
}

}  // namespace aligncv::text::detail
