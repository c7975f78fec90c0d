// Accounts and tokens (api-v2.md §2): signup, login, Google, refresh rotation, logout, profile.
#include <aligncv/error.hpp>

#include <filesystem>
#include <limits>

#include "common/fields.hpp"
#include "common/random.hpp"
#include "common/text.hpp"
#include "engine/impl.hpp"
#include "engine/notify_records.hpp"

namespace aligncv {

namespace {

const char* kInvalidCredentials = "Invalid email or password";
const char* kInvalidRefresh = "Invalid refresh token";
const char* kInvalidToken = "Invalid or expired token";

// Reads an e-mail field: trimmed, syntax-checked (422 value_error), normalised.
std::optional<std::string> read_email(FieldReader& in, const char* key) {
  auto email = in.string(key, true);
  if (!email) return std::nullopt;
  std::string problem = auth::email_problem(*email);
  if (!problem.empty()) {
    in.add("value_error", key, "value is not a valid email address: " + problem, in.raw(key),
           Json{{"reason", problem}});
    return std::nullopt;
  }
  return auth::normalize_email(*email);
}

struct NewAccount {
  std::string name, email, password;
};

NewAccount read_new_account(const Json& body) {
  FieldReader in(body);
  auto name = in.string("name", true, 2, 100);
  auto email = read_email(in, "email");
  auto password = in.string("password", true, auth::kPasswordMinLength, auth::kPasswordMaxLength, false);
  in.throw_if_failed();
  return {*name, *email, *password};
}

std::string retry_message(int64_t seconds) {
  return "Too many failed login attempts. Try again in " + std::to_string(seconds) + " seconds.";
}

}  // namespace

// ---- Impl helpers ----

User Engine::Impl::to_user(const UserRecord& u) const {
  User out;
  out.id = u.id;
  out.name = u.name;
  out.email = u.email;
  out.google_id = u.google_id;
  out.created_at = u.created_at;
  out.updated_at = u.updated_at;
  out.phone = u.phone;
  out.location = u.location;
  out.linkedin_url = u.linkedin_url;
  out.github_url = u.github_url;
  out.bio = u.bio;
  out.is_admin = is_admin(u);
  out.has_password = u.password_hash.has_value();
  out.preferences = preferences_from_json(u.preferences);
  return out;
}

TokenPair Engine::Impl::issue_pair(const UserRecord& u, const std::string& sid) {
  int64_t now = clock->now_seconds();
  auth::TokenClaims access{u.id, u.email, "access", uuid_v4(), sid, now,
                           now + int64_t{options.access_token_minutes} * 60};
  auth::TokenClaims refresh{u.id, u.email, "refresh", uuid_v4(), sid, now,
                            now + int64_t{options.refresh_token_days} * 86400};
  store->add_refresh_token(refresh.jti, sid, refresh.exp);
  TokenPair pair;
  pair.access_token = tokens->sign(access);
  pair.refresh_token = tokens->sign(refresh);
  pair.expires_in = int64_t{options.access_token_minutes} * 60;
  return pair;
}

TokenPair Engine::Impl::start_session(const UserRecord& u) {
  std::string sid = uuid_v4();
  store->create_family(sid, u.id, clock->now_seconds());
  return issue_pair(u, sid);
}

UserRecord Engine::Impl::require_user(const Principal& me) {
  auto user = store->user_by_id(me.user_id);
  if (!user) throw Error(ErrorCode::InvalidToken, kInvalidToken);
  return *user;
}

// ---- sign-up and sign-in ----

User Engine::create_user(const std::string& email, const std::string& name, const std::string& password) {
  NewAccount account = read_new_account({{"name", name}, {"email", email}, {"password", password}});
  std::string key = auth::email_key(account.email);
  if (impl_->store->user_by_email_key(key)) throw Error(ErrorCode::Conflict, "Email already registered");
  UserRecord u;
  u.id = uuid_v4();
  u.email = account.email;
  u.email_key = key;
  u.name = account.name;
  u.password_hash = impl_->hasher->hash(account.password);  // slow by design; holds no lock
  u.preferences = to_json(Preferences{});
  u.created_at = u.updated_at = impl_->clock->now_ms();
  impl_->store->create_user(u, notify::to_storage_json(notify::NotificationSettings{}));
  impl_->logger->info("auth", "User created", log_fields("", u.id));
  return impl_->to_user(u);
}

AuthResult Engine::signup(const Json& body, const ClientInfo& client) {
  NewAccount account = read_new_account(body);
  User user = create_user(account.email, account.name, account.password);
  auto record = impl_->store->user_by_id(user.id);
  if (!record) throw Error(ErrorCode::Internal, "user vanished after signup");
  impl_->logger->info("auth", "Signed up", log_fields(client.request_id, user.id));
  return {user, impl_->start_session(*record), "User registered successfully", true};
}

AuthResult Engine::login(const Json& body, const ClientInfo& client) {
  FieldReader in(body);
  auto email = read_email(in, "email");
  auto password = in.string("password", true, 1, auth::kPasswordMaxLength, false);
  in.throw_if_failed();

  std::string key = auth::email_key(*email);
  // A refused attempt checks no password and counts as no failure.
  if (int64_t wait = impl_->throttle->retry_after(key, client.ip); wait > 0) {
    throw Error::rate_limited(retry_message(wait), wait);
  }
  auto user = impl_->store->user_by_email_key(key);
  bool ok;
  if (user && user->password_hash) {
    ok = impl_->hasher->verify(*user->password_hash, *password);
  } else {
    impl_->hasher->verify_dummy(*password);  // unknown e-mail costs the same as a wrong password
    ok = false;
  }
  if (!ok) {
    impl_->throttle->record_failure(key, client.ip);
    impl_->logger->info("auth", "Failed login", log_fields(client.request_id, ""));
    throw Error(ErrorCode::InvalidCredentials, kInvalidCredentials);
  }
  impl_->throttle->record_success(key);
  if (impl_->hasher->needs_rehash(*user->password_hash)) {
    user->password_hash = impl_->hasher->hash(*password);
    user->updated_at = impl_->clock->now_ms();
    impl_->store->update_user(*user);
  }
  impl_->logger->info("auth", "Logged in", log_fields(client.request_id, user->id));
  return {impl_->to_user(*user), impl_->start_session(*user), "Login successful", false};
}

AuthResult Engine::google_sign_in(const Json& body, const ClientInfo& client) {
  FieldReader in(body);
  auto token = in.string("token", true);
  in.throw_if_failed();  // 422 comes before the operation's own answers (§1.4)
  if (!impl_->google) {
    throw Error(ErrorCode::NotConfigured, "Google sign-in is not configured on this server");
  }
  auth::GoogleIdentity id = impl_->google->verify(*token);

  bool created = false;
  auto user = impl_->store->user_by_google_id(id.sub);
  if (!user) {
    std::string email = auth::normalize_email(id.email);
    std::string key = auth::email_key(email);
    user = impl_->store->user_by_email_key(key);
    if (user) {
      if (user->google_id && *user->google_id != id.sub) {
        throw Error(ErrorCode::Conflict, "Email is linked to a different Google account");
      }
      user->google_id = id.sub;
      user->updated_at = impl_->clock->now_ms();
      impl_->store->update_user(*user);
    } else {
      UserRecord u;
      u.id = uuid_v4();
      u.email = email;
      u.email_key = key;
      std::string name = trim(id.name);
      if (utf8_length(name) < 2) name = email.substr(0, email.find('@'));
      u.name = name.substr(0, 100);
      u.google_id = id.sub;
      u.preferences = to_json(Preferences{});
      u.created_at = u.updated_at = impl_->clock->now_ms();
      impl_->store->create_user(u, notify::to_storage_json(notify::NotificationSettings{}));
      user = u;
      created = true;
    }
  }
  impl_->logger->info("auth", created ? "Signed up with Google" : "Logged in with Google",
                      log_fields(client.request_id, user->id));
  return {impl_->to_user(*user), impl_->start_session(*user),
          created ? "User registered successfully" : "Login successful", created};
}

// ---- tokens ----

TokenPair Engine::refresh(const Json& body) {
  FieldReader in(body);
  auto token = in.string("refresh_token", true, -1, -1, false);
  in.throw_if_failed();
  auth::TokenClaims claims;
  try {
    claims = impl_->tokens->verify(*token, "refresh");
  } catch (const Error&) {
    throw Error(ErrorCode::InvalidToken, kInvalidRefresh);
  }
  // Spending is atomic: of two concurrent uses one wins, the other revokes the family.
  RefreshUse use = impl_->store->use_refresh_token(claims.jti, claims.sid, impl_->clock->now_seconds());
  if (use != RefreshUse::Rotated) {
    if (use == RefreshUse::Reused) {
      impl_->logger->warn("auth", "Refresh token reused: token family revoked", log_fields("", claims.sub));
    }
    throw Error(ErrorCode::InvalidToken, kInvalidRefresh);
  }
  auto user = impl_->store->user_by_id(claims.sub);
  if (!user) throw Error(ErrorCode::InvalidToken, kInvalidRefresh);
  return impl_->issue_pair(*user, claims.sid);
}

void Engine::logout(const Principal& me, const Json& body) {
  const Json request = body.is_null() ? Json::object() : body;  // the reader keeps a reference
  FieldReader in(request);
  auto refresh_token = in.string("refresh_token", false, -1, -1, false);
  in.throw_if_failed();
  int64_t now = impl_->clock->now_seconds();
  impl_->store->revoke_family(me.session_id, now);
  impl_->store->revoke_token(me.token_id, me.token_expires_at);
  if (refresh_token) {
    try {
      auto claims = impl_->tokens->verify(*refresh_token, "refresh");
      if (claims.sub == me.user_id) impl_->store->revoke_family(claims.sid, now);
    } catch (const Error&) {
      // An invalid or foreign refresh token is ignored: logout is idempotent.
    }
  }
  impl_->logger->info("auth", "Logged out", log_fields("", me.user_id));
}

Principal Engine::authenticate(std::string_view access_token) const {
  auth::TokenClaims claims = impl_->tokens->verify(access_token, "access");
  auto session = impl_->store->live_session(claims.sid, claims.jti);
  if (!session) throw Error(ErrorCode::InvalidToken, kInvalidToken);
  Principal p;
  p.user_id = claims.sub;
  p.email = session->email;
  p.session_id = claims.sid;
  p.token_id = claims.jti;
  p.token_expires_at = claims.exp;
  p.is_admin = session->is_admin || impl_->admin_email_keys.count(auth::email_key(session->email)) > 0;
  return p;
}

Principal Engine::authenticate_header(std::string_view header) const {
  std::string value = trim(header);
  auto space = value.find(' ');
  if (value.empty() || space == std::string::npos || !iequals_ascii(value.substr(0, space), "bearer")) {
    throw Error(ErrorCode::Unauthenticated, "Not authenticated");
  }
  std::string token = trim(value.substr(space + 1));
  if (token.empty()) throw Error(ErrorCode::Unauthenticated, "Not authenticated");
  return authenticate(token);
}

// ---- the signed-in user ----

User Engine::me(const Principal& me) { return impl_->to_user(impl_->require_user(me)); }

User Engine::update_profile(const Principal& me, const Json& patch) {
  UserRecord user = impl_->require_user(me);
  apply_profile_patch(user, patch);
  user.updated_at = impl_->clock->now_ms();
  impl_->store->update_user(user);
  return impl_->to_user(user);
}

void Engine::change_password(const Principal& me, const Json& body, const ClientInfo& client) {
  FieldReader in(body);
  auto current = in.string("current_password", true, 1, auth::kPasswordMaxLength, false);
  auto next = in.string("new_password", true, auth::kPasswordMinLength, auth::kPasswordMaxLength, false);
  in.throw_if_failed();
  UserRecord user = impl_->require_user(me);
  if (!user.password_hash) {
    throw Error(ErrorCode::InvalidArgument, "This account has no password; sign in with Google");
  }
  // A wrong current password counts as a failed login (§1.9), so it is throttled like one.
  if (int64_t wait = impl_->throttle->retry_after(user.email_key, client.ip); wait > 0) {
    throw Error::rate_limited(retry_message(wait), wait);
  }
  if (!impl_->hasher->verify(*user.password_hash, *current)) {
    impl_->throttle->record_failure(user.email_key, client.ip);
    throw Error(ErrorCode::InvalidArgument, "Current password is incorrect");
  }
  if (*current == *next) {
    throw Error(ErrorCode::InvalidArgument, "New password must differ from the current password");
  }
  user.password_hash = impl_->hasher->hash(*next);
  user.updated_at = impl_->clock->now_ms();
  impl_->store->update_user(user);
  impl_->store->revoke_user_families(user.id, me.session_id, impl_->clock->now_seconds());
  impl_->notify_password_changed(user);
  impl_->logger->info("auth", "Password changed; other sessions signed out",
                      log_fields(client.request_id, user.id));
}

Preferences Engine::preferences(const Principal& me) {
  return preferences_from_json(impl_->require_user(me).preferences);
}

Preferences Engine::update_preferences(const Principal& me, const Json& patch) {
  UserRecord user = impl_->require_user(me);
  user.preferences = merge_preferences(preferences_from_json(user.preferences), patch);
  user.updated_at = impl_->clock->now_ms();
  impl_->store->update_user(user);
  return preferences_from_json(user.preferences);
}

Json Engine::export_data(const Principal& me) {
  UserRecord user = impl_->require_user(me);
  Json documents = Json::array();
  for (const auto& r : impl_->store->documents(me.user_id, std::numeric_limits<int>::max(), 0, true)) {
    documents.push_back(to_json(document_detail(r)));
  }
  Json versions = Json::array();
  for (const auto& r : impl_->store->user_versions(me.user_id)) versions.push_back(version_json(r));
  Json notifications = Json::array();
  NotificationFilter all;
  all.limit = std::numeric_limits<int>::max();
  for (const auto& n : impl_->store->notifications(me.user_id, all)) {
    notifications.push_back(notify::to_json(from_record(n)));
  }
  return {{"exported_at", format_timestamp(impl_->clock->now_ms())},
          {"user", to_json(impl_->to_user(user))},
          {"notification_settings", notify::to_json(notification_settings(me))},
          {"documents", documents},
          {"versions", versions},
          {"bookmarks", to_json(bookmarks(me))},
          {"applications", to_json(applications(me))},
          {"notifications", notifications}};
}

void Engine::delete_account(const Principal& me) {
  impl_->store->revoke_user_families(me.user_id, "", impl_->clock->now_seconds());
  impl_->store->revoke_token(me.token_id, me.token_expires_at);
  if (!impl_->store->delete_user(me.user_id)) throw Error(ErrorCode::InvalidToken, kInvalidToken);
  // The records went with the user (cascade); the originals live in the user's upload folder.
  std::error_code ec;
  std::filesystem::remove_all(impl_->uploads_dir / ("user_" + me.user_id), ec);
  impl_->logger->info("auth", "Account deleted", log_fields("", me.user_id));
}

User Engine::promote_admin(const std::string& email) {
  auto user = impl_->store->user_by_email_key(auth::email_key(trim(email)));
  if (!user) throw Error(ErrorCode::NotFound, "User not found");
  user->is_admin = true;
  user->updated_at = impl_->clock->now_ms();
  impl_->store->update_user(*user);
  return impl_->to_user(*user);
}

// ---- notification settings ----

notify::NotificationSettings Engine::notification_settings(const Principal& me) {
  return notify::from_storage_json(impl_->store->notification_settings(me.user_id));
}

notify::NotificationSettings Engine::update_notification_settings(const Principal& me, const Json& patch) {
  auto merged = notify::merge_settings(notification_settings(me), patch);
  impl_->store->save_notification_settings(me.user_id, notify::to_storage_json(merged));
  return merged;
}

}  // namespace aligncv
