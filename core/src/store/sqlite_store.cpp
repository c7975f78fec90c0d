// The embedded store: SQLite in WAL mode through SQLiteCpp, a small pool of connections (one per
// concurrent caller) each with its own prepared-statement cache.
#include <aligncv/error.hpp>
#include <aligncv/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <vector>

#include "store/migrations.hpp"

namespace aligncv {

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr int kWalAutocheckpointPages = 1000;  // SQLite's default

struct Connection {
  explicit Connection(const std::string& path)
      : db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, kBusyTimeoutMs) {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA synchronous = NORMAL");  // safe with WAL: a crash loses no committed data
  }

  // A cached statement, reset and with bindings cleared.
  SQLite::Statement& prepare(const std::string& sql) {
    auto it = statements.find(sql);
    if (it == statements.end()) {
      it = statements.emplace(sql, std::make_unique<SQLite::Statement>(db, sql)).first;
    }
    it->second->tryReset();  // reports the previous step's error again; already handled then
    it->second->clearBindings();
    return *it->second;
  }

  SQLite::Database db;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements;
};

// BEGIN IMMEDIATE takes the write lock up front, so two writers never deadlock on upgrade.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& c) : c_(c) { c_.db.exec("BEGIN IMMEDIATE"); }
  ~WriteTransaction() {
    if (!done_) {
      try {
        c_.db.exec("ROLLBACK");
      } catch (...) {  // already rolled back by SQLite
      }
    }
  }
  void commit() {
    c_.db.exec("COMMIT");
    done_ = true;
  }

 private:
  Connection& c_;
  bool done_ = false;
};

void bind_optional(SQLite::Statement& q, int index, const std::optional<std::string>& value) {
  if (value) {
    q.bind(index, *value);
  } else {
    q.bind(index);
  }
}

std::optional<std::string> optional_column(SQLite::Statement& q, int index) {
  auto col = q.getColumn(index);
  if (col.isNull()) return std::nullopt;
  return col.getString();
}

// SQLiteCpp does not always carry the extended code, so the column is read from the message.
bool is_unique_violation(const SQLite::Exception& e, const char* column) {
  return e.getErrorCode() == SQLITE_CONSTRAINT &&
         std::string(e.what()).find(std::string("UNIQUE constraint failed: ") + column) != std::string::npos;
}

const char* kUserColumns =
    "id, email, email_key, name, password_hash, google_id, phone, location, linkedin_url, "
    "github_url, bio, is_admin, preferences, created_at, updated_at";

const char* kDocumentColumns =
    "id, user_id, file_name, file_type, mime_type, file_size, storage_path, text, text_hash, "
    "profile, sections, skills, roles, entities, created_at, updated_at";
// Same column positions, with the text and profile left empty.
const char* kDocumentListColumns =
    "id, user_id, file_name, file_type, mime_type, file_size, storage_path, '', text_hash, "
    "'{}', sections, skills, roles, entities, created_at, updated_at";

Json json_column(SQLite::Statement& q, int index, Json fallback) {
  Json j = Json::parse(q.getColumn(index).getString(), nullptr, false);
  return j.is_discarded() ? fallback : j;
}

const char* kVersionColumns = "id, user_id, document_id, kind, style, source, score, body, created_at";

VersionRecord read_version(SQLite::Statement& q) {
  VersionRecord v;
  v.id = q.getColumn(0).getString();
  v.user_id = q.getColumn(1).getString();
  v.document_id = q.getColumn(2).getString();
  v.kind = q.getColumn(3).getString();
  v.style = optional_column(q, 4);
  v.source = q.getColumn(5).getString();
  if (!q.getColumn(6).isNull()) v.score = q.getColumn(6).getInt64();
  v.body = json_column(q, 7, Json::object());
  v.created_at = q.getColumn(8).getInt64();
  return v;
}

DocumentRecord read_document(SQLite::Statement& q) {
  DocumentRecord d;
  d.id = q.getColumn(0).getString();
  d.user_id = q.getColumn(1).getString();
  d.file_name = q.getColumn(2).getString();
  d.file_type = q.getColumn(3).getString();
  d.mime_type = q.getColumn(4).getString();
  d.file_size = q.getColumn(5).getInt64();
  d.storage_path = q.getColumn(6).getString();
  d.text = q.getColumn(7).getString();
  d.text_hash = q.getColumn(8).getString();
  d.profile = json_column(q, 9, Json::object());
  d.sections = json_column(q, 10, Json::array());
  d.skills = json_column(q, 11, Json::array());
  d.roles = json_column(q, 12, Json::array());
  d.entities = json_column(q, 13, Json::object());
  d.created_at = q.getColumn(14).getInt64();
  d.updated_at = q.getColumn(15).getInt64();
  return d;
}

const char* kApplicationColumns =
    "id, user_id, job_id, status, notes, applied_date, history, created_at, updated_at";

ApplicationRecord read_application(SQLite::Statement& q) {
  ApplicationRecord a;
  a.id = q.getColumn(0).getString();
  a.user_id = q.getColumn(1).getString();
  a.job_id = q.getColumn(2).getString();
  a.status = q.getColumn(3).getString();
  a.notes = optional_column(q, 4);
  a.applied_date = optional_column(q, 5);
  a.history = json_column(q, 6, Json::array());
  a.created_at = q.getColumn(7).getInt64();
  a.updated_at = q.getColumn(8).getInt64();
  return a;
}

UserRecord read_user(SQLite::Statement& q) {
  UserRecord u;
  u.id = q.getColumn(0).getString();
  u.email = q.getColumn(1).getString();
  u.email_key = q.getColumn(2).getString();
  u.name = q.getColumn(3).getString();
  u.password_hash = optional_column(q, 4);
  u.google_id = optional_column(q, 5);
  u.phone = optional_column(q, 6);
  u.location = optional_column(q, 7);
  u.linkedin_url = optional_column(q, 8);
  u.github_url = optional_column(q, 9);
  u.bio = optional_column(q, 10);
  u.is_admin = q.getColumn(11).getInt() != 0;
  u.preferences = Json::parse(q.getColumn(12).getString(), nullptr, false);
  if (u.preferences.is_discarded()) u.preferences = Json::object();
  u.created_at = q.getColumn(13).getInt64();
  u.updated_at = q.getColumn(14).getInt64();
  return u;
}

// ---- notifications and outbox ----

const char* kNotificationColumns =
    "id, user_id, type, title, message, job_id, match_score, job_title, job_company, email_sent, is_read, "
    "read_at, created_at";

const char* kOutboxColumns =
    "id, user_id, kind, recipient, subject, content, notification_ids, state, attempts, next_attempt_at, "
    "lease_until, last_error, created_at, updated_at, sent_at";

void bind_optional_int(SQLite::Statement& q, int index, const std::optional<int64_t>& value) {
  if (value) {
    q.bind(index, static_cast<int64_t>(*value));
  } else {
    q.bind(index);
  }
}

std::optional<int64_t> optional_int_column(SQLite::Statement& q, int index) {
  auto col = q.getColumn(index);
  if (col.isNull()) return std::nullopt;
  return col.getInt64();
}

NotificationRecord read_notification(SQLite::Statement& q) {
  NotificationRecord n;
  n.id = q.getColumn(0).getString();
  n.user_id = q.getColumn(1).getString();
  n.type = q.getColumn(2).getString();
  n.title = q.getColumn(3).getString();
  n.message = q.getColumn(4).getString();
  n.job_id = optional_column(q, 5);
  if (!q.getColumn(6).isNull()) n.match_score = q.getColumn(6).getDouble();
  n.job_title = optional_column(q, 7);
  n.job_company = optional_column(q, 8);
  n.email_sent = q.getColumn(9).getInt() != 0;
  n.is_read = q.getColumn(10).getInt() != 0;
  n.read_at = optional_int_column(q, 11);
  n.created_at = q.getColumn(12).getInt64();
  return n;
}

// " WHERE ..." for a filter; ?1 user, ?2 type, ?3 is_read (only those present are referenced).
std::string notification_where(const NotificationFilter& f) {
  std::string sql = " WHERE user_id = ?1";
  if (f.type) sql += " AND type = ?2";
  if (f.is_read) sql += " AND is_read = ?3";
  return sql;
}

void bind_notification_filter(SQLite::Statement& q, const std::string& user_id, const NotificationFilter& f) {
  q.bind(1, user_id);
  if (f.type) q.bind(2, *f.type);
  if (f.is_read) q.bind(3, *f.is_read ? 1 : 0);
}

OutboxRecord read_outbox(SQLite::Statement& q) {
  OutboxRecord m;
  m.id = q.getColumn(0).getString();
  m.user_id = optional_column(q, 1);
  m.kind = q.getColumn(2).getString();
  m.recipient = q.getColumn(3).getString();
  m.subject = q.getColumn(4).getString();
  m.content = json_column(q, 5, Json::object());
  for (const auto& id : json_column(q, 6, Json::array())) {
    if (id.is_string()) m.notification_ids.push_back(id.get<std::string>());
  }
  m.state = q.getColumn(7).getString();
  m.attempts = q.getColumn(8).getInt();
  m.next_attempt_at = q.getColumn(9).getInt64();
  m.lease_until = optional_int_column(q, 10);
  m.last_error = optional_column(q, 11);
  m.created_at = q.getColumn(12).getInt64();
  m.updated_at = q.getColumn(13).getInt64();
  m.sent_at = optional_int_column(q, 14);
  return m;
}

// INSERT OR IGNORE by id: true when the row is new.
bool insert_outbox(Connection& c, const OutboxRecord& m) {
  auto& q = c.prepare(std::string("INSERT OR IGNORE INTO outbox (") + kOutboxColumns +
                      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  q.bind(1, m.id);
  bind_optional(q, 2, m.user_id);
  q.bind(3, m.kind);
  q.bind(4, m.recipient);
  q.bind(5, m.subject);
  q.bind(6, m.content.dump());
  q.bind(7, Json(m.notification_ids).dump());
  q.bind(8, m.state);
  q.bind(9, m.attempts);
  q.bind(10, static_cast<int64_t>(m.next_attempt_at));
  bind_optional_int(q, 11, m.lease_until);
  bind_optional(q, 12, m.last_error);
  q.bind(13, static_cast<int64_t>(m.created_at));
  q.bind(14, static_cast<int64_t>(m.updated_at));
  bind_optional_int(q, 15, m.sent_at);
  return q.exec() > 0;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {
    auto parent = std::filesystem::path(path_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    auto first = std::make_unique<Connection>(path_);
    first->db.exec("PRAGMA journal_mode = WAL");
    migrate(*first);
    idle_.push_back(std::move(first));
  }

  int schema_version() override {
    return with([](Connection& c) { return current_version(c); });
  }

  void ping() override {
    with([](Connection& c) {
      c.db.setBusyTimeout(500);
      try {
        auto& q = c.prepare("SELECT count(*) FROM schema_version");
        q.executeStep();
      } catch (...) {
        c.db.setBusyTimeout(kBusyTimeoutMs);
        throw;
      }
      c.db.setBusyTimeout(kBusyTimeoutMs);
      return 0;
    });
  }

  void create_user(const UserRecord& u, const Json& settings) override {
    with([&](Connection& c) {
      WriteTransaction tx(c);
      auto& q = c.prepare(std::string("INSERT INTO users (") + kUserColumns +
                          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
      bind_user(q, u);
      try {
        q.exec();
      } catch (const SQLite::Exception& e) {
        if (is_unique_violation(e, "users.email_key")) {
          throw Error(ErrorCode::Conflict, "Email already registered");
        }
        throw;
      }
      auto& s = c.prepare("INSERT INTO notification_settings (user_id, settings) VALUES (?1, ?2)");
      s.bind(1, u.id);
      s.bind(2, settings.dump());
      s.exec();
      tx.commit();
      return 0;
    });
  }

  std::optional<UserRecord> user_by_id(const std::string& id) override {
    return find_user("id", id);
  }
  std::optional<UserRecord> user_by_email_key(const std::string& key) override {
    return find_user("email_key", key);
  }
  std::optional<UserRecord> user_by_google_id(const std::string& google_id) override {
    return find_user("google_id", google_id);
  }

  void update_user(const UserRecord& u) override {
    with([&](Connection& c) {
      auto& q = c.prepare(
          "UPDATE users SET email = ?2, email_key = ?3, name = ?4, password_hash = ?5, google_id = ?6, "
          "phone = ?7, location = ?8, linkedin_url = ?9, github_url = ?10, bio = ?11, is_admin = ?12, "
          "preferences = ?13, created_at = ?14, updated_at = ?15 WHERE id = ?1");
      bind_user(q, u);
      try {
        q.exec();
      } catch (const SQLite::Exception& e) {
        if (is_unique_violation(e, "users.google_id")) {
          throw Error(ErrorCode::Conflict, "Email is linked to a different Google account");
        }
        throw;
      }
      return 0;
    });
  }

  bool delete_user(const std::string& id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare("DELETE FROM users WHERE id = ?1");
      q.bind(1, id);
      return q.exec() > 0;
    });
  }

  Json notification_settings(const std::string& user_id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare("SELECT settings FROM notification_settings WHERE user_id = ?1");
      q.bind(1, user_id);
      if (!q.executeStep()) return Json::object();
      Json j = Json::parse(q.getColumn(0).getString(), nullptr, false);
      return j.is_discarded() ? Json::object() : j;
    });
  }

  void save_notification_settings(const std::string& user_id, const Json& settings) override {
    with([&](Connection& c) {
      auto& q = c.prepare(
          "INSERT INTO notification_settings (user_id, settings) VALUES (?1, ?2) "
          "ON CONFLICT(user_id) DO UPDATE SET settings = excluded.settings");
      q.bind(1, user_id);
      q.bind(2, settings.dump());
      q.exec();
      return 0;
    });
  }

  void insert_document(const DocumentRecord& d) override {
    with([&](Connection& c) {
      auto& q = c.prepare(std::string("INSERT INTO documents (") + kDocumentColumns +
                          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
      q.bind(1, d.id);
      q.bind(2, d.user_id);
      q.bind(3, d.file_name);
      q.bind(4, d.file_type);
      q.bind(5, d.mime_type);
      q.bind(6, d.file_size);
      q.bind(7, d.storage_path);
      // The text (up to the upload limit) and the profile are the row's bulk: bound without
      // SQLite's copy, and unbound after the insert so the cached statement keeps nothing (after
      // a failed insert, prepare() clears them before the statement's next use).
      const std::string profile = d.profile.dump();
      q.bindNoCopy(8, d.text);
      q.bind(9, d.text_hash);
      q.bindNoCopy(10, profile);
      q.bind(11, d.sections.dump());
      q.bind(12, d.skills.dump());
      q.bind(13, d.roles.dump());
      q.bind(14, d.entities.dump());
      q.bind(15, d.created_at);
      q.bind(16, d.updated_at);
      q.exec();
      q.tryReset();
      q.clearBindings();
      return 0;
    });
  }

  std::vector<DocumentRecord> documents(const std::string& user_id, int limit, int offset,
                                        bool with_text) override {
    return with([&](Connection& c) {
      // The list view skips the two large columns unless asked.
      auto& q = c.prepare(std::string("SELECT ") +
                          (with_text ? kDocumentColumns : kDocumentListColumns) +
                          " FROM documents WHERE user_id = ?1 ORDER BY created_at DESC, id LIMIT ?2 OFFSET ?3");
      q.bind(1, user_id);
      q.bind(2, limit);
      q.bind(3, offset);
      std::vector<DocumentRecord> out;
      while (q.executeStep()) out.push_back(read_document(q));
      return out;
    });
  }

  int64_t document_count(const std::string& user_id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare("SELECT count(*) FROM documents WHERE user_id = ?1");
      q.bind(1, user_id);
      q.executeStep();
      return q.getColumn(0).getInt64();
    });
  }

  std::optional<DocumentRecord> document(const std::string& user_id, const std::string& id) override {
    return with([&](Connection& c) -> std::optional<DocumentRecord> {
      auto& q = c.prepare(std::string("SELECT ") + kDocumentColumns +
                          " FROM documents WHERE id = ?1 AND user_id = ?2");
      q.bind(1, id);
      q.bind(2, user_id);
      if (!q.executeStep()) return std::nullopt;
      return read_document(q);
    });
  }

  bool delete_document(const std::string& user_id, const std::string& id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare("DELETE FROM documents WHERE id = ?1 AND user_id = ?2");
      q.bind(1, id);
      q.bind(2, user_id);
      return q.exec() > 0;
    });
  }

  std::vector<bool> upsert_jobs(std::vector<JobRecord>& jobs, bool more_follow) override {
    return with([&](Connection& c) {
      std::vector<bool> created;
      created.reserve(jobs.size());
      WriteTransaction tx(c);
      for (auto& job : jobs) {
        // Most rows of an import are new: one statement for them; an existing row is read
        // (its created_at stays) and updated.
        auto& insert = c.prepare(
            "INSERT INTO jobs (job_id, source, data, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
            "ON CONFLICT (job_id) DO NOTHING");
        insert.bind(1, job.job_id);
        insert.bind(2, job.source);
        insert.bindNoCopy(3, job.data);
        insert.bind(4, job.created_at);
        insert.bind(5, job.updated_at);
        const bool inserted = insert.exec() > 0;
        created.push_back(inserted);
        if (inserted) continue;
        auto& find = c.prepare("SELECT created_at FROM jobs WHERE job_id = ?1");
        find.bind(1, job.job_id);
        if (find.executeStep()) job.created_at = find.getColumn(0).getInt64();
        find.tryReset();
        auto& update = c.prepare("UPDATE jobs SET source = ?2, data = ?3, updated_at = ?5 WHERE job_id = ?1");
        update.bind(1, job.job_id);
        update.bind(2, job.source);
        update.bindNoCopy(3, job.data);
        update.bind(5, job.updated_at);
        update.exec();
      }
      // A checkpoint syncs the log and the database file; during a bulk import one at the end
      // replaces one every other batch.
      if (more_follow) sqlite3_wal_autocheckpoint(c.db.getHandle(), 0);
      try {
        tx.commit();
      } catch (...) {
        sqlite3_wal_autocheckpoint(c.db.getHandle(), kWalAutocheckpointPages);
        throw;
      }
      sqlite3_wal_autocheckpoint(c.db.getHandle(), kWalAutocheckpointPages);
      return created;
    });
  }

  std::vector<JobRecord> all_jobs() override {
    return with([&](Connection& c) {
      auto& q = c.prepare("SELECT job_id, source, data, created_at, updated_at FROM jobs");
      std::vector<JobRecord> out;
      while (q.executeStep()) {
        JobRecord j;
        j.job_id = q.getColumn(0).getString();
        j.source = q.getColumn(1).getString();
        j.data = q.getColumn(2).getString();
        j.created_at = q.getColumn(3).getInt64();
        j.updated_at = q.getColumn(4).getInt64();
        out.push_back(std::move(j));
      }
      return out;
    });
  }

  int64_t job_count() override {
    return with([&](Connection& c) {
      auto& q = c.prepare("SELECT count(*) FROM jobs");
      q.executeStep();
      return q.getColumn(0).getInt64();
    });
  }

  void insert_bookmark(const BookmarkRecord& b) override {
    try {
      with([&](Connection& c) {
        auto& q = c.prepare(
            "INSERT INTO bookmarks (id, user_id, job_id, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
        q.bind(1, b.id);
        q.bind(2, b.user_id);
        q.bind(3, b.job_id);
        bind_optional(q, 4, b.notes);
        q.bind(5, b.created_at);
        q.exec();
        return 0;
      });
    } catch (const Error& e) {
      if (std::string(e.what()).find("UNIQUE constraint failed: bookmarks") != std::string::npos) {
        throw Error(ErrorCode::Conflict, "Job already bookmarked");
      }
      throw;
    }
  }

  std::vector<BookmarkRecord> bookmarks(const std::string& user_id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare(
          "SELECT id, user_id, job_id, notes, created_at FROM bookmarks WHERE user_id = ?1 "
          "ORDER BY created_at DESC, rowid DESC");
      q.bind(1, user_id);
      std::vector<BookmarkRecord> out;
      while (q.executeStep()) {
        BookmarkRecord b;
        b.id = q.getColumn(0).getString();
        b.user_id = q.getColumn(1).getString();
        b.job_id = q.getColumn(2).getString();
        b.notes = optional_column(q, 3);
        b.created_at = q.getColumn(4).getInt64();
        out.push_back(std::move(b));
      }
      return out;
    });
  }

  bool delete_bookmark(const std::string& user_id, const std::string& id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare("DELETE FROM bookmarks WHERE user_id = ?1 AND (id = ?2 OR job_id = ?2)");
      q.bind(1, user_id);
      q.bind(2, id);
      return q.exec() > 0;
    });
  }

  std::optional<ApplicationRecord> application(const std::string& user_id, const std::string& id) override {
    return with([&](Connection& c) -> std::optional<ApplicationRecord> {
      auto& q = c.prepare(std::string("SELECT ") + kApplicationColumns +
                          " FROM applications WHERE user_id = ?1 AND (id = ?2 OR job_id = ?2)");
      q.bind(1, user_id);
      q.bind(2, id);
      if (!q.executeStep()) return std::nullopt;
      return read_application(q);
    });
  }

  void save_application(const ApplicationRecord& a) override {
    with([&](Connection& c) {
      auto& q = c.prepare(std::string("INSERT OR REPLACE INTO applications (") + kApplicationColumns +
                          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
      q.bind(1, a.id);
      q.bind(2, a.user_id);
      q.bind(3, a.job_id);
      q.bind(4, a.status);
      bind_optional(q, 5, a.notes);
      bind_optional(q, 6, a.applied_date);
      q.bind(7, a.history.dump());
      q.bind(8, a.created_at);
      q.bind(9, a.updated_at);
      q.exec();
      return 0;
    });
  }

  std::vector<ApplicationRecord> applications(const std::string& user_id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare(std::string("SELECT ") + kApplicationColumns +
                          " FROM applications WHERE user_id = ?1 ORDER BY updated_at DESC, rowid DESC");
      q.bind(1, user_id);
      std::vector<ApplicationRecord> out;
      while (q.executeStep()) out.push_back(read_application(q));
      return out;
    });
  }

  bool delete_application(const std::string& user_id, const std::string& id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare("DELETE FROM applications WHERE user_id = ?1 AND (id = ?2 OR job_id = ?2)");
      q.bind(1, user_id);
      q.bind(2, id);
      return q.exec() > 0;
    });
  }

  void insert_version(const VersionRecord& v) override {
    with([&](Connection& c) {
      auto& q = c.prepare(
          "INSERT INTO versions (id, user_id, document_id, kind, style, source, score, body, created_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
      q.bind(1, v.id);
      q.bind(2, v.user_id);
      q.bind(3, v.document_id);
      q.bind(4, v.kind);
      bind_optional(q, 5, v.style);
      q.bind(6, v.source);
      if (v.score) {
        q.bind(7, *v.score);
      } else {
        q.bind(7);
      }
      q.bind(8, v.body.dump(-1, ' ', false, Json::error_handler_t::replace));
      q.bind(9, v.created_at);
      q.exec();
      return 0;
    });
  }

  std::vector<VersionRecord> versions(const std::string& user_id, const std::string& document_id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare(std::string("SELECT ") + kVersionColumns +
                          " FROM versions WHERE user_id = ?1 AND document_id = ?2 "
                          "ORDER BY created_at DESC, rowid DESC");
      q.bind(1, user_id);
      q.bind(2, document_id);
      std::vector<VersionRecord> out;
      while (q.executeStep()) out.push_back(read_version(q));
      return out;
    });
  }

  std::vector<VersionRecord> user_versions(const std::string& user_id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare(std::string("SELECT ") + kVersionColumns +
                          " FROM versions WHERE user_id = ?1 ORDER BY created_at DESC, rowid DESC");
      q.bind(1, user_id);
      std::vector<VersionRecord> out;
      while (q.executeStep()) out.push_back(read_version(q));
      return out;
    });
  }

  std::optional<VersionRecord> version(const std::string& user_id, const std::string& id) override {
    return with([&](Connection& c) -> std::optional<VersionRecord> {
      auto& q = c.prepare(std::string("SELECT ") + kVersionColumns +
                          " FROM versions WHERE id = ?1 AND user_id = ?2");
      q.bind(1, id);
      q.bind(2, user_id);
      if (!q.executeStep()) return std::nullopt;
      return read_version(q);
    });
  }

  void create_family(const std::string& sid, const std::string& user_id, int64_t now) override {
    with([&](Connection& c) {
      auto& q = c.prepare("INSERT INTO token_families (id, user_id, created_at) VALUES (?1, ?2, ?3)");
      q.bind(1, sid);
      q.bind(2, user_id);
      q.bind(3, static_cast<int64_t>(now));
      q.exec();
      return 0;
    });
  }

  void add_refresh_token(const std::string& jti, const std::string& sid, int64_t expires_at) override {
    with([&](Connection& c) {
      auto& q = c.prepare("INSERT INTO refresh_tokens (jti, family_id, expires_at) VALUES (?1, ?2, ?3)");
      q.bind(1, jti);
      q.bind(2, sid);
      q.bind(3, static_cast<int64_t>(expires_at));
      q.exec();
      return 0;
    });
  }

  RefreshUse use_refresh_token(const std::string& jti, const std::string& sid, int64_t now) override {
    return with([&](Connection& c) {
      WriteTransaction tx(c);
      auto& q = c.prepare(
          "SELECT r.used_at IS NULL AND f.revoked_at IS NULL FROM refresh_tokens r "
          "JOIN token_families f ON f.id = r.family_id WHERE r.jti = ?1 AND r.family_id = ?2");
      q.bind(1, jti);
      q.bind(2, sid);
      if (!q.executeStep()) return RefreshUse::Unknown;
      bool live = q.getColumn(0).getInt() != 0;
      q.reset();
      if (live) {
        auto& spend = c.prepare("UPDATE refresh_tokens SET used_at = ?2 WHERE jti = ?1");
        spend.bind(1, jti);
        spend.bind(2, static_cast<int64_t>(now));
        spend.exec();
      } else {
        revoke_family_in(c, sid, now);
      }
      tx.commit();
      return live ? RefreshUse::Rotated : RefreshUse::Reused;
    });
  }

  void revoke_family(const std::string& sid, int64_t now) override {
    with([&](Connection& c) {
      revoke_family_in(c, sid, now);
      return 0;
    });
  }

  void revoke_user_families(const std::string& user_id, const std::string& keep_sid, int64_t now) override {
    with([&](Connection& c) {
      auto& q = c.prepare(
          "UPDATE token_families SET revoked_at = ?3 WHERE user_id = ?1 AND id <> ?2 AND revoked_at IS NULL");
      q.bind(1, user_id);
      q.bind(2, keep_sid);
      q.bind(3, static_cast<int64_t>(now));
      q.exec();
      return 0;
    });
  }

  void revoke_token(const std::string& jti, int64_t expires_at) override {
    with([&](Connection& c) {
      auto& q = c.prepare("INSERT OR IGNORE INTO revoked_tokens (jti, expires_at) VALUES (?1, ?2)");
      q.bind(1, jti);
      q.bind(2, static_cast<int64_t>(expires_at));
      q.exec();
      return 0;
    });
  }

  std::optional<SessionInfo> live_session(const std::string& sid, const std::string& jti) override {
    return with([&](Connection& c) -> std::optional<SessionInfo> {
      auto& q = c.prepare(
          "SELECT u.email, u.is_admin FROM token_families f JOIN users u ON u.id = f.user_id "
          "WHERE f.id = ?1 AND f.revoked_at IS NULL "
          "AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = ?2)");
      q.bind(1, sid);
      q.bind(2, jti);
      if (!q.executeStep()) return std::nullopt;
      return SessionInfo{q.getColumn(0).getString(), q.getColumn(1).getInt() != 0};
    });
  }

  void purge_expired(int64_t now) override {
    with([&](Connection& c) {
      auto& a = c.prepare("DELETE FROM revoked_tokens WHERE expires_at < ?1");
      a.bind(1, static_cast<int64_t>(now));
      a.exec();
      auto& b = c.prepare("DELETE FROM refresh_tokens WHERE expires_at < ?1");
      b.bind(1, static_cast<int64_t>(now));
      b.exec();
      // A family whose refresh tokens have all expired can never be used again.
      auto& f = c.prepare(
          "DELETE FROM token_families WHERE NOT EXISTS "
          "(SELECT 1 FROM refresh_tokens r WHERE r.family_id = token_families.id) AND created_at < ?1");
      f.bind(1, static_cast<int64_t>(now - 86400));
      f.exec();
      return 0;
    });
  }

  // ======== notifications and outbox (api-v2.md §6) ========

  int64_t commit_notifications(const NotificationBatch& batch) override {
    return with([&](Connection& c) {
      WriteTransaction tx(c);
      std::set<std::pair<std::string, std::string>> fresh;  // pairs this batch recorded
      for (const auto& m : batch.matches) {
        auto& q = c.prepare(
            "INSERT OR IGNORE INTO notified_matches (user_id, job_id, job_title, job_company, score, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        q.bind(1, m.user_id);
        q.bind(2, m.job_id);
        q.bind(3, m.job_title);
        q.bind(4, m.job_company);
        q.bind(5, m.score);
        q.bind(6, static_cast<int64_t>(m.created_at));
        if (q.exec() > 0) fresh.emplace(m.user_id, m.job_id);
      }
      int64_t inserted = 0;
      for (const auto& n : batch.notifications) {
        if (n.type == "job_match" && n.job_id && !fresh.count({n.user_id, *n.job_id})) {
          auto& known = c.prepare("SELECT 1 FROM notified_matches WHERE user_id = ?1 AND job_id = ?2");
          known.bind(1, n.user_id);
          known.bind(2, *n.job_id);
          const bool already = known.executeStep();
          known.tryReset();
          if (already) continue;  // another run told this user about this posting first
        }
        auto& q = c.prepare(std::string("INSERT INTO notifications (") + kNotificationColumns +
                            ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
        q.bind(1, n.id);
        q.bind(2, n.user_id);
        q.bind(3, n.type);
        q.bind(4, n.title);
        q.bind(5, n.message);
        bind_optional(q, 6, n.job_id);
        if (n.match_score) {
          q.bind(7, *n.match_score);
        } else {
          q.bind(7);
        }
        bind_optional(q, 8, n.job_title);
        bind_optional(q, 9, n.job_company);
        q.bind(10, n.email_sent ? 1 : 0);
        q.bind(11, n.is_read ? 1 : 0);
        bind_optional_int(q, 12, n.read_at);
        q.bind(13, static_cast<int64_t>(n.created_at));
        q.exec();
        ++inserted;
      }
      for (const auto& m : batch.outbox) insert_outbox(c, m);
      tx.commit();
      return inserted;
    });
  }

  std::vector<NotificationRecord> notifications(const std::string& user_id,
                                                const NotificationFilter& filter) override {
    return with([&](Connection& c) {
      auto& q = c.prepare(std::string("SELECT ") + kNotificationColumns + " FROM notifications" +
                          notification_where(filter) + " ORDER BY created_at DESC, rowid DESC LIMIT ?4 OFFSET ?5");
      bind_notification_filter(q, user_id, filter);
      q.bind(4, filter.limit);
      q.bind(5, filter.offset);
      std::vector<NotificationRecord> out;
      while (q.executeStep()) out.push_back(read_notification(q));
      return out;
    });
  }

  int64_t notification_count(const std::string& user_id, const NotificationFilter& filter) override {
    return with([&](Connection& c) {
      auto& q = c.prepare(std::string("SELECT count(*) FROM notifications") + notification_where(filter));
      bind_notification_filter(q, user_id, filter);
      q.executeStep();
      return q.getColumn(0).getInt64();
    });
  }

  int64_t unread_notification_count(const std::string& user_id) override {
    NotificationFilter unread;
    unread.is_read = false;
    return notification_count(user_id, unread);
  }

  std::optional<NotificationRecord> notification(const std::string& user_id, const std::string& id) override {
    return with([&](Connection& c) -> std::optional<NotificationRecord> {
      auto& q = c.prepare(std::string("SELECT ") + kNotificationColumns +
                          " FROM notifications WHERE id = ?1 AND user_id = ?2");
      q.bind(1, id);
      q.bind(2, user_id);
      if (!q.executeStep()) return std::nullopt;
      return read_notification(q);
    });
  }

  bool mark_notification_read(const std::string& user_id, const std::string& id, int64_t now) override {
    return with([&](Connection& c) {
      auto& q = c.prepare(
          "UPDATE notifications SET is_read = 1, read_at = coalesce(read_at, ?3) WHERE id = ?1 AND user_id = ?2");
      q.bind(1, id);
      q.bind(2, user_id);
      q.bind(3, static_cast<int64_t>(now));
      return q.exec() > 0;
    });
  }

  int64_t mark_all_notifications_read(const std::string& user_id, int64_t now) override {
    return with([&](Connection& c) {
      auto& q = c.prepare(
          "UPDATE notifications SET is_read = 1, read_at = coalesce(read_at, ?2) WHERE user_id = ?1 AND is_read = 0");
      q.bind(1, user_id);
      q.bind(2, static_cast<int64_t>(now));
      return static_cast<int64_t>(q.exec());
    });
  }

  bool delete_notification(const std::string& user_id, const std::string& id) override {
    return with([&](Connection& c) {
      auto& q = c.prepare("DELETE FROM notifications WHERE id = ?1 AND user_id = ?2");
      q.bind(1, id);
      q.bind(2, user_id);
      return q.exec() > 0;
    });
  }

  std::vector<NotificationRecipient> notification_recipients() override {
    return with([&](Connection& c) {
      auto& q = c.prepare(
          "SELECT u.id, u.email, s.settings, (SELECT d.id FROM documents d WHERE d.user_id = u.id "
          "ORDER BY d.created_at DESC, d.id LIMIT 1), u.preferences FROM users u "
          "LEFT JOIN notification_settings s ON s.user_id = u.id ORDER BY u.id");
      std::vector<NotificationRecipient> out;
      while (q.executeStep()) {
        NotificationRecipient r;
        r.user_id = q.getColumn(0).getString();
        r.email = q.getColumn(1).getString();
        r.settings = json_column(q, 2, Json::object());
        r.newest_document_id = optional_column(q, 3);
        r.preferences = json_column(q, 4, Json::object());
        out.push_back(std::move(r));
      }
      return out;
    });
  }

  std::vector<std::pair<std::string, std::string>> notified_pairs(const std::vector<std::string>& job_ids) override {
    return with([&](Connection& c) {
      std::vector<std::pair<std::string, std::string>> out;
      for (const auto& job_id : job_ids) {
        auto& q = c.prepare("SELECT user_id FROM notified_matches WHERE job_id = ?1");
        q.bind(1, job_id);
        while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), job_id);
      }
      return out;
    });
  }

  std::vector<NotifiedMatchRecord> notified_matches(const std::string& user_id, int64_t from, int64_t to) override {
    return with([&](Connection& c) {
      auto& q = c.prepare(
          "SELECT user_id, job_id, job_title, job_company, score, created_at FROM notified_matches "
          "WHERE user_id = ?1 AND created_at >= ?2 AND created_at < ?3 ORDER BY created_at, score DESC, job_id");
      q.bind(1, user_id);
      q.bind(2, static_cast<int64_t>(from));
      q.bind(3, static_cast<int64_t>(to));
      std::vector<NotifiedMatchRecord> out;
      while (q.executeStep()) {
        NotifiedMatchRecord m;
        m.user_id = q.getColumn(0).getString();
        m.job_id = q.getColumn(1).getString();
        m.job_title = q.getColumn(2).getString();
        m.job_company = q.getColumn(3).getString();
        m.score = q.getColumn(4).getDouble();
        m.created_at = q.getColumn(5).getInt64();
        out.push_back(std::move(m));
      }
      return out;
    });
  }

  int64_t jobs_created_between(int64_t from, int64_t to) override {
    return with([&](Connection& c) {
      auto& q = c.prepare("SELECT count(*) FROM jobs WHERE created_at >= ?1 AND created_at < ?2");
      q.bind(1, static_cast<int64_t>(from));
      q.bind(2, static_cast<int64_t>(to));
      q.executeStep();
      return q.getColumn(0).getInt64();
    });
  }

  bool enqueue_outbox(const OutboxRecord& message) override {
    return with([&](Connection& c) { return insert_outbox(c, message); });
  }

  std::optional<OutboxRecord> outbox_message(const std::string& id) override {
    return with([&](Connection& c) -> std::optional<OutboxRecord> {
      auto& q = c.prepare(std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE id = ?1");
      q.bind(1, id);
      if (!q.executeStep()) return std::nullopt;
      return read_outbox(q);
    });
  }

  std::vector<OutboxRecord> claim_due_outbox(int64_t now, int64_t lease_until, int limit) override {
    return with([&](Connection& c) {
      WriteTransaction tx(c);
      auto& due = c.prepare(
          "SELECT id FROM outbox WHERE (state IN ('pending', 'failed') AND next_attempt_at <= ?1) "
          "OR (state = 'sending' AND lease_until < ?1) ORDER BY next_attempt_at, id LIMIT ?2");
      due.bind(1, static_cast<int64_t>(now));
      due.bind(2, limit);
      std::vector<std::string> ids;
      while (due.executeStep()) ids.push_back(due.getColumn(0).getString());
      due.tryReset();
      std::vector<OutboxRecord> out;
      for (const auto& id : ids) {
        auto& claim = c.prepare(
            "UPDATE outbox SET state = 'sending', lease_until = ?2, attempts = attempts + 1, updated_at = ?3 "
            "WHERE id = ?1");
        claim.bind(1, id);
        claim.bind(2, static_cast<int64_t>(lease_until));
        claim.bind(3, static_cast<int64_t>(now));
        claim.exec();
        auto& row = c.prepare(std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE id = ?1");
        row.bind(1, id);
        if (row.executeStep()) out.push_back(read_outbox(row));
        row.tryReset();
      }
      tx.commit();
      return out;
    });
  }

  void mark_outbox_sent(const std::string& id, int64_t now) override {
    with([&](Connection& c) {
      WriteTransaction tx(c);
      auto& q = c.prepare(
          "UPDATE outbox SET state = 'sent', sent_at = ?2, updated_at = ?2, lease_until = NULL, last_error = NULL "
          "WHERE id = ?1 AND state = 'sending'");
      q.bind(1, id);
      q.bind(2, static_cast<int64_t>(now));
      if (q.exec() > 0) {
        auto& ids = c.prepare("SELECT notification_ids FROM outbox WHERE id = ?1");
        ids.bind(1, id);
        Json list = ids.executeStep() ? json_column(ids, 0, Json::array()) : Json::array();
        ids.tryReset();
        for (const auto& nid : list) {
          if (!nid.is_string()) continue;
          auto& mark = c.prepare("UPDATE notifications SET email_sent = 1 WHERE id = ?1");
          mark.bind(1, nid.get<std::string>());
          mark.exec();
        }
      }
      tx.commit();
      return 0;
    });
  }

  void mark_outbox_failed(const std::string& id, const std::string& error, int64_t next_attempt_at, bool dead,
                          int64_t now) override {
    with([&](Connection& c) {
      auto& q = c.prepare(
          "UPDATE outbox SET state = ?2, last_error = ?3, next_attempt_at = ?4, lease_until = NULL, updated_at = ?5 "
          "WHERE id = ?1 AND state = 'sending'");
      q.bind(1, id);
      q.bind(2, dead ? "dead" : "failed");
      q.bind(3, error);
      q.bind(4, static_cast<int64_t>(next_attempt_at));
      q.bind(5, static_cast<int64_t>(now));
      q.exec();
      return 0;
    });
  }

  std::map<std::string, int64_t> outbox_counts() override {
    return with([&](Connection& c) {
      std::map<std::string, int64_t> out{{"pending", 0}, {"sending", 0}, {"sent", 0}, {"failed", 0}, {"dead", 0}};
      auto& q = c.prepare("SELECT state, count(*) FROM outbox GROUP BY state");
      while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt64();
      return out;
    });
  }

 private:
  static int current_version(Connection& c) {
    auto& q = c.prepare("SELECT version FROM schema_version");
    int version = q.executeStep() ? q.getColumn(0).getInt() : 0;
    q.reset();
    return version;
  }

  static void migrate(Connection& c) {
    c.db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    WriteTransaction tx(c);
    int version = current_version(c);
    // An older binary must not write to a schema it does not know (after a rollback, say).
    if (version > store::migrations().back().version) {
      throw Error(ErrorCode::Unavailable,
                  "database schema version " + std::to_string(version) +
                      " is newer than this aligncv understands (" +
                      std::to_string(store::migrations().back().version) +
                      "); run the newer aligncv or restore a backup");
    }
    if (c.db.execAndGet("SELECT count(*) FROM schema_version").getInt() == 0) {
      c.db.exec("INSERT INTO schema_version (version) VALUES (0)");
    }
    for (const auto& m : store::migrations()) {
      if (m.version <= version) continue;
      c.db.exec(m.sql);
      auto& q = c.prepare("UPDATE schema_version SET version = ?1");
      q.bind(1, m.version);
      q.exec();
    }
    tx.commit();
    c.statements.clear();  // prepared against the old schema
  }

  static void bind_user(SQLite::Statement& q, const UserRecord& u) {
    q.bind(1, u.id);
    q.bind(2, u.email);
    q.bind(3, u.email_key);
    q.bind(4, u.name);
    bind_optional(q, 5, u.password_hash);
    bind_optional(q, 6, u.google_id);
    bind_optional(q, 7, u.phone);
    bind_optional(q, 8, u.location);
    bind_optional(q, 9, u.linkedin_url);
    bind_optional(q, 10, u.github_url);
    bind_optional(q, 11, u.bio);
    q.bind(12, u.is_admin ? 1 : 0);
    q.bind(13, u.preferences.dump());
    q.bind(14, static_cast<int64_t>(u.created_at));
    q.bind(15, static_cast<int64_t>(u.updated_at));
  }

  static void revoke_family_in(Connection& c, const std::string& sid, int64_t now) {
    auto& q = c.prepare("UPDATE token_families SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
    q.bind(1, sid);
    q.bind(2, static_cast<int64_t>(now));
    q.exec();
  }

  std::optional<UserRecord> find_user(const char* column, const std::string& value) {
    return with([&](Connection& c) -> std::optional<UserRecord> {
      auto& q = c.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + column + " = ?1");
      q.bind(1, value);
      if (!q.executeStep()) return std::nullopt;
      return read_user(q);
    });
  }

  // Runs fn on a pooled connection; SQLite failures become Error(Unavailable).
  template <typename Fn>
  auto with(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    std::unique_ptr<Connection> conn;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        conn = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    try {
      if (!conn) conn = std::make_unique<Connection>(path_);
      auto release = [&] {
        // A stepped but unfinished statement keeps a read transaction (a stale WAL snapshot)
        // open; end them all before the connection is reused.
        for (auto& entry : conn->statements) entry.second->tryReset();
        std::lock_guard<std::mutex> lock(mutex_);
        idle_.push_back(std::move(conn));
      };
      try {
        auto result = fn(*conn);
        release();
        return result;
      } catch (...) {
        release();
        throw;
      }
    } catch (const SQLite::Exception& e) {
      throw Error(ErrorCode::Unavailable, std::string("database error: ") + e.what());
    }
  }

  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
  try {
    return std::make_unique<SqliteStore>(path);
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorCode::Unavailable, "Cannot open database '" + path + "': " + e.what());
  } catch (const std::filesystem::filesystem_error& e) {
    throw Error(ErrorCode::Unavailable, "Cannot open database '" + path + "': " + e.what());
  }
}

}  // namespace aligncv
