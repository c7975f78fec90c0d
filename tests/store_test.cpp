#include <aligncv/store.hpp>
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/migrations.hpp"
#include "test_support.hpp"

namespace aligncv {
namespace {

UserRecord make_user(const std::string& id, const std::string& email) {
  UserRecord u;
  u.id = id;
  u.email = email;
  u.email_key = email;
  u.name = "Test User";
  u.password_hash = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA";
  u.created_at = u.updated_at = 1000;
  return u;
}

TEST(StoreTest, FreshDatabaseIsAtTheLatestSchemaVersion) {
  testing::TempDir dir;
  auto store = open_sqlite_store(dir / "a.db");
  EXPECT_EQ(store->schema_version(), store::migrations().back().version);
  EXPECT_NO_THROW(store->ping());
}

TEST(StoreTest, MigratesAnOldSchemaAndKeepsItsData) {
  testing::TempDir dir;
  std::string path = dir / "old.db";
  {
    // A database as version 1 left it, with one user.
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);");
    db.exec(store::migrations().front().sql);
    db.exec("INSERT INTO users (id, email, email_key, name, created_at, updated_at) "
            "VALUES ('u1', 'old@example.com', 'old@example.com', 'Old Timer', 1, 1)");
  }
  auto store = open_sqlite_store(path);
  EXPECT_EQ(store->schema_version(), store::migrations().back().version);
  auto user = store->user_by_email_key("old@example.com");
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->name, "Old Timer");
  // Tables of later migrations now work.
  store->create_family("s1", "u1", 10);
  EXPECT_TRUE(store->live_session("s1", "j1").has_value());
}

TEST(StoreTest, RefusesASchemaNewerThanItsMigrationsAndLeavesItAlone) {
  testing::TempDir dir;
  std::string path = dir / "new.db";
  int newer = store::migrations().back().version + 1;
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
    db.exec("INSERT INTO schema_version VALUES (" + std::to_string(newer) + ")");
  }
  try {
    open_sqlite_store(path);
    FAIL() << "expected the newer schema to be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Unavailable);
    EXPECT_NE(e.detail().find("newer than this aligncv"), std::string::npos) << e.detail();
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT version FROM schema_version").getInt(), newer);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'users'").getInt(), 0);
}

TEST(StoreTest, DuplicateEmailKeyIsAConflict) {
  testing::TempDir dir;
  auto store = open_sqlite_store(dir / "a.db");
  store->create_user(make_user("u1", "a@example.com"), Json::object());
  try {
    store->create_user(make_user("u2", "a@example.com"), Json::object());
    FAIL() << "expected a conflict";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Conflict);
    EXPECT_EQ(e.detail(), "Email already registered");
  }
}

TEST(StoreTest, HostileValuesAreStoredVerbatim) {
  testing::TempDir dir;
  auto store = open_sqlite_store(dir / "a.db");
  auto u = make_user("u1", "x@example.com");
  u.name = "Robert'); DROP TABLE users;--";
  store->create_user(u, Json::object());
  EXPECT_EQ(store->user_by_id("u1")->name, u.name);
  EXPECT_FALSE(store->user_by_email_key("' OR '1'='1").has_value());
}

TEST(StoreTest, RefreshTokenCanBeSpentOnceAndReuseRevokesTheFamily) {
  testing::TempDir dir;
  auto store = open_sqlite_store(dir / "a.db");
  store->create_user(make_user("u1", "a@example.com"), Json::object());
  store->create_family("s1", "u1", 100);
  store->add_refresh_token("r1", "s1", 10'000);
  EXPECT_EQ(store->use_refresh_token("r1", "s1", 200), RefreshUse::Rotated);
  EXPECT_TRUE(store->live_session("s1", "a1").has_value());
  EXPECT_EQ(store->use_refresh_token("r1", "s1", 300), RefreshUse::Reused);
  EXPECT_FALSE(store->live_session("s1", "a1").has_value());
  EXPECT_EQ(store->use_refresh_token("nope", "s1", 300), RefreshUse::Unknown);
  EXPECT_EQ(store->use_refresh_token("r1", "other-family", 300), RefreshUse::Unknown);
}

TEST(StoreTest, RevokedAccessTokenIsNotALiveSession) {
  testing::TempDir dir;
  auto store = open_sqlite_store(dir / "a.db");
  store->create_user(make_user("u1", "a@example.com"), Json::object());
  store->create_family("s1", "u1", 100);
  store->revoke_token("a1", 5000);
  EXPECT_FALSE(store->live_session("s1", "a1").has_value());
  EXPECT_TRUE(store->live_session("s1", "a2").has_value());
}

TEST(StoreTest, RevokeUserFamiliesKeepsTheNamedOne) {
  testing::TempDir dir;
  auto store = open_sqlite_store(dir / "a.db");
  store->create_user(make_user("u1", "a@example.com"), Json::object());
  store->create_family("s1", "u1", 100);
  store->create_family("s2", "u1", 100);
  store->revoke_user_families("u1", "s2", 200);
  EXPECT_FALSE(store->live_session("s1", "x").has_value());
  EXPECT_TRUE(store->live_session("s2", "x").has_value());
}

TEST(StoreTest, DeletingAUserCascadesToSettingsAndSessions) {
  testing::TempDir dir;
  auto store = open_sqlite_store(dir / "a.db");
  store->create_user(make_user("u1", "a@example.com"), Json{{"email_enabled", false}});
  store->create_family("s1", "u1", 100);
  EXPECT_EQ(store->notification_settings("u1")["email_enabled"], false);
  EXPECT_TRUE(store->delete_user("u1"));
  EXPECT_FALSE(store->delete_user("u1"));
  EXPECT_FALSE(store->live_session("s1", "x").has_value());
  EXPECT_TRUE(store->notification_settings("u1").empty());
}

TEST(StoreTest, ReadsSeeWritesFromOtherConnections) {
  testing::TempDir dir;
  auto store = open_sqlite_store(dir / "a.db");
  store->create_user(make_user("u1", "a@example.com"), Json::object());
  store->create_family("s1", "u1", 100);
  ASSERT_TRUE(store->live_session("s1", "x").has_value());
  store->revoke_family("s1", 200);
  EXPECT_FALSE(store->live_session("s1", "x").has_value());
}

}  // namespace
}  // namespace aligncv
