// Jobs and matching (api-v2.md §4): the job record, the import formats, the in-memory index that
// scores a résumé against every posting, and the explanation behind each score.
#pragma once

#include <aligncv/json.hpp>
#include <aligncv/resume.hpp>
#include <aligncv/taxonomy.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::match {

// A job posting (api-v2.md §4.1). Enumerations hold their canonical spelling.
struct Job {
  std::string job_id;  // first 16 hex of sha256("<source>:<company>:<title>:<url>")
  std::string title;
  std::string company;
  std::optional<std::string> location;
  std::optional<bool> remote;
  std::optional<std::string> url;
  std::string source = "import";
  std::optional<std::string> description;
  std::vector<std::string> tags;
  std::vector<std::string> required_skills;   // canonical taxonomy names
  std::vector<std::string> preferred_skills;  // canonical taxonomy names
  std::optional<int64_t> salary_min, salary_max;  // per year, in salary_currency
  std::optional<std::string> salary_currency;     // ISO 4217
  std::optional<std::string> employment_type;     // full-time | part-time | contract | internship | temporary | freelance
  std::optional<std::string> experience_level;    // entry | mid | senior | lead | executive
  std::optional<std::string> posted_date;         // YYYY-MM-DD
  int64_t created_at = 0;  // Unix ms
  int64_t updated_at = 0;
};

// The Job object of §4.1. With cut_description the description is cut to 500 characters with
// "..." appended (list views).
Json to_json(const Job& job, bool cut_description = false);
// Reads what to_json wrote (stored rows, catalogue files). Throws Error(InvalidArgument).
Job job_from_json(const Json& json);

std::string make_job_id(std::string_view source, std::string_view company, std::string_view title,
                        std::string_view url);

// ---- Import (§4.2) ----

enum class ImportFormat { Json, JsonLines, Csv };

// The format from ?format=, else the Content-Type, else a file name's extension (multipart).
// nullopt when none of them names a known format.
std::optional<ImportFormat> import_format(std::string_view format_param,
                                          std::string_view content_type,
                                          std::string_view file_name = {});

struct ImportRecord {
  int line = 0;  // 1-based physical line where the record starts (JSON array: element number)
  Job job;       // normalised, with job_id; created_at/updated_at unset
};
struct ImportReject {
  int line = 0;
  std::string detail;  // "Missing required field: company", "Row has 3 fields, header has 5", ...
};
struct ImportBatch {
  std::vector<ImportRecord> records;
  std::vector<ImportReject> rejected;
};

// Reads a whole payload. Per-record problems become rejects; payload-level problems throw
// Error(InvalidArgument): "Import body is empty", "Invalid JSON: <reason> at line N",
// "CSV header must include title and company".
ImportBatch parse_import(std::string_view body, ImportFormat format,
                         const taxonomy::Taxonomy& taxonomy);

// One record under any accepted field names (Job, JobSpy, JSON Resume job schema) to a Job, with
// skills extracted from the description when the record gives none. Throws
// Error(InvalidArgument, "<reject detail>").
Job job_from_record(const Json& record, const taxonomy::Taxonomy& taxonomy);

// A job description a user pasted (the ATS check): its first line is the title when it reads like
// one ("Senior Backend Engineer"); otherwise the job has no title, so no made-up title's words
// count as the posting's keywords. Skills come from the text.
Job pasted_job(std::string_view description, const taxonomy::Taxonomy& taxonomy);

// ---- Matching (§4.3) ----

// A skill the résumé shows, with the line that shows it.
struct SkillEvidence {
  std::string skill;  // canonical
  int line = 0;       // 1-based line of the résumé text
  std::string text;   // that line, trimmed
};

// What a résumé brings to a match, derived once per search from its parse result.
struct Candidate {
  std::string text;                     // the résumé text (terms for BM25 and the semantic layer)
  std::vector<SkillEvidence> skills;    // canonical skills, first evidence line each
  std::vector<std::string> titles;      // canonical job titles held (newest first)
  std::vector<std::string> positions;   // positions as written (newest first)
  double experience_years = 0;          // from experience_months
  bool experience_known = false;
  int education_level = 0;              // 0 unknown, 1 associate, 2 bachelor, 3 master, 4 doctorate
  std::optional<std::string> location;  // city as written
  std::optional<int64_t> desired_salary;  // the user's minimum (preferences), per year
};
Candidate make_candidate(const resume::ParseResult& parsed, std::string_view text,
                         const taxonomy::Taxonomy& taxonomy);

struct Filters {
  std::optional<int64_t> min_salary;
  std::optional<std::string> location;          // case-insensitive substring
  std::optional<bool> remote;
  std::optional<std::string> employment_type;   // canonical
  std::optional<std::string> experience_level;  // canonical
  std::optional<double> min_score;              // 0..1 against match_score
  std::optional<std::string> query;             // ≤ 200 characters
};

struct Components {
  // 0..100 each; null = unknown, left out of the weighted sum.
  std::optional<double> skills, semantic, title, seniority, education, location, salary;
};

struct MatchedSkill {
  std::string skill;
  bool required = false;
  int line = 0;      // 0 when the skill is matched only through a related skill
  std::string text;  // the résumé line that shows it
  std::optional<std::string> via;  // the related skill the résumé shows, for partial credit
};

struct Hit {
  std::shared_ptr<const Job> job;
  Components components;
  std::map<std::string, double> weights;  // the weights used, re-normalised over non-null components
  double combined_score = 0;              // 0..100, query boost included
  std::vector<MatchedSkill> matched;      // required first
  std::vector<std::string> missing_required, missing_preferred;
  std::optional<double> resume_years;
  std::string experience_fit = "unknown";  // below | meets | above | unknown
  std::string summary;                     // one plain sentence
  std::vector<std::string> query_terms_matched;
  double query_boost = 0;
};
// The match result of §4.3 without is_bookmarked / is_applied (the engine adds those).
Json to_json(const Hit& hit);

// Display forms of §4.3: "EUR 75,000 - 95,000", "$75,000 - 95,000", "From ...", "Up to ...",
// "Not specified"; "Full-time" ... or "Not specified".
std::string salary_range(const Job& job);
std::string job_type_display(const std::optional<std::string>& employment_type);

// Turns texts into vectors for the semantic component. The default (local) layer needs no model;
// an OpenAI-compatible /embeddings client can stand in when configured.
class Embedder {
 public:
  virtual ~Embedder() = default;
  virtual std::string name() const = 0;
  // One vector per text, all of one dimension, L2-normalised. Throws Error(Unavailable).
  virtual std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) = 0;
};

struct EmbeddingsConfig {
  std::string base_url;  // requests go to <base_url>/embeddings
  std::string api_key;   // bearer; optional for local servers
  std::string model;
  int timeout_seconds = 30;
  std::size_t batch_size = 64;       // texts per request
  std::size_t cache_entries = 10000; // vectors kept by text hash (a 1,536-dim vector is 6 KiB)
};
// A client of an OpenAI-compatible /embeddings service, with a cache keyed by the text's hash.
std::shared_ptr<Embedder> make_openai_embedder(const EmbeddingsConfig& config);

// The postings, indexed in memory by taxonomy concepts and terms. Thread-safe: searches run
// concurrently; upserts and removals take a short exclusive lock.
class Index {
 public:
  explicit Index(const taxonomy::Taxonomy& taxonomy);
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // Dense vectors for the semantic component, next to the local layer (null = local only).
  // Postings indexed from now on are embedded; a failing service leaves the local layer alone.
  void set_embedder(std::shared_ptr<Embedder> embedder);

  // Adds or replaces the posting with this job_id.
  void upsert(const Job& job);
  void upsert(std::vector<Job> jobs);
  // The same for postings the caller shares: the index keeps these very objects (no copy).
  void upsert(std::vector<std::shared_ptr<const Job>> jobs);

  // What upsert works out of postings before it takes its lock (terms, title words, ...), for a
  // caller that prepares a batch ahead, e.g. while it writes the batch to a store.
  class Prepared {
   public:
    Prepared();
    ~Prepared();
    Prepared(Prepared&&) noexcept;
    Prepared& operator=(Prepared&&) noexcept;
    std::size_t size() const;

   private:
    friend class Index;
    struct Data;
    std::unique_ptr<Data> data_;
  };
  // On every core; reads the postings only, and nothing of the index but its taxonomy.
  Prepared prepare(const std::vector<const Job*>& jobs) const;
  // upsert with prepare's result for these postings, in the same order (created_at and
  // updated_at may have been set since: prepare does not read them).
  void upsert(std::vector<std::shared_ptr<const Job>> jobs, Prepared prepared);
  bool remove(const std::string& job_id);

  // The k best postings for a candidate (null: the query alone, résumé components unknown),
  // combined_score descending, ties by job_id.
  std::vector<Hit> search(const Candidate* candidate, const Filters& filters, std::size_t k) const;

  std::shared_ptr<const Job> job(const std::string& job_id) const;
  // Every posting, newest created_at first, ties by job_id.
  std::vector<std::shared_ptr<const Job>> jobs() const;
  std::size_t size() const;
  // Bytes held by the index structures, beyond the postings' own text.
  std::size_t memory_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- ATS check (POST /v2/jobs/score) ----

struct SectionCheck {
  std::string check;   // contact, summary, experience, education, skills, length, quantified_achievements
  std::string status;  // pass | warn | fail
  std::string detail;
};
struct AtsReport {
  int score = 0;  // round(0.5 × required coverage + 0.3 × keyword_coverage + 0.2 × passed checks share)
  std::vector<std::string> matched_skills;
  std::vector<std::string> missing_skills;  // required first, then preferred
  double keyword_coverage = 0;              // 0..100 over the posting's 30 most weighted terms
  std::vector<std::string> missing_keywords;
  std::vector<SectionCheck> section_checks;
  std::vector<std::string> suggestions;
};
Json to_json(const AtsReport& report);

// A résumé (parsed, with its text) against one posting.
AtsReport ats_report(const resume::ParseResult& parsed, std::string_view resume_text, const Job& job,
                     const taxonomy::Taxonomy& taxonomy);

}  // namespace aligncv::match
