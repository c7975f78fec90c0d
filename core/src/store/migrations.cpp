#include "store/migrations.hpp"

namespace aligncv::store {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1, R"sql(
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL,
  email_key     TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  password_hash TEXT,
  google_id     TEXT UNIQUE,
  phone         TEXT,
  location      TEXT,
  linkedin_url  TEXT,
  github_url    TEXT,
  bio           TEXT,
  is_admin      INTEGER NOT NULL DEFAULT 0,
  preferences   TEXT NOT NULL DEFAULT '{}',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE TABLE notification_settings (
  user_id  TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  settings TEXT NOT NULL
);
)sql"},
      // Token families make refresh rotation, reuse detection and sign-out revocable server-side.
      {2, R"sql(
CREATE TABLE token_families (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX token_families_user ON token_families(user_id);
CREATE TABLE refresh_tokens (
  jti        TEXT PRIMARY KEY,
  family_id  TEXT NOT NULL REFERENCES token_families(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
CREATE TABLE revoked_tokens (
  jti        TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
)sql"},
      // Uploaded résumés: the original lives under <data_dir>/uploads/<storage_path>.
      {3, R"sql(
CREATE TABLE documents (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_name    TEXT NOT NULL,
  file_type    TEXT NOT NULL,
  mime_type    TEXT NOT NULL,
  file_size    INTEGER NOT NULL,
  storage_path TEXT NOT NULL,
  text         TEXT NOT NULL,
  text_hash    TEXT NOT NULL,
  profile      TEXT NOT NULL,
  sections     TEXT NOT NULL,
  skills       TEXT NOT NULL,
  roles        TEXT NOT NULL,
  entities     TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX documents_user_created ON documents(user_id, created_at DESC);
)sql"},
      // Jobs (the Job object as JSON, the index is rebuilt from it), bookmarks and applications.
      {4, R"sql(
CREATE TABLE jobs (
  job_id     TEXT PRIMARY KEY,
  source     TEXT NOT NULL,
  data       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE bookmarks (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  job_id     TEXT NOT NULL,
  notes      TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (user_id, job_id)
);
CREATE TABLE applications (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  job_id       TEXT NOT NULL,
  status       TEXT NOT NULL,
  notes        TEXT,
  applied_date TEXT,
  history      TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (user_id, job_id)
);
)sql"},
      // Notifications (api-v2.md §6.2), the new-match dedup table (also what digests list) and the
      // e-mail outbox; outbox.id is the idempotency key used as the Message-ID.
      {5, R"sql(
CREATE TABLE notifications (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  type        TEXT NOT NULL,
  title       TEXT NOT NULL,
  message     TEXT NOT NULL,
  job_id      TEXT,
  match_score REAL,
  job_title   TEXT,
  job_company TEXT,
  email_sent  INTEGER NOT NULL DEFAULT 0,
  is_read     INTEGER NOT NULL DEFAULT 0,
  read_at     INTEGER,
  created_at  INTEGER NOT NULL
);
CREATE INDEX notifications_user_created ON notifications(user_id, created_at DESC);
CREATE TABLE notified_matches (
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  job_id      TEXT NOT NULL,
  job_title   TEXT NOT NULL,
  job_company TEXT NOT NULL,
  score       REAL NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (user_id, job_id)
) WITHOUT ROWID;
CREATE INDEX notified_matches_job ON notified_matches(job_id);
CREATE INDEX notified_matches_user_created ON notified_matches(user_id, created_at);
CREATE TABLE outbox (
  id               TEXT PRIMARY KEY,
  user_id          TEXT REFERENCES users(id) ON DELETE CASCADE,
  kind             TEXT NOT NULL,
  recipient        TEXT NOT NULL,
  subject          TEXT NOT NULL,
  content          TEXT NOT NULL,
  notification_ids TEXT NOT NULL DEFAULT '[]',
  state            TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  lease_until      INTEGER,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  sent_at          INTEGER
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
)sql"},
      // Rewrite versions (api-v2.md §5.2): every rewrite, tailoring, cover letter and LinkedIn
      // result as returned; deleting the document deletes its versions (§3).
      {6, R"sql(
CREATE TABLE versions (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  style       TEXT,
  source      TEXT NOT NULL,
  score       INTEGER,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX versions_document_created ON versions(document_id, created_at DESC);
CREATE INDEX versions_user ON versions(user_id);
)sql"},
  };
  return list;
}

}  // namespace aligncv::store
