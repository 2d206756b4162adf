// parallel_if_select (a step of lower_tile_ops): an element-wise if in a T.Parallel map, written as a Python if or
// as TVM script's `with T.If(...): with T.Then(): ... with T.Else(): ...`, becomes the store of a select, the same
// IR as the map written with T.if_then_else; ifs that are not one store per branch to one element, and ifs outside
// T.Parallel, are left as they are.
#include <gtest/gtest.h>

#include "compiler/compiler.h"

namespace tt {
namespace {

struct AfterLowerTileOps {
  std::string ir;  // after lower_tile_ops
  bool changed = false;
  std::vector<std::string> errors;
};

// A kernel whose T.Parallel(32, 32) map over the fragment `a` (a copy of A, written back to B) is BODY, indented by
// 16 spaces; `g` is a second fragment (a copy of G) the map may read.
AfterLowerTileOps lower(const std::string& body, const std::string& before_map = "") {
  const std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gate(S=64, block=32, dtype="float32"):

    @T.prim_func
    def main(G: T.Tensor((S, S), dtype), A: T.Tensor((S, S), dtype), B: T.Tensor((S, S), dtype)):
        with T.Kernel(T.ceildiv(S, block), T.ceildiv(S, block), threads=128) as (bx, by):
            g = T.alloc_fragment((block, block), dtype)
            a = T.alloc_fragment((block, block), dtype)
            T.copy(G[by * block, bx * block], g)
            T.copy(A[by * block, bx * block], a)
)" + before_map + R"(            for i, j in T.Parallel(block, block):
)" + body + R"(            T.copy(a, B[by * block, bx * block])

    return main


kernel = gate()
)";
  CompileOptions options;
  options.stop_after = "lower_tile_ops";
  CompileResult result = compile_source(SourceFile("k.py", text), options);
  AfterLowerTileOps out;
  for (const Diagnostic& d : result.all_diagnostics()) {
    if (d.severity == Severity::Error) out.errors.push_back(diagnostic_headline(d, "k.py", true));
  }
  if (!result.kernels.empty()) {
    if (const PassRecord* rec = result.kernels[0].trace.find("lower_tile_ops")) {
      out.ir = rec->ir_text;
      out.changed = rec->changed;
    }
  }
  return out;
}

void expect_same(const AfterLowerTileOps& got, const AfterLowerTileOps& want) {
  ASSERT_TRUE(got.errors.empty()) << got.errors[0];
  ASSERT_TRUE(want.errors.empty()) << want.errors[0];
  ASSERT_FALSE(got.ir.empty());
  EXPECT_EQ(got.ir, want.ir);
}

TEST(ParallelIfSelect, RawTirIfElseIsTheSelectOfItsTwoStores) {
  AfterLowerTileOps raw = lower(
      "                with T.If(g[i, j] <= 0):\n"
      "                    with T.Then():\n"
      "                        a[i, j] = a[i, j] * T.exp(g[i, j])\n"
      "                    with T.Else():\n"
      "                        a[i, j] = 0\n");
  EXPECT_TRUE(raw.changed);
  expect_same(raw, lower("                a[i, j] = T.if_then_else(g[i, j] <= 0, a[i, j] * T.exp(g[i, j]), 0)\n"));
  EXPECT_EQ(raw.ir.find("if g"), std::string::npos) << raw.ir;
}

TEST(ParallelIfSelect, AnIfWithoutElseKeepsTheElement) {
  const AfterLowerTileOps want = lower("                a[i, j] = T.if_then_else(i < j, 0, a[i, j])\n");
  expect_same(lower("                if i < j:\n"
                    "                    a[i, j] = 0\n"),
              want);
  expect_same(lower("                with T.If(i < j), T.Then():\n"
                    "                    a[i, j] = 0\n"),
              want);
}

TEST(ParallelIfSelect, NestedIfsBecomeNestedSelects) {
  expect_same(lower("                if i < j:\n"
                    "                    a[i, j] = 0\n"
                    "                else:\n"
                    "                    if g[i, j] > 1.0:\n"
                    "                        a[i, j] = g[i, j]\n"
                    "                    else:\n"
                    "                        a[i, j] = a[i, j] * 2.0\n"),
              lower("                a[i, j] = T.if_then_else(i < j, 0, T.if_then_else(g[i, j] > 1.0, g[i, j], "
                    "a[i, j] * 2.0))\n"));
}

TEST(ParallelIfSelect, IfsThatAreNotOneStoreToOneElementStay) {
  // Two stores in a branch, stores to different elements, stores to different buffers: still ifs.
  for (const char* body : {"                if i < j:\n"
                           "                    a[i, j] = 0\n"
                           "                    g[i, j] = 0\n",
                           "                if i < j:\n"
                           "                    a[i, j] = 0\n"
                           "                else:\n"
                           "                    a[j, i] = 0\n",
                           "                if i < j:\n"
                           "                    a[i, j] = 0\n"
                           "                else:\n"
                           "                    g[i, j] = 0\n"}) {
    AfterLowerTileOps l = lower(body);
    ASSERT_TRUE(l.errors.empty()) << l.errors[0];
    EXPECT_NE(l.ir.find("if i < j:"), std::string::npos) << body << l.ir;
    EXPECT_EQ(l.ir.find("T.if_then_else"), std::string::npos) << l.ir;
  }
}

TEST(ParallelIfSelect, AGuardedStoreToGlobalMemoryStays) {
  // grouped_gemm's `with T.If(i < actual_rows), T.Then(): C[...] = C_local[i, j]`: a select would read the output.
  AfterLowerTileOps l = lower(
      "                a[i, j] = a[i, j] * 2.0\n"
      "            for i, j in T.Parallel(block, block):\n"
      "                with T.If(by * block + i < 40), T.Then():\n"
      "                    B[by * block + i, bx * block + j] = a[i, j]\n");
  ASSERT_TRUE(l.errors.empty()) << l.errors[0];
  EXPECT_NE(l.ir.find("if by * 32 + i < 40:"), std::string::npos) << l.ir;
  EXPECT_EQ(l.ir.find("T.if_then_else"), std::string::npos) << l.ir;
}

TEST(ParallelIfSelect, AnIfOutsideTParallelStays) {
  AfterLowerTileOps l = lower("                a[i, j] = a[i, j] * 2.0\n",
                              "            for r in T.serial(4):\n"
                              "                if bx < by:\n"
                              "                    a[r, 0] = 0\n");
  ASSERT_TRUE(l.errors.empty()) << l.errors[0];
  EXPECT_NE(l.ir.find("if bx < by:"), std::string::npos) << l.ir;
  EXPECT_EQ(l.ir.find("T.if_then_else"), std::string::npos) << l.ir;
}

}  // namespace
}  // namespace tt
