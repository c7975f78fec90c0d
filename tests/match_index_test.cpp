#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <aligncv/error.hpp>
#include <aligncv/match.hpp>

#include <cmath>
#include <functional>
#include <map>

namespace aligncv::match {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

const taxonomy::Taxonomy& tax() { return taxonomy::Taxonomy::builtin(); }

Job posting(std::string id, std::string title, std::vector<std::string> required,
            std::vector<std::string> preferred, std::string description, std::string level = "mid") {
  Job j;
  j.job_id = std::move(id);
  j.title = std::move(title);
  j.company = "Example Co";
  j.required_skills = std::move(required);
  j.preferred_skills = std::move(preferred);
  j.description = std::move(description);
  j.experience_level = std::move(level);
  j.location = "Berlin, Germany";
  return j;
}

Candidate backend_engineer() {
  Candidate c;
  c.text =
      "Jane Doe\nSenior Backend Engineer\nBuilt Python services on PostgreSQL and AWS\n"
      "Skills: Python, PostgreSQL, AWS, Docker\n";
  c.skills = {{"Python", 3, "Built Python services on PostgreSQL and AWS"},
              {"PostgreSQL", 3, "Built Python services on PostgreSQL and AWS"},
              {"AWS", 3, "Built Python services on PostgreSQL and AWS"},
              {"Docker", 4, "Skills: Python, PostgreSQL, AWS, Docker"}};
  c.positions = {"Senior Backend Engineer"};
  c.experience_years = 7.2;
  c.experience_known = true;
  c.location = "Berlin";
  return c;
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index.upsert(std::vector<Job>{
        posting("00000000000000a1", "Senior Backend Engineer", {"Python", "PostgreSQL", "AWS", "Kubernetes"},
                {"Terraform"}, "Own our Python services on PostgreSQL. 5+ years of experience.", "senior"),
        posting("00000000000000b2", "Pastry Chef", {}, {}, "Bake bread and pastries for our restaurant kitchen.",
                "mid"),
        posting("00000000000000c3", "Data Analyst", {"SQL", "Microsoft Excel"}, {},
                "Analyse sales data and build dashboards.", "entry")});
  }
  Index index{tax()};
};

TEST_F(IndexTest, RanksTheFittingPostingFirstWithAnExplanation) {
  const Candidate c = backend_engineer();
  auto hits = index.search(&c, {}, 3);
  ASSERT_EQ(hits.size(), 3u);
  const Hit& best = hits[0];
  EXPECT_EQ(best.job->job_id, "00000000000000a1");
  EXPECT_GT(best.combined_score, hits[1].combined_score);
  EXPECT_THAT(best.missing_required, ElementsAre("Kubernetes"));
  EXPECT_THAT(best.missing_preferred, ElementsAre("Terraform"));
  ASSERT_GE(best.matched.size(), 3u);
  EXPECT_EQ(best.matched[0].skill, "Python");
  EXPECT_EQ(best.matched[0].line, 3);
  EXPECT_EQ(best.experience_fit, "meets");
  EXPECT_EQ(*best.components.title, 100.0);
  EXPECT_EQ(*best.components.location, 100.0);
  EXPECT_NE(best.summary.find("3 of 4 required skills"), std::string::npos) << best.summary;
  EXPECT_NE(best.summary.find("Kubernetes is missing"), std::string::npos) << best.summary;
  double total_weight = 0;
  for (const auto& [name, w] : best.weights) total_weight += w;
  EXPECT_NEAR(total_weight, 1.0, 0.01);
}

TEST_F(IndexTest, FiltersAndQueryBoost) {
  const Candidate c = backend_engineer();
  Filters f;
  f.experience_level = "entry";
  auto hits = index.search(&c, f, 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].job->title, "Data Analyst");

  Filters q;
  q.query = "bread kitchen";
  hits = index.search(nullptr, q, 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].job->title, "Pastry Chef");
  EXPECT_THAT(hits[0].query_terms_matched, ElementsAre("bread", "kitchen"));
  EXPECT_DOUBLE_EQ(hits[0].query_boost, 10.0);
  EXPECT_FALSE(hits[0].components.skills.has_value());

  Filters salary;
  salary.min_salary = 1;
  EXPECT_TRUE(index.search(&c, salary, 10).empty());  // no posting states a salary
}

TEST_F(IndexTest, MinScoreDropsWeakHits) {
  const Candidate c = backend_engineer();
  Filters f;
  f.min_score = 0.99;
  EXPECT_TRUE(index.search(&c, f, 10).empty());
}

TEST_F(IndexTest, AScoreFloorSkipsOnlyPostingsThatCannotReachIt) {
  const Candidate c = backend_engineer();
  const auto all = index.search(&c, {}, 10);
  for (double floor : {0.0, 0.2, 0.4, 0.6, 0.8}) {
    Filters f;
    f.min_score = floor;
    std::vector<std::string> expected, got;
    for (const auto& h : all) {
      if (std::round(h.combined_score) / 100.0 >= floor) expected.push_back(h.job->job_id);
    }
    for (const auto& h : index.search(&c, f, 10)) got.push_back(h.job->job_id);
    EXPECT_EQ(got, expected) << "floor " << floor;
  }
}

TEST_F(IndexTest, UpsertReplacesAndRemoveForgets) {
  EXPECT_EQ(index.size(), 3u);
  Job updated = *index.job("00000000000000b2");
  updated.title = "Head Baker";
  index.upsert(updated);
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.job("00000000000000b2")->title, "Head Baker");
  Filters q;
  q.query = "baker";
  EXPECT_EQ(index.search(nullptr, q, 10).size(), 1u);
  q.query = "chef";
  EXPECT_TRUE(index.search(nullptr, q, 10).empty());
  EXPECT_TRUE(index.remove("00000000000000b2"));
  EXPECT_FALSE(index.remove("00000000000000b2"));
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.job("00000000000000b2"), nullptr);
  EXPECT_GT(index.memory_bytes(), 0u);
}

TEST_F(IndexTest, RelatedSkillsGivePartialCredit) {
  // A skill the posting asks for, shown only through one the taxonomy relates to it.
  const auto related = tax().related_skills("Kubernetes", 10);
  ASSERT_FALSE(related.empty());
  Index small(tax());
  small.upsert(posting("00000000000000d4", "Platform Engineer", {"Kubernetes"}, {}, "Run clusters."));
  Candidate c;
  c.text = "Skills: " + related[0];
  c.skills = {{related[0], 1, c.text}};
  auto hits = small.search(&c, {}, 1);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(*hits[0].components.skills, 50.0);
  ASSERT_EQ(hits[0].matched.size(), 1u);
  EXPECT_EQ(hits[0].matched[0].via, related[0]);
}

TEST_F(IndexTest, TitlesCompareThroughTheirOccupations) {
  // Data Engineer and Database Architect share O*NET 15-1243; Sales Engineer shares only a word.
  Index small(tax());
  small.upsert(std::vector<Job>{
      posting("00000000000000e1", "Database Architect", {}, {}, "Design our databases."),
      posting("00000000000000e2", "Sales Engineer", {}, {}, "Support our sales team."),
      posting("00000000000000e3", "Pastry Chef", {}, {}, "Bake bread.")});
  Candidate c;
  c.text = "Senior Data Engineer\nBuilt pipelines.";
  c.positions = {"Senior Data Engineer"};
  std::map<std::string, double> title;
  for (const auto& hit : small.search(&c, {}, 3)) title[hit.job->title] = *hit.components.title;
  EXPECT_GE(title["Database Architect"], 85.0);
  EXPECT_LE(title["Sales Engineer"], 20.0);
  EXPECT_GT(title["Database Architect"], title["Sales Engineer"]);
}

TEST_F(IndexTest, OrderIsStableForEqualScores) {
  Index twins(tax());
  twins.upsert(std::vector<Job>{posting("00000000000000f2", "Chef", {}, {}, "Cook."),
                                posting("00000000000000f1", "Chef", {}, {}, "Cook.")});
  Filters q;
  q.query = "chef";
  auto hits = twins.search(nullptr, q, 2);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].job->job_id, "00000000000000f1");
}

}  // namespace
}  // namespace aligncv::match

namespace aligncv::match {
namespace {

// Vectors from the first word of each text: texts starting alike are identical, others orthogonal.
class FirstWordEmbedder : public Embedder {
 public:
  std::string name() const override { return "first-word"; }
  std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
    ++calls;
    if (fail) throw Error(ErrorCode::Unavailable, "Embeddings service failed: HTTP 500");
    std::vector<std::vector<float>> out;
    for (const auto& t : texts) {
      std::vector<float> v(8, 0.0f);
      v[std::hash<std::string>()(t.substr(0, t.find_first_of(" \n"))) % 8] = 1.0f;
      out.push_back(v);
    }
    return out;
  }
  int calls = 0;
  bool fail = false;
};

TEST(IndexEmbeddings, DenseSimilarityJoinsTheSemanticComponent) {
  auto embedder = std::make_shared<FirstWordEmbedder>();
  Index index(tax());
  index.set_embedder(embedder);
  index.upsert(std::vector<Job>{posting("00000000000000e1", "Gardener", {}, {}, "Tend plants."),
                                posting("00000000000000e2", "Welder", {}, {}, "Join metal.")});
  EXPECT_EQ(embedder->calls, 1);  // one batch for the whole upsert
  Candidate c;
  c.text = "Gardener with ten years in parks";
  Filters none;
  auto with_dense = index.search(&c, none, 2);
  ASSERT_EQ(with_dense.size(), 2u);
  EXPECT_EQ(with_dense[0].job->title, "Gardener");

  Index local(tax());
  local.upsert(std::vector<Job>{posting("00000000000000e1", "Gardener", {}, {}, "Tend plants."),
                                posting("00000000000000e2", "Welder", {}, {}, "Join metal.")});
  const double local_semantic = *local.search(&c, none, 1)[0].components.semantic;
  EXPECT_GT(*with_dense[0].components.semantic, local_semantic);  // identical vectors add 100 × 0.5

  embedder->fail = true;  // a failing service leaves the local layer
  auto fallback = index.search(&c, none, 2);
  ASSERT_EQ(fallback.size(), 2u);
  EXPECT_DOUBLE_EQ(*fallback[0].components.semantic, local_semantic);
}

}  // namespace
}  // namespace aligncv::match
