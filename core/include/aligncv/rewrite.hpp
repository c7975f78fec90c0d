// Rewriting (api-v2.md §5): a deterministic local engine that strengthens bullets and tailors a
// résumé to a posting, cover letters and LinkedIn texts built from the résumé's own facts, a
// fabrication guard every output passes, word-level diffs, and an optional OpenAI-compatible LLM
// that falls back to the local result whenever it fails or invents something.
#pragma once

#include <aligncv/json.hpp>
#include <aligncv/match.hpp>
#include <aligncv/resume.hpp>
#include <aligncv/taxonomy.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::rewrite {

// ---- Enumerations: case-insensitive in, canonical out ----

enum class Style { Technical, Management, Creative, Sales, Academic, Executive };
enum class Level { Conservative, Moderate, Aggressive };
enum class Tone { Professional, Enthusiastic, Concise };

const char* style_name(Style style);  // "Technical", ...
const char* level_name(Level level);  // "conservative", ...
const char* tone_name(Tone tone);     // "professional", ...

// Throw Error(Validation) with a literal_error issue (loc body.rewrite_style / body.tone) and the
// contract's message "Input should be 'Technical', 'Management', ...".
Style parse_style(std::string_view name);
Tone parse_tone(std::string_view name);
// Throws Error(InvalidArgument, "Invalid tailoring level. Must be one of: conservative, moderate,
// aggressive").
Level parse_level(std::string_view name);

// ---- The résumé a call works from ----

struct Source {
  std::string text;            // the résumé text; line numbers in results refer to it
  resume::ParseResult parsed;  // resume::parse of exactly that text
};
// Parses `text` (never throws on any text).
Source make_source(std::string text, const taxonomy::Taxonomy& taxonomy);

// ---- Analysis and scoring ----

enum class Issue {
  WeakOpener,         // "Responsible for", "Helped", "Worked on", "Assisted", "Duties included", ...
  FirstPerson,        // I, me, my, we, our
  PassiveVoice,       // "was built", "were reduced by"
  NoFigure,           // no number at all
  TooLong,            // more than kMaxBulletWords words
  TenseInconsistent,  // opening verb in another tense than the other bullets of its job
  RepeatedVerb,       // opening verb already used by an earlier bullet of the same job
};
const char* issue_name(Issue issue);  // "weak_opener", "first_person", ...

inline constexpr int kMaxBulletWords = 30;

struct BulletAnalysis {
  int line = 0;       // 1-based line of the text where the bullet starts
  std::string text;   // the bullet without its list marker (wrapped lines joined)
  std::vector<Issue> issues;
};
// Bullets are the work and project highlights the parser found plus any line with a list marker
// in those sections.
std::vector<BulletAnalysis> analyze_bullets(const Source& source);

// The writing-quality score of a text, 0..100 (formula in docs/design.md, "Rewriting"):
// round(30·strong-verb share + 25·figure-or-outcome share + 25·clean share + 10·length share
// + 10·style-vocabulary share) over its bullets; 0 for a text without bullets.
int impact_score(const Source& source, Style style);

// ---- Fabrication guard ----

struct Fabrication {
  std::string kind;   // employer | title | date | degree | certification | skill
  std::string value;  // as written in the output
};
struct GuardOptions {
  // Strings the output may name although the résumé does not: the target job's title and
  // company, a target role the user typed. Taxonomy mentions inside them are not checked.
  std::vector<std::string> allowed;
};
// Every employer, title, date, degree, certification and skill that `output` names (read with the
// résumé parser and the taxonomy) but `source` does not. Empty = the output passes.
std::vector<Fabrication> check_fabrication(const Source& source, std::string_view output,
                                           const taxonomy::Taxonomy& taxonomy,
                                           const GuardOptions& options = {});

// ---- Diff ----

// Word-level diff, one <p> per line of the result (removed lines get their own <p>), every
// fragment HTML-escaped: <div class="diff"><p>- <del>Responsible for</del><ins>Own</ins> ...</p></div>.
std::string diff_html(std::string_view before, std::string_view after);

// ---- Results (the §5 responses without version_id / resume_id, which the engine adds) ----

// How a result was produced (§5.1): "local" (no LLM configured), "success" (the LLM's output) or
// "fallback" (the LLM failed; `warning` names the cause).
struct Status {
  double latency = 0;  // seconds, 2 decimals in JSON
  std::string api_status = "local";
  std::optional<std::string> warning;
};

struct RewriteResult {
  std::string original_text, rewritten_text, diff_html;
  std::vector<std::string> improvements;  // changes actually made, with counts
  std::vector<std::string> suggestions;   // figures to add ([X%] placeholders live only here)
  int impact_score = 0;                   // of rewritten_text
  int impact_score_before = 0;            // of original_text (not in the §5 JSON)
  Style style = Style::Technical;
  Status status;
};
Json to_json(const RewriteResult& result);

struct Requirement {
  std::string requirement;  // canonical skill
  bool required = false;
  std::optional<int> line;  // 1-based line of the résumé that shows it
  std::optional<std::string> text;
};
struct TailorResult {
  std::string tailored_resume, original_resume, diff_html;
  int match_score = 0;         // §4 /score of tailored_resume against the description
  int match_score_before = 0;  // ... of original_resume
  std::vector<std::string> missing_skills;  // required first; never inserted into the text
  std::vector<std::string> keyword_suggestions;
  std::vector<std::string> changes_made;
  std::vector<std::string> priority_improvements;
  std::vector<Requirement> requirements;
  Level level = Level::Moderate;
  Status status;
};
Json to_json(const TailorResult& result);

struct CoverLetter {
  std::string text;
  Tone tone = Tone::Professional;
  int word_count = 0;                 // 250..400 for the local engine
  std::optional<std::string> job_id;  // set when written for a match::Job
  Status status;
};
Json to_json(const CoverLetter& letter);

struct LinkedInProfile {
  std::string headline;  // ≤ kMaxHeadlineChars characters
  std::string about;     // ≤ kMaxAboutChars characters
  std::string target_role;
  Status status;
};
Json to_json(const LinkedInProfile& profile);

inline constexpr std::size_t kMaxHeadlineChars = 220;
inline constexpr std::size_t kMaxAboutChars = 2600;

// ---- The engine ----

// An OpenAI-compatible chat-completions service; an empty base_url means none (local only).
struct LlmConfig {
  std::string base_url;     // requests go to <base_url>/chat/completions
  std::string api_key;      // bearer; optional for local servers
  std::string model;
  int timeout_seconds = 30;  // per request
  bool configured() const { return !base_url.empty(); }
};

// The target of a cover letter: a pasted description, or a posting (its title, company and
// job_id are then used).
struct LetterTarget {
  std::string job_description;
  std::optional<match::Job> job;
};

// Produces every §5 result. Without an LLM each call is local (api_status "local"). With one, the
// LLM's output is used when it arrives, parses, and passes the fabrication guard (api_status
// "success"); otherwise the local result is returned with api_status "fallback", warning
// "LLM API error (<cause>) - local result returned" and "LLM API unavailable - local engine used"
// first in improvements / changes_made. Deterministic without an LLM; thread-safe (const, no
// shared state). The taxonomy must outlive the Rewriter.
class Rewriter {
 public:
  explicit Rewriter(const taxonomy::Taxonomy& taxonomy, LlmConfig llm = {});

  RewriteResult rewrite(const Source& source, Style style) const;
  // Throws Error(InvalidArgument) for a description without any text.
  TailorResult tailor(const Source& source, std::string_view job_description, Level level) const;
  CoverLetter cover_letter(const Source& source, const LetterTarget& target, Tone tone) const;
  // target_role empty: the most recent position.
  LinkedInProfile linkedin(const Source& source, std::string_view target_role = {}) const;

  const LlmConfig& llm() const { return llm_; }

 private:
  const taxonomy::Taxonomy* taxonomy_;
  LlmConfig llm_;
};

// ---- The LLM client, for callers that need the raw exchange ----

struct LlmReply {
  std::optional<Json> json;  // the JSON object found in the answer's content
  std::string cause;         // empty on success; else timeout, HTTP <code>, connection failed,
                             // invalid response
};
// One chat completion (system + user message) with one retry on 429/5xx; the content may wrap
// the object in code fences or prose. Throws nothing.
LlmReply complete_json(const LlmConfig& config, const std::string& system_prompt,
                       const std::string& user_prompt);

}  // namespace aligncv::rewrite
