// Section detection: heading families in their written forms, styles and hints, and sections
// inferred where a résumé has no headings.
#include <aligncv/resume.hpp>

#include "resume/sections.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aligncv::resume {
namespace {

const taxonomy::Taxonomy& tiny_taxonomy() {
  static const taxonomy::Taxonomy t =
      taxonomy::Taxonomy::from_tsv("name\tforms\nPython\tPython\nDocker\tDocker\nGo\tGo~x|Golang\n",
                                   "title\tforms\nSoftware Engineer\tSoftware Engineer\n");
  return t;
}

ParseResult parse_text(const std::string& text, std::vector<text::LineHint> hints = {}) {
  text::Document d;
  d.text = text;
  d.lines = std::move(hints);
  return parse(d, tiny_taxonomy(), {"2024-06"});
}

std::vector<std::string> names(const ParseResult& r) {
  std::vector<std::string> out;
  for (const auto& s : r.sections) out.push_back(s.name);
  return out;
}

const Section* find(const ParseResult& r, const std::string& name) {
  for (const auto& s : r.sections) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

using detail::classify_heading;
using detail::SectionKind;

TEST(ResumeSections, ExperienceHeadingFamily) {
  for (const char* h : {"Experience", "Work Experience", "Work History", "Professional Experience",
                        "EMPLOYMENT", "Employment History", "Career", "Relevant Experience",
                        "Berufserfahrung", "Expérience professionnelle"}) {
    auto k = classify_heading(h);
    ASSERT_TRUE(k) << h;
    EXPECT_EQ(*k, SectionKind::Experience) << h;
  }
}

TEST(ResumeSections, EducationSkillsSummaryFamilies) {
  for (const char* h :
       {"Education", "Academic Background", "Qualifications", "EDUCATION & TRAINING"}) {
    EXPECT_EQ(classify_heading(h), SectionKind::Education) << h;
  }
  for (const char* h : {"Skills", "Technical Skills", "Core Competencies", "Technologies", "Tools",
                        "Skills & Tools", "KEY SKILLS"}) {
    EXPECT_EQ(classify_heading(h), SectionKind::Skills) << h;
  }
  for (const char* h :
       {"Summary", "Profile", "About", "About Me", "Objective", "Professional Summary"}) {
    EXPECT_EQ(classify_heading(h), SectionKind::Summary) << h;
  }
}

TEST(ResumeSections, OtherFamilies) {
  EXPECT_EQ(classify_heading("Projects"), SectionKind::Projects);
  EXPECT_EQ(classify_heading("Personal Projects"), SectionKind::Projects);
  EXPECT_EQ(classify_heading("Certifications"), SectionKind::Certifications);
  EXPECT_EQ(classify_heading("Licenses & Certifications"), SectionKind::Certifications);
  EXPECT_EQ(classify_heading("Languages"), SectionKind::Languages);
  EXPECT_EQ(classify_heading("Awards"), SectionKind::Awards);
  EXPECT_EQ(classify_heading("Honors & Awards"), SectionKind::Awards);
  EXPECT_EQ(classify_heading("Volunteering"), SectionKind::Other);
  EXPECT_FALSE(classify_heading("Senior Software Engineer"));
  EXPECT_FALSE(classify_heading("Acme Corp 2019"));
}

TEST(ResumeSections, DecorationsColonsAndMarkdownAreIgnored) {
  EXPECT_EQ(classify_heading("Skills:"), SectionKind::Skills);
  EXPECT_EQ(classify_heading("## Experience"), SectionKind::Experience);
  EXPECT_EQ(classify_heading("— EDUCATION —"), SectionKind::Education);
  EXPECT_EQ(classify_heading("**Projects**"), SectionKind::Projects);
}

TEST(ResumeSections, HeadingsInEveryCasingWithUnderlinesAndColons) {
  auto r = parse_text(
      "Jane Doe\njane@example.com\n\n"
      "WORK HISTORY\n============\nAcme Corp, Jan 2019 – Present\nSoftware Engineer\n- Built "
      "APIs\n\n"
      "Academic background\n-------------------\nMIT, 2012 – 2016\nBSc Physics\n\n"
      "Technical skills:\nPython, Docker\n");
  EXPECT_EQ(names(r), (std::vector<std::string>{"contact", "experience", "education", "skills"}));
  const Section* exp = find(r, "experience");
  ASSERT_NE(exp, nullptr);
  ASSERT_TRUE(exp->heading);
  EXPECT_EQ(*exp->heading, "WORK HISTORY");
  EXPECT_EQ(exp->start_line, 4);
  EXPECT_EQ(exp->end_line, 8);
  const Section* sk = find(r, "skills");
  ASSERT_NE(sk, nullptr);
  EXPECT_EQ(*sk->heading, "Technical skills");
}

TEST(ResumeSections, InlineHeadingCarriesItsContent) {
  auto r = parse_text("Jane Doe\njane@example.com\n\nSkills: Python, Docker, Go\n");
  const Section* sk = find(r, "skills");
  ASSERT_NE(sk, nullptr);
  EXPECT_EQ(sk->start_line, 4);
  ASSERT_EQ(r.profile.skills.size(), 1u);
  EXPECT_EQ(r.profile.skills[0].keywords, (std::vector<std::string>{"Python", "Docker", "Go"}));
}

TEST(ResumeSections, StyledHeadingHintsAndDeeperJobTitles) {
  // A DOCX: the name is Heading 1, sections Heading 2, companies Heading 3 ("Acme Technologies"
  // would read as a skills heading if levels were ignored).
  std::string text =
      "Jane Doe\nEngineer\nProfile\nI build reliable backend systems for payments and logistics.\n"
      "Experience\nAcme Technologies\nSoftware Engineer, Jan 2019 – Present\n• Built APIs\n"
      "Skills\nPython, Docker\n";
  std::vector<text::LineHint> hints(10);
  hints[0].heading_level = 1;
  hints[2].heading_level = 2;
  hints[4].heading_level = 2;
  hints[5].heading_level = 3;
  hints[7].list_item = true;
  hints[8].heading_level = 2;
  auto r = parse_text(text, hints);
  EXPECT_EQ(names(r), (std::vector<std::string>{"contact", "summary", "experience", "skills"}));
  ASSERT_EQ(r.profile.work.size(), 1u);
  EXPECT_EQ(r.profile.work[0].name, "Acme Technologies");
  EXPECT_EQ(r.profile.work[0].position, "Software Engineer");
}

TEST(ResumeSections, MissingHeadingsAreInferredFromContent) {
  auto r = parse_text(
      "John Smith\njohn.smith@example.com | +1 555 010 2000\n\n"
      "Backend engineer with eight years of experience building payment systems and data "
      "pipelines.\n\n"
      "Acme Corp, Jan 2019 – Present\nSenior Software Engineer\n- Led the billing rewrite\n\n"
      "Stanford University, 2010 – 2014\nBachelor of Science in Computer Science\n\n"
      "Python, Docker, Go, Kubernetes\n");
  EXPECT_EQ(names(r),
            (std::vector<std::string>{"contact", "summary", "experience", "education", "skills"}));
  for (const auto& s : r.sections) EXPECT_FALSE(s.heading) << s.name;
  ASSERT_TRUE(r.profile.basics.summary);
  ASSERT_EQ(r.profile.work.size(), 1u);
  EXPECT_EQ(r.profile.work[0].name, "Acme Corp");
  ASSERT_EQ(r.profile.education.size(), 1u);
  EXPECT_EQ(r.profile.education[0].institution, "Stanford University");
}

TEST(ResumeSections, SidebarStartsItsOwnSectionsInAnyOrder) {
  // Two-column PDF: main column first, then the sidebar with contact, skills and education.
  std::string text =
      "Jane Doe\nBackend Engineer\n\nExperience\nAcme Corp, 2019 – 2021\nSoftware Engineer\nBuilt "
      "APIs\n\n"
      "jane@example.com\n+49 30 1234567\nBerlin\n\nSkills\nPython, Docker\n\nEducation\nTU Berlin, "
      "2012 – 2016\nBSc Informatics\n";
  std::vector<text::LineHint> hints(19);
  for (int i = 8; i < 19; ++i) hints[i].sidebar = true;
  hints[0].heading_level = 1;
  hints[3].heading_level = 2;
  hints[12].heading_level = 2;
  hints[15].heading_level = 2;
  auto r = parse_text(text, hints);
  EXPECT_EQ(names(r),
            (std::vector<std::string>{"contact", "experience", "contact", "skills", "education"}));
  ASSERT_EQ(r.profile.work.size(), 1u);
  EXPECT_EQ(r.profile.work[0].highlights, (std::vector<std::string>{"Built APIs"}));
  EXPECT_EQ(r.profile.basics.email, "jane@example.com");
  EXPECT_EQ(r.profile.basics.location.city, "Berlin");
  ASSERT_EQ(r.profile.education.size(), 1u);
  EXPECT_EQ(r.profile.education[0].institution, "TU Berlin");
}

TEST(ResumeSections, MarkdownHeadingsAndEmphasis) {
  auto r = parse_text(
      "# Priya Sharma\n**Data Scientist** · Bengaluru, India · priya@example.in\n\n## Experience\n"
      "### Data Scientist — Flipkart (Jul 2020 – Present)\n- Forecasting models\n\n## Education\n"
      "**M.Tech, Computer Science** — IIT Bombay, 2017\n");
  EXPECT_EQ(r.profile.basics.name, "Priya Sharma");
  ASSERT_EQ(r.profile.work.size(), 1u);
  EXPECT_EQ(r.profile.work[0].position, "Data Scientist");
  EXPECT_EQ(r.profile.work[0].name, "Flipkart");
  ASSERT_EQ(r.profile.education.size(), 1u);
  EXPECT_EQ(r.profile.education[0].studyType, "M.Tech");
  EXPECT_EQ(r.profile.education[0].institution, "IIT Bombay");
  const Section* exp = find(r, "experience");
  ASSERT_NE(exp, nullptr);
  EXPECT_EQ(exp->heading, "Experience");
}

TEST(ResumeSections, WeakWordsAreNotHeadingsUnderTheName) {
  // "Software" is a label here, not a skills heading.
  auto r = parse_text("Alvaro Singer\nSoftware\nalvaro@example.com • (555) 010-3653 • Croydon\n");
  EXPECT_EQ(r.profile.basics.label, "Software");
  EXPECT_EQ(r.profile.basics.phone, "(555) 010-3653");
  EXPECT_EQ(names(r), (std::vector<std::string>{"contact"}));
}

}  // namespace
}  // namespace aligncv::resume
