// Skill and title matching over a two-page résumé, and building the taxonomy from its data.
// Run: build/bin/taxonomy_bench
#include <benchmark/benchmark.h>
#include <aligncv/taxonomy.hpp>

#include <string>

#include "taxonomy/embedded_data.hpp"

namespace {

using aligncv::taxonomy::FindOptions;
using aligncv::taxonomy::Taxonomy;

// About 6,000 characters: two pages of a typical software résumé.
std::string resume_text() {
  std::string text =
      "Jane Doe\nSenior Backend Engineer\njane.doe@example.com | +49 30 1234567 | "
      "github.com/janedoe | linkedin.com/in/janedoe\n\n"
      "SUMMARY\nBackend engineer with 7 years of experience building Python and Go services on "
      "AWS, with a focus on PostgreSQL performance, observability and developer experience.\n\n"
      "EXPERIENCE\n";
  const char* jobs[] = {
      "Northwind Analytics, Berlin - Senior Backend Engineer, 2021 - present\n"
      "- Cut p99 latency of the billing API from 900 ms to 120 ms by reworking PostgreSQL "
      "indexes and caching hot paths in Redis.\n"
      "- Led the migration of 40 services from EC2 to Kubernetes (EKS) with Helm and Terraform; "
      "set up CI/CD with GitHub Actions and Argo CD.\n"
      "- Built an event pipeline on Kafka and Spark processing 2M events per day; dashboards in "
      "Grafana and Tableau for the finance team.\n"
      "- Mentored four engineers; ran the backend guild and the on-call rotation.\n",
      "Contoso GmbH, Hamburg - Software Engineer, 2018 - 2021\n"
      "- Developed REST APIs in FastAPI and Django for a logistics platform used by 300 depots.\n"
      "- Wrote data jobs in pandas and NumPy; trained scikit-learn models for demand forecasting.\n"
      "- Introduced unit testing with pytest, raising coverage from 35% to 85%.\n"
      "- Maintained the React and TypeScript admin front end; migrated it from webpack to Vite.\n",
      "Fabrikam Ltd, London - Junior Developer, 2016 - 2018\n"
      "- Maintained C# and .NET reporting tools on Microsoft SQL Server; automated Excel exports "
      "with VBA and PowerShell.\n"
      "- Built internal tools with Node.js and Express; deployed them on Azure with Docker.\n",
  };
  for (int round = 0; round < 4; ++round) {
    for (const char* job : jobs) text += job;
    text += "\n";
  }
  text +=
      "EDUCATION\nTU Berlin - BSc Computer Science, 2012 - 2016\n\n"
      "SKILLS\nLanguages: Python, Go, Java, C++, C#, R, SQL, JavaScript, TypeScript, Bash\n"
      "Frameworks: FastAPI, Django, Flask, Spring Boot, React, Node.js, .NET\n"
      "Data: PostgreSQL, MySQL, MongoDB, Redis, Kafka, Spark, Airflow, Snowflake, dbt\n"
      "Cloud & DevOps: AWS, GCP, Azure, Docker, Kubernetes, Terraform, Ansible, Jenkins, Git\n"
      "Tools: Jira, Confluence, Figma, Excel, Word, Slack\n\n"
      "LANGUAGES\nEnglish (fluent), German (native)\n";
  return text;
}

void BM_FindSkillsInResume(benchmark::State& state) {
  const Taxonomy& taxonomy = Taxonomy::builtin();
  const std::string text = resume_text();
  std::size_t found = 0;
  for (auto _ : state) {
    auto mentions = taxonomy.find_skills(text);
    found = mentions.size();
    benchmark::DoNotOptimize(mentions);
  }
  state.counters["mentions"] = static_cast<double>(found);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FindSkillsInResume)->Unit(benchmark::kMicrosecond);

void BM_FindSkillsInSkillsSection(benchmark::State& state) {
  const Taxonomy& taxonomy = Taxonomy::builtin();
  const std::string text = resume_text();
  const std::string section = text.substr(text.find("SKILLS"));
  FindOptions options;
  options.skills_context = true;
  for (auto _ : state) benchmark::DoNotOptimize(taxonomy.find_skills(section, options));
}
BENCHMARK(BM_FindSkillsInSkillsSection)->Unit(benchmark::kMicrosecond);

void BM_FindTitlesInResume(benchmark::State& state) {
  const Taxonomy& taxonomy = Taxonomy::builtin();
  const std::string text = resume_text();
  for (auto _ : state) benchmark::DoNotOptimize(taxonomy.find_titles(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FindTitlesInResume)->Unit(benchmark::kMicrosecond);

// What Taxonomy::builtin() costs on first use: parsing the embedded TSV and building automata.
void BM_BuildBuiltinTaxonomy(benchmark::State& state) {
  const std::string skills = aligncv::taxonomy::detail::embedded_file("skills.tsv");
  const std::string titles = aligncv::taxonomy::detail::embedded_file("titles.tsv");
  std::size_t count = 0;
  for (auto _ : state) {
    const Taxonomy taxonomy = Taxonomy::from_tsv(skills, titles);
    count = taxonomy.skill_count();
  }
  state.counters["skills"] = static_cast<double>(count);
}
BENCHMARK(BM_BuildBuiltinTaxonomy)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
