// The CPU's own speed at the emulator's job: OpenBLAS sgemm (Debian's libopenblas) of n x n x n, counted in
// the same unit as BM_EmulatedGemm, 32x32x32 tile matmul equivalents per second, so the two rows of one
// run give the emulator's fraction of what the machine can do (bench/RESULTS.md).
#include <benchmark/benchmark.h>
#include <cblas.h>

#include <random>
#include <vector>

namespace {

void BM_OpenBlasSgemm(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<float> a(static_cast<size_t>(n) * n), b(a.size()), c(a.size());
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (float& v : a) v = dist(rng);
  for (float& v : b) v = dist(rng);
  for (auto _ : state) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a.data(), n, b.data(), n, 0.0f, c.data(), n);
    benchmark::DoNotOptimize(c.data());
  }
  const double tiles = n / 32.0;
  state.counters["tile_matmuls_per_s"] =
      benchmark::Counter(tiles * tiles * tiles, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["GFLOP_per_s"] =
      benchmark::Counter(2.0 * n * n * n * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_OpenBlasSgemm)->Arg(1024)->Arg(2048)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
