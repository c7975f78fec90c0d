#include <aligncv/error.hpp>
#include <aligncv/notify.hpp>
#include <gtest/gtest.h>

namespace aligncv::notify {
namespace {

std::vector<FieldIssue> issues_for(const Json& patch) {
  try {
    merge_settings(NotificationSettings{}, patch);
  } catch (const Error& e) {
    return e.issues();
  }
  return {};
}

TEST(NotifySettingsTest, JsonCarriesCanonicalAndAliasFields) {
  Json j = to_json(NotificationSettings{});
  EXPECT_EQ(j["digest_frequency"], "daily");
  EXPECT_EQ(j["notification_frequency"], "daily");
  EXPECT_EQ(j["email_job_matches"], true);
  EXPECT_EQ(j["min_match_score"], 0.85);
  EXPECT_TRUE(j["quiet_hours_start"].is_null());
  EXPECT_EQ(j.size(), 18u);
}

TEST(NotifySettingsTest, MergeKeepsOmittedFields) {
  NotificationSettings s;
  s.timezone = "Europe/Berlin";
  auto merged = merge_settings(s, {{"email_enabled", true}, {"digest_frequency", "WEEKLY"}, {"min_match_score", 0.75}});
  EXPECT_EQ(merged.digest_frequency, "weekly");
  EXPECT_DOUBLE_EQ(merged.min_match_score, 0.75);
  EXPECT_EQ(merged.timezone, "Europe/Berlin");
}

TEST(NotifySettingsTest, AliasesWriteTheirCanonicalField) {
  auto merged = merge_settings({}, {{"notification_frequency", "realtime"}, {"push_job_matches", false},
                                    {"email_weekly_digest", false}});
  EXPECT_EQ(merged.digest_frequency, "disabled");
  EXPECT_FALSE(merged.notify_new_matches);
  EXPECT_FALSE(merged.weekly_summary);
  EXPECT_EQ(to_json(merged)["notification_frequency"], "realtime");
}

TEST(NotifySettingsTest, ConflictingAliasIsReportedAtTheAlias) {
  auto issues = issues_for({{"notify_new_matches", true}, {"push_job_matches", false}});
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].loc, Json::array({"body", "push_job_matches"}));
  EXPECT_EQ(issues[0].msg, "Value error, conflicts with notify_new_matches");
  auto freq = issues_for({{"digest_frequency", "daily"}, {"notification_frequency", "weekly"}});
  ASSERT_EQ(freq.size(), 1u);
  EXPECT_EQ(freq[0].msg, "Value error, conflicts with digest_frequency");
  EXPECT_TRUE(issues_for({{"digest_frequency", "disabled"}, {"notification_frequency", "realtime"}}).empty());
}

TEST(NotifySettingsTest, RejectsBadValues) {
  EXPECT_EQ(issues_for({{"digest_frequency", "invalid_frequency"}})[0].type, "literal_error");
  EXPECT_EQ(issues_for({{"min_match_score", 1.5}})[0].type, "less_than_equal");
  EXPECT_EQ(issues_for({{"timezone", "Mars/Olympus"}})[0].msg, "Value error, unknown time zone");
  EXPECT_EQ(issues_for({{"timezone", "../../etc/passwd"}})[0].msg, "Value error, unknown time zone");
  EXPECT_EQ(issues_for({{"quiet_hours_start", "25:00"}, {"quiet_hours_end", "07:00"}}).size(), 1u);
  EXPECT_EQ(issues_for({{"quiet_hours_start", "22:00"}}).size(), 1u);  // both or neither
  EXPECT_EQ(issues_for({{"quiet_hours_start", "22:00"}, {"quiet_hours_end", "22:00"}}).size(), 1u);
  EXPECT_EQ(issues_for({{"email_enabled", "yes"}})[0].type, "bool_parsing");
}

TEST(NotifySettingsTest, QuietHoursMayWrapMidnightAndBeCleared) {
  auto s = merge_settings({}, {{"quiet_hours_start", "22:00"}, {"quiet_hours_end", "07:00"}, {"timezone", "Europe/Berlin"}});
  EXPECT_EQ(s.quiet_hours_start, "22:00");
  auto cleared = merge_settings(s, {{"quiet_hours_start", nullptr}, {"quiet_hours_end", nullptr}});
  EXPECT_FALSE(cleared.quiet_hours_start.has_value());
  EXPECT_FALSE(cleared.quiet_hours_end.has_value());
}

TEST(NotifySettingsTest, NumericStringsAreAcceptedForNumbers) {
  EXPECT_DOUBLE_EQ(merge_settings({}, {{"min_match_score", "0.5"}}).min_match_score, 0.5);
}

}  // namespace
}  // namespace aligncv::notify
