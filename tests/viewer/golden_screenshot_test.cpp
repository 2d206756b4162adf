// Golden-image tests: `tt-inspect screenshot` of the reference GEMM (full window and each panel),
// compared with tests/golden/screenshots/*.png at a small per-pixel tolerance; a failure writes
// <name>.diff.png next to the actual image. Regenerate (on the EGL/llvmpipe path, after a review of
// the new pictures) with:  TT_UPDATE_GOLDENS=1 ctest -R GoldenScreenshot
#include <gtest/gtest.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

const fs::path kGoldens = fs::path(TT_INSPECT_SOURCE_DIR) / "tests/golden/screenshots";
const fs::path kExample = fs::path(TT_INSPECT_SOURCE_DIR) / "assets/examples/example_gemm.py";
const fs::path kOut = fs::path(TT_VIEWER_TEST_OUT_DIR) / "screenshots";

// A pixel differs when any channel differs by more than this (Mesa versions may round +-1).
constexpr int kChannelTolerance = 3;

int run(const std::string& args) {
  std::string cmd = std::string("\"") + TT_INSPECT_BINARY + "\" " + args + " 2>/dev/null";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> rgb;
};

bool load(const fs::path& p, Image& img) {
  int n = 0;
  unsigned char* data = stbi_load(p.c_str(), &img.w, &img.h, &n, 3);
  if (!data) return false;
  img.rgb.assign(data, data + static_cast<size_t>(img.w) * static_cast<size_t>(img.h) * 3);
  stbi_image_free(data);
  return true;
}

struct Case {
  const char* name;
  const char* args;
  int exit_code = 0;           // 1: the compile fails; the picture shows its diagnostics
  const char* file = nullptr;  // relative to the source tree; default: the reference GEMM
};

class GoldenScreenshot : public ::testing::TestWithParam<Case> {};

TEST_P(GoldenScreenshot, MatchesGolden) {
  const Case& c = GetParam();
  fs::create_directories(kOut);
  const fs::path actual = kOut / (std::string(c.name) + ".png");
  const fs::path golden = kGoldens / (std::string(c.name) + ".png");
  const bool update = std::getenv("TT_UPDATE_GOLDENS") && std::string(std::getenv("TT_UPDATE_GOLDENS")) == "1";
  ASSERT_TRUE(update || fs::exists(golden))
      << "no golden " << golden << ": make it with TT_UPDATE_GOLDENS=1 and review it";
  const fs::path source = c.file ? fs::path(TT_INSPECT_SOURCE_DIR) / c.file : kExample;
  if (!fs::exists(source)) GTEST_SKIP() << "no " << source << " (the corpus beside the checkout)";
  const int rc = run("screenshot \"" + source.string() + "\" -o \"" + actual.string() + "\" " + c.args);
  if (update) {
    ASSERT_EQ(rc, c.exit_code) << "goldens are only made from the expected outcome of the compile";
    fs::create_directories(kGoldens);
    fs::copy_file(actual, golden, fs::copy_options::overwrite_existing);
    GTEST_SKIP() << "updated " << golden;
  }
  ASSERT_EQ(rc, c.exit_code) << "tt-inspect screenshot exit code for " << c.name;
  Image a, g;
  ASSERT_TRUE(load(actual, a)) << actual;
  ASSERT_TRUE(load(golden, g)) << golden;
  ASSERT_EQ(a.w, g.w);
  ASSERT_EQ(a.h, g.h);
  size_t bad = 0;
  std::vector<unsigned char> diff(a.rgb.size());
  for (size_t i = 0; i < a.rgb.size(); i += 3) {
    bool differs = false;
    for (size_t k = 0; k < 3; ++k) differs |= std::abs(int(a.rgb[i + k]) - int(g.rgb[i + k])) > kChannelTolerance;
    bad += differs;
    unsigned char grey = static_cast<unsigned char>((a.rgb[i] + a.rgb[i + 1] + a.rgb[i + 2]) / 9);
    diff[i] = differs ? 255 : grey;
    diff[i + 1] = differs ? 0 : grey;
    diff[i + 2] = differs ? 0 : grey;
  }
  if (bad) {
    const fs::path diff_path = kOut / (std::string(c.name) + ".diff.png");
    stbi_write_png(diff_path.c_str(), a.w, a.h, 3, diff.data(), a.w * 3);
    FAIL() << bad << " pixels differ from " << golden << "; see " << actual << " and " << diff_path
           << " (if the change is intended: TT_UPDATE_GOLDENS=1 ctest -R GoldenScreenshot)";
  }
}

INSTANTIATE_TEST_SUITE_P(
    ReferenceGemm, GoldenScreenshot,
    ::testing::Values(
        Case{"window", "--size 1600x1000"}, Case{"window_select_gemm", "--size 1600x1000 --select 24"},
        Case{"source", "--panel source --size 800x700 --select 24"},
        Case{"passes", "--panel passes --size 900x700 --select 24"},
        // The diff opens at its first change: shared/fragment allocations become CBs.
        Case{"passes_diff", "--panel passes --size 900x600 --pass memory_space_lower_tt --diff"},
        Case{"core_grid", "--panel core_grid --size 700x600"}, Case{"l1", "--panel l1 --size 800x500"},
        Case{"kernels", "--panel kernels --size 1400x600 --select 24"},
        Case{"diagnostics", "--panel diagnostics --size 800x400"},
        // The reference GEMM's estimate; line 22 (the T.copy of A) selected highlights its row.
        Case{"performance", "--panel performance --size 900x900 --select 22"},
        // 512x512 blocks overflow Wormhole's L1: the error, its per-CB notes and the red L1 bar.
        Case{"window_l1_overflow", "--size 1600x1000 -D block_M=512 -D block_N=512", 1},
        // The CB occupancy timeline of an emulated 256^3 run, cursor at event 200 of core (0, 0).
        Case{"l1_timeline", "--panel l1 --size 800x500 --emulate --time 200 -D M=256 -D N=256 -D K=256"},
        Case{"core_grid_blackhole_idle",
             "--panel core_grid --size 700x600 --device blackhole_p150 -D M=1280 -D N=1280 --core 3,2"},
        // An idle core selected: no CBs are created on it, only the reserved region is used.
        Case{"l1_idle_core", "--panel l1 --size 800x300 --device blackhole_p150 -D M=1280 -D N=1280 --core 5,9"},
        // The emulation verdict is in Diagnostics and the outcome, not only a status line.
        Case{"diagnostics_emulated", "--panel diagnostics --size 800x300 --emulate -D M=256 -D N=256 -D K=256"},
        // 100 blocks on 64 cores: cores with 1 and with 2 blocks in clearly different colors.
        Case{"core_grid_uneven", "--panel core_grid --size 700x600 -D M=1280 -D N=1280"},
        // The mismatch heat map of a deliberately narrow accumulator: fp16 partial sums over K=1024 fail the
        // host program's float64 check in tiles all over C, by tile and by core.
        Case{"mismatches_fp16_accumulation",
             "--panel mismatches --size 1000x560 --emulate -D M=256 -D N=256 -D K=1024 -D accum_dtype=float16"},
        // The comparison view: 128x128 blocks (A) against 64x64 (B): L1 and estimate deltas, the IR diff.
        Case{"compare_block_sizes", "--panel compare --size 1400x800 --vs-define block_M=64 --vs-define block_N=64"},
        // --kernel: the second kernel of a file with two (an element-wise add beside a GEMM).
        Case{"kernels_second_kernel", "--panel kernels --size 1400x600 --kernel elementwise_add", 0,
             "tests/viewer/kernels/two_kernels.py"},
        // A 3-D grid (flash attention's skeleton at batch 2, 8 heads, seq 256: 4 x 8 x 2 blocks): the selected
        // core names its block as (bx, by, bz) and the region of Output it writes.
        Case{"core_grid_3d_grid",
             "--panel core_grid --size 700x600 -D batch=2 -D heads=8 -D seq_len=256 --core 5,1", 0,
             "tests/emu/kernels/flash_attention_skeleton.py"},
        // Upstream's flash attention forward (corpus; the `kernel` instance, 128x128 blocks, non-causal) in the
        // full window: its L1 plan (Q, K, V, the two accumulators, the carried row vectors), CB flow and per-core work.
        Case{"window_flash_attention",
             "--size 1600x1000 --kernel kernel -D batch=1 -D heads=2 -D seq_len=256 -D dim=64 -D is_causal=False", 0,
             "../shared/corpus/tilelang/examples/flash_attention/example_mha_fwd_bshd.py"}),
    [](const ::testing::TestParamInfo<Case>& p) { return std::string(p.param.name); });

TEST(Screenshot, IsByteIdenticalRunToRun) {
  fs::create_directories(kOut);
  const fs::path a = kOut / "repeat_a.png", b = kOut / "repeat_b.png";
  const std::string args = " --size 800x500 --select 24";
  const int rc1 = run("screenshot \"" + kExample.string() + "\" -o \"" + a.string() + "\"" + args);
  const int rc2 = run("screenshot \"" + kExample.string() + "\" -o \"" + b.string() + "\"" + args);
  ASSERT_TRUE(rc1 == 0 || rc1 == 1) << rc1;  // 1: compile errors, the image is still written
  ASSERT_EQ(rc1, rc2);
  ASSERT_TRUE(fs::exists(a));
  EXPECT_EQ(read_bytes(a), read_bytes(b));
}

// A trace recorded from other parameters is refused with the reason, not drawn over this compile.
TEST(Screenshot, ATraceFromOtherParametersIsRefused) {
  fs::create_directories(kOut);
  const fs::path dir = kOut / "trace_256";
  fs::remove_all(dir);
  ASSERT_EQ(run("run \"" + kExample.string() + "\" -o \"" + dir.string() + "\" -D M=256 -D N=256 -D K=256"), 0);
  const fs::path trace = dir / "matmul" / "trace.json";
  ASSERT_TRUE(fs::exists(trace)) << trace;
  const fs::path err = kOut / "trace_refused.txt";
  const std::string base =
      "screenshot \"" + kExample.string() + "\" --panel l1 --size 800x500 --trace \"" + trace.string() + "\"";
  const std::string cmd = std::string("\"") + TT_INSPECT_BINARY + "\" " + base + " -o \"" +
                          (kOut / "refused.png").string() + "\" -D M=256 -D N=256 -D K=256 -D block_K=64 2> \"" +
                          err.string() + "\"";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(read_bytes(err).find(
                "was not recorded from this program: CB c_0 (A_shared) has 12 pages in the trace, 24 in this compile"),
            std::string::npos)
      << read_bytes(err);
  // The same parameters: accepted.
  EXPECT_EQ(run(base + " -o \"" + (kOut / "accepted.png").string() + "\" -D M=256 -D N=256 -D K=256"), 0);
}

TEST(Screenshot, UsageErrorsExitTwo) {
  const std::string out = (kOut / "never.png").string();
  EXPECT_EQ(run("screenshot \"" + kExample.string() + "\" -o \"" + out + "\" --panel nosuchpanel"), 2);
  EXPECT_EQ(run("screenshot \"" + kExample.string() + "\" -o \"" + out + "\" --size 10x10"), 2);
  EXPECT_EQ(run("screenshot \"" + kExample.string() + "\" -o \"" + out + "\" -D M"), 2);
  EXPECT_EQ(run("screenshot \"" + kExample.string() + "\""), 2);  // -o is required
  EXPECT_FALSE(fs::exists(out));
}

// A missing input file is a usage error, as in every subcommand (README's exit-code table).
TEST(Screenshot, MissingFileExitsTwo) {
  EXPECT_EQ(run("screenshot /nonexistent.py -o \"" + (kOut / "missing.png").string() + "\""), 2);
}

}  // namespace
