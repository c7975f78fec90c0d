// Notification settings: canonical fields, the existing frontend's aliases, merge and validation.
#include <aligncv/error.hpp>
#include <aligncv/notify.hpp>

#include <cmath>
#include <filesystem>
#include <utility>

#include "common/fields.hpp"
#include "common/text.hpp"

namespace aligncv::notify {

namespace {

// Boolean aliases: alias name -> member of the canonical field.
struct BoolAlias {
  const char* alias;
  const char* canonical;
  bool NotificationSettings::*field;
};
const BoolAlias kBoolAliases[] = {
    {"email_job_matches", "email_new_matches", &NotificationSettings::email_new_matches},
    {"email_weekly_digest", "weekly_summary", &NotificationSettings::weekly_summary},
    {"push_job_matches", "notify_new_matches", &NotificationSettings::notify_new_matches},
    {"push_application_updates", "notify_application_updates",
     &NotificationSettings::notify_application_updates},
    {"push_system_updates", "notify_system_updates", &NotificationSettings::notify_system_updates},
};

struct BoolField {
  const char* name;
  bool NotificationSettings::*field;
};
const BoolField kBoolFields[] = {
    {"email_enabled", &NotificationSettings::email_enabled},
    {"weekly_summary", &NotificationSettings::weekly_summary},
    {"notify_new_matches", &NotificationSettings::notify_new_matches},
    {"notify_application_updates", &NotificationSettings::notify_application_updates},
    {"notify_system_updates", &NotificationSettings::notify_system_updates},
    {"email_new_matches", &NotificationSettings::email_new_matches},
    {"email_application_updates", &NotificationSettings::email_application_updates},
};

std::string frequency_alias(const std::string& digest_frequency) {
  return digest_frequency == "disabled" ? "realtime" : digest_frequency;
}

bool valid_hhmm(const std::string& s) {
  if (s.size() != 5 || s[2] != ':') return false;
  for (int i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  return h < 24 && m < 60;
}

Json optional_string(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

}  // namespace

bool is_known_time_zone(const std::string& name) {
  if (name == "UTC") return true;
  if (name.empty() || name.size() > 64 || name.find("..") != std::string::npos || name[0] == '/') {
    return false;
  }
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
              c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  std::error_code ec;
  return std::filesystem::is_regular_file("/usr/share/zoneinfo/" + name, ec);
}

Json to_storage_json(const NotificationSettings& s) {
  Json j;
  for (const auto& f : kBoolFields) j[f.name] = s.*(f.field);
  j["digest_frequency"] = s.digest_frequency;
  j["min_match_score"] = s.min_match_score;
  j["quiet_hours_start"] = optional_string(s.quiet_hours_start);
  j["quiet_hours_end"] = optional_string(s.quiet_hours_end);
  j["timezone"] = s.timezone;
  return j;
}

Json to_json(const NotificationSettings& s) {
  Json j = to_storage_json(s);
  j["min_match_score"] = std::round(s.min_match_score * 100) / 100;
  for (const auto& a : kBoolAliases) j[a.alias] = s.*(a.field);
  j["notification_frequency"] = frequency_alias(s.digest_frequency);
  return j;
}

NotificationSettings from_storage_json(const Json& stored) {
  NotificationSettings s;
  if (!stored.is_object()) return s;
  for (const auto& f : kBoolFields) {
    if (auto it = stored.find(f.name); it != stored.end() && it->is_boolean()) s.*(f.field) = it->get<bool>();
  }
  if (auto it = stored.find("digest_frequency"); it != stored.end() && it->is_string())
    s.digest_frequency = it->get<std::string>();
  if (auto it = stored.find("min_match_score"); it != stored.end() && it->is_number())
    s.min_match_score = it->get<double>();
  if (auto it = stored.find("quiet_hours_start"); it != stored.end() && it->is_string())
    s.quiet_hours_start = it->get<std::string>();
  if (auto it = stored.find("quiet_hours_end"); it != stored.end() && it->is_string())
    s.quiet_hours_end = it->get<std::string>();
  if (auto it = stored.find("timezone"); it != stored.end() && it->is_string())
    s.timezone = it->get<std::string>();
  return s;
}

NotificationSettings merge_settings(const NotificationSettings& current, const Json& patch) {
  NotificationSettings s = current;
  FieldReader in(patch);
  in.throw_if_failed();  // not an object: nothing else can be said

  for (const auto& f : kBoolFields) {
    if (auto v = in.boolean(f.name)) s.*(f.field) = *v;
  }
  // Aliases: applied after canonical fields; a disagreement within one request is an error.
  for (const auto& a : kBoolAliases) {
    auto v = in.boolean(a.alias);
    if (!v) continue;
    if (in.present(a.canonical) && in.raw(a.canonical).is_boolean() &&
        in.raw(a.canonical).get<bool>() != *v) {
      in.value_error(a.alias, std::string("conflicts with ") + a.canonical, in.raw(a.alias));
      continue;
    }
    s.*(a.field) = *v;
  }

  auto frequency = in.choice("digest_frequency", false, {"daily", "weekly", "disabled"});
  if (frequency) s.digest_frequency = *frequency;
  if (auto alias = in.choice("notification_frequency", false, {"realtime", "daily", "weekly"})) {
    std::string canonical = *alias == "realtime" ? "disabled" : *alias;
    if (frequency && *frequency != canonical) {
      in.value_error("notification_frequency", "conflicts with digest_frequency", in.raw("notification_frequency"));
    } else {
      s.digest_frequency = canonical;
    }
  }

  if (auto v = in.number("min_match_score", false, 0.0, 1.0)) s.min_match_score = *v;

  for (auto [key, field] : {std::pair{"quiet_hours_start", &NotificationSettings::quiet_hours_start},
                            std::pair{"quiet_hours_end", &NotificationSettings::quiet_hours_end}}) {
    if (in.is_null(key)) {
      s.*field = std::nullopt;
    } else if (auto v = in.string(key, false)) {
      if (v->empty()) {
        s.*field = std::nullopt;
      } else if (!valid_hhmm(*v)) {
        in.value_error(key, "time must be HH:MM (00:00 to 23:59)", in.raw(key));
      } else {
        s.*field = *v;
      }
    }
  }
  if (in.ok() && s.quiet_hours_start.has_value() != s.quiet_hours_end.has_value()) {
    const char* missing = s.quiet_hours_start ? "quiet_hours_end" : "quiet_hours_start";
    in.value_error(missing, "quiet_hours_start and quiet_hours_end must be set together",
                   in.raw(missing));
  } else if (in.ok() && s.quiet_hours_start && *s.quiet_hours_start == *s.quiet_hours_end) {
    in.value_error("quiet_hours_end", "quiet_hours_start and quiet_hours_end must differ",
                   in.raw("quiet_hours_end"));
  }

  if (auto tz = in.string("timezone", false)) {
    if (!is_known_time_zone(*tz)) {
      in.value_error("timezone", "unknown time zone", in.raw("timezone"));
    } else {
      s.timezone = *tz;
    }
  }
  in.throw_if_failed();
  return s;
}

}  // namespace aligncv::notify
