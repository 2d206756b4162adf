// The corpus of real TileLang files (../shared/corpus, beside the checkout; never copied here):
// every file is compiled and its outcome asserted from a table written after reading each file:
// the kernels it yields and whether each compiles, or the category of its first error and the
// op or value that error must name. No file may end in a `frontend` error (issue #10).
// Skips, saying why, where the corpus is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "compiler/compiler.h"

namespace tt {
namespace {

namespace fs = std::filesystem;

struct Expected {
  const char* path;      // under the corpus root
  const char* kernels;   // "name=ok name=fail ..." in order; empty: the front end yields none
  const char* category;  // of the first error; null: the whole file compiles
  const char* names;     // text the first error must contain (the op, feature or value)
};

// Written from reading each file (see the comment per group).
const Expected kCorpus[] = {
    // Tenstorrent fork: the GEMM examples compile; element-wise and attention need ops not lowered.
    {"tilelang-tt/examples/gemm/example_gemm.py", "matmul=ok", nullptr, nullptr},
    {"tilelang-tt/examples/tenstorrent/example_gemm.py", "matmul=ok", nullptr, nullptr},
    {"tilelang-tt/examples/tenstorrent/example_gemm_tt.py", "matmul_tt=ok", nullptr, nullptr},
    {"tilelang-tt/examples/tenstorrent/example_gemm_tt_minimal.py", "matmul=ok", nullptr, nullptr},
    {"tilelang-tt/plan_date/examples/gemm/example_gemm.py", "matmul=ok", nullptr, nullptr},
    // The map's result is staged C_local -> C_shared -> C: the on-chip copy is a copy_tile + pack section.
    {"tilelang-tt/examples/elementwise/example_elementwise_add.py", "elementwise_add=ok", nullptr, nullptr},
    // Flash attention (issue 13): 3-D grids and BSHD slices, the softmax's reductions over the scores acc_s read as a
    // block (4x4 tiles at block 128 x 128: packed in sub-blocks of whole tile rows), the rescale of the carried acc_o
    // by a vector before its gemm, the division by logsum after the loop. Non-causal (the default).
    {"tilelang-tt/examples/flash_attention/example_mha_fwd_bshd.py", "kernel=ok best_result=ok", nullptr, nullptr},
    // Upstream, eager syntax.
    {"tilelang/examples/gemm/example_gemm.py", "matmul=ok", nullptr, nullptr},
    // GEMM + ReLU: the epilogue runs on the accumulator's DST tiles.
    {"tilelang/examples/quickstart.py", "matmul=ok", nullptr, nullptr},
    {"tilelang/examples/elementwise/example_elementwise_add.py", "elementwise_add=ok", nullptr, nullptr},
    // rms_norm_splitk is instantiated by no call (skipped with a note); rms_norm twice (test_rms_norm's
    // defaults and main()): its 1-row blocks are re-blocked onto 32-row tiles, its reduction and vector maps
    // lowered; at main()'s N = 8192 only A_local (read twice) is resident in L1.
    {"tilelang/examples/norm/rms_norm.py", "rms_norm_1=ok rms_norm_2=ok", nullptr, nullptr},
    // BLOCK_N = 8192 makes 32 x 8192 blocks after re-blocking: x (read twice) is resident, exp_x streams into
    // its reduction, y and Y are rings.
    {"tilelang/examples/online_softmax/online_softmax.py", "softmax_kernel=ok", nullptr, nullptr},
    {"tilelang/examples/cast/example_per_token_cast_to_fp8.py", "", "unsupported", "dtype 'float8_e4m3fn'"},
    {"tilelang/examples/convolution/example_convolution.py", "", "unsupported", "buffer attribute '.data'"},
    // T.dynamic sizes bound by the shapes of the tensors main() passes.
    {"tilelang/examples/dynamic_shape/example_dynamic.py", "matmul_dynamic_mnk=ok", nullptr, nullptr},
    {"tilelang/examples/gemm/example_gemm_persistent.py", "", "unsupported", "driver.get_num_sms()"},
    {"tilelang/examples/gemm_splitk/example_tilelang_gemm_splitk.py", "", "unsupported", "T.atomic_add"},
    {"tilelang/examples/gemv/example_gemv.py", "", "unsupported", "T.get_thread_binding"},
    {"tilelang/examples/norm/layernorm.py", "", "unsupported", "'N' (dimension 0 of 'X')"},
    // Upstream, classic syntax and GPU-specific kernels.
    // Flash attention, non-causal (their default), as above; gqa reads K and V of head by // groups.
    {"tilelang/examples/flash_attention/example_gqa_fwd_bshd.py", "flashattn_1=ok flashattn_2=ok", nullptr, nullptr},
    {"tilelang/examples/flash_attention/example_mha_fwd_bhsd.py", "flashattn_1=ok flashattn_2=ok", nullptr, nullptr},
    {"tilelang/examples/flash_attention/example_mha_fwd_bshd.py", "kernel=ok best_result=ok", nullptr, nullptr},
    {"tilelang/examples/gemm/example_gemm_autotune.py", "", "unsupported", "autotuner.run("},
    {"tilelang/examples/gemm/example_gemm_intrinsics.py", "", "unsupported", "mma_emitter.ldmatrix_a(...)"},
};

fs::path corpus_root() { return fs::path(TT_CORPUS_DIR); }

std::string kernel_outcomes(const CompileResult& r) {
  std::string out;
  for (const KernelResult& k : r.kernels) out += (out.empty() ? "" : " ") + k.name + (k.ok ? "=ok" : "=fail");
  return out;
}

TEST(Corpus, EveryFileHasTheOutcomeOfTheTable) {
  if (!fs::is_directory(corpus_root())) GTEST_SKIP() << "no corpus at " << corpus_root() << " (../shared/corpus)";
  for (const Expected& e : kCorpus) {
    SCOPED_TRACE(e.path);
    CompileOptions options;
    options.codegen = false;  // outcome of front end and pipeline; codegen has its own goldens
    CompileResult r = compile_file((corpus_root() / e.path).string(), options);
    EXPECT_EQ(kernel_outcomes(r), e.kernels);
    DiagnosticList all = r.all_diagnostics();
    auto first_error =
        std::find_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
    if (!e.category) {
      EXPECT_TRUE(r.ok());
      EXPECT_EQ(first_error, all.end()) << (first_error != all.end() ? first_error->message : "");
      continue;
    }
    ASSERT_NE(first_error, all.end());
    EXPECT_STREQ(category_name(first_error->category), e.category) << first_error->message;
    EXPECT_NE(first_error->message.find(e.names), std::string::npos) << first_error->message;
  }
}

// rms_norm.py, unmodified: its uncalled rms_norm_splitk (sizes unbound) is skipped with a note and
// listed as skipped; the two rms_norm instantiations are re-blocked from 1 row to 32-row tiles.
TEST(Corpus, RmsNormSkipsTheUncalledSplitKKernelAndReblocksTheOther) {
  if (!fs::is_directory(corpus_root())) GTEST_SKIP() << "no corpus at " << corpus_root() << " (../shared/corpus)";
  CompileOptions options;
  options.codegen = false;
  CompileResult r = compile_file((corpus_root() / "tilelang/examples/norm/rms_norm.py").string(), options);
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].name, "rms_norm_splitk");
  EXPECT_EQ(r.skipped[0].span.begin.line, 7u);
  ASSERT_EQ(r.kernels.size(), 2u);
  for (const KernelResult& k : r.kernels) {
    const PassRecord* rec = k.trace.find("lower_tile_ops");
    ASSERT_NE(rec, nullptr);
    EXPECT_NE(rec->ir_text.find("A_local = T.alloc_fragment((32, "), std::string::npos) << k.name;
    EXPECT_NE(rec->ir_text.find("T.copy(A[bx * 32:bx * 32 + 32, "), std::string::npos) << k.name;
  }
  // With --kernel, the skipped kernel is compiled and fails with its -D hint.
  options.kernel = "rms_norm_splitk";
  r = compile_file((corpus_root() / "tilelang/examples/norm/rms_norm.py").string(), options);
  ASSERT_TRUE(r.all_diagnostics().has_errors());
  EXPECT_EQ(r.all_diagnostics().items()[0].message,
            "T.const 'M' of 'rms_norm_splitk' has no value: no call in this file instantiates 'rms_norm_splitk'; "
            "give it a value with -D M=<value>");
}

TEST(Corpus, TheTableCoversEveryFileAndNoneEndsInAFrontendError) {
  if (!fs::is_directory(corpus_root())) GTEST_SKIP() << "no corpus at " << corpus_root() << " (../shared/corpus)";
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(corpus_root())) {
    if (entry.path().extension() == ".py") files.push_back(fs::relative(entry.path(), corpus_root()).string());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> listed;
  for (const Expected& e : kCorpus) listed.push_back(e.path);
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(files, listed);
  for (const Expected& e : kCorpus) EXPECT_TRUE(!e.category || std::string(e.category) != "frontend") << e.path;
}

}  // namespace
}  // namespace tt
