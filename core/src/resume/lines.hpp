// The document as a list of lines with what the parser needs to know about each one: the text
// without its list marker, indentation, layout hints, and whether it is blank or an underline.
#pragma once

#include <aligncv/document.hpp>

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::resume::detail {

struct Line {
  int number = 0;         // 1-based line of the document text
  std::string_view raw;   // the whole line as in the text
  std::string_view text;  // trimmed, list marker removed
  text::LineHint hint;
  int indent = 0;  // leading blank columns (a tab counts 4)
  bool blank = true;
  bool bullet = false;     // a list item: explicit marker or the document's list hint
  bool marker = false;     // an explicit marker character (•, -, *, 1., …) was removed
  bool underline = false;  // only '=', '-', '_', '~' or box-drawing rules (three or more)
  std::size_t tail = 0;    // characters of the last printed line (the text may join several)
};

// Splits `document.text` on '\n'; hints are taken by index (missing hints default). Lines that a
// narrow sidebar wrapped are joined back (a line keeps the number of its first part), their text
// kept in `storage`. Views point into document.text or storage, which must outlive the result.
// `widths` receives the longest body line (characters) of the main column and of the sidebar, as
// printed, before any joining.
struct ColumnWidths {
  std::size_t main = 0;
  std::size_t side = 0;
};
std::vector<Line> split_lines(const text::Document& document, std::deque<std::string>& storage,
                              ColumnWidths* widths = nullptr);

// Characters of the first thing on a line a renderer would not break: a date range at its start
// (set without breaks) or the first word.
std::size_t first_unit(std::string_view t);
// A line that cannot end a phrase: a trailing comma, '&', '/', dash or joining word ("of").
bool ends_open(std::string_view t);

// Length of a list marker at the start of s (after leading blanks), including the blank after it;
// 0 when s does not start with one.
std::size_t list_marker_length(std::string_view s);

}  // namespace aligncv::resume::detail
