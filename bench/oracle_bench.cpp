// The oracle's cost: the reference GEMM (assets/examples/example_gemm.py, 128x128x32 blocks), the
// whole interpreted program (grid, copies, gemm, fp16 output) at 256^3 .. 1024^3 (target: 1024^3
// in a couple of seconds, so that checking any emulated kernel stays interactive), and interpreted
// element-wise maps and reductions.
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

// Element-wise maps are interpreted node by node: the softmax-like rows of an n x n input (row max,
// exp2, row sum, divide) in 32-row blocks, n^2 elements through about ten IR nodes each, twice.
const char* kSoftmaxRows = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def softmax(M=1024, N=1024, block_M=32):
    @T.prim_func
    def main(X: T.Tensor((M, N), "float16"), Y: T.Tensor((M, N), "float16")):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            x = T.alloc_fragment((block_M, N), "float32")
            row_max = T.alloc_fragment((block_M,), "float32")
            row_sum = T.alloc_fragment((block_M,), "float32")
            T.copy(X[bx * block_M, 0], x)
            T.reduce_max(x, row_max, dim=1)
            for i, j in T.Parallel(block_M, N):
                x[i, j] = T.exp2(x[i, j] * 1.44269504 - row_max[i] * 1.44269504)
            T.reduce_sum(x, row_sum, dim=1)
            for i, j in T.Parallel(block_M, N):
                x[i, j] = x[i, j] / row_sum[i]
            T.copy(x, Y[bx * block_M, 0])

    return main
)";

void BM_OracleSoftmaxRows(benchmark::State& state) {
  const int64_t n = state.range(0);
  tt::frontend::FrontendOptions options;
  options.defines = {{"M", std::to_string(n)}, {"N", std::to_string(n)}};
  tt::DiagnosticList diags;
  std::vector<tt::ir::Module> modules =
      tt::frontend::lower_source(tt::SourceFile("softmax.py", kSoftmaxRows), options, diags);
  if (diags.has_errors() || modules.empty()) {
    state.SkipWithError("front end failed");
    return;
  }
  const auto inputs = tt::oracle::random_inputs(modules[0].funcs[0], 1);
  for (auto _ : state) {
    tt::oracle::OracleResult result = tt::oracle::run_oracle(modules[0].funcs[0], inputs);
    if (!result.ok()) state.SkipWithError("oracle failed");
    benchmark::DoNotOptimize(result);
  }
  state.counters["elements"] =
      benchmark::Counter(static_cast<double>(n * n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_OracleSoftmaxRows)->RangeMultiplier(2)->Range(256, 1024)->Unit(benchmark::kMillisecond);

}  // namespace
