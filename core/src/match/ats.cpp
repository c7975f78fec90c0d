// The ATS check: one résumé against one posting, the way an applicant-tracking system reads it.
#include <aligncv/match.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <unordered_map>

#include "common/text.hpp"
#include "match/terms.hpp"

namespace aligncv::match {

namespace {

constexpr std::size_t kKeywords = 30;

// Words every posting uses; they say nothing about this one.
bool is_posting_filler(const std::string& t) {
  static const std::set<std::string> kFiller = {
      "experience", "team",   "work",   "role",      "job",     "year",     "candidate", "ability",
      "strong",     "skill",  "good",   "excellent", "including", "require", "required", "requirement",
      "preferred",  "plus",   "nice",   "bonus",     "new",     "help",     "join",      "opportunity",
      "looking",    "position", "responsibility", "qualification", "knowledge", "understanding", "apply",
      "benefit",    "salary", "equal",  "employer",  "environment", "day",  "daily",     "across",
      "ensure",     "etc",    "based",  "related",   "least",   "minimum",  "degree",    "bachelor",
      "master",     "field",  "high",   "level",     "senior",  "junior",   "lead",      "full-time",
      "part-time",  "time",   "per",    "hour",      "week",    "month",    "remote",    "office"};
  return kFiller.count(t) > 0;
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

AtsReport ats_report(const resume::ParseResult& parsed, std::string_view resume_text, const Job& job,
                     const taxonomy::Taxonomy& taxonomy) {
  AtsReport r;
  const resume::Profile& p = parsed.profile;

  // Skills: what the parser found, and any canonical skill the text names anywhere.
  std::set<std::string> held(parsed.skills.begin(), parsed.skills.end());
  for (const auto& m : taxonomy.find_skills(resume_text)) held.insert(m.canonical);
  std::size_t required_shown = 0;
  for (const auto& s : job.required_skills) {
    if (held.count(s)) {
      r.matched_skills.push_back(s);
      ++required_shown;
    } else {
      r.missing_skills.push_back(s);
    }
  }
  for (const auto& s : job.preferred_skills) {
    (held.count(s) ? r.matched_skills : r.missing_skills).push_back(s);
  }
  const double required_coverage =
      job.required_skills.empty() ? 100.0 : 100.0 * required_shown / static_cast<double>(job.required_skills.size());

  // Keywords: the posting's most frequent telling words (title words count three times).
  std::unordered_map<std::string, double> weight;
  std::vector<std::string> order;
  auto add = [&](std::string_view text, double w) {
    for (auto& t : terms_of(text)) {
      if (is_posting_filler(t)) continue;
      if (weight.emplace(t, 0).second) order.push_back(t);
      weight[t] += w;
    }
  };
  add(job.title, 3);
  for (const auto& s : job.required_skills) add(s, 2);
  for (const auto& s : job.preferred_skills) add(s, 1);
  add(job.description.value_or(""), 1);
  // Longer words are rarer, so they break ties between equally frequent ones.
  std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
    const double wa = weight[a] + 0.01 * std::min<std::size_t>(a.size(), 12);
    const double wb = weight[b] + 0.01 * std::min<std::size_t>(b.size(), 12);
    return wa > wb;
  });
  if (order.size() > kKeywords) order.resize(kKeywords);
  const auto resume_terms = terms_of(resume_text);
  const std::set<std::string> resume_set(resume_terms.begin(), resume_terms.end());
  std::size_t found = 0;
  for (const auto& t : order) {
    if (resume_set.count(t)) {
      ++found;
    } else {
      r.missing_keywords.push_back(t);
    }
  }
  r.keyword_coverage = order.empty() ? 100.0 : std::round(1000.0 * found / order.size()) / 10.0;

  // Section checks.
  auto check = [&](std::string name, std::string status, std::string detail) {
    r.section_checks.push_back({std::move(name), std::move(status), std::move(detail)});
  };
  const bool email = p.basics.email.has_value(), phone = p.basics.phone.has_value();
  check("contact", email && phone ? "pass" : (email || phone) ? "warn" : "fail",
        email && phone ? "E-mail and phone found"
        : email        ? "No phone number found"
        : phone        ? "No e-mail address found"
                       : "No e-mail address or phone number found");
  check("summary", p.basics.summary ? "pass" : "warn", p.basics.summary ? "Summary found" : "No summary found");
  const bool dated = std::any_of(p.work.begin(), p.work.end(), [](const resume::Work& w) { return w.startDate.has_value(); });
  check("experience", p.work.empty() ? "fail" : dated ? "pass" : "warn",
        p.work.empty() ? "No work history found"
        : dated        ? "Work history with dates found"
                       : "Work history found, but without dates");
  check("education", p.education.empty() ? "warn" : "pass", p.education.empty() ? "No education found" : "Education found");
  check("skills", !p.skills.empty() ? "pass" : held.empty() ? "fail" : "warn",
        !p.skills.empty() ? "Skills section found"
        : held.empty()    ? "No skills found"
                          : "Skills are named, but there is no skills section");
  const std::size_t words = terms_of(resume_text).size();
  check("length", words >= 150 && words <= 1200 ? "pass" : words >= 80 && words <= 2000 ? "warn" : "fail",
        std::to_string(words) + " words");
  std::size_t bullets = 0, quantified = 0;
  std::vector<std::string> plain;
  for (const auto& w : p.work) {
    for (const auto& h : w.highlights) {
      ++bullets;
      if (has_digit(h)) {
        ++quantified;
      } else if (plain.size() < 2) {
        plain.push_back(h);
      }
    }
  }
  check("quantified_achievements",
        bullets == 0 ? "fail" : quantified * 2 >= bullets ? "pass" : quantified > 0 ? "warn" : "fail",
        std::to_string(quantified) + " of " + std::to_string(bullets) + " bullets contain a number");
  std::size_t passed = 0;
  for (const auto& c : r.section_checks) passed += c.status == "pass" ? 1 : 0;
  const double passed_share = 100.0 * passed / static_cast<double>(r.section_checks.size());

  r.score = static_cast<int>(std::lround(0.5 * required_coverage + 0.3 * r.keyword_coverage + 0.2 * passed_share));

  // Suggestions: honest ones only: never claim a skill, point at where a figure would help.
  std::size_t named = 0;
  for (const auto& s : job.required_skills) {
    if (held.count(s) || named == 3) continue;
    r.suggestions.push_back("Mention " + s + " only if you have used it; it is a required skill.");
    ++named;
  }
  for (const auto& h : plain) {
    r.suggestions.push_back("Add a figure to bullets such as '" + utf8_prefix(h, 80) +
                            "' (for example time saved, volume or growth).");
  }
  if (!p.basics.summary) r.suggestions.push_back("Add a two- or three-line summary that names the role you want.");
  if (!r.missing_keywords.empty() && r.keyword_coverage < 60) {
    std::string list;
    for (std::size_t i = 0; i < std::min<std::size_t>(5, r.missing_keywords.size()); ++i) {
      list += (i ? ", " : "") + r.missing_keywords[i];
    }
    r.suggestions.push_back("Where true, use the posting's own words: " + list + ".");
  }
  return r;
}

Json to_json(const AtsReport& report) {
  Json checks = Json::array();
  for (const auto& c : report.section_checks) {
    checks.push_back({{"check", c.check}, {"status", c.status}, {"detail", c.detail}});
  }
  return {{"score", report.score},
          {"matched_skills", report.matched_skills},
          {"missing_skills", report.missing_skills},
          {"keyword_coverage", report.keyword_coverage},
          {"missing_keywords", report.missing_keywords},
          {"section_checks", std::move(checks)},
          {"suggestions", report.suggestions}};
}

}  // namespace aligncv::match
