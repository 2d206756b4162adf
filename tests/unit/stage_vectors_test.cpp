// stage_vectors (a step of lower_tile_ops): a 1-D global buffer read inside T.Parallel becomes an on-chip vector of the
// loop's extent filled by a reader copy (`V_bcast` when the loop's column variable indexes it, a row vector;
// `V_bcast_col` for the row variable, a column vector); any other index is an exact `unsupported` error.
#include <gtest/gtest.h>

#include "compiler/compiler.h"

namespace tt {
namespace {

struct Staged {
  std::string ir;                   // after lower_tile_ops
  std::vector<std::string> errors;  // of the compile
};

// An element-wise kernel over 64x64 blocks of a 128x256 X, with `body` the statement inside
// `for i, j in T.Parallel(64, 64)`, V a 1-D vector of `vlen` values, and `stop` the last pass run.
Staged stage(const std::string& body, int vlen, const std::string& stop = "lower_tile_ops") {
  const std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def add_vector(X, V):
    X: T.Tensor((128, 256), T.float32)
    V: T.Tensor(()" + std::to_string(vlen) +
                           R"(,), T.float32)
    Y = T.empty((128, 256), T.float32)
    with T.Kernel(4, 2, threads=128) as (bx, by):
        X_s = T.alloc_shared((64, 64), T.float32)
        Y_l = T.alloc_fragment((64, 64), T.float32)
        T.copy(X[by * 64, bx * 64], X_s)
        for i, j in T.Parallel(64, 64):
            )" + body + R"(
        T.copy(Y_l, Y[by * 64, bx * 64])
    return Y


add_vector.compile()
)";
  CompileOptions options;
  options.stop_after = stop;
  const CompileResult r = compile_source(SourceFile("k.py", text), options);
  Staged out;
  for (const Diagnostic& d : r.all_diagnostics()) {
    if (d.severity == Severity::Error) out.errors.push_back(diagnostic_headline(d, "k.py", true));
  }
  if (!r.kernels.empty()) {
    if (const PassRecord* rec = r.kernels[0].trace.find("lower_tile_ops")) out.ir = rec->ir_text;
  }
  return out;
}

TEST(StageVectors, ColumnIndexedVectorIsStagedBeforeTheMap) {
  const Staged s = stage("Y_l[i, j] = X_s[i, j] + V[bx * 64 + j]", 256);
  ASSERT_TRUE(s.errors.empty()) << s.errors.front();
  const std::string want =
      "        V_bcast = T.alloc_shared((64,), \"float32\")\n"
      "        T.copy(V[bx * 64:bx * 64 + 64], V_bcast)\n"
      "        for i in T.Parallel(64):\n"
      "            for j in T.Parallel(64):\n"
      "                Y_l[i, j] = X_s[i, j] + V_bcast[j]\n";
  EXPECT_NE(s.ir.find(want), std::string::npos) << s.ir;
}

TEST(StageVectors, RowIndexedVectorIsStagedAsAColumnVector) {
  const Staged s = stage("Y_l[i, j] = V[i + by * 64] * X_s[i, j]", 128);
  ASSERT_TRUE(s.errors.empty()) << s.errors.front();
  EXPECT_NE(s.ir.find("V_bcast_col = T.alloc_shared((64,), \"float32\")\n"
                      "        T.copy(V[by * 64:by * 64 + 64], V_bcast_col)"),
            std::string::npos)
      << s.ir;
  EXPECT_NE(s.ir.find("Y_l[i, j] = V_bcast_col[i] * X_s[i, j]"), std::string::npos) << s.ir;
}

TEST(StageVectors, OneBlockPerVectorAndOrientationInANest) {
  const Staged s = stage("Y_l[i, j] = X_s[i, j] * V[bx * 64 + j] + V[bx * 64 + j]", 256);
  ASSERT_TRUE(s.errors.empty()) << s.errors.front();
  EXPECT_EQ(s.ir.find("V_bcast2"), std::string::npos) << s.ir;
  EXPECT_NE(s.ir.find("Y_l[i, j] = X_s[i, j] * V_bcast[j] + V_bcast[j]"), std::string::npos) << s.ir;
}

TEST(StageVectors, AnIndexThatIsNotStartPlusALoopVariableIsUnsupported) {
  const Staged s = stage("Y_l[i, j] = X_s[i, j] + V[i * 4 + j]", 256);
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0],
            "k.py:15:37: error: [unsupported] element-wise statement 'Y_l[i, j] = X_s[i, j] + V[i * 4 + j]': the 1-D "
            "buffer V read as 'V[i * 4 + j]': a vector read inside T.Parallel must be indexed `start + i` by one of "
            "the loop's variables (a row or column broadcast)");
}

TEST(StageVectors, AVectorReadOnlyThroughAnOnChipCopyIsUnsupportedAtItsLayout) {
  // T.copy of a 1-D global buffer into a 1-D fragment (not a broadcast block) stops at infer_tt_layout, named.
  const std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def k(X, V):
    X: T.Tensor((128, 256), T.float32)
    V: T.Tensor((128,), T.float32)
    Y = T.empty((128, 256), T.float32)
    with T.Kernel(4, 2, threads=128) as (bx, by):
        v = T.alloc_fragment((64,), T.float32)
        X_s = T.alloc_shared((64, 64), T.float32)
        T.copy(V[by * 64], v)
        T.copy(X[by * 64, bx * 64], X_s)
        T.copy(X_s, Y[by * 64, bx * 64])
    return Y


k.compile()
)";
  const CompileResult r = compile_source(SourceFile("k.py", text), CompileOptions{});
  std::vector<std::string> errors;
  for (const Diagnostic& d : r.all_diagnostics()) {
    if (d.severity == Severity::Error) errors.push_back(diagnostic_headline(d, "k.py", true));
  }
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("k.py:13:9: error: [unsupported] buffer 'V' has 1 dimension: a 1-D global buffer is "
                            "supported as a vector read inside T.Parallel",
                            0),
            0u)
      << errors[0];
}

}  // namespace
}  // namespace tt
