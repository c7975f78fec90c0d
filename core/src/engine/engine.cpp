// Engine::open and the meta operations; accounts live in accounts.cpp.
#include <aligncv/engine.hpp>
#include <aligncv/version.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/random.hpp"
#include "common/text.hpp"
#include "engine/impl.hpp"

namespace aligncv {

namespace {

// JWT_SECRET_KEY unset: a random key is generated once and kept in <data_dir>/jwt-secret (0600).
std::string load_or_create_secret(const Options& options, Logger& logger) {
  if (!options.jwt_secret_key.empty()) return options.jwt_secret_key;
  std::string path = options.data_dir + "/jwt-secret";
  {
    std::ifstream in(path);
    std::string secret;
    if (in && std::getline(in, secret) && trim(secret).size() >= 32) {
      logger.info("engine", "Using the JWT secret kept in " + path);
      return trim(secret);
    }
  }
  std::string secret = hex_encode(random_bytes(64));
  std::string tmp = path + ".tmp";
  {
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) throw Error(ErrorCode::Unavailable, "Cannot write " + path);
    std::string line = secret + "\n";
    bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::close(fd);
    if (!ok) throw Error(ErrorCode::Unavailable, "Cannot write " + path);
  }
  std::filesystem::rename(tmp, path);
  logger.info("engine", "JWT_SECRET_KEY is not set: generated a new secret and kept it in " + path);
  return secret;
}

}  // namespace

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

std::unique_ptr<Engine> Engine::open(Options options) {
  options.validate();
  auto impl = std::make_unique<Impl>();
  impl->clock = options.clock ? options.clock : system_clock();
  options.clock = impl->clock;
  try {
    std::filesystem::create_directories(options.data_dir);
    std::filesystem::create_directories(options.data_dir + "/uploads");
  } catch (const std::filesystem::filesystem_error& e) {
    throw Error(ErrorCode::Unavailable, "Cannot create the data folder '" + options.data_dir + "': " + e.what());
  }
  impl->logger = std::make_unique<Logger>(options);
  impl->store = open_sqlite_store(options.sqlite_path());
  impl->store->purge_expired(impl->clock->now_seconds());
  impl->hasher = std::make_unique<auth::PasswordHasher>(options.argon2);
  const std::string secret = load_or_create_secret(options, *impl->logger);
  impl->tokens = std::make_unique<auth::TokenCodec>(secret, options.jwt_algorithm, impl->clock);
  impl->throttle = std::make_unique<auth::LoginThrottle>(options.rate_limits, impl->clock);
  if (!options.google_client_id.empty()) {
    impl->google = std::make_unique<auth::GoogleVerifier>(options.google_client_id, options.google_jwks_url,
                                                          impl->clock);
  }
  taxonomy::Taxonomy::builtin();  // built once (~25 ms) here rather than in the first upload
  impl->uploads_dir = std::filesystem::path(options.data_dir) / "uploads";
  impl->uploads = std::make_unique<RateWindow>(options.rate_limits.uploads_per_hour);
  impl->rewrites = std::make_unique<RateWindow>(options.rate_limits.rewrites_per_hour);
  rewrite::LlmConfig llm;
  if (options.llm_configured()) {
    llm.base_url = options.llm_base_url;
    llm.api_key = options.llm_api_key;
    llm.model = options.llm_model;
    llm.timeout_seconds = options.llm_timeout_seconds;
  }
  impl->rewriter = std::make_unique<rewrite::Rewriter>(taxonomy::Taxonomy::builtin(), std::move(llm));
  for (const auto& email : options.admin_emails) impl->admin_email_keys.insert(auth::email_key(email));
  impl->options = std::move(options);
  impl->setup_notifications(secret);
  impl->load_jobs();
  impl->logger->info("engine", "Engine opened (schema version " +
                                   std::to_string(impl->store->schema_version()) + ")");
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

const Options& Engine::options() const { return impl_->options; }
Logger& Engine::logger() { return *impl_->logger; }

Health Engine::health() {
  Health h;
  h.version = kVersion;
  h.environment = impl_->options.environment;
  bool database_ok = true;
  try {
    impl_->store->ping();
  } catch (const std::exception& e) {
    database_ok = false;
    impl_->logger->error("engine", std::string("Health check: database failed: ") + e.what());
  }
  bool storage_ok = ::access((impl_->options.data_dir + "/uploads").c_str(), W_OK) == 0;
  h.checks["database"] = database_ok ? "ok" : "error";
  h.checks["storage"] = storage_ok ? "ok" : "error";
  h.checks["llm"] = impl_->options.llm_configured() ? "configured" : "not_configured";
  h.checks["smtp"] = impl_->options.smtp_configured() ? "configured" : "not_configured";
  h.healthy = database_ok && storage_ok;
  return h;
}

Json Engine::api_info() const {
  // Only what works in this build and configuration; each capability adds itself when it lands.
  Json features = Json::array({"JWT Authentication"});
  if (impl_->google) features.push_back("Google Sign-In");
  features.push_back("Document Upload (PDF/DOCX/TXT/MD)");
  features.push_back("Resume Parsing (JSON Resume)");
  features.push_back("Skills Extraction (O*NET taxonomy)");
  features.push_back("Job Import (JSON/JSONL/CSV/JobSpy)");
  features.push_back("Job Matching & Ranking");
  features.push_back("ATS Scoring");
  features.push_back("Job Bookmarks & Applications");
  features.push_back("Resume Rewriting & Tailoring (local engine)");
  if (impl_->options.llm_configured()) features.push_back("LLM Rewriting (" + impl_->options.llm_model + ")");
  features.push_back("Notifications & Digests");
  if (impl_->options.smtp_configured()) features.push_back("Email Delivery (SMTP)");
  return {{"message", "AlignCV V2 API"}, {"version", kVersion}, {"docs", "/v2/docs"}, {"features", features}};
}

}  // namespace aligncv
