#include "match/scoring.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <set>

#include "common/text.hpp"
#include "match/terms.hpp"

namespace aligncv::match::scoring {

namespace {

bool has_word(std::string_view lower_text, std::string_view word) {
  std::size_t at = 0;
  while ((at = lower_text.find(word, at)) != std::string_view::npos) {
    const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(lower_text[at - 1]));
    const std::size_t end = at + word.size();
    const bool right = end >= lower_text.size() || !std::isalnum(static_cast<unsigned char>(lower_text[end]));
    if (left && right) return true;
    at = end;
  }
  return false;
}

double clamp100(double v) { return std::max(0.0, std::min(100.0, v)); }

}  // namespace

std::optional<double> skill_coverage(const std::vector<double>& required_credit,
                                     const std::vector<double>& preferred_credit) {
  const double total = 2.0 * static_cast<double>(required_credit.size()) + static_cast<double>(preferred_credit.size());
  if (total == 0) return std::nullopt;
  double got = 0;
  for (double c : required_credit) got += 2.0 * c;
  for (double c : preferred_credit) got += c;
  return 100.0 * got / total;
}

std::string level_from_title(std::string_view title) {
  const std::string t = to_lower_ascii(title);
  for (const char* w : {"chief", "director", "vp", "vice president", "head of", "executive"}) {
    if (has_word(t, w)) return "executive";
  }
  for (const char* w : {"lead", "principal", "staff", "manager"}) {
    if (has_word(t, w)) return w == std::string("manager") ? "" : "lead";
  }
  for (const char* w : {"senior", "sr", "sr."}) {
    if (has_word(t, w)) return "senior";
  }
  for (const char* w : {"junior", "jr", "entry", "intern", "internship", "graduate", "trainee", "apprentice"}) {
    if (has_word(t, w)) return "entry";
  }
  if (has_word(t, "mid") || has_word(t, "intermediate")) return "mid";
  return "";
}

std::pair<double, double> level_years(std::string_view level) {
  if (level == "entry") return {0, 2};
  if (level == "mid") return {2, 5};
  if (level == "senior") return {5, 10};
  if (level == "lead") return {7, 15};
  if (level == "executive") return {10, 40};
  return {0, 40};
}

std::optional<int> years_required(std::string_view description) {
  return years_required_lower(to_lower_ascii(description));
}

std::optional<int> years_required_lower(std::string_view t) {
  const auto digit = [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(t[i])) != 0; };
  for (std::size_t at = t.find("year"); at != std::string::npos; at = t.find("year", at + 4)) {
    // Walk back over "+", spaces and "or more" to the number: "5+ years", "2 or more years".
    std::size_t i = at;
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '+')) --i;
    if (i >= 8 && t.compare(i - 8, 8, " or more") == 0) {
      i -= 8;
      while (i > 0 && t[i - 1] == ' ') --i;
    }
    std::size_t end = i;
    while (i > 0 && digit(i - 1)) --i;
    if (i == end || end - i > 2) continue;
    // "3-5 years": the lower bound is what is required.
    if (i >= 2 && t[i - 1] == '-' && digit(i - 2)) {
      end = i - 1;
      i = end;
      while (i > 0 && digit(i - 1)) --i;
    }
    const int years = std::stoi(std::string(t.substr(i, end - i)));
    if (years > 0 && years <= 30) return years;
  }
  return std::nullopt;
}

std::string experience_fit(std::optional<double> resume_years, std::string_view level,
                           std::optional<int> required_years) {
  if (!resume_years || (level.empty() && !required_years)) return "unknown";
  auto [low, high] = level_years(level);
  if (required_years) {
    low = *required_years;
    if (level.empty()) high = low + 8;
  }
  if (*resume_years + 0.5 < low) return "below";
  if (*resume_years >= high + 3) return "above";
  return "meets";
}

std::optional<double> seniority_score(std::optional<double> resume_years, std::string_view level,
                                      std::optional<int> required_years) {
  const std::string fit = experience_fit(resume_years, level, required_years);
  if (fit == "unknown") return std::nullopt;
  if (fit == "meets") return 100.0;
  if (fit == "above") {  // over-qualified: mildly at first, more the further above
    const double high = required_years ? *required_years + 8.0 : level_years(level).second;
    return std::max(50.0, 100.0 - 5.0 * (*resume_years - high));
  }
  const double low = required_years ? *required_years : level_years(level).first;
  return clamp100(100.0 - 20.0 * (low - *resume_years));
}

int education_required(std::string_view description) {
  return education_required_lower(to_lower_ascii(description));
}

int education_required_lower(std::string_view t) {
  // One pass instead of a search per phrase: the highest level named wins, as when the phrases
  // were tried from the highest level down. A phrase counts as a whole word (as has_word finds
  // it: no letter or digit either side); "degree in" anywhere.
  struct Phrase {
    std::string_view text;
    int level;
  };
  static const std::vector<Phrase> kByLetter[] = {
      {{"associate's", 1}, {"associate degree", 1}},
      {{"bachelor's", 2}, {"bachelors", 2}, {"bachelor’s", 2}, {"bachelor", 2}, {"bs/ms", 2}},
      {{"doctoral", 4}, {"doctorate", 4}},
      {{"master's", 3}, {"masters", 3}, {"master’s", 3}, {"mba", 3}},
      {{"phd", 4}, {"ph.d", 4}}};
  const auto phrases = [](char c) -> const std::vector<Phrase>& {
    return kByLetter[c == 'a' ? 0 : c == 'b' ? 1 : c == 'd' ? 2 : c == 'm' ? 3 : 4];
  };
  // Per byte: 1 = letter or digit ("C" locale), 2 = a phrase's first letter.
  static const std::array<uint8_t, 256> kClass = [] {
    std::array<uint8_t, 256> c{};
    for (int b = 0; b < 256; ++b) {
      const bool alnum = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
      c[b] = static_cast<uint8_t>((alnum ? 1 : 0) | (b == 'p' || b == 'd' || b == 'm' || b == 'b' || b == 'a' ? 2 : 0));
    }
    return c;
  }();
  const auto alnum = [&](std::size_t i) { return (kClass[static_cast<unsigned char>(t[i])] & 1) != 0; };
  int best = 0;
  uint8_t before = 0;  // class of the byte before the block
  for (std::size_t block = 0; block < t.size() && best < 4; block += 64) {
    // Starts of words with a phrase's first letter, as bits, computed without branches.
    const std::size_t n = std::min<std::size_t>(64, t.size() - block);
    uint64_t starts = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const uint8_t c = kClass[static_cast<unsigned char>(t[block + k])];
      starts |= static_cast<uint64_t>((c >> 1) & ~before & 1) << k;
      before = c;
    }
    for (; starts != 0; starts &= starts - 1) {
      const std::size_t i = block + static_cast<std::size_t>(__builtin_ctzll(starts));
      for (const Phrase& p : phrases(t[i])) {
        if (p.level <= best || t.compare(i, p.text.size(), p.text) != 0) continue;
        const std::size_t end = i + p.text.size();
        if (end >= t.size() || !alnum(end)) best = p.level;
      }
    }
  }
  if (best < 2 && t.find("degree in") != std::string::npos) best = 2;
  return best;
}

int education_level(std::string_view study_type) {
  const std::string t = to_lower_ascii(study_type);
  if (has_word(t, "phd") || has_word(t, "ph.d") || has_word(t, "doctor") || has_word(t, "doctorate") ||
      has_word(t, "dphil") || has_word(t, "md"))
    return 4;
  if (has_word(t, "master") || has_word(t, "msc") || has_word(t, "ms") || has_word(t, "ma") ||
      has_word(t, "mba") || has_word(t, "meng") || has_word(t, "m.sc") || has_word(t, "m.s"))
    return 3;
  if (has_word(t, "bachelor") || has_word(t, "bsc") || has_word(t, "bs") || has_word(t, "ba") ||
      has_word(t, "beng") || has_word(t, "b.sc") || has_word(t, "b.s") || has_word(t, "b.a") ||
      has_word(t, "btech") || has_word(t, "b.tech") || has_word(t, "bba"))
    return 2;
  if (has_word(t, "associate") || has_word(t, "diploma")) return 1;
  return 0;
}

std::optional<double> education_score(int resume_level, int required_level) {
  if (required_level == 0 || resume_level == 0) return std::nullopt;
  if (resume_level >= required_level) return 100.0;
  return clamp100(100.0 - 35.0 * (required_level - resume_level));
}

std::vector<std::string> title_terms(std::string_view title) {
  static const std::set<std::string> kFiller = {"senior", "sr", "junior", "jr", "lead", "principal", "staff",
                                                "ii", "iii", "iv", "i", "entry", "level", "mid", "intern",
                                                "trainee", "head", "chief", "assistant", "associate"};
  std::vector<std::string> out;
  for (auto& t : terms_of(title)) {
    if (!kFiller.count(t)) out.push_back(t);
  }
  return out;
}

double title_overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::set<std::string> sa(a.begin(), a.end()), sb(b.begin(), b.end());
  std::size_t common = 0;
  for (const auto& w : sa) common += sb.count(w);
  return 2.0 * static_cast<double>(common) / static_cast<double>(sa.size() + sb.size());
}

std::optional<double> location_score(const std::optional<std::string>& resume_city, const Job& job) {
  if (job.remote.value_or(false)) return 100.0;
  if (!resume_city || resume_city->empty() || !job.location || job.location->empty()) return std::nullopt;
  const std::string city = to_lower_ascii(trim(*resume_city));
  return to_lower_ascii(*job.location).find(city) != std::string::npos ? 100.0 : 40.0;
}

std::optional<double> salary_score(std::optional<int64_t> desired, const Job& job) {
  if (!desired || *desired <= 0) return std::nullopt;
  const auto offered = job.salary_max ? job.salary_max : job.salary_min;
  if (!offered) return std::nullopt;
  if (*offered >= *desired) return 100.0;
  return clamp100(100.0 * static_cast<double>(*offered) / static_cast<double>(*desired));
}

double semantic_score(double cosine, double bm25, double bm25_scale) {
  // A cosine of 0.5 between a résumé and a posting is as close as different writers get.
  const double c = std::pow(std::min(1.0, std::max(0.0, cosine) / 0.5), 0.75);
  const double b = bm25_scale > 0 ? bm25 / (bm25 + bm25_scale) : 0.0;
  return clamp100(100.0 * (kCosineShare * c + (1.0 - kCosineShare) * b));
}

double dense_score(double cosine) { return clamp100(100.0 * (cosine - 0.1) / 0.7); }

double combine(const Components& c, const Weights& w, std::map<std::string, double>& used) {
  const std::pair<const char*, std::pair<const std::optional<double>*, double>> parts[] = {
      {"skills", {&c.skills, w.skills}},          {"semantic", {&c.semantic, w.semantic}},
      {"title", {&c.title, w.title}},             {"seniority", {&c.seniority, w.seniority}},
      {"education", {&c.education, w.education}}, {"location", {&c.location, w.location}},
      {"salary", {&c.salary, w.salary}}};
  double total_weight = 0;
  for (const auto& [name, part] : parts) {
    if (*part.first) total_weight += part.second;
  }
  used.clear();
  if (total_weight == 0) return 0;
  double sum = 0;
  for (const auto& [name, part] : parts) {
    if (!*part.first) continue;
    const double weight = part.second / total_weight;
    used[name] = std::round(weight * 1000.0) / 1000.0;
    sum += weight * **part.first;
  }
  return sum;
}

std::string summary_sentence(const Hit& hit, std::size_t required_total) {
  const double score = hit.combined_score;
  std::string out = score >= 75 ? "Strong fit" : score >= 55 ? "Good fit" : score >= 35 ? "Partial fit" : "Weak fit";
  auto join = [](const std::vector<std::string>& items, const char* last) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) text += i + 1 == items.size() ? last : ", ";
      text += items[i];
    }
    return text;
  };
  std::size_t shown = 0;
  for (const auto& m : hit.matched) shown += m.required && !m.via ? 1 : 0;

  std::vector<std::string> strengths;
  const double title = hit.components.title.value_or(0);
  if (title >= 70) {
    strengths.push_back("a closely related role");
  } else if (title >= 40) {
    strengths.push_back("a related role");
  }
  if (required_total > 0 && shown > 0) {
    strengths.push_back(std::to_string(shown) + " of " + std::to_string(required_total) + " required skills");
  }
  const std::string& level = hit.job->experience_level.value_or("");
  if (hit.resume_years && !level.empty() && hit.experience_fit != "unknown") {
    const int years = static_cast<int>(std::lround(*hit.resume_years));
    const std::string article = level == "entry" || level == "executive" ? "an " : "a ";
    std::string text = std::to_string(years) + (years == 1 ? " year" : " years") + " of experience";
    if (hit.experience_fit == "meets") text += " for " + article + level + " role";
    if (hit.experience_fit == "below") text += ", less than " + article + level + " role asks";
    if (hit.experience_fit == "above") text += ", more than " + article + level + " role asks";
    strengths.push_back(text);
  }
  if (strengths.empty() && hit.components.semantic.value_or(0) >= 50) strengths.push_back("closely related work");
  if (!strengths.empty()) out += ": " + join(strengths, " and ");

  if (!hit.missing_required.empty()) {
    std::vector<std::string> names(hit.missing_required.begin(),
                                   hit.missing_required.begin() + std::min<std::ptrdiff_t>(3, hit.missing_required.size()));
    if (hit.missing_required.size() > 3) names.push_back(std::to_string(hit.missing_required.size() - 3) + " more");
    if (shown == 0) {
      out += "; none of its " + std::to_string(required_total) + " required skills is shown (" + join(names, " and ") + ")";
    } else {
      out += "; " + join(names, " and ") + (hit.missing_required.size() == 1 ? " is missing" : " are missing");
    }
  }
  return out + ".";
}

}  // namespace aligncv::match::scoring
