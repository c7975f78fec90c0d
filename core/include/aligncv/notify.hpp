// Notification rules. This part: a user's notification settings, their validation and the
// existing frontend's alias fields (api-v2.md §6.1).
#pragma once

#include <aligncv/json.hpp>

#include <optional>
#include <string>

namespace aligncv::notify {

struct NotificationSettings {
  bool email_enabled = true;
  std::string digest_frequency = "daily";  // daily | weekly | disabled
  bool weekly_summary = true;
  bool notify_new_matches = true;
  bool notify_application_updates = true;
  bool notify_system_updates = true;
  bool email_new_matches = true;
  bool email_application_updates = true;
  double min_match_score = 0.85;                 // 0..1
  std::optional<std::string> quiet_hours_start;  // "HH:MM" local; both or neither
  std::optional<std::string> quiet_hours_end;
  std::string timezone = "UTC";                  // IANA name
};

// All canonical fields plus the alias fields the existing frontend reads.
Json to_json(const NotificationSettings& settings);
// Only the canonical fields: the stored form.
Json to_storage_json(const NotificationSettings& settings);
NotificationSettings from_storage_json(const Json& stored);

// Merges `patch` (canonical and/or alias fields; omitted keys keep their value) into `current`.
// Throws Error::validation listing every failing field (loc ["body", <field>]).
NotificationSettings merge_settings(const NotificationSettings& current, const Json& patch);

// True when `name` is a time zone this machine's zone database knows ("Europe/Berlin", "UTC").
bool is_known_time_zone(const std::string& name);

}  // namespace aligncv::notify
