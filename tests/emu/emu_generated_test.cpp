// The kernels tt-inspect generates, run unchanged on the emulator: the reference GEMM and its variants match
// the double-precision reference within float16 tolerance, and hand-broken copies of them are diagnosed.
#include <unistd.h>

#include <map>

#include "compiler/codegen/artifact_writer.h"
#include "compiler/compiler.h"
#include "emu_test_util.h"

namespace ttemu::test {
namespace {

fs::path example(const std::string& name) { return fs::path(TT_INSPECT_SOURCE_DIR) / "assets" / "examples" / name; }

// Compiles `file` with `defines` and writes its only kernel's artifacts; removed with the object.
class GeneratedKernels {
 public:
  GeneratedKernels(const fs::path& file, std::map<std::string, std::string> defines) {
    std::string pattern = (fs::temp_directory_path() / "ttemu-gen-XXXXXX").string();
    out_ = ::mkdtemp(pattern.data());
    tt::CompileOptions options;
    options.defines = std::move(defines);
    tt::CompileResult result = tt::compile_file(file.string(), options);
    ok_ = result.ok() && result.kernels.size() == 1;
    if (!ok_) {
      error_ = tt::render_diagnostics(result.all_diagnostics(), result.source);
      return;
    }
    const tt::KernelResult& kernel = result.kernels.front();
    ok_ = tt::write_kernel_artifacts(kernel, out_.string(), tt::ArtifactWriteOptions{}, error_);
    dir_ = out_ / tt::sanitize_artifact_name(kernel.name);
    plan_ = nlohmann::json::parse(read_text(dir_ / "tt.plan.json"));
  }
  ~GeneratedKernels() {
    std::error_code ec;
    fs::remove_all(out_, ec);
  }
  GeneratedKernels(const GeneratedKernels&) = delete;
  GeneratedKernels& operator=(const GeneratedKernels&) = delete;

  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }
  const fs::path& dir() const { return dir_; }
  const nlohmann::json& plan() const { return plan_; }

 private:
  fs::path out_, dir_;
  nlohmann::json plan_;
  bool ok_ = false;
  std::string error_;
};

struct Shape {
  const char* name;
  std::map<std::string, std::string> defines;
  int blocks, active_cores;
};

// 64 worker cores on the default device (Wormhole n150, 8x8).
const Shape kShapes[] = {
    {"Gemm256FewerBlocksThanCores", {{"M", "256"}, {"N", "256"}, {"K", "256"}}, 4, 4},
    {"Gemm1024OneBlockPerCore", {}, 64, 64},
    {"Gemm1280x1280x256MoreBlocksThanCores", {{"M", "1280"}, {"N", "1280"}, {"K", "256"}}, 100, 64},
};

class GeneratedGemm : public ::testing::TestWithParam<Shape> {};

TEST_P(GeneratedGemm, MatchesReference) {
  const Shape& s = GetParam();
  GeneratedKernels g(example("example_gemm.py"), s.defines);
  ASSERT_TRUE(g.ok()) << g.error();
  EXPECT_EQ(g.plan()["num_blocks"], s.blocks);
  EXPECT_EQ(g.plan()["cores"].size(), static_cast<size_t>(s.active_cores));
  const TimedRun t = run(g.dir());
  expect_pass(t, s.name);
  remove_work_dir(t.result);
}

INSTANTIATE_TEST_SUITE_P(Shapes, GeneratedGemm, ::testing::ValuesIn(kShapes),
                         [](const ::testing::TestParamInfo<Shape>& param) { return std::string(param.param.name); });

TEST(GeneratedGemmVariants, Bfloat16BlockK64) {
  GeneratedKernels g(example("example_gemm_bf16_slices.py"), {});
  ASSERT_TRUE(g.ok()) << g.error();
  const TimedRun t = run(g.dir());
  expect_pass(t, "bfloat16, block_K 64");
  remove_work_dir(t.result);
}

TEST(GeneratedGemmVariants, TransposeB) {
  GeneratedKernels g(example("example_gemm_transpose_b.py"), {});
  ASSERT_TRUE(g.ok()) << g.error();
  ASSERT_EQ(g.plan()["gemm"]["transpose_b"], true);
  const TimedRun t = run(g.dir());
  expect_pass(t, "B transposed");
  remove_work_dir(t.result);
}

// The same seed gives the same CB trace and the same error, byte for byte.
TEST(GeneratedGemmVariants, RunsAreDeterministic) {
  GeneratedKernels g(example("example_gemm.py"), {{"M", "256"}, {"N", "384"}, {"K", "128"}});
  ASSERT_TRUE(g.ok()) << g.error();
  expect_identical_runs(g.dir());
}

// A hand edit of the generated compute.cpp: pop 3 of the 4 A tiles of each K step.
TEST(GeneratedGemmFaults, ComputePopsOneTileTooFew) {
  GeneratedKernels g(example("example_gemm.py"), {{"M", "256"}, {"N", "256"}, {"K", "256"}});
  ASSERT_TRUE(g.ok()) << g.error();
  Scratch s("tt.plan.json", g.dir());
  s.replace_once("compute.cpp", "cb_pop_front(cb_A_shared, 4);", "cb_pop_front(cb_A_shared, 3);");
  const TimedRun t = run(s.dir());
  // The front of A_shared drifts by one page per K step; the fourth step's 4-page window would wrap past
  // the end of the 12-page ring, which a TT-Metalium CB cannot serve.
  const RunFault f = expect_fault(t, "cb_window_wraps");
  EXPECT_EQ(f.kernel, "compute");
  EXPECT_EQ(f.cb, 0);
  EXPECT_EQ(fs::path(f.file).filename(), "compute.cpp");
  EXPECT_EQ(f.line, line_of(s.dir() / "compute.cpp", "cb_wait_front(cb_A_shared, 4);"));
  EXPECT_NE(f.message.find("cb_wait_front(cb=0 'A_shared', n=4)"), std::string::npos) << f.message;
  remove_work_dir(t.result);
}

// The partials CB must hold both 8-tile sub-blocks of the 4x4-tile fp32 block between K steps (16 pages);
// a host program that gives it one sub-block (8 pages) deadlocks the compute kernel on itself.
TEST(GeneratedGemmFaults, PartialsCbOfOneSubblockDeadlocks) {
  GeneratedKernels g(example("example_gemm.py"), {{"M", "256"}, {"N", "256"}, {"K", "256"}});
  ASSERT_TRUE(g.ok()) << g.error();
  Scratch s("tt.plan.json", g.dir());
  s.replace_once("main.cpp", "CircularBufferConfig(65536, {{tt::CBIndex::c_24",
                 "CircularBufferConfig(32768, {{tt::CBIndex::c_24");
  const TimedRun t = run(s.dir());
  expect_fault(t, "deadlock");
  ASSERT_FALSE(t.result.faults.empty());
  const RunFault& first = t.result.faults.front();
  EXPECT_EQ(first.kernel, "compute");
  EXPECT_EQ(first.cb, 24);
  EXPECT_NE(first.message.find("blocked in cb_reserve_back(cb=24 'C_local', n=8)"), std::string::npos)
      << first.message;
  EXPECT_NE(first.message.find("the kernel is its own consumer"), std::string::npos) << first.message;
  remove_work_dir(t.result);
}

// B_shared given 2 pages where each K step moves 4: no wait for 4 tiles can ever be served.
TEST(GeneratedGemmFaults, CbSmallerThanOneRequestIsDiagnosed) {
  GeneratedKernels g(example("example_gemm.py"), {{"M", "256"}, {"N", "256"}, {"K", "256"}});
  ASSERT_TRUE(g.ok()) << g.error();
  Scratch s("tt.plan.json", g.dir());
  s.replace_once("main.cpp", "CircularBufferConfig(24576, {{tt::CBIndex::c_1,",
                 "CircularBufferConfig(4096, {{tt::CBIndex::c_1,");
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "cb_request_exceeds_depth");
  EXPECT_EQ(f.cb, 1);
  EXPECT_NE(f.message.find("(cb=1 'B_shared', n=4): the CB holds only 2 pages"), std::string::npos) << f.message;
  remove_work_dir(t.result);
}

}  // namespace
}  // namespace ttemu::test
