// Cover letters and LinkedIn texts, assembled only from facts the résumé states (positions,
// employers, bullets, skills, degrees, certifications) plus sentences that state no fact.
#include <algorithm>
#include <cctype>
#include <set>

#include "common/text.hpp"
#include "match/terms.hpp"
#include "rewrite/internal.hpp"

namespace aligncv::rewrite::detail {

namespace {

struct Achievement {
  std::string company;
  std::string text;  // a bullet with an action verb, past tense
  double relevance = 0;
  std::size_t order = 0;
};

std::string lower_first(std::string s) {
  if (s.size() > 1 && std::isupper(static_cast<unsigned char>(s[0])) &&
      std::islower(static_cast<unsigned char>(s[1]))) {
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  }
  return s;
}

std::string sentence(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ' ' || s.back() == ';' || s.back() == ',')) s.pop_back();
  return s + ".";
}

std::vector<Achievement> achievements(const Source& source, const std::set<std::string>& skills,
                                      const std::set<std::string>& terms, const taxonomy::Taxonomy& taxonomy) {
  std::vector<Achievement> out;
  const auto& work = source.parsed.profile.work;
  for (std::size_t j = 0; j < work.size(); ++j) {
    std::vector<std::string> used;
    for (const std::string& h : work[j].highlights) {
      BulletFix fix = fix_bullet(h, Style::Technical, Tense::Past, used);
      Achievement a{work[j].name, fix.changed() ? fix.text : h, 0, out.size()};
      for (const auto& m : taxonomy.find_skills(a.text)) a.relevance += skills.count(m.canonical) ? 2 : 0;
      std::set<std::string> seen;
      for (const auto& t : match::terms_of(a.text)) {
        if (terms.count(t) && seen.insert(t).second) a.relevance += 0.25;
      }
      out.push_back(std::move(a));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Achievement& a, const Achievement& b) { return a.relevance > b.relevance; });
  return out;
}

std::string years_phrase(const resume::Profile& p) {
  const int years = p.experience_months / 12;
  if (years < 1) return "";
  return std::to_string(years) + (years == 1 ? " year" : " years");
}

std::vector<std::string> top_skills(const Source& source, std::size_t n) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& g : source.parsed.profile.skills) {
    for (const auto& k : g.keywords) {
      if (out.size() < n && seen.insert(to_lower_ascii(k)).second) out.push_back(k);
    }
  }
  for (const auto& s : source.parsed.skills) {
    if (out.size() < n && seen.insert(to_lower_ascii(s)).second) out.push_back(s);
  }
  return out;
}

}  // namespace

CoverLetter cover_letter_local(const Source& source, const LetterTarget& target, Tone tone,
                               const taxonomy::Taxonomy& taxonomy) {
  CoverLetter letter;
  letter.tone = tone;
  const resume::Profile& p = source.parsed.profile;
  match::Job job;
  if (target.job) {
    job = *target.job;
    letter.job_id = job.job_id;
    if (job.required_skills.empty() && job.preferred_skills.empty() && !trim(target.job_description).empty()) {
      const match::Job extracted = job_of_description(target.job_description, taxonomy);
      job.required_skills = extracted.required_skills;
      job.preferred_skills = extracted.preferred_skills;
    }
  } else if (!trim(target.job_description).empty()) {
    job = job_of_description(target.job_description, taxonomy);
    job.title.clear();
    job.company.clear();
  }
  const std::string description = target.job_description + " " + job.description.value_or("");

  const match::Candidate cand = match::make_candidate(source.parsed, source.text, taxonomy);
  std::set<std::string> held;
  for (const auto& e : cand.skills) held.insert(e.skill);
  std::vector<std::string> shown;
  std::set<std::string> posting_skills;
  for (const auto* list : {&job.required_skills, &job.preferred_skills}) {
    for (const std::string& s : *list) {
      posting_skills.insert(s);
      if (held.count(s) && shown.size() < 5) shown.push_back(s);
    }
  }
  std::set<std::string> terms;
  for (auto& t : match::terms_of(description)) terms.insert(t);
  const std::vector<Achievement> wins = achievements(source, posting_skills, terms, taxonomy);

  const int latest = latest_job(p);
  const std::string position = latest >= 0 ? p.work[static_cast<std::size_t>(latest)].position : "";
  const std::string employer = latest >= 0 ? p.work[static_cast<std::size_t>(latest)].name : "";
  const std::string years = years_phrase(p);
  const std::string role = job.title.empty() ? "the position described in your posting" : "the " + job.title + " position";
  const std::string at = job.company.empty() ? "" : " at " + job.company;
  const std::vector<std::string> skills = shown.empty() ? top_skills(source, 4) : shown;

  // Opening, by tone.
  std::string opening;
  switch (tone) {
    case Tone::Professional: opening = "I am writing to apply for " + role + at + "."; break;
    case Tone::Enthusiastic: opening = "I was excited to read about " + role + at + ", and I am glad to apply."; break;
    case Tone::Concise: opening = "Please consider my application for " + role + at + "."; break;
  }
  if (!position.empty() && !employer.empty()) {
    opening += " " + std::string(years.empty() ? "My most recent role is " : "I bring " + years + " of experience, most recently as ") +
               position + " at " + employer + ".";
  } else if (!years.empty()) {
    opening += " I bring " + years + " of professional experience.";
  }
  if (!skills.empty()) opening += " My work draws on " + list_phrase(skills) + ".";

  std::string skills_paragraph;
  if (!shown.empty()) {
    skills_paragraph = "Your posting asks for " + list_phrase(shown) +
                       "; each of them is part of the work described in my résumé, and I would apply that experience from the first week.";
  }
  std::string education;
  for (const auto& e : p.education) {
    if (e.institution.empty()) continue;
    std::string degree = e.studyType.value_or("");
    if (e.area) degree += (degree.empty() ? "" : " in ") + *e.area;
    education = degree.empty() ? "I studied at " + e.institution + "."
                               : "My education: " + degree + ", " + e.institution + ".";
    break;
  }
  if (!p.certificates.empty()) education += (education.empty() ? "" : " ") + std::string("I also hold the ") + p.certificates[0].name + " certification.";

  std::string closing;
  std::string sign_off;
  switch (tone) {
    case Tone::Professional:
      closing = "Thank you for considering my application. I would welcome the opportunity to discuss how my experience can support your team's goals.";
      sign_off = "Sincerely,";
      break;
    case Tone::Enthusiastic:
      closing = "Thank you for your time and consideration! I would be delighted to talk about how I can contribute, and I look forward to hearing from you.";
      sign_off = "With best regards,";
      break;
    case Tone::Concise:
      closing = "Thank you for your consideration. I look forward to discussing the role.";
      sign_off = "Regards,";
      break;
  }
  // Sentences that state no fact, used only to reach the minimum length.
  static const char* const kPadding[] = {
      "I take care to understand a problem before proposing a solution, and I prefer simple designs that others can maintain.",
      "I work closely with colleagues across functions, share what I learn, and ask for feedback early.",
      "I communicate openly about progress and risks, so that the people I work with can plan with confidence.",
      "I am comfortable taking ownership of a piece of work from the first conversation to the final review.",
      "I enjoy learning the context of a business, because the best results come from understanding why the work matters.",
      "I hold myself to a high standard of quality and keep improving the way I work.",
      "I would be glad to bring the same care and commitment to your team.",
      "I like to leave the systems, documents and processes I touch in better shape than I found them.",
      "When priorities change, I adjust quickly and keep the people around me informed.",
      "I value clear goals, honest feedback and a steady pace that a team can sustain.",
      "I am used to working independently as well as in small groups, and I enjoy helping newer colleagues find their feet.",
      "I read your posting carefully, and the work it describes is the kind of work I want to do next.",
  };
  const std::size_t pads_available = std::size(kPadding);

  auto compose = [&](std::size_t k, std::size_t pads) {
    std::string body = "Dear Hiring Manager,\n\n" + opening + "\n\n";
    if (k > 0) {
      std::string exp;
      for (std::size_t i = 0; i < k && i < wins.size(); ++i) {
        exp += (i == 0 ? "" : " ") + std::string(i == 0 ? "In my work so far, at " : "At ") + wins[i].company +
               " I " + sentence(lower_first(wins[i].text));
      }
      body += exp + "\n\n";
    }
    if (!skills_paragraph.empty()) body += skills_paragraph + "\n\n";
    if (!education.empty()) body += education + "\n\n";
    if (pads > 0) {
      std::string pad;
      for (std::size_t i = 0; i < pads; ++i) pad += (i ? " " : "") + std::string(kPadding[i]);
      body += pad + "\n\n";
    }
    body += closing + "\n\n" + sign_off + "\n" + p.basics.name.value_or("");
    while (!body.empty() && body.back() == '\n') body.pop_back();
    return body;
  };
  std::size_t k = std::min<std::size_t>(3, wins.size()), pads = 0;
  std::string text = compose(k, pads);
  while (word_count(text) < 250 && k < std::min<std::size_t>(6, wins.size())) text = compose(++k, pads);
  while (word_count(text) < 250 && pads < pads_available) text = compose(k, ++pads);
  while (word_count(text) > 400 && k > 1) text = compose(--k, pads);
  while (word_count(text) > 400 && pads > 0) text = compose(k, --pads);
  letter.text = text;
  letter.word_count = static_cast<int>(word_count(text));
  return letter;
}

LinkedInProfile linkedin_local(const Source& source, std::string_view target_role,
                               const taxonomy::Taxonomy& taxonomy) {
  (void)taxonomy;
  LinkedInProfile out;
  const resume::Profile& p = source.parsed.profile;
  const int latest = latest_job(p);
  out.target_role = trim(target_role);
  if (out.target_role.empty()) {
    out.target_role = latest >= 0 && !p.work[static_cast<std::size_t>(latest)].position.empty()
                          ? p.work[static_cast<std::size_t>(latest)].position
                          : p.basics.label.value_or("Professional");
  }
  const std::vector<std::string> skills = top_skills(source, 12);
  const std::string years = years_phrase(p);

  // Headline: role | up to four skills | experience; parts dropped from the end to fit.
  std::vector<std::string> parts = {out.target_role};
  if (!skills.empty()) {
    std::vector<std::string> four(skills.begin(), skills.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(4, skills.size())));
    std::string s;
    for (const auto& x : four) s += (s.empty() ? "" : ", ") + x;
    parts.push_back(s);
  }
  if (!years.empty()) parts.push_back(years + " of experience");
  while (true) {
    std::string h;
    for (const auto& x : parts) h += (h.empty() ? "" : " | ") + x;
    if (utf8_length(h) <= kMaxHeadlineChars || parts.size() == 1) {
      out.headline = utf8_length(h) <= kMaxHeadlineChars ? h : utf8_prefix(h, kMaxHeadlineChars);
      break;
    }
    parts.pop_back();
  }

  // About: summary, experience, skills, education; later experience dropped first to fit.
  std::vector<std::string> paragraphs;
  if (p.basics.summary) {
    bool changed = false;
    paragraphs.push_back(tighten_summary(*p.basics.summary, changed));
  } else if (latest >= 0) {
    const auto& w = p.work[static_cast<std::size_t>(latest)];
    paragraphs.push_back((years.empty() ? std::string() : years + " of experience, ") + "most recently as " +
                         w.position + " at " + w.name + ".");
    paragraphs.back() = capitalize_first(paragraphs.back());
  }
  std::vector<std::string> jobs;
  for (const auto& w : p.work) {
    std::string j = w.position.empty() ? w.name : w.position + " at " + w.name;
    if (w.startDate) j += " (" + w.startDate->substr(0, 4) + "–" + (w.endDate ? w.endDate->substr(0, 4) : "present") + ")";
    std::vector<std::string> used;
    std::string hl;
    for (std::size_t i = 0; i < w.highlights.size() && i < 2; ++i) {
      BulletFix fix = fix_bullet(w.highlights[i], Style::Technical, Tense::Past, used);
      hl += (hl.empty() ? "" : " ") + sentence(fix.changed() ? fix.text : w.highlights[i]);
    }
    jobs.push_back(j + (hl.empty() ? "." : ": " + hl));
  }
  std::string tail;
  if (!skills.empty()) tail += "Skills: " + list_phrase(skills) + ".";
  for (const auto& e : p.education) {
    if (e.institution.empty()) continue;
    std::string degree = e.studyType.value_or("");
    if (e.area) degree += (degree.empty() ? "" : ", ") + *e.area;
    tail += std::string(tail.empty() ? "" : "\n\n") + "Education: " + (degree.empty() ? "" : degree + ", ") + e.institution + ".";
    break;
  }
  if (!p.certificates.empty()) {
    std::vector<std::string> certs;
    for (const auto& c : p.certificates) certs.push_back(c.name);
    tail += std::string(tail.empty() ? "" : "\n\n") + "Certifications: " + list_phrase(certs) + ".";
  }
  tail += std::string(tail.empty() ? "" : "\n\n") + "Open to " + out.target_role + " opportunities.";
  while (true) {
    std::string about;
    for (const auto& x : paragraphs) about += (about.empty() ? "" : "\n\n") + x;
    if (!jobs.empty()) {
      about += std::string(about.empty() ? "" : "\n\n") + "Experience:";
      for (const auto& j : jobs) about += "\n- " + j;
    }
    about += (about.empty() ? "" : "\n\n") + tail;
    if (utf8_length(about) <= kMaxAboutChars || jobs.empty()) {
      out.about = utf8_length(about) <= kMaxAboutChars ? about : utf8_prefix(about, kMaxAboutChars);
      break;
    }
    jobs.pop_back();
  }
  return out;
}

}  // namespace aligncv::rewrite::detail
