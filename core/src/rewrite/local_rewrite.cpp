// The local rewrite of a whole résumé in a style: every bullet through fix_bullet, the summary
// tightened, figures suggested (never written), and an improvements list that counts only what
// changed.
#include <algorithm>

#include "common/text.hpp"
#include "rewrite/internal.hpp"

namespace aligncv::rewrite::detail {

namespace {

std::string count_phrase(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

RewriteResult rewrite_local(const Source& source, Style style, const taxonomy::Taxonomy& taxonomy) {
  RewriteResult r;
  r.style = style;
  r.original_text = source.text;
  std::vector<Unit> units = layout(source);
  r.impact_score_before = impact_of(units, style);
  const std::vector<Tense> tenses = job_tenses(source, units);
  std::vector<std::vector<std::string>> used(tenses.size());

  std::size_t weak = 0, first = 0, tense = 0, repeated = 0, filler = 0, figures = 0, passive = 0;
  bool summary = false;
  std::vector<std::string> figure_suggestions, passive_suggestions;
  for (Unit& u : units) {
    if (u.bullet) {
      const std::size_t k = std::min(static_cast<std::size_t>(u.job + 1), tenses.size() - 1);
      BulletFix fix = fix_bullet(u.text, style, tenses[k], used[k]);
      if (fix.changed()) {
        u.text = fix.text;
        u.edited = true;
        weak += fix.weak_opener;
        first += fix.first_person;
        tense += fix.tense;
        repeated += fix.repeated;
        filler += fix.filler;
      }
      const auto issues = bullet_issues(u.text, Tense::Unknown, false);
      auto has = [&](Issue i) { return std::find(issues.begin(), issues.end(), i) != issues.end(); };
      if (has(Issue::NoFigure)) {
        ++figures;
        if (figure_suggestions.size() < 5) {
          figure_suggestions.push_back("Add a figure to '" + utf8_prefix(u.text, 80) + "', e.g. " +
                                       figure_hint(style));
        }
      }
      if (has(Issue::PassiveVoice)) {
        ++passive;
        if (passive_suggestions.size() < 3) {
          passive_suggestions.push_back("Say who did it (active voice): '" + utf8_prefix(u.text, 80) + "'");
        }
      }
      if (has(Issue::TooLong) && passive_suggestions.size() < 3) {
        passive_suggestions.push_back("Split or shorten '" + utf8_prefix(u.text, 60) + "...' (over " +
                                      std::to_string(kMaxBulletWords) + " words)");
      }
    } else if (u.section == "summary" && u.line_count == 1 && word_count(u.raw) >= 6) {
      bool changed = false;
      std::string lead;
      for (char c : u.raw) {
        if (c != ' ' && c != '\t') break;
        lead += c;
      }
      std::string tightened = tighten_summary(trim(u.raw), changed);
      if (changed) {
        u.marker = lead;
        u.text = tightened;
        u.edited = true;
        summary = true;
      }
    }
  }

  r.rewritten_text = render(units);
  if (weak) r.improvements.push_back("Replaced " + count_phrase(weak, "weak opener", "weak openers") + " with action verbs");
  if (first) r.improvements.push_back("Removed first person from " + count_phrase(first, "bullet", "bullets"));
  if (repeated) r.improvements.push_back("Varied " + count_phrase(repeated, "repeated opening verb", "repeated opening verbs"));
  if (tense) r.improvements.push_back("Made the tense consistent in " + count_phrase(tense, "bullet", "bullets"));
  if (filler) r.improvements.push_back("Removed filler words from " + count_phrase(filler, "bullet", "bullets"));
  if (summary) r.improvements.push_back("Tightened the summary (first person and clichés removed)");
  if (figures) {
    r.improvements.push_back("Suggested figures for " + count_phrase(figures, "bullet", "bullets") +
                             " (see suggestions)");
  }
  r.suggestions = std::move(figure_suggestions);
  r.suggestions.insert(r.suggestions.end(), passive_suggestions.begin(), passive_suggestions.end());

  const Source rewritten = make_source(r.rewritten_text, taxonomy);
  r.impact_score = impact_of(layout(rewritten), style);
  r.diff_html = diff_html(r.original_text, r.rewritten_text);
  return r;
}

}  // namespace aligncv::rewrite::detail
