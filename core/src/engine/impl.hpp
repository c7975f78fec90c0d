// Engine internals shared by the engine's source files.
#pragma once

#include <aligncv/auth.hpp>
#include <aligncv/engine.hpp>
#include <aligncv/store.hpp>

#include "common/rate_window.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace aligncv {

struct Engine::Impl {
  Options options;
  std::shared_ptr<Clock> clock;
  std::unique_ptr<Logger> logger;
  std::unique_ptr<Store> store;
  std::unique_ptr<auth::PasswordHasher> hasher;
  std::unique_ptr<auth::TokenCodec> tokens;
  std::unique_ptr<auth::LoginThrottle> throttle;
  std::unique_ptr<auth::GoogleVerifier> google;  // null when GOOGLE_CLIENT_ID is unset
  std::set<std::string> admin_email_keys;        // from ALIGNCV_ADMIN_EMAILS
  std::filesystem::path uploads_dir;             // <data_dir>/uploads
  std::unique_ptr<RateWindow> uploads;           // successful uploads per user per hour
  std::unique_ptr<match::Index> jobs;            // every posting, rebuilt from the store at open
  std::unique_ptr<RateWindow> rewrites;          // successful rewrite-family calls per user per hour
  std::unique_ptr<rewrite::Rewriter> rewriter;   // local engine + the LLM of the options, if any

  // Notifications (notifications.cpp).
  std::string unsubscribe_key;             // derived from the JWT secret at open
  std::unique_ptr<notify::Mailer> mailer;  // null when SMTP_URL is unset
  std::mutex delivery_mutex;               // one deliver_due at a time per process
  std::mt19937_64 rng{std::random_device{}()};  // backoff jitter
  std::mutex digest_mutex;
  std::map<std::string, std::string> digest_done;  // user id -> local date of the last slot handled

  using SharedJobs = std::vector<std::shared_ptr<const match::Job>>;
  // Stores and indexes postings; counts new and updated ones into `summary`. `fresh`, when
  // given, receives the postings that were new to the catalogue.
  void save_jobs(std::vector<match::Job> jobs, ImportSummary& summary, SharedJobs* fresh = nullptr);
  // save_jobs for each chunk in order, writing the store on a second thread while the index is
  // prepared; `indexed(count)` runs on this thread after each chunk is stored and indexed.
  void save_jobs_pipelined(std::vector<std::vector<match::Job>> chunks, ImportSummary& summary, SharedJobs& fresh,
                           const std::function<void(std::size_t)>& indexed);
  // The halves of save_jobs: the rows written (reads the postings only), then the postings
  // indexed with the store's timestamps.
  struct WrittenJobs {
    std::vector<bool> created;       // per job: new to the catalogue
    std::vector<int64_t> created_at;  // per job, from the store
    int64_t now = 0;                  // updated_at
  };
  WrittenJobs write_jobs(const std::vector<match::Job>& batch, bool more_follow);
  void index_jobs(std::vector<match::Job> batch, const WrittenJobs& written, match::Index::Prepared prepared,
                  ImportSummary& summary, SharedJobs* fresh);
  // §6.3: scores the new postings against every interested user's newest résumé and writes the
  // job_match notifications, dedup rows and e-mails. Never throws (failures are logged): the
  // import itself has succeeded.
  void notify_new_postings(const SharedJobs& fresh);
  // §6.3: an application's status went from `old_status` (nullopt: created) to `new_status`.
  void notify_application_change(const std::string& user_id, const std::string& job_id,
                                 const std::optional<std::string>& old_status,
                                 const std::string& new_status);
  // §6.3: the system notification (per settings) and the security e-mail (always, with SMTP).
  void notify_password_changed(const UserRecord& user);
  void setup_notifications(const std::string& jwt_secret);
  void load_jobs();
  // Forbidden "Admin privileges required" unless the caller is an admin.
  void require_admin(const Principal& me) const;  // at open: the index from the store, the demo catalogue into an empty one

  bool is_admin(const UserRecord& u) const {
    return u.is_admin || admin_email_keys.count(u.email_key) > 0;
  }
  User to_user(const UserRecord& u) const;
  // Starts a new token family (one sign-in) and issues its first pair.
  TokenPair start_session(const UserRecord& u);
  // Issues an access + refresh pair in family `sid`.
  TokenPair issue_pair(const UserRecord& u, const std::string& sid);
  UserRecord require_user(const Principal& me);
};

inline LogFields log_fields(std::string request_id, std::string user_id) {
  LogFields f;
  f.request_id = std::move(request_id);
  f.user_id = std::move(user_id);
  return f;
}

// A stored version in the form GET /v2/rewrite/version/{id} returns (rewrite.cpp).
Json version_json(const VersionRecord& record);
// What matching needs of a stored résumé, read back from its profile (jobs.cpp).
resume::ParseResult parse_result_of(const DocumentRecord& record);

// The detail form of a stored document (documents.cpp).
StoredDocument document_detail(const DocumentRecord& record);

// Validation rules of account fields (profile.cpp).
Preferences preferences_from_json(const Json& stored);
Json merge_preferences(const Preferences& current, const Json& patch);  // normalized, throws 422
void apply_profile_patch(UserRecord& user, const Json& patch);          // throws 422

}  // namespace aligncv
