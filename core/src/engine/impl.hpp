// Engine internals shared by the engine's source files.
#pragma once

#include <aligncv/auth.hpp>
#include <aligncv/engine.hpp>
#include <aligncv/store.hpp>

#include "common/rate_window.hpp"

#include <filesystem>
#include <memory>
#include <set>
#include <string>

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

  // Stores and indexes postings; counts new and updated ones into `summary`.
  void save_jobs(std::vector<match::Job> jobs, ImportSummary& summary);
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

// The detail form of a stored document (documents.cpp).
StoredDocument document_detail(const DocumentRecord& record);

// Validation rules of account fields (profile.cpp).
Preferences preferences_from_json(const Json& stored);
Json merge_preferences(const Preferences& current, const Json& patch);  // normalized, throws 422
void apply_profile_patch(UserRecord& user, const Json& patch);          // throws 422

}  // namespace aligncv
