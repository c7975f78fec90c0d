// Reading order for one PDF page, from word boxes alone: words become lines by baseline, and a
// page with a vertical gutter becomes header, main column, sidebar, footer.
#pragma once

#include <string>
#include <vector>

namespace aligncv::text::detail {

struct Word {
  std::string text;                                 // UTF-8
  double left = 0, top = 0, right = 0, bottom = 0;  // points, y grows downwards
  double font_size = 0;                             // 0 when the PDF gave none
  bool bold = false;
  bool space_after = false;  // the PDF put a space after this word
};

struct LaidOutLine {
  std::string text;         // words joined by ' ', a gap wider than 2 em becomes '\t'
  double font_size = 0;     // the size most of the line's characters have
  bool bold = false;        // every word with a letter or digit is bold
  bool sidebar = false;     // from the narrower column of a two-column region
  bool gap_before = false;  // a paragraph gap (or a change of column) precedes the line
};

// Lines of one page in reading order. Columns: a gutter that no word crosses over at least half
// the text height, with three or more lines on each side, splits the page; the wider side is
// read first, then the narrower one (marked `sidebar` when clearly narrower). Words above the
// columns (a full-width header, or a name block that sits over only one column) come first.
std::vector<LaidOutLine> lay_out_page(const std::vector<Word>& words);

}  // namespace aligncv::text::detail
