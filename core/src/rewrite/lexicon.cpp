// The word lists of the local engine: action verbs with their forms and meaning, the verbs each
// style prefers, and the style vocabularies the impact score looks for.
#include <array>
#include <cctype>
#include <unordered_map>

#include "rewrite/internal.hpp"

namespace aligncv::rewrite::detail {

namespace {

struct VerbRow {
  const char* base;
  const char* past;  // nullptr = regular
  Category category;
};

// Strong opening verbs; a verb listed by a style below must be here so its tense can be changed.
constexpr VerbRow kVerbs[] = {
    {"build", "built", Category::Build},        {"develop", nullptr, Category::Build},
    {"engineer", nullptr, Category::Build},     {"implement", nullptr, Category::Build},
    {"design", nullptr, Category::Build},       {"automate", nullptr, Category::Build},
    {"create", nullptr, Category::Build},       {"produce", nullptr, Category::Build},
    {"craft", nullptr, Category::Build},        {"launch", nullptr, Category::Build},
    {"deliver", nullptr, Category::Build},      {"establish", nullptr, Category::Build},
    {"organize", nullptr, Category::Build},     {"formulate", nullptr, Category::Build},
    {"construct", nullptr, Category::Build},    {"author", nullptr, Category::Build},
    {"found", nullptr, Category::Build},        {"institute", nullptr, Category::Build},
    {"open", nullptr, Category::Build},         {"architect", nullptr, Category::Build},
    {"ship", nullptr, Category::Build},         {"deploy", nullptr, Category::Build},
    {"integrate", nullptr, Category::Build},    {"migrate", nullptr, Category::Build},
    {"introduce", nullptr, Category::Build},    {"set", "set", Category::Build},
    {"write", "wrote", Category::Communicate},  {"own", nullptr, Category::Own},
    {"maintain", nullptr, Category::Own},       {"operate", nullptr, Category::Own},
    {"run", "ran", Category::Own},              {"manage", nullptr, Category::Own},
    {"oversee", "oversaw", Category::Own},      {"direct", nullptr, Category::Own},
    {"coordinate", nullptr, Category::Own},     {"curate", nullptr, Category::Own},
    {"shape", nullptr, Category::Own},          {"drive", "drove", Category::Own},
    {"conduct", nullptr, Category::Own},        {"administer", nullptr, Category::Own},
    {"head", nullptr, Category::Own},           {"govern", nullptr, Category::Own},
    {"handle", nullptr, Category::Own},         {"plan", nullptr, Category::Own},
    {"optimize", nullptr, Category::Improve},   {"improve", nullptr, Category::Improve},
    {"streamline", nullptr, Category::Improve}, {"refactor", nullptr, Category::Improve},
    {"transform", nullptr, Category::Improve},  {"strengthen", nullptr, Category::Improve},
    {"refine", nullptr, Category::Improve},     {"revitalize", nullptr, Category::Improve},
    {"reimagine", nullptr, Category::Improve},  {"increase", nullptr, Category::Improve},
    {"grow", "grew", Category::Improve},        {"expand", nullptr, Category::Improve},
    {"boost", nullptr, Category::Improve},      {"advance", nullptr, Category::Improve},
    {"extend", nullptr, Category::Improve},     {"accelerate", nullptr, Category::Improve},
    {"scale", nullptr, Category::Improve},      {"reduce", nullptr, Category::Improve},
    {"cut", "cut", Category::Improve},          {"lower", nullptr, Category::Improve},
    {"save", nullptr, Category::Improve},       {"modernize", nullptr, Category::Improve},
    {"redesign", nullptr, Category::Improve},   {"rebuild", "rebuilt", Category::Improve},
    {"standardize", nullptr, Category::Improve}, {"lead", "led", Category::Lead},
    {"spearhead", nullptr, Category::Lead},     {"mentor", nullptr, Category::Lead},
    {"coach", nullptr, Category::Lead},         {"guide", nullptr, Category::Lead},
    {"champion", nullptr, Category::Lead},      {"supervise", nullptr, Category::Lead},
    {"steer", nullptr, Category::Lead},         {"train", nullptr, Category::Lead},
    {"teach", "taught", Category::Lead},        {"hire", nullptr, Category::Lead},
    {"recruit", nullptr, Category::Lead},       {"support", nullptr, Category::Support},
    {"contribute", nullptr, Category::Support}, {"collaborate", nullptr, Category::Support},
    {"partner", nullptr, Category::Support},    {"resolve", nullptr, Category::Support},
    {"analyze", nullptr, Category::Analyze},    {"diagnose", nullptr, Category::Analyze},
    {"evaluate", nullptr, Category::Analyze},   {"measure", nullptr, Category::Analyze},
    {"assess", nullptr, Category::Analyze},     {"review", nullptr, Category::Analyze},
    {"explore", nullptr, Category::Analyze},    {"research", nullptr, Category::Analyze},
    {"identify", "identified", Category::Analyze}, {"qualify", "qualified", Category::Analyze},
    {"investigate", nullptr, Category::Analyze}, {"examine", nullptr, Category::Analyze},
    {"test", nullptr, Category::Analyze},       {"document", nullptr, Category::Communicate},
    {"present", nullptr, Category::Communicate}, {"explain", nullptr, Category::Communicate},
    {"communicate", nullptr, Category::Communicate}, {"report", nullptr, Category::Communicate},
    {"align", nullptr, Category::Communicate},  {"pitch", nullptr, Category::Communicate},
    {"negotiate", nullptr, Category::Communicate}, {"publish", nullptr, Category::Communicate},
    {"represent", nullptr, Category::Communicate}, {"win", "won", Category::None},
    {"close", nullptr, Category::None},         {"secure", nullptr, Category::None},
    {"generate", nullptr, Category::None},      {"achieve", nullptr, Category::None},
    {"exceed", nullptr, Category::None},        {"sell", "sold", Category::None},
    {"earn", nullptr, Category::None},          {"award", nullptr, Category::None},
    {"use", nullptr, Category::None},           {"do", "did", Category::None},
    {"make", "made", Category::None},           {"work", nullptr, Category::None},
    {"help", nullptr, Category::None},          {"assist", nullptr, Category::None},
    {"participate", nullptr, Category::None},   {"prepare", nullptr, Category::None},
    {"provide", nullptr, Category::None},       {"complete", nullptr, Category::None},
    {"perform", nullptr, Category::None},       {"apply", "applied", Category::None},
    {"take", "took", Category::None},           {"give", "gave", Category::None},
    {"bring", "brought", Category::None},       {"keep", "kept", Category::None},
    {"send", "sent", Category::None},           {"find", "found", Category::None},
    {"hold", "held", Category::None},           {"begin", "began", Category::None},
    {"spend", "spent", Category::None},         {"care", nullptr, Category::None},
    {"enjoy", nullptr, Category::None},         {"love", nullptr, Category::None},
    {"have", "had", Category::None},            {"move", nullptr, Category::None},
    {"roll", nullptr, Category::None},          {"serve", nullptr, Category::None},
};

// Verbs that say little about the work: they still have forms, but are not "strong".
bool is_weak_base(std::string_view base) {
  static const char* const kWeak[] = {"use", "do", "make", "work", "help", "assist", "participate",
                                      "have", "take", "give", "care", "enjoy", "love", "handle",
                                      "provide", "perform", "hold", "keep", "begin", "spend", "move",
                                      "bring", "send", "find", "roll", "serve"};
  for (const char* w : kWeak) {
    if (base == w) return true;
  }
  return false;
}

struct Forms {
  std::unordered_map<std::string, std::pair<const Verb*, Tense>> by_word;
  std::vector<Verb> verbs;
  Forms() {
    verbs.reserve(std::size(kVerbs));
    for (const VerbRow& row : kVerbs) {
      verbs.push_back({row.base, row.past ? row.past : past_of(row.base), row.category});
    }
    for (const Verb& v : verbs) {
      by_word.emplace(v.base, std::make_pair(&v, Tense::Present));
      by_word.emplace(third_person_of(v.base), std::make_pair(&v, Tense::Present));
      by_word.emplace(v.past, std::make_pair(&v, Tense::Past));  // "set"/"cut": past wins below
      by_word[v.past] = {&v, v.past == v.base ? Tense::Unknown : Tense::Past};
    }
  }
};

const Forms& forms() {
  static const Forms kForms;
  return kForms;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// One-syllable consonant-vowel-consonant words, and a few stressed-last ones, double the consonant.
bool doubles_final(std::string_view base) {
  static const char* const kDouble[] = {"plan", "ship", "run", "set", "cut", "get", "map", "scan",
                                        "log", "drop", "stop", "begin", "commit", "control", "refer",
                                        "transfer", "win", "chat", "tag", "shop", "step", "pin",
                                        "slim", "trim", "admit", "submit", "equip", "occur"};
  for (const char* w : kDouble) {
    if (base == w) return true;
  }
  return false;
}

}  // namespace

std::string past_of(std::string_view base) {
  std::string b(base);
  for (const VerbRow& row : kVerbs) {
    if (row.past && b == row.base) return row.past;
  }
  if (b.empty()) return b;
  if (b.back() == 'e') return b + "d";
  if (b.size() > 1 && b.back() == 'y' && !is_vowel(b[b.size() - 2])) {
    return b.substr(0, b.size() - 1) + "ied";
  }
  if (doubles_final(b)) return b + b.back() + "ed";
  return b + "ed";
}

std::string gerund_of(std::string_view base) {
  std::string b(base);
  if (b.size() > 2 && b.compare(b.size() - 2, 2, "ie") == 0) return b.substr(0, b.size() - 2) + "ying";
  if (b.size() > 2 && b.back() == 'e' && b[b.size() - 2] != 'e' && b[b.size() - 2] != 'y' &&
      b[b.size() - 2] != 'o') {
    return b.substr(0, b.size() - 1) + "ing";
  }
  if (doubles_final(b)) return b + b.back() + "ing";
  return b + "ing";
}

std::string third_person_of(std::string_view base) {
  std::string b(base);
  if (b == "have") return "has";
  if (b == "do" || b == "go") return b + "es";
  if (b.empty()) return b;
  auto ends = [&](const char* suffix) {
    std::string_view s(suffix);
    return b.size() >= s.size() && b.compare(b.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("s") || ends("sh") || ends("ch") || ends("x") || ends("z")) return b + "es";
  if (b.size() > 1 && b.back() == 'y' && !is_vowel(b[b.size() - 2])) {
    return b.substr(0, b.size() - 1) + "ies";
  }
  return b + "s";
}

const Verb* find_verb(std::string_view word, Tense* tense) {
  const auto& f = forms();
  auto it = f.by_word.find(lower(word));
  if (it == f.by_word.end()) return nullptr;
  if (tense) *tense = it->second.second;
  return it->second.first;
}

bool is_strong_verb(std::string_view word) {
  const Verb* v = find_verb(word);
  return v && !is_weak_base(v->base);
}

const std::vector<std::string>& style_verbs(Style style, Category category) {
  using L = std::vector<std::string>;
  // [style][category]; Category::None has no list.
  static const std::array<std::array<L, 8>, 6> kTable = {{
      // Technical
      {{{}, {"Built", "Developed", "Engineered", "Implemented", "Designed", "Automated"},
        {"Owned", "Maintained", "Operated", "Ran"},
        {"Optimized", "Improved", "Streamlined", "Refactored"},
        {"Led", "Drove", "Spearheaded", "Coordinated"},
        {"Supported", "Contributed to", "Collaborated on", "Partnered on"},
        {"Analyzed", "Diagnosed", "Evaluated", "Measured"},
        {"Documented", "Presented", "Explained", "Wrote"}}},
      // Management
      {{{}, {"Delivered", "Established", "Launched", "Implemented", "Organized"},
        {"Managed", "Oversaw", "Directed", "Coordinated"},
        {"Improved", "Streamlined", "Transformed", "Strengthened"},
        {"Led", "Directed", "Mentored", "Coached"},
        {"Supported", "Contributed to", "Collaborated on", "Partnered on"},
        {"Assessed", "Evaluated", "Reviewed", "Analyzed"},
        {"Communicated", "Presented", "Reported", "Aligned"}}},
      // Creative
      {{{}, {"Created", "Designed", "Produced", "Crafted", "Developed"},
        {"Led", "Directed", "Curated", "Shaped"},
        {"Refined", "Revitalized", "Reimagined", "Improved"},
        {"Led", "Directed", "Guided", "Championed"},
        {"Supported", "Contributed to", "Collaborated on", "Partnered on"},
        {"Explored", "Researched", "Evaluated", "Analyzed"},
        {"Presented", "Pitched", "Wrote", "Communicated"}}},
      // Sales
      {{{}, {"Launched", "Delivered", "Built", "Developed", "Opened"},
        {"Managed", "Owned", "Drove", "Ran"},
        {"Increased", "Grew", "Expanded", "Boosted"},
        {"Led", "Drove", "Spearheaded", "Championed"},
        {"Supported", "Contributed to", "Collaborated on", "Partnered on"},
        {"Identified", "Analyzed", "Qualified", "Assessed"},
        {"Pitched", "Presented", "Negotiated", "Communicated"}}},
      // Academic
      {{{}, {"Developed", "Designed", "Formulated", "Constructed", "Authored"},
        {"Conducted", "Led", "Coordinated", "Administered"},
        {"Refined", "Advanced", "Improved", "Extended"},
        {"Led", "Supervised", "Mentored", "Guided"},
        {"Supported", "Contributed to", "Collaborated on", "Partnered on"},
        {"Investigated", "Analyzed", "Examined", "Researched"},
        {"Published", "Presented", "Authored", "Wrote"}}},
      // Executive
      {{{}, {"Established", "Launched", "Built", "Founded", "Instituted"},
        {"Directed", "Oversaw", "Headed", "Governed"},
        {"Transformed", "Accelerated", "Strengthened", "Scaled"},
        {"Led", "Spearheaded", "Championed", "Steered"},
        {"Supported", "Contributed to", "Collaborated on", "Partnered on"},
        {"Assessed", "Evaluated", "Reviewed", "Analyzed"},
        {"Presented", "Communicated", "Represented", "Reported"}}},
  }};
  return kTable[static_cast<std::size_t>(style)][static_cast<std::size_t>(category)];
}

const std::vector<std::string>& style_vocabulary(Style style) {
  using L = std::vector<std::string>;
  static const std::array<L, 6> kTable = {{
      {"built", "developed", "engineered", "implemented", "designed", "automated", "optimized",
       "architected", "deployed", "migrated", "latency", "throughput", "api", "services",
       "pipeline", "system", "systems", "scalable", "reliability", "performance", "infrastructure"},
      {"managed", "led", "directed", "oversaw", "coordinated", "mentored", "team", "teams",
       "stakeholders", "budget", "roadmap", "delivery", "hired", "process", "strategy", "planning"},
      {"created", "designed", "produced", "crafted", "curated", "brand", "campaign", "content",
       "visual", "story", "audience", "design", "concept", "creative", "engagement"},
      {"increased", "grew", "closed", "negotiated", "pitched", "revenue", "quota", "pipeline",
       "clients", "customers", "accounts", "deals", "sales", "growth", "retention"},
      {"investigated", "analyzed", "published", "authored", "research", "study", "studies",
       "paper", "papers", "thesis", "students", "taught", "grant", "findings", "conference"},
      {"directed", "established", "transformed", "spearheaded", "strategy", "strategic", "growth",
       "revenue", "organization", "board", "vision", "p&l", "budget", "portfolio", "scaled"},
  }};
  return kTable[static_cast<std::size_t>(style)];
}

const char* figure_hint(Style style) {
  switch (style) {
    case Style::Technical: return "[X%] lower latency or [N] users served";
    case Style::Management: return "a team of [N] or [X%] faster delivery";
    case Style::Creative: return "[N] pieces shipped or [X%] more engagement";
    case Style::Sales: return "[$X] in revenue or [X%] above quota";
    case Style::Academic: return "[N] publications or [N] students";
    case Style::Executive: return "a [$X] budget or [X%] growth";
  }
  return "[X%]";
}

}  // namespace aligncv::rewrite::detail
