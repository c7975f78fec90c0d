// Names of the enumerations, their parsing, the Source, and the §5 JSON of each result.
#include <aligncv/error.hpp>

#include <cmath>

#include "common/text.hpp"
#include "rewrite/internal.hpp"

namespace aligncv::rewrite {

namespace {

constexpr const char* kStyles[] = {"Technical", "Management", "Creative", "Sales", "Academic", "Executive"};
constexpr const char* kLevels[] = {"conservative", "moderate", "aggressive"};
constexpr const char* kTones[] = {"professional", "enthusiastic", "concise"};

[[noreturn]] void literal_error(const char* field, std::string_view input, const char* const* names,
                                std::size_t count) {
  std::string expected;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) expected += i + 1 == count ? " or " : ", ";
    expected += "'" + std::string(names[i]) + "'";
  }
  FieldIssue issue;
  issue.type = "literal_error";
  issue.loc = Json::array({"body", field});
  issue.msg = "Input should be " + expected;
  issue.input = std::string(input);
  issue.ctx = {{"expected", expected}};
  throw Error::validation({issue});
}

Json status_json(Json j, const Status& s) {
  j["latency"] = std::round(s.latency * 100) / 100;
  j["api_status"] = s.api_status;
  j["warning"] = s.warning ? Json(*s.warning) : Json(nullptr);
  return j;
}

}  // namespace

const char* style_name(Style style) { return kStyles[static_cast<int>(style)]; }
const char* level_name(Level level) { return kLevels[static_cast<int>(level)]; }
const char* tone_name(Tone tone) { return kTones[static_cast<int>(tone)]; }

Style parse_style(std::string_view name) {
  const std::string t = trim(name);
  for (int i = 0; i < 6; ++i) {
    if (iequals_ascii(t, kStyles[i])) return static_cast<Style>(i);
  }
  literal_error("rewrite_style", name, kStyles, 6);
}

Tone parse_tone(std::string_view name) {
  const std::string t = trim(name);
  for (int i = 0; i < 3; ++i) {
    if (iequals_ascii(t, kTones[i])) return static_cast<Tone>(i);
  }
  literal_error("tone", name, kTones, 3);
}

Level parse_level(std::string_view name) {
  const std::string t = trim(name);
  for (int i = 0; i < 3; ++i) {
    if (iequals_ascii(t, kLevels[i])) return static_cast<Level>(i);
  }
  throw Error(ErrorCode::InvalidArgument,
              "Invalid tailoring level. Must be one of: conservative, moderate, aggressive");
}

const char* issue_name(Issue issue) {
  switch (issue) {
    case Issue::WeakOpener: return "weak_opener";
    case Issue::FirstPerson: return "first_person";
    case Issue::PassiveVoice: return "passive_voice";
    case Issue::NoFigure: return "no_figure";
    case Issue::TooLong: return "too_long";
    case Issue::TenseInconsistent: return "tense_inconsistent";
    case Issue::RepeatedVerb: return "repeated_verb";
  }
  return "unknown";
}

Source make_source(std::string text, const taxonomy::Taxonomy& taxonomy) {
  Source s;
  s.text = std::move(text);
  text::Document doc;
  doc.text = s.text;
  s.parsed = resume::parse(doc, taxonomy);
  return s;
}

Json to_json(const RewriteResult& r) {
  return status_json({{"original_text", r.original_text},
                      {"rewritten_text", r.rewritten_text},
                      {"diff_html", r.diff_html},
                      {"improvements", r.improvements},
                      {"suggestions", r.suggestions},
                      {"impact_score", r.impact_score},
                      {"style", style_name(r.style)}},
                     r.status);
}

Json to_json(const TailorResult& r) {
  Json reqs = Json::array();
  for (const Requirement& q : r.requirements) {
    reqs.push_back({{"requirement", q.requirement},
                    {"required", q.required},
                    {"line", q.line ? Json(*q.line) : Json(nullptr)},
                    {"text", q.text ? Json(*q.text) : Json(nullptr)}});
  }
  return status_json({{"tailored_resume", r.tailored_resume},
                      {"original_resume", r.original_resume},
                      {"match_score", r.match_score},
                      {"match_score_before", r.match_score_before},
                      {"missing_skills", r.missing_skills},
                      {"keyword_suggestions", r.keyword_suggestions},
                      {"changes_made", r.changes_made},
                      {"priority_improvements", r.priority_improvements},
                      {"requirements", std::move(reqs)},
                      {"tailoring_level", level_name(r.level)},
                      {"diff_html", r.diff_html}},
                     r.status);
}

Json to_json(const CoverLetter& l) {
  return status_json({{"job_id", l.job_id ? Json(*l.job_id) : Json(nullptr)},
                      {"text", l.text},
                      {"tone", tone_name(l.tone)},
                      {"word_count", l.word_count}},
                     l.status);
}

Json to_json(const LinkedInProfile& p) {
  return status_json({{"headline", p.headline}, {"about", p.about}, {"target_role", p.target_role}},
                     p.status);
}

}  // namespace aligncv::rewrite
