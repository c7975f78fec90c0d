#include "resume/lexicon.hpp"

#include "resume/util.hpp"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace aligncv::resume::detail {

namespace {

// Lower-cased words of s with surrounding punctuation removed; text inside brackets is skipped
// when `outside_brackets` is set ("Engineer (Trading Systems)" reads as "Engineer").
std::vector<std::string> norm_words(std::string_view s, bool outside_brackets = false) {
  std::vector<std::string> out;
  int depth = 0;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && (cur.back() == '.' || cur.back() == ',' || cur.back() == ':' ||
                            cur.back() == ';' || cur.back() == '\'' || cur.back() == '-')) {
      cur.pop_back();
    }
    std::size_t b = 0;
    while (b < cur.size() && (cur[b] == '.' || cur[b] == '\'' || cur[b] == '-' || cur[b] == '"'))
      ++b;
    if (b < cur.size()) out.push_back(cur.substr(b));
    cur.clear();
  };
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t at = i;
    char32_t cp = next_cp(s, i);
    if (cp == '(' || cp == '[') {
      flush();
      ++depth;
      continue;
    }
    if (cp == ')' || cp == ']') {
      flush();
      if (depth > 0) --depth;
      continue;
    }
    if (outside_brackets && depth > 0) continue;
    if (is_space_cp(cp) || cp == '/' || cp == ',' || cp == '|' || cp == '&' || cp == 0xB7 ||
        (is_dash_cp(cp) && cp != '-')) {
      flush();
      continue;
    }
    if (cp < 0x80) {
      cur += lower(static_cast<char>(cp));
    } else {
      if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20;
      std::string tmp;
      append_utf8(tmp, cp);
      cur += tmp;
      (void)at;
    }
  }
  flush();
  return out;
}

std::string no_dots(const std::string& w) {
  std::string out;
  for (char c : w) {
    if (c != '.') out += c;
  }
  return out;
}

// Membership in a word list, through a hash set built once per list (the lists are static).
class WordSet {
 public:
  WordSet(std::initializer_list<const char*> words) {
    for (const char* w : words) set_.insert(w);
  }
  bool has(const std::string& w) const { return set_.count(w) != 0; }

 private:
  std::unordered_set<std::string_view> set_;
};

// Nouns that head a job title.
bool title_noun(const std::string& w) {
  static const WordSet kWords{"engineer",
                              "engineers",
                              "developer",
                              "programmer",
                              "manager",
                              "director",
                              "analyst",
                              "consultant",
                              "designer",
                              "architect",
                              "scientist",
                              "specialist",
                              "administrator",
                              "admin",
                              "officer",
                              "coordinator",
                              "assistant",
                              "associate",
                              "president",
                              "founder",
                              "co-founder",
                              "cofounder",
                              "owner",
                              "partner",
                              "technician",
                              "researcher",
                              "teacher",
                              "professor",
                              "lecturer",
                              "instructor",
                              "tutor",
                              "editor",
                              "writer",
                              "accountant",
                              "auditor",
                              "nurse",
                              "representative",
                              "executive",
                              "strategist",
                              "advisor",
                              "adviser",
                              "trainee",
                              "apprentice",
                              "intern",
                              "fellow",
                              "student",
                              "lead",
                              "head",
                              "chief",
                              "cto",
                              "ceo",
                              "cfo",
                              "coo",
                              "cio",
                              "vp",
                              "tester",
                              "devops",
                              "sre",
                              "sysadmin",
                              "support",
                              "recruiter",
                              "marketer",
                              "agent",
                              "clerk",
                              "operator",
                              "supervisor",
                              "secretary",
                              "mentor",
                              "coach",
                              "trader",
                              "broker",
                              "buyer",
                              "planner",
                              "producer",
                              "artist",
                              "photographer",
                              "translator",
                              "interpreter",
                              "lawyer",
                              "attorney",
                              "paralegal",
                              "physician",
                              "doctor",
                              "pharmacist",
                              "therapist",
                              "mechanic",
                              "electrician",
                              "driver",
                              "chef",
                              "cook",
                              "cashier",
                              "banker",
                              "economist",
                              "statistician",
                              "mathematician",
                              "physicist",
                              "chemist",
                              "biologist",
                              "librarian",
                              "journalist",
                              "reporter",
                              "copywriter",
                              "animator",
                              "illustrator",
                              "foreman",
                              "superintendent",
                              "inspector",
                              "surveyor",
                              "estimator",
                              "underwriter",
                              "actuary",
                              "controller",
                              "treasurer",
                              "bookkeeper",
                              "receptionist",
                              "guard",
                              "soldier",
                              "sergeant",
                              "captain",
                              "pilot",
                              "steward",
                              "stewardess",
                              "attendant",
                              "worker",
                              "laborer",
                              "volunteer",
                              "member",
                              "scrum",
                              "master",
                              "owner",
                              "contractor",
                              "freelancer",
                              "freelance",
                              "expert",
                              "generalist",
                              "evangelist",
                              "advocate",
                              "champion",
                              "principal",
                              "staff",
                              "ingenieur",
                              "ingénieur",
                              "entwickler",
                              "développeur",
                              "desarrollador",
                              "gerente",
                              "leiter",
                              "berater",
                              "consultor",
                              "chargé",
                              "responsable"};
  return kWords.has(w);
}

bool title_modifier(const std::string& w) {
  static const WordSet kWords{
      "senior",    "sr",       "junior",    "jr",        "lead",       "principal", "staff",
      "head",      "chief",    "assistant", "associate", "deputy",     "vice",      "executive",
      "graduate",  "trainee",  "intern",    "software",  "full-stack", "fullstack", "front-end",
      "frontend",  "back-end", "backend",   "web",       "mobile",     "data",      "devops",
      "cloud",     "qa",       "technical", "product",   "project",    "program",   "sales",
      "marketing", "research"};
  return kWords.has(w);
}

bool company_suffix(const std::string& w) {
  static const WordSet kWords{"inc",
                              "llc",
                              "llp",
                              "ltd",
                              "limited",
                              "gmbh",
                              "ag",
                              "corp",
                              "corporation",
                              "company",
                              "co",
                              "group",
                              "plc",
                              "pvt",
                              "sa",
                              "sas",
                              "sarl",
                              "srl",
                              "spa",
                              "bv",
                              "nv",
                              "oy",
                              "ab",
                              "as",
                              "asa",
                              "kg",
                              "kk",
                              "pty",
                              "pte",
                              "holdings",
                              "holding",
                              "technologies",
                              "technology",
                              "solutions",
                              "systems",
                              "labs",
                              "lab",
                              "studios",
                              "studio",
                              "agency",
                              "bank",
                              "partners",
                              "consulting",
                              "consultants",
                              "ventures",
                              "industries",
                              "international",
                              "worldwide",
                              "enterprises",
                              "services",
                              "networks",
                              "media",
                              "foods",
                              "pharmaceuticals",
                              "pharma",
                              "airlines",
                              "airways",
                              "airports",
                              "motors",
                              "hospital",
                              "clinic",
                              "foundation",
                              "university",
                              "college",
                              "institute",
                              "school",
                              "associates",
                              "software",
                              "interactive",
                              "digital",
                              "global",
                              "capital",
                              "insurance",
                              "financial",
                              "communications",
                              "telecom",
                              "energy",
                              "logistics",
                              "health",
                              "healthcare",
                              "council",
                              "ministry",
                              "department",
                              "authority",
                              "agency",
                              "association",
                              "society",
                              "organization",
                              "organisation",
                              "trust",
                              "center",
                              "centre",
                              "store",
                              "stores",
                              "restaurant",
                              "hotel",
                              "hotels",
                              "press",
                              "publishing",
                              "records",
                              "entertainment",
                              "games",
                              "gaming",
                              "design",
                              "creative",
                              "analytics",
                              "dynamics",
                              "robotics",
                              "electronics",
                              "semiconductor",
                              "semiconductors",
                              "automotive",
                              "aerospace"};
  return kWords.has(w);
}

bool strong_company_suffix(const std::string& w) {
  static const WordSet kWords{"inc",  "llc",         "llp", "ltd", "limited", "gmbh",
                              "corp", "corporation", "plc", "pvt", "pty",     "pte",
                              "sarl", "srl",         "bv",  "oy",  "kk"};
  return kWords.has(w);
}

bool degree_word(const std::string& raw) {
  std::string w = no_dots(raw);
  static const WordSet kDegrees{"bachelor",
                                "bachelors",
                                "bachelor's",
                                "master",
                                "masters",
                                "master's",
                                "doctor",
                                "doctorate",
                                "phd",
                                "dphil",
                                "mphil",
                                "mba",
                                "emba",
                                "bsc",
                                "msc",
                                "ba",
                                "bs",
                                "ms",
                                "ma",
                                "beng",
                                "meng",
                                "bcom",
                                "mcom",
                                "btech",
                                "mtech",
                                "bba",
                                "bfa",
                                "mfa",
                                "edd",
                                "llb",
                                "llm",
                                "jd",
                                "md",
                                "dds",
                                "diploma",
                                "diplom",
                                "degree",
                                "hnd",
                                "abitur",
                                "licence",
                                "licenciatura",
                                "licenciado",
                                "laurea",
                                "maîtrise",
                                "baccalauréat",
                                "bachelier",
                                "bacharelado",
                                "mestrado",
                                "magister",
                                "staatsexamen",
                                "aas",
                                "aa",
                                "as",
                                "bed",
                                "med",
                                "bpharm",
                                "mpharm",
                                "mbbs",
                                "bds",
                                "dvm",
                                "ged",
                                "a-levels",
                                "gcse",
                                "gcses",
                                "certificate",
                                "postgraduate",
                                "undergraduate",
                                "graduate"};
  if (kDegrees.has(w)) {
    return true;
  }
  // "B.E." / "M.E." only with their dots.
  static const WordSet kDotted{"be", "me", "bs", "ms", "ba", "ma"};
  return raw.find('.') != std::string::npos && kDotted.has(w);
}

bool institution_word(const std::string& w) {
  static const WordSet kWords{"university",   "universität",  "universitat",
                              "universidad",  "université",   "universite",
                              "universidade", "università",   "universiteit",
                              "uniwersytet",  "univerzita",   "college",
                              "school",       "institute",    "institut",
                              "instituto",    "istituto",     "academy",
                              "akademie",     "académie",     "academia",
                              "polytechnic",  "politecnico",  "polytechnique",
                              "politécnica",  "hochschule",   "fachhochschule",
                              "école",        "ecole",        "escuela",
                              "escola",       "conservatory", "conservatoire",
                              "lycée",        "gymnasium",    "seminary",
                              "campus",       "iit",          "mit",
                              "eth",          "epfl",         "ucla",
                              "nyu"};
  return kWords.has(w);
}

struct Country {
  const char* name;
  const char* code;
};

constexpr Country kCountries[] = {{"united states", "US"},
                                  {"united states of america", "US"},
                                  {"usa", "US"},
                                  {"us", "US"},
                                  {"u.s.", "US"},
                                  {"u.s.a.", "US"},
                                  {"america", "US"},
                                  {"united kingdom", "GB"},
                                  {"uk", "GB"},
                                  {"u.k.", "GB"},
                                  {"great britain", "GB"},
                                  {"england", "GB"},
                                  {"scotland", "GB"},
                                  {"wales", "GB"},
                                  {"northern ireland", "GB"},
                                  {"ireland", "IE"},
                                  {"germany", "DE"},
                                  {"deutschland", "DE"},
                                  {"france", "FR"},
                                  {"spain", "ES"},
                                  {"españa", "ES"},
                                  {"italy", "IT"},
                                  {"italia", "IT"},
                                  {"portugal", "PT"},
                                  {"netherlands", "NL"},
                                  {"the netherlands", "NL"},
                                  {"nederland", "NL"},
                                  {"belgium", "BE"},
                                  {"belgique", "BE"},
                                  {"luxembourg", "LU"},
                                  {"switzerland", "CH"},
                                  {"schweiz", "CH"},
                                  {"suisse", "CH"},
                                  {"austria", "AT"},
                                  {"österreich", "AT"},
                                  {"poland", "PL"},
                                  {"polska", "PL"},
                                  {"czech republic", "CZ"},
                                  {"czechia", "CZ"},
                                  {"slovakia", "SK"},
                                  {"hungary", "HU"},
                                  {"romania", "RO"},
                                  {"bulgaria", "BG"},
                                  {"greece", "GR"},
                                  {"sweden", "SE"},
                                  {"sverige", "SE"},
                                  {"norway", "NO"},
                                  {"norge", "NO"},
                                  {"denmark", "DK"},
                                  {"danmark", "DK"},
                                  {"finland", "FI"},
                                  {"suomi", "FI"},
                                  {"iceland", "IS"},
                                  {"estonia", "EE"},
                                  {"latvia", "LV"},
                                  {"lithuania", "LT"},
                                  {"ukraine", "UA"},
                                  {"belarus", "BY"},
                                  {"russia", "RU"},
                                  {"serbia", "RS"},
                                  {"croatia", "HR"},
                                  {"slovenia", "SI"},
                                  {"bosnia and herzegovina", "BA"},
                                  {"albania", "AL"},
                                  {"north macedonia", "MK"},
                                  {"moldova", "MD"},
                                  {"turkey", "TR"},
                                  {"türkiye", "TR"},
                                  {"cyprus", "CY"},
                                  {"malta", "MT"},
                                  {"israel", "IL"},
                                  {"egypt", "EG"},
                                  {"morocco", "MA"},
                                  {"tunisia", "TN"},
                                  {"algeria", "DZ"},
                                  {"nigeria", "NG"},
                                  {"ghana", "GH"},
                                  {"kenya", "KE"},
                                  {"ethiopia", "ET"},
                                  {"south africa", "ZA"},
                                  {"uganda", "UG"},
                                  {"tanzania", "TZ"},
                                  {"saudi arabia", "SA"},
                                  {"united arab emirates", "AE"},
                                  {"uae", "AE"},
                                  {"qatar", "QA"},
                                  {"kuwait", "KW"},
                                  {"jordan", "JO"},
                                  {"lebanon", "LB"},
                                  {"iran", "IR"},
                                  {"iraq", "IQ"},
                                  {"pakistan", "PK"},
                                  {"india", "IN"},
                                  {"bangladesh", "BD"},
                                  {"sri lanka", "LK"},
                                  {"nepal", "NP"},
                                  {"china", "CN"},
                                  {"hong kong", "HK"},
                                  {"taiwan", "TW"},
                                  {"japan", "JP"},
                                  {"south korea", "KR"},
                                  {"korea", "KR"},
                                  {"singapore", "SG"},
                                  {"malaysia", "MY"},
                                  {"indonesia", "ID"},
                                  {"philippines", "PH"},
                                  {"thailand", "TH"},
                                  {"vietnam", "VN"},
                                  {"viet nam", "VN"},
                                  {"australia", "AU"},
                                  {"new zealand", "NZ"},
                                  {"canada", "CA"},
                                  {"mexico", "MX"},
                                  {"méxico", "MX"},
                                  {"brazil", "BR"},
                                  {"brasil", "BR"},
                                  {"argentina", "AR"},
                                  {"chile", "CL"},
                                  {"colombia", "CO"},
                                  {"peru", "PE"},
                                  {"perú", "PE"},
                                  {"venezuela", "VE"},
                                  {"ecuador", "EC"},
                                  {"uruguay", "UY"},
                                  {"paraguay", "PY"},
                                  {"bolivia", "BO"},
                                  {"costa rica", "CR"},
                                  {"panama", "PA"},
                                  {"guatemala", "GT"},
                                  {"cuba", "CU"},
                                  {"dominican republic", "DO"},
                                  {"puerto rico", "PR"},
                                  {"jamaica", "JM"}};

constexpr const char* kRegionCodes[] = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL",  "GA",  "HI",  "ID",  "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN",  "MS",  "MO",  "MT",  "NE", "NV",
    "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",  "PA",  "RI",  "SC",  "SD", "TN",
    "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",  "AB",  "BC",  "MB",  "NB", "NL",
    "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT", "NSW", "VIC", "QLD", "TAS", "ACT"};

constexpr const char* kLanguages[] = {
    "english",       "german",    "french",        "spanish",     "italian",     "portuguese",
    "dutch",         "flemish",   "russian",       "chinese",     "mandarin",    "cantonese",
    "japanese",      "korean",    "arabic",        "hindi",       "bengali",     "bangla",
    "urdu",          "punjabi",   "turkish",       "polish",      "ukrainian",   "czech",
    "slovak",        "hungarian", "romanian",      "bulgarian",   "greek",       "swedish",
    "norwegian",     "danish",    "finnish",       "icelandic",   "hebrew",      "persian",
    "farsi",         "thai",      "vietnamese",    "indonesian",  "malay",       "tagalog",
    "filipino",      "swahili",   "tamil",         "telugu",      "marathi",     "gujarati",
    "kannada",       "malayalam", "serbian",       "croatian",    "bosnian",     "slovenian",
    "lithuanian",    "latvian",   "estonian",      "catalan",     "basque",      "galician",
    "irish",         "welsh",     "afrikaans",     "zulu",        "amharic",     "latin",
    "esperanto",     "deutsch",   "englisch",      "französisch", "spanisch",    "français",
    "anglais",       "allemand",  "espagnol",      "español",     "inglés",      "alemán",
    "português",     "italiano",  "nederlands",    "русский",     "український", "polski",
    "sign language", "asl",       "luxembourgish", "albanian",    "armenian",    "georgian",
    "azerbaijani",   "kazakh",    "uzbek",         "mongolian",   "khmer",       "lao",
    "burmese",       "nepali",    "sinhala",       "somali",      "hausa",       "yoruba",
    "igbo",          "maori"};

}  // namespace

// German and Dutch compounds end in the title noun: "Softwareentwickler", "Projektleiter".
bool compound_title(const std::string& w) {
  if (w.size() < 9) return false;
  for (std::string_view tail :
       {"entwickler", "ingenieur", "berater", "leiter", "architekt", "manager", "engineer",
        "developer", "ontwikkelaar", "beheerder", "analyst"}) {
    if (w.size() > tail.size() + 2 && w.compare(w.size() - tail.size(), tail.size(), tail) == 0)
      return true;
  }
  return false;
}

int title_score(std::string_view s) {
  auto ws = norm_words(s, true);
  if (ws.empty() || ws.size() > 12) return 0;
  int score = 0;
  bool noun = false;
  for (const auto& w : ws) {
    if (title_noun(w) || compound_title(w)) {
      noun = true;
    } else if (title_modifier(w)) {
      score += 1;
    }
  }
  if (noun) score += 3;
  if (title_noun(ws.back())) score += 1;
  // "Head of Engineering", "Director of Sales"
  if (ws.size() >= 3 && title_noun(ws[0]) && ws[1] == "of") score += 1;
  if (company_suffix(ws.back()) && !title_noun(ws.back())) score -= 2;
  return score;
}

int company_score(std::string_view s) {
  auto ws = norm_words(s, true);
  if (ws.empty()) return 0;
  int score = 0;
  for (const auto& w : ws) {
    if (strong_company_suffix(w)) score += 3;
  }
  if (company_suffix(ws.back())) score += 2;
  if (ifind(s, ".com") != std::string_view::npos || ifind(s, ".io") != std::string_view::npos)
    score += 1;
  for (const auto& w : ws) {
    if (title_noun(w) && w != "partner" && w != "associates") score -= 1;
  }
  return score;
}

int degree_score(std::string_view s) {
  auto ws = norm_words(s);
  int score = 0;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (degree_word(ws[i])) score += i == 0 ? 4 : 2;
  }
  if (ifind_word(s, "of science") != std::string_view::npos ||
      ifind_word(s, "of arts") != std::string_view::npos ||
      ifind_word(s, "of engineering") != std::string_view::npos) {
    score += 2;
  }
  for (const auto& w : ws) {
    if (institution_word(w)) score -= 3;
  }
  return score;
}

int institution_score(std::string_view s) {
  auto ws = norm_words(s);
  int score = 0;
  for (const auto& w : ws) {
    if (institution_word(w)) score += 4;
  }
  if (!ws.empty() && degree_word(ws.front())) score -= 3;
  return score;
}

std::optional<std::string> country_code(std::string_view s) {
  std::string n;
  for (const auto& w : norm_words(s)) {
    if (!n.empty()) n += ' ';
    n += w;
  }
  if (n.empty()) return std::nullopt;
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string_view, const char*>();
    for (const auto& c : kCountries) m->emplace(c.name, c.code);
    return m;
  }();
  auto it = index->find(n);
  if (it == index->end()) it = index->find(lower_ascii(trim_view(s)));
  if (it == index->end()) return std::nullopt;
  return std::string(it->second);
}

bool is_region_code(std::string_view s) {
  s = trim_punct(s, ".");
  for (const char* r : kRegionCodes) {
    if (s == r) return true;
  }
  return false;
}

bool looks_like_place(std::string_view s) {
  s = trim_view(s);
  if (s.empty() || s.size() > 60) return false;
  std::string l = lower_ascii(s);
  if (l == "remote" || l == "hybrid" || l == "on-site" || l == "onsite" ||
      l == "remote, worldwide" || istarts_with(l, "remote ") || istarts_with(l, "remote,") ||
      istarts_with(l, "remote (")) {
    return true;
  }
  if (country_code(s)) return true;
  std::size_t comma = s.rfind(',');
  if (comma == std::string_view::npos) return false;
  std::string_view last = trim_view(s.substr(comma + 1));
  std::string_view first = trim_view(s.substr(0, comma));
  if (first.empty() || word_count(first) > 4 || !starts_upper(first)) return false;
  // "Austin, TX 78701": a region code with a postal code after it.
  auto lw = words(last);
  if (!lw.empty() && is_region_code(lw[0]) &&
      (lw.size() == 1 || (lw.size() == 2 && has_digit(lw[1])))) {
    return true;
  }
  return country_code(last).has_value();
}

bool is_natural_language(std::string_view s) {
  auto ws = norm_words(s, true);
  if (ws.empty() || ws.size() > 3) return false;
  std::string joined;
  for (const auto& w : ws) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  for (const char* l : kLanguages) {
    if (joined == l || ws.front() == l) return true;
  }
  return false;
}

}  // namespace aligncv::resume::detail
