// Section detection: headings in their many written forms (and layout hints), column changes,
// and sections inferred from content where a résumé has no heading.
#pragma once

#include "resume/lines.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::resume::detail {

enum class SectionKind {
  Contact,
  Summary,
  Experience,
  Education,
  Skills,
  Projects,
  Certifications,
  Languages,
  Awards,
  Other,
};

const char* section_name(SectionKind kind);

// The family of a heading's text ("Work History" -> Experience), ignoring case, decorations and a
// trailing colon; nullopt when the text is not a known heading.
std::optional<SectionKind> classify_heading(std::string_view text);
// Words such as "Software" or "Tools" that are headings only when styled as one.
bool is_weak_heading(std::string_view text);

struct Region {
  SectionKind kind = SectionKind::Other;
  std::optional<std::string> heading;  // as written, nullopt when inferred
  int heading_line = -1;               // index into the lines, -1 when inferred
  int begin = 0;                       // content lines [begin, end) as indices into the lines
  int end = 0;
  // "Skills: Python, Go": the heading's line also carries content after this byte offset of
  // Line::text (npos when it does not).
  std::size_t inline_from = std::string_view::npos;
};

// Every section of the document in document order. Lines that belong to no section (blank lines
// between sections) are outside every region.
std::vector<Region> find_sections(const std::vector<Line>& lines);

// Helpers shared with the field parsers.
bool looks_like_prose(std::string_view text);         // a sentence rather than a label or header
bool looks_like_contact_line(std::string_view text);  // e-mail, phone, URL or a contact label

}  // namespace aligncv::resume::detail
