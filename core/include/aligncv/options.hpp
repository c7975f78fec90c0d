// Configuration of an Engine and of `aligncv serve`. Every field documents its default; the
// environment variable that sets it (docs/configuration.md, api-v2.md §8) is named in brackets.
#pragma once

#include <aligncv/clock.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace aligncv {

struct Argon2Params {
  uint32_t memory_kib = 19456;  // [ARGON2_MEMORY_KIB] OWASP minimum for Argon2id
  uint32_t iterations = 2;      // [ARGON2_ITERATIONS]
  uint32_t parallelism = 1;     // [ARGON2_PARALLELISM]
  bool operator==(const Argon2Params& o) const {
    return memory_kib == o.memory_kib && iterations == o.iterations && parallelism == o.parallelism;
  }
};

// Sliding one-hour windows; 0 disables a limit.
struct RateLimits {
  int login_failures_per_account = 100;  // [RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT]
  int login_failures_per_ip = 300;       // [RATE_LIMIT_LOGIN_FAILURES_PER_IP]
  int login_delay_after = 5;             // [RATE_LIMIT_LOGIN_DELAY_AFTER] consecutive failures
  int login_max_delay_seconds = 60;      // [RATE_LIMIT_LOGIN_MAX_DELAY_SECONDS]
  int uploads_per_hour = 20;             // [RATE_LIMIT_UPLOADS_PER_HOUR]
  int rewrites_per_hour = 30;            // [RATE_LIMIT_REWRITES_PER_HOUR]
};

struct Options {
  // [ALIGNCV_DATA_DIR] Holds the database (by default), uploads/ and logs/. Created if missing.
  std::string data_dir = "./aligncv-data";
  // [DATABASE_URL] Empty means sqlite:///<data_dir>/aligncv.db. Only sqlite:// is supported.
  std::string database_url;

  std::string host = "127.0.0.1";  // [HOST]
  int port = 8000;                 // [PORT]
  int http_threads = 0;            // [HTTP_THREADS] 0 = 2 x CPU cores, at least 4
  std::string public_url;          // [PUBLIC_URL] empty = http://<host>:<port>
  std::string environment = "production";  // [ENVIRONMENT] development|testing|staging|production

  // [JWT_SECRET_KEY] At least 32 bytes. Empty = a random key generated once and kept in
  // <data_dir>/jwt-secret (mode 0600); set it when several servers share one database.
  std::string jwt_secret_key;
  std::string jwt_algorithm = "HS256";    // [JWT_ALGORITHM] HS256, HS384 or HS512
  int access_token_minutes = 15;          // [JWT_ACCESS_TOKEN_EXPIRE_MINUTES]
  int refresh_token_days = 7;             // [JWT_REFRESH_TOKEN_EXPIRE_DAYS]
  Argon2Params argon2;                    // cost of new hashes; older hashes upgrade at login
  std::vector<std::string> admin_emails;  // [ALIGNCV_ADMIN_EMAILS] compared case-insensitively

  std::string google_client_id;  // [GOOGLE_CLIENT_ID] empty = Google sign-in answers 501
  std::string google_jwks_url = "https://www.googleapis.com/oauth2/v3/certs";  // [GOOGLE_JWKS_URL]

  // Optional LLM (OpenAI-compatible); empty base URL = the local engine only.
  std::string llm_base_url;  // [LLM_BASE_URL], or the GROQ_API_KEY / MISTRAL_API_KEY preset
  std::string llm_api_key;   // [LLM_API_KEY]
  std::string llm_model;     // [LLM_MODEL]
  int llm_timeout_seconds = 30;  // [LLM_TIMEOUT_SECONDS]
  std::string embeddings_base_url;  // [EMBEDDINGS_BASE_URL] empty = built-in semantic layer
  std::string embeddings_api_key;   // [EMBEDDINGS_API_KEY]
  std::string embeddings_model;     // [EMBEDDINGS_MODEL]

  std::string smtp_url;  // [SMTP_URL] empty = no e-mail is sent
  std::string smtp_user;      // [SMTP_USER]
  std::string smtp_password;  // [SMTP_PASSWORD]
  std::string smtp_from = "AlignCV <noreply@localhost>";  // [SMTP_FROM]
  int smtp_max_attempts = 8;  // [SMTP_MAX_ATTEMPTS]
  int digest_hour = 9;        // [DIGEST_HOUR] 0..23 local hour

  int max_file_size_mb = 5;     // [MAX_FILE_SIZE_MB]
  int max_import_size_mb = 50;  // [MAX_IMPORT_SIZE_MB]
  // [CORS_ORIGINS] comma list or JSON array string; "*" = any origin, without credentials.
  std::vector<std::string> cors_origins = {"http://localhost:3000", "http://localhost:8501",
                                           "http://localhost:8502"};
  std::vector<std::string> trusted_proxies;  // [TRUSTED_PROXIES] IPs or CIDRs
  RateLimits rate_limits;
  bool metrics_enabled = true;  // [METRICS_ENABLED]
  // [ALIGNCV_DEMO_JOBS] Load the bundled demo job catalogue when the jobs table is empty at open.
  bool demo_jobs = true;

  std::string log_level = "info";  // [LOG_LEVEL] trace|debug|info|warning|error|critical
  // [LOG_FILE] JSON lines; unset = <data_dir>/logs/aligncv.jsonl; set to "" to disable.
  std::optional<std::string> log_file;
  bool log_to_console = true;  // console lines are human-readable

  // Time source; tests inject a ManualClock.
  std::shared_ptr<Clock> clock = system_clock();

  // Reads ./.env (if present), then the environment (which wins). Unknown variables are
  // ignored; empty values and values starting with "your-" count as unset. Throws
  // Error(InvalidArgument) naming the variable when a value is invalid.
  static Options from_env();
  // Same, from an explicit variable map (what from_env() builds); for tests and bindings.
  static Options from_map(const std::map<std::string, std::string>& vars);

  // Throws Error(InvalidArgument) naming the setting when a value is out of range.
  void validate() const;

  // Derived values.
  std::string sqlite_path() const;        // resolved from database_url / data_dir
  std::string effective_public_url() const;
  int effective_http_threads() const;
  bool llm_configured() const { return !llm_base_url.empty(); }
  bool smtp_configured() const { return !smtp_url.empty(); }
};

}  // namespace aligncv
