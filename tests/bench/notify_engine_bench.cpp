// The whole new-match path of an import (issue 6, item 7): 10,000 users with a résumé each,
// 1,000 newly imported postings. One iteration is Engine::import_jobs of 1,000 postings new to the
// catalogue: saving them, a small index of the new postings, each interested user's newest
// résumé read from the store and scored against it, the rules (threshold, dedup, cap), and the
// notifications, dedup rows and outbox rows written in one transaction. Target <= 5 s on one core:
//
//   taskset -c 0 build/bin/notify_engine_bench --benchmark_min_time=1
//
// The 10,000 users and their documents are written straight into the store (signing up and
// parsing 10,000 résumés through the Engine would take minutes and is measured elsewhere); five
// résumé templates give varied scores, and every user has min_match_score 0.6 so that most users
// get matches (up to the cap of 10) and the writes are part of what is measured.
#include <aligncv/engine.hpp>
#include <aligncv/store.hpp>

#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace aligncv;

constexpr int kUsers = 10'000;
constexpr int kPostings = 1'000;

const char* kTemplates[] = {
    "Jane Doe\nSenior Backend Engineer\nBerlin\n\nEXPERIENCE\nSenior Backend Engineer, Northwind, Mar 2017 - "
    "Present\n* Built Python services on PostgreSQL and AWS with Docker and Kubernetes\n\nSKILLS\nPython, "
    "PostgreSQL, AWS, Docker, Kubernetes\n",
    "Max Roe\nData Engineer\nMunich\n\nEXPERIENCE\nData Engineer, Contoso, Jan 2019 - Present\n* Built dbt and "
    "Airflow pipelines on Snowflake and Spark with SQL and Python\n\nSKILLS\nSQL, Python, Spark, Airflow, dbt\n",
    "Ana Lee\nRegistered Nurse\nHamburg\n\nEXPERIENCE\nRegistered Nurse, City Hospital, 2015 - Present\n* Patient "
    "care, medication administration and triage in the emergency department\n\nSKILLS\nPatient Care, Triage\n",
    "Sam Park\nFrontend Developer\nRemote\n\nEXPERIENCE\nFrontend Developer, Fabrikam, 2020 - Present\n* Built "
    "React and TypeScript apps with JavaScript, HTML and CSS\n\nSKILLS\nReact, TypeScript, JavaScript, CSS\n",
    "Kim Diaz\nAccountant\nCologne\n\nEXPERIENCE\nAccountant, Tailspin, 2016 - Present\n* Prepared financial "
    "statements, reconciliations and tax filings in Excel and SAP\n\nSKILLS\nAccounting, Excel, SAP\n",
};

// A data folder with kUsers users, each with one of the templates as their newest document.
class World {
 public:
  World() {
    dir_ = std::filesystem::temp_directory_path() / ("aligncv-notify-bench-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    {
      auto store = open_sqlite_store((dir_ / "aligncv.db").string());
      std::vector<Json> parsed;
      for (const char* text : kTemplates) parsed.push_back(to_json(parse_document("resume.txt", text)));
      notify::NotificationSettings settings;
      settings.min_match_score = 0.6;
      const Json stored = notify::to_storage_json(settings);
      for (int u = 0; u < kUsers; ++u) {
        UserRecord user;
        user.id = "user-" + std::to_string(u);
        user.email = user.id + "@example.com";
        user.email_key = user.email;
        user.name = "User " + std::to_string(u);
        user.created_at = user.updated_at = 1;
        store->create_user(user, stored);
        const Json& p = parsed[static_cast<std::size_t>(u) % parsed.size()];
        DocumentRecord d;
        d.id = "doc-" + std::to_string(u);
        d.user_id = user.id;
        d.file_name = "resume.txt";
        d.file_type = "txt";
        d.mime_type = "text/plain";
        d.storage_path = "none";
        d.text = p["text"].get<std::string>();
        d.file_size = static_cast<int64_t>(d.text.size());
        d.profile = p["profile"];
        d.skills = p["skills"];
        d.roles = p["roles"];
        d.created_at = d.updated_at = 1;
        store->insert_document(d);
      }
    }
    Options o;
    o.data_dir = dir_.string();
    o.log_to_console = false;
    o.log_file = "";
    o.jwt_secret_key = std::string(48, 'k');
    o.demo_jobs = false;
    engine = Engine::open(o);
    admin.is_admin = true;
    catalogue = demo_jobs();
  }
  ~World() {
    engine.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // kPostings postings that are new to the catalogue (a fresh company suffix per run).
  std::string payload() {
    Json records = Json::array();
    for (int i = 0; i < kPostings; ++i) {
      Json r = match::to_json(catalogue[static_cast<std::size_t>(i) % catalogue.size()]);
      r["company"] = r["company"].get<std::string>() + " " + std::to_string(run) + "-" + std::to_string(i);
      records.push_back(std::move(r));
    }
    ++run;
    return records.dump();
  }

  std::unique_ptr<Engine> engine;
  Principal admin;
  std::vector<match::Job> catalogue;
  int run = 0;

 private:
  std::filesystem::path dir_;
};

void BM_ImportWithNotifications(benchmark::State& state) {
  static World world;  // built once (about a minute), outside the measurement
  int64_t notifications = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string body = world.payload();
    state.ResumeTiming();
    const ImportSummary summary = world.engine->import_jobs(world.admin, body, "json", "");
    benchmark::DoNotOptimize(summary.new_jobs);
  }
  Principal someone;
  someone.user_id = "user-0";
  notifications = world.engine->notifications(someone).total;
  state.counters["users"] = kUsers;
  state.counters["new_postings"] = kPostings;
  state.counters["user0_notifications"] = static_cast<double>(notifications);
}
BENCHMARK(BM_ImportWithNotifications)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
