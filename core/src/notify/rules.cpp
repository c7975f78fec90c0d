// Notification rules (api-v2.md §6.3): time zones, new matches, application updates, system
// notices, e-mail timing (quiet hours, digests) and the content of each e-mail. Pure functions of
// their inputs and an explicit `now`; nothing here reads a clock or the store.
#include <aligncv/clock.hpp>
#include <aligncv/error.hpp>
#include <aligncv/notify.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "common/random.hpp"

namespace aligncv::notify {

// ---- Civil calendar (proleptic Gregorian; H. Hinnant's algorithms) ---------------------------

namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year;
  int month;
  int day;
};

Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2), m, d};
}

// 0 = Sunday; 1970-01-01 was a Thursday.
int weekday_of_days(int64_t days) {
  int64_t r = (days + 4) % 7;
  return static_cast<int>(r < 0 ? r + 7 : r);
}

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string format_date(int64_t year, int month, int day) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(year), month, day);
  return buf;
}

// ---- POSIX TZ strings (the TZif footer): "CET-1CEST,M3.5.0,M10.5.0/3" -------------------------

struct PosixDate {
  char form = 'M';  // 'M' (month.week.day), 'J' (1..365, no Feb 29), 'n' (0..365)
  int month = 0, week = 0, weekday = 0, day = 0;
  int64_t time = 7200;  // seconds after local midnight; may be negative or > 24 h (TZif v3)
};

struct PosixRule {
  int std_offset = 0;  // seconds east of UTC
  bool has_dst = false;
  int dst_offset = 0;
  PosixDate start, end;
};

class PosixParser {
 public:
  explicit PosixParser(const std::string& s) : s_(s) {}

  std::optional<PosixRule> parse() {
    PosixRule r;
    if (!name()) return std::nullopt;
    auto off = offset();
    if (!off) return std::nullopt;
    r.std_offset = -*off;  // POSIX counts west of UTC
    if (i_ == s_.size()) return r;
    if (!name()) return std::nullopt;
    r.has_dst = true;
    r.dst_offset = r.std_offset + 3600;
    if (i_ < s_.size() && s_[i_] != ',') {
      auto dst = offset();
      if (!dst) return std::nullopt;
      r.dst_offset = -*dst;
    }
    if (i_ == s_.size()) {  // no rule given: POSIX default M3.2.0,M11.1.0
      r.start = {'M', 3, 2, 0, 0, 7200};
      r.end = {'M', 11, 1, 0, 0, 7200};
      return r;
    }
    if (s_[i_++] != ',') return std::nullopt;
    auto a = date();
    if (!a || i_ >= s_.size() || s_[i_++] != ',') return std::nullopt;
    auto b = date();
    if (!b || i_ != s_.size()) return std::nullopt;
    r.start = *a;
    r.end = *b;
    return r;
  }

 private:
  bool name() {
    if (i_ < s_.size() && s_[i_] == '<') {
      auto close = s_.find('>', i_);
      if (close == std::string::npos) return false;
      i_ = close + 1;
      return true;
    }
    std::size_t start = i_;
    while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
    return i_ - start >= 3;
  }
  std::optional<int64_t> number() {
    if (i_ >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[i_]))) return std::nullopt;
    int64_t v = 0;
    while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_])) && v < 100000) {
      v = v * 10 + (s_[i_++] - '0');
    }
    return v;
  }
  // [+-]hh[:mm[:ss]] in seconds.
  std::optional<int64_t> offset() {
    int sign = 1;
    if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) sign = s_[i_++] == '-' ? -1 : 1;
    auto h = number();
    if (!h) return std::nullopt;
    int64_t v = *h * 3600;
    for (int64_t unit : {60, 1}) {
      if (i_ < s_.size() && s_[i_] == ':') {
        ++i_;
        auto n = number();
        if (!n) return std::nullopt;
        v += *n * unit;
      }
    }
    return sign * v;
  }
  std::optional<PosixDate> date() {
    PosixDate d;
    if (i_ < s_.size() && s_[i_] == 'M') {
      ++i_;
      auto m = number();
      if (!m || i_ >= s_.size() || s_[i_++] != '.') return std::nullopt;
      auto w = number();
      if (!w || i_ >= s_.size() || s_[i_++] != '.') return std::nullopt;
      auto wd = number();
      if (!wd || *m < 1 || *m > 12 || *w < 1 || *w > 5 || *wd > 6) return std::nullopt;
      d.form = 'M';
      d.month = static_cast<int>(*m);
      d.week = static_cast<int>(*w);
      d.weekday = static_cast<int>(*wd);
    } else {
      d.form = 'n';
      if (i_ < s_.size() && s_[i_] == 'J') {
        d.form = 'J';
        ++i_;
      }
      auto n = number();
      if (!n || *n > 365) return std::nullopt;
      d.day = static_cast<int>(*n);
    }
    if (i_ < s_.size() && s_[i_] == '/') {
      ++i_;
      auto t = offset();
      if (!t) return std::nullopt;
      d.time = *t;
    }
    return d;
  }

  const std::string& s_;
  std::size_t i_ = 0;
};

// Days since the epoch of a rule date in `year`.
int64_t rule_day(const PosixDate& d, int64_t year) {
  if (d.form == 'M') {
    const int64_t first = days_from_civil(year, d.month, 1);
    int64_t day = first + ((d.weekday - weekday_of_days(first)) + 7) % 7 + (d.week - 1) * 7;
    const int64_t last = first + days_in_month(year, d.month) - 1;
    while (day > last) day -= 7;  // week 5 = the last such weekday
    return day;
  }
  const int64_t jan1 = days_from_civil(year, 1, 1);
  if (d.form == 'J') return jan1 + d.day - 1 + (is_leap(year) && d.day >= 60 ? 1 : 0);
  return jan1 + d.day;
}

int posix_offset(const PosixRule& r, int64_t t) {
  if (!r.has_dst) return r.std_offset;
  const int64_t year = civil_from_days(floor_div(t + r.std_offset, 86400)).year;
  const int64_t start = rule_day(r.start, year) * 86400 + r.start.time - r.std_offset;
  const int64_t end = rule_day(r.end, year) * 86400 + r.end.time - r.dst_offset;
  const bool in_dst = start < end ? (t >= start && t < end) : (t >= start || t < end);
  return in_dst ? r.dst_offset : r.std_offset;
}

// ---- TZif ------------------------------------------------------------------------------------

uint32_t be32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}
int64_t be64(const unsigned char* p) {
  return static_cast<int64_t>((uint64_t{be32(p)} << 32) | uint64_t{be32(p + 4)});
}

}  // namespace

struct TimeZone::Data {
  std::vector<int64_t> transitions;  // Unix seconds, ascending
  std::vector<int32_t> offsets;      // offset in force from transitions[i]
  int32_t initial_offset = 0;        // before the first transition
  std::optional<PosixRule> rule;     // after the last transition
};

namespace {

std::shared_ptr<TimeZone::Data> parse_tzif(const std::string& bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  auto fail = [] { return std::shared_ptr<TimeZone::Data>(); };
  if (n < 44 || bytes.compare(0, 4, "TZif") != 0) return fail();
  struct Counts {
    uint32_t isut, isstd, leap, time, type, chars;
  };
  auto counts_at = [&](std::size_t at) {
    return Counts{be32(p + at + 20), be32(p + at + 24), be32(p + at + 28),
                  be32(p + at + 32), be32(p + at + 36), be32(p + at + 40)};
  };
  auto block_size = [](const Counts& c, std::size_t time_size) {
    return c.time * time_size + c.time + c.type * 6 + c.chars + c.leap * (time_size + 4) + c.isstd +
           c.isut;
  };
  Counts c = counts_at(0);
  std::size_t at = 44;
  std::size_t time_size = 4;
  const char version = bytes[4];
  if (version >= '2') {  // skip the 32-bit block; read the 64-bit one that follows
    at += block_size(c, 4);
    if (at + 44 > n || bytes.compare(at, 4, "TZif") != 0) return fail();
    c = counts_at(at);
    at += 44;
    time_size = 8;
  }
  if (c.type == 0 || c.time > 100000 || c.type > 256 || at + block_size(c, time_size) > n)
    return fail();
  auto data = std::make_shared<TimeZone::Data>();
  const unsigned char* times = p + at;
  const unsigned char* indices = times + c.time * time_size;
  const unsigned char* types = indices + c.time;
  auto type_offset = [&](uint32_t i) { return static_cast<int32_t>(be32(types + i * 6)); };
  data->initial_offset = type_offset(0);
  for (uint32_t i = 0; i < c.time; ++i) {
    const int64_t t =
        time_size == 8 ? be64(times + i * 8) : static_cast<int32_t>(be32(times + i * 4));
    const uint32_t idx = indices[i];
    if (idx >= c.type) return fail();
    data->transitions.push_back(t);
    data->offsets.push_back(type_offset(idx));
  }
  at += block_size(c, time_size);
  if (time_size == 8 && at < n && bytes[at] == '\n') {
    auto end = bytes.find('\n', at + 1);
    if (end != std::string::npos && end > at + 1) {
      data->rule = PosixParser(bytes.substr(at + 1, end - at - 1)).parse();
    }
  }
  return data;
}

std::shared_ptr<const TimeZone> utc_zone() {
  static const std::shared_ptr<const TimeZone> utc = TimeZone::fixed(0);
  return utc;
}

// The user's zone; an unknown or unreadable one is UTC (settings are validated on write).
std::shared_ptr<const TimeZone> zone_of(const NotificationSettings& settings) {
  if (settings.timezone == "UTC" || settings.timezone.empty()) return utc_zone();
  try {
    return TimeZone::load(settings.timezone);
  } catch (const Error&) {
    return utc_zone();
  }
}

}  // namespace

std::string LocalTime::date() const { return format_date(year, month, day); }

std::shared_ptr<const TimeZone> TimeZone::fixed(int utc_offset_seconds) {
  auto data = std::make_shared<Data>();
  data->initial_offset = utc_offset_seconds;
  return std::shared_ptr<const TimeZone>(new TimeZone(std::move(data)));
}

std::shared_ptr<const TimeZone> TimeZone::load(const std::string& name) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const TimeZone>> cache;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) return it->second;
  }
  if (!is_known_time_zone(name)) throw Error(ErrorCode::InvalidArgument, "unknown time zone");
  std::shared_ptr<const TimeZone> zone;
  std::ifstream in("/usr/share/zoneinfo/" + name, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (auto data = parse_tzif(bytes)) {
    zone = std::shared_ptr<const TimeZone>(new TimeZone(std::move(data)));
  } else if (name == "UTC") {
    zone = fixed(0);
  } else {
    throw Error(ErrorCode::InvalidArgument, "unknown time zone");
  }
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() > 1000) cache.clear();  // names are validated; this only bounds memory
  return cache.emplace(name, zone).first->second;
}

int TimeZone::utc_offset(int64_t t) const {
  const Data& d = *data_;
  if (d.transitions.empty() || t < d.transitions.front()) {
    if (d.transitions.empty() && d.rule) return posix_offset(*d.rule, t);
    return d.initial_offset;
  }
  if (t >= d.transitions.back() && d.rule) return posix_offset(*d.rule, t);
  auto it = std::upper_bound(d.transitions.begin(), d.transitions.end(), t);
  return d.offsets[static_cast<std::size_t>(std::distance(d.transitions.begin(), it)) - 1];
}

LocalTime TimeZone::to_local(int64_t unix_ms) const {
  const int64_t t = floor_div(unix_ms, 1000);
  const int offset = utc_offset(t);
  const int64_t local = t + offset;
  const int64_t days = floor_div(local, 86400);
  const int64_t secs = local - days * 86400;
  const Civil c = civil_from_days(days);
  LocalTime lt;
  lt.year = static_cast<int>(c.year);
  lt.month = c.month;
  lt.day = c.day;
  lt.hour = static_cast<int>(secs / 3600);
  lt.minute = static_cast<int>(secs / 60 % 60);
  lt.second = static_cast<int>(secs % 60);
  lt.weekday = weekday_of_days(days);
  lt.utc_offset_seconds = offset;
  return lt;
}

int64_t TimeZone::from_local(int year, int month, int day, int hour, int minute) const {
  const int64_t naive = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60;
  // Offsets around the wall time; a DST change moves it by less than a day either way.
  const int before = utc_offset(naive - 86400);
  const int after = utc_offset(naive + 86400);
  const int64_t t1 = naive - before;
  const int64_t t2 = naive - after;
  const bool ok1 = utc_offset(t1) == before;
  const bool ok2 = utc_offset(t2) == after;
  if (ok1 && ok2) return std::min(t1, t2) * 1000;  // repeated: the first occurrence
  if (ok1) return t1 * 1000;
  if (ok2) return t2 * 1000;
  // Skipped: the first instant carrying the later offset, i.e. the transition, rounded up to
  // the next whole minute of local time.
  int64_t lo = std::min(t1, t2), hi = std::max(t1, t2);
  while (hi - lo > 1) {
    const int64_t mid = lo + (hi - lo) / 2;
    (utc_offset(mid) == before ? lo : hi) = mid;
  }
  const int64_t local = hi + utc_offset(hi);
  const int64_t rounded = floor_div(local + 59, 60) * 60;
  return (hi + (rounded - local)) * 1000;
}

// ---- Records ---------------------------------------------------------------------------------

Json to_json(const Notification& n) {
  auto opt = [](const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); };
  Json j;
  j["id"] = n.id;
  j["type"] = n.type;
  j["title"] = n.title;
  j["message"] = n.message;
  j["job_id"] = opt(n.job_id);
  j["match_score"] =
      n.match_score ? Json(std::round(*n.match_score * 10000) / 10000) : Json(nullptr);
  j["email_sent"] = n.email_sent;
  j["is_read"] = n.is_read;
  j["read_at"] = n.read_at ? Json(format_timestamp(*n.read_at)) : Json(nullptr);
  j["created_at"] = format_timestamp(n.created_at);
  j["job_title"] = opt(n.job_title);
  j["job_company"] = opt(n.job_company);
  return j;
}

Json to_json(const EmailContent& c) {
  Json sections = Json::array();
  for (const auto& s : c.sections) sections.push_back({{"heading", s.heading}, {"items", s.items}});
  return {{"subject", c.subject}, {"intro", c.intro}, {"sections", sections}};
}

EmailContent email_content_from_json(const Json& j) {
  EmailContent c;
  if (!j.is_object()) return c;
  auto str = [](const Json& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  c.subject = str(j, "subject");
  c.intro = str(j, "intro");
  if (auto it = j.find("sections"); it != j.end() && it->is_array()) {
    for (const auto& s : *it) {
      if (!s.is_object()) continue;
      EmailSection section;
      section.heading = str(s, "heading");
      if (auto items = s.find("items"); items != s.end() && items->is_array()) {
        for (const auto& item : *items) {
          if (item.is_string()) section.items.push_back(item.get<std::string>());
        }
      }
      c.sections.push_back(std::move(section));
    }
  }
  return c;
}

const char* email_kind_name(EmailKind kind) {
  switch (kind) {
    case EmailKind::NewMatches:
      return "job_matches";
    case EmailKind::ApplicationUpdate:
      return "application_update";
    case EmailKind::Digest:
      return "digest";
    case EmailKind::WeeklySummary:
      return "weekly_summary";
    case EmailKind::Test:
      return "test";
    case EmailKind::SecurityNotice:
      return "security";
  }
  return "unknown";
}

// ---- E-mail timing ---------------------------------------------------------------------------

namespace {

std::optional<int> minutes_of(const std::optional<std::string>& hhmm) {
  if (!hhmm || hhmm->size() != 5 || (*hhmm)[2] != ':') return std::nullopt;
  const std::string& s = *hhmm;
  for (int i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

int percent(double score) {
  return static_cast<int>(std::lround(std::clamp(score, 0.0, 1.0) * 100));
}

}  // namespace

int64_t defer_past_quiet_hours(const NotificationSettings& settings, int64_t now_ms) {
  const auto start = minutes_of(settings.quiet_hours_start);
  const auto end = minutes_of(settings.quiet_hours_end);
  if (!start || !end || *start == *end) return now_ms;
  const auto zone = zone_of(settings);
  const LocalTime local = zone->to_local(now_ms);
  const int t = local.hour * 60 + local.minute;
  int64_t days = days_from_civil(local.year, local.month, local.day);
  if (*start < *end) {
    if (t < *start || t >= *end) return now_ms;
  } else {  // wraps midnight: quiet from start to 24:00 and from 00:00 to end
    if (t < *start && t >= *end) return now_ms;
    if (t >= *start) ++days;  // the quiet hours end tomorrow
  }
  const Civil c = civil_from_days(days);
  const int64_t at =
      zone->from_local(static_cast<int>(c.year), c.month, c.day, *end / 60, *end % 60);
  return std::max(at, now_ms);
}

EmailDecision email_decision(const NotificationSettings& s, EmailKind kind, int64_t now_ms) {
  EmailDecision d;
  if (kind == EmailKind::Test || kind == EmailKind::SecurityNotice) {
    d.route = EmailDecision::Route::Send;
    d.send_at = now_ms;
    return d;
  }
  if (!s.email_enabled) return d;
  switch (kind) {
    case EmailKind::NewMatches:
    case EmailKind::ApplicationUpdate: {
      const bool wanted =
          kind == EmailKind::NewMatches ? s.email_new_matches : s.email_application_updates;
      if (!wanted) return d;
      if (s.digest_frequency != "disabled") {
        d.route = EmailDecision::Route::InDigest;
        return d;
      }
      break;
    }
    case EmailKind::WeeklySummary:
      if (!s.weekly_summary) return d;
      break;
    default:
      break;
  }
  d.route = EmailDecision::Route::Send;
  d.send_at = defer_past_quiet_hours(s, now_ms);
  return d;
}

// ---- New matches -----------------------------------------------------------------------------

std::vector<UserMatchResult> evaluate_new_matches(const std::vector<NewPosting>& postings,
                                                  const std::vector<UserMatchInput>& users,
                                                  int64_t now_ms, int cap) {
  std::vector<UserMatchResult> out;
  std::vector<PostingScore> candidates;
  for (const UserMatchInput& user : users) {
    const NotificationSettings& s = user.settings;
    const EmailDecision email = email_decision(s, EmailKind::NewMatches, now_ms);
    if (!s.notify_new_matches && email.route == EmailDecision::Route::Never) continue;
    // Scores arrive as float: a tiny tolerance keeps a score that prints as the threshold a match.
    const double threshold = s.min_match_score - 1e-6;
    candidates.clear();
    for (const PostingScore& ps : user.scores) {
      if (ps.posting < postings.size() && ps.score >= threshold) candidates.push_back(ps);
    }
    if (candidates.empty()) continue;
    std::sort(candidates.begin(), candidates.end(),
              [&](const PostingScore& a, const PostingScore& b) {
                if (a.score != b.score) return a.score > b.score;
                return postings[a.posting].job_id < postings[b.posting].job_id;
              });
    UserMatchResult result;
    result.user_id = user.user_id;
    for (const PostingScore& ps : candidates) {
      if (static_cast<int>(result.events.size()) >= cap) break;
      const NewPosting& p = postings[ps.posting];
      if (user.already_notified.count(p.job_id)) continue;
      const bool repeated = std::any_of(result.events.begin(), result.events.end(),
                                        [&](const MatchEvent& e) { return e.job_id == p.job_id; });
      if (repeated) continue;
      // float -> 4 decimals, so the stored and shown score is 0.87, not 0.8700000047.
      const double score = std::round(static_cast<double>(ps.score) * 10000.0) / 10000.0;
      result.events.push_back({user.user_id, p.job_id, p.title, p.company, score, now_ms});
    }
    if (result.events.empty()) continue;
    if (s.notify_new_matches) {
      for (const MatchEvent& e : result.events) {
        Notification n;
        n.id = uuid_v4();
        n.user_id = user.user_id;
        n.type = "job_match";
        n.title = "New match: " + e.title;
        n.message = e.company + " is hiring! " + std::to_string(percent(e.score)) + "% match";
        n.job_id = e.job_id;
        n.match_score = e.score;
        n.job_title = e.title;
        n.job_company = e.company;
        n.created_at = now_ms;
        result.notifications.push_back(std::move(n));
      }
    }
    result.email = email;
    out.push_back(std::move(result));
  }
  return out;
}

namespace {

std::string match_line(const MatchEvent& e) {
  return e.title + " at " + e.company + ": " + std::to_string(percent(e.score)) + "% match";
}

std::string change_line(const std::string& title, const std::string& company,
                        const std::string& old_status, const std::string& new_status) {
  std::string line = title + " at " + company + ": ";
  line += old_status.empty() ? "status is now " + new_status
                             : "status changed from " + old_status + " to " + new_status;
  return line;
}

}  // namespace

EmailContent new_matches_email(const std::vector<MatchEvent>& events) {
  EmailContent c;
  if (events.size() == 1) {
    c.subject = "New match: " + events[0].title;
    c.intro =
        events[0].company + " is hiring! " + std::to_string(percent(events[0].score)) + "% match";
  } else {
    c.subject = std::to_string(events.size()) + " new job matches on AlignCV";
    c.intro = "New postings match your résumé:";
  }
  EmailSection section{"New matches", {}};
  for (const auto& e : events) section.items.push_back(match_line(e));
  c.sections.push_back(std::move(section));
  return c;
}

// ---- Application updates ---------------------------------------------------------------------

ApplicationUpdateResult evaluate_application_change(const NotificationSettings& s,
                                                    const ApplicationChange& change,
                                                    int64_t now_ms) {
  ApplicationUpdateResult r;
  r.is_change = change.old_status.has_value() && *change.old_status != change.new_status;
  if (!r.is_change) return r;
  if (s.notify_application_updates) {
    Notification n;
    n.id = uuid_v4();
    n.user_id = change.user_id;
    n.type = "application_update";
    n.title = "Application update: " + change.job_title;
    n.message = change.job_company + ": status changed from " + *change.old_status + " to " +
                change.new_status;
    n.job_id = change.job_id;
    n.job_title = change.job_title;
    n.job_company = change.job_company;
    n.created_at = now_ms;
    r.notification = std::move(n);
  }
  r.email = email_decision(s, EmailKind::ApplicationUpdate, now_ms);
  return r;
}

EmailContent application_update_email(const ApplicationChange& change) {
  EmailContent c;
  c.subject = "Application update: " + change.job_title;
  c.intro = change.job_company + ": status changed from " + change.old_status.value_or("") +
            " to " + change.new_status;
  return c;
}

// ---- System notices --------------------------------------------------------------------------

namespace {

Notification system_notification(const std::string& user_id, std::string title, std::string message,
                                 int64_t now_ms) {
  Notification n;
  n.id = uuid_v4();
  n.user_id = user_id;
  n.type = "system";
  n.title = std::move(title);
  n.message = std::move(message);
  n.created_at = now_ms;
  return n;
}

}  // namespace

Notification test_notification(const std::string& user_id, int64_t now_ms) {
  return system_notification(user_id, "Test notification",
                             "This is a test notification from AlignCV.", now_ms);
}

EmailContent test_email() {
  return {"AlignCV test e-mail",
          "This is a test notification from AlignCV. E-mail delivery works.",
          {}};
}

std::optional<Notification> password_changed_notification(const NotificationSettings& s,
                                                          const std::string& user_id,
                                                          int64_t now_ms) {
  if (!s.notify_system_updates) return std::nullopt;
  return system_notification(user_id, "Password changed", "Your password was changed.", now_ms);
}

EmailContent password_changed_email() {
  return {
      "Your AlignCV password was changed",
      "The password of your AlignCV account was just changed, and every other session was signed "
      "out. If you did not do this, reset your password now.",
      {}};
}

// ---- Digests ---------------------------------------------------------------------------------

std::optional<DigestSlot> due_digest(const NotificationSettings& s, int digest_hour, int64_t now_ms,
                                     const std::optional<std::string>& last_sent_date) {
  if (!s.email_enabled) return std::nullopt;
  const std::string& freq = s.digest_frequency;
  const bool daily = freq == "daily";
  if (freq != "daily" && freq != "weekly" && !(freq == "disabled" && s.weekly_summary))
    return std::nullopt;
  const int hour = std::clamp(digest_hour, 0, 23);
  const auto zone = zone_of(s);
  auto slot_at = [&](int64_t days) {
    const Civil c = civil_from_days(days);
    return zone->from_local(static_cast<int>(c.year), c.month, c.day, hour, 0);
  };
  const LocalTime local = zone->to_local(now_ms);
  int64_t day = days_from_civil(local.year, local.month, local.day);
  if (daily) {
    if (slot_at(day) > now_ms) --day;
  } else {  // the most recent Monday slot
    day -= (weekday_of_days(day) + 6) % 7;
    if (slot_at(day) > now_ms) day -= 7;
  }
  DigestSlot slot;
  const Civil c = civil_from_days(day);
  slot.local_date = format_date(c.year, c.month, c.day);
  if (last_sent_date && *last_sent_date == slot.local_date) return std::nullopt;
  slot.scheduled_at = slot_at(day);
  slot.period_end = slot.scheduled_at;
  slot.period_start = slot_at(day - (daily ? 1 : 7));
  slot.summary_start = slot_at(day - 7);
  slot.weekly_summary = s.weekly_summary && weekday_of_days(day) == 1;
  if (freq == "disabled") {
    slot.kind = EmailKind::WeeklySummary;
    slot.events = false;
  } else {
    slot.kind = EmailKind::Digest;
    slot.frequency = freq;
    slot.events = true;
  }
  return slot;
}

std::optional<EmailContent> digest_email(const NotificationSettings& s, const DigestSlot& slot,
                                         const DigestData& data) {
  EmailContent c;
  bool has_events = false;
  if (slot.events) {
    if (s.email_new_matches && !data.matches.empty()) {
      EmailSection section{"New matches (" + std::to_string(data.matches.size()) + ")", {}};
      for (const auto& m : data.matches) section.items.push_back(match_line(m));
      c.sections.push_back(std::move(section));
      has_events = true;
    }
    if (s.email_application_updates && !data.application_changes.empty()) {
      EmailSection section{"Application updates", {}};
      for (const auto& e : data.application_changes) {
        section.items.push_back(
            change_line(e.job_title, e.job_company, e.old_status, e.new_status));
      }
      c.sections.push_back(std::move(section));
      has_events = true;
    }
    if (has_events) {
      EmailSection section{"At a glance", {}};
      section.items.push_back("New postings: " + std::to_string(data.new_postings));
      for (const auto& [status, count] : data.applications_by_status) {
        section.items.push_back("Applications " + status + ": " + std::to_string(count));
      }
      c.sections.push_back(std::move(section));
    }
  }
  bool has_summary = false;
  if (slot.weekly_summary) {
    EmailSection section{"Your week", {}};
    section.items.push_back("New postings: " + std::to_string(data.week_new_postings));
    section.items.push_back("Matches: " + std::to_string(data.week_matches));
    section.items.push_back("Bookmarks: " + std::to_string(data.week_bookmarks));
    int64_t applications = 0;
    for (const auto& [status, count] : data.week_applications_by_status) {
      section.items.push_back("Applications " + status + ": " + std::to_string(count));
      applications += count;
    }
    has_summary =
        data.week_new_postings + data.week_matches + data.week_bookmarks + applications > 0;
    if (has_summary) c.sections.push_back(std::move(section));
  }
  if (!has_events && !has_summary) return std::nullopt;
  if (!has_events) {
    c.subject = "Your AlignCV weekly summary";
    c.intro = "Your week on AlignCV.";
  } else if (slot.frequency == "weekly") {
    c.subject = "Your AlignCV weekly digest";
    c.intro = "What happened this week.";
  } else {
    c.subject = "Your AlignCV daily digest";
    c.intro = "What happened since yesterday.";
  }
  if (has_events && !data.matches.empty() && s.email_new_matches) {
    c.subject += ": " + std::to_string(data.matches.size()) +
                 (data.matches.size() == 1 ? " new match" : " new matches");
  }
  return c;
}

}  // namespace aligncv::notify
