// Deterministic scorers of a rewrite or tailoring output against its source résumé, shared by
// rewrite_eval (the figures in docs/accuracy.md) and tests/rewrite_eval_scorers_test.cpp (which
// proves that each one fires on a known-bad output).
#pragma once

#include <aligncv/match.hpp>
#include <aligncv/resume.hpp>
#include <aligncv/rewrite.hpp>
#include <aligncv/taxonomy.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::eval {

// Sections of `before` (by name) missing from `after`; empty = every section preserved.
inline std::vector<std::string> lost_sections(const rewrite::Source& before, const rewrite::Source& after) {
  std::set<std::string> kept;
  for (const auto& s : after.parsed.sections) kept.insert(s.name);
  std::vector<std::string> lost;
  for (const auto& s : before.parsed.sections) {
    if (!kept.count(s.name) && std::find(lost.begin(), lost.end(), s.name) == lost.end()) lost.push_back(s.name);
  }
  return lost;
}

// Employers, titles, dates, degrees, certifications and skills `output` names that the source
// does not (the fabrication guard of the rewrite area).
inline std::vector<rewrite::Fabrication> fabricated(const rewrite::Source& source, std::string_view output,
                                                    const taxonomy::Taxonomy& taxonomy,
                                                    const rewrite::GuardOptions& options = {}) {
  return rewrite::check_fabrication(source, output, taxonomy, options);
}

// Which of name, e-mail and phone the parser reads differently after the rewrite.
inline std::vector<std::string> changed_personal_details(const rewrite::Source& before, const rewrite::Source& after) {
  const auto& a = before.parsed.profile.basics;
  const auto& b = after.parsed.profile.basics;
  std::vector<std::string> changed;
  if (a.name != b.name) changed.push_back("name");
  if (a.email != b.email) changed.push_back("email");
  if (a.phone != b.phone) changed.push_back("phone");
  return changed;
}

// keyword_coverage (0..100) of the ATS report of `text` against `job`.
inline double keyword_coverage(const rewrite::Source& text, const match::Job& job, const taxonomy::Taxonomy& taxonomy) {
  return match::ats_report(text.parsed, text.text, job, taxonomy).keyword_coverage;
}

// Bullets that open with a weak opener ("Responsible for", "Helped", "Worked on", ...).
inline int weak_openers(const rewrite::Source& text) {
  int n = 0;
  for (const auto& bullet : rewrite::analyze_bullets(text)) {
    n += std::count(bullet.issues.begin(), bullet.issues.end(), rewrite::Issue::WeakOpener) > 0 ? 1 : 0;
  }
  return n;
}

}  // namespace aligncv::eval
