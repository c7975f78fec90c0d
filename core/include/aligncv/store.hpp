// Persistence seam. The Engine is the only user of this interface; SQLite (WAL) is the embedded
// implementation, and a shared PostgreSQL store can implement the same interface later.
// Implementations are thread-safe; every query is parameterised.
#pragma once

#include <aligncv/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aligncv {

struct UserRecord {
  std::string id;
  std::string email;      // as shown (domain lower-cased)
  std::string email_key;  // fully lower-cased; unique
  std::string name;
  std::optional<std::string> password_hash;  // Argon2id PHC; none for Google-only accounts
  std::optional<std::string> google_id;
  std::optional<std::string> phone, location, linkedin_url, github_url, bio;
  bool is_admin = false;  // promoted by the CLI (ALIGNCV_ADMIN_EMAILS is applied by the Engine)
  Json preferences = Json::object();
  int64_t created_at = 0;  // Unix ms
  int64_t updated_at = 0;
};

struct DocumentRecord {
  std::string id;
  std::string user_id;
  std::string file_name;     // display name only, never a path
  std::string file_type;     // pdf | docx | txt | md
  std::string mime_type;
  int64_t file_size = 0;
  std::string storage_path;  // relative to <data_dir>/uploads
  std::string text;          // extracted text
  std::string text_hash;     // SHA-256 hex of text
  Json profile = Json::object();
  Json sections = Json::array();
  Json skills = Json::array();
  Json roles = Json::array();
  Json entities = Json::object();
  int64_t created_at = 0;  // Unix ms
  int64_t updated_at = 0;
};

// A job posting: `data` is the Job object of api-v2.md §4.1 (the match area's to_json) as JSON
// text, so that a large import serialises it on every core before the write.
struct JobRecord {
  std::string job_id;
  std::string source;
  std::string data = "{}";
  int64_t created_at = 0;  // Unix ms; kept when a re-import updates the row
  int64_t updated_at = 0;
};

struct BookmarkRecord {
  std::string id;
  std::string user_id;
  std::string job_id;
  std::optional<std::string> notes;
  int64_t created_at = 0;
};

struct ApplicationRecord {
  std::string id;
  std::string user_id;
  std::string job_id;
  std::string status;
  std::optional<std::string> notes;
  std::optional<std::string> applied_date;  // YYYY-MM-DD
  Json history = Json::array();             // [{"status", "at" (Unix ms)}]
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// A rewrite result (api-v2.md §5.2): `body` is the JSON the creating call returned.
struct VersionRecord {
  std::string id;
  std::string user_id;
  std::string document_id;
  std::string kind;                  // rewrite | tailor | cover_letter | linkedin
  std::optional<std::string> style;  // style, tailoring level or tone; none for LinkedIn
  std::string source;                // llm | local
  std::optional<int64_t> score;      // impact_score, match_score, or none
  Json body = Json::object();
  int64_t created_at = 0;  // Unix ms
};

// What authentication needs to know about a live session, in one lookup.
struct SessionInfo {
  std::string email;
  bool is_admin = false;
};

enum class RefreshUse {
  Rotated,  // the token was live and is now spent
  Reused,   // the token was already spent or its family revoked: the family is now revoked
  Unknown,  // no such token
};

// ---- notifications and outbox (api-v2.md §6) ----

// A §6.2 notification as stored.
struct NotificationRecord {
  std::string id;
  std::string user_id;
  std::string type;  // job_match | application_update | system
  std::string title;
  std::string message;
  std::optional<std::string> job_id;
  std::optional<double> match_score;
  std::optional<std::string> job_title;
  std::optional<std::string> job_company;
  bool email_sent = false;
  bool is_read = false;
  std::optional<int64_t> read_at;  // Unix ms
  int64_t created_at = 0;          // Unix ms
};

// Filters of GET /v2/notifications; all apply together.
struct NotificationFilter {
  std::optional<std::string> type;  // exact type
  std::optional<bool> is_read;      // read / unread only
  int limit = 50;
  int offset = 0;
};

// A (user, posting) pair the user was told about: the dedup key of new-match events, and what
// digests list for their period.
struct NotifiedMatchRecord {
  std::string user_id;
  std::string job_id;
  std::string job_title;
  std::string job_company;
  double score = 0;
  int64_t created_at = 0;  // Unix ms
};

// An outbox row; `id` is the idempotency key (and the Message-ID's local part).
struct OutboxRecord {
  std::string id;
  std::optional<std::string> user_id;
  std::string kind;
  std::string recipient;
  std::string subject;
  Json content = Json::object();  // the notify area's EmailContent as JSON
  std::vector<std::string> notification_ids;
  std::string state = "pending";  // pending | sending | sent | failed | dead
  int attempts = 0;
  int64_t next_attempt_at = 0;  // Unix ms
  std::optional<int64_t> lease_until;
  std::optional<std::string> last_error;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> sent_at;
};

// A user as the notification rules see them: where to write, what they chose, and which résumé
// new postings are scored against.
struct NotificationRecipient {
  std::string user_id;
  std::string email;
  Json settings = Json::object();                 // stored notification settings (canonical)
  Json preferences = Json::object();              // job-search preferences (desired salary)
  std::optional<std::string> newest_document_id;  // the user's newest document, if any
};

// What one rule evaluation produces, written in one transaction.
struct NotificationBatch {
  std::vector<NotifiedMatchRecord> matches;
  std::vector<NotificationRecord> notifications;
  std::vector<OutboxRecord> outbox;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual int schema_version() = 0;
  // A real query; throws Error(Unavailable) when the database does not answer.
  virtual void ping() = 0;

  // ---- users ----
  // Throws Error(Conflict, "Email already registered") when email_key exists.
  virtual void create_user(const UserRecord& user, const Json& notification_settings) = 0;
  virtual std::optional<UserRecord> user_by_id(const std::string& id) = 0;
  virtual std::optional<UserRecord> user_by_email_key(const std::string& email_key) = 0;
  virtual std::optional<UserRecord> user_by_google_id(const std::string& google_id) = 0;
  // Writes every field of `user` (matched by id).
  virtual void update_user(const UserRecord& user) = 0;
  // Deletes the user and, by cascade, everything linked to them. False when absent.
  virtual bool delete_user(const std::string& id) = 0;

  virtual Json notification_settings(const std::string& user_id) = 0;
  virtual void save_notification_settings(const std::string& user_id, const Json& settings) = 0;

  // ---- documents (always scoped to their owner) ----
  virtual void insert_document(const DocumentRecord& document) = 0;
  // Newest first. with_text=false leaves `text` and `profile` empty (list views).
  virtual std::vector<DocumentRecord> documents(const std::string& user_id, int limit, int offset,
                                                bool with_text) = 0;
  virtual int64_t document_count(const std::string& user_id) = 0;
  virtual std::optional<DocumentRecord> document(const std::string& user_id, const std::string& id) = 0;
  // False when the user has no such document.
  virtual bool delete_document(const std::string& user_id, const std::string& id) = 0;

  // ---- jobs ----
  // Inserts or updates each record by job_id, all in one transaction. An existing row keeps its
  // created_at (written back into the record); returns, per record, whether it was new.
  // `more_follow`: the caller writes more batches right away (a bulk import), so this commit
  // leaves the write-ahead log for the last batch to copy into the database once.
  virtual std::vector<bool> upsert_jobs(std::vector<JobRecord>& jobs, bool more_follow = false) = 0;
  virtual std::vector<JobRecord> all_jobs() = 0;
  virtual int64_t job_count() = 0;

  // ---- bookmarks and applications (always scoped to their owner) ----
  // Throws Error(Conflict, "Job already bookmarked") when the user has one for the job.
  virtual void insert_bookmark(const BookmarkRecord& bookmark) = 0;
  virtual std::vector<BookmarkRecord> bookmarks(const std::string& user_id) = 0;  // newest first
  // `id` is a bookmark id or a job_id. False when the user has no such bookmark.
  virtual bool delete_bookmark(const std::string& user_id, const std::string& id) = 0;
  // `id` is an application id or a job_id.
  virtual std::optional<ApplicationRecord> application(const std::string& user_id, const std::string& id) = 0;
  // Inserts or replaces by id (one application per user and job).
  virtual void save_application(const ApplicationRecord& application) = 0;
  virtual std::vector<ApplicationRecord> applications(const std::string& user_id) = 0;  // updated first
  virtual bool delete_application(const std::string& user_id, const std::string& id) = 0;

  // ---- rewrite versions (always scoped to their owner) ----
  virtual void insert_version(const VersionRecord& version) = 0;
  // The versions of one document, newest first.
  virtual std::vector<VersionRecord> versions(const std::string& user_id, const std::string& document_id) = 0;
  // Every version of the user, newest first (data export).
  virtual std::vector<VersionRecord> user_versions(const std::string& user_id) = 0;
  virtual std::optional<VersionRecord> version(const std::string& user_id, const std::string& id) = 0;

  // ---- token families and revocation ----
  virtual void create_family(const std::string& sid, const std::string& user_id, int64_t now) = 0;
  virtual void add_refresh_token(const std::string& jti, const std::string& sid, int64_t expires_at) = 0;
  // Atomically spends a refresh token of family `sid`; a second use revokes the family.
  virtual RefreshUse use_refresh_token(const std::string& jti, const std::string& sid, int64_t now) = 0;
  virtual void revoke_family(const std::string& sid, int64_t now) = 0;
  // Revokes every family of the user except `keep_sid` (empty = all).
  virtual void revoke_user_families(const std::string& user_id, const std::string& keep_sid, int64_t now) = 0;
  // Revokes one access token until it expires.
  virtual void revoke_token(const std::string& jti, int64_t expires_at) = 0;
  // The session of family `sid` for an access token `jti`, if the family is live, belongs to an
  // existing user and the token is not revoked.
  virtual std::optional<SessionInfo> live_session(const std::string& sid, const std::string& jti) = 0;
  // Drops revocation rows and spent refresh tokens that expired before `now` (Unix seconds).
  virtual void purge_expired(int64_t now) = 0;

  // ---- notifications and outbox ----
  // In one transaction: records `matches` (a pair already recorded is skipped), inserts the
  // notifications -- except a job_match whose (user, job) pair was already recorded before this
  // batch, so concurrent runs cannot notify twice -- and enqueues the outbox rows (a row whose id
  // exists is kept as it is: idempotent). Returns the number of notifications inserted.
  virtual int64_t commit_notifications(const NotificationBatch& batch) = 0;
  // Newest first, filtered and paged.
  virtual std::vector<NotificationRecord> notifications(const std::string& user_id,
                                                        const NotificationFilter& filter) = 0;
  // How many match the filter (limit/offset ignored).
  virtual int64_t notification_count(const std::string& user_id, const NotificationFilter& filter) = 0;
  virtual int64_t unread_notification_count(const std::string& user_id) = 0;
  virtual std::optional<NotificationRecord> notification(const std::string& user_id, const std::string& id) = 0;
  // Sets is_read and, the first time only, read_at. False when the user has no such notification.
  virtual bool mark_notification_read(const std::string& user_id, const std::string& id, int64_t now) = 0;
  // Returns how many were unread.
  virtual int64_t mark_all_notifications_read(const std::string& user_id, int64_t now) = 0;
  virtual bool delete_notification(const std::string& user_id, const std::string& id) = 0;

  // Every user with their settings and newest document id, in one query (new-match runs and
  // digests read them once per run).
  virtual std::vector<NotificationRecipient> notification_recipients() = 0;
  // The (user_id, job_id) pairs already recorded for any of `job_ids`.
  virtual std::vector<std::pair<std::string, std::string>> notified_pairs(const std::vector<std::string>& job_ids) = 0;
  // The user's recorded matches with created_at in [from, to), oldest first.
  virtual std::vector<NotifiedMatchRecord> notified_matches(const std::string& user_id, int64_t from, int64_t to) = 0;
  // Postings first imported in [from, to) (Unix ms).
  virtual int64_t jobs_created_between(int64_t from, int64_t to) = 0;

  // Inserts unless a row with this id exists; true when inserted.
  virtual bool enqueue_outbox(const OutboxRecord& message) = 0;
  virtual std::optional<OutboxRecord> outbox_message(const std::string& id) = 0;
  // Atomically claims up to `limit` due rows (pending/failed with next_attempt_at <= now, or
  // sending with lease_until < now): state sending, lease_until, attempts + 1. Oldest due first.
  virtual std::vector<OutboxRecord> claim_due_outbox(int64_t now, int64_t lease_until, int limit) = 0;
  // sending -> sent, and the row's notifications email_sent; a row in another state is left alone.
  virtual void mark_outbox_sent(const std::string& id, int64_t now) = 0;
  // sending -> failed (next attempt at next_attempt_at) or dead.
  virtual void mark_outbox_failed(const std::string& id, const std::string& error, int64_t next_attempt_at,
                                  bool dead, int64_t now) = 0;
  // Rows per state (every state present, 0 when none), for metrics.
  virtual std::map<std::string, int64_t> outbox_counts() = 0;
};

// Opens (creating if needed) the SQLite database at `path` and applies pending migrations.
// Throws Error(Unavailable) when it cannot be opened.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace aligncv
