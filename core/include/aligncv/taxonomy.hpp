// Skills and job titles: canonical names from O*NET (CC BY 4.0) plus curated aliases, found in
// text in one multi-pattern pass with word-boundary and context rules.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::taxonomy {

// One occurrence of a skill or title in a text.
struct Mention {
  std::string canonical;  // "JavaScript", "Kubernetes", "Software Developer"
  std::size_t begin = 0;  // byte offsets into the searched text
  std::size_t end = 0;
};

struct FindOptions {
  // Ambiguous short names (R, Go, C, …) count only here: a skills section or a list of
  // comma/bullet-separated items.
  bool skills_context = false;
};

// How two canonical job titles relate through the O*NET occupations they stand for.
enum class TitleRelation {
  Unknown,    // a title the taxonomy does not know, or one without occupations
  Unrelated,  // no two occupations in one SOC major group ("Data Engineer", "Sales Engineer")
  SameField,  // occupations in one major group ("Data Engineer", "Data Scientist": 15-…)
  SameRole,   // a shared occupation ("Data Engineer", "Database Architect": 15-1243.00)
};

class Taxonomy {
 public:
  // The taxonomy shipped with the library (built from core/data at build time). Thread-safe,
  // built once on first use.
  static const Taxonomy& builtin();
  // A taxonomy from TSV texts in the format of core/data (for tests and custom vocabularies).
  static Taxonomy from_tsv(std::string_view skills_tsv, std::string_view titles_tsv);

  ~Taxonomy();
  Taxonomy(Taxonomy&&) noexcept;
  Taxonomy& operator=(Taxonomy&&) noexcept;

  // Every skill mention, left to right, longest match first, no overlaps.
  std::vector<Mention> find_skills(std::string_view text, const FindOptions& options = {}) const;
  // Every job-title mention (canonical O*NET-derived title).
  std::vector<Mention> find_titles(std::string_view text) const;

  // Canonical name for a skill written in any known form ("k8s" -> "Kubernetes"), if known.
  std::optional<std::string> canonical_skill(std::string_view name) const;
  // Canonical skill names related to `canonical` (same O*NET category, co-occurring), best first.
  std::vector<std::string> related_skills(std::string_view canonical, std::size_t limit = 10) const;

  // The closer relation of two titles (any spelling the taxonomy knows).
  TitleRelation title_relation(std::string_view a, std::string_view b) const;

  std::size_t skill_count() const;
  std::size_t title_count() const;

 private:
  struct Impl;
  explicit Taxonomy(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// De-duplicated canonical names of `mentions`, sorted case-insensitively.
std::vector<std::string> canonical_names(const std::vector<Mention>& mentions);

}  // namespace aligncv::taxonomy
