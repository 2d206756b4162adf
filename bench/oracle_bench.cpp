// The oracle on the reference GEMM (assets/examples/example_gemm.py, 128x128x32 blocks): the whole
// interpreted program (grid, copies, gemm, fp16 output) at 256^3 .. 1024^3. Target: 1024^3 in a
// couple of seconds, so that checking any emulated kernel against the oracle stays interactive.
#include <benchmark/benchmark.h>

#include "bench/bench_sources.h"
#include "compiler/frontend/frontend.h"
#include "compiler/oracle/oracle.h"

namespace {

void BM_OracleReferenceGemm(benchmark::State& state) {
  const int64_t n = state.range(0);
  tt::frontend::FrontendOptions options;
  options.defines = {{"M", std::to_string(n)}, {"N", std::to_string(n)}, {"K", std::to_string(n)}};
  tt::DiagnosticList diags;
  std::vector<tt::ir::Module> modules = tt::frontend::lower_source(tt::bench::reference_gemm(), options, diags);
  if (diags.has_errors() || modules.empty()) {
    state.SkipWithError("front end failed");
    return;
  }
  std::vector<double> a(static_cast<size_t>(n * n)), b(static_cast<size_t>(n * n));
  for (size_t i = 0; i < a.size(); ++i) {
    a[i] = static_cast<double>(static_cast<int64_t>(i * 7 % 61) - 30) / 32;
    b[i] = static_cast<double>(static_cast<int64_t>(i * 13 % 59) - 29) / 32;
  }
  const std::map<std::string, tt::oracle::HostTensor> inputs = {{"A", {{n, n}, a}}, {"B", {{n, n}, b}}};
  for (auto _ : state) {
    tt::oracle::OracleResult result = tt::oracle::run_oracle(modules[0].funcs[0], inputs);
    if (!result.ok()) state.SkipWithError("oracle failed");
    benchmark::DoNotOptimize(result);
  }
  state.counters["GFLOP"] =
      benchmark::Counter(2.0 * static_cast<double>(n * n * n) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_OracleReferenceGemm)->RangeMultiplier(2)->Range(256, 1024)->Unit(benchmark::kMillisecond);

}  // namespace
