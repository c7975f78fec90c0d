#include <aligncv/error.hpp>
#include <aligncv/options.hpp>
#include <gtest/gtest.h>

namespace aligncv {
namespace {

TEST(OptionsTest, DefaultsMatchTheContract) {
  Options o = Options::from_map({});
  EXPECT_EQ(o.host, "127.0.0.1");
  EXPECT_EQ(o.port, 8000);
  EXPECT_EQ(o.argon2.memory_kib, 19456u);
  EXPECT_EQ(o.access_token_minutes, 15);
  EXPECT_EQ(o.sqlite_path(), "./aligncv-data/aligncv.db");
  EXPECT_EQ(o.effective_public_url(), "http://127.0.0.1:8000");
  EXPECT_GE(o.effective_http_threads(), 4);
  EXPECT_EQ(o.cors_origins.size(), 3u);
}

TEST(OptionsTest, ReadsVariablesAndListsInBothForms) {
  Options o = Options::from_map({{"PORT", "9001"},
                                 {"CORS_ORIGINS", R"(["https://a.example/", " https://b.example "])"},
                                 {"ALIGNCV_ADMIN_EMAILS", "a@x.io, b@x.io"},
                                 {"DATABASE_URL", "sqlite:////var/lib/aligncv/db.sqlite"},
                                 {"RATE_LIMIT_UPLOADS_PER_HOUR", "0"}});
  EXPECT_EQ(o.port, 9001);
  EXPECT_EQ(o.cors_origins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_EQ(o.admin_emails.size(), 2u);
  EXPECT_EQ(o.sqlite_path(), "/var/lib/aligncv/db.sqlite");
  EXPECT_EQ(o.rate_limits.uploads_per_hour, 0);
}

TEST(OptionsTest, PlaceholdersAndEmptyValuesCountAsUnset) {
  Options o = Options::from_map({{"JWT_SECRET_KEY", "your-secret-key"}, {"PORT", ""}});
  EXPECT_TRUE(o.jwt_secret_key.empty());
  EXPECT_EQ(o.port, 8000);
}

TEST(OptionsTest, LlmPresetsFollowTheirPrecedence) {
  Options groq = Options::from_map({{"GROQ_API_KEY", "g"}, {"MISTRAL_API_KEY", "m"}});
  EXPECT_EQ(groq.llm_base_url, "https://api.groq.com/openai/v1");
  EXPECT_EQ(groq.llm_model, "llama-3.1-8b-instant");
  Options base = Options::from_map({{"LLM_BASE_URL", "http://127.0.0.1:11434/v1"}, {"LLM_MODEL", "m1"},
                                    {"GROQ_API_KEY", "g"}});
  EXPECT_EQ(base.llm_base_url, "http://127.0.0.1:11434/v1");
  EXPECT_EQ(base.llm_model, "m1");
}

std::string error_for(const std::map<std::string, std::string>& vars) {
  try {
    Options::from_map(vars);
  } catch (const Error& e) {
    return e.detail();
  }
  return "";
}

TEST(OptionsTest, InvalidValuesNameTheVariable) {
  EXPECT_NE(error_for({{"PORT", "eighty"}}).find("PORT"), std::string::npos);
  EXPECT_NE(error_for({{"JWT_SECRET_KEY", "short"}}).find("JWT_SECRET_KEY"), std::string::npos);
  EXPECT_NE(error_for({{"JWT_ALGORITHM", "none"}}).find("JWT_ALGORITHM"), std::string::npos);
  EXPECT_NE(error_for({{"DIGEST_HOUR", "24"}}).find("DIGEST_HOUR"), std::string::npos);
  EXPECT_NE(error_for({{"METRICS_ENABLED", "maybe"}}).find("METRICS_ENABLED"), std::string::npos);
  EXPECT_EQ(error_for({{"DATABASE_URL", "postgresql://db/aligncv"}}),
            "DATABASE_URL scheme 'postgresql' is not supported");
}

TEST(OptionsTest, EmptyLogFileDisablesTheFile) {
  Options o = Options::from_map({{"LOG_FILE", ""}});
  ASSERT_TRUE(o.log_file.has_value());
  EXPECT_TRUE(o.log_file->empty());
}

}  // namespace
}  // namespace aligncv
