// The parts of a match score, as pure functions (docs/design.md gives the formula).
#pragma once

#include <aligncv/match.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::match::scoring {

// Default weights of the components; re-normalised over the components that are not null.
struct Weights {
  double skills = 0.10;
  double semantic = 0.62;
  double title = 0.20;
  double seniority = 0.04;
  double education = 0.02;
  double location = 0.01;
  double salary = 0.01;
};

// The skills weight is scaled by n / (n + kSkillEvidenceHalf), n = 2 × required + preferred
// skills of the posting: half weight for a posting naming two required skills.
inline constexpr double kSkillEvidenceHalf = 4.0;

// Credit of a posting skill: 1 when the résumé shows it, kRelatedCredit through a related skill.
inline constexpr double kRelatedCredit = 0.5;

// Required skills weigh double: 100 × (2 Σ required credit + Σ preferred credit) / (2 R + P).
std::optional<double> skill_coverage(const std::vector<double>& required_credit,
                                     const std::vector<double>& preferred_credit);

// Level from words of a title or text: entry, mid, senior, lead, executive, or "".
std::string level_from_title(std::string_view title);
// Years of experience a level usually asks for: [low, high).
std::pair<double, double> level_years(std::string_view level);
// The first "N+ years" / "N years of experience" in a posting, if any.
std::optional<int> years_required(std::string_view description);
// The same for text already lower-cased (to_lower_ascii), for a caller that reads it twice.
std::optional<int> years_required_lower(std::string_view lower_text);
// below | meets | above | unknown, from the résumé's years against the level and stated years.
std::string experience_fit(std::optional<double> resume_years, std::string_view level,
                           std::optional<int> required_years);
// 100 when it meets; above, 5 less per year past the level's range (at least 50); below,
// 20 less per missing year.
std::optional<double> seniority_score(std::optional<double> resume_years, std::string_view level,
                                      std::optional<int> required_years);

// Degree a posting asks for: 0 none stated, 1 associate, 2 bachelor, 3 master, 4 doctorate.
int education_required(std::string_view description);
int education_required_lower(std::string_view lower_text);
// Degree level of an education entry's study type ("BSc", "Master of Science", "PhD").
int education_level(std::string_view study_type);
std::optional<double> education_score(int resume_level, int required_level);

// Title words without seniority and filler ("Senior Software Engineer II" -> software engineer).
std::vector<std::string> title_terms(std::string_view title);
// Dice overlap of title words, 0..1.
double title_overlap(const std::vector<std::string>& a, const std::vector<std::string>& b);

std::optional<double> location_score(const std::optional<std::string>& resume_city, const Job& job);
std::optional<double> salary_score(std::optional<int64_t> desired, const Job& job);

// Text relevance to 0..100: cosine of TF-IDF vectors and BM25, each saturating, mixed with
// kCosineShare (BM25 ranks postings of other occupations better; see docs/accuracy.md).
inline constexpr double kCosineShare = 0.25;
double semantic_score(double cosine, double bm25, double bm25_scale);
// Cosine of two embeddings to 0..100: 0.1 and below (unrelated texts) is 0, 0.8 and above 100.
double dense_score(double cosine);

// Σ weights × components over non-null components (weights re-normalised); fills `used`.
double combine(const Components& c, const Weights& w, std::map<std::string, double>& used);

// One plain sentence explaining a hit.
std::string summary_sentence(const Hit& hit, std::size_t required_total);

}  // namespace aligncv::match::scoring
