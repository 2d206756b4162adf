// Issue 15, the app's state a user can trust, without a window: unsaved edits and autosave (1),
// failed compiles shown as they failed (5), overrides scoped to their file (2), emulation bound to
// its program (4), located emulation failures (8), core regions and colors (9), the dtype list (10).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/codegen/output_origin.h"
#include "compiler/ir/tt_metadata.h"
#include "viewer/core_grid_layout.h"
#include "viewer/diagnostics_panel.h"
#include "viewer/dtype_choices.h"
#include "viewer/emulation_report.h"
#include "viewer/kernels_panel.h"
#include "viewer/viewer_state.h"
#include "viewer/workbench.h"
#include "viewer_fixture.h"

namespace tt::viewer {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::path(TT_VIEWER_TEST_OUT_DIR) / "app_state" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fake engine: "OVERFLOW" in the text fails in memory_space_lower_tt with the kernel's trace and
// CBs (as an L1 overflow does); "BROKEN" fails in the front end (no kernels). The program (its
// artifacts) depends on the -D overrides, as a real compile's does. Records the options it saw.
struct FakeEngine {
  CompileOptions last;
  CompileFn fn() {
    return [this](SourceFile f, const CompileOptions& o) {
      last = o;
      if (f.text().find("BROKEN") != std::string::npos) return testing::make_failed_result(f, 2);
      CompileResult r = testing::make_gemm_result(f);
      for (const auto& [name, value] : o.defines) r.kernels[0].artifacts[0].text += "// " + name + "=" + value + "\n";
      if (f.text().find("OVERFLOW") != std::string::npos) {
        KernelResult& k = r.kernels[0];
        k.ok = false;
        PassRecord failed;
        failed.name = "memory_space_lower_tt";
        failed.succeeded = false;
        failed.ir_text = k.trace.passes.back().ir_text;
        k.trace.passes.push_back(failed);
        k.diagnostics.error({}, "L1 overflow: the CBs need 2.1 MiB per core, 1.33 MiB is available");
        k.artifacts.clear();
      }
      return r;
    };
  }
};

// ---- Finding 1: unsaved edits are never lost ----

TEST(AppState, QuitWithUnsavedEditsAsksAndCancelKeepsThem) {
  const fs::path dir = fresh_dir("quit");
  write(dir / "k.py", testing::fixture_source());
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_autosave_dir((dir / "autosave").string());
  Workbench bench;
  int quits = 0;
  bench.on_quit = [&] { ++quits; };
  ASSERT_TRUE(bench.open_path(state, (dir / "k.py").string()));
  state.set_source_text(testing::fixture_source() + "# edit\n");

  bench.request_quit(state);  // File > Quit, or the window's close button
  EXPECT_EQ(quits, 0);
  EXPECT_TRUE(bench.unsaved_prompt_pending());
  bench.answer_unsaved(state, Workbench::UnsavedChoice::Cancel);
  EXPECT_EQ(quits, 0);
  EXPECT_TRUE(state.dirty());
  EXPECT_EQ(state.source_text(), testing::fixture_source() + "# edit\n");

  bench.request_quit(state);
  bench.answer_unsaved(state, Workbench::UnsavedChoice::Save);
  EXPECT_EQ(quits, 1);
  EXPECT_EQ(read(dir / "k.py"), testing::fixture_source() + "# edit\n");
}

TEST(AppState, OpenCloseAndDropWithUnsavedEditsAsk) {
  const fs::path dir = fresh_dir("open");
  write(dir / "a.py", testing::fixture_source());
  write(dir / "b.py", testing::fixture_source() + "# b\n");
  FakeEngine engine;
  ViewerState state(engine.fn());
  Workbench bench;
  ASSERT_TRUE(bench.open_path(state, (dir / "a.py").string()));
  state.set_source_text("# my edit\n");

  bench.request_open(state, (dir / "b.py").string());  // Ctrl+O, recent files, a dropped file
  EXPECT_TRUE(bench.unsaved_prompt_pending());
  EXPECT_EQ(state.path(), (dir / "a.py").string());
  bench.answer_unsaved(state, Workbench::UnsavedChoice::Cancel);
  EXPECT_EQ(state.source_text(), "# my edit\n");

  bench.request_close(state);
  EXPECT_TRUE(bench.unsaved_prompt_pending());
  bench.answer_unsaved(state, Workbench::UnsavedChoice::Cancel);
  EXPECT_TRUE(state.dirty());

  bench.request_open(state, (dir / "b.py").string());
  bench.answer_unsaved(state, Workbench::UnsavedChoice::Discard);
  EXPECT_EQ(state.path(), (dir / "b.py").string());
  EXPECT_FALSE(state.dirty());
  EXPECT_EQ(read(dir / "a.py"), testing::fixture_source());  // discarded, not written

  // Without edits nothing asks.
  bench.request_open(state, (dir / "a.py").string());
  EXPECT_FALSE(bench.unsaved_prompt_pending());
  EXPECT_EQ(state.path(), (dir / "a.py").string());
}

TEST(AppState, AFailedSaveKeepsThePromptAndTheEdits) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  Workbench bench;
  int quits = 0;
  bench.on_quit = [&] { ++quits; };
  state.set_source_text("# no file to save to\n");
  bench.request_quit(state);
  bench.answer_unsaved(state, Workbench::UnsavedChoice::Save);
  EXPECT_EQ(quits, 0);
  EXPECT_TRUE(bench.unsaved_prompt_pending());
  EXPECT_TRUE(state.dirty());
}

TEST(AppState, AutosaveSurvivesACrashAndIsOfferedOnTheNextLaunch) {
  const fs::path dir = fresh_dir("autosave");
  const std::string file = (dir / "k.py").string();
  write(file, testing::fixture_source());
  const std::string edited = testing::fixture_source() + "# unsaved work\n";
  {
    FakeEngine engine;
    ViewerState crashed(engine.fn());
    crashed.set_autosave_dir((dir / "autosave").string());
    ASSERT_TRUE(crashed.open_file(file));
    EXPECT_FALSE(crashed.recovery());
    crashed.set_source_text(edited);
    // The process dies here: no save, no prompt.
  }
  EXPECT_EQ(read(file), testing::fixture_source());
  FakeEngine engine;
  ViewerState next(engine.fn());
  next.set_autosave_dir((dir / "autosave").string());
  ASSERT_TRUE(next.open_file(file));
  ASSERT_TRUE(next.recovery());
  EXPECT_EQ(*next.recovery(), edited);
  EXPECT_EQ(next.source_text(), testing::fixture_source());  // nothing changes until the user says so
  next.restore_recovery();
  EXPECT_EQ(next.source_text(), edited);
  EXPECT_TRUE(next.dirty());
  ASSERT_TRUE(next.save());
  EXPECT_EQ(read(file), edited);

  FakeEngine engine3;
  ViewerState third(engine3.fn());
  third.set_autosave_dir((dir / "autosave").string());
  ASSERT_TRUE(third.open_file(file));
  EXPECT_FALSE(third.recovery());  // saved: nothing left to recover
}

TEST(AppState, DiscardingEditsRemovesTheirAutosave) {
  const fs::path dir = fresh_dir("discard");
  const std::string file = (dir / "k.py").string();
  write(file, testing::fixture_source());
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_autosave_dir((dir / "autosave").string());
  ASSERT_TRUE(state.open_file(file));
  state.set_source_text("# throw away\n");
  state.discard_unsaved();
  EXPECT_FALSE(state.dirty());
  EXPECT_EQ(state.source_text(), testing::fixture_source());
  ViewerState next(engine.fn());
  next.set_autosave_dir((dir / "autosave").string());
  ASSERT_TRUE(next.open_file(file));
  EXPECT_FALSE(next.recovery());
}

// ---- Finding 5: a failed compile shows what failed ----

TEST(AppState, AFailedPassIsShownBesideTheLastGoodResult) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_source_text(testing::fixture_source());
  const CompileResult* good = state.current();
  ASSERT_TRUE(good->ok());

  state.set_source_text(testing::fixture_source() + "# OVERFLOW\n");
  EXPECT_FALSE(state.current()->ok());
  EXPECT_EQ(state.shown(), state.current());  // the failed compile, not the greyed good one
  EXPECT_FALSE(state.stale());
  EXPECT_EQ(state.good_beside_failure(), good);
  EXPECT_EQ(state.good_kernel_beside_failure(), &good->kernels[0]);
  ASSERT_NE(state.pass(), nullptr);
  EXPECT_EQ(state.pass()->name, "memory_space_lower_tt");  // the failed pass is what Passes opens on
  EXPECT_FALSE(state.pass()->succeeded);
  EXPECT_EQ(failure_banner_text(state),
            "Compile failed in pass memory_space_lower_tt: showing what failed, the last good result beside it");

  // A front-end failure has no kernels to show: then, and only then, the last good result stands in.
  state.set_source_text("BROKEN");
  EXPECT_TRUE(state.stale());
  EXPECT_EQ(state.shown(), good);
  EXPECT_EQ(failure_banner_text(state),
            "Compile failed before any kernel was built: showing the last good result (greyed)");
}

// ---- Finding 2: overrides belong to the file they were set for ----

TEST(AppState, OverridesDoNotCarryOverToTheNextFile) {
  const fs::path dir = fresh_dir("overrides");
  write(dir / "a.py", testing::fixture_source());
  write(dir / "b.py", testing::fixture_source() + "# b\n");
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.configure({{"block_M", "64"}}, "wormhole_n150");  // the command line's -D, for its file
  ASSERT_TRUE(state.open_file((dir / "a.py").string()));
  EXPECT_EQ(engine.last.defines.count("block_M"), 1u);
  state.set_define("block_K", "64");
  EXPECT_EQ(engine.last.defines.size(), 2u);

  ASSERT_TRUE(state.open_file((dir / "b.py").string()));
  EXPECT_TRUE(state.defines().empty());
  EXPECT_TRUE(engine.last.defines.empty());
  EXPECT_EQ(state.device(), "wormhole_n150");  // the device is the app's choice, not the file's

  state.set_define("block_N", "64");
  ASSERT_TRUE(state.open_file((dir / "b.py").string()));  // reload: same file, same overrides
  EXPECT_EQ(state.defines().count("block_N"), 1u);
}

// ---- Finding 4: an emulation is only ever shown with the program it ran ----

std::shared_ptr<EmuTrace> trace_of(const KernelResult& k, int64_t pages_of_c0) {
  auto t = std::make_shared<EmuTrace>();
  t->path = "trace.json";
  const ir::WorkPartition wp = *ir::get_work_partition(k.module);
  for (const ir::CoreWork& c : wp.cores) {
    if (c.count == 0) continue;
    for (const ir::CircularBuffer& cb : ir::all_circular_buffers(k.module)) {
      CbTimeline l;
      l.core = {c.x, c.y};
      l.index = cb.index;
      l.name = cb.name;
      l.num_pages = static_cast<uint32_t>(cb.index == 0 ? pages_of_c0 : cb.num_pages);
      l.samples = {{0, 1, 0}};
      t->cbs.push_back(l);
    }
  }
  t->end_time = 1;
  return t;
}

TEST(AppState, AnEmulationIsDroppedWhenItsProgramChanges) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_source_text(testing::fixture_source());
  EmulationReport report;
  report.ran = true;
  report.passed = true;
  report.trace = trace_of(*state.kernel(), 12);
  ASSERT_TRUE(state.set_emulation(report, kernel_fingerprint(*state.kernel())));
  ASSERT_NE(state.trace(), nullptr);

  state.recompile();  // F5: the same program, the same run
  EXPECT_NE(state.trace(), nullptr);
  state.set_define("block_K", "64");  // other parameters: another program
  EXPECT_EQ(state.trace(), nullptr);
  EXPECT_EQ(state.emulation(), nullptr);

  ASSERT_TRUE(state.set_emulation(report, kernel_fingerprint(*state.kernel())));
  state.set_source_text(testing::fixture_source() + "# OVERFLOW\n");  // a failed recompile
  EXPECT_EQ(state.trace(), nullptr);

  // A run that finishes after the kernel changed is refused.
  state.set_source_text(testing::fixture_source());
  const uint64_t before = kernel_fingerprint(*state.kernel());
  state.set_define("block_N", "64");
  std::string why;
  EXPECT_FALSE(state.set_emulation(report, before, &why));
  EXPECT_NE(why.find("recompiled"), std::string::npos);
}

TEST(AppState, ATraceFromOtherParametersIsRefusedWithTheReason) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_source_text(testing::fixture_source());
  std::string why;
  EXPECT_FALSE(state.set_trace(trace_of(*state.kernel(), 8), &why));
  EXPECT_EQ(
      why,
      "trace.json was not recorded from this program: CB c_0 (A_shared) has 8 pages in the trace, 12 in this compile");
  EXPECT_EQ(state.trace(), nullptr);
  EXPECT_TRUE(state.set_trace(trace_of(*state.kernel(), 12), &why));
  EXPECT_NE(state.trace(), nullptr);

  // Fewer blocks: cores that are idle now have CBs in the trace.
  CompileResult fewer = testing::make_gemm_result(SourceFile("k.py", testing::fixture_source()), 40);
  EXPECT_EQ(trace_mismatch(*trace_of(state.current()->kernels[0], 12), fewer.kernels[0]),
            "the trace has CBs on core (0, 5), which has no work in this compile");
}

// ---- Finding 8: a failed emulation is a located failure, not a status line ----

TEST(AppState, AFailedEmulationNamesTheCoreAndTileAndReachesTheOutcome) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_source_text(testing::fixture_source());
  KernelResult k = *state.kernel();
  ir::BufferLayout c;
  c.name = "C";
  c.role = "output";
  c.shape = {1280, 1280};
  ir::set_buffer_layout(k.module, c);
  // C[200, 700]: tile (6, 21), block (bx 5, by 1) = 15 of a 10x10 block grid; cores 0..35 own 2 blocks.
  const OutputOrigin origin = locate_output_element(k, "", 200, 700);
  std::vector<std::string> where = describe(origin);
  ASSERT_EQ(where.size(), 2u);
  EXPECT_EQ(where[0], "C[200, 700], tile (6, 21), block (bx 5, by 1) = linear block 15");
  EXPECT_EQ(where[1], "computed by core (7, 0), blocks [14, 16)");
  ASSERT_TRUE(origin.core);
  const std::optional<CoreXY> core = CoreXY{origin.core->x, origin.core->y};
  EXPECT_EQ(*core, (CoreXY{7, 0}));

  bool failed = false;
  EXPECT_EQ(outcome_summary(state, failed), "compiled OK");
  EXPECT_FALSE(failed);
  EmulationReport report;
  report.ran = true;
  report.passed = false;
  report.summary = "emulation: mismatch: 3 of 1638400 elements of C differ from the reference GEMM";
  report.details = where;
  report.core = core;
  ASSERT_TRUE(state.set_emulation(report, kernel_fingerprint(*state.kernel())));
  EXPECT_EQ(outcome_summary(state, failed), "compiled OK; EMULATION FAILED");
  EXPECT_TRUE(failed);
  EXPECT_EQ(state.selection.core, (CoreXY{7, 0}));  // the failing core is selected for the other panels
}

// ---- Finding 9: what a core does, and how it reads ----

TEST(AppState, ACoreNamesItsBlocksAndOutputRegions) {
  CompileResult r = testing::make_gemm_result(SourceFile("k.py", testing::fixture_source()));
  const ir::WorkPartition wp = *ir::get_work_partition(r.kernels[0].module);
  // Core (3, 2) is the 20th core: blocks [38, 40) of a 10x10 grid of 4x4-tile blocks.
  std::vector<BlockRegion> b = blocks_of_core(wp, 38, 2);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].bx, 8);
  EXPECT_EQ(b[0].by, 3);
  EXPECT_EQ(b[0].row0, 384);
  EXPECT_EQ(b[0].row1, 512);
  EXPECT_EQ(b[0].col0, 1024);
  EXPECT_EQ(b[0].col1, 1152);
  EXPECT_EQ(b[1].bx, 9);
  EXPECT_EQ(b[1].col1, 1280);
  EXPECT_EQ(describe_block(b[0]), "(bx 8, by 3): rows [384, 512) x cols [1024, 1152)");
}

TEST(AppState, ACoreOfAThreeDimensionalGridNamesItsBlocksAndOutputRegions) {
  // Flash attention's grid (ceildiv(seq_len, block_M), heads, batch) = (2, 2, 1): block_grid [1, 2, 2].
  CompileOptions options;
  options.device = "wormhole_n150";
  const CompileResult r =
      compile_file(std::string(TT_INSPECT_SOURCE_DIR) + "/tests/emu/kernels/flash_attention_skeleton.py", options);
  ASSERT_EQ(r.kernels.size(), 1u);
  const KernelResult& k = r.kernels[0];
  const ir::WorkPartition wp = *ir::get_work_partition(k.module);
  ASSERT_EQ(wp.block_grid, (std::vector<int64_t>{1, 2, 2}));
  std::vector<BlockRegion> b = blocks_of_core(wp, 1, 3, 32, 32, &k);
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].index, (std::vector<int64_t>{1, 0, 0}));
  EXPECT_EQ(b[2].index, (std::vector<int64_t>{1, 1, 0}));
  EXPECT_FALSE(b[0].has_rows);
  // Output[bz, bx * 64:(bx + 1) * 64, by, :] at (bx 1, by 1, bz 0).
  EXPECT_EQ(describe_block(b[2]), "(bx 1, by 1, bz 0): Output[0, 64:128, 1, 0:64]");
  EXPECT_EQ(describe_block(b[1]), "(bx 0, by 1, bz 0): Output[0, 0:64, 1, 0:64]");
}

TEST(AppState, ASelectedCoreMarksItsPlanEntries) {
  const nlohmann::json item = {{"core", {3, 2}}, {"start", 19}, {"count", 1}};
  EXPECT_TRUE(plan_entry_of_core({"work_partition", "(3,2)"}, nlohmann::json::array(), {3, 2}));
  EXPECT_FALSE(plan_entry_of_core({"work_partition", "(2,3)"}, nlohmann::json::array(), {3, 2}));
  EXPECT_TRUE(plan_entry_of_core({"cores", "19"}, item, {3, 2}));
  EXPECT_FALSE(plan_entry_of_core({"cores", "19"}, item, {2, 3}));
  EXPECT_FALSE(plan_entry_of_core({"cores", "19", "core"}, nlohmann::json::array({3, 2}), {3, 2}));
}

TEST(AppState, IdleCoresHoldNoCircularBuffers) {
  CompileResult r = testing::make_gemm_result(SourceFile("k.py", testing::fixture_source()), 40);
  EXPECT_FALSE(core_is_idle(r.kernels[0], {0, 0}));
  EXPECT_TRUE(core_is_idle(r.kernels[0], {0, 5}));  // 40 blocks on 64 cores: 24 idle
}

TEST(AppState, NAndNPlusOneBlocksReadApart) {
  auto distance = [](Rgba a, Rgba b) { return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b); };
  EXPECT_GT(distance(core_color(38, 38, 39), core_color(39, 38, 39)), 0.8f);
  Rgba even = core_color(7, 7, 7);
  EXPECT_EQ(distance(even, core_color(1, 1, 1)), 0.0f);  // an even load is one color
}

// ---- Finding 10: the dtype list offers only what runs ----

TEST(AppState, TheDtypeListOffersOnlyEmulatedDtypes) {
  DeviceModel d = testing::fixture_device();
  d.supported_dtypes = {"float16", "bfloat16", "float32", "bfp8_b", "bfp4_b", "int32"};
  EXPECT_EQ(offered_dtypes(d), (std::vector<std::string>{"float16", "bfloat16", "float32"}));
}

// --kernel NAME (screenshot, open): a kernel of a file with several is selected by name; an unknown
// name lists the kernels with the closest one and leaves the selection alone.
TEST(AppState, AKernelIsSelectedByName) {
  ViewerState state;
  ASSERT_TRUE(state.open_file(std::string(TT_INSPECT_SOURCE_DIR) + "/tests/viewer/kernels/two_kernels.py"));
  ASSERT_EQ(state.current()->kernels.size(), 2u);
  EXPECT_EQ(state.kernel()->name, "matmul");
  EXPECT_EQ(state.select_kernel_named("elementwise_add"), "");
  EXPECT_EQ(state.kernel()->name, "elementwise_add");
  const std::string error = state.select_kernel_named("matmull");
  EXPECT_EQ(error.rfind("unknown kernel 'matmull'; did you mean 'matmul'? (kernels: matmul, elementwise_add) in ", 0),
            0u)
      << error;
  EXPECT_EQ(state.kernel()->name, "elementwise_add");
}

}  // namespace
}  // namespace tt::viewer
