// Emulation throughput: the generated reference GEMM kernels on the CPU emulator (all cores' reader,
// compute and writer threads), in 32x32 tile matmuls per second of emulated kernel time. Building the
// kernels is not timed (manual time = the kernels' own run time as measured inside the emulator).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "app/emulate_kernel.h"
#include "bench/bench_sources.h"
#include "compiler/compiler.h"

namespace {

namespace fs = std::filesystem;

void BM_EmulatedGemm(benchmark::State& state) {
  const std::string size = std::to_string(state.range(0));
  tt::CompileOptions options;
  options.defines = {{"M", size}, {"N", size}, {"K", size}};
  tt::CompileResult result = tt::compile_source(tt::bench::reference_gemm(), options);
  std::string pattern = (fs::temp_directory_path() / "tt-bench-emu-XXXXXX").string();
  const fs::path dir = ::mkdtemp(pattern.data());
  if (!result.ok()) {
    state.SkipWithError("compile failed");
    return;
  }
  ttemu::RunOptions run;
  run.timeout = std::chrono::seconds(120);
  int runners = 0;
  for (auto _ : state) {
    ttemu::RunResult r;
    std::string error;
    if (!tt::app::emulate_kernel(result.kernels.at(0), dir, run, r, error)) {
      state.SkipWithError(error.c_str());
      break;
    }
    if (!r.passed) {
      state.SkipWithError(r.message.c_str());
      break;
    }
    state.SetIterationTime(r.kernel_run_ms * 1e-3);
    runners = r.runners;
  }
  const double tiles = static_cast<double>(state.range(0) / 32);
  state.counters["tile_matmuls_per_s"] =
      benchmark::Counter(tiles * tiles * tiles, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["runners"] = runners;  // host threads the emulated cores ran on (TTEMU_RUNNERS overrides)
  state.counters["output_tiles_per_s"] =
      benchmark::Counter(tiles * tiles, benchmark::Counter::kIsIterationInvariantRate);
  std::error_code ec;
  fs::remove_all(dir, ec);
}
BENCHMARK(BM_EmulatedGemm)
    ->Arg(256)
    ->Arg(1024)
    ->Arg(2048)
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

}  // namespace
