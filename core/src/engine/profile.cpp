// Profile and preference rules (api-v2.md §2.3).
#include <aligncv/error.hpp>

#include <algorithm>

#include "common/fields.hpp"
#include "common/text.hpp"
#include "engine/impl.hpp"

namespace aligncv {

namespace {

const std::vector<std::string> kJobTypes = {"Full-time", "Part-time", "Contract",
                                            "Freelance", "Internship", "Temporary"};

bool valid_phone(const std::string& s) {
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '(' || c == ')' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool valid_http_url(const std::string& s) {
  std::string lower = to_lower_ascii(s);
  std::size_t scheme = lower.rfind("https://", 0) == 0 ? 8 : lower.rfind("http://", 0) == 0 ? 7 : 0;
  if (scheme == 0 || s.size() <= scheme) return false;
  std::string host = s.substr(scheme, s.find_first_of("/?#", scheme) - scheme);
  if (host.empty()) return false;
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= 0x20) return false;  // no spaces or control characters
  }
  return true;
}

// An optional text field: "" or null clears, otherwise checked by `rule` (which may record issues).
template <typename Rule>
void optional_text(FieldReader& in, const char* key, int max_len, std::optional<std::string>& field,
                   Rule rule) {
  if (in.is_null(key)) {
    field.reset();
    return;
  }
  auto value = in.string(key, false, -1, max_len);
  if (!value) return;
  if (value->empty()) {
    field.reset();
  } else if (rule(*value)) {
    field = *value;
  }
}

}  // namespace

void apply_profile_patch(UserRecord& user, const Json& patch) {
  FieldReader in(patch);
  in.throw_if_failed();
  UserRecord next = user;
  if (auto name = in.string("name", false, 2, 100)) next.name = *name;
  optional_text(in, "phone", 32, next.phone, [&](const std::string& v) {
    if (valid_phone(v)) return true;
    in.value_error("phone", "phone may contain only digits, spaces and + ( ) - .", in.raw("phone"));
    return false;
  });
  optional_text(in, "location", 100, next.location, [](const std::string&) { return true; });
  for (auto [key, field] : {std::pair{"linkedin_url", &UserRecord::linkedin_url},
                            std::pair{"github_url", &UserRecord::github_url}}) {
    optional_text(in, key, 200, next.*field, [&, key = key](const std::string& v) {
      if (valid_http_url(v)) return true;
      in.value_error(key, "must be an absolute http or https URL", in.raw(key));
      return false;
    });
  }
  optional_text(in, "bio", 1000, next.bio, [](const std::string&) { return true; });
  in.throw_if_failed();
  user = std::move(next);
}

Preferences preferences_from_json(const Json& stored) {
  Preferences p;
  if (!stored.is_object()) return p;
  auto strings = [](const Json& j) {
    std::vector<std::string> out;
    for (const auto& item : j) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
    return out;
  };
  if (auto it = stored.find("job_types"); it != stored.end() && it->is_array()) p.job_types = strings(*it);
  if (auto it = stored.find("min_salary"); it != stored.end()) {
    p.min_salary = it->is_number_integer() ? std::optional<int64_t>(it->get<int64_t>()) : std::nullopt;
  }
  if (auto it = stored.find("preferred_locations"); it != stored.end() && it->is_array())
    p.preferred_locations = strings(*it);
  if (auto it = stored.find("remote_only"); it != stored.end() && it->is_boolean()) p.remote_only = it->get<bool>();
  if (auto it = stored.find("items_per_page"); it != stored.end() && it->is_number_integer())
    p.items_per_page = it->get<int>();
  if (auto it = stored.find("show_company_logos"); it != stored.end() && it->is_boolean())
    p.show_company_logos = it->get<bool>();
  return p;
}

Json merge_preferences(const Preferences& current, const Json& patch) {
  FieldReader in(patch);
  in.throw_if_failed();
  Preferences p = current;

  if (in.present("job_types")) {
    const Json& raw = in.raw("job_types");
    if (!raw.is_array()) {
      in.add("list_type", "job_types", "Input should be a valid list", raw);
    } else {
      std::vector<std::string> types;
      bool ok = true;
      for (std::size_t i = 0; i < raw.size(); ++i) {
        Json item_loc = Json::array({"body", "job_types", i});
        std::string canonical;
        if (raw[i].is_string()) {
          std::string t = trim(raw[i].get<std::string>());
          for (const auto& known : kJobTypes) {
            if (iequals_ascii(known, t)) canonical = known;
          }
        }
        if (canonical.empty()) {
          ok = false;
          std::string expected = "'Full-time', 'Part-time', 'Contract', 'Freelance', 'Internship' or 'Temporary'";
          in.add("literal_error", "job_types", "Input should be " + expected, raw[i], Json{{"expected", expected}});
        } else if (std::find(types.begin(), types.end(), canonical) == types.end()) {
          types.push_back(canonical);
        }
      }
      if (ok) p.job_types = types;
    }
  }
  if (in.is_null("min_salary")) {
    p.min_salary = std::nullopt;
  } else if (auto v = in.integer("min_salary", false, 0, 10'000'000)) {
    p.min_salary = *v;
  }
  if (in.present("preferred_locations")) {
    const Json& raw = in.raw("preferred_locations");
    std::vector<std::string> locations;
    bool ok = true;
    // The existing frontend sends a comma-separated string.
    Json items = raw.is_string() ? Json(split(raw.get<std::string>(), ',')) : raw;
    if (!items.is_array()) {
      in.add("list_type", "preferred_locations", "Input should be a valid list", raw);
      ok = false;
    } else {
      for (const auto& item : items) {
        if (!item.is_string()) {
          in.add("string_type", "preferred_locations", "Input should be a valid string", item);
          ok = false;
          continue;
        }
        std::string loc = trim(item.get<std::string>());
        if (loc.empty()) continue;
        if (utf8_length(loc) > 100) {
          in.add("string_too_long", "preferred_locations", "String should have at most 100 characters", item,
                 Json{{"max_length", 100}});
          ok = false;
        } else if (std::find(locations.begin(), locations.end(), loc) == locations.end()) {
          locations.push_back(loc);
        }
      }
      if (ok && locations.size() > 20) {
        in.add("too_long", "preferred_locations", "List should have at most 20 items after validation, not " +
                   std::to_string(locations.size()), raw, Json{{"max_length", 20}});
        ok = false;
      }
    }
    if (ok) p.preferred_locations = locations;
  }
  if (auto v = in.boolean("remote_only")) p.remote_only = *v;
  if (auto v = in.integer("items_per_page", false, 1, 100)) p.items_per_page = static_cast<int>(*v);
  if (auto v = in.boolean("show_company_logos")) p.show_company_logos = *v;
  in.throw_if_failed();
  return to_json(p);
}

}  // namespace aligncv
