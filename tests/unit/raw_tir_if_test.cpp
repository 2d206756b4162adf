// TVM script's raw TIR if (`with T.If(cond):` / `with T.Then():` / `with T.Else():`), as the
// Tenstorrent fork's gated-delta-net examples write it: it must lower to exactly the IR a Python
// `if cond: ... else: ...` gives (the same IfNode, printed the same), and malformed uses must be
// located errors with TVM's rules (compiler/frontend/kernel_builder.cpp, lower_raw_if).
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "compiler/frontend/frontend.h"
#include "compiler/ir/ir.h"
#include "compiler/ir/printer.h"

namespace tt::frontend {
namespace {

struct Lowered {
  std::vector<ir::Module> modules;
  DiagnosticList diags;
  std::string headline() const { return diags.empty() ? "" : diagnostic_headline(diags.items()[0], "k.py"); }
  std::string ir() const { return modules.empty() ? "" : ir::print_module(modules[0]).text; }
};

Lowered lower(const std::string& text) {
  Lowered out;
  out.modules = lower_source(SourceFile("k.py", text), FrontendOptions{}, out.diags);
  return out;
}

// A gated masking kernel in the style of the fork's chunk_o / chunk_scaled_dot_kkt examples; BODY
// is the element statement inside `for i, j in T.Parallel(block, block)` (indented 16 spaces).
std::string kernel(const std::string& body) {
  return R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gate(S, block=32, dtype="float32", use_g=True):

    @T.prim_func
    def main(G: T.Tensor((S, S), dtype), A: T.Tensor((S, S), dtype), O: T.Tensor((S, S), dtype)):
        with T.Kernel(T.ceildiv(S, block), T.ceildiv(S, block), threads=128) as (bx, by):
            g = T.alloc_fragment((block, block), dtype)
            a = T.alloc_fragment((block, block), dtype)
            T.copy(G[by * block, bx * block], g)
            T.copy(A[by * block, bx * block], a)
            for i, j in T.Parallel(block, block):
)" + body +
         R"(
            T.copy(a, O[by * block, bx * block])

    return main


kernel = gate(64)
)";
}

std::string indent(const std::string& lines) {
  std::string out, line;
  for (char c : lines) {
    if (c == '\n') {
      out += std::string(16, ' ') + line + "\n";
      line.clear();
    } else {
      line += c;
    }
  }
  if (!line.empty()) out += std::string(16, ' ') + line;
  return out;
}

void expect_same_ir(const std::string& raw, const std::string& python) {
  Lowered r = lower(kernel(indent(raw)));
  Lowered p = lower(kernel(indent(python)));
  ASSERT_FALSE(r.diags.has_errors()) << r.headline();
  ASSERT_FALSE(p.diags.has_errors()) << p.headline();
  EXPECT_EQ(r.ir(), p.ir());
  EXPECT_NE(r.ir().find("if "), std::string::npos) << r.ir();
}

TEST(RawTirIf, ThenElseLowersLikeAPythonIfElse) {
  expect_same_ir(
      "with T.If(g[i, j] <= 0):\n"
      "    with T.Then():\n"
      "        a[i, j] = a[i, j] * T.exp(g[i, j])\n"
      "    with T.Else():\n"
      "        a[i, j] = 0\n",
      "if g[i, j] <= 0:\n"
      "    a[i, j] = a[i, j] * T.exp(g[i, j])\n"
      "else:\n"
      "    a[i, j] = 0\n");
}

TEST(RawTirIf, ThenOnlyAndTheOneLineFormLowerLikeAPythonIf) {
  const char* python =
      "if i < j:\n"
      "    a[i, j] = 0\n";
  expect_same_ir(
      "with T.If(i < j):  # noqa: SIM117\n"
      "    with T.Then():\n"
      "        a[i, j] = 0\n",
      python);
  expect_same_ir(
      "with T.If(i < j), T.Then():\n"
      "    a[i, j] = 0\n",
      python);
}

TEST(RawTirIf, ConjunctionsAndNestedIfsLowerLikePython) {
  expect_same_ir(
      "with T.If(g[i, j] <= 0 and i > j):\n"
      "    with T.Then():\n"
      "        with T.If(i > 3):\n"
      "            with T.Then():\n"
      "                a[i, j] = a[i, j] * 2.0\n"
      "            with T.Else():\n"
      "                a[i, j] = a[i, j] + 1.0\n"
      "    with T.Else():\n"
      "        a[i, j] = 0\n",
      "if g[i, j] <= 0 and i > j:\n"
      "    if i > 3:\n"
      "        a[i, j] = a[i, j] * 2.0\n"
      "    else:\n"
      "        a[i, j] = a[i, j] + 1.0\n"
      "else:\n"
      "    a[i, j] = 0\n");
}

TEST(RawTirIf, SeveralFramesInOneWithNestLikeSeveralWiths) {
  expect_same_ir(
      "with T.If(i < j), T.Then(), T.If(g[i, j] > 0), T.Then():\n"
      "    a[i, j] = 0\n",
      "if i < j:\n"
      "    if g[i, j] > 0:\n"
      "        a[i, j] = 0\n");
}

TEST(RawTirIf, AnIfItemAfterTKernelHoldsTheKernelBody) {
  const std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def edge(S=64, block=32, dtype="float32"):

    @T.prim_func
    def main(A: T.Tensor((S, S), dtype), B: T.Tensor((S, S), dtype)):
        with T.Kernel(T.ceildiv(S, block), T.ceildiv(S, block)) as (bx, by), T.If(bx < by), T.Then():
            a = T.alloc_fragment((block, block), dtype)
            T.copy(A[by * block, bx * block], a)
            T.copy(a, B[by * block, bx * block])

    return main


kernel = edge()
)";
  Lowered l = lower(text);
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("    with T.Kernel(2, 2, threads=128) as (bx, by):\n        if bx < by:\n"), std::string::npos)
      << l.ir();
}

TEST(RawTirIf, ADefinitionTimeConditionIsFoldedLikePython) {
  // use_g is a factory parameter: both forms keep only the taken branch, no IfNode.
  Lowered r =
      lower(kernel(indent("with T.If(use_g):\n"
                          "    with T.Then():\n"
                          "        a[i, j] = a[i, j] * 2.0\n"
                          "    with T.Else():\n"
                          "        a[i, j] = 0\n")));
  Lowered p = lower(kernel(indent("a[i, j] = a[i, j] * 2.0\n")));
  ASSERT_FALSE(r.diags.has_errors()) << r.headline();
  EXPECT_EQ(r.ir(), p.ir());
  EXPECT_EQ(r.ir().find("if "), std::string::npos) << r.ir();
}

TEST(RawTirIf, TheIfNodeSpansTheWithHeaderAndItsBranchesTheirBodies) {
  Lowered r =
      lower(kernel(indent("with T.If(i < j):\n"
                          "    with T.Then():\n"
                          "        a[i, j] = 0\n"
                          "    with T.Else():\n"
                          "        a[i, j] = 1.0\n")));
  ASSERT_FALSE(r.diags.has_errors()) << r.headline();
  const ir::IfNode* found = nullptr;
  std::function<void(const ir::Stmt&)> walk = [&](const ir::Stmt& s) {
    if (!s) return;
    switch (s->kind) {
      case ir::StmtKind::If:
        found = ir::as<ir::IfNode>(s);
        return;
      case ir::StmtKind::Seq:
        for (const ir::Stmt& c : ir::as<ir::SeqNode>(s)->stmts) walk(c);
        return;
      case ir::StmtKind::For:
        walk(ir::as<ir::ForNode>(s)->body);
        return;
      case ir::StmtKind::Kernel:
        walk(ir::as<ir::KernelNode>(s)->body);
        return;
      default:
        return;
    }
  };
  walk(r.modules[0].funcs[0].body);
  ASSERT_NE(found, nullptr);
  // Line 16 of the kernel is the `with T.If` line; 16 spaces of the T.Parallel body precede it.
  EXPECT_EQ(found->span.begin.line, 16u);
  EXPECT_EQ(found->span.begin.col, 17u);
  EXPECT_EQ(found->span.end.line, 16u);
  ASSERT_TRUE(found->then_body && found->else_body);
  EXPECT_EQ(found->then_body->span.begin.line, 18u);
  EXPECT_EQ(found->else_body->span.begin.line, 20u);
}

// The first diagnostic of a malformed use, as `tt-inspect batch` prints its headline.
std::string error_of(const std::string& body) {
  Lowered l = lower(kernel(indent(body)));
  EXPECT_TRUE(l.diags.has_errors());
  return l.headline();
}

TEST(RawTirIf, MalformedUsesAreLocatedErrors) {
  EXPECT_EQ(error_of("with T.Then():\n"
                     "    a[i, j] = 0\n"),
            "k.py:16:22: error: 'with T.Then()' must be directly inside 'with T.If(cond):' "
            "(T.Then() is its true branch)");
  EXPECT_EQ(error_of("with T.If(i < j):\n"
                     "    with T.Then():\n"
                     "        with T.Else():\n"
                     "            a[i, j] = 0\n"),
            "k.py:18:30: error: 'with T.Else()' must be directly inside 'with T.If(cond):' "
            "(T.Else() is its false branch)");
  EXPECT_EQ(error_of("with T.If(i < j):\n"
                     "    with T.Else():\n"
                     "        a[i, j] = 0\n"),
            "k.py:17:26: error: 'with T.Else():' must follow the 'with T.Then():' of its T.If");
  EXPECT_EQ(error_of("with T.If(i < j):\n"
                     "    with T.Then():\n"
                     "        a[i, j] = 0\n"
                     "    with T.Then():\n"
                     "        a[i, j] = 1.0\n"),
            "k.py:19:26: error: a second 'with T.Then():' in the same T.If");
  EXPECT_EQ(error_of("with T.If(i < j):\n"
                     "    with T.Then():\n"
                     "        a[i, j] = 0\n"
                     "    with T.Else():\n"
                     "        a[i, j] = 1.0\n"
                     "    with T.Else():\n"
                     "        a[i, j] = 2.0\n"),
            "k.py:21:26: error: a second 'with T.Else():' in the same T.If");
  EXPECT_EQ(error_of("with T.If(i < j):\n"
                     "    a[i, j] = 0\n"),
            "k.py:17:21: error: a statement directly inside 'with T.If(...)' must be in its "
            "'with T.Then():' or 'with T.Else():' branch");
  EXPECT_EQ(error_of("with T.If(i < j):\n"
                     "    pass\n"),
            "k.py:16:17: error: 'with T.If(...)' has no 'with T.Then():' branch (TVM requires one; "
            "T.Else() is optional)");
  EXPECT_EQ(error_of("with T.If(i < j), T.Else():\n"
                     "    a[i, j] = 0\n"),
            "k.py:16:35: error: 'with T.Else():' must follow the 'with T.Then():' of its T.If");
  EXPECT_EQ(error_of("with T.If(i < j, 1):\n"
                     "    with T.Then():\n"
                     "        a[i, j] = 0\n"),
            "k.py:16:22: error: T.If expects 1 argument, got 2");
  EXPECT_EQ(error_of("with T.If(i < j):\n"
                     "    with T.Then(i):\n"
                     "        a[i, j] = 0\n"),
            "k.py:17:26: error: T.Then expects 0 arguments, got 1");
  EXPECT_EQ(error_of("with T.If(i < j) as c:\n"
                     "    with T.Then():\n"
                     "        a[i, j] = 0\n"),
            "k.py:16:37: error: 'with T.If(...)' binds no name: remove 'as c'");
  EXPECT_EQ(error_of("with T.If(i < j), T.Then(), T.serial(4):\n"
                     "    a[i, j] = 0\n"),
            "k.py:16:45: error: 'with T.serial(4)' cannot follow a T.If / T.Then / T.Else in the same 'with': only "
            "T.If(cond), T.Then() and T.Else() nest this way");
  // Names bound in a branch stay in it (TVM's frames scope them), unlike a Python if's.
  EXPECT_EQ(error_of("with T.If(i < j):\n"
                     "    with T.Then():\n"
                     "        s = 2.0\n"
                     "        a[i, j] = s\n"
                     "a[i, j] = a[i, j] * s\n"),
            "k.py:20:37: error: name 's' is not defined");
  EXPECT_EQ(error_of("T.If(i < j)\n"),
            "k.py:16:17: error: 'T.If' can only be used as 'with T.If(cond):', holding "
            "'with T.Then():' and optionally 'with T.Else():'");
}

}  // namespace
}  // namespace tt::frontend
