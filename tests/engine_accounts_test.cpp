#include <aligncv/engine.hpp>
#include <aligncv/store.hpp>
#include <gtest/gtest.h>

#include <functional>

#include "test_support.hpp"

namespace aligncv {
namespace {

class EngineAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override { engine = Engine::open(testing::test_options(dir, clock)); }

  AuthResult sign_up(const std::string& email = "jane@example.com", const std::string& password = "correct horse") {
    return engine->signup({{"name", "Jane Doe"}, {"email", email}, {"password", password}});
  }

  static ErrorCode code_of(const std::function<void()>& fn) {
    try {
      fn();
    } catch (const Error& e) {
      return e.code();
    }
    ADD_FAILURE() << "no error";
    return ErrorCode::Internal;
  }

  testing::TempDir dir;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
  std::unique_ptr<Engine> engine;
};

TEST_F(EngineAccountsTest, SignupReturnsTheUserAndAWorkingTokenPair) {
  auto r = sign_up();
  EXPECT_EQ(r.message, "User registered successfully");
  EXPECT_EQ(r.user.email, "jane@example.com");
  EXPECT_EQ(r.tokens.expires_in, 900);
  Json j = to_json(r);
  EXPECT_EQ(j["user"].size(), 5u);
  auto me = engine->authenticate(r.tokens.access_token);
  EXPECT_EQ(me.user_id, r.user.id);
}

TEST_F(EngineAccountsTest, DuplicateEmailDifferingInCaseIsAConflict) {
  sign_up("jane@example.com");
  EXPECT_EQ(code_of([&] { sign_up("JANE@Example.COM"); }), ErrorCode::Conflict);
}

TEST_F(EngineAccountsTest, SignupReportsEveryFailingFieldTogether) {
  try {
    engine->signup({{"name", "J"}, {"email", "not-an-email"}, {"password", "short"}});
    FAIL();
  } catch (const Error& e) {
    ASSERT_EQ(e.code(), ErrorCode::Validation);
    ASSERT_EQ(e.issues().size(), 3u);
    EXPECT_EQ(e.issues()[0].type, "string_too_short");
    EXPECT_EQ(e.issues()[1].type, "value_error");
    EXPECT_EQ(e.issues()[2].ctx["min_length"], 8);
  }
}

TEST_F(EngineAccountsTest, PasswordsAreNotTrimmed) {
  sign_up("a@example.com", "  spaced password  ");
  EXPECT_EQ(code_of([&] { engine->login({{"email", "a@example.com"}, {"password", "spaced password"}}); }),
            ErrorCode::InvalidCredentials);
  EXPECT_NO_THROW(engine->login({{"email", "a@example.com"}, {"password", "  spaced password  "}}));
}

TEST_F(EngineAccountsTest, LoginFailsTheSameWayForUnknownEmailAndWrongPassword) {
  sign_up();
  std::string unknown, wrong;
  try { engine->login({{"email", "nobody@example.com"}, {"password", "whatever1"}}); } catch (const Error& e) { unknown = e.detail(); }
  try { engine->login({{"email", "jane@example.com"}, {"password", "whatever1"}}); } catch (const Error& e) { wrong = e.detail(); }
  EXPECT_EQ(unknown, "Invalid email or password");
  EXPECT_EQ(unknown, wrong);
}

TEST_F(EngineAccountsTest, LoginRehashesWhenArgon2ParametersChange) {
  sign_up();
  engine.reset();
  auto options = testing::test_options(dir, clock);
  options.argon2 = {2048, 1, 1};
  engine = Engine::open(options);
  auto r = engine->login({{"email", "jane@example.com"}, {"password", "correct horse"}});
  EXPECT_EQ(r.message, "Login successful");
  // The stored hash now uses the new cost: logging in again needs no rehash and still works.
  auth::PasswordHasher hasher(options.argon2);
  auto store = open_sqlite_store(options.sqlite_path());
  auto user = store->user_by_email_key("jane@example.com");
  ASSERT_TRUE(user && user->password_hash);
  EXPECT_NE(user->password_hash->find("m=2048"), std::string::npos);
  EXPECT_FALSE(hasher.needs_rehash(*user->password_hash));
}

TEST_F(EngineAccountsTest, ProgressiveDelayAfterFiveFailuresThenRetryAfter) {
  sign_up();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(code_of([&] { engine->login({{"email", "jane@example.com"}, {"password", "wrong-pass"}}); }),
              ErrorCode::InvalidCredentials);
  }
  try {
    engine->login({{"email", "jane@example.com"}, {"password", "correct horse"}});
    FAIL() << "expected throttling";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::RateLimited);
    EXPECT_GE(e.retry_after_seconds(), 1);
    EXPECT_NE(e.detail().find("Too many failed login attempts"), std::string::npos);
  }
  clock->advance_seconds(2);
  EXPECT_NO_THROW(engine->login({{"email", "jane@example.com"}, {"password", "correct horse"}}));
}

TEST_F(EngineAccountsTest, RefreshRotatesAndReuseRevokesTheWholeFamily) {
  auto r = sign_up();
  auto second = engine->refresh({{"refresh_token", r.tokens.refresh_token}});
  EXPECT_NE(second.refresh_token, r.tokens.refresh_token);
  EXPECT_NO_THROW(engine->authenticate(second.access_token));
  // Reusing the first refresh token: 401 and the family (including the new pair) dies.
  EXPECT_EQ(code_of([&] { engine->refresh({{"refresh_token", r.tokens.refresh_token}}); }), ErrorCode::InvalidToken);
  EXPECT_EQ(code_of([&] { engine->refresh({{"refresh_token", second.refresh_token}}); }), ErrorCode::InvalidToken);
  EXPECT_EQ(code_of([&] { engine->authenticate(second.access_token); }), ErrorCode::InvalidToken);
  EXPECT_EQ(code_of([&] { engine->authenticate(r.tokens.access_token); }), ErrorCode::InvalidToken);
}

TEST_F(EngineAccountsTest, AccessTokenCannotRefreshAndRefreshTokenCannotAuthenticate) {
  auto r = sign_up();
  EXPECT_EQ(code_of([&] { engine->refresh({{"refresh_token", r.tokens.access_token}}); }), ErrorCode::InvalidToken);
  EXPECT_EQ(code_of([&] { engine->authenticate(r.tokens.refresh_token); }), ErrorCode::InvalidToken);
}

TEST_F(EngineAccountsTest, AccessTokenExpiresAfterFifteenMinutes) {
  auto r = sign_up();
  clock->advance_seconds(15 * 60 - 1);
  EXPECT_NO_THROW(engine->authenticate(r.tokens.access_token));
  clock->advance_seconds(1);
  EXPECT_EQ(code_of([&] { engine->authenticate(r.tokens.access_token); }), ErrorCode::InvalidToken);
}

TEST_F(EngineAccountsTest, LogoutRevokesTheFamilyAndTheAccessToken) {
  auto r = sign_up();
  auto other = engine->login({{"email", "jane@example.com"}, {"password", "correct horse"}});
  auto me = engine->authenticate(r.tokens.access_token);
  engine->logout(me, {{"refresh_token", r.tokens.refresh_token}});
  EXPECT_EQ(code_of([&] { engine->authenticate(r.tokens.access_token); }), ErrorCode::InvalidToken);
  EXPECT_EQ(code_of([&] { engine->refresh({{"refresh_token", r.tokens.refresh_token}}); }), ErrorCode::InvalidToken);
  // Another device's session is untouched.
  EXPECT_NO_THROW(engine->authenticate(other.tokens.access_token));
}

TEST_F(EngineAccountsTest, LogoutWithAnotherOwnRefreshTokenRevokesThatFamilyToo) {
  auto first = sign_up();
  auto second = engine->login({{"email", "jane@example.com"}, {"password", "correct horse"}});
  engine->logout(engine->authenticate(first.tokens.access_token), {{"refresh_token", second.tokens.refresh_token}});
  EXPECT_EQ(code_of([&] { engine->authenticate(second.tokens.access_token); }), ErrorCode::InvalidToken);
  EXPECT_EQ(code_of([&] { engine->refresh({{"refresh_token", second.tokens.refresh_token}}); }), ErrorCode::InvalidToken);
}

TEST_F(EngineAccountsTest, LogoutRejectsANonStringRefreshToken) {
  auto me = engine->authenticate(sign_up().tokens.access_token);
  EXPECT_EQ(code_of([&] { engine->logout(me, {{"refresh_token", 5}}); }), ErrorCode::Validation);
}

TEST_F(EngineAccountsTest, AuthorizationHeaderWithoutBearerIsUnauthenticated) {
  EXPECT_EQ(code_of([&] { engine->authenticate_header(""); }), ErrorCode::Unauthenticated);
  EXPECT_EQ(code_of([&] { engine->authenticate_header("Basic abc"); }), ErrorCode::Unauthenticated);
  EXPECT_EQ(code_of([&] { engine->authenticate_header("Bearer"); }), ErrorCode::Unauthenticated);
  EXPECT_EQ(code_of([&] { engine->authenticate_header("Bearer abc.def.ghi"); }), ErrorCode::InvalidToken);
}

TEST_F(EngineAccountsTest, ChangePasswordSignsOutOtherSessionsOnly) {
  auto r = sign_up();
  auto other = engine->login({{"email", "jane@example.com"}, {"password", "correct horse"}});
  auto me = engine->authenticate(r.tokens.access_token);
  EXPECT_EQ(code_of([&] { engine->change_password(me, {{"current_password", "nope nope"}, {"new_password", "battery staple"}}); }),
            ErrorCode::InvalidArgument);
  EXPECT_EQ(code_of([&] { engine->change_password(me, {{"current_password", "correct horse"}, {"new_password", "correct horse"}}); }),
            ErrorCode::InvalidArgument);
  engine->change_password(me, {{"current_password", "correct horse"}, {"new_password", "battery staple"}});
  EXPECT_NO_THROW(engine->authenticate(r.tokens.access_token));
  EXPECT_EQ(code_of([&] { engine->authenticate(other.tokens.access_token); }), ErrorCode::InvalidToken);
  EXPECT_NO_THROW(engine->login({{"email", "jane@example.com"}, {"password", "battery staple"}}));
}

TEST_F(EngineAccountsTest, ProfileMergeClearsWithEmptyStringsAndValidates) {
  auto r = sign_up();
  auto me = engine->authenticate(r.tokens.access_token);
  auto u = engine->update_profile(me, {{"phone", "+49 30 1234567"}, {"location", "Berlin"},
                                       {"linkedin_url", "https://www.linkedin.com/in/jane"}});
  EXPECT_EQ(u.phone, "+49 30 1234567");
  u = engine->update_profile(me, {{"name", "Jane D."}, {"phone", ""}, {"location", nullptr}, {"github_url", ""},
                                  {"bio", ""}, {"linkedin_url", "https://www.linkedin.com/in/jane"}});
  EXPECT_EQ(u.name, "Jane D.");
  EXPECT_FALSE(u.phone.has_value());
  EXPECT_FALSE(u.location.has_value());
  EXPECT_EQ(u.linkedin_url, "https://www.linkedin.com/in/jane");
  EXPECT_EQ(code_of([&] { engine->update_profile(me, {{"phone", "call me"}}); }), ErrorCode::Validation);
  EXPECT_EQ(code_of([&] { engine->update_profile(me, {{"github_url", "javascript:alert(1)"}}); }), ErrorCode::Validation);
  EXPECT_EQ(code_of([&] { engine->update_profile(me, {{"name", ""}}); }), ErrorCode::Validation);
}

TEST_F(EngineAccountsTest, PreferencesAcceptACommaSeparatedLocationString) {
  auto me = engine->authenticate(sign_up().tokens.access_token);
  auto p = engine->update_preferences(me, {{"preferred_locations", "Berlin, Remote ,"}, {"job_types", {"full-TIME"}}});
  EXPECT_EQ(p.preferred_locations, (std::vector<std::string>{"Berlin", "Remote"}));
  EXPECT_EQ(p.job_types, (std::vector<std::string>{"Full-time"}));
  EXPECT_EQ(p.items_per_page, 20);
  EXPECT_EQ(code_of([&] { engine->update_preferences(me, {{"items_per_page", 0}}); }), ErrorCode::Validation);
  EXPECT_EQ(code_of([&] { engine->update_preferences(me, {{"job_types", {"Gig"}}}); }), ErrorCode::Validation);
}

TEST_F(EngineAccountsTest, DeletingTheAccountKillsTokensAndFreesTheEmail) {
  auto r = sign_up();
  auto me = engine->authenticate(r.tokens.access_token);
  engine->delete_account(me);
  EXPECT_EQ(code_of([&] { engine->authenticate(r.tokens.access_token); }), ErrorCode::InvalidToken);
  EXPECT_EQ(code_of([&] { engine->refresh({{"refresh_token", r.tokens.refresh_token}}); }), ErrorCode::InvalidToken);
  auto again = sign_up();
  EXPECT_NE(again.user.id, r.user.id);
}

TEST_F(EngineAccountsTest, ExportHoldsNoHashesOrTokens) {
  auto r = sign_up();
  auto me = engine->authenticate(r.tokens.access_token);
  std::string dump = engine->export_data(me).dump();
  EXPECT_EQ(dump.find("argon2"), std::string::npos);
  EXPECT_EQ(dump.find(r.tokens.access_token), std::string::npos);
  EXPECT_NE(dump.find("jane@example.com"), std::string::npos);
}

TEST_F(EngineAccountsTest, AdminsComeFromOptionsOrPromotion) {
  engine.reset();
  auto options = testing::test_options(dir, clock);
  options.admin_emails = {"Boss@Example.com"};
  engine = Engine::open(options);
  auto boss = engine->signup({{"name", "Boss"}, {"email", "boss@example.com"}, {"password", "password123"}});
  EXPECT_TRUE(engine->authenticate(boss.tokens.access_token).is_admin);
  auto r = sign_up();
  EXPECT_FALSE(engine->authenticate(r.tokens.access_token).is_admin);
  engine->promote_admin("JANE@example.com");
  EXPECT_TRUE(engine->authenticate(r.tokens.access_token).is_admin);
  EXPECT_EQ(code_of([&] { engine->promote_admin("ghost@example.com"); }), ErrorCode::NotFound);
}

TEST_F(EngineAccountsTest, GoogleSignInIsNotConfiguredWithoutClientId) {
  EXPECT_EQ(code_of([&] { engine->google_sign_in({{"token", "x"}}); }), ErrorCode::NotConfigured);
}

TEST_F(EngineAccountsTest, HealthChecksTheDatabaseAndStorage) {
  auto h = engine->health();
  EXPECT_TRUE(h.healthy);
  EXPECT_EQ(h.checks["database"], "ok");
  EXPECT_EQ(h.checks["storage"], "ok");
  EXPECT_EQ(h.checks["smtp"], "not_configured");
}

TEST_F(EngineAccountsTest, GeneratedJwtSecretIsKeptAcrossRestarts) {
  engine.reset();
  auto options = testing::test_options(dir, clock);
  options.jwt_secret_key.clear();
  engine = Engine::open(options);
  auto r = sign_up();
  engine.reset();
  engine = Engine::open(options);
  EXPECT_NO_THROW(engine->authenticate(r.tokens.access_token));
  auto perms = std::filesystem::status(dir / "jwt-secret").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::group_read, std::filesystem::perms::none);
}

}  // namespace
}  // namespace aligncv
