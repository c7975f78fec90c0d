// Jobs (api-v2.md §4): import, the demo catalogue, listing, matching, the ATS check, bookmarks
// and applications.
#include <aligncv/error.hpp>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <functional>
#include <iterator>
#include <mutex>
#include <set>
#include <thread>

#include "common/fields.hpp"
#include "common/parallel.hpp"
#include "common/random.hpp"
#include "common/text.hpp"
#include "engine/impl.hpp"
#include "match/job_json.hpp"
#include "taxonomy/embedded_data.hpp"

namespace aligncv {

namespace {

const char* kJobNotFound = "Job not found";
const char* kResumeNotFound = "Resume not found";
const std::vector<std::string> kEmploymentTypes = {"full-time", "part-time", "contract",
                                                   "internship", "temporary", "freelance"};
const std::vector<std::string> kLevels = {"entry", "mid", "senior", "lead", "executive"};
const std::vector<std::string> kStatuses = {"saved",    "applied",   "interviewing", "offered",
                                            "rejected", "withdrawn", "accepted"};

const taxonomy::Taxonomy& skills_taxonomy() { return taxonomy::Taxonomy::builtin(); }

std::string date_of(int64_t unix_ms) { return format_timestamp(unix_ms).substr(0, 10); }

}  // namespace

// What matching needs of a stored résumé, read back from its profile (no re-parsing, so the
// layout hints of the original file still count).
resume::ParseResult parse_result_of(const DocumentRecord& r) {
  resume::ParseResult out;
  const Json& p = r.profile;
  for (const auto& s : r.skills) {
    if (s.is_string()) out.skills.push_back(s.get<std::string>());
  }
  for (const auto& s : r.roles) {
    if (s.is_string()) out.roles.push_back(s.get<std::string>());
  }
  auto text_at = [](const Json& j, const char* key) -> std::optional<std::string> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  if (auto basics = p.find("basics"); basics != p.end() && basics->is_object()) {
    out.profile.basics.label = text_at(*basics, "label");
    out.profile.basics.email = text_at(*basics, "email");
    out.profile.basics.phone = text_at(*basics, "phone");
    out.profile.basics.summary = text_at(*basics, "summary");
    if (auto loc = basics->find("location"); loc != basics->end() && loc->is_object()) {
      out.profile.basics.location.city = text_at(*loc, "city");
    }
  }
  if (auto work = p.find("work"); work != p.end() && work->is_array()) {
    for (const auto& w : *work) {
      resume::Work item;
      item.name = text_at(w, "name").value_or("");
      item.position = text_at(w, "position").value_or("");
      item.startDate = text_at(w, "startDate");
      item.endDate = text_at(w, "endDate");
      if (auto h = w.find("highlights"); h != w.end() && h->is_array()) {
        for (const auto& line : *h) {
          if (line.is_string()) item.highlights.push_back(line.get<std::string>());
        }
      }
      out.profile.work.push_back(std::move(item));
    }
  }
  if (auto education = p.find("education"); education != p.end() && education->is_array()) {
    for (const auto& e : *education) {
      resume::Education item;
      item.institution = text_at(e, "institution").value_or("");
      item.studyType = text_at(e, "studyType");
      item.area = text_at(e, "area");
      out.profile.education.push_back(std::move(item));
    }
  }
  if (auto skills = p.find("skills"); skills != p.end() && skills->is_array()) {
    for (const auto& g : *skills) out.profile.skills.push_back({text_at(g, "name").value_or("Skills"), {}});
  }
  if (auto months = p.find("experience_months"); months != p.end() && months->is_number_integer()) {
    out.profile.experience_months = months->get<int>();
  }
  return out;
}

namespace {

// Reads the filters of §4.3 from a body or query; `root` is "body" or "query".
match::Filters read_filters(FieldReader& in) {
  match::Filters f;
  f.min_salary = in.integer("min_salary", false, 0, std::nullopt);
  f.location = in.string("location", false, -1, 200);
  if (f.location && f.location->empty()) f.location.reset();
  f.remote = in.boolean("remote");
  if (auto v = in.choice("employment_type", false, kEmploymentTypes)) f.employment_type = *v;
  if (auto v = in.choice("experience_level", false, kLevels)) f.experience_level = *v;
  f.min_score = in.number("min_score", false, 0.0, 1.0);
  f.query = in.string("query", false, -1, 200);
  if (f.query && f.query->empty()) f.query.reset();
  return f;
}

Json job_in_list(const match::Job& job) { return match::to_json(job, true); }

}  // namespace

// ---- JSON forms ----

Json to_json(const ImportSummary& s) {
  Json rejected = Json::array();
  for (const auto& r : s.rejected) rejected.push_back({{"line", r.line}, {"detail", r.detail}});
  return {{"total", s.total}, {"new_jobs", s.new_jobs}, {"updated_jobs", s.updated_jobs}, {"rejected", rejected}};
}

Json to_ingest_json(const ImportSummary& s) {
  return {{"total_ingested", s.total},
          {"new_jobs", s.new_jobs},
          {"updated_jobs", s.updated_jobs},
          {"embeddings_created", s.new_jobs + s.updated_jobs}};
}

Json to_json(const JobView& v) {
  Json j = match::to_json(v.job);
  j["is_bookmarked"] = v.is_bookmarked;
  j["is_applied"] = v.is_applied;
  return j;
}

Json to_json(const JobPage& page) {
  Json out = Json::array();
  for (const auto& job : page.jobs) out.push_back(job_in_list(job));
  return out;
}

Json to_json(const std::vector<MatchResult>& results) {
  Json out = Json::array();
  for (const auto& r : results) {
    Json j = match::to_json(r.hit);
    j["is_bookmarked"] = r.is_bookmarked;
    j["is_applied"] = r.is_applied;
    out.push_back(std::move(j));
  }
  return out;
}

Json to_json(const std::vector<Bookmark>& bookmarks) {
  Json out = Json::array();
  for (const auto& b : bookmarks) {
    out.push_back({{"id", b.id},
                   {"job_id", b.job_id},
                   {"notes", b.notes ? Json(*b.notes) : Json(nullptr)},
                   {"created_at", format_timestamp(b.created_at)},
                   {"title", b.job.title},
                   {"company", b.job.company},
                   {"location", b.job.location ? Json(*b.job.location) : Json(nullptr)},
                   {"url", b.job.url ? Json(*b.job.url) : Json(nullptr)},
                   {"job", job_in_list(b.job)}});
  }
  return out;
}

Json to_json(const Application& a) {
  Json history = Json::array();
  for (const auto& h : a.history) history.push_back({{"status", h.status}, {"at", format_timestamp(h.at)}});
  return {{"id", a.id},
          {"job_id", a.job_id},
          {"status", a.status},
          {"notes", a.notes ? Json(*a.notes) : Json(nullptr)},
          {"applied_date", a.applied_date ? Json(*a.applied_date) : Json(nullptr)},
          {"created_at", format_timestamp(a.created_at)},
          {"updated_at", format_timestamp(a.updated_at)},
          {"history", std::move(history)},
          {"title", a.job.title},
          {"company", a.job.company},
          {"location", a.job.location ? Json(*a.job.location) : Json(nullptr)},
          {"url", a.job.url ? Json(*a.job.url) : Json(nullptr)},
          {"job", job_in_list(a.job)}};
}

Json to_json(const std::vector<Application>& applications) {
  Json out = Json::array();
  for (const auto& a : applications) out.push_back(to_json(a));
  return out;
}

uint64_t max_import_bytes(const Options& options) { return static_cast<uint64_t>(options.max_import_size_mb) << 20; }

Error import_too_large(const Options& options) {
  return Error(ErrorCode::PayloadTooLarge,
               "Import exceeds maximum allowed size of " + std::to_string(options.max_import_size_mb) + "MB");
}

// ---- without a database ----

std::vector<match::Job> demo_jobs() {
  const std::string catalogue = taxonomy::detail::embedded_file("demo_jobs.jsonl");
  if (catalogue.empty()) return {};
  auto batch = match::parse_import(catalogue, match::ImportFormat::JsonLines, skills_taxonomy());
  std::vector<match::Job> jobs;
  jobs.reserve(batch.records.size());
  for (auto& r : batch.records) jobs.push_back(std::move(r.job));
  return jobs;
}

match::AtsReport score_texts(std::string_view resume_text, std::string_view job_description) {
  Json args = {{"resume_text", std::string(resume_text)}, {"job_description", std::string(job_description)}};
  FieldReader in(args);
  in.string("resume_text", true, 50, 100'000, false);
  in.string("job_description", true, 50, 20'000, false);
  in.throw_if_failed();
  const ParsedDocument parsed = parse_document("resume.txt", resume_text);
  const match::Job job = match::pasted_job(job_description, skills_taxonomy());
  return match::ats_report(parsed.result, parsed.document.text, job, skills_taxonomy());
}

std::vector<match::Hit> match_document(std::string_view file_name, std::string_view bytes,
                                       const std::vector<match::Job>& jobs, std::size_t top_k,
                                       const match::Filters& filters) {
  const ParsedDocument parsed = parse_document(file_name, bytes);
  match::Index index(skills_taxonomy());
  index.upsert(jobs.empty() ? demo_jobs() : jobs);
  const match::Candidate candidate = match::make_candidate(parsed.result, parsed.document.text, skills_taxonomy());
  return index.search(&candidate, filters, top_k);
}

// ---- the engine's jobs ----

Engine::Impl::WrittenJobs Engine::Impl::write_jobs(const std::vector<const match::Job*>& batch, bool more_follow) {
  WrittenJobs out;
  out.now = clock->now_ms();
  std::vector<JobRecord> records(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    records[i] = {batch[i]->job_id, batch[i]->source, match::dump_job(*batch[i]), out.now, out.now};
  }
  // The timestamp columns are the truth (the JSON's are not read back); an updated row keeps
  // its created_at, which the store writes back into the record.
  out.created = store->upsert_jobs(records, more_follow);
  out.created_at.reserve(records.size());
  for (const auto& r : records) out.created_at.push_back(r.created_at);
  return out;
}

void Engine::Impl::index_jobs(const std::vector<match::Job*>& batch, const WrittenJobs& written,
                              match::Index::Prepared prepared, ImportSummary& summary, SharedJobs* fresh) {
  SharedJobs shared;
  shared.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    batch[i]->created_at = written.created_at[i];
    batch[i]->updated_at = written.now;
    shared.push_back(std::make_shared<const match::Job>(std::move(*batch[i])));
    ++(written.created[i] ? summary.new_jobs : summary.updated_jobs);
    if (fresh != nullptr && written.created[i]) fresh->push_back(shared.back());
  }
  jobs->upsert(std::move(shared), std::move(prepared));
}

void Engine::Impl::save_jobs(std::vector<match::Job> batch, ImportSummary& summary, SharedJobs* fresh) {
  if (batch.empty()) return;
  std::vector<match::Job*> refs;
  refs.reserve(batch.size());
  for (auto& job : batch) refs.push_back(&job);
  const std::vector<const match::Job*> view(refs.begin(), refs.end());
  const WrittenJobs written = write_jobs(view, false);
  index_jobs(refs, written, jobs->prepare(view), summary, fresh);
}

// The store is written on a second thread while this one prepares the chunks for the index
// (both only read them); a chunk is indexed once it is written and prepared, in order. Should
// indexing fail (or `indexed` throw), the chunks already written are still indexed before the
// error goes on, so that the store and the index agree.
void Engine::Impl::save_jobs_pipelined(const std::vector<std::vector<match::Job*>>& chunks, ImportSummary& summary,
                                       SharedJobs& fresh, const std::function<void(std::size_t)>& indexed) {
  const std::size_t n = chunks.size();
  std::vector<std::vector<const match::Job*>> views;
  views.reserve(n);
  for (const auto& chunk : chunks) views.emplace_back(chunk.begin(), chunk.end());
  std::vector<WrittenJobs> written(n);
  std::vector<match::Index::Prepared> prepared(n);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t written_count = 0;
  bool stop = false;
  std::exception_ptr write_error;
  std::thread writer([&] {
    for (std::size_t k = 0; k < n; ++k) {
      WrittenJobs result;
      try {
        result = write_jobs(views[k], k + 1 < n);
      } catch (...) {
        std::lock_guard lock(mutex);
        write_error = std::current_exception();
        changed.notify_one();
        return;
      }
      std::lock_guard lock(mutex);
      written[k] = std::move(result);
      ++written_count;
      changed.notify_one();
      if (stop) return;
    }
  });
  std::size_t prepared_count = 0;
  std::size_t next = 0;  // the next chunk to index
  // Indexes the prepared chunks the writer is done with; with `wait`, waits for it.
  auto index_ready = [&](bool wait) {
    while (next < prepared_count) {
      {
        std::unique_lock lock(mutex);
        if (wait) changed.wait(lock, [&] { return written_count > next || write_error; });
        if (written_count <= next) return;
      }
      const std::size_t k = next++;
      const std::size_t count = chunks[k].size();
      index_jobs(chunks[k], written[k], std::move(prepared[k]), summary, &fresh);
      indexed(count);
    }
  };
  try {
    for (; prepared_count < n; ++prepared_count) {
      prepared[prepared_count] = jobs->prepare(views[prepared_count]);
      index_ready(false);
    }
    index_ready(true);
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    writer.join();
    for (; next < written_count; ++next) {  // unprepared ones are prepared by upsert
      index_jobs(chunks[next], written[next], std::move(prepared[next]), summary, &fresh);
    }
    throw;
  }
  writer.join();
  if (write_error) std::rethrow_exception(write_error);
}

void Engine::Impl::require_admin(const Principal& me) const {
  if (me.is_admin) return;
  auto user = store->user_by_id(me.user_id);
  if (!user || !is_admin(*user)) throw Error(ErrorCode::Forbidden, "Admin privileges required");
}

void Engine::Impl::load_jobs() {
  jobs = std::make_unique<match::Index>(skills_taxonomy());
  if (!options.embeddings_base_url.empty()) {
    match::EmbeddingsConfig config;
    config.base_url = options.embeddings_base_url;
    config.api_key = options.embeddings_api_key;
    config.model = options.embeddings_model;
    config.timeout_seconds = options.llm_timeout_seconds;
    jobs->set_embedder(match::make_openai_embedder(config));
  }
  std::vector<match::Job> stored;
  for (const auto& r : store->all_jobs()) {
    try {
      match::Job job = match::job_from_json(Json::parse(r.data));
      job.created_at = r.created_at;
      job.updated_at = r.updated_at;
      stored.push_back(std::move(job));
    } catch (const Error& e) {
      logger->warn("jobs", "Skipped an unreadable stored job " + r.job_id + ": " + e.detail());
    } catch (const Json::exception&) {
      logger->warn("jobs", "Skipped an unreadable stored job " + r.job_id);
    }
  }
  if (stored.empty() && options.demo_jobs) {
    ImportSummary summary;
    save_jobs(demo_jobs(), summary);
    logger->info("jobs", "Loaded the demo catalogue: " + std::to_string(summary.new_jobs) + " postings");
    return;
  }
  jobs->upsert(std::move(stored));
}

ImportSummary Engine::import_jobs(const Principal& me, std::string_view body, std::string_view format_param,
                                  std::string_view content_type, std::string_view file_name,
                                  const ImportProgress& progress) {
  impl_->require_admin(me);
  const auto format = match::import_format(format_param, content_type, file_name);
  if (!format) {
    throw Error(ErrorCode::UnsupportedMediaType, "Unsupported import format; send JSON, JSON Lines or CSV");
  }
  if (body.size() > max_import_bytes(impl_->options)) throw import_too_large(impl_->options);
  match::ImportBatch batch = match::parse_import(body, *format, skills_taxonomy());
  ImportSummary summary;
  summary.rejected = std::move(batch.rejected);
  // Saved in about twenty chunks (one transaction each) so that a caller can show progress.
  const std::size_t total = batch.records.size();
  const std::size_t chunk = std::clamp<std::size_t>(total / 20, 100, 5000);
  std::vector<std::vector<match::Job*>> chunks;  // views of batch.records: the jobs are not copied
  for (std::size_t from = 0; from < total; from += chunk) {
    std::vector<match::Job*>& jobs = chunks.emplace_back();
    jobs.reserve(std::min(total, from + chunk) - from);
    for (std::size_t i = from; i < std::min(total, from + chunk); ++i) jobs.push_back(&batch.records[i].job);
  }
  if (progress) progress(0, total);
  Impl::SharedJobs fresh;
  std::size_t saved = 0;
  impl_->save_jobs_pipelined(chunks, summary, fresh, [&](std::size_t count) {
    saved += count;
    if (progress) progress(saved, total);
  });
  impl_->notify_new_postings(fresh);
  summary.total = summary.new_jobs + summary.updated_jobs + static_cast<int64_t>(summary.rejected.size());
  impl_->logger->info("jobs", "Imported jobs: " + std::to_string(summary.new_jobs) + " new, " +
                                  std::to_string(summary.updated_jobs) + " updated, " +
                                  std::to_string(summary.rejected.size()) + " rejected",
                      log_fields("", me.user_id));
  return summary;
}

ImportSummary Engine::ingest_demo_jobs(const Principal& me) {
  impl_->require_admin(me);
  ImportSummary summary;
  Impl::SharedJobs fresh;
  impl_->save_jobs(demo_jobs(), summary, &fresh);
  impl_->notify_new_postings(fresh);
  summary.total = summary.new_jobs + summary.updated_jobs;
  return summary;
}

JobPage Engine::jobs(const Principal&, const Json& query) {
  const Json args = query.is_null() ? Json::object() : query;
  FieldReader in(args, "query");
  const auto skip = in.integer("skip", false, 0, std::nullopt).value_or(0);
  const auto limit = in.integer("limit", false, 1, 100).value_or(20);
  auto source = in.string("source", false, -1, 100);
  auto words = in.string("q", false, -1, 200);
  auto location = in.string("location", false, -1, 200);
  auto remote = in.boolean("remote");
  auto employment_type = in.choice("employment_type", false, kEmploymentTypes);
  auto level = in.choice("experience_level", false, kLevels);
  in.throw_if_failed();
  const std::string source_lower = source ? to_lower_ascii(*source) : "";
  const std::string location_lower = location ? to_lower_ascii(*location) : "";
  std::vector<std::string> q_words;
  if (words) {
    for (const auto& w : split(to_lower_ascii(*words), ' ')) {
      if (!trim(w).empty()) q_words.push_back(trim(w));
    }
  }
  JobPage page;
  for (const auto& job : impl_->jobs->jobs()) {
    if (!source_lower.empty() && job->source != source_lower) continue;
    if (!location_lower.empty() && to_lower_ascii(job->location.value_or("")).find(location_lower) == std::string::npos) continue;
    if (remote && job->remote.value_or(false) != *remote) continue;
    if (employment_type && job->employment_type != employment_type) continue;
    if (level && job->experience_level != level) continue;
    if (!q_words.empty()) {
      std::string haystack = to_lower_ascii(job->title + "\n" + job->company + "\n" + job->description.value_or(""));
      for (const auto& s : job->tags) haystack += "\n" + to_lower_ascii(s);
      for (const auto& s : job->required_skills) haystack += "\n" + to_lower_ascii(s);
      for (const auto& s : job->preferred_skills) haystack += "\n" + to_lower_ascii(s);
      const bool all = std::all_of(q_words.begin(), q_words.end(),
                                   [&](const std::string& w) { return haystack.find(w) != std::string::npos; });
      if (!all) continue;
    }
    if (page.total >= skip && page.total < skip + limit) page.jobs.push_back(*job);
    ++page.total;
  }
  return page;
}

Json Engine::job_stats(const Principal&) {
  Json sources = Json::object();
  const auto all = impl_->jobs->jobs();
  for (const auto& job : all) {
    sources[job->source] = sources.value(job->source, 0) + 1;
  }
  return {{"jobs", all.size()},
          {"sources", sources},
          {"index", {{"size", impl_->jobs->size()}, {"memory_bytes", impl_->jobs->memory_bytes()}}}};
}

JobView Engine::job(const Principal& me, const std::string& job_id) {
  auto job = impl_->jobs->job(job_id);
  if (!job) throw Error(ErrorCode::NotFound, kJobNotFound);
  JobView view;
  view.job = *job;
  for (const auto& b : impl_->store->bookmarks(me.user_id)) view.is_bookmarked |= b.job_id == job_id;
  view.is_applied = impl_->store->application(me.user_id, job_id).has_value();
  return view;
}

namespace {

// Adds the caller's bookmark and application flags to hits.
std::vector<MatchResult> with_flags(Store& store, const std::string& user_id, std::vector<match::Hit> hits) {
  std::set<std::string> bookmarked, applied;
  for (const auto& b : store.bookmarks(user_id)) bookmarked.insert(b.job_id);
  for (const auto& a : store.applications(user_id)) applied.insert(a.job_id);
  std::vector<MatchResult> out;
  out.reserve(hits.size());
  for (auto& h : hits) {
    const std::string& id = h.job->job_id;
    out.push_back({std::move(h), bookmarked.count(id) > 0, applied.count(id) > 0});
  }
  return out;
}

}  // namespace

std::vector<MatchResult> Engine::match_jobs(const Principal& me, const Json& body) {
  FieldReader in(body);
  const std::string resume_id = read_id(in, body, "resume_id");
  const auto top_k = in.integer("top_k", false, 1, 50).value_or(10);
  const match::Filters filters = read_filters(in);
  in.throw_if_failed();
  auto record = impl_->store->document(me.user_id, resume_id);
  if (!record) throw Error(ErrorCode::NotFound, kResumeNotFound);
  match::Candidate candidate = match::make_candidate(parse_result_of(*record), record->text, skills_taxonomy());
  if (auto user = impl_->store->user_by_id(me.user_id)) {
    const Preferences prefs = preferences_from_json(user->preferences);
    if (prefs.min_salary && *prefs.min_salary > 0) candidate.desired_salary = prefs.min_salary;
  }
  return with_flags(*impl_->store, me.user_id,
                    impl_->jobs->search(&candidate, filters, static_cast<std::size_t>(top_k)));
}

std::vector<MatchResult> Engine::match_jobs_query(const Principal& me, const Json& query) {
  const Json args = query.is_null() ? Json::object() : query;
  FieldReader in(args, "query");
  auto resume_id = in.string("resume_id", false, -1, 100);
  const auto top_k = in.integer("top_k", false, 1, 50).value_or(10);
  match::Filters filters = read_filters(in);
  in.throw_if_failed();
  if (filters.min_score && *filters.min_score == 0) filters.min_score.reset();
  std::optional<DocumentRecord> record;
  if (resume_id && !resume_id->empty()) {
    record = impl_->store->document(me.user_id, *resume_id);
    if (!record) throw Error(ErrorCode::NotFound, kResumeNotFound);
  } else {
    auto newest = impl_->store->documents(me.user_id, 1, 0, false);
    if (!newest.empty()) record = impl_->store->document(me.user_id, newest.front().id);
  }
  if (!record && !filters.query) throw Error(ErrorCode::NotFound, "No resume found. Upload a resume first.");
  std::optional<match::Candidate> candidate;
  if (record) candidate = match::make_candidate(parse_result_of(*record), record->text, skills_taxonomy());
  return with_flags(*impl_->store, me.user_id,
                    impl_->jobs->search(candidate ? &*candidate : nullptr, filters, static_cast<std::size_t>(top_k)));
}

Json Engine::score_resume(const Principal& me, const Json& body) {
  FieldReader in(body);
  const bool has_resume_id = in.present("resume_id"), has_resume_text = in.present("resume_text");
  const bool has_description = in.present("job_description"), has_job_id = in.present("job_id");
  std::optional<std::string> resume_text, job_description;
  if (has_resume_id == has_resume_text) {
    in.value_error("resume_id", "provide exactly one of resume_id or resume_text", body);
  } else if (has_resume_text) {
    resume_text = in.string("resume_text", true, 50, 100'000, false);
  }
  if (has_description == has_job_id) {
    in.value_error("job_description", "provide exactly one of job_description or job_id", body);
  } else if (has_description) {
    job_description = in.string("job_description", true, 50, 20'000, false);
  }
  in.throw_if_failed();

  Json resume_id = nullptr, job_id = nullptr;
  resume::ParseResult parsed;
  std::string text;
  if (has_resume_id) {
    const std::string id = id_string(in.raw("resume_id"));
    auto record = impl_->store->document(me.user_id, id);
    if (!record) throw Error(ErrorCode::NotFound, kResumeNotFound);
    parsed = parse_result_of(*record);
    text = record->text;
    resume_id = id;
  } else {
    ParsedDocument doc = parse_document("resume.txt", *resume_text);
    parsed = std::move(doc.result);
    text = std::move(doc.document.text);
  }
  match::Job job;
  if (has_job_id) {
    const std::string id = id_string(in.raw("job_id"));
    auto found = impl_->jobs->job(id);
    if (!found) throw Error(ErrorCode::NotFound, kJobNotFound);
    job = *found;
    job_id = id;
  } else {
    job = match::pasted_job(*job_description, skills_taxonomy());
  }
  Json out = match::to_json(match::ats_report(parsed, text, job, skills_taxonomy()));
  out["resume_id"] = resume_id;
  out["job_id"] = job_id;
  return out;
}

// ---- bookmarks ----

std::string Engine::add_bookmark(const Principal& me, const Json& body) {
  FieldReader in(body);
  const std::string job_id = read_id(in, body, "job_id");
  auto notes = in.string("notes", false, -1, 2000, false);
  in.throw_if_failed();
  if (!impl_->jobs->job(job_id)) throw Error(ErrorCode::NotFound, kJobNotFound);
  BookmarkRecord b{uuid_v4(), me.user_id, job_id, notes, impl_->clock->now_ms()};
  impl_->store->insert_bookmark(b);
  return b.id;
}

std::vector<Bookmark> Engine::bookmarks(const Principal& me) {
  std::vector<Bookmark> out;
  for (auto& r : impl_->store->bookmarks(me.user_id)) {
    auto job = impl_->jobs->job(r.job_id);
    if (!job) continue;  // a posting no longer in the catalogue
    out.push_back({r.id, r.job_id, r.notes, r.created_at, *job});
  }
  return out;
}

void Engine::remove_bookmark(const Principal& me, const std::string& id) {
  if (!impl_->store->delete_bookmark(me.user_id, id)) throw Error(ErrorCode::NotFound, "Bookmark not found");
}

// ---- applications ----

namespace {

// `job` is null when the posting left the catalogue; the application stays, with its id.
Application application_of(const ApplicationRecord& r, const std::shared_ptr<const match::Job>& job) {
  Application a;
  a.id = r.id;
  a.job_id = r.job_id;
  a.status = r.status;
  a.notes = r.notes;
  a.applied_date = r.applied_date;
  a.created_at = r.created_at;
  a.updated_at = r.updated_at;
  for (const auto& h : r.history) {
    a.history.push_back({h.value("status", ""), h.value("at", int64_t{0})});
  }
  if (job) {
    a.job = *job;
  } else {
    a.job.job_id = r.job_id;
  }
  return a;
}

// A status change: recorded in the history, and the first status past "saved" dates the application.
void set_status(ApplicationRecord& r, const std::string& status, int64_t now) {
  if (r.status == status && !r.history.empty()) return;
  r.status = status;
  r.history.push_back({{"status", status}, {"at", now}});
  if (!r.applied_date && status != "saved") r.applied_date = date_of(now);
}

}  // namespace

Application Engine::apply(const Principal& me, const Json& body, bool* created) {
  FieldReader in(body);
  const std::string job_id = read_id(in, body, "job_id");
  auto status = in.choice("status", false, kStatuses);
  auto notes = in.string("notes", false, -1, 2000, false);
  in.throw_if_failed();
  auto job = impl_->jobs->job(job_id);
  if (!job) throw Error(ErrorCode::NotFound, kJobNotFound);
  const int64_t now = impl_->clock->now_ms();
  auto existing = impl_->store->application(me.user_id, job_id);
  std::optional<std::string> old_status;
  if (existing && existing->job_id == job_id) old_status = existing->status;
  ApplicationRecord r;
  if (existing && existing->job_id == job_id) {
    r = *existing;
    if (status) set_status(r, *status, now);
    if (notes) r.notes = notes;
    r.updated_at = now;
  } else {
    r.id = uuid_v4();
    r.user_id = me.user_id;
    r.job_id = job_id;
    r.notes = notes;
    r.created_at = now;
    r.updated_at = now;
    set_status(r, status.value_or("applied"), now);
  }
  impl_->store->save_application(r);
  impl_->notify_application_change(me.user_id, job_id, old_status, r.status);
  if (created) *created = !existing || existing->job_id != job_id;
  return application_of(r, job);
}

std::vector<Application> Engine::applications(const Principal& me) {
  std::vector<Application> out;
  for (const auto& r : impl_->store->applications(me.user_id)) {
    out.push_back(application_of(r, impl_->jobs->job(r.job_id)));
  }
  return out;
}

Application Engine::update_application(const Principal& me, const std::string& id, const Json& body,
                                       bool partial) {
  FieldReader in(body);
  auto status = in.choice("status", !partial, kStatuses);
  const bool clear_notes = in.is_null("notes");
  auto notes = in.string("notes", false, -1, 2000, false);
  if (partial && !status && !notes && !clear_notes && in.ok()) {
    in.value_error("status", "provide status or notes", body);
  }
  in.throw_if_failed();
  auto r = impl_->store->application(me.user_id, id);
  if (!r) throw Error(ErrorCode::NotFound, "Application not found");
  const int64_t now = impl_->clock->now_ms();
  const std::string old_status = r->status;
  if (status) set_status(*r, *status, now);
  if (notes) r->notes = notes;
  if (clear_notes) r->notes.reset();
  r->updated_at = now;
  impl_->store->save_application(*r);
  impl_->notify_application_change(me.user_id, r->job_id, old_status, r->status);
  return application_of(*r, impl_->jobs->job(r->job_id));
}

void Engine::delete_application(const Principal& me, const std::string& id) {
  if (!impl_->store->delete_application(me.user_id, id)) throw Error(ErrorCode::NotFound, "Application not found");
}

}  // namespace aligncv
