// Conversions between the notify area's values and the store's records, and the adapter that
// lets notify::deliver_due drain the store's outbox.
#pragma once

#include <aligncv/notify.hpp>
#include <aligncv/store.hpp>

#include <string>
#include <vector>

namespace aligncv {

inline NotificationRecord to_record(const notify::Notification& n) {
  NotificationRecord r;
  r.id = n.id;
  r.user_id = n.user_id;
  r.type = n.type;
  r.title = n.title;
  r.message = n.message;
  r.job_id = n.job_id;
  r.match_score = n.match_score;
  r.job_title = n.job_title;
  r.job_company = n.job_company;
  r.email_sent = n.email_sent;
  r.is_read = n.is_read;
  r.read_at = n.read_at;
  r.created_at = n.created_at;
  return r;
}

inline notify::Notification from_record(const NotificationRecord& r) {
  notify::Notification n;
  n.id = r.id;
  n.user_id = r.user_id;
  n.type = r.type;
  n.title = r.title;
  n.message = r.message;
  n.job_id = r.job_id;
  n.match_score = r.match_score;
  n.job_title = r.job_title;
  n.job_company = r.job_company;
  n.email_sent = r.email_sent;
  n.is_read = r.is_read;
  n.read_at = r.read_at;
  n.created_at = r.created_at;
  return n;
}

inline NotifiedMatchRecord to_record(const notify::MatchEvent& e) {
  return {e.user_id, e.job_id, e.title, e.company, e.score, e.at};
}

inline OutboxRecord to_record(const notify::OutboxMessage& m) {
  OutboxRecord r;
  r.id = m.id;
  r.user_id = m.user_id;
  r.kind = m.kind;
  r.recipient = m.to;
  r.subject = m.content.subject;
  r.content = notify::to_json(m.content);
  r.notification_ids = m.notification_ids;
  r.state = notify::outbox_state_name(m.state);
  r.attempts = m.attempts;
  r.next_attempt_at = m.next_attempt_at;
  r.lease_until = m.lease_until;
  r.last_error = m.last_error;
  r.created_at = m.created_at;
  r.updated_at = m.updated_at;
  r.sent_at = m.sent_at;
  return r;
}

inline notify::OutboxMessage from_record(const OutboxRecord& r) {
  notify::OutboxMessage m;
  m.id = r.id;
  m.user_id = r.user_id;
  m.kind = r.kind;
  m.to = r.recipient;
  m.content = notify::email_content_from_json(r.content);
  m.notification_ids = r.notification_ids;
  m.state = notify::outbox_state_from_name(r.state);
  m.attempts = r.attempts;
  m.next_attempt_at = r.next_attempt_at;
  m.lease_until = r.lease_until;
  m.last_error = r.last_error;
  m.created_at = r.created_at;
  m.updated_at = r.updated_at;
  m.sent_at = r.sent_at;
  return m;
}

// notify::OutboxStore over the Store.
class StoreOutbox final : public notify::OutboxStore {
 public:
  explicit StoreOutbox(Store& store) : store_(store) {}
  std::vector<notify::OutboxMessage> claim_due_outbox(int64_t now, int64_t lease_until, int limit) override {
    std::vector<notify::OutboxMessage> out;
    for (const auto& r : store_.claim_due_outbox(now, lease_until, limit)) out.push_back(from_record(r));
    return out;
  }
  void mark_outbox_sent(const std::string& id, int64_t now) override { store_.mark_outbox_sent(id, now); }
  void mark_outbox_failed(const std::string& id, const std::string& error, int64_t next, bool dead,
                          int64_t now) override {
    store_.mark_outbox_failed(id, error, next, dead, now);
  }

 private:
  Store& store_;
};

}  // namespace aligncv
