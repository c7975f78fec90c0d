// Résumé text to a structured, JSON-Resume-shaped profile, with the line each field came from.
#pragma once

#include <aligncv/document.hpp>
#include <aligncv/json.hpp>
#include <aligncv/taxonomy.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aligncv::resume {

// Dates are "YYYY", "YYYY-MM" or "YYYY-MM-DD" as far as the document tells.
struct Location {
  std::optional<std::string> city, region, countryCode;
};
struct SocialProfile {
  std::string network;  // "LinkedIn", "GitHub", ...
  std::string username;
  std::string url;
};
struct Basics {
  std::optional<std::string> name, label, email, phone, url, summary;
  Location location;
  std::vector<SocialProfile> profiles;
};
struct Work {
  std::string name;      // company
  std::string position;
  std::optional<std::string> location;
  std::optional<std::string> startDate;
  std::optional<std::string> endDate;  // nullopt = present (or unknown when startDate is unset)
  std::vector<std::string> highlights;
};
struct Education {
  std::string institution;
  std::optional<std::string> area, studyType, startDate, endDate, score;
};
struct SkillGroup {
  std::string name;                   // the group label as written ("Languages"), or "Skills"
  std::vector<std::string> keywords;  // as written in the document, in document order
};
struct Project {
  std::string name;
  std::optional<std::string> description, url, startDate, endDate;
  std::vector<std::string> highlights;
};
struct Certificate {
  std::string name;
  std::optional<std::string> issuer, date, url;
};
struct Language {
  std::string language;
  std::optional<std::string> fluency;
};
struct Award {
  std::string title;
  std::optional<std::string> awarder, date, summary;
};

struct Profile {
  Basics basics;
  std::vector<Work> work;
  std::vector<Education> education;
  std::vector<SkillGroup> skills;
  std::vector<Project> projects;
  std::vector<Certificate> certificates;
  std::vector<Language> languages;
  std::vector<Award> awards;
  int experience_months = 0;  // union of work periods (overlaps merged), up to the reference month
  // JSON Pointer into the profile ("/work/0/name") -> 1-based line of the text it came from.
  std::map<std::string, int> evidence;
};
// The contract's profile object (api-v2.md §3.1): null for absent optional values.
Json to_json(const Profile& profile);
// A JSON Resume v1.0.0 document (no evidence, no experience_months, null keys omitted).
Json to_json_resume(const Profile& profile);

struct Section {
  std::string name;                    // contact, summary, experience, education, skills, projects,
                                       // certifications, languages, awards, other
  std::optional<std::string> heading;  // as written; nullopt when the section was inferred
  int start_line = 0;                  // 1-based, inclusive
  int end_line = 0;
};

struct ParseResult {
  Profile profile;
  std::vector<Section> sections;
  std::vector<std::string> skills;  // canonical taxonomy names, de-duplicated, sorted
  std::vector<std::string> roles;   // canonical job titles, sorted
  // PERSON, ORG, GPE, DATE, EMAIL, PHONE, URL -> de-duplicated strings.
  std::map<std::string, std::vector<std::string>> entities;
};

struct ParseOptions {
  // "Present" is counted up to this month ("YYYY-MM"); empty = the current month (UTC).
  std::string reference_month;
};

// Only the first kMaxParsedBytes of the text (cut at a line end) are structured; a résumé is far
// shorter, and the bound keeps the profile and the work to build it small for any input.
inline constexpr std::size_t kMaxParsedBytes = 256 * 1024;

// Never throws on any text; unknown structure gives an emptier profile.
ParseResult parse(const text::Document& document, const taxonomy::Taxonomy& taxonomy,
                  const ParseOptions& options = {});

}  // namespace aligncv::resume
