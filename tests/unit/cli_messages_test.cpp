// The command line around the compiler: every exit code of the README's table (0 ok, 1 compile
// errors, 2 usage), "did you mean" with the list of valid values for every kind of name, and
// options that cannot apply reported instead of succeeding silently. Runs the real binary.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/cli_run.h"

namespace tt {
namespace {

namespace fs = std::filesystem;
using testing_cli::CliRun;
using testing_cli::first_line;
using testing_cli::run_cli;
using testing_cli::run_cli_stdout;

const std::string kGemm = std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py";

std::string scratch(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / ("tt_cli_messages_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// The reference GEMM with one substring replaced, written to `dir`/kernel.py.
std::string edited_gemm(const std::string& dir, const std::string& from, const std::string& to) {
  std::ifstream in(kGemm);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  std::string path = dir + "/kernel.py";
  std::ofstream(path) << text;
  return path;
}

std::string batch(const std::string& file, const std::string& out, const std::string& extra = "") {
  return "batch \"" + file + "\" -o \"" + out + "\" -q " + extra;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(CliSuggestions, MistypedSubcommandIsNamedWithTheClosestOne) {
  std::string out = scratch("subcommand");
  CliRun run = run_cli("bacth \"" + kGemm + "\" -o \"" + out + "\"");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(first_line(run.err),
                       "tt-inspect: error: unknown subcommand 'bacth'; did you mean 'batch'? (subcommands: batch, run, "
                       "estimate"))
      << run.err;
}

TEST(CliSuggestions, MistypedFlagsAreNamedWithTheClosestOption) {
  std::string out = scratch("flags");
  CliRun run = run_cli(batch(kGemm, out, "--dump-irr"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(first_line(run.err),
                       "tt-inspect: error: unknown option '--dump-irr'; did you mean '--dump-ir'? (options of "
                       "tt-inspect batch: "))
      << run.err;
  run = run_cli(batch(kGemm, out, "--devcie wormhole_n150"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(first_line(run.err), "unknown option '--devcie'; did you mean '--device'?")) << run.err;
  run = run_cli("run \"" + kGemm + "\" --sed 3");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(
      contains(first_line(run.err), "unknown option '--sed'; did you mean '--seed'? (options of tt-inspect run: "))
      << run.err;
  // Each option is listed once, and the window's options are not offered for run.
  const std::string line = first_line(run.err);
  EXPECT_EQ(line.find("--help"), line.rfind("--help")) << line;
  EXPECT_FALSE(contains(line, "--exit-after-frames")) << line;
}

TEST(CliSuggestions, UnknownPassListsThePipeline) {
  std::string out = scratch("pass");
  CliRun run = run_cli(batch(kGemm, out, "--print-after tensorize"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(first_line(run.err),
                       "tt-inspect: error: unknown pass 'tensorize'; did you mean 'tensorize_tt'? "
                       "(passes: frontend, "))
      << run.err;
  EXPECT_TRUE(contains(first_line(run.err), ") for --print-after")) << run.err;
  run = run_cli(batch(kGemm, out, "--stop-after no_such_pass_at_all"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_FALSE(contains(run.err, "did you mean")) << run.err;
  EXPECT_TRUE(contains(run.err, "tensorize_tt")) << run.err;
}

TEST(CliSuggestions, UnknownDeviceListsTheDevicesAndIsAUsageError) {
  std::string out = scratch("device");
  CliRun run = run_cli(batch(kGemm, out, "--device wormhole_n15"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(
      contains(first_line(run.err),
               "tt-inspect: error: unknown device 'wormhole_n15'; did you mean 'wormhole_n150'? (known devices: "))
      << run.err;
  EXPECT_TRUE(fs::is_empty(out));
}

TEST(CliSuggestions, UnknownDtypeFromADefineListsTheDtypes) {
  std::string out = scratch("dtype");
  CliRun run = run_cli(batch(kGemm, out, "-D dtype=float17"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(
      contains(run.err, "unknown dtype 'float17'; did you mean 'float16'? (dtypes: float16, bfloat16, float32,"))
      << run.err;
}

// The block floats are not offered (the list above) and are refused with the reason at the source,
// not by the host program's test-data helper after the compile.
TEST(CliMessages, ABlockFloatDtypeIsUnsupportedWithTheReason) {
  std::string out = scratch("block_float");
  CliRun run = run_cli(batch(kGemm, out, "-D dtype=bfp8_b"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(contains(run.err,
                       "example_gemm.py: error: [unsupported] -D dtype=bfp8_b: dtype 'bfp8_b' is a block-float "
                       "format (one exponent shared by 16 values of a face row): its test data, the emulator's "
                       "pack/unpack and the oracle do not model it yet; use float16, bfloat16 or float32"))
      << run.err;
  EXPECT_TRUE(contains(run.err, "example_gemm.py:10:33: note: with -D dtype, the kernel fails here")) << run.err;
  EXPECT_FALSE(contains(run.err, "cannot generate data")) << run.err;
  run = run_cli(batch(kGemm, out, "-D dtype=bfp4"));
  EXPECT_TRUE(contains(run.err,
                       "-D dtype=bfp4: unknown dtype 'bfp4' (dtypes: float16, bfloat16, float32, int8, "
                       "uint8, int16, uint16, int32, uint32, bool)"))
      << run.err;
}

TEST(CliSuggestions, MistypedTileOpSuggestsTheOp) {
  std::string dir = scratch("tile_op");
  std::string file = edited_gemm(dir, "T.gemm(", "T.gem(");
  CliRun run = run_cli(batch(file, dir + "/out"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(contains(first_line(run.err),
                       "error: [frontend] unsupported TileLang construct 'T.gem'; did you mean "
                       "'T.gemm'?"))
      << run.err;
}

TEST(CliMessages, BlockRegionIsNamedAsARegionNotAsTheBuffer) {
  std::string out = scratch("block_region");
  CliRun run = run_cli(batch(kGemm, out, "-D block_M=48"));
  EXPECT_EQ(run.exit_code, 1);
  // A pass's error caused by a -D is the command line's, as the front end's are: no source location
  // on the error, a note at the line that failed.
  EXPECT_TRUE(contains(run.err,
                       "example_gemm.py: error: [target] -D block_M=48: block C[by * 48:by * 48 + 48, bx * 128:bx * "
                       "128 + 128] of buffer 'C' is not tile-aligned: dim 0 is 48, not a multiple of the tile size 32"))
      << run.err;
  EXPECT_TRUE(contains(run.err, "example_gemm.py:26:13: note: with -D block_M, the kernel fails here")) << run.err;
  EXPECT_FALSE(contains(run.err, "error: [target] buffer 'C' is not tile-aligned")) << run.err;
}

TEST(CliMessages, AnL1OverflowFromADefineNamesTheDefine) {
  std::string out = scratch("l1_define");
  // block_K=1024 with num_stages=3: A_shared and B_shared take 768 KiB each, more than L1 holds.
  CliRun run = run_cli(batch(kGemm, out, "-D block_K=1024"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(contains(run.err, "example_gemm.py: error: [target] -D block_K=1024: ")) << run.err;
  EXPECT_TRUE(contains(run.err, "note: with -D block_K, the kernel fails here")) << run.err;
  // A -D that does not cause the failure is not blamed.
  run = run_cli(batch(kGemm, out, "-D block_K=1024 -D M=2048"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(contains(run.err, "error: [target] -D block_K=1024: ")) << run.err;
  EXPECT_FALSE(contains(run.err, "-D M=2048:")) << run.err;
}

// A factory instantiated twice that fails the same way in both: each error says which kernel it is and points
// at the call that instantiates it (block_N=100 is not tile-aligned in both instances).
TEST(CliMessages, EachFailingInstanceOfAFactoryIsNamedAtItsCall) {
  std::string out = scratch("instances");
  std::string file = edited_gemm(out, "    kernel = matmul(1024, 1024, 1024, 128, 128, 32)",
                                 "    kernel = matmul(1024, 1000, 1024, 128, 100, 32)\n"
                                 "    small = matmul(256, 200, 256, 64, 100, 32)");
  CliRun run = run_cli(batch(file, out + "/o"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(contains(run.err, "kernel.py:32:14: note: in kernel 'kernel', one of the 2 kernels this file "
                                "instantiates: instantiated here"))
      << run.err;
  EXPECT_TRUE(contains(run.err, "kernel.py:33:13: note: in kernel 'small', one of the 2 kernels this file "
                                "instantiates: instantiated here"))
      << run.err;
}

TEST(CliExitCodes, MissingInputFileIsAUsageError) {
  std::string out = scratch("missing");
  CliRun run = run_cli(batch(out + "/no_such_kernel.py", out + "/o"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(first_line(run.err), "tt-inspect: error: cannot open file '" + out + "/no_such_kernel.py'");
  run = run_cli("run \"" + out + "/no_such_kernel.py\"");
  EXPECT_EQ(run.exit_code, 2);
  run = run_cli("estimate \"" + out + "/no_such_kernel.py\"");
  EXPECT_EQ(run.exit_code, 2);
}

TEST(CliExitCodes, EveryErrorKindHasItsDocumentedCode) {
  std::string out = scratch("codes");
  EXPECT_EQ(run_cli(batch(kGemm, out)).exit_code, 0);
  EXPECT_EQ(run_cli(batch(kGemm, out, "-D block_K=abc")).exit_code, 1);  // the kernel's error
  EXPECT_EQ(run_cli(batch(kGemm, out, "-D block_K")).exit_code, 2);      // -D syntax
  EXPECT_EQ(run_cli(batch(kGemm, out, "--stop-after nope")).exit_code, 2);
  EXPECT_EQ(run_cli(batch(kGemm, out, "--device nope")).exit_code, 2);
  EXPECT_EQ(run_cli(batch(kGemm, out, "--jobs 0")).exit_code, 2);
  EXPECT_EQ(run_cli("estimate \"" + kGemm + "\" --fidelity HiFi5").exit_code, 2);
  EXPECT_EQ(run_cli("frobnicate").exit_code, 2);
  EXPECT_EQ(run_cli("batch").exit_code, 2);
}

TEST(CliNoSilentSuccess, StopAfterWithoutAWayToSeeTheIrWarns) {
  std::string out = scratch("stop_after");
  CliRun run = run_cli(batch(kGemm, out, "--stop-after tensorize_tt"));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(contains(run.err,
                       "tt-inspect: warning: --stop-after tensorize_tt skips codegen, so no kernels are "
                       "written; add --dump-ir, --print-after or --json to see the IR"))
      << run.err;
  run = run_cli(batch(kGemm, out, "--stop-after tensorize_tt --dump-ir"));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_FALSE(contains(run.err, "warning")) << run.err;
}

// The screenshot subcommand exists only in builds with the GUI.
bool have_screenshot() { return run_cli("screenshot --help").exit_code == 0; }

// Screenshot processes start Mesa's EGL before checking their options; under the asan preset
// LeakSanitizer reports Mesa's own allocations at exit, so leak checks are off for them only, as for
// every renderer test (tests/viewer/CMakeLists.txt, TT_RENDERER_TEST_ENV).
struct LeakChecksOffForChildren {
  std::string saved;
  bool had = false;
  LeakChecksOffForChildren() {
    if (const char* v = std::getenv("ASAN_OPTIONS")) saved = v, had = true;
    setenv("ASAN_OPTIONS", (saved.empty() ? std::string() : saved + ":").append("detect_leaks=0").c_str(), 1);
  }
  ~LeakChecksOffForChildren() { had ? (void)setenv("ASAN_OPTIONS", saved.c_str(), 1) : (void)unsetenv("ASAN_OPTIONS"); }
};

TEST(CliNoSilentSuccess, ScreenshotSelectionsOutsideTheKernelAreUsageErrors) {
  if (!have_screenshot()) GTEST_SKIP() << "built without the GUI";
  LeakChecksOffForChildren leak_checks_off;
  std::string out = scratch("screenshot");
  const std::string png = out + "/shot.png";
  CliRun run = run_cli("screenshot \"" + kGemm + "\" -o \"" + png + "\" --size 64x64 --frames 1 --core 9,9");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(first_line(run.err), "tt-inspect: error: --core 9,9 is outside the 8x8 worker grid of wormhole_n150");
  run = run_cli("screenshot \"" + kGemm + "\" -o \"" + png + "\" --size 64x64 --frames 1 --select 999");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(first_line(run.err), "tt-inspect: error: --select 999 is past the end of " + kGemm + " (62 lines)");
  run = run_cli("screenshot \"" + kGemm + "\" -o \"" + png + "\" --panel diagnostcs");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(first_line(run.err), "unknown panel 'diagnostcs'; did you mean 'diagnostics'? (panels: "))
      << run.err;
  EXPECT_FALSE(fs::exists(png));
}

TEST(CliSuggestions, ExportPngListsThePanels) {
  if (!have_screenshot()) GTEST_SKIP() << "built without the GUI";
  std::string out = scratch("export_png");
  CliRun run = run_cli("open \"" + kGemm + "\" --export-png foo=\"" + out + "/x.png\" --exit-after-frames 1");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(first_line(run.err), "tt-inspect: error: unknown panel 'foo' (panels: ")) << run.err;
  EXPECT_TRUE(contains(first_line(run.err), ") for --export-png")) << run.err;
}

// screenshot/open --kernel: the second kernel of a file can be shown; an unknown name lists the
// kernels with the closest one.
const std::string kTwoKernels = std::string(TT_TESTS_DIR) + "/viewer/kernels/two_kernels.py";

TEST(CliKernelOption, ScreenshotShowsTheNamedKernel) {
  if (!have_screenshot()) GTEST_SKIP() << "built without the GUI";
  LeakChecksOffForChildren leak_checks_off;
  std::string out = scratch("kernel_option");
  CliRun run = run_cli("screenshot \"" + kTwoKernels + "\" -o \"" + out +
                       "/add.png\" --panel kernels --size 400x200 "
                       "--kernel elementwise_add");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::exists(out + "/add.png"));
  run = run_cli("screenshot \"" + kTwoKernels + "\" -o \"" + out + "/typo.png\" --kernel elementwise_ad");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(first_line(run.err),
                       "tt-inspect: error: unknown kernel 'elementwise_ad'; did you mean 'elementwise_add'? (kernels: "
                       "matmul, elementwise_add) in "))
      << run.err;
  EXPECT_FALSE(fs::exists(out + "/typo.png"));
  // The desktop app refuses it before opening a window.
  run = run_cli("open \"" + kTwoKernels + "\" --kernel elementwise_ad --exit-after-frames 1");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(first_line(run.err),
                       "tt-inspect: error: unknown kernel 'elementwise_ad'; did you mean "
                       "'elementwise_add'? (kernels: matmul, elementwise_add) in "))
      << run.err;
}

// tt-inspect run on a deliberately narrow accumulator: the mismatches are located (element, tile,
// block, core, the generated lines that wrote it), histogrammed, and explained by the dtypes.
TEST(CliRunMismatch, Fp16AccumulationIsLocatedHistogrammedAndExplained) {
  const std::string sizes = " -D M=256 -D N=256 -D K=1024";
  CliRun run = run_cli_stdout("run \"" + kGemm + "\"" + sizes + " -D accum_dtype=float16");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const std::string& out = run.err;
  EXPECT_TRUE(contains(out, "  C against the reference GEMM: first mismatching elements (of 104):\n    C[")) << out;
  // The first element's place in the work and the lines that wrote it.
  const size_t first = out.find("first mismatching elements");
  ASSERT_NE(first, std::string::npos) << out;
  const std::string located = out.substr(first);
  EXPECT_TRUE(contains(located, "], tile (")) << out;
  EXPECT_TRUE(contains(located, ") = linear block ")) << out;
  EXPECT_TRUE(contains(located, "      computed by core (")) << out;
  EXPECT_TRUE(contains(located, "      written by compute.cpp:")) << out;
  EXPECT_TRUE(contains(located, " `pack_tile(t, cb_C);` (source line 24)")) << out;
  EXPECT_TRUE(contains(located, "      written by writer.cpp:")) << out;
  EXPECT_TRUE(contains(located, "`noc_async_write_page(")) << out;
  EXPECT_TRUE(contains(out,
                       "  |err| histogram of C (65536 elements; tolerance atol 0.01 + rtol 0.01 * |want|):\n"
                       "    exact "))
      << out;
  EXPECT_TRUE(contains(out, "    0.01 <= |err| < 0.1 ")) << out;
  EXPECT_TRUE(contains(out, "  precision:\n    tolerance: |err| <= atol + rtol * |want|")) << out;
  EXPECT_TRUE(contains(out, "so rtol 0.01 is expected to fail: float16 accumulation alone explains errors")) << out;
  EXPECT_TRUE(contains(out, "accum_dtype=\"float32\" (-D accum_dtype=float32)")) << out;

  // The suggested change passes: nothing to locate or explain.
  run = run_cli_stdout("run \"" + kGemm + "\"" + sizes + " -D accum_dtype=float32");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(contains(run.err, "matmul: pass: ")) << run.err;
  EXPECT_FALSE(contains(run.err, "precision:")) << run.err;
}

// A run stopped by the watchdog while its CB pages kept moving was only too long: raise --timeout.
TEST(CliRunMismatch, ATimeoutWhileMakingProgressSuggestsRaisingIt) {
  // 0.3 s for a 2048^3 GEMM (over 2 s of emulated kernels): a shorter watchdog would make the test depend
  // on the machine's load (a kernel thread descheduled for half the window looks like no progress).
  CliRun run = run_cli_stdout("run \"" + kGemm + "\" -D M=2048 -D N=2048 -D K=2048 --timeout 0.3");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(contains(run.err, "timeout: the run exceeded the 300 ms watchdog; the program was making progress ("))
      << run.err;
  EXPECT_TRUE(contains(run.err, "raise --timeout (e.g. --timeout 10)")) << run.err;
  EXPECT_FALSE(contains(run.err, "loops without CB calls")) << run.err;
}

}  // namespace
}  // namespace tt
