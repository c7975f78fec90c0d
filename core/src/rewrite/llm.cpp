// The optional LLM: an OpenAI-compatible chat-completions client, and the Rewriter that always
// computes the local result first and returns it (marked "fallback") whenever the LLM fails,
// answers something unusable, or names anything the résumé does not.
#include <aligncv/error.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

#include "common/http_post.hpp"
#include "common/text.hpp"
#include "rewrite/internal.hpp"

namespace aligncv::rewrite {

namespace {

constexpr std::chrono::milliseconds kRetryPause{250};
constexpr std::size_t kMaxResponseBytes = std::size_t{4} << 20;

std::optional<Json> object_of(std::string_view s) {
  Json j = Json::parse(s, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

// The JSON object in a model's answer: the whole content, a fenced block, or the outermost braces
// in prose.
std::optional<Json> extract_object(const std::string& content) {
  if (auto j = object_of(trim(content))) return j;
  std::size_t fence = content.find("```");
  if (fence != std::string::npos) {
    std::size_t start = content.find('\n', fence);
    std::size_t end = start == std::string::npos ? std::string::npos : content.find("```", start);
    if (end != std::string::npos) {
      if (auto j = object_of(trim(std::string_view(content).substr(start, end - start)))) return j;
    }
  }
  std::size_t open = content.find('{'), close = content.rfind('}');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    return object_of(std::string_view(content).substr(open, close - open + 1));
  }
  return std::nullopt;
}

std::string clean_header_value(std::string v) {
  v.erase(std::remove_if(v.begin(), v.end(), [](char c) { return c == '\r' || c == '\n'; }), v.end());
  return v;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

const char* const kSystemPrompt =
    "You improve résumés for job seekers. Use only facts the résumé states: never add an employer, "
    "job title, date, degree, certification, skill or figure it does not contain. Where a figure "
    "would help, put it in a suggestion with a placeholder such as [X%], never in the text. Answer "
    "with one JSON object and nothing else.";

std::vector<std::string> strings_of(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const Json& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::optional<std::string> string_of(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string() || trim(it->get_ref<const std::string&>()).empty()) return std::nullopt;
  return it->get<std::string>();
}

void mark_fallback(Status& status, const std::string& cause, std::vector<std::string>* notes) {
  status.api_status = "fallback";
  status.warning = "LLM API error (" + cause + ") - local result returned";
  if (notes) notes->insert(notes->begin(), "LLM API unavailable - local engine used");
}

bool has_placeholder(const std::string& s) {
  return s.find("[X") != std::string::npos || s.find("[N]") != std::string::npos || s.find("[$") != std::string::npos;
}

}  // namespace

LlmReply complete_json(const LlmConfig& config, const std::string& system_prompt,
                       const std::string& user_prompt) {
  LlmReply reply;
  std::string base = config.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  HttpPostRequest request;
  request.url = base + "/chat/completions";
  request.timeout_seconds = config.timeout_seconds > 0 ? config.timeout_seconds : 30;
  request.connect_timeout_seconds = std::min(10, request.timeout_seconds);
  request.max_response_bytes = kMaxResponseBytes;
  request.headers.push_back("Content-Type: application/json");
  if (!config.api_key.empty()) request.headers.push_back("Authorization: Bearer " + clean_header_value(config.api_key));
  request.body = Json{{"model", config.model},
                      {"temperature", 0.2},
                      {"messages", Json::array({{{"role", "system"}, {"content", system_prompt}},
                                                {{"role", "user"}, {"content", user_prompt}}})}}
                     .dump(-1, ' ', false, Json::error_handler_t::replace);
  for (int attempt = 0; attempt < 2; ++attempt) {
    const HttpPostResult res = http_post(request);
    if (!res.error.empty()) {
      reply.cause = res.error.rfind("timed out", 0) == 0 ? "timeout" : "connection failed";
      return reply;
    }
    if (res.status == 429 || res.status >= 500) {
      if (attempt == 0) {
        std::this_thread::sleep_for(kRetryPause);
        continue;
      }
      reply.cause = "HTTP " + std::to_string(res.status);
      return reply;
    }
    if (res.status < 200 || res.status >= 300) {
      reply.cause = "HTTP " + std::to_string(res.status);
      return reply;
    }
    const auto body = object_of(res.body);
    const Json* content = nullptr;
    if (body) {
      auto choices = body->find("choices");
      if (choices != body->end() && choices->is_array() && !choices->empty() && (*choices)[0].is_object()) {
        auto message = (*choices)[0].find("message");
        if (message != (*choices)[0].end() && message->is_object()) {
          auto c = message->find("content");
          if (c != message->end() && c->is_string()) content = &*c;
        }
      }
    }
    if (!content) {
      reply.cause = "invalid response";
      return reply;
    }
    reply.json = extract_object(content->get<std::string>());
    if (!reply.json) reply.cause = "invalid response";
    return reply;
  }
  reply.cause = "invalid response";
  return reply;
}

Rewriter::Rewriter(const taxonomy::Taxonomy& taxonomy, LlmConfig llm)
    : taxonomy_(&taxonomy), llm_(std::move(llm)) {}

RewriteResult Rewriter::rewrite(const Source& source, Style style) const {
  const auto t0 = std::chrono::steady_clock::now();
  RewriteResult local = detail::rewrite_local(source, style, *taxonomy_);
  if (llm_.configured()) {
    const LlmReply reply = complete_json(
        llm_, kSystemPrompt,
        std::string("Rewrite the résumé below in the ") + style_name(style) +
            " style: strong action verbs, no first person, no filler, same lines and sections. "
            "Return {\"rewritten_text\": string, \"improvements\": [string], \"suggestions\": [string]}.\n\n"
            "Résumé:\n" + source.text);
    std::string cause = reply.cause;
    std::optional<std::string> text;
    if (cause.empty()) {
      text = string_of(*reply.json, "rewritten_text");
      if (!text || has_placeholder(*text)) cause = "invalid response";
    }
    if (cause.empty() && !check_fabrication(source, *text, *taxonomy_).empty()) cause = "fabricated content";
    if (!cause.empty()) {
      mark_fallback(local.status, cause, &local.improvements);
    } else {
      RewriteResult r;
      r.style = style;
      r.original_text = source.text;
      r.rewritten_text = *text;
      r.improvements = strings_of(*reply.json, "improvements");
      r.suggestions = strings_of(*reply.json, "suggestions");
      r.impact_score_before = local.impact_score_before;
      r.impact_score = impact_score(make_source(*text, *taxonomy_), style);
      r.diff_html = diff_html(r.original_text, r.rewritten_text);
      r.status.api_status = "success";
      local = std::move(r);
    }
  }
  local.status.latency = seconds_since(t0);
  return local;
}

TailorResult Rewriter::tailor(const Source& source, std::string_view job_description, Level level) const {
  const auto t0 = std::chrono::steady_clock::now();
  TailorResult local = detail::tailor_local(source, job_description, level, *taxonomy_);
  if (llm_.configured()) {
    std::string missing;
    for (const auto& s : local.missing_skills) missing += (missing.empty() ? "" : ", ") + s;
    const LlmReply reply = complete_json(
        llm_, kSystemPrompt,
        std::string("Tailor the résumé to the job description (level: ") + level_name(level) +
            "; conservative reorders bullets and adds supported keywords to the skills line, moderate also "
            "rewrites relevant bullets, aggressive also rewrites the summary and shortens unrelated bullets). "
            "Do not add these missing skills: " + (missing.empty() ? "none" : missing) +
            ". Return {\"tailored_resume\": string, \"changes_made\": [string], \"keyword_suggestions\": [string]}.\n\n"
            "Job description:\n" + std::string(job_description) + "\n\nRésumé:\n" + source.text);
    std::string cause = reply.cause;
    std::optional<std::string> text;
    if (cause.empty()) {
      text = string_of(*reply.json, "tailored_resume");
      if (!text || has_placeholder(*text)) cause = "invalid response";
    }
    if (cause.empty() && !check_fabrication(source, *text, *taxonomy_).empty()) cause = "fabricated content";
    if (!cause.empty()) {
      mark_fallback(local.status, cause, &local.changes_made);
    } else {
      const match::Job job = detail::job_of_description(job_description, *taxonomy_);
      const Source tailored = make_source(*text, *taxonomy_);
      local.tailored_resume = *text;
      local.match_score = match::ats_report(tailored.parsed, tailored.text, job, *taxonomy_).score;
      local.changes_made = strings_of(*reply.json, "changes_made");
      if (auto k = strings_of(*reply.json, "keyword_suggestions"); !k.empty()) local.keyword_suggestions = k;
      local.diff_html = diff_html(local.original_resume, local.tailored_resume);
      local.status.api_status = "success";
    }
  }
  local.status.latency = seconds_since(t0);
  return local;
}

CoverLetter Rewriter::cover_letter(const Source& source, const LetterTarget& target, Tone tone) const {
  const auto t0 = std::chrono::steady_clock::now();
  CoverLetter local = detail::cover_letter_local(source, target, tone, *taxonomy_);
  if (llm_.configured()) {
    GuardOptions guard;
    std::string job_text = target.job_description;
    if (target.job) {
      guard.allowed = {target.job->title, target.job->company};
      job_text = "Title: " + target.job->title + "\nCompany: " + target.job->company + "\n" +
                 target.job->description.value_or("") + "\n" + job_text;
    }
    const LlmReply reply = complete_json(
        llm_, kSystemPrompt,
        std::string("Write a cover letter (250 to 400 words, tone: ") + tone_name(tone) +
            ") for the job below using only facts from the résumé. Return {\"text\": string}.\n\nJob:\n" +
            job_text + "\n\nRésumé:\n" + source.text);
    std::string cause = reply.cause;
    std::optional<std::string> text;
    if (cause.empty()) {
      text = string_of(*reply.json, "text");
      const std::size_t words = text ? detail::word_count(*text) : 0;
      if (!text || words < 250 || words > 400 || has_placeholder(*text)) cause = "invalid response";
    }
    if (cause.empty() && !check_fabrication(source, *text, *taxonomy_, guard).empty()) cause = "fabricated content";
    if (!cause.empty()) {
      mark_fallback(local.status, cause, nullptr);
    } else {
      local.text = *text;
      local.word_count = static_cast<int>(detail::word_count(*text));
      local.status.api_status = "success";
    }
  }
  local.status.latency = seconds_since(t0);
  return local;
}

LinkedInProfile Rewriter::linkedin(const Source& source, std::string_view target_role) const {
  const auto t0 = std::chrono::steady_clock::now();
  LinkedInProfile local = detail::linkedin_local(source, target_role, *taxonomy_);
  if (llm_.configured()) {
    const LlmReply reply = complete_json(
        llm_, kSystemPrompt,
        "Write a LinkedIn headline (at most 220 characters) and About section (at most 2,600 characters) "
        "for the target role '" + local.target_role +
            "' using only facts from the résumé. Return {\"headline\": string, \"about\": string}.\n\nRésumé:\n" +
            source.text);
    std::string cause = reply.cause;
    std::optional<std::string> headline, about;
    if (cause.empty()) {
      headline = string_of(*reply.json, "headline");
      about = string_of(*reply.json, "about");
      if (!headline || !about || utf8_length(*headline) > kMaxHeadlineChars ||
          utf8_length(*about) > kMaxAboutChars || has_placeholder(*about)) {
        cause = "invalid response";
      }
    }
    GuardOptions guard;
    guard.allowed = {local.target_role};
    if (cause.empty() && !check_fabrication(source, *headline + "\n\n" + *about, *taxonomy_, guard).empty()) {
      cause = "fabricated content";
    }
    if (!cause.empty()) {
      mark_fallback(local.status, cause, nullptr);
    } else {
      local.headline = *headline;
      local.about = *about;
      local.status.api_status = "success";
    }
  }
  local.status.latency = seconds_since(t0);
  return local;
}

}  // namespace aligncv::rewrite
