// Notifications (api-v2.md §6): the rules of the notify area applied to the store's state --
// new matches after an import, application updates, the security notice, digests -- the
// notification list operations, and delivery of the e-mail outbox.
#include <aligncv/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "common/fields.hpp"
#include "common/hash.hpp"
#include "common/parallel.hpp"
#include "engine/impl.hpp"
#include "engine/notify_records.hpp"

namespace aligncv {

namespace {

const char* kNotificationNotFound = "Notification not found";
const char* kInvalidUnsubscribe = "Invalid unsubscribe link";
constexpr int kMatchCap = 10;  // §6.3: at most 10 match events per user per run

const std::vector<std::string> kTypes = {"job_match", "application_update", "system"};

double round2(double v) { return std::round(v * 100.0) / 100.0; }

}  // namespace

// ---- JSON forms ----

Json to_json(const NotificationPage& page) {
  Json items = Json::array();
  for (const auto& n : page.notifications) items.push_back(notify::to_json(n));
  return {{"total", page.total}, {"unread", page.unread}, {"notifications", std::move(items)}};
}

Json to_json(const TestNotificationResult& r) {
  return {{"message", r.queued ? "Test notification queued successfully"
                               : "Test notification created; email delivery is not configured"},
          {"notification_id", r.notification_id.empty() ? Json(nullptr) : Json(r.notification_id)},
          {"email", r.email},
          {"delivery", r.queued ? "queued" : "smtp_not_configured"}};
}

Json to_json(const NotificationRunReport& r) {
  return {{"smtp_configured", r.smtp_configured},
          {"digests", r.digests},
          {"sent", r.sent},
          {"retried", r.retried},
          {"dead", r.dead}};
}

// ---- set-up ----

void Engine::Impl::setup_notifications(const std::string& jwt_secret) {
  // A key of its own, so an unsubscribe token can never be replayed as (or forged from) a JWT.
  unsubscribe_key = sha256_hex("aligncv-unsubscribe-v1:" + jwt_secret);
  if (!options.smtp_configured()) return;
  notify::SmtpConfig config;
  config.url = options.smtp_url;
  config.user = options.smtp_user;
  config.password = options.smtp_password;
  config.from = options.smtp_from;
  config.public_url = options.effective_public_url();
  config.require_tls = !options.smtp_user.empty();
  const std::string key = unsubscribe_key;
  config.unsubscribe_token = [key](const std::string& user_id) {
    return notify::sign_unsubscribe_token(user_id, key);
  };
  std::shared_ptr<Clock> time = clock;
  config.now_ms = [time] { return time->now_ms(); };
  mailer = notify::make_smtp_mailer(std::move(config));
  if (options.smtp_from == Options().smtp_from) {
    logger->warn("notify", "SMTP_URL is set but SMTP_FROM is not: e-mail is sent as " + options.smtp_from);
  }
}

// ---- rules applied to the store ----

void Engine::Impl::notify_new_postings(const SharedJobs& fresh) {
  if (fresh.empty()) return;
  try {
    const int64_t now = clock->now_ms();
    const bool smtp = options.smtp_configured();
    struct Work {
      NotificationRecipient recipient;
      notify::NotificationSettings settings;
      std::optional<DocumentRecord> document;
    };
    std::vector<Work> work;
    for (auto& r : store->notification_recipients()) {
      if (!r.newest_document_id) continue;
      notify::NotificationSettings settings = notify::from_storage_json(r.settings);
      const bool email = smtp && settings.email_enabled && settings.email_new_matches;
      if (!settings.notify_new_matches && !email) continue;
      work.push_back({std::move(r), std::move(settings), std::nullopt});
    }
    if (work.empty()) return;
    for (auto& w : work) w.document = store->document(w.recipient.user_id, *w.recipient.newest_document_id);

    // Only the new postings are scored: a small index of them, searched with each résumé.
    const auto& taxonomy = taxonomy::Taxonomy::builtin();
    match::Index index(taxonomy);
    index.upsert(fresh);
    std::vector<notify::NewPosting> postings;
    std::unordered_map<std::string, uint32_t> position;
    std::vector<std::string> job_ids;
    for (const auto& job : fresh) {
      if (!position.emplace(job->job_id, static_cast<uint32_t>(postings.size())).second) continue;
      postings.push_back({job->job_id, job->title, job->company});
      job_ids.push_back(job->job_id);
    }
    std::unordered_map<std::string, std::unordered_set<std::string>> notified;
    for (auto& [user, job] : store->notified_pairs(job_ids)) notified[user].insert(job);

    std::vector<notify::UserMatchInput> inputs(work.size());
    parallel_for(
        work.size(),
        [&](std::size_t i) {
          const Work& w = work[i];
          notify::UserMatchInput& in = inputs[i];
          in.user_id = w.recipient.user_id;
          in.settings = w.settings;
          if (!w.document) return;
          match::Candidate candidate = match::make_candidate(parse_result_of(*w.document), w.document->text, taxonomy);
          const Preferences prefs = preferences_from_json(w.recipient.preferences);
          if (prefs.min_salary && *prefs.min_salary > 0) candidate.desired_salary = prefs.min_salary;
          match::Filters filters;
          filters.min_score = w.settings.min_match_score;
          for (const auto& hit : index.search(&candidate, filters, 2 * kMatchCap)) {
            auto it = position.find(hit.job->job_id);
            if (it == position.end()) continue;
            in.scores.push_back({it->second, static_cast<float>(round2(hit.combined_score / 100.0))});
          }
        },
        16);
    for (auto& in : inputs) {
      if (auto it = notified.find(in.user_id); it != notified.end()) in.already_notified = std::move(it->second);
    }

    const auto results = notify::evaluate_new_matches(postings, inputs, now, kMatchCap);
    std::unordered_map<std::string, const Work*> work_of;
    for (const auto& w : work) work_of.emplace(w.recipient.user_id, &w);
    NotificationBatch batch;
    for (const auto& result : results) {
      std::vector<std::string> notification_ids;
      for (const auto& e : result.events) batch.matches.push_back(to_record(e));
      for (const auto& n : result.notifications) {
        batch.notifications.push_back(to_record(n));
        notification_ids.push_back(n.id);
      }
      if (smtp && result.email.route == notify::EmailDecision::Route::Send && !result.events.empty()) {
        std::vector<std::string> key = {"job_matches", result.user_id};
        for (const auto& e : result.events) key.push_back(e.job_id);
        batch.outbox.push_back(to_record(notify::make_outbox_message(
            notify::idempotency_key(key), result.user_id, notify::EmailKind::NewMatches,
            work_of.at(result.user_id)->recipient.email, notify::new_matches_email(result.events),
            result.email.send_at, now, std::move(notification_ids))));
      }
    }
    if (batch.matches.empty()) return;
    const int64_t inserted = store->commit_notifications(batch);
    logger->info("notify", "New postings: " + std::to_string(postings.size()) + " scored for " +
                               std::to_string(work.size()) + " users; " + std::to_string(inserted) +
                               " notifications, " + std::to_string(batch.outbox.size()) + " e-mails queued");
  } catch (const std::exception& e) {
    logger->error("notify", std::string("Evaluating new matches failed: ") + e.what());
  }
}

void Engine::Impl::notify_application_change(const std::string& user_id, const std::string& job_id,
                                             const std::optional<std::string>& old_status,
                                             const std::string& new_status) {
  if (old_status && *old_status == new_status) return;
  if (!old_status) return;  // creating an application is not a change (§6.3)
  try {
    const int64_t now = clock->now_ms();
    const auto settings = notify::from_storage_json(store->notification_settings(user_id));
    notify::ApplicationChange change;
    change.user_id = user_id;
    change.job_id = job_id;
    if (auto job = jobs->job(job_id)) {
      change.job_title = job->title;
      change.job_company = job->company;
    } else {
      change.job_title = job_id;
    }
    change.old_status = old_status;
    change.new_status = new_status;
    const auto result = notify::evaluate_application_change(settings, change, now);
    if (!result.is_change) return;
    NotificationBatch batch;
    std::vector<std::string> ids;
    if (result.notification) {
      batch.notifications.push_back(to_record(*result.notification));
      ids.push_back(result.notification->id);
    }
    if (options.smtp_configured() && result.email.route == notify::EmailDecision::Route::Send) {
      if (auto user = store->user_by_id(user_id)) {
        batch.outbox.push_back(to_record(notify::make_outbox_message(
            notify::idempotency_key({"application_update", user_id, job_id, *old_status, new_status,
                                     std::to_string(now)}),
            user_id, notify::EmailKind::ApplicationUpdate, user->email, notify::application_update_email(change),
            result.email.send_at, now, ids)));
      }
    }
    if (!batch.notifications.empty() || !batch.outbox.empty()) store->commit_notifications(batch);
  } catch (const std::exception& e) {
    logger->error("notify", std::string("Application update notification failed: ") + e.what(),
                  log_fields("", user_id));
  }
}

void Engine::Impl::notify_password_changed(const UserRecord& user) {
  try {
    const int64_t now = clock->now_ms();
    const auto settings = notify::from_storage_json(store->notification_settings(user.id));
    NotificationBatch batch;
    std::vector<std::string> ids;
    if (auto n = notify::password_changed_notification(settings, user.id, now)) {
      batch.notifications.push_back(to_record(*n));
      ids.push_back(n->id);
    }
    if (options.smtp_configured()) {
      batch.outbox.push_back(to_record(notify::make_outbox_message(
          notify::idempotency_key({"security", user.id, std::to_string(now)}), user.id,
          notify::EmailKind::SecurityNotice, user.email, notify::password_changed_email(), now, now, ids)));
    }
    if (!batch.notifications.empty() || !batch.outbox.empty()) store->commit_notifications(batch);
  } catch (const std::exception& e) {
    logger->error("notify", std::string("Password-change notice failed: ") + e.what(), log_fields("", user.id));
  }
}

// ---- the list and its operations ----

NotificationPage Engine::notifications(const Principal& me, const Json& query) {
  const Json args = query.is_null() ? Json::object() : query;
  FieldReader in(args, "query");
  const auto unread_only = in.boolean("unread_only");
  const auto status = in.choice("status", false, {"read", "unread"});
  const auto type = in.choice("type", false, kTypes);
  const auto limit = in.integer("limit", false, 1, 100);
  const auto offset = in.integer("offset", false, 0, std::nullopt);
  in.throw_if_failed();
  NotificationFilter filter;
  filter.type = type;
  if (status) filter.is_read = *status == "read";
  if (unread_only.value_or(false)) {
    if (filter.is_read && *filter.is_read) {  // read and unread at once: nothing matches
      NotificationPage empty;
      empty.unread = impl_->store->unread_notification_count(me.user_id);
      return empty;
    }
    filter.is_read = false;
  }
  filter.limit = static_cast<int>(limit.value_or(50));
  filter.offset = static_cast<int>(std::min<int64_t>(offset.value_or(0), std::numeric_limits<int>::max()));
  NotificationPage page;
  for (const auto& r : impl_->store->notifications(me.user_id, filter)) page.notifications.push_back(from_record(r));
  page.total = impl_->store->notification_count(me.user_id, filter);
  page.unread = impl_->store->unread_notification_count(me.user_id);
  return page;
}

void Engine::mark_notification_read(const Principal& me, const std::string& id) {
  if (!impl_->store->mark_notification_read(me.user_id, id, impl_->clock->now_ms())) {
    throw Error(ErrorCode::NotFound, kNotificationNotFound);
  }
}

int64_t Engine::mark_all_notifications_read(const Principal& me) {
  return impl_->store->mark_all_notifications_read(me.user_id, impl_->clock->now_ms());
}

void Engine::delete_notification(const Principal& me, const std::string& id) {
  if (!impl_->store->delete_notification(me.user_id, id)) throw Error(ErrorCode::NotFound, kNotificationNotFound);
}

namespace {

// The test notification of `user` and, with SMTP, its e-mail, in one batch.
TestNotificationResult queue_test(Store& store, const Options& options, const UserRecord& user, int64_t now) {
  const notify::Notification n = notify::test_notification(user.id, now);
  NotificationBatch batch;
  batch.notifications.push_back(to_record(n));
  TestNotificationResult result;
  result.notification_id = n.id;
  result.email = user.email;
  if (options.smtp_configured()) {
    batch.outbox.push_back(to_record(notify::make_outbox_message(notify::idempotency_key({"test", n.id}), user.id,
                                                                 notify::EmailKind::Test, user.email,
                                                                 notify::test_email(), now, now, {n.id})));
    result.queued = true;
  }
  store.commit_notifications(batch);
  return result;
}

}  // namespace

TestNotificationResult Engine::test_notification(const Principal& me) {
  const UserRecord user = impl_->require_user(me);
  return queue_test(*impl_->store, impl_->options, user, impl_->clock->now_ms());
}

TestNotificationResult Engine::send_test_email(const std::string& email) {
  if (!impl_->options.smtp_configured()) {
    throw Error(ErrorCode::Unavailable, "SMTP is not configured (set SMTP_URL)");
  }
  const int64_t now = impl_->clock->now_ms();
  if (auto user = impl_->store->user_by_email_key(auth::email_key(email))) {
    return queue_test(*impl_->store, impl_->options, *user, now);
  }
  if (email.find('@') == std::string::npos || email.find_first_of("\r\n") != std::string::npos) {
    throw Error(ErrorCode::InvalidArgument, "Not an e-mail address: " + email);
  }
  TestNotificationResult result;
  result.email = email;
  result.queued = impl_->store->enqueue_outbox(
      to_record(notify::make_outbox_message(notify::idempotency_key({"test", email, std::to_string(now)}), std::nullopt,
                                            notify::EmailKind::Test, email, notify::test_email(), now, now)));
  return result;
}

std::string Engine::unsubscribe_token(const std::string& user_id) const {
  return notify::sign_unsubscribe_token(user_id, impl_->unsubscribe_key);
}

std::string Engine::check_unsubscribe_token(std::string_view token) {
  const auto user_id = notify::verify_unsubscribe_token(std::string(token), impl_->unsubscribe_key);
  if (!user_id || !impl_->store->user_by_id(*user_id)) throw Error(ErrorCode::InvalidArgument, kInvalidUnsubscribe);
  return *user_id;
}

void Engine::unsubscribe(std::string_view token) {
  const std::string user_id = check_unsubscribe_token(token);
  auto settings = notify::from_storage_json(impl_->store->notification_settings(user_id));
  settings.email_enabled = false;
  impl_->store->save_notification_settings(user_id, notify::to_storage_json(settings));
  impl_->logger->info("notify", "Unsubscribed from e-mail by link", log_fields("", user_id));
}

std::map<std::string, int64_t> Engine::outbox_counts() { return impl_->store->outbox_counts(); }

// ---- digests and delivery ----

namespace {

// What a digest slot says, read from the store.
notify::DigestData digest_data(Store& store, const match::Index& jobs, const notify::DigestSlot& slot,
                               const std::string& user_id) {
  notify::DigestData data;
  if (slot.events) {
    for (const auto& m : store.notified_matches(user_id, slot.period_start, slot.period_end)) {
      data.matches.push_back({m.user_id, m.job_id, m.job_title, m.job_company, m.score, m.created_at});
    }
    data.new_postings = store.jobs_created_between(slot.period_start, slot.period_end);
  }
  const auto applications = store.applications(user_id);
  for (const auto& a : applications) {
    ++data.applications_by_status[a.status];
    if (slot.weekly_summary && a.updated_at >= slot.summary_start && a.updated_at < slot.period_end) {
      ++data.week_applications_by_status[a.status];
    }
    if (!slot.events) continue;
    std::string previous;
    for (const auto& h : a.history) {
      const std::string status = h.value("status", "");
      const int64_t at = h.value("at", int64_t{0});
      if (!previous.empty() && at >= slot.period_start && at < slot.period_end) {
        const auto job = jobs.job(a.job_id);
        data.application_changes.push_back(
            {job ? job->title : a.job_id, job ? job->company : std::string(), previous, status, at});
      }
      previous = status;
    }
  }
  if (slot.weekly_summary) {
    data.week_new_postings = store.jobs_created_between(slot.summary_start, slot.period_end);
    data.week_matches = static_cast<int64_t>(store.notified_matches(user_id, slot.summary_start, slot.period_end).size());
    for (const auto& b : store.bookmarks(user_id)) {
      if (b.created_at >= slot.summary_start && b.created_at < slot.period_end) ++data.week_bookmarks;
    }
  }
  return data;
}

}  // namespace

NotificationRunReport Engine::run_due_notifications(std::optional<int64_t> now_ms) {
  Impl& m = *impl_;
  const int64_t now = now_ms.value_or(m.clock->now_ms());
  NotificationRunReport report;
  report.smtp_configured = m.options.smtp_configured();
  if (!report.smtp_configured) return report;  // digests and the outbox are e-mail only

  // Digests: each user's slot in their own time zone, handled once per slot (the outbox key
  // makes a second evaluation -- another process, a restart -- harmless too).
  for (const auto& r : m.store->notification_recipients()) {
    const auto settings = notify::from_storage_json(r.settings);
    std::optional<std::string> done;
    {
      std::lock_guard lock(m.digest_mutex);
      if (auto it = m.digest_done.find(r.user_id); it != m.digest_done.end()) done = it->second;
    }
    const auto slot = notify::due_digest(settings, m.options.digest_hour, now, done);
    if (!slot) continue;
    try {
      const notify::DigestData data = digest_data(*m.store, *m.jobs, *slot, r.user_id);
      if (auto content = notify::digest_email(settings, *slot, data)) {
        const auto decision = notify::email_decision(settings, slot->kind, now);
        const int64_t send_at = decision.route == notify::EmailDecision::Route::Send ? decision.send_at : now;
        // The period's in-app events go out with this message.
        std::vector<std::string> ids;
        NotificationFilter filter;
        filter.limit = 1000;
        for (const auto& n : m.store->notifications(r.user_id, filter)) {
          if (n.type != "system" && !n.email_sent && n.created_at >= slot->period_start && n.created_at < slot->period_end) {
            ids.push_back(n.id);
          }
        }
        const bool queued = m.store->enqueue_outbox(to_record(notify::make_outbox_message(
            notify::idempotency_key({notify::email_kind_name(slot->kind), r.user_id, slot->frequency, slot->local_date}),
            r.user_id, slot->kind, r.email, std::move(*content), send_at, now, std::move(ids))));
        if (queued) ++report.digests;
      }
      std::lock_guard lock(m.digest_mutex);
      m.digest_done[r.user_id] = slot->local_date;
    } catch (const std::exception& e) {
      m.logger->error("notify", std::string("Digest failed: ") + e.what(), log_fields("", r.user_id));
    }
  }

  // Delivery.
  std::lock_guard lock(m.delivery_mutex);
  StoreOutbox outbox(*m.store);
  notify::DeliveryOptions delivery;
  delivery.max_attempts = m.options.smtp_max_attempts;
  const auto delivered = notify::deliver_due(outbox, *m.mailer, now, m.rng, delivery);
  report.sent = delivered.sent;
  report.retried = delivered.retried;
  report.dead = delivered.dead;
  if (report.sent + report.retried + report.dead + report.digests > 0) {
    m.logger->info("notify", "Outbox run: " + std::to_string(report.digests) + " digests queued, " +
                                 std::to_string(report.sent) + " sent, " + std::to_string(report.retried) +
                                 " to retry, " + std::to_string(report.dead) + " dead");
  }
  return report;
}

}  // namespace aligncv
