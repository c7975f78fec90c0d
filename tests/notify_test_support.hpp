// Helpers of the notify tests: an in-memory outbox, a fake mailer, and the adapter from the
// SQLite Store to notify::OutboxStore (the Engine holds the same adapter).
#pragma once

#include <aligncv/error.hpp>
#include <aligncv/notify.hpp>
#include <aligncv/store.hpp>

#include "engine/notify_records.hpp"  // the record conversions the Engine uses

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace aligncv::notify {

using aligncv::from_record;
using aligncv::to_record;

// notify::OutboxStore over the SQLite Store.
class StoreOutbox final : public OutboxStore {
 public:
  explicit StoreOutbox(Store& store) : store_(store) {}
  std::vector<OutboxMessage> claim_due_outbox(int64_t now, int64_t lease_until,
                                              int limit) override {
    std::vector<OutboxMessage> out;
    for (const auto& r : store_.claim_due_outbox(now, lease_until, limit))
      out.push_back(from_record(r));
    return out;
  }
  void mark_outbox_sent(const std::string& id, int64_t now) override {
    if (crash_before_commit) throw std::runtime_error("process died");
    store_.mark_outbox_sent(id, now);
  }
  void mark_outbox_failed(const std::string& id, const std::string& error, int64_t next, bool dead,
                          int64_t now) override {
    store_.mark_outbox_failed(id, error, next, dead, now);
  }
  bool crash_before_commit = false;  // simulates a crash between the SMTP reply and the commit

 private:
  Store& store_;
};

// An outbox in a map, with the same claim rules as the SQLite store.
class MemoryOutbox final : public OutboxStore {
 public:
  void add(OutboxMessage m) { rows[m.id] = std::move(m); }
  std::vector<OutboxMessage> claim_due_outbox(int64_t now, int64_t lease_until,
                                              int limit) override {
    std::vector<OutboxMessage> out;
    for (auto& [id, m] : rows) {
      if (static_cast<int>(out.size()) >= limit) break;
      const bool due = ((m.state == OutboxState::Pending || m.state == OutboxState::Failed) &&
                        m.next_attempt_at <= now) ||
                       (m.state == OutboxState::Sending && m.lease_until && *m.lease_until < now);
      if (!due) continue;
      m.state = OutboxState::Sending;
      m.lease_until = lease_until;
      ++m.attempts;
      out.push_back(m);
    }
    return out;
  }
  void mark_outbox_sent(const std::string& id, int64_t now) override {
    auto& m = rows.at(id);
    m.state = OutboxState::Sent;
    m.sent_at = now;
    m.lease_until.reset();
  }
  void mark_outbox_failed(const std::string& id, const std::string& error, int64_t next, bool dead,
                          int64_t) override {
    auto& m = rows.at(id);
    m.state = dead ? OutboxState::Dead : OutboxState::Failed;
    m.last_error = error;
    m.next_attempt_at = next;
    m.lease_until.reset();
  }
  std::map<std::string, OutboxMessage> rows;
};

// Records what it sends; fails the next `fail_next` sends the way the SMTP mailer does.
class FakeMailer final : public Mailer {
 public:
  void send(const OutboxMessage& m) override {
    ++attempts;
    if (fail_next > 0) {
      --fail_next;
      throw Error(ErrorCode::Unavailable, "SMTP delivery failed: Couldn't connect to server");
    }
    sent_ids.push_back(m.id);
  }
  int fail_next = 0;
  int attempts = 0;
  std::vector<std::string> sent_ids;
};

}  // namespace aligncv::notify
