// Token verification throughput and login latency at the default Argon2id cost.
// Run: build/bin/auth_bench   (figures and command lines in docs/benchmarks.md)
#include <aligncv/aligncv.hpp>
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

namespace {

struct Fixture {
  Fixture() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() / ("aligncv-bench-" + std::to_string(rd()));
    aligncv::Options o;
    o.data_dir = dir.string();
    o.log_to_console = false;
    o.log_file = "";
    o.jwt_secret_key = std::string(64, 's');  // default Argon2id cost (m=19456, t=2, p=1)
    engine = aligncv::Engine::open(o);
    auto r = engine->signup({{"name", "Bench"}, {"email", "bench@example.com"}, {"password", "benchmark-pass"}});
    access_token = r.tokens.access_token;
    codec = std::make_unique<aligncv::auth::TokenCodec>(o.jwt_secret_key, "HS256", aligncv::system_clock());
  }
  ~Fixture() {
    engine.reset();
    std::filesystem::remove_all(dir);
  }
  std::filesystem::path dir;
  std::unique_ptr<aligncv::Engine> engine;
  std::unique_ptr<aligncv::auth::TokenCodec> codec;
  std::string access_token;
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// Signature and claims only.
void BM_TokenVerify(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.codec->verify(f.access_token, "access"));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TokenVerify);

// What every bearer request pays: signature, claims and the revocation lookup in SQLite.
void BM_Authenticate(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.engine->authenticate(f.access_token));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Authenticate)->Threads(1)->Threads(2);

// A whole successful login; the median of the repetitions is the p50.
void BM_LoginDefaultArgon2(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.engine->login({{"email", "bench@example.com"}, {"password", "benchmark-pass"}}));
  }
}
BENCHMARK(BM_LoginDefaultArgon2)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(25)->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
