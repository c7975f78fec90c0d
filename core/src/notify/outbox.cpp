// The durable e-mail outbox (api-v2.md §6.4): idempotency keys, the retry schedule and the
// delivery loop.
//
// Protocol, and what "never twice" means here
// -------------------------------------------
// 1. Producing: a message is written in the same transaction as the event it reports, under a
//    deterministic idempotency key (kind + user + event/slot), with INSERT-OR-IGNORE. Producing
//    the same e-mail again (a retried import, a digest evaluated by two workers) keeps one row.
// 2. Claiming: deliver_due claims due rows atomically (one write transaction): Pending/Failed
//    rows whose next_attempt_at has come, and Sending rows whose lease expired. Claimed rows
//    become Sending with lease_until = now + lease and attempts + 1. Two workers (threads or
//    processes on one database) never hold the same row while its lease runs, and the lease is
//    longer than the mailer's whole timeout, so a live worker never races a re-claim.
// 3. Sending: the SMTP transaction carries Message-ID <key@sender-domain>.
// 4. Committing: Sent (and the reported notifications' email_sent) on success; Failed with the
//    next attempt time, or Dead after max_attempts, on failure.
//
// A crash (or a lost database write) after step 2 leaves the row Sending; when its lease
// expires it is claimed again and re-sent with the SAME Message-ID. So a message is never lost,
// and it is never sent under two different Message-IDs. It can reach the SMTP server twice only
// when the crash falls between the server's final "250 OK" and the commit of step 4, a window
// of milliseconds: the copy is byte-identical in its Message-ID, which receiving systems use to
// drop duplicates (Gmail and most mail clients do). Exactly-once delivery over SMTP is not
// possible (the server's acknowledgement and our commit cannot be one atomic step); this is
// at-least-once with a stable identity, i.e. "at most once per Message-ID" at a deduplicating
// receiver. A crash before the SMTP DATA completes sends nothing, and the retry sends it once.
#include <aligncv/error.hpp>
#include <aligncv/notify.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

#include "common/hash.hpp"

namespace aligncv::notify {

namespace {

constexpr int64_t kMinuteMs = 60 * 1000;
constexpr int64_t kBackoffCapMs = 6 * 60 * kMinuteMs;

}  // namespace

const char* outbox_state_name(OutboxState state) {
  switch (state) {
    case OutboxState::Pending:
      return "pending";
    case OutboxState::Sending:
      return "sending";
    case OutboxState::Sent:
      return "sent";
    case OutboxState::Failed:
      return "failed";
    case OutboxState::Dead:
      return "dead";
  }
  return "failed";
}

OutboxState outbox_state_from_name(const std::string& name) {
  if (name == "pending") return OutboxState::Pending;
  if (name == "sending") return OutboxState::Sending;
  if (name == "sent") return OutboxState::Sent;
  if (name == "dead") return OutboxState::Dead;
  return OutboxState::Failed;
}

std::string idempotency_key(const std::vector<std::string>& parts) {
  std::string joined;
  for (const auto& part : parts) {
    joined += std::to_string(part.size());  // length-prefixed: ("ab","c") != ("a","bc")
    joined += ':';
    joined += part;
  }
  return sha256_hex(joined).substr(0, 32);
}

OutboxMessage make_outbox_message(std::string key, std::optional<std::string> user_id,
                                  EmailKind kind, std::string to, EmailContent content,
                                  int64_t send_at, int64_t now_ms,
                                  std::vector<std::string> notification_ids) {
  OutboxMessage m;
  m.id = std::move(key);
  m.user_id = std::move(user_id);
  m.kind = email_kind_name(kind);
  m.to = std::move(to);
  m.content = std::move(content);
  m.notification_ids = std::move(notification_ids);
  m.state = OutboxState::Pending;
  m.next_attempt_at = send_at;
  m.created_at = now_ms;
  m.updated_at = now_ms;
  return m;
}

int64_t backoff_delay_ms(int attempt, std::mt19937_64& rng) {
  attempt = std::max(attempt, 1);
  // 2^(attempt-1) minutes; from the 10th attempt on, 2^9 min > 6 h, so the cap holds.
  const int64_t base =
      attempt > 10 ? kBackoffCapMs : std::min(kMinuteMs << (attempt - 1), kBackoffCapMs);
  std::uniform_real_distribution<double> jitter(-0.1, 0.1);
  return static_cast<int64_t>(std::llround(static_cast<double>(base) * (1.0 + jitter(rng))));
}

DeliveryReport deliver_due(OutboxStore& store, Mailer& mailer, int64_t now_ms, std::mt19937_64& rng,
                           const DeliveryOptions& options) {
  DeliveryReport report;
  const int batch = std::max(options.batch_size, 1);
  const int max_attempts = std::max(options.max_attempts, 1);
  // A failed message is rescheduled into the future, and a sent one leaves the due set, so each
  // round claims only messages not seen in this call; the loop ends when a round claims none.
  for (;;) {
    std::vector<OutboxMessage> claimed =
        store.claim_due_outbox(now_ms, now_ms + options.lease_ms, batch);
    if (claimed.empty()) break;
    for (const OutboxMessage& message : claimed) {
      try {
        mailer.send(message);
      } catch (const std::exception& e) {
        const Error* error = dynamic_cast<const Error*>(&e);
        const std::string cause = error ? error->detail() : std::string("delivery failed");
        const bool dead = message.attempts >= max_attempts;
        const int64_t next = dead ? now_ms : now_ms + backoff_delay_ms(message.attempts, rng);
        store.mark_outbox_failed(message.id, cause, next, dead, now_ms);
        ++(dead ? report.dead : report.retried);
        continue;
      }
      store.mark_outbox_sent(message.id, now_ms);
      ++report.sent;
    }
  }
  return report;
}

}  // namespace aligncv::notify
