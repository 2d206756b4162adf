// The kernels tt-inspect generates, run unchanged on the emulator: the reference GEMM and its variants match
// the double-precision reference within float16 tolerance, and hand-broken copies of them are diagnosed.
#include <unistd.h>

#include <algorithm>
#include <map>
#include <vector>

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
  EXPECT_TRUE(t.result.program_passed) << t.result.program_check;  // the host program's own check
  EXPECT_TRUE(t.result.engine_passed);                             // and the engine's
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

// The emulated cores on one host thread or dealt to two (TTEMU_RUNNERS): the same output bytes and the same
// CB trace. 100 blocks on 64 cores, so the cores carry unequal work (one or two blocks).
TEST(GeneratedGemmVariants, OneAndTwoRunnersGiveIdenticalResults) {
  GeneratedKernels g(example("example_gemm.py"), {{"M", "1280"}, {"N", "1280"}, {"K", "256"}});
  ASSERT_TRUE(g.ok()) << g.error();
  const TimedRun one = run_with_runners(1, g.dir()), two = run_with_runners(2, g.dir());
  expect_pass(one, "1280x1280x256, one runner");
  expect_pass(two, "1280x1280x256, two runners");
  EXPECT_EQ(one.result.runners, 1);
  EXPECT_EQ(two.result.runners, 2);
  EXPECT_EQ(one.result.max_abs_error, two.result.max_abs_error);
  EXPECT_EQ(one.result.events, two.result.events);
  EXPECT_EQ(read_text(one.result.trace_file), read_text(two.result.trace_file));
  // The host program's dumps of every buffer (C is what the kernels wrote), byte for byte.
  std::vector<std::string> names;
  for (const auto& f : fs::directory_iterator(one.result.work_dir / "dump")) names.push_back(f.path().filename());
  std::sort(names.begin(), names.end());
  ASSERT_FALSE(names.empty());
  for (const std::string& name : names) {
    ASSERT_TRUE(fs::exists(two.result.work_dir / "dump" / name)) << name;
    EXPECT_TRUE(read_text(one.result.work_dir / "dump" / name) == read_text(two.result.work_dir / "dump" / name))
        << name << " differs";
  }
  remove_work_dir(one.result);
  remove_work_dir(two.result);
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
  EXPECT_NE(first.message.find("blocked in cb_reserve_back(cb=24 'C_local', n=8)"), std::string::npos) << first.message;
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

// CreateKernel must pass the compile-time arguments the kernel was built with (on a card they would be
// compiled in); a host program that forgets B's TensorAccessorArgs is stopped before anything runs.
TEST(GeneratedHostProgram, CompileArgsThatDifferFromTheBuildAreASetupFault) {
  GeneratedKernels g(example("example_gemm.py"), {{"M", "256"}, {"N", "256"}, {"K", "256"}});
  ASSERT_TRUE(g.ok()) << g.error();
  Scratch s("tt.plan.json", g.dir());
  s.replace_once("main.cpp", "  TensorAccessorArgs(*buf_B).append_to(reader_compile_args);\n", "");
  const TimedRun t = run(s.dir());
  const RunFault f = expect_fault(t, "setup");
  EXPECT_NE(f.message.find("CreateKernel(\"reader.cpp\") passes compile-time arguments {2, 2048} but the kernel was "
                           "built with {2, 2048, 2, 2048}"),
            std::string::npos)
      << f.message;
  remove_work_dir(t.result);
}

// The host program is the test: with its tilize step removed, the device reads row-major data as tiles and
// the program's own check fails (the engine's check agrees).
TEST(GeneratedHostProgram, WithoutTilizeItsOwnCheckFails) {
  GeneratedKernels g(example("example_gemm.py"), {{"M", "256"}, {"N", "256"}, {"K", "256"}});
  ASSERT_TRUE(g.ok()) << g.error();
  Scratch s("tt.plan.json", g.dir());
  s.replace_once("main.cpp", "tilize_nfaces(A_bits, 256, 256)", "A_bits");
  s.replace_once("main.cpp", "tilize_nfaces(B_bits, 256, 256)", "B_bits");
  const TimedRun t = run(s.dir());
  EXPECT_EQ(t.result.status, RunResult::Status::Mismatch) << describe(t.result);
  EXPECT_FALSE(t.result.program_passed);
  EXPECT_FALSE(t.result.engine_passed);
  EXPECT_EQ(t.result.message.rfind("the host program's own check failed: C: max abs err", 0), 0u) << t.result.message;
  EXPECT_NE(t.result.program_check.find(": FAIL"), std::string::npos) << t.result.program_check;
  std::printf("[ ttemu ] without tilize: %s\n", t.result.message.c_str());
  remove_work_dir(t.result);
}

// fp32 partials reloaded through SrcA keep only TF32 (10 mantissa bits) unless their CB is UnpackToDestFp32.
// K = 1024 in 32 K steps reloads each partial 31 times. The engine checks at the precision the card reaches
// with exact partials: the float16 output's rounding (half an ulp, 2^-11 relative) plus fp32 accumulation
// noise (K = 1024 products of partial sums up to ~30 in magnitude: well under 2e-4).
TEST(GeneratedHostProgram, UnpackToDestFp32KeepsPartialsExact) {
  GeneratedKernels g(example("example_gemm.py"), {{"M", "256"}, {"N", "256"}, {"K", "1024"}});
  ASSERT_TRUE(g.ok()) << g.error();
  const std::string mark = "unpack_to_dest_mode[tt::CBIndex::c_24] = UnpackToDestMode::UnpackToDestFp32;";
  ASSERT_NE(read_text(g.dir() / "main.cpp").find(mark), std::string::npos);
  Scratch without("tt.plan.json", g.dir());
  without.replace_once("main.cpp", mark, "// removed: " + mark);
  auto run_tight = [](const fs::path& dir) {
    RunOptions o;
    o.kernel_dir = dir;
    o.seed = 7;
    o.rtol = 0x1p-11 * 1.001;
    o.atol = 2e-4;
    return run_generated_kernels(o);
  };
  const RunResult exact = run_tight(g.dir());
  const RunResult tf32 = run_tight(without.dir());
  std::printf(
      "[ ttemu ] K=1024 fp16 GEMM, max abs err: %.4g with UnpackToDestFp32 (%llu elements outside fp16 rounding "
      "+ 2e-4), %.4g without it, partials reloaded as TF32 (%llu outside)\n",
      exact.max_abs_error, static_cast<unsigned long long>(exact.mismatches), tf32.max_abs_error,
      static_cast<unsigned long long>(tf32.mismatches));
  EXPECT_EQ(exact.status, RunResult::Status::Pass) << describe(exact);
  EXPECT_TRUE(exact.engine_passed);
  // Without it, the program's own (looser) check may still pass, but the tight check fails and the error grows.
  EXPECT_TRUE(exact.faults.empty() && tf32.faults.empty()) << describe(tf32);
  EXPECT_FALSE(tf32.engine_passed) << describe(tf32);
  EXPECT_GT(tf32.mismatches, 1000u);
  EXPECT_GT(tf32.max_abs_error, 10 * exact.max_abs_error);
  remove_work_dir(exact);
  remove_work_dir(tf32);
}

// DST holds fp32 only with fp32_dest_acc_en: a float16 accumulator (T.alloc_fragment in float16) leaves it
// off, and DST rounds every partial sum to float16, as on silicon.
TEST(GeneratedHostProgram, Float16AccumulationRoundsInDst) {
  const std::map<std::string, std::string> shape = {{"M", "256"}, {"N", "256"}, {"K", "1024"}};
  std::map<std::string, std::string> fp16 = shape;
  fp16["accum_dtype"] = "\"float16\"";
  GeneratedKernels fp32_dst(example("example_gemm.py"), shape), fp16_dst(example("example_gemm.py"), fp16);
  ASSERT_TRUE(fp32_dst.ok() && fp16_dst.ok()) << fp32_dst.error() << fp16_dst.error();
  ASSERT_EQ(fp16_dst.plan()["kernels"][1]["fp32_dest_acc_en"], false);
  const TimedRun a = run(fp32_dst.dir()), b = run(fp16_dst.dir());
  ASSERT_TRUE(a.result.faults.empty() && b.result.faults.empty()) << describe(a.result) << describe(b.result);
  std::printf("[ ttemu ] K=1024 GEMM, max abs err: %.4g with fp32 DST, %.4g with 16-bit DST\n", a.result.max_abs_error,
              b.result.max_abs_error);
  EXPECT_GT(b.result.max_abs_error, 3 * a.result.max_abs_error);
  remove_work_dir(a.result);
  remove_work_dir(b.result);
}

}  // namespace
}  // namespace ttemu::test
