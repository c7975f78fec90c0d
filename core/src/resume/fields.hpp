// The field parsers: each reads its sections' lines and fills its part of the profile, with the
// line every value came from.
#pragma once

#include "resume/lines.hpp"
#include "resume/sections.hpp"

#include <aligncv/resume.hpp>
#include <aligncv/taxonomy.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace aligncv::resume::detail {

struct Context {
  const text::Document& document;
  const std::vector<Line>& lines;
  const taxonomy::Taxonomy& taxonomy;
  Profile& profile;
  // Index of the line the headline came from (not a location candidate), -1 when none.
  int label_line = -1;
  // Dates as written, for the DATE entities.
  std::vector<std::string> date_texts;
  // Longest line (characters) of the main column and of the sidebar: the width a renderer wrapped
  // lines at, for telling wrapped lines from deliberate breaks.
  std::size_t main_width = 0;
  std::size_t side_width = 0;
  // Memo of title_score_with for this document.
  std::unordered_map<std::string, int> title_scores;

  void evidence(const std::string& pointer, int line_number) {
    if (line_number > 0) profile.evidence[pointer] = line_number;
  }
};

// Text of the region's content lines joined with single blanks (inline heading content first).
std::string region_text(const Context& ctx, const Region& region);

void parse_contact(Context& ctx, const std::vector<Region>& regions);
void parse_summary(Context& ctx, const std::vector<Region>& regions);
void parse_work(Context& ctx, const Region& region);
void parse_education(Context& ctx, const Region& region);
void parse_skills(Context& ctx, const Region& region);
void parse_projects(Context& ctx, const Region& region);
void parse_certificates(Context& ctx, const Region& region);
void parse_languages(Context& ctx, const Region& region);
void parse_awards(Context& ctx, const Region& region);

// A job title's score including the taxonomy's titles.
int title_score_with(Context& ctx, std::string_view s);
// Splits "Bachelor of Arts in Psychology" into study type and area.
void split_degree(std::string_view degree, std::optional<std::string>& study_type,
                  std::optional<std::string>& area);
// Comma-separated pieces of s ("BSc Physics, University of Oslo"), trimmed, empty ones dropped.
std::vector<std::string> comma_pieces(std::string_view s);
// Cuts a place written after a name ("Acme Corp, Austin, TX" -> "Acme Corp") and returns it.
std::optional<std::string> split_trailing_place(std::string& name);
// Items of a list written on one line or several: "A, B; C | D · E".
std::vector<std::string> split_items(std::string_view text);

}  // namespace aligncv::resume::detail
