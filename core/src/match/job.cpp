// The Job record (api-v2.md §4.1): its JSON form, its id, and the display forms of §4.3.
#include <aligncv/clock.hpp>
#include <aligncv/error.hpp>
#include <aligncv/match.hpp>

#include <algorithm>
#include <cmath>

#include "common/hash.hpp"
#include "common/text.hpp"

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
