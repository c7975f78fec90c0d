// One bullet at a time: what is wrong with it, and the rewrite that fixes what can be fixed
// without knowing more than the bullet says (weak openers, first person, tense, repeated verbs,
// filler). Figures are never added: they are only suggested.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "common/text.hpp"
#include "rewrite/internal.hpp"

namespace aligncv::rewrite::detail {

namespace {

// A word without surrounding punctuation, lower case.
std::string bare(std::string_view w) {
  std::size_t b = 0, e = w.size();
  while (b < e && !std::isalnum(static_cast<unsigned char>(w[b])) && static_cast<unsigned char>(w[b]) < 0x80) ++b;
  while (e > b && !std::isalnum(static_cast<unsigned char>(w[e - 1])) && static_cast<unsigned char>(w[e - 1]) < 0x80) --e;
  return lower(w.substr(b, e - b));
}

enum class Action { Own, WorkedOn, WorkedWith, Helped, Assisted, Contributed };

struct WeakOpener {
  std::vector<std::string> words;
  Action action;
};

// Longest first, so "was responsible for" wins over "responsible for".
const std::vector<WeakOpener>& weak_openers() {
  static const std::vector<WeakOpener> kList = [] {
    std::vector<WeakOpener> v = {
        {{"my", "responsibilities", "included"}, Action::Own},
        {{"my", "duties", "included"}, Action::Own},
        {{"was", "responsible", "for"}, Action::Own},
        {{"were", "responsible", "for"}, Action::Own},
        {{"was", "in", "charge", "of"}, Action::Own},
        {{"was", "tasked", "with"}, Action::Own},
        {{"was", "involved", "in"}, Action::Contributed},
        {{"responsible", "for"}, Action::Own},
        {{"in", "charge", "of"}, Action::Own},
        {{"tasked", "with"}, Action::Own},
        {{"duties", "included"}, Action::Own},
        {{"duties", "include"}, Action::Own},
        {{"responsibilities", "included"}, Action::Own},
        {{"responsibilities", "include"}, Action::Own},
        {{"worked", "on"}, Action::WorkedOn},
        {{"working", "on"}, Action::WorkedOn},
        {{"worked", "with"}, Action::WorkedWith},
        {{"helped", "to"}, Action::Helped},
        {{"helped"}, Action::Helped},
        {{"helping"}, Action::Helped},
        {{"assisted", "with"}, Action::Assisted},
        {{"assisted", "in"}, Action::Assisted},
        {{"assisted"}, Action::Assisted},
        {{"participated", "in"}, Action::Contributed},
        {{"involved", "in"}, Action::Contributed},
    };
    std::stable_sort(v.begin(), v.end(), [](const WeakOpener& a, const WeakOpener& b) {
      return a.words.size() > b.words.size();
    });
    return v;
  }();
  return kList;
}

// Number of words of `words` (from `from`) a weak opener covers, or 0.
std::size_t match_weak(const std::vector<std::string>& words, std::size_t from, Action* action) {
  for (const WeakOpener& w : weak_openers()) {
    if (words.size() - from < w.words.size()) continue;
    bool ok = true;
    for (std::size_t k = 0; k < w.words.size() && ok; ++k) ok = bare(words[from + k]) == w.words[k];
    if (ok) {
      if (action) *action = w.action;
      return w.words.size();
    }
  }
  return 0;
}

bool is_first_person(std::string_view word) {
  // Exact spellings: "US" (the country) and "IT" are not pronouns.
  std::size_t b = 0, e = word.size();
  while (b < e && !std::isalpha(static_cast<unsigned char>(word[b]))) ++b;
  while (e > b && !std::isalpha(static_cast<unsigned char>(word[e - 1]))) --e;
  std::string w(word.substr(b, e - b));
  static const std::set<std::string> kWords = {
      "I", "I'm", "I've", "I'd", "I'll", "me", "Me", "my", "My", "mine", "myself", "Myself",
      "we", "We", "We're", "we're", "We've", "we've", "us", "our", "Our", "ours", "ourselves"};
  return kWords.count(w) > 0;
}

bool is_participle(const std::string& w) {
  static const std::set<std::string> kIrregular = {
      "built", "done", "given", "made", "taken", "written", "led", "run", "sent", "held", "kept",
      "known", "shown", "chosen", "seen", "grown", "paid", "sold", "taught", "brought", "bought",
      "found", "set", "cut", "won", "driven", "begun", "spent", "put", "thrown", "overseen"};
  if (kIrregular.count(w)) return true;
  return w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0 && w != "need" && w != "speed" &&
         w != "seed" && w != "feed" && w != "embed";
}

bool passive(const std::vector<std::string>& words) {
  static const std::set<std::string> kBe = {"is", "are", "was", "were", "be", "been", "being", "got", "get"};
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (!kBe.count(bare(words[i]))) continue;
    std::size_t j = i + 1;
    std::string next = bare(words[j]);
    if (next.size() > 3 && next.compare(next.size() - 2, 2, "ly") == 0 && j + 1 < words.size()) {
      next = bare(words[++j]);
    }
    if (is_participle(next)) return true;
  }
  return false;
}

bool has_outcome(std::string_view text) {
  static const char* const kOutcome[] = {"increas", "reduc", "cut ", "saving", "saved", "grew",
                                         "growth", "faster", "lower", "higher", "revenue", "profit",
                                         "won ", "award", "achiev", "exceed", "result", "led to",
                                         "boost", "doubl", "tripl", "halv", "improv", "decreas"};
  const std::string l = lower(text) + ' ';
  for (const char* o : kOutcome) {
    if (l.find(o) != std::string::npos) return true;
  }
  return false;
}

// Capitalised past form (or base, for present-tense jobs) of a verb phrase such as
// "Contributed to".
std::string in_tense(const std::string& phrase, Tense tense) {
  if (tense != Tense::Present) return phrase;
  std::size_t sp = phrase.find(' ');
  std::string head = phrase.substr(0, sp);
  const Verb* v = find_verb(head);
  if (!v) return phrase;
  return capitalize_first(v->base) + (sp == std::string::npos ? "" : phrase.substr(sp));
}

// "managing" -> the verb "manage", if known.
const Verb* verb_of_gerund(const std::string& word) {
  if (word.size() < 5 || word.compare(word.size() - 3, 3, "ing") != 0) return nullptr;
  std::string stem = word.substr(0, word.size() - 3);
  for (const std::string& c : {stem, stem + "e", stem.substr(0, stem.size() - 1)}) {
    Tense t = Tense::Unknown;
    const Verb* v = find_verb(c, &t);
    if (v && c == v->base) return v;
  }
  return nullptr;
}

// Removes filler words and phrases; true when anything was removed.
bool drop_filler(std::vector<std::string>& words) {
  static const std::set<std::string> kDrop = {"successfully", "effectively", "various", "very",
                                              "really", "basically", "actually", "efficiently"};
  bool changed = false;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string b = bare(words[i]);
    const bool plain = b == lower(words[i]);  // no punctuation to lose
    if (plain && kDrop.count(b) && i > 0) {
      changed = true;
      continue;
    }
    if (b == "in" && plain && i + 2 < words.size() && bare(words[i + 1]) == "order" &&
        lower(words[i + 1]) == "order" && bare(words[i + 2]) == "to") {
      changed = true;
      ++i;  // "in order to" -> "to"
      continue;
    }
    if (b == "utilized" || b == "utilize" || b == "utilizing" || b == "utilised" || b == "utilise") {
      std::string rep = b.back() == 'e' ? "use" : b.compare(b.size() - 3, 3, "ing") == 0 ? "using" : "used";
      std::size_t pos = lower(words[i]).find(b);
      std::string w = words[i];
      w.replace(pos, b.size(), std::isupper(static_cast<unsigned char>(words[i][pos])) ? capitalize_first(rep) : rep);
      out.push_back(w);
      changed = true;
      continue;
    }
    out.push_back(words[i]);
  }
  words = std::move(out);
  return changed;
}

}  // namespace

std::string opening_word(std::string_view text) {
  auto words = words_of(text);
  return words.empty() ? std::string() : bare(words[0]);
}

Tense opening_tense(std::string_view text) {
  Tense t = Tense::Unknown;
  if (!find_verb(opening_word(text), &t)) return Tense::Unknown;
  // "Reports were generated": the first word is a noun when a verb follows it.
  const auto words = words_of(text);
  static const std::set<std::string> kAux = {"was", "were", "is", "are", "has", "have", "had", "will", "can"};
  if (words.size() > 1 && kAux.count(bare(words[1]))) return Tense::Unknown;
  return t;
}

std::vector<Issue> bullet_issues(std::string_view text, Tense job_tense, bool repeated_verb) {
  std::vector<Issue> issues;
  const auto words = words_of(text);
  std::size_t from = 0;
  while (from < words.size() && (words[from] == "I" || bare(words[from]) == "we")) ++from;
  if (match_weak(words, from, nullptr) > 0) issues.push_back(Issue::WeakOpener);
  if (std::any_of(words.begin(), words.end(), [](const std::string& w) { return is_first_person(w); })) {
    issues.push_back(Issue::FirstPerson);
  }
  if (passive(words)) issues.push_back(Issue::PassiveVoice);
  if (!has_digit(text)) issues.push_back(Issue::NoFigure);
  if (static_cast<int>(words.size()) > kMaxBulletWords) issues.push_back(Issue::TooLong);
  const Tense t = opening_tense(text);
  if (t != Tense::Unknown && job_tense != Tense::Unknown && t != job_tense) {
    issues.push_back(Issue::TenseInconsistent);
  }
  if (repeated_verb) issues.push_back(Issue::RepeatedVerb);
  return issues;
}

BulletFix fix_bullet(std::string_view text, Style style, Tense job_tense,
                     std::vector<std::string>& used) {
  BulletFix fix;
  std::vector<std::string> words = words_of(text);
  if (words.empty()) return fix;
  const Tense out_tense = job_tense == Tense::Present ? Tense::Present : Tense::Past;

  // First person at the start: "I led" -> "Led".
  std::size_t from = 0;
  while (from < words.size() && (words[from] == "I" || words[from] == "We" || words[from] == "we")) ++from;
  if (from > 0 && from < words.size()) {
    words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(from));
    fix.first_person = true;
  }

  // Weak opener -> an action verb of the style.
  Action action{};
  if (std::size_t n = match_weak(words, 0, &action); n > 0 && n < words.size()) {
    std::vector<std::string> rest(words.begin() + static_cast<std::ptrdiff_t>(n), words.end());
    std::string head;
    const Verb* gerund = verb_of_gerund(bare(rest[0]));
    const bool gerund_plain = gerund && bare(rest[0]) == lower(rest[0]);
    switch (action) {
      case Action::Own:
      case Action::WorkedOn:
        if (gerund_plain) {
          head = capitalize_first(gerund->past);
          rest.erase(rest.begin());
        } else {
          head = style_verbs(style, action == Action::Own ? Category::Own : Category::Build)[0];
        }
        break;
      case Action::WorkedWith:
        head = "Collaborated with";
        break;
      case Action::Helped: {
        Tense t = Tense::Unknown;
        const Verb* v = find_verb(bare(rest[0]), &t);
        if (v && bare(rest[0]) == v->base && bare(rest[0]) == lower(rest[0])) {
          head = "Contributed to " + gerund_of(v->base);
          rest.erase(rest.begin());
        } else if (bare(rest[0]) == "with") {
          head = "Supported";
          rest.erase(rest.begin());
        } else {
          head = "Supported";
          if (rest.size() > 1) {
            const Verb* v2 = find_verb(bare(rest[1]), &t);
            if (v2 && bare(rest[1]) == v2->base && bare(rest[1]) == lower(rest[1])) {
              rest[1] = "in " + gerund_of(v2->base);  // "helped customers resolve" -> "supported customers in resolving"
            }
          }
        }
        break;
      }
      case Action::Assisted:
        head = gerund ? "Contributed to" : "Supported";
        break;
      case Action::Contributed:
        head = "Contributed to";
        break;
    }
    if (!rest.empty()) {
      words.clear();
      words.push_back(in_tense(head, out_tense));
      words.insert(words.end(), rest.begin(), rest.end());
      // The phrase may be two words; keep one token per word for the steps below.
      words = words_of(join(words));
      fix.weak_opener = true;
    }
  }

  // Opening verb: another one of the same meaning when the job used it already; the job's tense.
  Tense tense = Tense::Unknown;
  const Verb* verb = find_verb(bare(words[0]), &tense);
  const bool plain_head = !words.empty() && bare(words[0]) == lower(words[0]);
  if (verb && plain_head) {
    std::string base = verb->base;
    if (!fix.weak_opener && verb->category != Category::None &&
        std::find(used.begin(), used.end(), base) != used.end()) {
      for (const std::string& candidate : style_verbs(style, verb->category)) {
        const Verb* cv = find_verb(candidate.substr(0, candidate.find(' ')));
        if (!cv || std::find(used.begin(), used.end(), cv->base) != used.end()) continue;
        std::vector<std::string> phrase = words_of(in_tense(candidate, out_tense));
        words.erase(words.begin());
        words.insert(words.begin(), phrase.begin(), phrase.end());
        base = cv->base;
        fix.repeated = true;
        break;
      }
    } else if (opening_tense(join(words)) != Tense::Unknown && job_tense != Tense::Unknown &&
               tense != job_tense) {
      words[0] = capitalize_first(job_tense == Tense::Present ? verb->base : verb->past);
      fix.tense = true;
    }
    used.push_back(base);
  } else if (verb) {
    used.push_back(verb->base);
  }

  // First person inside the bullet: "my team" -> "the team".
  for (std::string& w : words) {
    const std::string b = bare(w);
    if ((b == "my" || b == "our") && (w == "my" || w == "our" || w == "My" || w == "Our")) {
      w = std::isupper(static_cast<unsigned char>(w[0])) ? "The" : "the";
      fix.first_person = true;
    }
  }
  fix.filler = drop_filler(words);
  fix.text = capitalize_first(join(words));
  if (fix.text == text) fix = BulletFix{fix.text};
  return fix;
}

std::vector<Tense> job_tenses(const Source& source, const std::vector<Unit>& units) {
  const std::size_t jobs = source.parsed.profile.work.size();
  std::vector<int> past(jobs + 1, 0), present(jobs + 1, 0);
  for (const Unit& u : units) {
    if (!u.bullet) continue;
    const std::size_t k = static_cast<std::size_t>(u.job + 1);
    if (k > jobs) continue;
    const Tense t = opening_tense(u.text);
    if (t == Tense::Past) ++past[k];
    if (t == Tense::Present) ++present[k];
  }
  std::vector<Tense> out(jobs + 1, Tense::Unknown);
  for (std::size_t k = 0; k <= jobs; ++k) {
    if (past[k] + present[k] == 0) continue;
    out[k] = present[k] > past[k] ? Tense::Present : Tense::Past;
  }
  return out;
}

std::string tighten_summary(std::string_view text, bool& changed) {
  changed = false;
  std::vector<std::string> words = words_of(text);
  static const std::set<std::string> kCliche = {
      "results-driven", "results-oriented", "hard-working", "hardworking", "detail-oriented",
      "self-motivated", "highly-motivated", "passionate", "dynamic", "go-getter", "motivated"};
  std::vector<std::string> out;
  bool sentence_start = true;
  bool capitalize_next = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    const std::string b = bare(w);
    const bool plain = b == lower(w);
    const bool ends_sentence = !w.empty() && (w.back() == '.' || w.back() == '!' || w.back() == '?');
    if (sentence_start && (w == "I" || w == "I'm")) {
      // "I am a passionate engineer" -> "Engineer"; "I have led" -> "Led"; "I care" -> "Cares".
      std::size_t j = i + 1;
      if (w == "I" && j < words.size() && (words[j] == "am" || words[j] == "have")) ++j;
      if (j < words.size() && (words[j] == "a" || words[j] == "an") && (w == "I'm" || words[i + 1] == "am")) ++j;
      if (j == i + 1 && w == "I" && j < words.size()) {
        Tense t = Tense::Unknown;
        const Verb* v = find_verb(words[j], &t);
        if (v && words[j] == v->base) {
          words[j] = third_person_of(v->base);
        } else if (!(v && t == Tense::Past)) {
          out.push_back(w);
          sentence_start = false;
          continue;
        }
      }
      i = j - 1;
      changed = true;
      capitalize_next = true;
      sentence_start = false;
      continue;
    }
    if (plain && kCliche.count(b)) {
      changed = true;
      continue;
    }
    if (plain && b == "highly" && i + 1 < words.size() && bare(words[i + 1]) == "motivated") {
      changed = true;
      ++i;
      continue;
    }
    if (plain && b == "and" && !out.empty() && (out.back() == "a" || out.back() == "an")) {
      changed = true;
      continue;
    }
    if (!out.empty() && (out.back() == "a" || out.back() == "an")) {
      const bool vowel = std::string("aeiouAEIOU").find(w[0]) != std::string::npos;
      out.back() = vowel ? "an" : "a";
    }
    if (capitalize_next) {
      w = capitalize_first(w);
      capitalize_next = false;
    }
    out.push_back(w);
    sentence_start = ends_sentence;
  }
  if (!changed) return std::string(text);
  return join(out);
}

int impact_of(const std::vector<Unit>& units, Style style) {
  double n = 0, strong = 0, figure = 0, clean = 0, length = 0, vocab = 0;
  const auto& vocabulary = style_vocabulary(style);
  for (const Unit& u : units) {
    if (!u.bullet) continue;
    ++n;
    const auto words = words_of(u.text);
    if (!words.empty() && is_strong_verb(bare(words[0]))) ++strong;
    if (has_digit(u.text) || has_outcome(u.text)) ++figure;
    std::size_t from = 0;
    while (from < words.size() && (words[from] == "I" || bare(words[from]) == "we")) ++from;
    const bool weak = match_weak(words, from, nullptr) > 0;
    const bool first = std::any_of(words.begin(), words.end(), [](const std::string& w) { return is_first_person(w); });
    if (!weak && !first && !passive(words)) ++clean;
    if (words.size() >= 5 && static_cast<int>(words.size()) <= kMaxBulletWords) ++length;
    for (const std::string& w : words) {
      if (std::find(vocabulary.begin(), vocabulary.end(), bare(w)) != vocabulary.end()) {
        ++vocab;
        break;
      }
    }
  }
  if (n == 0) return 0;
  const double score = 30 * strong / n + 25 * figure / n + 25 * clean / n + 10 * length / n + 10 * vocab / n;
  return static_cast<int>(std::lround(std::min(100.0, std::max(0.0, score))));
}

}  // namespace aligncv::rewrite::detail

namespace aligncv::rewrite {

std::vector<BulletAnalysis> analyze_bullets(const Source& source) {
  using namespace detail;
  const std::vector<Unit> units = layout(source);
  const std::vector<Tense> tenses = job_tenses(source, units);
  std::vector<std::vector<std::string>> used(tenses.size());
  std::vector<BulletAnalysis> out;
  for (const Unit& u : units) {
    if (!u.bullet) continue;
    const std::size_t k = std::min(static_cast<std::size_t>(u.job + 1), tenses.size() - 1);
    const Verb* v = find_verb(opening_word(u.text));
    bool repeated = false;
    if (v && v->category != Category::None) {
      repeated = std::find(used[k].begin(), used[k].end(), v->base) != used[k].end();
      used[k].push_back(v->base);
    }
    out.push_back({u.line, u.text, bullet_issues(u.text, tenses[k], repeated)});
  }
  return out;
}

int impact_score(const Source& source, Style style) {
  return detail::impact_of(detail::layout(source), style);
}

}  // namespace aligncv::rewrite
