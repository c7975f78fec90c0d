// Education entries (degree split into study type and area) and skills (group labels, items as
// written, canonical taxonomy names), plus the smaller sections.
#include <aligncv/resume.hpp>

#include "resume/fields.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aligncv::resume {
namespace {

const taxonomy::Taxonomy& tiny_taxonomy() {
  static const taxonomy::Taxonomy t = taxonomy::Taxonomy::from_tsv(
      "name\tforms\nPython\tPython\nJavaScript\tJavaScript|JS\nR\tR~x\nGo\tGo~x|"
      "Golang\nDocker\tDocker\n"
      "Kubernetes\tKubernetes|k8s\nC++\tC++\nPostgreSQL\tPostgreSQL|Postgres\n",
      "title\tforms\nSoftware Engineer\tSoftware Engineer\n");
  return t;
}

ParseResult parse_text(const std::string& text) {
  text::Document d;
  d.text = text;
  return parse(d, tiny_taxonomy(), {"2024-06"});
}

struct Degree {
  std::optional<std::string> type, area;
};
Degree split(const std::string& s) {
  Degree d;
  detail::split_degree(s, d.type, d.area);
  return d;
}

TEST(ResumeEducation, DegreeSplitsIntoStudyTypeAndArea) {
  auto a = split("Bachelor of Arts in Psychology");
  EXPECT_EQ(a.type, "Bachelor of Arts");
  EXPECT_EQ(a.area, "Psychology");
  auto b = split("BSc Computer Science");
  EXPECT_EQ(b.type, "BSc");
  EXPECT_EQ(b.area, "Computer Science");
  auto c = split("MSc, Data Science");
  EXPECT_EQ(c.type, "MSc");
  EXPECT_EQ(c.area, "Data Science");
  auto d = split("M.S. Statistics");
  EXPECT_EQ(d.type, "M.S.");
  EXPECT_EQ(d.area, "Statistics");
  auto e = split("MBA");
  EXPECT_EQ(e.type, "MBA");
  EXPECT_FALSE(e.area);
  auto f = split("Master of Science");
  EXPECT_EQ(f.type, "Master of Science");
  EXPECT_FALSE(f.area);
}

TEST(ResumeEducation, DegreeFirstAndInstitutionFirstLayouts) {
  auto r = parse_text(
      "Jane Doe\n\nEducation\nMaster of Science in Computer Science\nKingsreach University, "
      "09/2015 - 07/2017\n"
      "B.Com Accounting\nNorthbridge University, 10/2011 - 07/2015\n\n"
      "Academic Background\nFenwick University — 2012 – 2016\nBachelor of Arts in Psychology\nGPA: "
      "3.8/4.0\n");
  const auto& ed = r.profile.education;
  ASSERT_EQ(ed.size(), 3u);
  EXPECT_EQ(ed[0].institution, "Kingsreach University");
  EXPECT_EQ(ed[0].studyType, "Master of Science");
  EXPECT_EQ(ed[0].area, "Computer Science");
  EXPECT_EQ(ed[0].startDate, "2015-09");
  EXPECT_EQ(ed[0].endDate, "2017-07");
  EXPECT_EQ(ed[1].institution, "Northbridge University");
  EXPECT_EQ(ed[1].studyType, "B.Com");
  EXPECT_EQ(ed[2].institution, "Fenwick University");
  EXPECT_EQ(ed[2].startDate, "2012");
  EXPECT_EQ(ed[2].endDate, "2016");
  EXPECT_EQ(ed[2].score, "3.8/4.0");
  EXPECT_EQ(r.profile.evidence.at("/education/0/institution"), 5);
  EXPECT_EQ(r.profile.evidence.at("/education/0/studyType"), 4);
  EXPECT_EQ(r.profile.evidence.at("/education/2/score"), 12);
}

TEST(ResumeEducation, SingleYearIsTheGraduation) {
  auto r = parse_text("Jane Doe\n\nEducation\nBSc Physics, University of Oslo, 2016\n");
  ASSERT_EQ(r.profile.education.size(), 1u);
  EXPECT_EQ(r.profile.education[0].institution, "University of Oslo");
  EXPECT_EQ(r.profile.education[0].studyType, "BSc");
  EXPECT_FALSE(r.profile.education[0].startDate);
  EXPECT_EQ(r.profile.education[0].endDate, "2016");
}

TEST(ResumeEducation, ASchoolWithoutSchoolWordsBesideAWholeDegreeIsTheSchool) {
  auto r = parse_text("Jane Doe\n\nEducation\nTU Berlin, BSc Computer Science, 2012 - 2016\n"
                      "MSc, Data Science, 2017\n");
  ASSERT_EQ(r.profile.education.size(), 2u);
  EXPECT_EQ(r.profile.education[0].institution, "TU Berlin");
  EXPECT_EQ(r.profile.education[0].studyType, "BSc");
  EXPECT_EQ(r.profile.education[0].area, "Computer Science");
  // A bare type before a comma is still one degree: "Data Science" is its area, not a school.
  EXPECT_EQ(r.profile.education[1].studyType, "MSc");
  EXPECT_EQ(r.profile.education[1].area, "Data Science");
  EXPECT_EQ(r.profile.education[1].institution, "");
}

TEST(ResumeEducation, UniversityAtCampusIsOneSchoolAndItsPlaceIsCut) {
  auto r = parse_text(
      "Jane Doe\n\nEducation\nUniversity of Illinois at Urbana-Champaign, Urbana, IL\n"
      "Bachelor of Science in Computer Science, May 2014\nGPA: 3.7/4.0\n");
  ASSERT_EQ(r.profile.education.size(), 1u);
  const auto& e = r.profile.education[0];
  EXPECT_EQ(e.institution, "University of Illinois at Urbana-Champaign");
  EXPECT_EQ(e.studyType, "Bachelor of Science");
  EXPECT_EQ(e.area, "Computer Science");
  EXPECT_EQ(e.endDate, "2014-05");
  EXPECT_EQ(e.score, "3.7/4.0");
}

TEST(ResumeEducation, HonoursStayWithTheStudyType) {
  auto r = parse_text(
      "Jane Doe\n\nEducation\nBA (Hons) Graphic Design, University of the Arts London, 2014 – "
      "2017\n");
  ASSERT_EQ(r.profile.education.size(), 1u);
  EXPECT_EQ(r.profile.education[0].studyType, "BA (Hons)");
  EXPECT_EQ(r.profile.education[0].area, "Graphic Design");
  EXPECT_EQ(r.profile.education[0].institution, "University of the Arts London");
}

TEST(ResumeSkills, GroupLabelsAreSeparatedFromItems) {
  auto r = parse_text(
      "Jane Doe\n\nTechnical Skills\nLanguages: C++, Swift, Transact-SQL\n"
      "Tools & Platforms: Docker, Amazon Simple Storage Service S3, HubSpot software\n");
  const auto& sk = r.profile.skills;
  ASSERT_EQ(sk.size(), 2u);
  EXPECT_EQ(sk[0].name, "Languages");
  EXPECT_EQ(sk[0].keywords, (std::vector<std::string>{"C++", "Swift", "Transact-SQL"}));
  EXPECT_EQ(sk[1].name, "Tools & Platforms");
  EXPECT_EQ(sk[1].keywords, (std::vector<std::string>{"Docker", "Amazon Simple Storage Service S3",
                                                      "HubSpot software"}));
  EXPECT_EQ(r.profile.evidence.at("/skills/1/keywords/2"), 5);
}

TEST(ResumeSkills, EverySeparatorAndLineBreaks) {
  auto pipe = parse_text("Jane Doe\n\nSkills\nPython | C# | Node.js | .NET\n");
  EXPECT_EQ(pipe.profile.skills.at(0).keywords,
            (std::vector<std::string>{"Python", "C#", "Node.js", ".NET"}));
  auto dot = parse_text("Jane Doe\n\nSkills\nGo · R · Oracle PL/SQL\n");
  EXPECT_EQ(dot.profile.skills.at(0).keywords,
            (std::vector<std::string>{"Go", "R", "Oracle PL/SQL"}));
  auto semi = parse_text("Jane Doe\n\nSkills\nGitHub; Google Analytics; UNIX Shell\n");
  EXPECT_EQ(semi.profile.skills.at(0).keywords,
            (std::vector<std::string>{"GitHub", "Google Analytics", "UNIX Shell"}));
  auto list = parse_text("Jane Doe\n\nSkills\n- Jenkins CI\n- Apple macOS\n• Docker\n");
  EXPECT_EQ(list.profile.skills.at(0).keywords,
            (std::vector<std::string>{"Jenkins CI", "Apple macOS", "Docker"}));
  auto brackets = parse_text("Jane Doe\n\nSkills\nPython (Django, Flask), Docker\n");
  EXPECT_EQ(brackets.profile.skills.at(0).keywords,
            (std::vector<std::string>{"Python (Django, Flask)", "Docker"}));
}

TEST(ResumeSkills, CanonicalSkillsUseTheSkillsContext) {
  auto r = parse_text(
      "Jane Doe\n\nSummary\nI write JS and Go to work every day.\n\nSkills\nR, k8s, Postgres, "
      "C++\n");
  // "Go" in prose is not a skill; "R" in the skills section is.
  EXPECT_EQ(r.skills,
            (std::vector<std::string>{"C++", "JavaScript", "Kubernetes", "PostgreSQL", "R"}));
}

TEST(ResumeSkills, SpokenLanguagesAmongSkillsMoveToLanguages) {
  auto r = parse_text("Jane Doe\n\nSkills\nTools: Docker, Git\nLanguages: English, German (B2)\n");
  ASSERT_EQ(r.profile.skills.size(), 1u);
  ASSERT_EQ(r.profile.languages.size(), 2u);
  EXPECT_EQ(r.profile.languages[1].language, "German");
  EXPECT_EQ(r.profile.languages[1].fluency, "B2");
}

TEST(ResumeSections, LanguagesCertificatesAwardsProjects) {
  auto r = parse_text(
      "Jane Doe\n\nLanguages\nEnglish (Native), French – Fluent, Spanish: Intermediate\n\n"
      "Certifications\nAWS Certified Solutions Architect – Amazon Web Services, 2021\n\n"
      "Awards\nBest Paper Award, ACM SIGMOD, 2019\n\n"
      "Projects\nPathfinder: a route planner for cyclists\n- Wrote the graph search in C++\n"
      "Ledger\n- Double-entry bookkeeping in Go\n");
  const auto& p = r.profile;
  ASSERT_EQ(p.languages.size(), 3u);
  EXPECT_EQ(p.languages[0].language, "English");
  EXPECT_EQ(p.languages[0].fluency, "Native");
  EXPECT_EQ(p.languages[1].fluency, "Fluent");
  EXPECT_EQ(p.languages[2].fluency, "Intermediate");
  ASSERT_EQ(p.certificates.size(), 1u);
  auto level =
      parse_text("Jane Doe\n\nCertifications\n• AWS Certified Developer – Associate (2020)\n");
  ASSERT_EQ(level.profile.certificates.size(), 1u);
  EXPECT_EQ(level.profile.certificates[0].name, "AWS Certified Developer – Associate");
  EXPECT_FALSE(level.profile.certificates[0].issuer);
  EXPECT_EQ(level.profile.certificates[0].date, "2020");
  EXPECT_EQ(p.certificates[0].name, "AWS Certified Solutions Architect");
  EXPECT_EQ(p.certificates[0].issuer, "Amazon Web Services");
  EXPECT_EQ(p.certificates[0].date, "2021");
  ASSERT_EQ(p.awards.size(), 1u);
  EXPECT_EQ(p.awards[0].title, "Best Paper Award");
  EXPECT_EQ(p.awards[0].awarder, "ACM SIGMOD");
  ASSERT_EQ(p.projects.size(), 2u);
  EXPECT_EQ(p.projects[0].name, "Pathfinder");
  EXPECT_EQ(p.projects[0].description, "a route planner for cyclists");
  EXPECT_EQ(p.projects[0].highlights, (std::vector<std::string>{"Wrote the graph search in C++"}));
  EXPECT_EQ(p.projects[1].name, "Ledger");
}

}  // namespace
}  // namespace aligncv::resume
