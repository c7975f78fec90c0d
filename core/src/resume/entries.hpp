// Dated entries of a section (jobs, degrees, projects): which lines form each entry's header,
// the header's parts, its dates and its bullet points. Layout-independent: the header may be
// before, on or after the date line, and the résumé's first entry sets the pattern for the rest.
#pragma once

#include "resume/dates.hpp"
#include "resume/lines.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::resume::detail {

struct Piece {
  std::string text;
  int line = 0;  // 1-based document line
};

enum class PartSource { Before, DateLine, After };

struct HeaderPart {
  std::string text;
  int line = 0;
  PartSource source = PartSource::DateLine;
  int group = 0;  // parts that came from one line share a group
};

struct Entry {
  std::vector<HeaderPart> parts;
  int at_title = -1;  // "Title at Company": index of the title part; the company part follows it
  std::optional<DateMatch> dates;
  std::string date_text;  // the dates as written
  int date_line = 0;
  std::vector<Piece> highlights;
};

struct EntryOptions {
  bool single_dates = false;                  // a lone date ("2016") may date an entry (education)
  text::FileType type = text::FileType::Txt;  // PDF lines may be wrapped by the renderer
  std::size_t main_width = 0;                 // longest line of the main column / the sidebar
  std::size_t side_width = 0;
};

// Entries of the content lines [begin, end). `preamble` receives header-like lines before the
// first entry (a company that groups several roles, for instance).
std::vector<Entry> split_entries(const std::vector<Line>& lines, int begin, int end,
                                 const EntryOptions& options,
                                 std::vector<Piece>* preamble = nullptr);

// Splits a header on strong separators: | · • ▪ tabs, runs of blanks, spaced dashes.
std::vector<std::string> split_parts(std::string_view text);
// Trims blanks and separator punctuation (, ; : | dashes bullets, unbalanced brackets).
std::string_view trim_separators(std::string_view s);
// Position of " at " / " @ " joining a title and a company in s, or npos.
std::size_t at_split(std::string_view s);

}  // namespace aligncv::resume::detail
