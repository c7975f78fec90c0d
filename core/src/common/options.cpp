// Options::from_env and validation (api-v2.md §8).
#include <aligncv/error.hpp>
#include <aligncv/options.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "common/text.hpp"

extern char** environ;

namespace aligncv {

namespace {

// Values that mean "unset": empty, or a template placeholder such as "your-secret-here".
bool is_unset(const std::string& value) {
  return value.empty() || value.rfind("your-", 0) == 0;
}

[[noreturn]] void invalid(const std::string& var, const std::string& why) {
  throw Error(ErrorCode::InvalidArgument, "Invalid value for " + var + ": " + why);
}

int parse_int(const std::string& var, const std::string& value, long min, long max) {
  long out = 0;
  std::string v = trim(value);
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || ptr != v.data() + v.size()) invalid(var, "'" + value + "' is not an integer");
  if (out < min || out > max) {
    invalid(var, std::to_string(out) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
  }
  return static_cast<int>(out);
}

bool parse_bool(const std::string& var, const std::string& value) {
  std::string v = to_lower_ascii(trim(value));
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  invalid(var, "'" + value + "' is not a boolean");
}

// A comma-separated list, or a JSON array of strings; entries trimmed, empty ones dropped.
std::vector<std::string> parse_list(const std::string& var, const std::string& value) {
  std::vector<std::string> out;
  std::string v = trim(value);
  if (!v.empty() && v.front() == '[') {
    Json parsed = Json::parse(v, nullptr, false);
    if (!parsed.is_array()) invalid(var, "not a JSON array");
    for (const auto& item : parsed) {
      if (!item.is_string()) invalid(var, "JSON array entries must be strings");
      std::string s = trim(item.get<std::string>());
      if (!s.empty()) out.push_back(s);
    }
    return out;
  }
  for (const auto& part : split(v, ',')) {
    std::string s = trim(part);
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

// KEY=VALUE lines; '#' comments; optional "export "; single or double quotes around the value.
std::map<std::string, std::string> read_dotenv(const std::string& path) {
  std::map<std::string, std::string> vars;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (t.rfind("export ", 0) == 0) t = trim(t.substr(7));
    auto eq = t.find('=');
    if (eq == std::string::npos) continue;
    std::string key = trim(t.substr(0, eq));
    std::string value = trim(t.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (auto hash = value.find(" #"); hash != std::string::npos) {
      value = trim(value.substr(0, hash));
    }
    vars[key] = value;
  }
  return vars;
}

}  // namespace

Options Options::from_env() {
  std::map<std::string, std::string> vars = read_dotenv(".env");
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos) vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return from_map(vars);
}

Options Options::from_map(const std::map<std::string, std::string>& vars) {
  Options o;
  auto get = [&](const char* name) -> const std::string* {
    auto it = vars.find(name);
    return it == vars.end() || is_unset(it->second) ? nullptr : &it->second;
  };
  if (auto v = get("ALIGNCV_DATA_DIR")) o.data_dir = *v;
  if (auto v = get("DATABASE_URL")) o.database_url = trim(*v);
  if (auto v = get("HOST")) o.host = trim(*v);
  if (auto v = get("PORT")) o.port = parse_int("PORT", *v, 0, 65535);
  if (auto v = get("HTTP_THREADS")) o.http_threads = parse_int("HTTP_THREADS", *v, 0, 1024);
  if (auto v = get("PUBLIC_URL")) o.public_url = trim(*v);
  if (auto v = get("ENVIRONMENT")) o.environment = to_lower_ascii(trim(*v));
  if (auto v = get("JWT_SECRET_KEY")) o.jwt_secret_key = *v;
  if (auto v = get("JWT_ALGORITHM")) o.jwt_algorithm = trim(*v);
  if (auto v = get("JWT_ACCESS_TOKEN_EXPIRE_MINUTES"))
    o.access_token_minutes = parse_int("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", *v, 1, 60 * 24 * 30);
  if (auto v = get("JWT_REFRESH_TOKEN_EXPIRE_DAYS"))
    o.refresh_token_days = parse_int("JWT_REFRESH_TOKEN_EXPIRE_DAYS", *v, 1, 3650);
  if (auto v = get("ARGON2_MEMORY_KIB")) o.argon2.memory_kib = parse_int("ARGON2_MEMORY_KIB", *v, 8, 4 * 1024 * 1024);
  if (auto v = get("ARGON2_ITERATIONS")) o.argon2.iterations = parse_int("ARGON2_ITERATIONS", *v, 1, 100);
  if (auto v = get("ARGON2_PARALLELISM")) o.argon2.parallelism = parse_int("ARGON2_PARALLELISM", *v, 1, 64);
  if (auto v = get("ALIGNCV_ADMIN_EMAILS")) o.admin_emails = parse_list("ALIGNCV_ADMIN_EMAILS", *v);
  if (auto v = get("GOOGLE_CLIENT_ID")) o.google_client_id = trim(*v);
  if (auto v = get("GOOGLE_JWKS_URL")) o.google_jwks_url = trim(*v);

  // LLM: LLM_BASE_URL wins over GROQ_API_KEY, which wins over MISTRAL_API_KEY.
  if (auto v = get("LLM_BASE_URL")) {
    o.llm_base_url = trim(*v);
    if (auto k = get("LLM_API_KEY")) o.llm_api_key = *k;
  } else if (auto k = get("GROQ_API_KEY")) {
    o.llm_base_url = "https://api.groq.com/openai/v1";
    o.llm_api_key = *k;
    o.llm_model = "llama-3.1-8b-instant";
  } else if (auto k = get("MISTRAL_API_KEY")) {
    o.llm_base_url = "https://api.mistral.ai/v1";
    o.llm_api_key = *k;
    o.llm_model = "mistral-small-latest";
  }
  if (auto v = get("LLM_MODEL")) o.llm_model = trim(*v);
  if (auto v = get("LLM_TIMEOUT_SECONDS")) o.llm_timeout_seconds = parse_int("LLM_TIMEOUT_SECONDS", *v, 1, 600);
  if (auto v = get("EMBEDDINGS_BASE_URL")) o.embeddings_base_url = trim(*v);
  if (auto v = get("EMBEDDINGS_API_KEY")) o.embeddings_api_key = *v;
  if (auto v = get("EMBEDDINGS_MODEL")) o.embeddings_model = trim(*v);

  if (auto v = get("SMTP_URL")) o.smtp_url = trim(*v);
  if (auto v = get("SMTP_USER")) o.smtp_user = *v;
  if (auto v = get("SMTP_PASSWORD")) o.smtp_password = *v;
  if (auto v = get("SMTP_FROM")) o.smtp_from = trim(*v);
  if (auto v = get("SMTP_MAX_ATTEMPTS")) o.smtp_max_attempts = parse_int("SMTP_MAX_ATTEMPTS", *v, 1, 100);
  if (auto v = get("DIGEST_HOUR")) o.digest_hour = parse_int("DIGEST_HOUR", *v, 0, 23);

  if (auto v = get("MAX_FILE_SIZE_MB")) o.max_file_size_mb = parse_int("MAX_FILE_SIZE_MB", *v, 1, 1024);
  if (auto v = get("MAX_IMPORT_SIZE_MB")) o.max_import_size_mb = parse_int("MAX_IMPORT_SIZE_MB", *v, 1, 4096);
  if (auto v = get("CORS_ORIGINS")) {
    o.cors_origins.clear();
    for (auto origin : parse_list("CORS_ORIGINS", *v)) {
      while (origin.size() > 1 && origin.back() == '/') origin.pop_back();
      o.cors_origins.push_back(origin);
    }
  }
  if (auto v = get("TRUSTED_PROXIES")) o.trusted_proxies = parse_list("TRUSTED_PROXIES", *v);

  auto limit = [&](const char* name, int& field, int max) {
    if (auto v = get(name)) field = parse_int(name, *v, 0, max);
  };
  limit("RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT", o.rate_limits.login_failures_per_account, 1'000'000);
  limit("RATE_LIMIT_LOGIN_FAILURES_PER_IP", o.rate_limits.login_failures_per_ip, 1'000'000);
  limit("RATE_LIMIT_LOGIN_DELAY_AFTER", o.rate_limits.login_delay_after, 1'000'000);
  limit("RATE_LIMIT_LOGIN_MAX_DELAY_SECONDS", o.rate_limits.login_max_delay_seconds, 86'400);
  limit("RATE_LIMIT_UPLOADS_PER_HOUR", o.rate_limits.uploads_per_hour, 1'000'000);
  limit("RATE_LIMIT_REWRITES_PER_HOUR", o.rate_limits.rewrites_per_hour, 1'000'000);

  if (auto v = get("METRICS_ENABLED")) o.metrics_enabled = parse_bool("METRICS_ENABLED", *v);
  if (auto v = get("ALIGNCV_DEMO_JOBS")) o.demo_jobs = parse_bool("ALIGNCV_DEMO_JOBS", *v);
  if (auto v = get("LOG_LEVEL")) o.log_level = to_lower_ascii(trim(*v));
  // LOG_FILE set to an empty value disables the file, so it is read without is_unset().
  if (auto it = vars.find("LOG_FILE"); it != vars.end()) o.log_file = trim(it->second);

  o.validate();
  return o;
}

void Options::validate() const {
  static const char* environments[] = {"development", "testing", "staging", "production"};
  if (std::find(std::begin(environments), std::end(environments), environment) == std::end(environments)) {
    invalid("ENVIRONMENT", "'" + environment + "' is not one of development, testing, staging, production");
  }
  if (jwt_algorithm != "HS256" && jwt_algorithm != "HS384" && jwt_algorithm != "HS512") {
    invalid("JWT_ALGORITHM", "'" + jwt_algorithm + "' is not HS256, HS384 or HS512");
  }
  if (!jwt_secret_key.empty() && jwt_secret_key.size() < 32) {
    invalid("JWT_SECRET_KEY", "it must be at least 32 bytes long");
  }
  static const char* levels[] = {"trace", "debug", "info", "warning", "warn", "error", "critical"};
  if (std::find(std::begin(levels), std::end(levels), log_level) == std::end(levels)) {
    invalid("LOG_LEVEL", "'" + log_level + "' is not trace, debug, info, warning, error or critical");
  }
  if (!database_url.empty() && database_url.rfind("sqlite:///", 0) != 0) {
    std::string scheme = database_url.substr(0, database_url.find(':'));
    throw Error(ErrorCode::InvalidArgument, "DATABASE_URL scheme '" + scheme + "' is not supported");
  }
  if (!smtp_url.empty() && smtp_url.rfind("smtp://", 0) != 0 && smtp_url.rfind("smtps://", 0) != 0) {
    invalid("SMTP_URL", "it must start with smtp:// or smtps://");
  }
  if (llm_configured() && llm_model.empty()) invalid("LLM_MODEL", "it is required with LLM_BASE_URL");
  if (port < 0 || port > 65535) invalid("PORT", "outside 0..65535");
  if (digest_hour < 0 || digest_hour > 23) invalid("DIGEST_HOUR", "outside 0..23");
  if (max_file_size_mb < 1) invalid("MAX_FILE_SIZE_MB", "must be at least 1");
  if (max_import_size_mb < 1) invalid("MAX_IMPORT_SIZE_MB", "must be at least 1");
  if (access_token_minutes < 1) invalid("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", "must be at least 1");
  if (refresh_token_days < 1) invalid("JWT_REFRESH_TOKEN_EXPIRE_DAYS", "must be at least 1");
  if (argon2.memory_kib < 8 * argon2.parallelism) invalid("ARGON2_MEMORY_KIB", "must be at least 8 x parallelism");
  if (argon2.iterations < 1) invalid("ARGON2_ITERATIONS", "must be at least 1");
  if (argon2.parallelism < 1) invalid("ARGON2_PARALLELISM", "must be at least 1");
}

std::string Options::sqlite_path() const {
  if (database_url.empty()) return data_dir + "/aligncv.db";
  // sqlite:///relative/path.db or sqlite:////absolute/path.db
  return database_url.substr(std::string("sqlite:///").size());
}

std::string Options::effective_public_url() const {
  if (!public_url.empty()) {
    std::string url = public_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }
  return "http://" + host + ":" + std::to_string(port);
}

int Options::effective_http_threads() const {
  if (http_threads > 0) return http_threads;
  int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::max(4, 2 * std::max(cores, 1));
}

}  // namespace aligncv
