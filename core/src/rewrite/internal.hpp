// Shared pieces of the rewrite area: the word lists, the résumé laid out as bullets and other
// lines, the one-bullet rules, and small text helpers.
#pragma once

#include <aligncv/rewrite.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::rewrite::detail {

// ---- Words ----

enum class Tense { Unknown, Past, Present };

// Opening verbs by what they say, so a repeated verb is replaced by one meaning the same.
enum class Category { None, Build, Own, Improve, Lead, Support, Analyze, Communicate };

struct Verb {
  std::string base;  // "build"
  std::string past;  // "built"
  Category category = Category::None;
};

// The verb whose base, third-person or past form is `word` (any case); null when unknown.
const Verb* find_verb(std::string_view word, Tense* tense = nullptr);
// A known verb that says what was done ("Built", "Led"), not "Worked", "Helped", "Used".
bool is_strong_verb(std::string_view word);
// Strong action verbs (past tense, capitalised) for a style and category, preferred first.
const std::vector<std::string>& style_verbs(Style style, Category category);
// Words (lower case) that make a bullet read in the style's register.
const std::vector<std::string>& style_vocabulary(Style style);
// "[X%] lower latency or [N] users served": what a figure could measure, per style.
const char* figure_hint(Style style);

std::string past_of(std::string_view base);    // "plan" -> "planned", "build" -> "built"
std::string gerund_of(std::string_view base);  // "plan" -> "planning", "create" -> "creating"
std::string third_person_of(std::string_view base);  // "care" -> "cares", "have" -> "has"

// ---- Text ----

std::string lower(std::string_view s);
std::vector<std::string> words_of(std::string_view s);  // split on blanks
std::string join(const std::vector<std::string>& words, std::size_t from = 0);
std::string capitalize_first(std::string s);
bool has_digit(std::string_view s);
// Lower-case, letters and digits only, runs of anything else as one space, trimmed.
std::string normalized(std::string_view s);
// "A, B and C".
std::string list_phrase(const std::vector<std::string>& items);
std::size_t word_count(std::string_view s);

// ---- The résumé as units ----

struct Unit {
  int line = 0;           // 1-based first line
  int line_count = 1;     // wrapped bullets span several lines
  std::string raw;        // the lines as written, '\n'-joined
  bool bullet = false;
  std::string marker;     // leading blanks + list marker + blank ("• "), for bullets
  std::string text;       // bullet text without marker, wrapped lines joined by one blank
  int job = -1;           // index into profile.work, or -1
  std::string section;    // the parser's section name ("experience", "summary", ...) or ""
  bool edited = false;    // render writes marker + text instead of raw
};
// Every line of the text in order; bullets (highlights and marked lines in experience/projects
// sections) with their wrapped continuation lines as one unit.
std::vector<Unit> layout(const Source& source);
// Units back to text: unchanged units keep their raw lines, bullets with new text become one line.
std::string render(const std::vector<Unit>& units);

// ---- One bullet ----

struct BulletFix {
  std::string text;
  bool weak_opener = false, first_person = false, tense = false, repeated = false, filler = false;
  bool changed() const { return weak_opener || first_person || tense || repeated || filler; }
};

// Issues of one bullet, given the tense its job uses and whether its verb opened an earlier
// bullet of the same job.
std::vector<Issue> bullet_issues(std::string_view text, Tense job_tense, bool repeated_verb);
Tense opening_tense(std::string_view text);
std::string opening_word(std::string_view text);  // lower case, punctuation trimmed

// Rewrites a bullet: weak opener -> action verb of the style, first person and filler out, the
// job's tense. `used` holds the lower-case opening verbs of earlier bullets of the job; a verb
// already in it is replaced by another of its category. Never adds a figure, skill or name.
BulletFix fix_bullet(std::string_view text, Style style, Tense job_tense,
                     std::vector<std::string>& used);

// Per job: Past unless the job is current and most of its bullets open in the present.
std::vector<Tense> job_tenses(const Source& source, const std::vector<Unit>& units);

// Summary sentences without first person and clichés; `changed` tells whether anything moved.
std::string tighten_summary(std::string_view text, bool& changed);

// impact_score over given units (bullets only).
int impact_of(const std::vector<Unit>& units, Style style);

// Shared by the local engines and the LLM path.
RewriteResult rewrite_local(const Source& source, Style style, const taxonomy::Taxonomy& taxonomy);
TailorResult tailor_local(const Source& source, std::string_view job_description, Level level,
                          const taxonomy::Taxonomy& taxonomy);
CoverLetter cover_letter_local(const Source& source, const LetterTarget& target, Tone tone,
                               const taxonomy::Taxonomy& taxonomy);
LinkedInProfile linkedin_local(const Source& source, std::string_view target_role,
                               const taxonomy::Taxonomy& taxonomy);
// The job description as a posting (skills from the taxonomy), as the /score route reads it.
match::Job job_of_description(std::string_view job_description, const taxonomy::Taxonomy& taxonomy);
// The most recent work entry, or -1.
int latest_job(const resume::Profile& profile);

}  // namespace aligncv::rewrite::detail
