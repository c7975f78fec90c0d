// The Job record (api-v2.md §4.1): its JSON form, its id, and the display forms of §4.3.
#include <aligncv/clock.hpp>
#include <aligncv/error.hpp>
#include <aligncv/match.hpp>

#include <algorithm>
#include <cmath>

#include "common/hash.hpp"
#include "common/text.hpp"
#include "match/job_json.hpp"

namespace aligncv::match {

namespace {

constexpr std::size_t kListDescriptionChars = 500;

Json optional_json(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }
Json optional_json(const std::optional<int64_t>& n) { return n ? Json(*n) : Json(nullptr); }

[[noreturn]] void invalid(const char* field, const Json& value) {
  // Containers are named, not dumped: dump() recurses, and nothing bounds a row's nesting.
  const std::string shown = value.is_string()       ? value.get<std::string>()
                            : value.is_structured() ? std::string(value.type_name())
                                                    : value.dump();
  throw Error(ErrorCode::InvalidArgument, std::string("Invalid value for ") + field + ": " + shown);
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool read_digits(std::string_view s, std::size_t at, std::size_t count, int& out) {
  if (at + count > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// The inverse of format_timestamp: "YYYY-MM-DDThh:mm:ss[.fff…](Z|+00:00)?".
std::optional<int64_t> parse_timestamp(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':' || !read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, mo) ||
      !read_digits(s, 8, 2, d) || !read_digits(s, 11, 2, h) || !read_digits(s, 14, 2, mi) ||
      !read_digits(s, 17, 2, sec) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
      sec > 60) {
    return std::nullopt;
  }
  std::size_t i = 19;
  int ms = 0;
  if (i < s.size() && s[i] == '.') {
    int scale = 100;
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, scale /= 10)
      ms += (s[i] - '0') * scale;
  }
  std::string_view zone = s.substr(i);
  if (!zone.empty() && zone != "Z" && zone != "+00:00") return std::nullopt;
  const int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi) * 60'000 + int64_t{sec} * 1000 + ms;
}

std::optional<std::string> opt_string(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) invalid(key, *it);
  return it->get<std::string>();
}

std::vector<std::string> string_list(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) invalid(key, *it);
  for (const Json& item : *it) {
    if (!item.is_string()) invalid(key, *it);
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<int64_t> opt_integer(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_number_float()) return static_cast<int64_t>(std::llround(it->get<double>()));
  invalid(key, *it);
}

// Stored rows carry the ISO form; Unix ms are read too so catalogue files may use either.
int64_t timestamp_field(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return 0;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_string()) {
    if (auto ms = parse_timestamp(it->get_ref<const std::string&>())) return *ms;
  }
  invalid(key, *it);
}

// "75,000": thousands grouped with commas.
std::string grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace

Json to_json(const Job& job, bool cut_description) {
  Json description = nullptr;
  if (job.description) {
    // Cut on a code point boundary so the list views never hold broken UTF-8.
    if (cut_description && utf8_length(*job.description) > kListDescriptionChars) {
      description = utf8_prefix(*job.description, kListDescriptionChars) + "...";
    } else {
      description = *job.description;
    }
  }
  return {{"id", job.job_id},
          {"job_id", job.job_id},
          {"title", job.title},
          {"company", job.company},
          {"location", optional_json(job.location)},
          {"remote", job.remote ? Json(*job.remote) : Json(nullptr)},
          {"url", optional_json(job.url)},
          {"source", job.source},
          {"description", std::move(description)},
          {"tags", job.tags},
          {"required_skills", job.required_skills},
          {"preferred_skills", job.preferred_skills},
          {"salary_min", optional_json(job.salary_min)},
          {"salary_max", optional_json(job.salary_max)},
          {"salary_currency", optional_json(job.salary_currency)},
          {"employment_type", optional_json(job.employment_type)},
          {"experience_level", optional_json(job.experience_level)},
          {"posted_date", optional_json(job.posted_date)},
          // 0 means "not stored yet" (an import record); null says so instead of 1970.
          {"created_at", job.created_at ? Json(format_timestamp(job.created_at)) : Json(nullptr)},
          {"updated_at", job.updated_at ? Json(format_timestamp(job.updated_at)) : Json(nullptr)}};
}

namespace {

// A JSON string as nlohmann's dump() writes it (ensure_ascii off): '"', '\\' and control
// characters escaped, everything else copied.
void append_string(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static const char kHex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(escaped, sizeof escaped);
      }
    }
  }
  out.append(s, run, s.size() - run);
  out.push_back('"');
}

void append_optional(std::string& out, const std::optional<std::string>& s) {
  if (s) {
    append_string(out, *s);
  } else {
    out += "null";
  }
}

void append_optional(std::string& out, const std::optional<int64_t>& n) {
  out += n ? std::to_string(*n) : "null";
}

void append_list(std::string& out, const std::vector<std::string>& items) {
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_string(out, items[i]);
  }
  out.push_back(']');
}

void append_timestamp(std::string& out, int64_t unix_ms) {
  out += unix_ms ? "\"" + format_timestamp(unix_ms) + "\"" : "null";
}

// is_valid_utf8 behind an ASCII pass that vectorises: descriptions are long and mostly ASCII.
bool utf8(std::string_view s) {
  unsigned char high = 0;
  for (char c : s) high |= static_cast<unsigned char>(c);
  return high < 0x80 || is_valid_utf8(s);
}

bool all_utf8(const Job& job) {
  auto ok_optional = [](const std::optional<std::string>& s) { return !s || utf8(*s); };
  auto ok_list = [](const std::vector<std::string>& v) {
    return std::all_of(v.begin(), v.end(), [](const std::string& s) { return utf8(s); });
  };
  return utf8(job.job_id) && utf8(job.title) && utf8(job.company) && utf8(job.source) &&
         ok_optional(job.location) && ok_optional(job.url) && ok_optional(job.description) &&
         ok_list(job.tags) && ok_list(job.required_skills) && ok_list(job.preferred_skills) &&
         ok_optional(job.salary_currency) && ok_optional(job.employment_type) &&
         ok_optional(job.experience_level) && ok_optional(job.posted_date);
}

}  // namespace

std::string dump_job(const Job& job) {
  if (!all_utf8(job)) return to_json(job).dump();  // throws nlohmann's error, as before
  std::string out;
  out.reserve(512 + (job.description ? job.description->size() + job.description->size() / 16 : 0));
  char separator = '{';
  auto key = [&](const char* name) {
    out += separator;
    separator = ',';
    out += '"';
    out += name;
    out += "\":";
  };
  // Keys in std::map order, as nlohmann's object holds them.
  key("company");
  append_string(out, job.company);
  key("created_at");
  append_timestamp(out, job.created_at);
  key("description");
  append_optional(out, job.description);
  key("employment_type");
  append_optional(out, job.employment_type);
  key("experience_level");
  append_optional(out, job.experience_level);
  key("id");
  append_string(out, job.job_id);
  key("job_id");
  append_string(out, job.job_id);
  key("location");
  append_optional(out, job.location);
  key("posted_date");
  append_optional(out, job.posted_date);
  key("preferred_skills");
  append_list(out, job.preferred_skills);
  key("remote");
  out += job.remote ? (*job.remote ? "true" : "false") : "null";
  key("required_skills");
  append_list(out, job.required_skills);
  key("salary_currency");
  append_optional(out, job.salary_currency);
  key("salary_max");
  append_optional(out, job.salary_max);
  key("salary_min");
  append_optional(out, job.salary_min);
  key("source");
  append_string(out, job.source);
  key("tags");
  append_list(out, job.tags);
  key("title");
  append_string(out, job.title);
  key("updated_at");
  append_timestamp(out, job.updated_at);
  key("url");
  append_optional(out, job.url);
  out += '}';
  return out;
}

Job job_from_json(const Json& json) {
  if (!json.is_object()) invalid("job", json);
  Job job;
  auto title = opt_string(json, "title");
  auto company = opt_string(json, "company");
  if (!title || title->empty()) {
    throw Error(ErrorCode::InvalidArgument, "Missing required field: title");
  }
  if (!company || company->empty()) {
    throw Error(ErrorCode::InvalidArgument, "Missing required field: company");
  }
  job.title = std::move(*title);
  job.company = std::move(*company);
  job.location = opt_string(json, "location");
  if (auto it = json.find("remote"); it != json.end() && !it->is_null()) {
    if (!it->is_boolean()) invalid("remote", *it);
    job.remote = it->get<bool>();
  }
  job.url = opt_string(json, "url");
  if (auto source = opt_string(json, "source")) job.source = std::move(*source);
  job.description = opt_string(json, "description");
  job.tags = string_list(json, "tags");
  job.required_skills = string_list(json, "required_skills");
  job.preferred_skills = string_list(json, "preferred_skills");
  job.salary_min = opt_integer(json, "salary_min");
  job.salary_max = opt_integer(json, "salary_max");
  job.salary_currency = opt_string(json, "salary_currency");
  job.employment_type = opt_string(json, "employment_type");
  job.experience_level = opt_string(json, "experience_level");
  job.posted_date = opt_string(json, "posted_date");
  job.created_at = timestamp_field(json, "created_at");
  job.updated_at = timestamp_field(json, "updated_at");
  // Catalogue files may omit the id; it is derived from the fields anyway (§1.3).
  auto id = opt_string(json, "job_id");
  if (!id) id = opt_string(json, "id");
  job.job_id = id && !id->empty()
                   ? std::move(*id)
                   : make_job_id(job.source, job.company, job.title, job.url.value_or(""));
  return job;
}

std::string make_job_id(std::string_view source, std::string_view company, std::string_view title,
                        std::string_view url) {
  std::string key;
  key.reserve(source.size() + company.size() + title.size() + url.size() + 3);
  key.append(source).append(":").append(company).append(":").append(title).append(":").append(url);
  return sha256_hex(key).substr(0, 16);
}

std::string salary_range(const Job& job) {
  std::string prefix;
  if (job.salary_currency)
    prefix = *job.salary_currency == "USD" ? "$" : *job.salary_currency + " ";
  if (job.salary_min && job.salary_max) {
    return prefix + grouped(*job.salary_min) + " - " + grouped(*job.salary_max);
  }
  if (job.salary_min) return "From " + prefix + grouped(*job.salary_min);
  if (job.salary_max) return "Up to " + prefix + grouped(*job.salary_max);
  return "Not specified";
}

std::string job_type_display(const std::optional<std::string>& employment_type) {
  if (!employment_type) return "Not specified";
  const std::string type = to_lower_ascii(trim(*employment_type));
  for (const char* canonical :
       {"full-time", "part-time", "contract", "internship", "temporary", "freelance"}) {
    if (type == canonical) {
      std::string display = canonical;
      display[0] = static_cast<char>(display[0] - 'a' + 'A');
      return display;
    }
  }
  return "Not specified";
}

Job pasted_job(std::string_view description, const taxonomy::Taxonomy& taxonomy) {
  const std::string first = trim(description.substr(0, description.find('\n')));
  const bool title_like = !first.empty() && first.size() <= 80 &&
                          std::count(first.begin(), first.end(), ' ') < 8 &&
                          first.find_last_of(".:!?;") == std::string_view::npos;
  Job job = job_from_record({{"title", title_like ? std::string(first) : std::string("-")},
                             {"company", "-"},
                             {"description", std::string(description)}},
                            taxonomy);
  if (!title_like) job.title.clear();
  return job;
}

}  // namespace aligncv::match
