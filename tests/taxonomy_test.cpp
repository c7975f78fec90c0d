#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <aligncv/error.hpp>
#include <aligncv/taxonomy.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "taxonomy/embedded_data.hpp"

namespace aligncv::taxonomy {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

const Taxonomy& tax() { return Taxonomy::builtin(); }

std::vector<std::string> skills(std::string_view text, bool skills_context = false) {
  FindOptions options;
  options.skills_context = skills_context;
  return canonical_names(tax().find_skills(text, options));
}

std::vector<std::string> titles(std::string_view text) {
  return canonical_names(tax().find_titles(text));
}

TEST(TaxonomyTest, AliasesMapToCanonicalNames) {
  EXPECT_THAT(skills("JS, k8s, Postgres, golang, C Sharp, nodejs", true),
              ElementsAre("C#", "Go", "JavaScript", "Kubernetes", "Node.js", "PostgreSQL"));
  EXPECT_THAT(skills("Postgresql and NodeJS, React.js, Golang, sklearn"),
              ElementsAre("Go", "Node.js", "PostgreSQL", "React", "scikit-learn"));
  EXPECT_EQ(tax().canonical_skill("k8s"), "Kubernetes");
  EXPECT_EQ(tax().canonical_skill("postgresql"), "PostgreSQL");
  EXPECT_EQ(tax().canonical_skill("  Node JS "), "Node.js");
  EXPECT_EQ(tax().canonical_skill("C Sharp"), "C#");
  EXPECT_EQ(tax().canonical_skill("golang"), "Go");
  EXPECT_EQ(tax().canonical_skill("Amazon Web Services"), "AWS");
  EXPECT_EQ(tax().canonical_skill("Oracle Java"), "Java");  // the O*NET name still resolves
  EXPECT_EQ(tax().canonical_skill("no such skill"), std::nullopt);
}

TEST(TaxonomyTest, ApiExamplesUseFamiliarCanonicalNames) {
  EXPECT_THAT(skills("Python (FastAPI), PostgreSQL, Docker and AWS; JavaScript, C++, Node.js"),
              ElementsAre("AWS", "C++", "Docker", "FastAPI", "JavaScript", "Node.js", "PostgreSQL",
                          "Python"));
  EXPECT_THAT(skills("Kubernetes, Terraform and Kafka"),
              ElementsAre("Kafka", "Kubernetes", "Terraform"));
}

TEST(TaxonomyTest, JavaIsNotFoundInsideJavaScript) {
  EXPECT_THAT(skills("Frontend work in JavaScript and Javascript"), ElementsAre("JavaScript"));
  EXPECT_THAT(skills("Java and JavaScript"), ElementsAre("Java", "JavaScript"));
}

TEST(TaxonomyTest, NamesEndingOrStartingInSymbolsAreFound) {
  const std::string text = "Modern C++17 and C#, .NET, ASP.NET, Node.js, Objective-C; CI/CD.";
  EXPECT_THAT(skills(text),
              ElementsAre(".NET", "ASP.NET", "C#", "C++", "CI/CD", "Node.js", "Objective-C"));
  const auto mentions = tax().find_skills(text);
  ASSERT_FALSE(mentions.empty());
  EXPECT_EQ(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin), "C++");
}

TEST(TaxonomyTest, WordBoundariesAreRequiredAroundLettersAndDigits) {
  EXPECT_THAT(skills("Pythonic code, Rubyist habits, Gitter chat"), IsEmpty());
  EXPECT_THAT(skills("•Python •Django"), ElementsAre("Django", "Python"));
  EXPECT_THAT(skills("Python’s ecosystem"), ElementsAre("Python"));
}

TEST(TaxonomyTest, GoCountsOnlyInSkillsContextAndExactCase) {
  EXPECT_THAT(skills("Go to market with the sales team."), IsEmpty());
  EXPECT_THAT(skills("We go where Go-to-market goes"), IsEmpty());
  EXPECT_THAT(skills("Languages: Go, Rust", true), ElementsAre("Go", "Rust"));
  EXPECT_THAT(skills("languages: go, rust", true), IsEmpty());
  // A list of skills in running text is a skills context too.
  EXPECT_THAT(skills("Built services in Python, Go and Rust."),
              ElementsAre("Go", "Python", "Rust"));
  EXPECT_THAT(skills("Go, the board game"), IsEmpty());
  // So is a list written one item per line.
  EXPECT_THAT(skills("Skills\n- Python\n- Go\n- R\n"), ElementsAre("Go", "Python", "R"));
  EXPECT_THAT(skills("I like Python.\nGo\n"), ElementsAre("Python"));
}

TEST(TaxonomyTest, ROnlyInSkillsContextAndExactCaseAndRAndDIsNotR) {
  EXPECT_THAT(skills("R&D budget of 2M", true), IsEmpty());
  EXPECT_THAT(skills("Led the R and D team"), IsEmpty());
  EXPECT_THAT(skills("r, python", true), ElementsAre("Python"));
  EXPECT_THAT(skills("R, Python, SQL", true), ElementsAre("Python", "R", "SQL"));
  EXPECT_THAT(skills("Statistics in R"), IsEmpty());
  EXPECT_THAT(skills("C, C++ and C-level reporting", true), ElementsAre("C", "C++"));
}

TEST(TaxonomyTest, CommonEnglishWordsNeedTheCaseOfTheSkill) {
  EXPECT_THAT(skills("I excel at word problems, have access to teams and react fast"), IsEmpty());
  EXPECT_THAT(
      skills("Excel, Word, Access, Teams", true),
      ElementsAre("Microsoft Access", "Microsoft Excel", "Microsoft Teams", "Microsoft Word"));
  EXPECT_THAT(skills("Dashboards in Excel and apps in React"),
              ElementsAre("Microsoft Excel", "React"));
  EXPECT_THAT(skills("Our project went well", true), IsEmpty());
}

TEST(TaxonomyTest, LongestMatchWins) {
  const std::string text = "Administered Microsoft SQL Server 2019";
  const auto mentions = tax().find_skills(text);
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].canonical, "Microsoft SQL Server");
  EXPECT_EQ(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin),
            "Microsoft SQL Server");
  EXPECT_THAT(skills("React Native and Ruby on Rails"),
              ElementsAre("React Native", "Ruby on Rails"));
}

TEST(TaxonomyTest, MentionsAreLeftToRightWithoutOverlaps) {
  const std::string text =
      "Apache Spark SQL pipelines on Amazon Web Services with Microsoft Visual Studio Code, "
      "Spring Boot and Spring, Google Cloud Platform, Amazon EC2 and Amazon S3.";
  const auto mentions = tax().find_skills(text);
  ASSERT_GE(mentions.size(), 6u);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    EXPECT_LT(mentions[i].begin, mentions[i].end);
    EXPECT_LE(mentions[i].end, text.size());
    if (i > 0) {
      EXPECT_LE(mentions[i - 1].end, mentions[i].begin);
    }
  }
  EXPECT_THAT(canonical_names(mentions), Contains("Amazon EC2"));
  EXPECT_THAT(canonical_names(mentions), Contains("Spring Boot"));
}

TEST(TaxonomyTest, OffsetsPointIntoTheOriginalText) {
  const std::string text = "Tools:\n  Microsoft\n   SQL \t Server,\u00a0Excel";
  const auto mentions = tax().find_skills(text);
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin),
            "Microsoft\n   SQL \t Server");
  EXPECT_EQ(text.substr(mentions[1].begin, mentions[1].end - mentions[1].begin), "Excel");
}

TEST(TaxonomyTest, AddressesAreNotMentions) {
  EXPECT_THAT(skills("github.com/jane/python-tools https://example.com/react jane@docker.io"),
              IsEmpty());
  EXPECT_THAT(skills("LinkedIn: linkedin.com/in/jane"), IsEmpty());
  EXPECT_THAT(skills("Social media: Facebook, LinkedIn, Instagram"),
              ElementsAre("Facebook", "Instagram", "LinkedIn"));
}

TEST(TaxonomyTest, CanonicalNamesAreSortedCaseInsensitivelyAndDeduplicated) {
  const std::vector<Mention> mentions = {{"scikit-learn", 0, 1}, {"Python", 2, 3},
                                         {"AWS", 4, 5},          {"Python", 6, 7},
                                         {"aws-cli", 8, 9},      {".NET", 10, 11}};
  EXPECT_THAT(canonical_names(mentions),
              ElementsAre(".NET", "AWS", "aws-cli", "Python", "scikit-learn"));
  EXPECT_THAT(canonical_names({}), IsEmpty());
}

TEST(TaxonomyTest, TitlesMapToCanonicalTitles) {
  EXPECT_THAT(titles("Senior Backend Engineer at Northwind Analytics"),
              ElementsAre("Backend Developer"));
  EXPECT_THAT(titles("Staff Software Engineer; before that a front-end developer"),
              ElementsAre("Frontend Developer", "Software Engineer"));
  EXPECT_THAT(titles("Lead SRE and DevOps Engineer"),
              ElementsAre("DevOps Engineer", "Site Reliability Engineer"));
  EXPECT_THAT(titles("Registered Nurses and Software Developers"),
              ElementsAre("Registered Nurse", "Software Developer"));
  EXPECT_THAT(titles("Product Manager, then Data Scientist"),
              ElementsAre("Data Scientist", "Product Manager"));
  EXPECT_THAT(titles("sre team, a data model"), IsEmpty());
}

TEST(TaxonomyTest, RelatedSkillsComeFromTheData) {
  const auto related = tax().related_skills("Python");
  EXPECT_EQ(related.size(), 10u);
  EXPECT_THAT(related, Not(Contains("Python")));
  EXPECT_THAT(related, Contains("Java"));
  EXPECT_EQ(tax().related_skills("Python", 3).size(), 3u);
  EXPECT_THAT(tax().related_skills("FastAPI"), Contains("Python"));
  EXPECT_THAT(tax().related_skills("k8s"), Contains("Docker"));
  EXPECT_THAT(tax().related_skills("no such skill"), IsEmpty());
}

TEST(TaxonomyTest, TitlesRelateThroughTheirOccupations) {
  EXPECT_EQ(tax().title_relation("Data Engineer", "Database Architect"), TitleRelation::SameRole);
  EXPECT_EQ(tax().title_relation("ETL Developer", "data warehousing specialist"), TitleRelation::SameRole);
  EXPECT_EQ(tax().title_relation("Data Engineer", "Data Scientist"), TitleRelation::SameField);
  EXPECT_EQ(tax().title_relation("Data Engineer", "Sales Engineer"), TitleRelation::Unrelated);
  EXPECT_EQ(tax().title_relation("Data Engineer", "Astronaut of the Year"), TitleRelation::Unknown);
}

TEST(TaxonomyTest, FromTsvBuildsATinyVocabulary) {
  const std::string skills_tsv =
      "# a comment\r\n"
      "name\tforms\tcategory\thot\trelated\r\n"
      "Widget Studio\tWidget Studio|WS~c\tTools\tY\tGadget|Nope\r\n"
      "Gadget\tGadget|Gizmo~cx\tTools\tN\tWidget Studio\r\n"
      "Descriptive thing\t\tTools\tN\t\r\n";
  const std::string titles_tsv = "title\tforms\tonet\nWidget Maker\tWidget Maker|WM~c\t\n";
  const Taxonomy t = Taxonomy::from_tsv(skills_tsv, titles_tsv);
  EXPECT_EQ(t.skill_count(), 3u);
  EXPECT_EQ(t.title_count(), 1u);
  EXPECT_THAT(canonical_names(t.find_skills("widget studio and ws and WS; a Gizmo")),
              ElementsAre("Widget Studio"));
  EXPECT_THAT(canonical_names(t.find_skills("WS, Gizmo, descriptive thing")),
              ElementsAre("Gadget", "Widget Studio"));
  EXPECT_EQ(t.canonical_skill("gizmo"), "Gadget");
  EXPECT_EQ(t.canonical_skill("descriptive thing"), "Descriptive thing");
  EXPECT_THAT(t.related_skills("Widget Studio"), ElementsAre("Gadget"));
  EXPECT_THAT(canonical_names(t.find_titles("A WM and a widget maker")),
              ElementsAre("Widget Maker"));

  // Without a forms column, every name is its own spelling.
  const Taxonomy plain = Taxonomy::from_tsv("name\nRust\nZig\n", "name\nPilot\n");
  EXPECT_THAT(canonical_names(plain.find_skills("rust and ZIG")), ElementsAre("Rust", "Zig"));
  EXPECT_THAT(canonical_names(plain.find_titles("pilot")), ElementsAre("Pilot"));
}

TEST(TaxonomyTest, FromTsvRejectsTextsWithoutHeaderOrNames) {
  try {
    Taxonomy::from_tsv("# only a comment\n", "title\n");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
  }
  EXPECT_THROW(Taxonomy::from_tsv("forms\nx\n", "title\n"), Error);
}

TEST(TaxonomyTest, BuiltinLoadsMoreThanFiveThousandSkillsQuickly) {
  const std::string skills_tsv = detail::embedded_file("skills.tsv");
  const std::string titles_tsv = detail::embedded_file("titles.tsv");
  ASSERT_FALSE(skills_tsv.empty());
  const auto start = std::chrono::steady_clock::now();
  const Taxonomy fresh = Taxonomy::from_tsv(skills_tsv, titles_tsv);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GT(fresh.skill_count(), 5000u);
  EXPECT_GT(fresh.title_count(), 1000u);
  EXPECT_LT(elapsed, std::chrono::seconds(2));  // about 50 ms in a release build

  // One instance, whichever thread asks first.
  std::vector<const Taxonomy*> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] { seen[i] = &Taxonomy::builtin(); });
  }
  for (auto& th : threads) th.join();
  for (const Taxonomy* p : seen) EXPECT_EQ(p, &Taxonomy::builtin());
  EXPECT_EQ(Taxonomy::builtin().skill_count(), fresh.skill_count());
}

}  // namespace
}  // namespace aligncv::taxonomy
