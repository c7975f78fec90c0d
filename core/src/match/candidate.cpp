// A résumé as a match query: its skills with the line that shows each, titles, experience.
#include <aligncv/match.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "common/text.hpp"
#include "match/scoring.hpp"

namespace aligncv::match {

Candidate make_candidate(const resume::ParseResult& parsed, std::string_view text,
                         const taxonomy::Taxonomy& taxonomy) {
  Candidate c;
  c.text = std::string(text);
  const resume::Profile& profile = parsed.profile;

  // Line starts, to turn a mention's byte offset into the 1-based line the contract shows.
  std::vector<std::size_t> line_starts = {0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts.push_back(i + 1);
  }
  auto line_of = [&](std::size_t offset) {
    return static_cast<int>(std::upper_bound(line_starts.begin(), line_starts.end(), offset) - line_starts.begin());
  };
  auto line_text = [&](int line) {
    const std::size_t begin = line_starts[static_cast<std::size_t>(line - 1)];
    const std::size_t end = static_cast<std::size_t>(line) < line_starts.size()
                                ? line_starts[static_cast<std::size_t>(line)] - 1
                                : text.size();
    return utf8_prefix(trim(text.substr(begin, end - begin)), 300);
  };
  // The parser decided which skills the résumé has; the scan only finds where each shows.
  const std::set<std::string> held(parsed.skills.begin(), parsed.skills.end());
  std::set<std::string> placed;
  for (const auto& m : taxonomy.find_skills(text, {true})) {
    if (!held.count(m.canonical) || !placed.insert(m.canonical).second) continue;
    const int line = line_of(m.begin);
    c.skills.push_back({m.canonical, line, line_text(line)});
  }
  for (const auto& s : parsed.skills) {
    if (!placed.count(s)) c.skills.push_back({s, 0, ""});
  }

  c.titles = parsed.roles;
  for (const auto& w : profile.work) {
    if (!w.position.empty()) c.positions.push_back(w.position);
  }
  if (c.positions.empty() && profile.basics.label) c.positions.push_back(*profile.basics.label);
  c.experience_known = profile.experience_months > 0;
  c.experience_years = profile.experience_months / 12.0;
  for (const auto& e : profile.education) {
    c.education_level = std::max(c.education_level, scoring::education_level(e.studyType.value_or("")));
  }
  c.location = profile.basics.location.city;
  return c;
}

Json to_json(const Hit& hit) {
  const Job& job = *hit.job;
  auto number = [](const std::optional<double>& v) -> Json {
    if (!v) return nullptr;
    return std::round(*v * 100.0) / 100.0;
  };
  Json j = to_json(job, true);
  const double semantic = hit.components.semantic.value_or(0);
  const double skills = hit.components.skills.value_or(0);
  j["vector_score"] = std::round(semantic * 100.0) / 100.0;
  j["skill_score"] = std::round(skills * 100.0) / 100.0;
  j["combined_score"] = hit.combined_score;
  j["fit_percentage"] = static_cast<int>(std::lround(hit.combined_score));
  j["match_score"] = std::round(hit.combined_score) / 100.0;
  Json matched_names = Json::array(), gap = Json::array(), matched = Json::array();
  for (const auto& m : hit.matched) {
    if (!m.via) matched_names.push_back(m.skill);
    Json item = {{"skill", m.skill}, {"required", m.required}, {"line", m.line ? Json(m.line) : Json(nullptr)},
                 {"text", m.text}};
    if (m.via) item["via"] = *m.via;
    matched.push_back(std::move(item));
  }
  for (const auto& s : hit.missing_required) gap.push_back(s);
  for (const auto& s : hit.missing_preferred) gap.push_back(s);
  j["matched_skills"] = std::move(matched_names);
  j["gap_skills"] = std::move(gap);
  j["salary_range"] = salary_range(job);
  j["job_type"] = job_type_display(job.employment_type);
  if (!j.contains("description") || j["description"].is_null()) j["description"] = "";
  Json components = {{"skills", number(hit.components.skills)},       {"semantic", number(hit.components.semantic)},
                     {"title", number(hit.components.title)},         {"seniority", number(hit.components.seniority)},
                     {"education", number(hit.components.education)}, {"location", number(hit.components.location)},
                     {"salary", number(hit.components.salary)}};
  j["explanation"] = {
      {"summary", hit.summary},
      {"matched", std::move(matched)},
      {"missing_required", hit.missing_required},
      {"missing_preferred", hit.missing_preferred},
      {"experience",
       {{"resume_years", hit.resume_years ? Json(*hit.resume_years) : Json(nullptr)},
        {"level", job.experience_level ? Json(*job.experience_level) : Json(nullptr)},
        {"fit", hit.experience_fit}}},
      {"components", std::move(components)},
      {"weights", hit.weights},
      {"query_terms_matched", hit.query_terms_matched},
      {"query_boost", hit.query_boost}};
  return j;
}

}  // namespace aligncv::match
