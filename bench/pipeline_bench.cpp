// Compile-latency benchmarks: the whole pipeline on the reference GEMM, its independence from the
// problem size (nothing is unrolled per tile), and the cost of each pass.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "compiler/compiler.h"

namespace {

tt::SourceFile reference_gemm() {
  const std::string path = TT_INSPECT_ASSETS_DIR "/examples/example_gemm.py";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return tt::SourceFile(path, text.str());
}

// Front end + all passes, IR text recorded per pass (what the GUI and --dump-ir pay for).
void BM_CompileReferenceGemm(benchmark::State& state) {
  tt::SourceFile source = reference_gemm();
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
BENCHMARK(BM_CompileReferenceGemm)->Arg(256)->Arg(1024)->Arg(4096)->Arg(16384)->Unit(benchmark::kMicrosecond);

// The same with codegen (all artifacts).
void BM_CompileAndGenerateReferenceGemm(benchmark::State& state) {
  tt::SourceFile source = reference_gemm();
  tt::CompileOptions options;
  for (auto _ : state) {
    tt::CompileResult result = tt::compile_source(source, options);
    if (!result.ok()) state.SkipWithError("compile failed");
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_CompileAndGenerateReferenceGemm)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
