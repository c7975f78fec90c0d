// Rewrite (api-v2.md §5): rewriting, tailoring, cover letters and LinkedIn texts for a stored
// résumé, each persisted as a version; the same operations without a database for the CLI and
// aligncv.rewrite_text.
#include <aligncv/error.hpp>

#include <chrono>
#include <cmath>

#include "common/fields.hpp"
#include "common/random.hpp"
#include "common/text.hpp"
#include "engine/impl.hpp"

namespace aligncv {

namespace {

const char* kAccessDenied = "Document not found or access denied";
const char* kNoPermission = "Document not found or you don't have permission to access it";
const char* kNoText = "Document has no text content to rewrite";
const std::vector<std::string> kStyles = {"Technical", "Management", "Creative",
                                          "Sales",     "Academic",   "Executive"};
const std::vector<std::string> kTones = {"professional", "enthusiastic", "concise"};
constexpr int kMaxResumeChars = 100'000;
constexpr int kMinDescriptionChars = 50;
constexpr int kMaxDescriptionChars = 20'000;

const taxonomy::Taxonomy& skills_taxonomy() { return taxonomy::Taxonomy::builtin(); }

using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point t0) {
  return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

// A Source from a file read with its layout hints (the CLI's parse), or from plain text.
rewrite::Source source_of(ParsedDocument parsed) {
  rewrite::Source source;
  source.text = std::move(parsed.document.text);
  source.parsed = std::move(parsed.result);
  return source;
}

}  // namespace

// ---- without a database ----

rewrite::RewriteResult rewrite_text(std::string_view text, std::string_view style) {
  Json args = {{"text", std::string(text)}, {"rewrite_style", std::string(style)}};
  FieldReader in(args);
  in.string("text", true, 1, kMaxResumeChars, false);
  auto canonical = in.choice("rewrite_style", true, kStyles);
  in.throw_if_failed();
  const auto t0 = SteadyClock::now();
  const rewrite::Source source = rewrite::make_source(std::string(text), skills_taxonomy());
  rewrite::RewriteResult result =
      rewrite::Rewriter(skills_taxonomy()).rewrite(source, rewrite::parse_style(*canonical));
  result.status.latency = seconds_since(t0);
  return result;
}

rewrite::RewriteResult rewrite_document(std::string_view file_name, std::string_view bytes,
                                        std::string_view style) {
  const rewrite::Style parsed_style = rewrite::parse_style(style);
  const auto t0 = SteadyClock::now();
  const rewrite::Source source = source_of(parse_document(file_name, bytes));
  if (trim(source.text).empty()) throw Error(ErrorCode::InvalidArgument, kNoText);
  rewrite::RewriteResult result = rewrite::Rewriter(skills_taxonomy()).rewrite(source, parsed_style);
  result.status.latency = seconds_since(t0);
  return result;
}

rewrite::TailorResult tailor_document(std::string_view file_name, std::string_view bytes,
                                      std::string_view job_description, std::string_view level) {
  Json args = {{"job_description", std::string(job_description)}};
  FieldReader in(args);
  in.string("job_description", true, kMinDescriptionChars, kMaxDescriptionChars, false);
  in.throw_if_failed();
  const rewrite::Level parsed_level = rewrite::parse_level(level);
  const auto t0 = SteadyClock::now();
  const rewrite::Source source = source_of(parse_document(file_name, bytes));
  if (trim(source.text).empty()) throw Error(ErrorCode::InvalidArgument, kNoText);
  rewrite::TailorResult result =
      rewrite::Rewriter(skills_taxonomy()).tailor(source, job_description, parsed_level);
  result.status.latency = seconds_since(t0);
  return result;
}

// ---- versions ----

Json version_json(const VersionRecord& r) {
  Json out = r.body.is_object() ? r.body : Json::object();
  out["version_id"] = r.id;
  out["resume_id"] = r.document_id;
  out["kind"] = r.kind;
  out["source"] = r.source;
  out["created_at"] = format_timestamp(r.created_at);
  return out;
}

namespace {

// What every rewrite-family call shares: the limit, the document, timing and the version.
class RewriteCall {
 public:
  // Engine::Impl is private to the Engine: the call gets the parts it needs.
  struct Parts {
    RateWindow& window;
    Store& store;
    Clock& clock;
    Logger& logger;
  };
  RewriteCall(Parts parts, const Principal& me) : impl_(parts), me_(me) {}

  // RateLimited when the caller used up the hour's rewrites.
  void check_limit() {
    const int64_t wait = impl_.window.retry_after(me_.user_id, impl_.clock.now_ms());
    if (wait > 0) {
      throw Error::rate_limited("Rewrite limit reached (" + std::to_string(impl_.window.limit()) +
                                    " per hour). Try again in " + std::to_string(wait) + " seconds.",
                                wait);
    }
  }

  // The caller's document as a rewrite source; the clock for `latency` starts here.
  rewrite::Source source(const std::string& document_id, const char* not_found) {
    started_ = SteadyClock::now();
    auto record = impl_.store.document(me_.user_id, document_id);
    if (!record) throw Error(ErrorCode::NotFound, not_found);
    if (trim(record->text).empty()) throw Error(ErrorCode::InvalidArgument, kNoText);
    document_id_ = record->id;
    return rewrite::make_source(std::move(record->text), skills_taxonomy());
  }

  // Seconds since source() was called.
  double elapsed() const { return seconds_since(started_); }

  // Persists the result as a version, counts the call, and returns the body with its ids.
  Json finish(Json body, const char* kind, std::optional<std::string> style, const rewrite::Status& status,
              std::optional<int64_t> score) {
    VersionRecord v;
    v.id = uuid_v4();
    v.user_id = me_.user_id;
    v.document_id = document_id_;
    v.kind = kind;
    v.style = std::move(style);
    v.source = status.api_status == "success" ? "llm" : "local";
    v.score = score;
    body["version_id"] = v.id;
    body["resume_id"] = document_id_;
    v.body = body;
    v.created_at = impl_.clock.now_ms();
    impl_.store.insert_version(v);
    impl_.window.record(me_.user_id, v.created_at);
    impl_.logger.info("rewrite",
                       std::string("Rewrite version saved (") + kind + ", " + status.api_status + ")",
                       log_fields("", me_.user_id));
    return body;
  }

 private:
  Parts impl_;
  const Principal& me_;
  std::string document_id_;
  SteadyClock::time_point started_ = SteadyClock::now();
};

}  // namespace

Json Engine::rewrite(const Principal& me, const Json& body) {
  FieldReader in(body);
  const std::string resume_id = read_id(in, body, "resume_id");
  const auto style = in.choice("rewrite_style", true, kStyles);
  in.throw_if_failed();
  RewriteCall call({*impl_->rewrites, *impl_->store, *impl_->clock, *impl_->logger}, me);
  call.check_limit();
  const rewrite::Source source = call.source(resume_id, kAccessDenied);
  rewrite::RewriteResult result = impl_->rewriter->rewrite(source, rewrite::parse_style(*style));
  result.status.latency = call.elapsed();
  return call.finish(rewrite::to_json(result), "rewrite", std::string(rewrite::style_name(result.style)),
                     result.status, result.impact_score);
}

Json Engine::tailor(const Principal& me, const Json& body) {
  FieldReader in(body);
  const std::string resume_id = read_id(in, body, "resume_id");
  const auto description =
      in.string("job_description", true, kMinDescriptionChars, kMaxDescriptionChars, false);
  const auto level_name = in.string("tailoring_level", false);
  in.throw_if_failed();
  RewriteCall call({*impl_->rewrites, *impl_->store, *impl_->clock, *impl_->logger}, me);
  call.check_limit();
  const rewrite::Level level = rewrite::parse_level(level_name.value_or("moderate"));
  const rewrite::Source source = call.source(resume_id, kNoPermission);
  rewrite::TailorResult result = impl_->rewriter->tailor(source, *description, level);
  result.status.latency = call.elapsed();
  return call.finish(rewrite::to_json(result), "tailor", std::string(rewrite::level_name(result.level)),
                     result.status, result.match_score);
}

Json Engine::cover_letter(const Principal& me, const Json& body) {
  FieldReader in(body);
  const std::string resume_id = read_id(in, body, "resume_id");
  const bool has_description = in.present("job_description"), has_job_id = in.present("job_id");
  std::optional<std::string> description;
  std::string job_id;
  if (has_description == has_job_id) {
    in.value_error("job_description", "provide exactly one of job_description or job_id", body);
  } else if (has_description) {
    description = in.string("job_description", true, kMinDescriptionChars, kMaxDescriptionChars, false);
  } else {
    job_id = read_id(in, body, "job_id");
  }
  const auto tone = in.choice("tone", false, kTones);
  in.throw_if_failed();
  RewriteCall call({*impl_->rewrites, *impl_->store, *impl_->clock, *impl_->logger}, me);
  call.check_limit();
  const rewrite::Source source = call.source(resume_id, kAccessDenied);
  rewrite::LetterTarget target;
  if (has_job_id) {
    auto job = impl_->jobs->job(job_id);
    if (!job) throw Error(ErrorCode::NotFound, "Job not found");
    target.job = *job;
    target.job_description = job->description.value_or("");
  } else {
    target.job_description = *description;
  }
  rewrite::CoverLetter letter =
      impl_->rewriter->cover_letter(source, target, rewrite::parse_tone(tone.value_or("professional")));
  letter.status.latency = call.elapsed();
  return call.finish(rewrite::to_json(letter), "cover_letter", std::string(rewrite::tone_name(letter.tone)),
                     letter.status, std::nullopt);
}

Json Engine::linkedin(const Principal& me, const Json& body) {
  FieldReader in(body);
  const std::string resume_id = read_id(in, body, "resume_id");
  const auto target_role = in.string("target_role", false, -1, 100);
  in.throw_if_failed();
  RewriteCall call({*impl_->rewrites, *impl_->store, *impl_->clock, *impl_->logger}, me);
  call.check_limit();
  const rewrite::Source source = call.source(resume_id, kAccessDenied);
  rewrite::LinkedInProfile profile = impl_->rewriter->linkedin(source, target_role.value_or(""));
  profile.status.latency = call.elapsed();
  return call.finish(rewrite::to_json(profile), "linkedin", std::nullopt, profile.status, std::nullopt);
}

Json Engine::versions(const Principal& me, const std::string& document_id) {
  if (!impl_->store->document(me.user_id, document_id)) throw Error(ErrorCode::NotFound, "Document not found");
  Json out = Json::array();
  for (const auto& v : impl_->store->versions(me.user_id, document_id)) {
    out.push_back({{"version_id", v.id},
                   {"kind", v.kind},
                   {"style", v.style ? Json(*v.style) : Json(nullptr)},
                   {"source", v.source},
                   {"created_at", format_timestamp(v.created_at)},
                   {"impact_score", v.score ? Json(*v.score) : Json(nullptr)}});
  }
  return out;
}

Json Engine::version(const Principal& me, const std::string& version_id) {
  auto v = impl_->store->version(me.user_id, trim(version_id));
  if (!v) throw Error(ErrorCode::NotFound, "Version not found");
  return version_json(*v);
}

}  // namespace aligncv
