// reblock_rows (a step of lower_tile_ops): 1-row blocks (rms_norm's shape) re-blocked onto 32-row tiles with a note;
// blocks whose rows depend on each other, or a grid that does not cover whole tiles, are exact `unsupported` errors;
// kernels with tile-sized blocks are left unchanged.
#include <gtest/gtest.h>

#include "compiler/compiler.h"

namespace tt {
namespace {

struct Reblocked {
  CompileResult result;
  std::string ir;                   // after lower_tile_ops
  std::vector<std::string> notes;   // of lower_tile_ops
  std::vector<std::string> errors;  // of the whole compile
  bool changed = false;
};

Reblocked reblock(const std::string& body, const std::string& sizes) {
  const std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def rows(A, blk_m):
    M, N = T.const("M, N")
    A: T.Tensor((M, N), T.float32)
    B = T.empty((M, N), T.float32)
    with T.Kernel(T.ceildiv(M, blk_m), threads=128) as bx:
)" + body + R"(
    return B


rows.compile()" + sizes + ")\n";
  CompileOptions options;
  options.stop_after = "lower_tile_ops";
  Reblocked out;
  out.result = compile_source(SourceFile("k.py", text), options);
  for (const Diagnostic& d : out.result.all_diagnostics()) {
    if (d.severity == Severity::Error) out.errors.push_back(diagnostic_headline(d, "k.py", true));
    if (d.severity == Severity::Note && d.pass == "lower_tile_ops") out.notes.push_back(diagnostic_headline(d, "k.py"));
  }
  if (!out.result.kernels.empty()) {
    if (const PassRecord* rec = out.result.kernels[0].trace.find("lower_tile_ops")) {
      out.ir = rec->ir_text;
      out.changed = rec->changed;
    }
  }
  return out;
}

// rms_norm.py's rms_norm kernel, as its file writes it.
const char* kRmsNorm = R"(        A_local = T.alloc_fragment((blk_m, N), T.float32)
        A_pow_local = T.alloc_fragment((blk_m, N), T.float32)
        A_powsum = T.alloc_fragment((blk_m,), T.float32)
        T.copy(A[bx * blk_m : (bx + 1) * blk_m, :], A_local)
        for i, j in T.Parallel(blk_m, N):
            A_pow_local[i, j] = A_local[i, j] * A_local[i, j]
        T.reduce_sum(A_pow_local, A_powsum, dim=1)
        for i in T.Parallel(blk_m):
            A_powsum[i] = T.rsqrt(A_powsum[i] / N + 1e-12)
        for i, j in T.Parallel(blk_m, N):
            A_local[i, j] *= A_powsum[i]
        T.copy(A_local, B[bx * blk_m : (bx + 1) * blk_m, :]))";

TEST(ReblockRows, OneRowBlocksOfRmsNormBecomeTileRows) {
  Reblocked r = reblock(kRmsNorm, "M=128, N=64, blk_m=1");
  EXPECT_TRUE(r.changed);
  // The re-blocked kernel compiles through (its reduction and vector maps are lowered by tensorize_tt).
  EXPECT_EQ(r.errors, std::vector<std::string>{});
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0],
            "k.py:10:5: note: re-blocked 1 row per block onto 32-row tiles (rows are independent: element-wise "
            "maps read their own row, reductions run along dim 1): grid along 'bx' 128 -> 4; A_local (1, 64) -> "
            "(32, 64), A_pow_local (1, 64) -> (32, 64), A_powsum (1,) -> (32,)");
  const std::string kernel = r.ir.substr(r.ir.find("    with T.Kernel"));
  EXPECT_EQ(kernel,
            "    with T.Kernel(4, threads=128) as (bx,):\n"
            "        A_local = T.alloc_fragment((32, 64), \"float32\")\n"
            "        A_pow_local = T.alloc_fragment((32, 64), \"float32\")\n"
            "        A_powsum = T.alloc_fragment((32,), \"float32\")\n"
            "        T.copy(A[bx * 32:bx * 32 + 32, 0:64], A_local)\n"
            "        for i in T.Parallel(32):\n"
            "            for j in T.Parallel(64):\n"
            "                A_pow_local[i, j] = A_local[i, j] * A_local[i, j]\n"
            "        T.reduce_sum(A_pow_local, A_powsum, dim=1, clear=True)\n"
            "        for i in T.Parallel(32):\n"
            "            A_powsum[i] = T.rsqrt(A_powsum[i] / 64 + 1e-12)\n"
            "        for i in T.Parallel(32):\n"
            "            for j in T.Parallel(64):\n"
            "                A_local[i, j] = A_local[i, j] * A_powsum[i]\n"
            "        T.copy(A_local, B[bx * 32:bx * 32 + 32, 0:64])\n");
}

TEST(ReblockRows, BlocksOfTwoRowsBecomeTileRows) {
  Reblocked r = reblock(kRmsNorm, "M=64, N=64, blk_m=2");
  EXPECT_TRUE(r.changed);
  EXPECT_NE(r.ir.find("with T.Kernel(2, threads=128)"), std::string::npos) << r.ir;
  EXPECT_NE(r.ir.find("T.copy(A[bx * 32:bx * 32 + 32, 0:64], A_local)"), std::string::npos) << r.ir;
}

TEST(ReblockRows, ARowThatReadsAnotherRowIsAnUnsupportedErrorNamingIt) {
  Reblocked r = reblock(R"(        A_s = T.alloc_fragment((blk_m, N), T.float32)
        B_s = T.alloc_fragment((blk_m, N), T.float32)
        T.copy(A[bx * blk_m, 0], A_s)
        for i, j in T.Parallel(blk_m, N):
            B_s[i, j] = A_s[1 - i, j]
        T.copy(B_s, B[bx * blk_m, 0]))",
                        "M=64, N=64, blk_m=2");
  EXPECT_TRUE(r.notes.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0],
            "k.py:15:13: error: [unsupported] blocks of 2 rows (A_s is (2, 64)) cannot be re-blocked onto 32-row "
            "tiles: 'B_s[i, j] = A_s[1 - i, j]' reads row 1 - i of A_s to compute row i, so rows are not "
            "independent; blocks of 32 rows fill whole tiles");
}

TEST(ReblockRows, ARowCountThatIsNotWholeTilesIsAnUnsupportedError) {
  Reblocked r = reblock(kRmsNorm, "M=48, N=64, blk_m=1");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0],
            "k.py:10:5: error: [unsupported] blocks of 1 row (A_local is (1, 64)) cannot be re-blocked onto 32-row "
            "tiles: the grid covers 48 rows, not a multiple of 32 (padding is not supported yet); blocks of 32 "
            "rows fill whole tiles");
}

TEST(ReblockRows, TileSizedBlocksAreLeftAlone) {
  Reblocked r = reblock(kRmsNorm, "M=64, N=64, blk_m=32");
  EXPECT_FALSE(r.changed);
  EXPECT_TRUE(r.notes.empty());
}

}  // namespace
}  // namespace tt
