// Notification rules: time zones and DST, digests, quiet hours, e-mail routing, new matches and
// application updates (api-v2.md §6.3). Time comes from a ManualClock; nothing sleeps.
#include <aligncv/clock.hpp>
#include <aligncv/error.hpp>
#include <aligncv/notify.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace aligncv::notify {
namespace {

constexpr int64_t kMinute = 60 * 1000;
constexpr int64_t kHour = 60 * kMinute;

int64_t utc(int y, int mo, int d, int h, int mi = 0) {
  return TimeZone::fixed(0)->from_local(y, mo, d, h, mi);
}

NotificationSettings in_zone(const std::string& zone, const std::string& frequency = "daily") {
  NotificationSettings s;
  s.timezone = zone;
  s.digest_frequency = frequency;
  return s;
}

// ---- time zones ----

TEST(NotifyTimeZoneTest, ConvertsUtcToBerlinWinterAndSummerTime) {
  auto berlin = TimeZone::load("Europe/Berlin");
  LocalTime winter = berlin->to_local(utc(2026, 1, 15, 8));
  EXPECT_EQ(winter.hour, 9);
  EXPECT_EQ(winter.utc_offset_seconds, 3600);
  LocalTime summer = berlin->to_local(utc(2026, 7, 15, 8));
  EXPECT_EQ(summer.hour, 10);
  EXPECT_EQ(summer.utc_offset_seconds, 7200);
  EXPECT_EQ(summer.date(), "2026-07-15");
}

TEST(NotifyTimeZoneTest, ComputesWeekdays) {
  auto utc_zone = TimeZone::fixed(0);
  EXPECT_EQ(utc_zone->to_local(utc(2026, 3, 30, 12)).weekday, 1);   // Monday
  EXPECT_EQ(utc_zone->to_local(utc(2026, 3, 29, 12)).weekday, 0);   // Sunday
  EXPECT_EQ(utc_zone->to_local(utc(1969, 12, 31, 12)).weekday, 3);  // Wednesday, before the epoch
}

TEST(NotifyTimeZoneTest, ChangesOffsetAtTheBerlinSpringAndAutumnTransitions) {
  auto berlin = TimeZone::load("Europe/Berlin");
  // 2026-03-29 01:00 UTC: 02:00 CET becomes 03:00 CEST.
  EXPECT_EQ(berlin->utc_offset(utc(2026, 3, 29, 1) / 1000 - 1), 3600);
  EXPECT_EQ(berlin->utc_offset(utc(2026, 3, 29, 1) / 1000), 7200);
  // 2026-10-25 01:00 UTC: 03:00 CEST becomes 02:00 CET.
  EXPECT_EQ(berlin->utc_offset(utc(2026, 10, 25, 1) / 1000 - 1), 7200);
  EXPECT_EQ(berlin->utc_offset(utc(2026, 10, 25, 1) / 1000), 3600);
}

TEST(NotifyTimeZoneTest, ResolvesASkippedLocalTimeToTheNextExistingMinute) {
  auto berlin = TimeZone::load("Europe/Berlin");
  EXPECT_EQ(berlin->from_local(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 0));  // 03:00 CEST
  EXPECT_EQ(berlin->from_local(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(berlin->from_local(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0));
  auto new_york = TimeZone::load("America/New_York");
  EXPECT_EQ(new_york->from_local(2026, 3, 8, 2, 15), utc(2026, 3, 8, 7, 0));  // 03:00 EDT
}

TEST(NotifyTimeZoneTest, ResolvesARepeatedLocalTimeToItsFirstOccurrence) {
  auto berlin = TimeZone::load("Europe/Berlin");
  EXPECT_EQ(berlin->from_local(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30));  // 02:30 CEST
  auto new_york = TimeZone::load("America/New_York");
  EXPECT_EQ(new_york->from_local(2026, 11, 1, 1, 30), utc(2026, 11, 1, 5, 30));  // 01:30 EDT
}

TEST(NotifyTimeZoneTest, FollowsTheZoneRuleBeyondTheLastListedTransition) {
  auto berlin = TimeZone::load("Europe/Berlin");
  EXPECT_EQ(berlin->from_local(2045, 7, 1, 12, 0), utc(2045, 7, 1, 10, 0));
  EXPECT_EQ(berlin->from_local(2045, 1, 1, 12, 0), utc(2045, 1, 1, 11, 0));
  EXPECT_EQ(berlin->from_local(2045, 3, 26, 2, 30),
            utc(2045, 3, 26, 1, 0));                 // last Sunday of March
  auto sydney = TimeZone::load("Australia/Sydney");  // southern hemisphere: DST over New Year
  EXPECT_EQ(sydney->from_local(2045, 1, 15, 12, 0), utc(2045, 1, 15, 1, 0));
  EXPECT_EQ(sydney->from_local(2045, 7, 15, 12, 0), utc(2045, 7, 15, 2, 0));
  EXPECT_EQ(sydney->from_local(2026, 1, 15, 12, 0), utc(2026, 1, 15, 1, 0));
}

TEST(NotifyTimeZoneTest, RejectsAnUnknownZone) {
  EXPECT_THROW(TimeZone::load("Mars/Olympus_Mons"), Error);
  EXPECT_THROW(TimeZone::load("../etc/passwd"), Error);
  EXPECT_EQ(TimeZone::load("UTC")->utc_offset(0), 0);
}

// ---- digests ----

TEST(NotifyDigestTest, DailyDigestOpensAtTheDigestHourInTheUsersZone) {
  auto s = in_zone("Europe/Berlin");
  auto before = due_digest(s, 9, utc(2026, 3, 28, 7, 59));  // 08:59 CET
  ASSERT_TRUE(before);
  EXPECT_EQ(before->local_date, "2026-03-27");
  auto at = due_digest(s, 9, utc(2026, 3, 28, 8, 0));  // 09:00 CET
  ASSERT_TRUE(at);
  EXPECT_EQ(at->local_date, "2026-03-28");
  EXPECT_EQ(at->scheduled_at, utc(2026, 3, 28, 8, 0));
  EXPECT_EQ(at->period_start, utc(2026, 3, 27, 8, 0));
  EXPECT_EQ(at->period_end, at->scheduled_at);
  EXPECT_EQ(at->kind, EmailKind::Digest);
  EXPECT_TRUE(at->events);
  EXPECT_FALSE(at->weekly_summary);  // a Saturday
}

TEST(NotifyDigestTest, DailyDigestFollowsTheSpringForwardInBerlinAndNewYork) {
  auto berlin = in_zone("Europe/Berlin");
  auto slot = due_digest(berlin, 9, utc(2026, 3, 29, 7, 0));  // 09:00 CEST on the DST day
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot->local_date, "2026-03-29");
  EXPECT_EQ(slot->period_end - slot->period_start, 23 * kHour);  // the day was 23 hours long
  EXPECT_EQ(due_digest(berlin, 9, utc(2026, 3, 29, 6, 59))->local_date, "2026-03-28");

  auto new_york = in_zone("America/New_York");
  EXPECT_EQ(due_digest(new_york, 9, utc(2026, 3, 7, 14, 0))->scheduled_at,
            utc(2026, 3, 7, 14, 0));  // EST
  EXPECT_EQ(due_digest(new_york, 9, utc(2026, 3, 8, 13, 0))->scheduled_at,
            utc(2026, 3, 8, 13, 0));  // EDT
  EXPECT_EQ(due_digest(new_york, 9, utc(2026, 3, 8, 12, 59))->local_date, "2026-03-07");
}

TEST(NotifyDigestTest, ADigestHourSkippedByDstRunsAtTheNextExistingMinute) {
  auto berlin = in_zone("Europe/Berlin");
  auto slot = due_digest(berlin, 2, utc(2026, 3, 29, 1, 0));  // 03:00 CEST: 02:00 never happened
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot->local_date, "2026-03-29");
  EXPECT_EQ(slot->scheduled_at, utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(due_digest(berlin, 2, utc(2026, 3, 29, 0, 59))->local_date, "2026-03-28");
}

TEST(NotifyDigestTest, ADigestHourRepeatedByDstRunsOnce) {
  auto berlin = in_zone("Europe/Berlin");
  auto first = due_digest(berlin, 2, utc(2026, 10, 25, 0, 0));  // the first 02:00 (CEST)
  ASSERT_TRUE(first);
  EXPECT_EQ(first->local_date, "2026-10-25");
  EXPECT_EQ(first->scheduled_at, utc(2026, 10, 25, 0, 0));
  // The second 02:00 (CET) names the same slot, which was sent.
  EXPECT_FALSE(due_digest(berlin, 2, utc(2026, 10, 25, 1, 0), std::string("2026-10-25")));
  EXPECT_EQ(due_digest(berlin, 2, utc(2026, 10, 25, 1, 0))->local_date, "2026-10-25");
}

// Drives the scheduler with a ManualClock in 5-minute steps, as the worker would, and records
// the local time at which each digest went out.
std::vector<LocalTime> run_scheduler(const NotificationSettings& s, int hour, ManualClock& clock,
                                     int64_t until) {
  auto zone = TimeZone::load(s.timezone);
  std::optional<std::string> last;
  std::vector<LocalTime> sent;
  // The first evaluation only sets the baseline (what was already sent before the test window).
  if (auto slot = due_digest(s, hour, clock.now_ms())) last = slot->local_date;
  for (; clock.now_ms() < until; clock.advance_ms(5 * kMinute)) {
    auto slot = due_digest(s, hour, clock.now_ms(), last);
    if (!slot) continue;
    last = slot->local_date;
    sent.push_back(zone->to_local(clock.now_ms()));
  }
  return sent;
}

TEST(NotifyDigestTest, ADailyDigestGoesOutOncePerLocalDayAcrossBothDstChanges) {
  for (const char* zone : {"Europe/Berlin", "America/New_York"}) {
    SCOPED_TRACE(zone);
    for (auto [start, end] : {std::pair{utc(2026, 3, 5, 12), utc(2026, 4, 2, 12)},
                              std::pair{utc(2026, 10, 20, 12), utc(2026, 11, 5, 12)}}) {
      ManualClock clock(start);
      auto sent = run_scheduler(in_zone(zone), 9, clock, end);
      const int64_t days = (end - start) / (24 * kHour);
      EXPECT_EQ(static_cast<int64_t>(sent.size()), days);
      std::set<std::string> dates;
      for (const auto& t : sent) {
        EXPECT_EQ(t.hour, 9) << t.date();
        EXPECT_LT(t.minute, 5) << t.date();
        dates.insert(t.date());
      }
      EXPECT_EQ(dates.size(), sent.size());
    }
  }
}

TEST(NotifyDigestTest, TheSameInstantIsADifferentSlotInTokyoAndLosAngeles) {
  const int64_t now = utc(2026, 6, 10, 1, 0);  // 10:00 in Tokyo, 18:00 the day before in LA
  EXPECT_EQ(due_digest(in_zone("Asia/Tokyo"), 9, now)->local_date, "2026-06-10");
  EXPECT_EQ(due_digest(in_zone("America/Los_Angeles"), 9, now)->local_date, "2026-06-09");
  EXPECT_EQ(due_digest(in_zone("America/Los_Angeles"), 9, now)->scheduled_at,
            utc(2026, 6, 9, 16, 0));
}

TEST(NotifyDigestTest, WeeklyDigestRunsOnMondaysAndCarriesTheWeeklySummary) {
  auto s = in_zone("Europe/Berlin", "weekly");
  auto slot = due_digest(s, 9, utc(2026, 4, 2, 12));  // a Thursday
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot->local_date, "2026-03-30");  // the Monday before
  EXPECT_EQ(slot->frequency, "weekly");
  EXPECT_TRUE(slot->weekly_summary);
  EXPECT_EQ(slot->period_start, utc(2026, 3, 23, 8, 0));  // CET
  EXPECT_EQ(slot->period_end, utc(2026, 3, 30, 7, 0));    // CEST
  EXPECT_EQ(due_digest(s, 9, utc(2026, 3, 30, 6, 59))->local_date, "2026-03-23");
}

TEST(NotifyDigestTest, MondaysDailyDigestFoldsInTheWeeklySummary) {
  auto s = in_zone("UTC");
  EXPECT_TRUE(due_digest(s, 9, utc(2026, 3, 30, 9))->weekly_summary);
  EXPECT_FALSE(due_digest(s, 9, utc(2026, 3, 31, 9))->weekly_summary);
  s.weekly_summary = false;
  EXPECT_FALSE(due_digest(s, 9, utc(2026, 3, 30, 9))->weekly_summary);
}

TEST(NotifyDigestTest, WithoutDigestsOnlyTheWeeklySummaryIsScheduled) {
  auto s = in_zone("UTC", "disabled");
  auto slot = due_digest(s, 9, utc(2026, 4, 1, 12));
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot->kind, EmailKind::WeeklySummary);
  EXPECT_EQ(slot->local_date, "2026-03-30");
  EXPECT_FALSE(slot->events);
  EXPECT_TRUE(slot->weekly_summary);
  s.weekly_summary = false;
  EXPECT_FALSE(due_digest(s, 9, utc(2026, 4, 1, 12)));
  auto off = in_zone("UTC");
  off.email_enabled = false;
  EXPECT_FALSE(due_digest(off, 9, utc(2026, 4, 1, 12)));
}

TEST(NotifyDigestTest, AnEmptyPeriodSendsNothing) {
  auto s = in_zone("UTC");
  auto slot = *due_digest(s, 9, utc(2026, 3, 31, 12));
  DigestData empty;
  empty.new_postings = 40;
  empty.applications_by_status = {{"applied", 2}};
  EXPECT_FALSE(digest_email(s, slot, empty));
}

TEST(NotifyDigestTest, ADigestListsMatchesApplicationChangesAndCounts) {
  auto s = in_zone("UTC");
  auto slot = *due_digest(s, 9, utc(2026, 3, 30, 12));  // Monday: with the summary
  DigestData d;
  d.matches = {{"u", "j1", "Data Engineer", "Contoso", 0.91, 0},
               {"u", "j2", "ML Engineer", "Fabrikam", 0.86, 0}};
  d.application_changes = {{"Analyst", "Northwind", "applied", "interview", 0}};
  d.applications_by_status = {{"applied", 3}, {"interview", 1}};
  d.new_postings = 120;
  d.week_new_postings = 500;
  d.week_matches = 7;
  d.week_bookmarks = 2;
  d.week_applications_by_status = {{"applied", 3}};
  auto email = digest_email(s, slot, d);
  ASSERT_TRUE(email);
  EXPECT_EQ(email->subject, "Your AlignCV daily digest: 2 new matches");
  std::string all;
  for (const auto& section : email->sections) {
    all += section.heading + "\n";
    for (const auto& item : section.items) all += item + "\n";
  }
  EXPECT_NE(all.find("Data Engineer at Contoso: 91% match"), std::string::npos);
  EXPECT_NE(all.find("Analyst at Northwind: status changed from applied to interview"),
            std::string::npos);
  EXPECT_NE(all.find("Applications interview: 1"), std::string::npos);
  EXPECT_NE(all.find("New postings: 120"), std::string::npos);
  EXPECT_NE(all.find("Your week"), std::string::npos);
  EXPECT_NE(all.find("Bookmarks: 2"), std::string::npos);

  s.email_new_matches = false;  // the per-kind flag also applies to digests
  auto without = digest_email(s, slot, d);
  ASSERT_TRUE(without);
  EXPECT_EQ(without->subject, "Your AlignCV daily digest");
}

// ---- quiet hours and e-mail routing ----

TEST(NotifyQuietHoursTest, DefersAcrossMidnightToTheEndOfQuietHours) {
  auto s = in_zone("Europe/Berlin", "disabled");
  s.quiet_hours_start = "22:00";
  s.quiet_hours_end = "07:00";
  // 23:30 CET on Saturday 2026-03-28 -> 07:00 CEST on Sunday (the night the clocks change).
  EXPECT_EQ(defer_past_quiet_hours(s, utc(2026, 3, 28, 22, 30)), utc(2026, 3, 29, 5, 0));
  EXPECT_EQ(defer_past_quiet_hours(s, utc(2026, 3, 28, 5, 59)),
            utc(2026, 3, 28, 6, 0));  // 06:59 CET
  EXPECT_EQ(defer_past_quiet_hours(s, utc(2026, 3, 28, 21, 0)),
            utc(2026, 3, 29, 5, 0));             // 22:00 CET: quiet
  const int64_t seven = utc(2026, 3, 28, 6, 0);  // 07:00: the quiet hours are over
  EXPECT_EQ(defer_past_quiet_hours(s, seven), seven);
  const int64_t evening = utc(2026, 3, 28, 20, 59);  // 21:59
  EXPECT_EQ(defer_past_quiet_hours(s, evening), evening);
}

TEST(NotifyQuietHoursTest, DefersWithinTheDayWhenQuietHoursDoNotWrap) {
  auto s = in_zone("America/New_York", "disabled");
  s.quiet_hours_start = "12:00";
  s.quiet_hours_end = "13:30";
  EXPECT_EQ(defer_past_quiet_hours(s, utc(2026, 7, 1, 16, 45)),
            utc(2026, 7, 1, 17, 30));  // 12:45 EDT
  EXPECT_EQ(defer_past_quiet_hours(s, utc(2026, 7, 1, 17, 30)), utc(2026, 7, 1, 17, 30));
  EXPECT_EQ(defer_past_quiet_hours(s, utc(2026, 7, 1, 15, 59)), utc(2026, 7, 1, 15, 59));
}

TEST(NotifyQuietHoursTest, NoQuietHoursMeansNow) {
  auto s = in_zone("UTC", "disabled");
  EXPECT_EQ(defer_past_quiet_hours(s, 123456789), 123456789);
}

TEST(NotifyEmailDecisionTest, RoutesEventsByDigestFrequencyAndFlags) {
  auto s = in_zone("UTC", "disabled");
  const int64_t now = utc(2026, 5, 5, 12);
  EXPECT_EQ(email_decision(s, EmailKind::NewMatches, now).route, EmailDecision::Route::Send);
  EXPECT_EQ(email_decision(s, EmailKind::NewMatches, now).send_at, now);
  s.digest_frequency = "daily";
  EXPECT_EQ(email_decision(s, EmailKind::NewMatches, now).route, EmailDecision::Route::InDigest);
  EXPECT_EQ(email_decision(s, EmailKind::ApplicationUpdate, now).route,
            EmailDecision::Route::InDigest);
  s.email_new_matches = false;
  EXPECT_EQ(email_decision(s, EmailKind::NewMatches, now).route, EmailDecision::Route::Never);
  s.email_application_updates = false;
  EXPECT_EQ(email_decision(s, EmailKind::ApplicationUpdate, now).route,
            EmailDecision::Route::Never);
  s = in_zone("UTC", "disabled");
  s.email_enabled = false;
  for (auto kind : {EmailKind::NewMatches, EmailKind::ApplicationUpdate, EmailKind::Digest,
                    EmailKind::WeeklySummary}) {
    EXPECT_EQ(email_decision(s, kind, now).route, EmailDecision::Route::Never);
  }
}

TEST(NotifyEmailDecisionTest, QuietHoursDeferImmediateEmailButNeverDropIt) {
  auto s = in_zone("UTC", "disabled");
  s.quiet_hours_start = "22:00";
  s.quiet_hours_end = "07:00";
  auto d = email_decision(s, EmailKind::ApplicationUpdate, utc(2026, 5, 5, 23, 15));
  EXPECT_EQ(d.route, EmailDecision::Route::Send);
  EXPECT_EQ(d.send_at, utc(2026, 5, 6, 7, 0));
  EXPECT_EQ(email_decision(s, EmailKind::Digest, utc(2026, 5, 5, 23, 15)).send_at,
            utc(2026, 5, 6, 7, 0));
}

TEST(NotifyEmailDecisionTest, TestAndSecurityMailIgnoreSettingsAndQuietHours) {
  auto s = in_zone("UTC", "daily");
  s.email_enabled = false;
  s.quiet_hours_start = "00:00";
  s.quiet_hours_end = "23:59";
  const int64_t now = utc(2026, 5, 5, 12);
  for (auto kind : {EmailKind::Test, EmailKind::SecurityNotice}) {
    auto d = email_decision(s, kind, now);
    EXPECT_EQ(d.route, EmailDecision::Route::Send);
    EXPECT_EQ(d.send_at, now);
  }
}

// ---- new matches ----

std::vector<NewPosting> postings(int n) {
  std::vector<NewPosting> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({"job" + std::to_string(100 + i), "Title " + std::to_string(i),
                   "Company " + std::to_string(i)});
  }
  return out;
}

TEST(NotifyNewMatchesTest, CreatesAJobMatchNotificationWithTheSpecifiedWording) {
  std::vector<NewPosting> p = {{"b9577c0eec245c80", "Data Engineer", "Contoso Health"}};
  UserMatchInput user{"u1", in_zone("UTC", "disabled"), {{0, 0.87f}}, {}};
  auto results = evaluate_new_matches(p, {user}, 1'700'000'000'000);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].notifications.size(), 1u);
  const Notification& n = results[0].notifications[0];
  EXPECT_EQ(n.type, "job_match");
  EXPECT_EQ(n.title, "New match: Data Engineer");
  EXPECT_EQ(n.message, "Contoso Health is hiring! 87% match");
  EXPECT_EQ(n.job_id, "b9577c0eec245c80");
  EXPECT_NEAR(*n.match_score, 0.87, 1e-6);
  EXPECT_EQ(n.user_id, "u1");
  EXPECT_EQ(n.created_at, 1'700'000'000'000);
  EXPECT_EQ(results[0].email.route, EmailDecision::Route::Send);
  auto email = new_matches_email(results[0].events);
  EXPECT_EQ(email.subject, "New match: Data Engineer");
}

TEST(NotifyNewMatchesTest, AppliesTheUsersThreshold) {
  auto p = postings(3);
  UserMatchInput user{"u1", in_zone("UTC"), {{0, 0.85f}, {1, 0.8499f}, {2, 0.99f}}, {}};
  auto results = evaluate_new_matches(p, {user}, 0);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].events.size(), 2u);
  EXPECT_EQ(results[0].events[0].job_id, "job102");
  EXPECT_EQ(results[0].events[1].job_id, "job100");
  user.settings.min_match_score = 1.0;
  EXPECT_TRUE(evaluate_new_matches(p, {user}, 0).empty());
}

TEST(NotifyNewMatchesTest, NeverNotifiesTheSamePostingTwice) {
  auto p = postings(3);
  p.push_back(p[1]);  // the same posting twice in one run
  UserMatchInput user{
      "u1", in_zone("UTC"), {{0, 0.9f}, {1, 0.9f}, {2, 0.9f}, {3, 0.9f}}, {"job100"}};
  auto results = evaluate_new_matches(p, {user}, 0);
  ASSERT_EQ(results.size(), 1u);
  std::vector<std::string> ids;
  for (const auto& e : results[0].events) ids.push_back(e.job_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"job101", "job102"}));
}

TEST(NotifyNewMatchesTest, CapsEachUserAtTenHighestFirst) {
  auto p = postings(15);
  UserMatchInput user{"u1", in_zone("UTC"), {}, {}};
  for (uint32_t i = 0; i < 15; ++i)
    user.scores.push_back({i, 0.86f + 0.005f * static_cast<float>(i)});
  auto results = evaluate_new_matches(p, {user}, 0);
  ASSERT_EQ(results[0].events.size(), 10u);
  ASSERT_EQ(results[0].notifications.size(), 10u);
  EXPECT_EQ(results[0].events.front().job_id, "job114");
  EXPECT_EQ(results[0].events.back().job_id, "job105");
  for (std::size_t i = 1; i < results[0].events.size(); ++i) {
    EXPECT_GE(results[0].events[i - 1].score, results[0].events[i].score);
  }
  EXPECT_EQ(evaluate_new_matches(p, {user}, 0, 3)[0].events.size(), 3u);
}

TEST(NotifyNewMatchesTest, RespectsTheInAppAndEmailSwitches) {
  auto p = postings(1);
  UserMatchInput user{"u1", in_zone("UTC", "daily"), {{0, 0.95f}}, {}};
  user.settings.notify_new_matches = false;  // e-mail only: the event is kept for the digest
  auto results = evaluate_new_matches(p, {user}, 0);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].notifications.empty());
  EXPECT_EQ(results[0].events.size(), 1u);
  EXPECT_EQ(results[0].email.route, EmailDecision::Route::InDigest);
  user.settings.email_new_matches = false;  // neither channel: nothing at all
  EXPECT_TRUE(evaluate_new_matches(p, {user}, 0).empty());
  user.settings.notify_new_matches = true;  // in-app only
  results = evaluate_new_matches(p, {user}, 0);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].notifications.size(), 1u);
  EXPECT_EQ(results[0].email.route, EmailDecision::Route::Never);
}

TEST(NotifyNewMatchesTest, IgnoresScoresForUnknownPostingsAndUsersWithoutMatches) {
  auto p = postings(2);
  UserMatchInput a{"a", in_zone("UTC"), {{7, 0.99f}}, {}};
  UserMatchInput b{"b", in_zone("UTC"), {{0, 0.2f}}, {}};
  EXPECT_TRUE(evaluate_new_matches(p, {a, b}, 0).empty());
}

// ---- application updates and system notices ----

TEST(NotifyApplicationTest, AStatusChangeCreatesAnApplicationUpdate) {
  ApplicationChange change{"u1",       "j1", "Data Engineer", "Contoso", std::string("applied"),
                           "interview"};
  auto r = evaluate_application_change(in_zone("UTC", "disabled"), change, 5);
  EXPECT_TRUE(r.is_change);
  ASSERT_TRUE(r.notification);
  EXPECT_EQ(r.notification->type, "application_update");
  EXPECT_EQ(r.notification->title, "Application update: Data Engineer");
  EXPECT_EQ(r.notification->message, "Contoso: status changed from applied to interview");
  EXPECT_FALSE(r.notification->match_score);
  EXPECT_EQ(r.email.route, EmailDecision::Route::Send);
  EXPECT_EQ(application_update_email(change).subject, "Application update: Data Engineer");
}

TEST(NotifyApplicationTest, CreatingAnApplicationOrRepeatingItsStatusIsNotAChange) {
  ApplicationChange created{"u1", "j1", "T", "C", std::nullopt, "applied"};
  auto r = evaluate_application_change(in_zone("UTC"), created, 0);
  EXPECT_FALSE(r.is_change);
  EXPECT_FALSE(r.notification);
  EXPECT_EQ(r.email.route, EmailDecision::Route::Never);
  ApplicationChange same{"u1", "j1", "T", "C", std::string("applied"), "applied"};
  EXPECT_FALSE(evaluate_application_change(in_zone("UTC"), same, 0).is_change);
}

TEST(NotifyApplicationTest, TheInAppSwitchOnlyAffectsTheNotification) {
  auto s = in_zone("UTC", "disabled");
  s.notify_application_updates = false;
  ApplicationChange change{"u1", "j1", "T", "C", std::string("applied"), "offer"};
  auto r = evaluate_application_change(s, change, 0);
  EXPECT_FALSE(r.notification);
  EXPECT_EQ(r.email.route, EmailDecision::Route::Send);
}

TEST(NotifySystemTest, TestNotificationIsAlwaysCreatedAndPasswordNoticeFollowsTheSwitch) {
  auto n = test_notification("u1", 9);
  EXPECT_EQ(n.type, "system");
  EXPECT_EQ(n.title, "Test notification");
  EXPECT_EQ(n.message, "This is a test notification from AlignCV.");
  auto s = in_zone("UTC");
  EXPECT_TRUE(password_changed_notification(s, "u1", 0));
  s.notify_system_updates = false;
  EXPECT_FALSE(password_changed_notification(s, "u1", 0));
}

TEST(NotifyRecordTest, SerialisesTheNotificationObject) {
  Notification n;
  n.id = "5a7c9e1b-3d5f-4a72-8c94-e6b8d0f2a4c6";
  n.user_id = "u1";
  n.type = "job_match";
  n.title = "New match: Data Engineer";
  n.message = "Contoso Health is hiring! 87% match";
  n.job_id = "b9577c0eec245c80";
  n.match_score = 0.87;
  n.job_title = "Data Engineer";
  n.job_company = "Contoso Health";
  n.created_at = 1'795'759'204'220;
  Json j = to_json(n);
  EXPECT_EQ(j["id"], n.id);
  EXPECT_EQ(j["match_score"], 0.87);
  EXPECT_EQ(j["email_sent"], false);
  EXPECT_EQ(j["is_read"], false);
  EXPECT_TRUE(j["read_at"].is_null());
  EXPECT_EQ(j["created_at"], format_timestamp(n.created_at));
  EXPECT_EQ(j["job_company"], "Contoso Health");
  EXPECT_FALSE(j.contains("user_id"));
  Notification system = test_notification("u1", 0);
  Json s = to_json(system);
  for (const char* key : {"job_id", "match_score", "job_title", "job_company"})
    EXPECT_TRUE(s[key].is_null()) << key;
}

TEST(NotifyRecordTest, EmailContentRoundTripsThroughJson) {
  EmailContent c{"Subject", "Intro", {{"Heading", {"one", "two"}}}};
  EmailContent back = email_content_from_json(to_json(c));
  EXPECT_EQ(back.subject, "Subject");
  EXPECT_EQ(back.intro, "Intro");
  ASSERT_EQ(back.sections.size(), 1u);
  EXPECT_EQ(back.sections[0].items, (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(email_content_from_json(Json("junk")).subject, "");
}

}  // namespace
}  // namespace aligncv::notify
