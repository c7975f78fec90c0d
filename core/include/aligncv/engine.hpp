// The product's operations, one call per user action. Each takes the acting user (a Principal)
// where it needs one and enforces ownership. Faces call these and only translate.
//
// Request bodies are passed as JSON objects, the same ones the HTTP face receives and the Python
// face builds from keyword arguments, so validation (and its 422 issue list) lives here once.
// Thread-safe: one Engine serves every HTTP worker.
#pragma once

#include <aligncv/document.hpp>
#include <aligncv/error.hpp>
#include <aligncv/json.hpp>
#include <aligncv/log.hpp>
#include <aligncv/match.hpp>
#include <aligncv/notify.hpp>
#include <aligncv/options.hpp>
#include <aligncv/resume.hpp>
#include <aligncv/rewrite.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv {

// Who is calling, from where: used for throttling and logs.
struct ClientInfo {
  std::string ip;          // the client address (after TRUSTED_PROXIES resolution)
  std::string request_id;  // for log lines
};

// An authenticated caller, from a verified access token.
struct Principal {
  std::string user_id;
  std::string email;
  std::string session_id;  // token family (sid)
  std::string token_id;    // jti of the access token
  int64_t token_expires_at = 0;  // Unix seconds
  bool is_admin = false;
};

struct Preferences {
  std::vector<std::string> job_types = {"Full-time"};
  std::optional<int64_t> min_salary = 0;
  std::vector<std::string> preferred_locations;
  bool remote_only = false;
  int items_per_page = 20;
  bool show_company_logos = true;
};
Json to_json(const Preferences& preferences);

struct User {
  std::string id;
  std::string name;
  std::string email;
  std::optional<std::string> google_id;
  int64_t created_at = 0;  // Unix ms
  int64_t updated_at = 0;
  std::optional<std::string> phone;
  std::optional<std::string> location;
  std::optional<std::string> linkedin_url;
  std::optional<std::string> github_url;
  std::optional<std::string> bio;
  bool is_admin = false;
  bool has_password = false;
  Preferences preferences;
};
// The full User object of /me and /profile.
Json to_json(const User& user);
// The AuthUser subset inside auth responses: id, name, email, google_id, created_at.
Json to_auth_user_json(const User& user);

struct TokenPair {
  std::string access_token;
  std::string refresh_token;
  std::string token_type = "bearer";
  int64_t expires_in = 0;  // access lifetime in seconds
};
Json to_json(const TokenPair& tokens);

struct AuthResult {
  User user;
  TokenPair tokens;
  std::string message;  // "User registered successfully" or "Login successful"
  bool created = false; // a new account was made
};
// {"user": AuthUser, "tokens": {...}, "message": "..."}
Json to_json(const AuthResult& result);

struct Health {
  bool healthy = false;
  std::string version;
  std::string environment;
  std::map<std::string, std::string> checks;  // database, storage, llm, smtp
};
Json to_json(const Health& health);

// A résumé as stored for its owner (api-v2.md §3.1).
struct StoredDocument {
  std::string id;
  std::string file_name;  // the client's name, cleaned; display only
  std::string file_type;  // pdf | docx | txt | md
  std::string mime_type;
  int64_t file_size = 0;
  int64_t text_length = 0;  // code points of the extracted text
  std::string storage_path;  // user_<user id>/<document id>.<ext>, relative to the uploads folder
  std::string text_hash;
  std::vector<std::string> skills;
  std::vector<std::string> roles;
  int64_t created_at = 0;  // Unix ms
  int64_t updated_at = 0;
  std::optional<std::string> extracted_text;  // detail views, and lists with include_text
  Json profile;   // detail views: the profile object of §3.1
  Json sections;  // detail views
  Json entities;  // detail views
};
// List item (+ extracted_text when loaded).
Json to_summary_json(const StoredDocument& document);
// Detail object of GET /v2/documents/{id}.
Json to_json(const StoredDocument& document);
// Response of POST /v2/documents/upload.
Json to_upload_json(const StoredDocument& document);

struct DocumentPage {
  std::vector<StoredDocument> documents;
  int64_t total = 0;
};
Json to_json(const DocumentPage& page);

struct DocumentFile {
  std::string bytes;
  std::string mime_type;
  std::string file_name;
};

// A document read and parsed without storing it (CLI `aligncv parse`, aligncv.parse_bytes).
struct ParsedDocument {
  text::Document document;
  resume::ParseResult result;
};
// {"file_type", "text", "skills", "roles", "entities", "profile", "sections"}.
Json to_json(const ParsedDocument& parsed);
// Detects the type, extracts and parses within `limits` (time budget included). Throws the
// errors of text::extract.
ParsedDocument parse_document(std::string_view file_name, std::string_view bytes,
                              const text::ExtractLimits& limits = {});

// The upload limit of api-v2.md §1.8: MAX_FILE_SIZE_MB MiB (a file of exactly that size is
// allowed), and the PayloadTooLarge error for a file over it. upload_document enforces them; the
// HTTP face also answers from Content-Length, before it reads a body.
uint64_t max_upload_bytes(const Options& options);
Error upload_too_large(const Options& options);

// ---- Jobs (api-v2.md §4) ----

// The outcome of POST /v2/jobs/import: total = new_jobs + updated_jobs + rejected.size().
struct ImportSummary {
  int64_t total = 0;
  int64_t new_jobs = 0;
  int64_t updated_jobs = 0;
  std::vector<match::ImportReject> rejected;
};
Json to_json(const ImportSummary& summary);
// {"total_ingested", "new_jobs", "updated_jobs", "embeddings_created"} of POST /v2/jobs/ingest.
Json to_ingest_json(const ImportSummary& summary);

// A job as one user sees it (GET /v2/jobs/{id}).
struct JobView {
  match::Job job;
  bool is_bookmarked = false;
  bool is_applied = false;
};
Json to_json(const JobView& view);

struct JobPage {
  std::vector<match::Job> jobs;  // description cut in to_json
  int64_t total = 0;             // jobs matching the filters (X-Total-Count)
};
// The JSON array of the page (total goes into a header).
Json to_json(const JobPage& page);

struct MatchResult {
  match::Hit hit;
  bool is_bookmarked = false;
  bool is_applied = false;
};
Json to_json(const std::vector<MatchResult>& results);

struct Bookmark {
  std::string id;
  std::string job_id;
  std::optional<std::string> notes;
  int64_t created_at = 0;  // Unix ms
  match::Job job;
};
Json to_json(const std::vector<Bookmark>& bookmarks);

struct StatusChange {
  std::string status;
  int64_t at = 0;  // Unix ms
};
struct Application {
  std::string id;
  std::string job_id;
  std::string status;  // saved | applied | interviewing | offered | rejected | withdrawn | accepted
  std::optional<std::string> notes;
  std::optional<std::string> applied_date;  // YYYY-MM-DD (UTC) of the first status past "saved"
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::vector<StatusChange> history;
  match::Job job;
};
Json to_json(const Application& application);
Json to_json(const std::vector<Application>& applications);

// The body limit of POST /v2/jobs/import (MAX_IMPORT_SIZE_MB MiB) and its 413 error.
uint64_t max_import_bytes(const Options& options);
Error import_too_large(const Options& options);

// ATS report of a résumé text against a job description, with no database (aligncv.score).
// Validation when either text is shorter than 50 characters.
match::AtsReport score_texts(std::string_view resume_text, std::string_view job_description);

// The bundled demo catalogue (core/data/demo_jobs.jsonl, built from O*NET data).
std::vector<match::Job> demo_jobs();

// Matches a résumé file against postings with no database (CLI `aligncv match`). `jobs` empty =
// the demo catalogue. Throws the errors of text::extract.
std::vector<match::Hit> match_document(std::string_view file_name, std::string_view bytes,
                                       const std::vector<match::Job>& jobs, std::size_t top_k,
                                       const match::Filters& filters = {});

// ---- Rewriting without a database (aligncv.rewrite_text, CLI `aligncv rewrite` / `tailor`) ----
// Local engine only (no LLM), deterministic. `style` and `level` as in api-v2.md §5: an unknown
// style is a Validation error (literal_error at rewrite_style), an unknown level InvalidArgument
// "Invalid tailoring level. ...".

// Rewrites a résumé text. Validation when the text is empty or over 100,000 characters.
rewrite::RewriteResult rewrite_text(std::string_view text, std::string_view style = "Technical");
// Reads a résumé file (the errors of text::extract) and rewrites its text.
rewrite::RewriteResult rewrite_document(std::string_view file_name, std::string_view bytes,
                                        std::string_view style);
// Reads a résumé file and tailors it to a job description (50..20,000 characters, else
// Validation at job_description).
rewrite::TailorResult tailor_document(std::string_view file_name, std::string_view bytes,
                                      std::string_view job_description,
                                      std::string_view level = "moderate");

// ---- Notifications (api-v2.md §6) ----

// GET /v2/notifications: one page, newest first.
struct NotificationPage {
  std::vector<notify::Notification> notifications;
  int64_t total = 0;   // notifications matching the filters, before paging
  int64_t unread = 0;  // all of the user's unread notifications (the badge), whatever the filters
};
// {"total", "unread", "notifications": [§6.2 objects]}.
Json to_json(const NotificationPage& page);

// POST /v2/notifications/test.
struct TestNotificationResult {
  std::string notification_id;  // empty when no notification was made (CLI send-test to a stranger)
  std::string email;            // the recipient
  bool queued = false;          // an e-mail was queued: true only when SMTP is configured
};
// {"message", "notification_id", "email", "delivery": "queued" | "smtp_not_configured"}.
Json to_json(const TestNotificationResult& result);

// What one run of run_due_notifications did.
struct NotificationRunReport {
  bool smtp_configured = false;
  int64_t digests = 0;  // digest and weekly-summary messages queued
  int64_t sent = 0;     // messages delivered
  int64_t retried = 0;  // failed attempts that will be retried
  int64_t dead = 0;     // messages given up after SMTP_MAX_ATTEMPTS
};
Json to_json(const NotificationRunReport& report);

class Engine {
 public:
  // Opens (and migrates) the store, loads or creates the JWT secret, sets up logging.
  // Throws Error(InvalidArgument) for invalid options, Error(Unavailable) if the store fails.
  static std::unique_ptr<Engine> open(Options options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Options& options() const;
  Logger& logger();

  // ---- Accounts and tokens (api-v2.md §2) ----
  // body: {name, email, password}. Conflict "Email already registered"; Validation.
  AuthResult signup(const Json& body, const ClientInfo& client = {});
  // body: {email, password}. InvalidCredentials "Invalid email or password"; RateLimited.
  AuthResult login(const Json& body, const ClientInfo& client = {});
  // body: {token}. NotConfigured when GOOGLE_CLIENT_ID is unset.
  AuthResult google_sign_in(const Json& body, const ClientInfo& client = {});
  // body: {refresh_token}. Rotates; reuse revokes the whole family. InvalidToken.
  TokenPair refresh(const Json& body);
  // body: {refresh_token?}. Revokes the caller's family, the optional refresh token's family
  // (if it is the caller's), and the access token itself.
  void logout(const Principal& me, const Json& body = Json::object());

  // Verifies an access token: signature, claims, revocation, the user's existence.
  // Throws Error(InvalidToken, "Invalid or expired token").
  Principal authenticate(std::string_view access_token) const;
  // Same from an Authorization header value; missing/empty/non-Bearer throws
  // Error(Unauthenticated, "Not authenticated").
  Principal authenticate_header(std::string_view authorization) const;

  User me(const Principal& me);
  // Merge update of name, phone, location, linkedin_url, github_url, bio ("" or null clears).
  User update_profile(const Principal& me, const Json& patch);
  // body: {current_password, new_password}. Revokes every other token family of the user.
  void change_password(const Principal& me, const Json& body, const ClientInfo& client = {});
  Preferences preferences(const Principal& me);
  Preferences update_preferences(const Principal& me, const Json& patch);
  // Everything held on the user (no hashes, tokens or file bytes).
  Json export_data(const Principal& me);
  // Deletes the user and everything linked to them; revokes all their tokens.
  void delete_account(const Principal& me);

  // ---- Documents (api-v2.md §3) ----
  // Checks size (PayloadTooLarge), the upload rate limit, type and content; stores the original
  // under a generated name and the text, hash and profile. Errors as in §3's upload table.
  StoredDocument upload_document(const Principal& me, std::string_view file_name, std::string_view bytes);
  // query: {limit 1..100 (100), offset >= 0 (0), include_text bool (false)}; newest first.
  DocumentPage documents(const Principal& me, const Json& query = Json::object());
  // NotFound "Document not found" for unknown, malformed or foreign ids.
  StoredDocument document(const Principal& me, const std::string& document_id);
  DocumentFile document_file(const Principal& me, const std::string& document_id);
  // A JSON Resume v1.0.0 document built from the profile (null keys omitted).
  Json document_json_resume(const Principal& me, const std::string& document_id);
  // Deletes the record and the stored file.
  void delete_document(const Principal& me, const std::string& document_id);

  // ---- Jobs (api-v2.md §4) ----
  // Admin only (Forbidden "Admin privileges required"). The format comes from `format_param`,
  // else `content_type`, else `file_name`'s extension (UnsupportedMediaType otherwise). The index
  // is updated before this returns.
  // `progress`, when given, is called with (records saved, records read) as the import goes on.
  using ImportProgress = std::function<void(std::size_t saved, std::size_t total)>;
  ImportSummary import_jobs(const Principal& me, std::string_view body, std::string_view format_param,
                            std::string_view content_type, std::string_view file_name = {},
                            const ImportProgress& progress = {});
  // Admin only. (Re)loads the bundled demo catalogue.
  ImportSummary ingest_demo_jobs(const Principal& me);
  // query: {skip, limit 1..100 (20), source, q, location, remote, employment_type, experience_level}.
  JobPage jobs(const Principal& me, const Json& query = Json::object());
  // {"jobs", "sources": {source: count}, "index": {"size", "memory_bytes"}}.
  Json job_stats(const Principal& me);
  // NotFound "Job not found".
  JobView job(const Principal& me, const std::string& job_id);
  // POST /v2/jobs/match body (resume_id required, top_k, filters). NotFound "Resume not found".
  std::vector<MatchResult> match_jobs(const Principal& me, const Json& body);
  // GET /v2/jobs/match query: the résumé is resume_id, else the newest document, else the query
  // alone; NotFound "No resume found. Upload a resume first." with neither.
  std::vector<MatchResult> match_jobs_query(const Principal& me, const Json& query);
  // POST /v2/jobs/score: the ATS report plus resume_id and job_id.
  Json score_resume(const Principal& me, const Json& body);

  // body: {job_id, notes?}. NotFound "Job not found"; Conflict "Job already bookmarked".
  // Returns the bookmark id.
  std::string add_bookmark(const Principal& me, const Json& body);
  std::vector<Bookmark> bookmarks(const Principal& me);  // newest first
  // `id` is a bookmark id or a job_id. NotFound "Bookmark not found".
  void remove_bookmark(const Principal& me, const std::string& id);

  // body: {job_id, status?, notes?}. Creates or updates the caller's application for the job;
  // `created` tells which. NotFound "Job not found"; Validation for a bad status.
  Application apply(const Principal& me, const Json& body, bool* created = nullptr);
  std::vector<Application> applications(const Principal& me);  // most recently updated first
  // `id` is an application id or a job_id. partial=false (PUT) requires status.
  // NotFound "Application not found".
  Application update_application(const Principal& me, const std::string& id, const Json& body,
                                 bool partial);
  void delete_application(const Principal& me, const std::string& id);

  // ---- Rewrite (api-v2.md §5) ----
  // Each call validates its body (422), checks the rewrite limit shared by the four calls
  // (RateLimited "Rewrite limit reached (30 per hour). Try again in N seconds."), reads the
  // caller's document (NotFound with the route's message; InvalidArgument "Document has no text
  // content to rewrite"), produces the result (the LLM when configured, with fallback to the local
  // engine), persists it as a version and returns the §5 response with version_id and resume_id.
  // Only successful calls count toward the limit.

  // body: {resume_id, rewrite_style}. NotFound "Document not found or access denied".
  Json rewrite(const Principal& me, const Json& body);
  // body: {resume_id, job_description 50..20,000, tailoring_level = "moderate"}. An unknown level
  // is InvalidArgument "Invalid tailoring level. ..."; NotFound "Document not found or you don't
  // have permission to access it".
  Json tailor(const Principal& me, const Json& body);
  // body: {resume_id, exactly one of job_description (50..20,000) or job_id, tone =
  // "professional"}. NotFound "Document not found or access denied" or "Job not found".
  Json cover_letter(const Principal& me, const Json& body);
  // body: {resume_id, target_role? <= 100}. NotFound "Document not found or access denied".
  Json linkedin(const Principal& me, const Json& body);
  // The document's versions, newest first: [{version_id, kind, style, source, created_at,
  // impact_score}]. NotFound "Document not found".
  Json versions(const Principal& me, const std::string& document_id);
  // The body the creating call returned plus kind, source and created_at. NotFound "Version not
  // found".
  Json version(const Principal& me, const std::string& version_id);

  // ---- Notification settings (api-v2.md §6.1) ----
  notify::NotificationSettings notification_settings(const Principal& me);
  notify::NotificationSettings update_notification_settings(const Principal& me, const Json& patch);

  // ---- Notifications (api-v2.md §6) ----
  // New matches are evaluated by import_jobs and ingest_demo_jobs (new postings only),
  // application updates by apply and update_application, the security notice by
  // change_password; e-mail goes through the durable outbox drained by run_due_notifications.

  // query: {unread_only bool (false), status read|unread, type job_match|application_update|system,
  // limit 1..100 (50), offset >= 0 (0)}; all filters apply together. Validation (loc "query").
  NotificationPage notifications(const Principal& me, const Json& query = Json::object());
  // Sets is_read (read_at the first time only). NotFound "Notification not found".
  void mark_notification_read(const Principal& me, const std::string& id);
  // Returns how many were unread.
  int64_t mark_all_notifications_read(const Principal& me);
  // NotFound "Notification not found".
  void delete_notification(const Principal& me, const std::string& id);
  // A `system` notification ("Test notification") and, only when SMTP is configured, a test
  // e-mail to the caller's address, sent at once whatever the settings.
  TestNotificationResult test_notification(const Principal& me);
  // CLI `aligncv notify send-test EMAIL`: the test notification of the account with this
  // e-mail, or only a test e-mail for an address without an account. Unavailable "SMTP is not
  // configured (set SMTP_URL)" without SMTP.
  TestNotificationResult send_test_email(const std::string& email);
  // The user id of an unsubscribe token (List-Unsubscribe link). InvalidArgument "Invalid
  // unsubscribe link" when it is missing, forged or names no user. Changes nothing.
  std::string check_unsubscribe_token(std::string_view token);
  // One-click unsubscribe: the token's user gets email_enabled false. Errors as above.
  void unsubscribe(std::string_view token);
  // The token carried by every e-mail to this user (tests, and the mailer's links).
  std::string unsubscribe_token(const std::string& user_id) const;
  // Queues the digests and weekly summaries due at `now_ms` (default: the clock) for every user
  // in their time zone, then delivers the due outbox messages over SMTP (when SMTP_URL is set).
  // Safe to call from several threads and processes: the outbox claims rows with a lease and
  // digests are keyed by user and slot, so nothing is sent twice.
  NotificationRunReport run_due_notifications(std::optional<int64_t> now_ms = std::nullopt);
  // Outbox rows per state (pending, sending, sent, failed, dead) for metrics.
  std::map<std::string, int64_t> outbox_counts();

  // ---- Administration (CLI) ----
  // Creates a user directly (no tokens). Same rules as signup.
  User create_user(const std::string& email, const std::string& name, const std::string& password);
  // Marks the user with this e-mail as admin. NotFound "User not found".
  User promote_admin(const std::string& email);

  // ---- Meta (api-v2.md §7) ----
  // A real database query (500 ms budget) and a storage write check; no network calls.
  Health health();
  // {"message", "version", "docs", "features"}: features reflect the configuration.
  Json api_info() const;

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace aligncv
