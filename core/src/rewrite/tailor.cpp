// Tailoring to a job description. Conservative: bullets reordered by relevance within each job,
// skills the résumé already shows (but its skills line lacks) added to that line. Moderate: also
// relevant bullets rewritten with action verbs and the posting's spelling of the skills they
// name. Aggressive: also the summary opened with the posting's skills the résumé shows, and
// bullets with no bearing on the posting cut at their first clause. Missing skills are only ever
// suggested.
#include <aligncv/error.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "common/text.hpp"
#include "match/terms.hpp"
#include "rewrite/internal.hpp"

namespace aligncv::rewrite::detail {

match::Job job_of_description(std::string_view job_description, const taxonomy::Taxonomy& taxonomy) {
  if (trim(job_description).empty()) {
    throw Error(ErrorCode::InvalidArgument, "Job description is empty");
  }
  return match::job_from_record(
      {{"title", "Job description"}, {"company", "-"}, {"description", std::string(job_description)}},
      taxonomy);
}

namespace {

// Cuts a bullet at its first clause boundary ("; ", " – ", ", and ", ", which ") when what
// remains is still a sentence of at least six words.
std::string first_clause(const std::string& text) {
  static const char* const kBreaks[] = {"; ", " – ", " — ", " - ", ", and ", ", which ", ", while "};
  std::size_t best = std::string::npos;
  for (const char* b : kBreaks) best = std::min(best, text.find(b));
  if (best == std::string::npos || word_count(text.substr(0, best)) < 6) return text;
  return text.substr(0, best);
}

}  // namespace

TailorResult tailor_local(const Source& source, std::string_view job_description, Level level,
                          const taxonomy::Taxonomy& taxonomy) {
  TailorResult r;
  r.level = level;
  r.original_resume = source.text;
  const match::Job job = job_of_description(job_description, taxonomy);
  const match::AtsReport before = match::ats_report(source.parsed, source.text, job, taxonomy);
  r.match_score_before = before.score;

  // Requirements with their evidence.
  const match::Candidate cand = match::make_candidate(source.parsed, source.text, taxonomy);
  std::map<std::string, const match::SkillEvidence*> evidence;
  for (const auto& e : cand.skills) evidence.emplace(e.skill, &e);
  std::vector<std::string> shown;  // posting skills the résumé shows, required first
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::string& s : pass == 0 ? job.required_skills : job.preferred_skills) {
      Requirement q{s, pass == 0, std::nullopt, std::nullopt};
      if (auto it = evidence.find(s); it != evidence.end()) {
        if (it->second->line > 0) {
          q.line = it->second->line;
          q.text = it->second->text;
        }
        shown.push_back(s);
      } else {
        r.missing_skills.push_back(s);
      }
      r.requirements.push_back(std::move(q));
    }
  }
  for (std::size_t i = 0; i < before.missing_keywords.size() && r.keyword_suggestions.size() < 10; ++i) {
    const std::string& k = before.missing_keywords[i];
    // Stems of missing skills are already named there; the placeholder title is not the posting's.
    const bool is_skill = std::any_of(r.missing_skills.begin(), r.missing_skills.end(), [&](const std::string& s) {
      return to_lower_ascii(s).rfind(k, 0) == 0;
    });
    if (!is_skill && k != "description" && k != "hiring" && k != "hire") r.keyword_suggestions.push_back(k);
  }

  // Relevance of a bullet: the posting's skills it names (required ×2) and its words.
  const std::set<std::string> required(job.required_skills.begin(), job.required_skills.end());
  std::set<std::string> posting_terms;
  for (auto& t : match::terms_of(job_description)) posting_terms.insert(t);
  std::map<std::string, std::string> canonical_spelling;  // as written -> posting's name
  auto relevance = [&](const std::string& text) {
    double score = 0;
    std::set<std::string> named;
    for (const auto& m : taxonomy.find_skills(text)) {
      if (!named.insert(m.canonical).second) continue;
      const bool req = required.count(m.canonical) > 0;
      const bool pref = std::find(job.preferred_skills.begin(), job.preferred_skills.end(), m.canonical) !=
                        job.preferred_skills.end();
      if (req || pref) {
        score += req ? 2 : 1;
        std::string written = text.substr(m.begin, m.end - m.begin);
        if (written != m.canonical) canonical_spelling[written] = m.canonical;
      }
    }
    std::set<std::string> words;
    for (auto& t : match::terms_of(text)) {
      if (posting_terms.count(t) && words.insert(t).second) score += 0.25;
    }
    return score;
  };

  std::vector<Unit> units = layout(source);
  std::vector<double> rel(units.size(), 0);
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].bullet) rel[i] = relevance(units[i].text);
  }

  // Reorder within each job: the slots its bullets occupy get its bullets by relevance.
  std::map<int, std::vector<std::size_t>> slots;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].bullet && units[i].job >= 0) slots[units[i].job].push_back(i);
  }
  std::size_t jobs_reordered = 0, bullets_moved = 0;
  std::vector<std::string> reordered_at;
  for (auto& [job_index, idx] : slots) {
    std::vector<std::size_t> order = idx;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rel[a] > rel[b]; });
    if (order == idx) continue;
    std::vector<Unit> moved;
    std::vector<double> moved_rel;
    for (std::size_t k : order) {
      moved.push_back(units[k]);
      moved_rel.push_back(rel[k]);
    }
    for (std::size_t k = 0; k < idx.size(); ++k) {
      if (order[k] != idx[k]) ++bullets_moved;
      units[idx[k]] = std::move(moved[k]);
      rel[idx[k]] = moved_rel[k];
    }
    ++jobs_reordered;
    if (reordered_at.size() < 3) reordered_at.push_back(source.parsed.profile.work[static_cast<std::size_t>(job_index)].name);
  }
  if (jobs_reordered) {
    r.changes_made.push_back("Moved the most relevant bullets to the top in " + std::to_string(jobs_reordered) +
                             (jobs_reordered == 1 ? " job" : " jobs") +
                             (reordered_at.empty() ? "" : " (" + list_phrase(reordered_at) + ")") + ", " +
                             std::to_string(bullets_moved) + " bullets moved");
  }

  // Skills line: posting skills the résumé shows elsewhere but not there.
  int skills_unit = -1;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].section == "skills" && !units[i].bullet && taxonomy.find_skills(units[i].raw, {true}).size() > 0) {
      skills_unit = static_cast<int>(i);
      break;
    }
  }
  if (skills_unit >= 0) {
    std::set<std::string> listed;
    for (const auto& u : units) {
      if (u.section != "skills") continue;
      for (const auto& m : taxonomy.find_skills(u.raw, {true})) listed.insert(m.canonical);
    }
    std::vector<std::string> add;
    for (const std::string& s : shown) {
      if (!listed.count(s)) add.push_back(s);
    }
    if (!add.empty()) {
      Unit& u = units[static_cast<std::size_t>(skills_unit)];
      std::string line = u.raw;
      while (!line.empty() && (line.back() == ' ' || line.back() == '.')) line.pop_back();
      std::string joined;
      for (const auto& s : add) joined += ", " + s;
      u.raw = line + joined;
      r.changes_made.push_back("Added " + list_phrase(add) + " to the skills line (shown in your experience)");
    }
  }

  if (level != Level::Conservative) {
    std::vector<Tense> tenses = job_tenses(source, units);
    std::vector<std::vector<std::string>> used(tenses.size());
    std::size_t rewritten = 0, respelled = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
      Unit& u = units[i];
      if (!u.bullet) continue;
      const std::size_t k = std::min(static_cast<std::size_t>(u.job + 1), tenses.size() - 1);
      if (rel[i] <= 0) {
        if (level == Level::Aggressive) {
          std::string cut = first_clause(u.text);
          if (cut != u.text) {
            u.text = cut;
            u.edited = true;
          }
        }
        continue;
      }
      BulletFix fix = fix_bullet(u.text, Style::Technical, tenses[k], used[k]);
      std::string text = fix.changed() ? fix.text : u.text;
      bool spelled = false;
      for (const auto& [written, canonical] : canonical_spelling) {
        // Only whole words, and only where the taxonomy read that very spelling as the skill.
        for (const auto& m : taxonomy.find_skills(text)) {
          if (m.canonical == canonical && text.compare(m.begin, m.end - m.begin, written) == 0) {
            text.replace(m.begin, m.end - m.begin, canonical);
            spelled = true;
            break;
          }
        }
      }
      if (fix.changed() || spelled) {
        u.text = text;
        u.edited = true;
        rewritten += fix.changed();
        respelled += spelled;
      }
    }
    if (rewritten) r.changes_made.push_back("Rewrote " + std::to_string(rewritten) + " relevant bullets with action verbs");
    if (respelled) r.changes_made.push_back("Used the posting's names for skills in " + std::to_string(respelled) + " bullets");
  }

  if (level == Level::Aggressive) {
    std::size_t shortened = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
      if (units[i].bullet && rel[i] <= 0 && units[i].edited) ++shortened;
    }
    if (shortened) {
      r.changes_made.push_back("Shortened " + std::to_string(shortened) + " bullets with no bearing on the role");
    }
    // Summary: open with the posting's skills the résumé shows; drop first person and clichés.
    for (Unit& u : units) {
      if (u.section != "summary" || u.bullet || word_count(u.raw) < 6) continue;
      bool changed = false;
      std::string text = tighten_summary(trim(u.raw), changed);
      std::vector<std::string> lead(shown.begin(), shown.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(4, shown.size())));
      if (!lead.empty()) {
        text = "Hands-on with " + list_phrase(lead) + ". " + text;
        changed = true;
      }
      if (changed) {
        u.text = text;
        u.marker.clear();
        u.edited = true;
        r.changes_made.push_back(lead.empty() ? "Tightened the summary"
                                              : "Opened the summary with " + list_phrase(lead) +
                                                    " (shown in your experience)");
      }
      break;
    }
  }
  r.tailored_resume = render(units);
  const Source tailored = make_source(r.tailored_resume, taxonomy);
  r.match_score = match::ats_report(tailored.parsed, tailored.text, job, taxonomy).score;
  std::size_t named = 0;
  for (const std::string& s : r.missing_skills) {
    if (named++ == 3) break;
    r.priority_improvements.push_back("If you have used " + s + ", add a bullet that shows it");
  }
  for (const std::string& s : before.suggestions) {
    if (s.rfind("Add a figure", 0) == 0 && r.priority_improvements.size() < 6) r.priority_improvements.push_back(s);
  }
  r.diff_html = diff_html(r.original_resume, r.tailored_resume);
  return r;
}

}  // namespace aligncv::rewrite::detail
