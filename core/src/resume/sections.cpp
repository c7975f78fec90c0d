#include "common/text.hpp"
#include "resume/sections.hpp"

#include "resume/dates.hpp"
#include "resume/lexicon.hpp"
#include "resume/scan.hpp"
#include "resume/util.hpp"

#include <unordered_map>

namespace aligncv::resume::detail {

namespace {

using Kind = SectionKind;

struct HeadingWord {
  const char* text;
  Kind kind;
};

// Normalised heading texts (lower case, '&' and '/' read as "and", punctuation dropped).
constexpr HeadingWord kHeadings[] = {
    // experience
    {"experience", Kind::Experience},
    {"experiences", Kind::Experience},
    {"work experience", Kind::Experience},
    {"work experiences", Kind::Experience},
    {"working experience", Kind::Experience},
    {"professional experience", Kind::Experience},
    {"relevant experience", Kind::Experience},
    {"work history", Kind::Experience},
    {"employment", Kind::Experience},
    {"employment history", Kind::Experience},
    {"employment experience", Kind::Experience},
    {"employment record", Kind::Experience},
    {"career", Kind::Experience},
    {"career history", Kind::Experience},
    {"professional history", Kind::Experience},
    {"professional background", Kind::Experience},
    {"professional career", Kind::Experience},
    {"job history", Kind::Experience},
    {"positions held", Kind::Experience},
    {"work", Kind::Experience},
    {"internships", Kind::Experience},
    {"internship", Kind::Experience},
    {"work and experience", Kind::Experience},
    {"berufserfahrung", Kind::Experience},
    {"berufliche erfahrung", Kind::Experience},
    {"beruflicher werdegang", Kind::Experience},
    {"werdegang", Kind::Experience},
    {"expérience professionnelle", Kind::Experience},
    {"expériences professionnelles", Kind::Experience},
    {"experience professionnelle", Kind::Experience},
    {"expérience", Kind::Experience},
    {"experiencia", Kind::Experience},
    {"experiencia laboral", Kind::Experience},
    {"experiencia profesional", Kind::Experience},
    {"experiência profissional", Kind::Experience},
    {"esperienza lavorativa", Kind::Experience},
    {"esperienze professionali", Kind::Experience},
    {"werkervaring", Kind::Experience},
    // education
    {"education", Kind::Education},
    {"academic background", Kind::Education},
    {"educational background", Kind::Education},
    {"academic history", Kind::Education},
    {"academic record", Kind::Education},
    {"academic profile", Kind::Education},
    {"academics", Kind::Education},
    {"qualifications", Kind::Education},
    {"academic qualifications", Kind::Education},
    {"educational qualifications", Kind::Education},
    {"education and qualifications", Kind::Education},
    {"education and training", Kind::Education},
    {"training and education", Kind::Education},
    {"education and certifications", Kind::Education},
    {"education and certificates", Kind::Education},
    {"education history", Kind::Education},
    {"studies", Kind::Education},
    {"degrees", Kind::Education},
    {"schooling", Kind::Education},
    {"ausbildung", Kind::Education},
    {"bildungsweg", Kind::Education},
    {"studium", Kind::Education},
    {"formation", Kind::Education},
    {"formations", Kind::Education},
    {"éducation", Kind::Education},
    {"educación", Kind::Education},
    {"formación", Kind::Education},
    {"formación académica", Kind::Education},
    {"formação", Kind::Education},
    {"formação acadêmica", Kind::Education},
    {"istruzione", Kind::Education},
    {"opleiding", Kind::Education},
    // skills
    {"skills", Kind::Skills},
    {"skill set", Kind::Skills},
    {"skillset", Kind::Skills},
    {"technical skills", Kind::Skills},
    {"core competencies", Kind::Skills},
    {"competencies", Kind::Skills},
    {"key competencies", Kind::Skills},
    {"technologies", Kind::Skills},
    {"tools", Kind::Skills},
    {"tools and technologies", Kind::Skills},
    {"technologies and tools", Kind::Skills},
    {"skills and tools", Kind::Skills},
    {"skills and technologies", Kind::Skills},
    {"technical proficiencies", Kind::Skills},
    {"technical proficiency", Kind::Skills},
    {"proficiencies", Kind::Skills},
    {"expertise", Kind::Skills},
    {"areas of expertise", Kind::Skills},
    {"technical expertise", Kind::Skills},
    {"tech stack", Kind::Skills},
    {"technology stack", Kind::Skills},
    {"stack", Kind::Skills},
    {"summary of skills", Kind::Skills},
    {"skills summary", Kind::Skills},
    {"skills and abilities", Kind::Skills},
    {"skills and competencies", Kind::Skills},
    {"skills and expertise", Kind::Skills},
    {"abilities", Kind::Skills},
    {"strengths", Kind::Skills},
    {"competences", Kind::Skills},
    {"software", Kind::Skills},
    {"programming", Kind::Skills},
    {"programming languages", Kind::Skills},
    {"languages and technologies", Kind::Skills},
    {"toolbox", Kind::Skills},
    {"kenntnisse", Kind::Skills},
    {"fähigkeiten", Kind::Skills},
    {"kompetenzen", Kind::Skills},
    {"it kenntnisse", Kind::Skills},
    {"compétences", Kind::Skills},
    {"compétences techniques", Kind::Skills},
    {"habilidades", Kind::Skills},
    {"competencias", Kind::Skills},
    {"conocimientos", Kind::Skills},
    {"competenze", Kind::Skills},
    {"vaardigheden", Kind::Skills},
    // summary
    {"summary", Kind::Summary},
    {"profile", Kind::Summary},
    {"about", Kind::Summary},
    {"about me", Kind::Summary},
    {"objective", Kind::Summary},
    {"career objective", Kind::Summary},
    {"professional summary", Kind::Summary},
    {"executive summary", Kind::Summary},
    {"career summary", Kind::Summary},
    {"personal statement", Kind::Summary},
    {"professional profile", Kind::Summary},
    {"personal profile", Kind::Summary},
    {"career profile", Kind::Summary},
    {"overview", Kind::Summary},
    {"professional overview", Kind::Summary},
    {"career overview", Kind::Summary},
    {"introduction", Kind::Summary},
    {"summary of qualifications", Kind::Summary},
    {"bio", Kind::Summary},
    {"biography", Kind::Summary},
    {"who i am", Kind::Summary},
    {"profil", Kind::Summary},
    {"kurzprofil", Kind::Summary},
    {"zusammenfassung", Kind::Summary},
    {"über mich", Kind::Summary},
    {"à propos", Kind::Summary},
    {"perfil", Kind::Summary},
    {"perfil profesional", Kind::Summary},
    {"resumen", Kind::Summary},
    {"sobre mí", Kind::Summary},
    {"objetivo", Kind::Summary},
    {"profilo", Kind::Summary},
    {"profiel", Kind::Summary},
    // projects
    {"projects", Kind::Projects},
    {"project", Kind::Projects},
    {"personal projects", Kind::Projects},
    {"key projects", Kind::Projects},
    {"selected projects", Kind::Projects},
    {"side projects", Kind::Projects},
    {"notable projects", Kind::Projects},
    {"academic projects", Kind::Projects},
    {"project experience", Kind::Projects},
    {"open source", Kind::Projects},
    {"open source projects", Kind::Projects},
    {"open source contributions", Kind::Projects},
    {"portfolio", Kind::Projects},
    {"projekte", Kind::Projects},
    {"projets", Kind::Projects},
    {"proyectos", Kind::Projects},
    {"projetos", Kind::Projects},
    {"progetti", Kind::Projects},
    // certifications
    {"certifications", Kind::Certifications},
    {"certification", Kind::Certifications},
    {"certificates", Kind::Certifications},
    {"certificate", Kind::Certifications},
    {"licenses", Kind::Certifications},
    {"licences", Kind::Certifications},
    {"licenses and certifications", Kind::Certifications},
    {"licences and certifications", Kind::Certifications},
    {"certifications and licenses", Kind::Certifications},
    {"certifications and licences", Kind::Certifications},
    {"professional certifications", Kind::Certifications},
    {"credentials", Kind::Certifications},
    {"courses", Kind::Certifications},
    {"training", Kind::Certifications},
    {"trainings", Kind::Certifications},
    {"courses and certifications", Kind::Certifications},
    {"certifications and courses", Kind::Certifications},
    {"certifications and training", Kind::Certifications},
    {"professional development", Kind::Certifications},
    {"continuing education", Kind::Certifications},
    {"zertifikate", Kind::Certifications},
    {"zertifizierungen", Kind::Certifications},
    {"weiterbildung", Kind::Certifications},
    {"certificats", Kind::Certifications},
    {"certificaciones", Kind::Certifications},
    {"certificações", Kind::Certifications},
    // languages
    {"languages", Kind::Languages},
    {"language", Kind::Languages},
    {"language skills", Kind::Languages},
    {"spoken languages", Kind::Languages},
    {"language proficiency", Kind::Languages},
    {"sprachen", Kind::Languages},
    {"sprachkenntnisse", Kind::Languages},
    {"langues", Kind::Languages},
    {"idiomas", Kind::Languages},
    {"lingue", Kind::Languages},
    {"talen", Kind::Languages},
    // awards
    {"awards", Kind::Awards},
    {"honors", Kind::Awards},
    {"honours", Kind::Awards},
    {"awards and honors", Kind::Awards},
    {"awards and honours", Kind::Awards},
    {"honors and awards", Kind::Awards},
    {"honours and awards", Kind::Awards},
    {"achievements", Kind::Awards},
    {"awards and achievements", Kind::Awards},
    {"accomplishments", Kind::Awards},
    {"recognition", Kind::Awards},
    {"scholarships", Kind::Awards},
    {"distinctions", Kind::Awards},
    {"auszeichnungen", Kind::Awards},
    {"premios", Kind::Awards},
    // contact
    {"contact", Kind::Contact},
    {"contacts", Kind::Contact},
    {"contact information", Kind::Contact},
    {"contact info", Kind::Contact},
    {"contact details", Kind::Contact},
    {"personal details", Kind::Contact},
    {"personal information", Kind::Contact},
    {"personal data", Kind::Contact},
    {"kontakt", Kind::Contact},
    {"persönliche daten", Kind::Contact},
    {"coordonnées", Kind::Contact},
    {"contacto", Kind::Contact},
    {"datos personales", Kind::Contact},
    // everything else a résumé may hold
    {"publications", Kind::Other},
    {"volunteer", Kind::Other},
    {"volunteering", Kind::Other},
    {"volunteer experience", Kind::Other},
    {"volunteer work", Kind::Other},
    {"interests", Kind::Other},
    {"hobbies", Kind::Other},
    {"hobbies and interests", Kind::Other},
    {"interests and hobbies", Kind::Other},
    {"references", Kind::Other},
    {"activities", Kind::Other},
    {"extracurricular activities", Kind::Other},
    {"memberships", Kind::Other},
    {"affiliations", Kind::Other},
    {"professional affiliations", Kind::Other},
    {"professional memberships", Kind::Other},
    {"additional information", Kind::Other},
    {"conferences", Kind::Other},
    {"patents", Kind::Other},
    {"talks", Kind::Other},
    {"presentations", Kind::Other},
    {"leadership", Kind::Other},
    {"community involvement", Kind::Other},
    {"hobbys", Kind::Other},
    {"interessen", Kind::Other},
    {"références", Kind::Other},
    {"intereses", Kind::Other},
    {"referencias", Kind::Other},
};

// Single words that are also ordinary content; they count as headings only when styled as one.
constexpr const char* kWeakHeadings[] = {
    "software",    "programming", "training",   "work",         "career",
    "stack",       "strengths",   "portfolio",  "abilities",    "expertise",
    "courses",     "activities",  "leadership", "project",      "language",
    "recognition", "bio",         "overview",   "introduction", "studies",
    "formation",   "tools",       "about",      "certificate",  "degrees"};

const std::unordered_map<std::string, Kind>& heading_table() {
  static const auto* table = [] {
    auto* m = new std::unordered_map<std::string, Kind>();
    for (const auto& h : kHeadings) m->emplace(h.text, h.kind);
    return m;
  }();
  return *table;
}

// Lower case (ASCII and Latin-1 capitals), '&', '+' and '/' read as "and", other punctuation
// dropped, blanks collapsed.
std::string normalize_heading(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  while (i < text.size()) {
    char32_t cp = next_cp(text, i);
    if (cp == '&' || cp == '+' || cp == '/') {
      space();
      out += "and ";
    } else if (cp < 0x80 &&
               (is_ascii_alpha(static_cast<char>(cp)) || is_digit(static_cast<char>(cp)))) {
      out += lower(static_cast<char>(cp));
    } else if (cp == '\'' || cp == 0x2019) {
      // "Master's" -> "masters"
    } else if (is_letter_cp(cp)) {
      if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20;
      append_utf8(out, cp);
    } else {
      space();
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.rfind("my ", 0) == 0) out.erase(0, 3);
  return out;
}

bool ends_with_word(const std::string& s, std::string_view w) {
  return s.size() >= w.size() && s.compare(s.size() - w.size(), w.size(), w) == 0 &&
         (s.size() == w.size() || s[s.size() - w.size() - 1] == ' ');
}

// Decorations around a heading: markdown '#', emphasis, rules, bullets, brackets.
std::string_view strip_decoration(std::string_view t) {
  while (true) {
    std::string_view before = t;
    t = trim_view(t);
    while (!t.empty() &&
           (t.front() == '#' || t.front() == '*' || t.front() == '_' || t.front() == '=' ||
            t.front() == '[' || t.front() == '|' || t.front() == '>')) {
      t.remove_prefix(1);
    }
    while (!t.empty() &&
           (t.back() == '*' || t.back() == '_' || t.back() == '=' || t.back() == ']' ||
            t.back() == '|' || t.back() == ':' || t.back() == '#')) {
      t.remove_suffix(1);
    }
    // Dash rules and bullet glyphs on either side: "— SKILLS —", "■ Experience".
    std::size_t i = 0;
    if (!t.empty()) {
      char32_t cp = next_cp(t, i);
      if (is_dash_cp(cp) || cp == 0x2022 || cp == 0x25A0 || cp == 0x25AA || cp == 0x25CF ||
          cp == 0x2500 || cp == 0x2550 || cp == 0x00A7) {
        t.remove_prefix(i);
      }
    }
    if (!t.empty()) {
      std::size_t j = t.size();
      char32_t cp = prev_cp(t, j);
      if (is_dash_cp(cp) || cp == 0x2500 || cp == 0x2550 || cp == 0x25A0) t = t.substr(0, j);
    }
    if (t == before) return t;
  }
}

}  // namespace

const char* section_name(SectionKind kind) {
  switch (kind) {
    case Kind::Contact:
      return "contact";
    case Kind::Summary:
      return "summary";
    case Kind::Experience:
      return "experience";
    case Kind::Education:
      return "education";
    case Kind::Skills:
      return "skills";
    case Kind::Projects:
      return "projects";
    case Kind::Certifications:
      return "certifications";
    case Kind::Languages:
      return "languages";
    case Kind::Awards:
      return "awards";
    case Kind::Other:
      return "other";
  }
  return "other";
}

namespace {

std::optional<SectionKind> classify_heading_ex(std::string_view text, bool& exact) {
  exact = false;
  std::string_view core = strip_decoration(text);
  if (core.empty() || core.size() > 60 || has_digit(core)) return std::nullopt;
  std::string n = normalize_heading(core);
  if (n.empty()) return std::nullopt;
  const auto& table = heading_table();
  auto it = table.find(n);
  if (it != table.end()) {
    exact = true;
    return it->second;
  }
  // Longer forms ending in a family noun: "Software Engineering Experience", "Key Technical
  // Skills", "Education & Training", "Honors and Awards".
  std::size_t wc = word_count(n);
  if (wc > 4) return std::nullopt;
  if (n.find("volunteer") != std::string::npos) return Kind::Other;
  if (ends_with_word(n, "experience")) return Kind::Experience;
  if (ends_with_word(n, "history") &&
      (n.find("work") != std::string::npos || n.find("employment") != std::string::npos ||
       n.find("career") != std::string::npos || n.find("job") != std::string::npos)) {
    return Kind::Experience;
  }
  if (ends_with_word(n, "skills") || ends_with_word(n, "competencies") ||
      ends_with_word(n, "technologies") || ends_with_word(n, "proficiencies") ||
      ends_with_word(n, "tools")) {
    return Kind::Skills;
  }
  if (ends_with_word(n, "education") || n.rfind("education ", 0) == 0) return Kind::Education;
  if (ends_with_word(n, "projects")) return Kind::Projects;
  if (ends_with_word(n, "certifications") || ends_with_word(n, "certificates") ||
      ends_with_word(n, "licenses") || ends_with_word(n, "courses")) {
    return Kind::Certifications;
  }
  if (ends_with_word(n, "awards") || ends_with_word(n, "honors") || ends_with_word(n, "honours") ||
      ends_with_word(n, "achievements")) {
    return Kind::Awards;
  }
  if (ends_with_word(n, "summary") || ends_with_word(n, "profile") ||
      ends_with_word(n, "objective")) {
    return Kind::Summary;
  }
  if (ends_with_word(n, "languages") && wc <= 2) return Kind::Languages;
  if (ends_with_word(n, "publications") || ends_with_word(n, "interests") ||
      ends_with_word(n, "references") || ends_with_word(n, "activities")) {
    return Kind::Other;
  }
  return std::nullopt;
}

// Every word of four letters or more starts with a capital: "Software Engineering Experience".
bool title_case(std::string_view s) {
  for (auto w : words(s)) {
    if (utf8_length(w) >= 4 && !starts_upper(w)) return false;
  }
  return starts_upper(s);
}

}  // namespace

std::optional<SectionKind> classify_heading(std::string_view text) {
  bool exact = false;
  return classify_heading_ex(text, exact);
}

bool is_weak_heading(std::string_view text) {
  std::string n = normalize_heading(strip_decoration(text));
  for (const char* w : kWeakHeadings) {
    if (n == w) return true;
  }
  return false;
}

bool looks_like_contact_line(std::string_view text) {
  std::size_t from = 0;
  if (contact_label(text, from) != ContactLabel::None) return true;
  return find_email(text) || find_phone(text) || find_url(text);
}

bool looks_like_prose(std::string_view text) {
  auto ws = words(text);
  if (ws.size() < 6) return false;
  int lower_initial = 0;
  for (auto w : ws) lower_initial += starts_lower(w) ? 1 : 0;
  bool mostly_lower = lower_initial * 10 >= static_cast<int>(ws.size()) * 4;
  if (!mostly_lower) return false;
  if (ws.size() >= 10) return true;
  char last = text.back();
  return last == '.' || last == ',' || last == ';' || text.find(". ") != std::string_view::npos;
}

namespace {

struct HeadingHit {
  Kind kind = Kind::Other;
  std::size_t inline_from = std::string_view::npos;
};

bool is_weak(const std::string& normalized) {
  for (const char* w : kWeakHeadings) {
    if (normalized == w) return true;
  }
  return false;
}

std::optional<HeadingHit> heading_at(const std::vector<Line>& lines, std::size_t i,
                                     std::optional<Kind> current, int section_level,
                                     bool seen_heading) {
  const Line& line = lines[i];
  if (line.blank || line.underline) return std::nullopt;
  if (section_level > 0 && line.hint.heading_level > section_level) return std::nullopt;
  if (line.bullet && line.hint.heading_level == 0) return std::nullopt;
  std::string_view t = line.text;
  if (t.size() > 120) return std::nullopt;
  bool markdown = !t.empty() && t.front() == '#';
  bool underlined = false;
  for (std::size_t k = i + 1; k < lines.size() && k <= i + 1; ++k) {
    underlined = lines[k].underline;
  }
  std::size_t colon = t.find(':');
  std::string_view head = t;
  std::string_view rest;
  if (colon != std::string_view::npos) {
    head = t.substr(0, colon);
    rest = trim_view(t.substr(colon + 1));
  }
  bool exact = false;
  auto kind = classify_heading_ex(head, exact);
  bool styled = line.hint.heading_level > 0 || underlined || markdown || is_all_caps(head) ||
                colon != std::string_view::npos;
  if (!kind) return std::nullopt;
  // Headings do not end a sentence, and an unstyled one starts with a capital; the looser
  // "... Experience" / "... Skills" forms need a heading's style or title case.
  if (!t.empty() && t.back() == '.') return std::nullopt;
  if (!styled && !starts_upper(head)) return std::nullopt;
  if (!exact && !styled && !title_case(strip_decoration(head))) return std::nullopt;
  std::string normalized = normalize_heading(strip_decoration(head));
  if (rest.empty()) {
    if (word_count(head) > 6) return std::nullopt;
    if (is_weak(normalized)) {
      // A weak word ("Software", "Tools") is a heading only after another section heading (the
      // first lines are the name and headline), styled as one or standing between blank lines.
      bool blank_before = i == 0 || lines[i - 1].blank;
      bool blank_after = i + 1 >= lines.size() || lines[i + 1].blank;
      if (!seen_heading || !(styled || (blank_before && blank_after))) return std::nullopt;
    }
    HeadingHit hit;
    hit.kind = *kind;
    return hit;
  }
  // "Skills: Python, Go" carries content on the heading's line. Inside a skills section such
  // lines are group labels, and inside entries ("Tools: …" under a job) they are details.
  if (current && (*current == Kind::Skills || *current == Kind::Experience ||
                  *current == Kind::Projects || *current == Kind::Education)) {
    return std::nullopt;
  }
  if (word_count(head) > 4 || line.bullet) return std::nullopt;
  if (*kind == Kind::Contact || is_weak(normalized)) return std::nullopt;
  if (find_email(rest) || find_url(rest) || find_phone(rest)) return std::nullopt;
  HeadingHit hit;
  hit.kind = *kind;
  hit.inline_from = static_cast<std::size_t>(rest.data() - t.data());
  return hit;
}

bool is_date_line(std::string_view text) {
  auto m = find_date_range(text);
  return m && m->range;
}

// Degree and school words: a dated block with them is education rather than work.
bool education_words(std::string_view t) {
  static constexpr const char* kWords[] = {
      "university", "universität", "universidad", "université", "universidade", "università",
      "college",    "school",      "institute",   "institut",   "academy",      "polytechnic",
      "hochschule", "école",       "bachelor",    "master",     "diploma",      "degree",
      "phd",        "ph.d",        "doctorate",   "mba",        "bsc",          "msc",
      "b.sc",       "m.sc",        "b.s.",        "m.s.",       "b.a.",         "m.a.",
      "b.eng",      "m.eng",       "beng",        "meng",       "licence",      "licenciatura",
      "gymnasium",  "abitur",      "gpa",         "graduated",  "major",        "minor"};
  for (const char* w : kWords) {
    if (ifind_word(t, w) != std::string_view::npos) return true;
  }
  return false;
}

bool list_like(const std::vector<Line>& lines, int b, int e) {
  int items = 0, long_lines = 0, n = 0;
  for (int i = b; i < e; ++i) {
    const Line& l = lines[i];
    if (l.blank) continue;
    ++n;
    for (char c : l.text) items += (c == ',' || c == ';' || c == '|') ? 1 : 0;
    items += static_cast<int>(ifind(l.text, "\xC2\xB7") != std::string_view::npos);
    if (l.bullet && word_count(l.text) <= 4) ++items;
    if (word_count(l.text) > 12) ++long_lines;
  }
  return n > 0 && items >= 2 && long_lines * 2 <= n;
}

Kind classify_block(const std::vector<Line>& lines, int b, int e, bool have_summary) {
  int dated = 0, edu = 0, prose_words = 0, words_total = 0, n = 0;
  for (int i = b; i < e; ++i) {
    const Line& l = lines[i];
    if (l.blank) continue;
    ++n;
    if (is_date_line(l.text)) ++dated;
    if (education_words(l.text)) ++edu;
    std::size_t wc = word_count(l.text);
    words_total += static_cast<int>(wc);
    if (looks_like_prose(l.text)) prose_words += static_cast<int>(wc);
  }
  if (n == 0) return Kind::Other;
  if (dated > 0) return edu >= dated ? Kind::Education : Kind::Experience;
  if (prose_words * 2 >= words_total && words_total >= 6) {
    return have_summary ? Kind::Other : Kind::Summary;
  }
  if (list_like(lines, b, e)) return Kind::Skills;
  return Kind::Other;
}

// Where the contact block at the top of an unheaded region ends: name, headline and contact
// lines, up to the first sentence, dated line or list item.
int contact_end(const std::vector<Line>& lines, int b, int e) {
  int last_contact = -1, seen = 0, end = b;
  for (int i = b; i < e && seen < 12; ++i) {
    const Line& l = lines[i];
    if (l.blank) continue;
    if (l.bullet && !looks_like_contact_line(l.text)) break;
    if (looks_like_contact_line(l.text)) {
      last_contact = i;
      end = i + 1;
      ++seen;
      continue;
    }
    if (looks_like_prose(l.text) || is_date_line(l.text) || word_count(l.text) > 12) break;
    ++seen;
    // Short lines right after the contact lines (a city, a headline) still belong to it.
    if (last_contact >= 0 && i - last_contact > 2) break;
    end = i + 1;
  }
  if (last_contact < 0) {
    // No contact token at all: the name and a headline at most.
    int kept = 0;
    end = b;
    for (int i = b; i < e && kept < 2; ++i) {
      const Line& l = lines[i];
      if (l.blank) continue;
      if (looks_like_prose(l.text) || is_date_line(l.text) || l.bullet || word_count(l.text) > 8)
        break;
      end = i + 1;
      ++kept;
    }
  }
  return end;
}

void infer_regions(const std::vector<Line>& lines, int b, int e, bool top, bool& have_summary,
                   std::vector<Region>& out) {
  int start = b;
  if (top) {
    int ce = contact_end(lines, b, e);
    if (ce > b) {
      Region r;
      r.kind = Kind::Contact;
      r.begin = b;
      r.end = ce;
      out.push_back(r);
      start = ce;
    }
  }
  // Blocks separated by blank lines, classified one by one; neighbours of one kind merge.
  int i = start;
  while (i < e) {
    while (i < e && (lines[i].blank || lines[i].underline)) ++i;
    if (i >= e) break;
    int j = i;
    while (j < e && !lines[j].blank) ++j;
    Kind kind = classify_block(lines, i, j, have_summary);
    if (kind == Kind::Summary) have_summary = true;
    if (!out.empty() && !out.back().heading && out.back().end <= i && out.back().begin >= b &&
        (out.back().kind == kind ||
         // undated bullets after a dated block continue its entries
         (kind == Kind::Other &&
          (out.back().kind == Kind::Experience || out.back().kind == Kind::Education ||
           out.back().kind == Kind::Skills)))) {
      out.back().end = j;
    } else {
      Region r;
      r.kind = kind;
      r.begin = i;
      r.end = j;
      out.push_back(r);
    }
    i = j;
  }
}

// An unrecognised line styled like the document's section headings ("Volunteering",
// "Publications & Talks") heads a section of its own unless it reads like an entry's header.
bool unknown_heading_text(const std::vector<Line>& lines, std::size_t i) {
  std::string_view t = lines[i].text;
  if (word_count(t) > 4 || has_digit(t) || looks_like_contact_line(t)) return false;
  for (char c : t) {
    if (c == ',' || c == '|' || c == '(' || c == '.' || c == '@') return false;
  }
  if (title_score(t) >= 3 || degree_score(t) >= 4 || institution_score(t) > 0 ||
      company_score(t) > 0)
    return false;
  for (std::size_t k = i + 1; k < lines.size() && k <= i + 2; ++k) {
    if (!lines[k].blank && is_date_line(lines[k].text)) return false;
  }
  return true;
}

}  // namespace

std::vector<Region> find_sections(const std::vector<Line>& lines) {
  std::vector<Region> out;
  const int n = static_cast<int>(lines.size());
  // Heading levels used by recognised headings: an unknown heading of the same level is a
  // section of its own ("Volunteering" styled like "Experience").
  // The level the document styles its section headings with: lines styled deeper (job titles set
  // as "Heading 3") are never section headings.
  int level_count[8] = {};
  for (int i = 0; i < n; ++i) {
    int lvl = lines[i].hint.heading_level;
    bool exact = false;
    if (lvl > 0 && lvl < 8 && !lines[i].blank && classify_heading_ex(lines[i].text, exact) &&
        exact) {
      ++level_count[lvl];
    }
  }
  int section_level = 0;
  for (int l = 1; l < 8; ++l) {
    if (level_count[l] > (section_level ? level_count[section_level] : 0)) section_level = l;
  }
  bool have_summary = false;
  std::optional<Kind> current;
  int region_start = 0;
  bool region_headed = false;
  Region headed;
  bool first_region = true;
  bool top_of_column = true;
  int prev_nonblank = -1;
  bool seen_heading = false;  // unknown styled headings count only after a recognised one

  auto close = [&](int end) {
    if (region_headed) {
      headed.end = end;
      out.push_back(headed);
    } else if (end > region_start) {
      bool any = false;
      for (int k = region_start; k < end; ++k) any = any || !lines[k].blank;
      if (any)
        infer_regions(lines, region_start, end, first_region || top_of_column, have_summary, out);
      if (any) first_region = false;
    }
  };

  for (int i = 0; i < n; ++i) {
    const Line& line = lines[i];
    if (line.blank) continue;
    bool flip = prev_nonblank >= 0 && lines[prev_nonblank].hint.sidebar != line.hint.sidebar;
    std::optional<HeadingHit> hit =
        heading_at(lines, i, region_headed ? std::optional<Kind>(headed.kind) : current,
                   section_level, seen_heading);
    if (!hit && seen_heading && section_level > 0 && section_level <= 2 &&
        line.hint.heading_level == section_level && unknown_heading_text(lines, i)) {
      HeadingHit h;
      h.kind = Kind::Other;
      hit = h;
    }
    if (hit) {
      seen_heading = true;
      close(i);
      if (region_headed || first_region) first_region = false;
      headed = Region();
      headed.kind = hit->kind;
      headed.heading =
          collapse_ws(hit->inline_from == std::string_view::npos
                          ? strip_decoration(line.text)
                          : strip_decoration(line.text.substr(0, line.text.find(':'))));
      headed.heading_line = i;
      headed.begin = i + 1;
      headed.inline_from = hit->inline_from;
      region_headed = true;
      current = hit->kind;
      top_of_column = false;
      prev_nonblank = i;
      continue;
    }
    if (flip) {
      // A column change ends the section: the sidebar starts with its own content.
      close(i);
      if (region_headed) first_region = false;
      region_headed = false;
      region_start = i;
      top_of_column = true;
      current.reset();
    } else if (!region_headed && prev_nonblank < 0) {
      region_start = i;
    }
    prev_nonblank = i;
  }
  close(n);
  // Trim trailing blank lines from each region.
  for (auto& r : out) {
    while (r.end > r.begin && (lines[r.end - 1].blank || lines[r.end - 1].underline)) --r.end;
  }
  return out;
}

}  // namespace aligncv::resume::detail
