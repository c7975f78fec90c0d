// Notifications (api-v2.md §6): a user's settings, their validation and the existing frontend's
// alias fields (§6.1); below them the rules, records, outbox and SMTP delivery.
#pragma once

#include <aligncv/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace aligncv {
// Text safe inside HTML elements and quoted attributes (& < > " '): e-mail bodies, the
// unsubscribe page.
std::string html_escape(std::string_view text);
}  // namespace aligncv

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

// ============================================================================================
// Rules, records, the e-mail outbox and SMTP delivery (api-v2.md §6.2-§6.4). Every rule below is
// a pure function of its inputs and an explicit `now` (Unix ms, from the Engine's Clock), so the
// tests drive them with a ManualClock and never sleep. Nothing here touches the store: the
// Engine reads state, calls a rule, and writes what it returns.
// ============================================================================================

namespace aligncv::notify {

// ---- Time zones ------------------------------------------------------------------------------

// A local civil time.
struct LocalTime {
  int year = 1970, month = 1, day = 1;  // month 1..12, day 1..31
  int hour = 0, minute = 0, second = 0;
  int weekday = 4;         // 0 = Sunday .. 6 = Saturday
  int utc_offset_seconds = 0;
  std::string date() const;  // "YYYY-MM-DD"
};

// An IANA time zone read from the system zone database (/usr/share/zoneinfo, TZif v1-v3, with
// the POSIX-TZ footer for instants past the last transition). Immutable and thread-safe; the
// process-wide TZ variable is never read or set.
class TimeZone {
 public:
  // Cached per name. Throws Error(InvalidArgument, "unknown time zone") when !is_known_time_zone.
  static std::shared_ptr<const TimeZone> load(const std::string& name);
  // A zone with a fixed offset (tests, and the fallback "UTC").
  static std::shared_ptr<const TimeZone> fixed(int utc_offset_seconds);

  // Seconds east of UTC in force at `unix_seconds`.
  int utc_offset(int64_t unix_seconds) const;
  LocalTime to_local(int64_t unix_ms) const;
  // The instant (Unix ms) at which local wall-clock time reads year-month-day hour:minute. A
  // local time skipped by a DST change resolves to the next existing minute (02:30 on a
  // spring-forward day -> 03:00 new time); one that occurs twice resolves to its first occurrence.
  int64_t from_local(int year, int month, int day, int hour, int minute) const;

  struct Data;  // parsed transitions and footer rule (rules.cpp)

 private:
  explicit TimeZone(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

// ---- Notification records (§6.2) ------------------------------------------------------------

struct Notification {
  std::string id;       // UUID v4
  std::string user_id;
  std::string type;     // job_match | application_update | system
  std::string title;
  std::string message;
  std::optional<std::string> job_id;  // job-related types only
  std::optional<double> match_score;  // 0..1, job_match only
  std::optional<std::string> job_title;
  std::optional<std::string> job_company;
  bool email_sent = false;
  bool is_read = false;
  std::optional<int64_t> read_at;  // Unix ms
  int64_t created_at = 0;          // Unix ms
};
// The §6.2 object (no user_id; timestamps as ISO-8601 UTC with milliseconds).
Json to_json(const Notification& notification);

// ---- E-mail content --------------------------------------------------------------------------

// Structured content, rendered to text and HTML only by the mailer, which escapes every string in
// the HTML part: rules never build markup, so no user or job string can inject any.
struct EmailSection {
  std::string heading;
  std::vector<std::string> items;  // one bullet each
};
struct EmailContent {
  std::string subject;
  std::string intro;  // first paragraph
  std::vector<EmailSection> sections;
};
Json to_json(const EmailContent& content);
EmailContent email_content_from_json(const Json& json);  // lenient: missing fields stay empty

// Kinds of e-mail, as stored in the outbox.
enum class EmailKind {
  NewMatches,         // "job_matches": one message per user per import run (digest disabled)
  ApplicationUpdate,  // "application_update" (digest disabled)
  Digest,             // "digest": daily or weekly, may fold in the weekly summary
  WeeklySummary,      // "weekly_summary": on its own (digest disabled)
  Test,               // "test": always sent when SMTP is configured
  SecurityNotice,     // "security": password changed; always sent when SMTP is configured
};
const char* email_kind_name(EmailKind kind);

// What happens to an event's e-mail.
struct EmailDecision {
  enum class Route {
    Never,     // settings say no e-mail for this event
    InDigest,  // waits for the next daily/weekly digest (the digest reads the event back)
    Send,      // an outbox message with next_attempt_at = send_at
  };
  Route route = Route::Never;
  int64_t send_at = 0;  // Unix ms; for Send: `now`, or the end of the quiet hours
};

// The e-mail rule of §6.3 for an event of `kind` happening at `now`: email_enabled and the
// per-kind flag (email_new_matches, email_application_updates, weekly_summary), digest_frequency
// ("disabled" = immediate), and quiet hours, which defer (never drop) to quiet_hours_end. Test and
// SecurityNotice are always sent at once; Digest and WeeklySummary are only deferred by quiet
// hours. An unknown time zone is treated as UTC.
EmailDecision email_decision(const NotificationSettings& settings, EmailKind kind, int64_t now_ms);

// `now` itself when it is outside the quiet hours [start, end) (which may wrap midnight) in the
// user's zone, else the next instant the local clock reads quiet_hours_end.
int64_t defer_past_quiet_hours(const NotificationSettings& settings, int64_t now_ms);

// ---- New matches (§6.3) ----------------------------------------------------------------------

// A posting of the current import run that is new to the catalogue.
struct NewPosting {
  std::string job_id;
  std::string title;
  std::string company;
};
// One already computed score of a user's newest résumé against new posting `posting` (an index
// into the run's NewPosting list). Scoring is the match area's job; the rules only decide.
struct PostingScore {
  uint32_t posting = 0;
  float score = 0;  // 0..1
};
struct UserMatchInput {
  std::string user_id;
  NotificationSettings settings;
  std::vector<PostingScore> scores;                // any order; postings without a score are skipped
  std::unordered_set<std::string> already_notified;  // job ids this user was already told about
};
// A match event: recorded in the dedup table whatever the channels, and read back by digests.
struct MatchEvent {
  std::string user_id;
  std::string job_id;
  std::string title;
  std::string company;
  double score = 0;
  int64_t at = 0;  // Unix ms
};
struct UserMatchResult {
  std::string user_id;
  std::vector<MatchEvent> events;             // highest score first, at most `cap`
  std::vector<Notification> notifications;    // job_match, when notify_new_matches
  EmailDecision email;                        // one message for all `events` (kind NewMatches)
};
// For each user: the new postings whose score reaches min_match_score, not already notified (nor
// repeated within the run), highest first (ties by job id), at most `cap`. Users for whom neither
// channel is on (no notify_new_matches, no e-mail for matches) and users without events are
// omitted. Notification ids are fresh UUIDs; created_at = now. Cost: O(total scores + events log cap).
std::vector<UserMatchResult> evaluate_new_matches(const std::vector<NewPosting>& postings,
                                                  const std::vector<UserMatchInput>& users, int64_t now_ms,
                                                  int cap = 10);
// The e-mail for one run's matches of one user (EmailKind::NewMatches).
EmailContent new_matches_email(const std::vector<MatchEvent>& events);

// ---- Application updates (§6.3) --------------------------------------------------------------

struct ApplicationChange {
  std::string user_id;
  std::string job_id;
  std::string job_title;
  std::string job_company;
  std::optional<std::string> old_status;  // nullopt = the application was just created
  std::string new_status;
};
struct ApplicationUpdateResult {
  bool is_change = false;                   // false: created, or the same status again
  std::optional<Notification> notification;  // when a change and notify_application_updates
  EmailDecision email;                       // kind ApplicationUpdate
};
ApplicationUpdateResult evaluate_application_change(const NotificationSettings& settings,
                                                    const ApplicationChange& change, int64_t now_ms);
EmailContent application_update_email(const ApplicationChange& change);

// ---- System notices --------------------------------------------------------------------------

// "Test notification" / "This is a test notification from AlignCV." (always created).
Notification test_notification(const std::string& user_id, int64_t now_ms);
EmailContent test_email();
// After a password change: a `system` notification when notify_system_updates (nullopt
// otherwise); the security e-mail is always sent (EmailKind::SecurityNotice).
std::optional<Notification> password_changed_notification(const NotificationSettings& settings,
                                                          const std::string& user_id, int64_t now_ms);
EmailContent password_changed_email();

// ---- Digests and the weekly summary (§6.3) ---------------------------------------------------

// The digest slot in force at `now` for a user: daily slots at digest_hour local time every day,
// weekly ones on Mondays; the weekly summary rides on the Monday slot. A slot is named by its
// local date, so a repeated (DST) hour cannot produce it twice and a skipped one runs at the next
// existing minute.
struct DigestSlot {
  EmailKind kind = EmailKind::Digest;  // Digest, or WeeklySummary (digest disabled, Mondays)
  std::string frequency;               // "daily" | "weekly" | "" for a lone weekly summary
  std::string local_date;              // YYYY-MM-DD of the slot
  int64_t scheduled_at = 0;            // Unix ms at which the slot opens
  int64_t period_start = 0;            // events in [period_start, period_end) belong to it
  int64_t period_end = 0;              // == scheduled_at
  bool events = false;                 // list the period's matches/application changes
  bool weekly_summary = false;         // add the past week's counts (period = 7 days)
  int64_t summary_start = 0;           // start of the summary week
};
// The most recent slot with scheduled_at <= now, or nullopt when the user gets no digest
// (email_enabled false, or digest disabled and no weekly_summary / not a Monday slot) or when
// `last_sent_date` already names it. `digest_hour` 0..23 ([DIGEST_HOUR]).
std::optional<DigestSlot> due_digest(const NotificationSettings& settings, int digest_hour, int64_t now_ms,
                                     const std::optional<std::string>& last_sent_date = std::nullopt);

struct ApplicationEvent {
  std::string job_title;
  std::string job_company;
  std::string old_status;  // "" when unknown
  std::string new_status;
  int64_t at = 0;
};
// What a digest says; the Engine fills it from the store for the slot's periods.
struct DigestData {
  std::vector<MatchEvent> matches;                   // in [period_start, period_end)
  std::vector<ApplicationEvent> application_changes;  // in [period_start, period_end)
  std::map<std::string, int64_t> applications_by_status;  // now
  int64_t new_postings = 0;                          // created in the period
  // The weekly summary (past 7 days), when the slot has weekly_summary.
  int64_t week_new_postings = 0;
  int64_t week_matches = 0;
  int64_t week_bookmarks = 0;
  std::map<std::string, int64_t> week_applications_by_status;
};
// The digest e-mail, or nullopt when there is nothing to say (an empty period sends nothing: no
// match and no change in the period, and for the summary no activity at all). Matches are listed
// only with email_new_matches, application changes only with email_application_updates.
std::optional<EmailContent> digest_email(const NotificationSettings& settings, const DigestSlot& slot,
                                         const DigestData& data);

// ---- The outbox (§6.4) -----------------------------------------------------------------------

enum class OutboxState { Pending, Sending, Sent, Failed, Dead };
const char* outbox_state_name(OutboxState state);  // "pending", ...
OutboxState outbox_state_from_name(const std::string& name);  // unknown -> Failed

struct OutboxMessage {
  std::string id;  // the idempotency key; the Message-ID is <id@domain of the sender>
  std::optional<std::string> user_id;
  std::string kind;  // email_kind_name()
  std::string to;    // recipient address
  EmailContent content;
  std::vector<std::string> notification_ids;  // marked email_sent once this message is sent
  OutboxState state = OutboxState::Pending;
  int attempts = 0;             // attempts started (counted when claimed)
  int64_t next_attempt_at = 0;  // Unix ms
  std::optional<int64_t> lease_until;  // while Sending: after this instant a claim is stale
  std::optional<std::string> last_error;  // a sentence without secrets
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> sent_at;
};

// A deterministic key from the parts that identify one e-mail (kind, user, slot or event), so
// that producing the same e-mail twice (a retried import, a digest evaluated twice) yields the
// same key and the outbox keeps one row: 32 hex characters of SHA-256.
std::string idempotency_key(const std::vector<std::string>& parts);

// A new pending message; next_attempt_at = send_at.
OutboxMessage make_outbox_message(std::string key, std::optional<std::string> user_id, EmailKind kind,
                                  std::string to, EmailContent content, int64_t send_at, int64_t now_ms,
                                  std::vector<std::string> notification_ids = {});

// The delay before attempt `attempt + 1` after `attempt` failed (attempt >= 1):
// 1 min x 2^(attempt-1), capped at 6 h, then scaled by a uniform factor in [0.9, 1.1] drawn from
// `rng` (so the result lies in [0.9 x capped, 1.1 x capped]).
int64_t backoff_delay_ms(int attempt, std::mt19937_64& rng);

// What the delivery loop needs from persistence. The SQLite Store offers the same operations
// (Store::claim_due_outbox, ...); the Engine adapts one to the other.
class OutboxStore {
 public:
  virtual ~OutboxStore() = default;
  // Atomically moves up to `limit` messages that are due -- Pending/Failed with next_attempt_at <=
  // now, or Sending whose lease expired before now (a worker died mid-delivery) -- to Sending with
  // lease_until and attempts + 1, and returns them (oldest next_attempt_at first).
  virtual std::vector<OutboxMessage> claim_due_outbox(int64_t now_ms, int64_t lease_until_ms, int limit) = 0;
  // Sending -> Sent; marks the message's notifications email_sent.
  virtual void mark_outbox_sent(const std::string& id, int64_t now_ms) = 0;
  // Sending -> Failed (retry at next_attempt_at) or Dead.
  virtual void mark_outbox_failed(const std::string& id, const std::string& error, int64_t next_attempt_at_ms,
                                  bool dead, int64_t now_ms) = 0;
};

// Sends one message. Throws Error(Unavailable, <cause without secrets>) when it was not accepted.
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual void send(const OutboxMessage& message) = 0;
};

struct DeliveryOptions {
  int max_attempts = 8;                // [SMTP_MAX_ATTEMPTS] the attempt that fails last -> Dead
  int64_t lease_ms = 5 * 60 * 1000;    // longer than the mailer's whole timeout
  int batch_size = 50;                 // messages claimed per round
};
struct DeliveryReport {
  int sent = 0;
  int retried = 0;
  int dead = 0;
};
// Claims the messages due at `now` and sends each one; on failure schedules the next attempt at
// now + backoff_delay_ms(attempts) or, after max_attempts, marks it Dead. Repeats until nothing is
// due, so one call drains the outbox. Errors of the store propagate; a mailer error only fails its
// message. Call from one thread per OutboxStore claim; several processes may run it at once.
DeliveryReport deliver_due(OutboxStore& store, Mailer& mailer, int64_t now_ms, std::mt19937_64& rng,
                           const DeliveryOptions& options = {});

// ---- SMTP (libcurl) --------------------------------------------------------------------------

struct SmtpConfig {
  std::string url;       // [SMTP_URL] smtp://host[:587] (STARTTLS) or smtps://host[:465]
  std::string user;      // [SMTP_USER]
  std::string password;  // [SMTP_PASSWORD]
  std::string from = "AlignCV <noreply@localhost>";  // [SMTP_FROM]
  std::string public_url = "http://127.0.0.1:8000";  // [PUBLIC_URL] base of every link
  std::string preferences_path = "/settings/notifications";  // manage-preferences page
  // smtp:// without credentials: STARTTLS is used when offered but not required (a local relay).
  // With credentials it is always required, so a password never crosses the network in clear.
  bool require_tls = false;
  bool verify_tls = true;          // verify the server's certificate and host name
  // A PEM file of CA certificates to verify the server against instead of the system store
  // (CURLOPT_CAINFO), e.g. a private relay's own CA; empty -> the system store. Verification
  // stays on either way.
  std::string ca_file;
  int connect_timeout_seconds = 10;
  int timeout_seconds = 60;        // the whole transaction
  // Signs the unsubscribe token for a user id; empty -> the unsubscribe headers are omitted.
  std::function<std::string(const std::string& user_id)> unsubscribe_token;
  // Unix ms for the Date header; empty -> the system clock.
  std::function<int64_t()> now_ms;
};

// RFC 5322 text of `message` as the mailer sends it: From, To, Subject (RFC 2047 when not ASCII),
// Date, Message-ID, MIME-Version, List-Unsubscribe(-Post), and a multipart/alternative body with a
// text/plain and a text/html part (quoted-printable, UTF-8). Throws Error(InvalidArgument) when an
// address contains CR/LF.
std::string render_email(const OutboxMessage& message, const SmtpConfig& config);

// A Mailer over libcurl's SMTP. Throws Error(InvalidArgument) for a URL that is not smtp:// or
// smtps://. Thread-safe (one connection per send).
std::unique_ptr<Mailer> make_smtp_mailer(SmtpConfig config);

// The unsubscribe token of List-Unsubscribe: base64url(user_id) "." base64url(HMAC-SHA256(key,
// "unsubscribe:" user_id)). `key` is a server secret (the Engine passes its JWT key).
std::string sign_unsubscribe_token(const std::string& user_id, const std::string& key);
// The user id of a valid token, compared in constant time; nullopt otherwise.
std::optional<std::string> verify_unsubscribe_token(const std::string& token, const std::string& key);

}  // namespace aligncv::notify
