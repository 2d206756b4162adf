// Compile-latency benchmarks: the whole pipeline on the reference GEMM, its independence from the
// problem size (nothing is unrolled per tile), each pass alone, files with 1..100 kernels, and batch
// throughput over 100 files on 1 and 2 worker threads.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "bench/bench_sources.h"
#include "compiler/compiler.h"
#include "compiler/frontend/frontend.h"
#include "compiler/parallel_compiler.h"

namespace {

// Front end + all passes, IR text recorded per pass (what the GUI and --dump-ir pay for).
void BM_CompileReferenceGemm(benchmark::State& state) {
  tt::SourceFile source = tt::bench::reference_gemm();
  tt::CompileOptions options;
  options.codegen = false;
  const std::string size = std::to_string(state.range(0));
  options.defines = {{"M", size}, {"N", size}, {"K", size}};
  for (auto _ : state) {
    tt::CompileResult result = tt::compile_source(source, options);
    if (!result.ok()) state.SkipWithError("compile failed");
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_CompileReferenceGemm)->RangeMultiplier(4)->Range(256, 16384)->Unit(benchmark::kMicrosecond);

// The same with codegen (all artifacts).
void BM_CompileAndGenerateReferenceGemm(benchmark::State& state) {
  tt::SourceFile source = tt::bench::reference_gemm();
  tt::CompileOptions options;
  for (auto _ : state) {
    tt::CompileResult result = tt::compile_source(source, options);
    if (!result.ok()) state.SkipWithError("compile failed");
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_CompileAndGenerateReferenceGemm)->Unit(benchmark::kMicrosecond);

// The front end alone (parse, definition-time evaluation, IR building) on the reference GEMM:
// the eager syntax and the richer Python evaluation must not slow the classic file down.
void BM_FrontendReferenceGemm(benchmark::State& state) {
  tt::SourceFile source = tt::bench::reference_gemm();
  for (auto _ : state) {
    tt::DiagnosticList diags;
    std::vector<tt::ir::Module> modules = tt::frontend::lower_source(source, {}, diags);
    if (modules.size() != 1) state.SkipWithError("front end failed");
    benchmark::DoNotOptimize(modules);
  }
}
BENCHMARK(BM_FrontendReferenceGemm)->Unit(benchmark::kMicrosecond);

// One pass of the pipeline (index range(0) in the trace), timed by the pass manager itself.
void BM_Pass(benchmark::State& state) {
  tt::SourceFile source = tt::bench::reference_gemm();
  tt::CompileOptions options;
  options.codegen = false;
  const auto index = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    tt::CompileResult result = tt::compile_source(source, options);
    const tt::PassTrace& trace = result.kernels.at(0).trace;
    if (trace.passes.size() <= index) {
      state.SkipWithError("pass did not run");
      break;
    }
    state.SetIterationTime(static_cast<double>(trace.passes[index].micros) * 1e-6);
  }
}

// Files with N kernels: cost should grow linearly with N.
void BM_CompileKernelsPerFile(benchmark::State& state) {
  tt::SourceFile source = tt::bench::multi_kernel_source(static_cast<int>(state.range(0)));
  tt::CompileOptions options;
  for (auto _ : state) {
    tt::CompileResult result = tt::compile_source(source, options);
    if (!result.ok() || result.kernels.size() != static_cast<size_t>(state.range(0))) state.SkipWithError("compile failed");
    benchmark::DoNotOptimize(result);
  }
  // Seconds per kernel: flat across N when the cost is linear.
  state.counters["s_per_kernel"] = benchmark::Counter(
      static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_CompileKernelsPerFile)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);

// 100 kernel files (reading, compiling, codegen; no writing) on range(0) worker threads.
void BM_BatchThroughput(benchmark::State& state) {
  static const std::vector<std::string> files = tt::bench::write_kernel_files(
      (std::filesystem::temp_directory_path() / "tt_bench_batch").string(), 100);
  tt::CompileOptions options;
  for (auto _ : state) {
    tt::ParallelCompiler compiler(files, options, static_cast<unsigned>(state.range(0)));
    for (size_t i = 0; i < files.size(); ++i) {
      if (!compiler.take(i).ok()) state.SkipWithError("compile failed");
    }
  }
  state.counters["files_per_s"] =
      benchmark::Counter(static_cast<double>(files.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BatchThroughput)->Arg(1)->Arg(2)->ArgName("jobs")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  // One benchmark per pass, named after it, in pipeline order: median of 9 repetitions of 200 compiles.
  // Fixed iterations: with manual time a pass of a few microseconds would otherwise take minutes of
  // whole compiles to reach the minimum measured time.
  for (size_t i = 0; i < tt::pipeline().size(); ++i) {
    benchmark::RegisterBenchmark(("BM_Pass/" + std::string(tt::pipeline()[i].name)).c_str(), BM_Pass)
        ->Arg(static_cast<int64_t>(i + 1))
        ->UseManualTime()
        ->Iterations(200)
        ->Repetitions(9)
        ->ReportAggregatesOnly(true)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
