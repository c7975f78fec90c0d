// Job import (api-v2.md §4.2): JSON, JSON Lines and RFC 4180 CSV payloads, and one record under
// the Job, JobSpy or JSON Resume job-schema names to a normalised Job.
#include <aligncv/error.hpp>
#include <aligncv/match.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <utility>

#include "common/json_reader.hpp"
#include "common/parallel.hpp"
#include "common/text.hpp"

namespace aligncv::match {

namespace {

constexpr std::size_t kMaxTags = 10;
constexpr std::size_t kShownChars = 100;  // of a rejected value, in its reject detail

// Every record key a field below reads, by Job field; CSV keeps only these columns.
// clang-format off
constexpr const char* kRecordKeys[] = {
    "title", "company", "url", "job_url", "job_url_direct", "source", "site", "location",
    "remote", "is_remote", "description", "responsibilities", "qualifications",
    "required_skills", "skills", "preferred_skills",
    "salary_min", "min_amount", "salary_max", "max_amount", "salary", "interval",
    "salary_currency", "currency", "employment_type", "job_type", "type",
    "experience_level", "job_level", "experience", "posted_date", "date_posted", "date", "tags"};
// clang-format on

[[noreturn]] void reject(std::string detail) {
  throw Error(ErrorCode::InvalidArgument, std::move(detail));
}

// A value as a reject detail shows it: strings raw, small containers dumped, all cut short.
std::string shown(const Json& v) {
  std::string s;
  if (v.is_string()) {
    s = v.get<std::string>();
  } else if (!v.is_structured() || v.size() <= 20) {
    // Bounded: a record's value may nest arbitrarily deep, and dump() recurses.
    bool flat = true;
    if (v.is_structured()) {
      for (const Json& item : v) flat = flat && (!item.is_structured() || item.empty());
    }
    s = flat ? v.dump() : std::string(v.type_name());
  } else {
    s = v.type_name();
  }
  return utf8_length(s) > kShownChars ? utf8_prefix(s, kShownChars) + "..." : s;
}

[[noreturn]] void invalid(const char* field, const Json& v) {
  reject(std::string("Invalid value for ") + field + ": " + shown(v));
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n\f\v") == s.npos; }

// A field counts as given unless null, a blank string or an empty list: CSV writes absent values
// as empty cells, and exporters write [] for "unknown".
bool given(const Json& v) {
  if (v.is_null()) return false;
  if (v.is_string()) return !blank(v.get_ref<const std::string&>());
  if (v.is_array()) return !v.empty();
  return true;
}

// The first given value among `names` (§4.2: the first present name wins).
const Json* field(const Json& record, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = record.find(name);
    if (it != record.end() && given(*it)) return &*it;
  }
  return nullptr;
}

std::optional<std::string> string_of(const Json* v, const char* name) {
  if (!v) return std::nullopt;
  if (!v->is_string()) invalid(name, *v);
  return trim(v->get_ref<const std::string&>());
}

std::string required_text(const Json& record, const char* name) {
  const Json* v = field(record, {name});
  if (!v) reject(std::string("Missing required field: ") + name);
  return *string_of(v, name);
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Whether text[at, at + len) is a whole word.
bool whole_word(std::string_view text, std::size_t at, std::size_t len) {
  return (at == 0 || !is_alnum(text[at - 1])) &&
         (at + len == text.size() || !is_alnum(text[at + len]));
}

// ---- Scalars ----

std::optional<std::string> location_of(const Json* v) {
  if (!v) return std::nullopt;
  if (v->is_string()) return trim(v->get_ref<const std::string&>());
  if (!v->is_object()) invalid("location", *v);
  // JSON Resume: {"city", "region", "countryCode", ...} -> "city, region, countryCode".
  std::string out;
  for (const char* part : {"city", "region", "countryCode"}) {
    auto it = v->find(part);
    if (it == v->end() || !it->is_string()) continue;
    std::string s = trim(it->get_ref<const std::string&>());
    if (s.empty()) continue;
    if (!out.empty()) out += ", ";
    out += s;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::optional<bool> remote_of(const Json* v) {
  if (!v) return std::nullopt;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_number_integer() && (*v == 0 || *v == 1)) return *v == 1;
  if (v->is_string()) {
    const std::string s = to_lower_ascii(trim(v->get_ref<const std::string&>()));
    if (s == "true" || s == "1" || s == "yes" || s == "full") return true;
    if (s == "false" || s == "0" || s == "no" || s == "hybrid" || s == "none") return false;
  }
  invalid("remote", *v);
}

// A non-negative amount: a number, or a numeric string s ("55.0" as pandas writes it, "100,000").
double amount_of(const Json& v, const char* name, std::string_view s) {
  double d = -1;
  if (v.is_number()) {
    d = v.get<double>();
  } else {
    std::string digits;
    for (char c : trim(s)) {
      if (c != ',') digits.push_back(c);
    }
    const char* end = digits.data() + digits.size();
    auto [ptr, ec] = std::from_chars(digits.data(), end, d);
    if (digits.empty() || ec != std::errc() || ptr != end) d = -1;
  }
  if (!std::isfinite(d) || d < 0) invalid(name, v);
  return d;
}

double amount_of(const Json& v, const char* name) {
  if (!v.is_number() && !v.is_string()) invalid(name, v);
  return amount_of(v, name, v.is_string() ? v.get_ref<const std::string&>() : std::string());
}

int interval_factor(const Json* v) {
  if (!v) return 1;  // JobSpy leaves it empty for yearly figures
  if (!v->is_string()) invalid("interval", *v);
  const std::string s = to_lower_ascii(trim(v->get_ref<const std::string&>()));
  if (s == "yearly" || s == "annual" || s == "annually" || s == "year") return 1;
  if (s == "monthly" || s == "month") return 12;
  if (s == "weekly" || s == "week") return 52;
  if (s == "daily" || s == "day") return 260;
  if (s == "hourly" || s == "hour") return 2080;
  invalid("interval", *v);
}

int64_t annual(double amount, int factor, const char* name, const Json& v) {
  const double year = amount * factor;
  if (year >= 1e15) invalid(name, v);  // beyond any salary, and near int64 limits
  return std::llround(year);
}

void read_salary(const Json& record, Job& job) {
  const int factor = interval_factor(field(record, {"interval"}));
  if (const Json* v = field(record, {"salary_min", "min_amount"})) {
    job.salary_min = annual(amount_of(*v, "salary_min"), factor, "salary_min", *v);
  }
  if (const Json* v = field(record, {"salary_max", "max_amount"})) {
    job.salary_max = annual(amount_of(*v, "salary_max"), factor, "salary_max", *v);
  }
  // JSON Resume "salary": one figure fills both bounds; "90000 - 110000" gives each its own.
  const Json* v = field(record, {"salary"});
  if (!v || (job.salary_min && job.salary_max)) return;
  double low, high;
  if (v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    const std::size_t dash = s.find('-', s.find_first_not_of(" \t") + 1);
    low = amount_of(*v, "salary_min", std::string_view(s).substr(0, dash));
    high = dash == std::string::npos
               ? low
               : amount_of(*v, "salary_max", std::string_view(s).substr(dash + 1));
  } else {
    low = high = amount_of(*v, "salary_min");
  }
  if (!job.salary_min) job.salary_min = annual(low, factor, "salary_min", *v);
  if (!job.salary_max) job.salary_max = annual(high, factor, "salary_max", *v);
}

std::optional<std::string> currency_of(const Json* v) {
  auto s = string_of(v, "salary_currency");
  if (!s) return std::nullopt;
  std::string upper;
  for (char c : *s) upper.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  const bool iso = upper.size() == 3 && std::all_of(upper.begin(), upper.end(),
                                                    [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!iso) invalid("salary_currency", *v);
  return upper;
}

// "Full-time", "fulltime", "FULL_TIME" -> "full-time"; for a list the first known value.
std::optional<std::string> employment_type_of(const Json* v) {
  if (!v || !v->is_string()) return std::nullopt;  // unknown values are null, never a reject
  for (const std::string& item : split(v->get_ref<const std::string&>(), ',')) {
    std::string key;
    for (char c : to_lower_ascii(item)) {
      if (c >= 'a' && c <= 'z') key.push_back(c);
    }
    if (key == "fulltime") return "full-time";
    if (key == "parttime") return "part-time";
    if (key == "contract" || key == "contractor") return "contract";
    if (key == "internship" || key == "intern") return "internship";
    if (key == "temporary" || key == "temp") return "temporary";
    if (key == "freelance" || key == "freelancer") return "freelance";
  }
  return std::nullopt;
}

// Level keywords of §4.2. The highest level named wins: "Senior Director" is executive,
// "Senior Staff Engineer" lead.
std::optional<std::string> level_from_words(std::string_view s) {
  static const std::pair<const char*, int> kWords[] = {
      {"intern", 1},   {"internship", 1}, {"junior", 1},    {"jr", 1},           {"entry", 1},
      {"graduate", 1}, {"grad", 1},       {"mid", 2},       {"intermediate", 2}, {"senior", 3},
      {"sr", 3},       {"lead", 4},       {"principal", 4}, {"staff", 4},        {"director", 5},
      {"vp", 5},       {"head", 5},       {"chief", 5},     {"executive", 5}};
  static const char* kLevels[] = {nullptr, "entry", "mid", "senior", "lead", "executive"};
  int best = 0;
  std::string word;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const char c = i < s.size() ? s[i] : ' ';
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      continue;
    }
    for (const auto& [w, level] : kWords) {
      if (word == w) best = std::max(best, level);
    }
    word.clear();
  }
  if (best == 0) return std::nullopt;
  return kLevels[best];
}

bool valid_date(int y, int m, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m != 2 || d <= 28 || leap;
}

// "YYYY-MM-DD" (a time part after it is dropped); "YYYY-MM" is the first of the month and a bare
// "YYYY" (allowed by the JSON Resume date type) the first of the year.
std::optional<std::string> posted_date_of(const Json* v) {
  if (!v) return std::nullopt;
  if (!v->is_string()) invalid("posted_date", *v);
  const std::string s = trim(v->get_ref<const std::string&>());
  auto digits = [&](std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y = 0, m = 1, d = 1;
  bool ok = digits(0, 4, y);
  if (ok && s.size() > 4) ok = s[4] == '-' && digits(5, 2, m);
  if (ok && s.size() > 7) {
    ok = s[7] == '-' && digits(8, 2, d) && (s.size() == 10 || s[10] == 'T' || s[10] == ' ');
  }
  if (!ok || !valid_date(y, m, d)) invalid("posted_date", *v);
  char buf[11];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

// ---- Lists and skills ----

// A list of strings, a comma-separated string, or JSON Resume skills ([{keywords: [...]}],
// the name when an entry has no keywords).
std::vector<std::string> names_of(const Json& v, const char* name) {
  std::vector<std::string> out;
  auto add = [&](const std::string& s) {
    for (const std::string& part : split(s, ',')) {
      std::string t = trim(part);
      if (!t.empty()) out.push_back(std::move(t));
    }
  };
  if (v.is_string()) {
    add(v.get_ref<const std::string&>());
    return out;
  }
  if (!v.is_array()) invalid(name, v);
  for (const Json& item : v) {
    if (item.is_string()) {
      add(item.get_ref<const std::string&>());
    } else if (item.is_object()) {
      auto kw = item.find("keywords");
      if (kw != item.end() && kw->is_array() && !kw->empty()) {
        for (const Json& k : *kw) {
          if (!k.is_string()) invalid(name, v);
          add(k.get_ref<const std::string&>());
        }
      } else if (auto n = item.find("name"); n != item.end() && n->is_string()) {
        add(n->get_ref<const std::string&>());
      }
    } else {
      invalid(name, v);
    }
  }
  return out;
}

void add_unique(std::vector<std::string>& list, std::string name) {
  for (const std::string& s : list) {
    if (iequals_ascii(s, name)) return;
  }
  list.push_back(std::move(name));
}

std::vector<std::string> canonical_skills(const std::vector<std::string>& names,
                                          const taxonomy::Taxonomy& taxonomy) {
  std::vector<std::string> out;
  for (const std::string& n : names) add_unique(out, taxonomy.canonical_skill(n).value_or(n));
  return out;
}

bool is_list_item(std::string_view t) {
  return t[0] == '-' || t[0] == '*' || t[0] == '+' || (t[0] >= '0' && t[0] <= '9') ||
         t.substr(0, 3) == "\xE2\x80\xA2";  // U+2022 bullet
}

// Markdown or plain headings: "## Skills", "**Requirements**", "Nice to have:".
bool is_heading(std::string_view t) {
  if (t[0] == '#') return true;
  if (t.size() > 80) return false;
  if (t.size() > 4 && (t.substr(0, 2) == "**" || t.substr(0, 2) == "__") &&
      t.substr(t.size() - 2) == t.substr(0, 2)) {
    return true;
  }
  while (!t.empty() && (t.back() == '*' || t.back() == '_' || t.back() == ' ')) t.remove_suffix(1);
  return !t.empty() && t.back() == ':';
}

// Offsets of the "nice to have" markers in lower-cased text, ascending; one pass per marker over
// the whole text is cheaper than searching line by line. "plus" alone is too common ("Python plus
// SQL"), so only its "is a plus" forms count.
std::vector<std::size_t> marker_offsets(std::string_view lower) {
  static const std::string_view kMarkers[] = {"nice to have", "nice-to-have", "preferred",
                                              "bonus",        "a plus",       "big plus",
                                              "huge plus",    "pluses"};
  std::vector<std::size_t> out;
  for (std::string_view m : kMarkers) {
    for (std::size_t at = lower.find(m); at != std::string_view::npos; at = lower.find(m, at + 1)) {
      if (whole_word(lower, at, m.size())) out.push_back(at);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Byte ranges of a description that are "nice to have": the lines under such a heading (up to
// the next heading, or the next paragraph that is not a list), and on other lines the sentence
// naming it ("Requirements: Go. Nice to have: Python. Linux required.": Python only).
std::vector<std::pair<std::size_t, std::size_t>> preferred_spans(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  const std::string lower = to_lower_ascii(text);
  const std::vector<std::size_t> markers = marker_offsets(lower);
  if (markers.empty()) return spans;
  std::size_t next_marker = 0;
  bool in_part = false, after_blank = false;
  for (std::size_t b = 0; b < text.size();) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    const std::string_view line = std::string_view(lower).substr(b, e - b);
    const std::size_t lead = line.find_first_not_of(" \t\r");
    if (lead == std::string_view::npos) {
      after_blank = true;
    } else {
      const std::string_view t = line.substr(lead, line.find_last_not_of(" \t\r") + 1 - lead);
      while (next_marker < markers.size() && markers[next_marker] < b) ++next_marker;
      const std::size_t marker = next_marker < markers.size() && markers[next_marker] < e
                                     ? markers[next_marker] - b
                                     : std::string_view::npos;
      // A marker heading: "Nice to have:", "## Bonus", or a short title line such as
      // "Preferred qualifications"; "Nice to have: Python." speaks for its own line only.
      std::string_view bare = t;
      while (!bare.empty() &&
             (bare[0] == '#' || bare[0] == '*' || bare[0] == '_' || bare[0] == ' ')) {
        bare.remove_prefix(1);
      }
      const bool title_line = marker == lead + (t.size() - bare.size()) &&
                              bare.find(':') == bare.npos && t.back() != '.' &&
                              std::count(bare.begin(), bare.end(), ' ') < 4;
      const bool heading = is_heading(t);
      if (marker != std::string_view::npos && (heading || title_line)) {
        in_part = true;
      } else if (in_part && (heading || (after_blank && !is_list_item(t)))) {
        in_part = false;
      }
      if (in_part) {
        spans.emplace_back(b, e);
      } else if (marker != std::string_view::npos) {
        const auto sentence_end = [&](std::size_t i) {
          return (line[i] == '.' || line[i] == ';' || line[i] == '!') && i + 1 < line.size() &&
                 line[i + 1] == ' ';
        };
        std::size_t start = 0, end = line.size();  // the sentence holding the marker
        for (std::size_t i = 0; i < marker; ++i) {
          if (sentence_end(i)) start = i + 2;
        }
        for (std::size_t i = marker; i < line.size() && end == line.size(); ++i) {
          if (sentence_end(i)) end = i + 1;
        }
        spans.emplace_back(b + start, b + end);
      }
      after_blank = false;
    }
    b = e + 1;
  }
  return spans;
}

// Skills named in a description, in order of first mention; required unless every mention is in
// a "nice to have" part.
void extract_skills(const std::string& description, const taxonomy::Taxonomy& taxonomy, Job& job) {
  const auto mentions = taxonomy.find_skills(description, {/*skills_context=*/false});
  if (mentions.empty()) return;
  const auto spans = preferred_spans(description);
  std::vector<std::string> preferred;
  std::size_t s = 0;
  for (const taxonomy::Mention& m : mentions) {
    while (s < spans.size() && spans[s].second <= m.begin) ++s;
    const bool in_span = s < spans.size() && spans[s].first <= m.begin;
    add_unique(in_span ? preferred : job.required_skills, m.canonical);
  }
  for (std::string& p : preferred) {
    if (std::find(job.required_skills.begin(), job.required_skills.end(), p) ==
        job.required_skills.end()) {
      job.preferred_skills.push_back(std::move(p));
    }
  }
}

// The description, with JSON Resume responsibilities and qualifications appended as bullets.
std::optional<std::string> description_of(const Json& record) {
  std::optional<std::string> out;
  if (const Json* v = field(record, {"description"})) {
    if (!v->is_string()) invalid("description", *v);
    out = v->get<std::string>();  // long texts are kept as sent (§1.2)
  }
  static const char* kLists[][2] = {{"responsibilities", "Responsibilities:"},
                                    {"qualifications", "Qualifications:"}};
  for (const auto& names : kLists) {
    const char* key = names[0];
    const Json* v = field(record, {key});
    if (!v) continue;
    std::string list;
    const auto add_item = [&](const Json& item) {
      if (!item.is_string()) invalid(key, *v);
      const std::string t = trim(item.get_ref<const std::string&>());
      if (!t.empty()) list += "\n- " + t;
    };
    if (v->is_array()) {
      for (const Json& item : *v) add_item(item);
    } else {
      add_item(*v);
    }
    if (list.empty()) continue;
    out = (out ? *out + "\n\n" : std::string()) + names[1] + list;
  }
  return out;
}

// ---- Payloads ----

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error
// while parsing object - unexpected end of input; expected '}'" -> "unexpected end of input".
std::string json_reason(const std::string& what) {
  std::string_view r = what;
  if (std::size_t c = r.find("column "); c != std::string_view::npos) {
    if (std::size_t colon = r.find(": ", c); colon != std::string_view::npos) {
      r.remove_prefix(colon + 2);
    }
  } else if (std::size_t tag = r.find("] "); tag != std::string_view::npos) {
    r.remove_prefix(tag + 2);
  }
  if (r.substr(0, 13) == "syntax error ") {
    if (std::size_t dash = r.find(" - "); dash != std::string_view::npos) r.remove_prefix(dash + 3);
  }
  r = r.substr(0, std::min(r.find("; last read"), r.find("; expected")));
  return std::string(r);
}

ImportRecord record_at(int line, const Json& record, const taxonomy::Taxonomy& taxonomy) {
  if (!record.is_object()) reject("Invalid JSON: a record must be an object");
  return {line, job_from_record(record, taxonomy)};
}

// A record waiting to be read: its line and the work that turns it into a Job (or throws the
// reject). The work runs on every core; results keep the payload's order.
struct Pending {
  int line = 0;
  std::function<ImportRecord()> make;
};

void run(std::vector<Pending>& pending, ImportBatch& batch) {
  std::vector<std::optional<ImportRecord>> records(pending.size());
  std::vector<std::string> errors(pending.size());
  parallel_for(pending.size(), [&](std::size_t i) {
    try {
      records[i] = pending[i].make();
    } catch (const Error& e) {
      errors[i] = e.detail();
    }
  });
  batch.records.reserve(batch.records.size() + pending.size());
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (records[i]) {
      batch.records.push_back(std::move(*records[i]));
    } else {
      batch.rejected.push_back({pending[i].line, std::move(errors[i])});
    }
  }
}

void parse_json_array(std::string_view body, const taxonomy::Taxonomy& taxonomy,
                      ImportBatch& batch) {
  Json doc;
  try {
    if (!read_json(body, doc)) doc = Json::parse(body.begin(), body.end());
  } catch (const Json::exception& e) {
    // The line of the failing byte, or of the last content for an early end of input.
    std::size_t at = body.find_last_not_of(" \t\r\n") + 1;
    if (const auto* pe = dynamic_cast<const Json::parse_error*>(&e); pe && pe->byte > 0) {
      at = std::min(at, static_cast<std::size_t>(pe->byte - 1));
    }
    const auto line =
        1 + std::count(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    reject("Invalid JSON: " + json_reason(e.what()) + " at line " + std::to_string(line));
  }
  if (!doc.is_object() && !doc.is_array()) {
    reject("Invalid JSON: expected an array of records or one record at line 1");
  }
  if (doc.is_object()) doc = Json::array({std::move(doc)});
  std::vector<Pending> pending;
  pending.reserve(doc.size());
  for (std::size_t n = 0; n < doc.size(); ++n) {
    const int line = static_cast<int>(n) + 1;
    pending.push_back({line, [&doc, n, line, &taxonomy] { return record_at(line, doc[n], taxonomy); }});
  }
  run(pending, batch);
}

void parse_json_lines(std::string_view body, const taxonomy::Taxonomy& taxonomy,
                      ImportBatch& batch) {
  std::vector<Pending> pending;
  int line = 0;
  for (std::size_t b = 0; b < body.size();) {
    std::size_t e = body.find('\n', b);
    if (e == std::string_view::npos) e = body.size();
    const std::string_view content = body.substr(b, e - b);
    b = e + 1;
    ++line;
    if (content.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    pending.push_back({line, [content, line, &taxonomy] {
                         Json record;
                         try {
                           if (!read_json(content, record)) record = Json::parse(content.begin(), content.end());
                         } catch (const Json::exception& ex) {
                           reject("Invalid JSON: " + json_reason(ex.what()));
                         }
                         return record_at(line, record, taxonomy);
                       }});
  }
  run(pending, batch);
}

// RFC 4180: comma-separated, '"' quoting with "" for a quote, line breaks inside quotes. Lenient
// where files in the wild are: stray quotes inside a field are kept, empty lines are skipped.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : s_(text) {}

  // The next record and the physical line it starts on; false at the end.
  bool next(std::vector<std::string>& fields, int& line) {
    while (pos_ < s_.size() && (s_[pos_] == '\n' || s_.compare(pos_, 2, "\r\n") == 0)) {
      pos_ += s_[pos_] == '\n' ? 1 : 2;
      ++line_;
    }
    if (pos_ >= s_.size()) return false;
    line = line_;
    fields.clear();
    while (true) {
      std::string& f = fields.emplace_back();
      if (pos_ < s_.size() && s_[pos_] == '"') read_quoted(f);
      // Up to the separator: an unquoted field, or what strays after a closing quote.
      const std::size_t e = std::min(s_.find_first_of(",\n", pos_), s_.size());
      std::string_view rest = s_.substr(pos_, e - pos_);
      if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);  // of a CRLF, or at the end
      f.append(rest);
      pos_ = e + 1;
      if (e == s_.size() || s_[e] == '\n') {
        if (e < s_.size()) ++line_;
        return true;
      }
    }
  }

 private:
  void read_quoted(std::string& f) {
    ++pos_;
    while (true) {
      const std::size_t q = s_.find('"', pos_);
      const std::string_view part =
          s_.substr(pos_, (q == std::string_view::npos ? s_.size() : q) - pos_);
      line_ += static_cast<int>(std::count(part.begin(), part.end(), '\n'));
      f.append(part);
      if (q == std::string_view::npos) {  // unterminated: the rest of the file
        pos_ = s_.size();
        return;
      }
      pos_ = q + 1;
      if (pos_ < s_.size() && s_[pos_] == '"') {
        f.push_back('"');
        ++pos_;
        continue;
      }
      return;
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

// is_valid_utf8 with a vectorisable ASCII pass first: most cells are ASCII, descriptions long.
bool utf8(std::string_view s) {
  unsigned char high = 0;
  for (char c : s) high |= static_cast<unsigned char>(c);
  return high < 0x80 || is_valid_utf8(s);
}

void parse_csv(std::string_view body, const taxonomy::Taxonomy& taxonomy, ImportBatch& batch) {
  CsvReader reader(body);
  std::vector<std::string> fields;
  int line = 0;
  if (!reader.next(fields, line)) reject("Import body is empty");
  // Known columns only, first of a name wins; a leading unnamed index column matches nothing.
  const std::size_t width = fields.size();
  std::vector<std::pair<std::size_t, const char*>> columns;
  for (std::size_t i = 0; i < width; ++i) {
    const std::string name = to_lower_ascii(trim(fields[i]));
    for (const char* key : kRecordKeys) {
      if (name != key) continue;
      const bool seen = std::any_of(columns.begin(), columns.end(),
                                    [&](const auto& c) { return name == c.second; });
      if (!seen) columns.emplace_back(i, key);
    }
  }
  const auto has = [&](std::string_view key) {
    return std::any_of(columns.begin(), columns.end(),
                       [&](const auto& c) { return key == c.second; });
  };
  if (!has("title") || !has("company")) reject("CSV header must include title and company");

  std::vector<Pending> pending;
  while (reader.next(fields, line)) {
    if (fields.size() != width) {
      const std::string detail =
          "Row has " + std::to_string(fields.size()) + " fields, header has " + std::to_string(width);
      pending.push_back({line, [detail]() -> ImportRecord { reject(detail); }});
      continue;
    }
    Json record = Json::object();
    std::string bad_column;
    for (const auto& [i, key] : columns) {
      if (blank(fields[i])) continue;
      // JSON needs valid UTF-8; say which column is not, without echoing its bytes.
      if (!utf8(fields[i])) {
        bad_column = key;
        break;
      }
      record[key] = std::move(fields[i]);
    }
    if (!bad_column.empty()) {
      pending.push_back({line, [bad_column]() -> ImportRecord { reject("Invalid value for " + bad_column + ": not UTF-8"); }});
      continue;
    }
    pending.push_back({line, [record = std::move(record), line, &taxonomy]() -> ImportRecord {
                         return {line, job_from_record(record, taxonomy)};
                       }});
  }
  run(pending, batch);
}

std::optional<ImportFormat> format_named(std::string_view name) {
  const std::string n = to_lower_ascii(trim(name));
  if (n == "json") return ImportFormat::Json;
  if (n == "jsonl" || n == "ndjson") return ImportFormat::JsonLines;
  if (n == "csv") return ImportFormat::Csv;
  return std::nullopt;
}

}  // namespace

std::optional<ImportFormat> import_format(std::string_view format_param,
                                          std::string_view content_type,
                                          std::string_view file_name) {
  if (!trim(format_param).empty()) return format_named(format_param);
  const std::string media = to_lower_ascii(trim(content_type.substr(0, content_type.find(';'))));
  if (media == "application/json") return ImportFormat::Json;
  if (media == "application/x-ndjson" || media == "application/jsonl" ||
      media == "application/x-jsonlines") {
    return ImportFormat::JsonLines;
  }
  if (media == "text/csv") return ImportFormat::Csv;
  const std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  return format_named(file_name.substr(dot + 1));
}

ImportBatch parse_import(std::string_view body, ImportFormat format,
                         const taxonomy::Taxonomy& taxonomy) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // UTF-8 BOM
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) reject("Import body is empty");
  ImportBatch batch;
  switch (format) {
    case ImportFormat::Json:
      parse_json_array(body, taxonomy, batch);
      break;
    case ImportFormat::JsonLines:
      parse_json_lines(body, taxonomy, batch);
      break;
    case ImportFormat::Csv:
      parse_csv(body, taxonomy, batch);
      break;
  }
  return batch;
}

Job job_from_record(const Json& record, const taxonomy::Taxonomy& taxonomy) {
  if (!record.is_object()) reject("Invalid JSON: a record must be an object");
  Job job;
  job.title = required_text(record, "title");
  job.company = required_text(record, "company");

  job.url = string_of(field(record, {"url", "job_url", "job_url_direct"}), "url");
  if (!job.url) {
    if (auto meta = record.find("meta"); meta != record.end() && meta->is_object()) {
      job.url = string_of(field(*meta, {"canonical"}), "url");
    }
  }
  if (auto source = string_of(field(record, {"source", "site"}), "source")) {
    job.source = to_lower_ascii(*source);
  }
  job.location = location_of(field(record, {"location"}));
  job.remote = remote_of(field(record, {"remote", "is_remote"}));
  if (!job.remote) {
    job.remote = job.location && to_lower_ascii(*job.location).find("remote") != std::string::npos;
  }
  job.description = description_of(record);

  read_salary(record, job);
  job.salary_currency = currency_of(field(record, {"salary_currency", "currency"}));
  job.employment_type = employment_type_of(field(record, {"employment_type", "job_type", "type"}));
  if (const Json* level = field(record, {"experience_level", "job_level", "experience"});
      level && level->is_string()) {
    job.experience_level = level_from_words(level->get_ref<const std::string&>());
  }
  if (!job.experience_level) job.experience_level = level_from_words(job.title);
  job.posted_date = posted_date_of(field(record, {"posted_date", "date_posted", "date"}));

  // Given skills only need a dictionary lookup each; the description is scanned only without them.
  const Json* required = field(record, {"required_skills", "skills"});
  const Json* preferred = field(record, {"preferred_skills"});
  if (required) {
    job.required_skills = canonical_skills(names_of(*required, "required_skills"), taxonomy);
  }
  if (preferred) {
    for (std::string& p : canonical_skills(names_of(*preferred, "preferred_skills"), taxonomy)) {
      if (std::find(job.required_skills.begin(), job.required_skills.end(), p) ==
          job.required_skills.end()) {
        job.preferred_skills.push_back(std::move(p));
      }
    }
  }
  if (!required && !preferred && job.description) extract_skills(*job.description, taxonomy, job);

  if (const Json* tags = field(record, {"tags"})) {
    job.tags = names_of(*tags, "tags");
  } else {
    job.tags.assign(job.required_skills.begin(),
                    job.required_skills.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                      kMaxTags, job.required_skills.size())));
  }
  job.job_id = make_job_id(job.source, job.company, job.title, job.url.value_or(""));
  return job;
}

}  // namespace aligncv::match
