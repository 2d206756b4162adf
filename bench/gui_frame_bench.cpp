// GUI frame-time benchmarks on llvmpipe (EGL, off-screen, 1600x1000, all panels): the reference
// GEMM, and a 4000-line source with a 100k-line IR per pass (target: > 30 frames/s, i.e. < 33 ms).
#include <benchmark/benchmark.h>

#include <memory>

#include "app/offscreen_renderer.h"
#include "compiler/compiler.h"
#include "viewer/viewer_state.h"
#include "viewer/workbench.h"
#include "viewer_fixture.h"

namespace {

using tt::viewer::SelectionOrigin;

// One renderer for the whole run (EGL + ImGui context set up once).
tt::app::OffscreenRenderer* renderer(benchmark::State& state) {
  static std::unique_ptr<tt::app::OffscreenRenderer> r;
  static std::string error;
  if (!r) {
    r = std::make_unique<tt::app::OffscreenRenderer>();
    if (!r->init(1600, 1000, error)) r.reset();
  }
  if (!r) state.SkipWithError(("no EGL/llvmpipe: " + error).c_str());
  return r.get();
}

void run_frames(benchmark::State& state, tt::viewer::ViewerState& vs, bool jump) {
  tt::app::OffscreenRenderer* r = renderer(state);
  if (!r) return;
  tt::viewer::Workbench bench;
  for (int i = 0; i < 4; ++i) r->frame([&] { bench.draw(vs); });  // layout settles, caches fill
  uint32_t line = 1;
  const auto lines = static_cast<uint32_t>(vs.current()->source.line_count());
  for (auto _ : state) {
    if (jump) {
      // Every frame selects another source line: linked lines are recomputed over the whole IR and
      // the views scroll to regions not highlighted yet.
      line = (line + 997) % lines + 1;
      vs.selection.select_source_line(line, SelectionOrigin::Command);
    }
    r->frame([&] { bench.draw(vs); });
  }
  state.counters["fps"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_FrameReferenceGemm(benchmark::State& state) {
  tt::viewer::ViewerState vs;
  std::string error;
  if (!vs.open_file(TT_INSPECT_ASSETS_DIR "/examples/example_gemm.py", &error)) {
    state.SkipWithError(error.c_str());
    return;
  }
  if (!vs.current()->ok()) {
    // The engine cannot compile the reference yet: measure the hand-built GEMM-shaped result.
    state.SetLabel("fixture (the real compile failed)");
    vs = tt::viewer::ViewerState([](tt::SourceFile f, const tt::CompileOptions&) {
      return tt::viewer::testing::make_gemm_result(f);
    });
    vs.set_source_text(tt::viewer::testing::fixture_source());
  }
  vs.selection.select_source_line(24, SelectionOrigin::Command);  // T.gemm: linked lines everywhere
  run_frames(state, vs, false);
}
BENCHMARK(BM_FrameReferenceGemm)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FrameLargeSource(benchmark::State& state) {
  auto big = std::make_shared<tt::CompileResult>(tt::viewer::testing::make_large_result(4000, 100000, 10));
  tt::viewer::ViewerState vs([big](tt::SourceFile, const tt::CompileOptions&) { return *big; });
  vs.set_source_text(big->source.text());
  vs.selection.select_source_line(1234, SelectionOrigin::Command);
  run_frames(state, vs, state.range(0) != 0);
}
BENCHMARK(BM_FrameLargeSource)->Arg(0)->Arg(1)->ArgNames({"jump"})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
