// Element-wise math, casts, selects and reductions from TileLang source to typed IR: the printed IR,
// structural equality and substitution over the new nodes, the exact diagnostics for misuse, and
// the pipeline's `not lowered for Tenstorrent yet` errors naming the op.
#include <gtest/gtest.h>

#include "compiler/compiler.h"
#include "compiler/ir/expr_type.h"
#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/structural_equal.h"
#include "tests/unit/oracle_fixture.h"

namespace tt::test {
namespace {

// A kernel body around `{body}`: x (32, 64) and y (32, 64) fragments, row (32,) fragment.
std::string kernel_with(const std::string& body) {
  std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def k(M=32, N=64, accum_dtype="float"):
    @T.prim_func
    def main(X: T.Tensor((M, N), "float16"), Y: T.Tensor((M, N), "float16")):
        with T.Kernel(1, threads=128) as bx:
            x = T.alloc_fragment((M, N), accum_dtype)
            y = T.alloc_fragment((M, N), accum_dtype)
            row = T.alloc_fragment((M,), accum_dtype)
            T.copy(X, x)
{body}
            T.copy(y, Y)

    return main
)";
  text.replace(text.find("{body}"), 6, body);
  return text;
}

TEST(TileMathFrontend, PrintsTypedNodes) {
  LoweredKernel k = lower_kernel(kernel_with(R"(            T.fill(row, -T.infinity(accum_dtype))
            T.reduce_max(x, row, dim=1, clear=False)
            T.reduce_sum(x, row, dim=-1)
            T.reduce_abssum(x, row)
            for i, j in T.Parallel(M, N):
                y[i, j] = T.exp2(x[i, j] * 1.5 - row[i]) / T.rsqrt(row[i] + 1e-5)
                y[i, j] = T.if_then_else(i >= j, -x[i, j], T.Cast("float16", T.log2(T.abs(x[i, j]))))
                y[i, j] = T.cast(x[i, j], "bfloat16") + x[i, j].astype("int32") + T.max(x[i, j], 0)
                y[i, j] = T.clamp(x[i, j], -1, 1) + abs(x[i, j] - 2))"));
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  const std::string ir = k.ir();
  for (const char* line : {
           "        T.fill(row, T.float32(\"-inf\"))\n",
           "        T.reduce_max(x, row, dim=1, clear=False)\n",
           "        T.reduce_sum(x, row, dim=1, clear=True)\n",
           "        T.reduce_abssum(x, row, dim=1, clear=True)\n",
           "                y[i, j] = T.exp2(x[i, j] * 1.5 - row[i]) / T.rsqrt(row[i] + 1e-05)\n",
           "                y[i, j] = T.if_then_else(i >= j, -x[i, j], T.Cast(\"float16\", T.log2(T.abs(x[i, j]))))\n",
           "                y[i, j] = T.Cast(\"bfloat16\", x[i, j]) + T.Cast(\"int32\", x[i, j]) + T.max(x[i, j], 0)\n",
           "                y[i, j] = T.min(T.max(x[i, j], -1), 1) + T.abs(x[i, j] - 2)\n",
       }) {
    EXPECT_NE(ir.find(line), std::string::npos) << line << "\nnot in\n" << ir;
  }
}

TEST(TileMathFrontend, ConditionalExpressionOnKernelValuesIsASelect) {
  // `a if c else b` with a condition known only in the kernel (TileLang's gdn examples write it).
  LoweredKernel k = lower_kernel(kernel_with(R"(            for i, j in T.Parallel(M, N):
                y[i, j] = x[i, j] * 2 if x[i, j] - row[i] <= 0 else 0)"));
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  const std::string line = "                y[i, j] = T.if_then_else(x[i, j] - row[i] <= 0, x[i, j] * 2, 0)\n";
  EXPECT_NE(k.ir().find(line), std::string::npos) << k.ir();
  // A condition known at definition time still picks a branch.
  LoweredKernel chosen = lower_kernel(kernel_with(R"(            for i, j in T.Parallel(M, N):
                y[i, j] = x[i, j] if M > 16 else 0)"));
  ASSERT_FALSE(chosen.diags.has_errors()) << chosen.headline();
  EXPECT_NE(chosen.ir().find("                y[i, j] = x[i, j]\n"), std::string::npos) << chosen.ir();
}

TEST(TileMathFrontend, ClearAndFillOfAnAllocVarWriteTheWholeVariable) {
  LoweredKernel k = lower_kernel(kernel_with(R"(            total = T.alloc_var("float32")
            T.clear(total)
            T.fill(total, 3)
            T.fill(y, total))"));
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  EXPECT_NE(k.ir().find("        T.clear(total)\n        T.fill(total, 3)\n"), std::string::npos) << k.ir();
}

TEST(TileMathFrontend, AllocVarIsAOneElementLocalBuffer) {
  LoweredKernel k = lower_kernel(kernel_with(R"(            total = T.alloc_var("float32", init=1)
            count = T.alloc_var(T.int32)
            for i in T.serial(M):
                total = total * 2
                total += x[i, 0]
                count[0] = count + 1
            T.fill(y, total / count))"));
  ASSERT_FALSE(k.diags.has_errors()) << k.headline();
  const std::string ir = k.ir();
  for (const char* line : {
           "        total = T.alloc_local((1,), \"float32\")\n"
           "        total[0] = 1\n"
           "        count = T.alloc_local((1,), \"int32\")\n"
           "        for i in T.serial(32):\n"
           "            total[0] = total[0] * 2\n"
           "            total[0] = total[0] + x[i, 0]\n"
           "            count[0] = count[0] + 1\n"
           "        T.fill(y, total[0] / count[0])\n",
       }) {
    EXPECT_NE(ir.find(line), std::string::npos) << line << "\nnot in\n" << ir;
  }
  EXPECT_EQ(lower_kernel(kernel_with("            v = T.alloc_var(\"float32\", scope=\"shared\")")).headline(),
            "k.py:14:46: error: unsupported scope 'shared' for T.alloc_var");
}

TEST(TileMathFrontend, StructuralEqualityAndSubstitution) {
  const std::string body = R"(            for i, j in T.Parallel(M, N):
                y[i, j] = T.if_then_else(i >= j, -T.exp(x[i, j]), T.Cast("float16", x[i, j] / 2))
            T.reduce_min(y, row, dim=0 + 1))";
  LoweredKernel a = lower_kernel(kernel_with(body)), b = lower_kernel(kernel_with(body));
  ASSERT_FALSE(a.diags.has_errors()) << a.headline();
  ASSERT_FALSE(b.diags.has_errors()) << b.headline();
  EXPECT_TRUE(ir::structural_equal(a.modules[0], b.modules[0]));
  for (const char* changed : {"T.exp2(x[i, j])", "T.Cast(\"bfloat16\", x[i, j] / 2)", "x[i, j] // 2", "i > j"}) {
    std::string edited = body;
    const std::string from = std::string(changed).find("exp2") != std::string::npos ? "T.exp(x[i, j])"
                             : std::string(changed).find("bfloat16") != std::string::npos
                                 ? "T.Cast(\"float16\", x[i, j] / 2)"
                             : std::string(changed).find("//") != std::string::npos ? "x[i, j] / 2"
                                                                                    : "i >= j";
    edited.replace(edited.find(from), from.size(), changed);
    LoweredKernel c = lower_kernel(kernel_with(edited));
    ASSERT_FALSE(c.diags.has_errors()) << c.headline();
    EXPECT_FALSE(ir::structural_equal(a.modules[0], c.modules[0])) << changed;
  }
  LoweredKernel d = lower_kernel(kernel_with("            T.reduce_min(y, row, dim=1, clear=False)"));
  LoweredKernel e = lower_kernel(kernel_with("            T.reduce_max(y, row, dim=1, clear=False)"));
  EXPECT_FALSE(ir::structural_equal(d.modules[0], e.modules[0]));

  // Substituting the loop variable reaches inside selects, math calls and casts.
  std::map<const ir::VarNode*, ir::Expr> vmap;
  ir::Stmt store;
  ir::for_each_stmt(a.func().body, [&](const ir::Stmt& s) {
    if (s->kind == ir::StmtKind::For) vmap[ir::as<ir::ForNode>(s)->var.get()] = ir::int_imm(3);
    if (s->kind == ir::StmtKind::Store) store = s;
  });
  ASSERT_TRUE(store);
  EXPECT_EQ(ir::print_stmt(ir::substitute(store, vmap)),
            "y[3, 3] = T.if_then_else(1, -T.exp(x[3, 3]), T.Cast(\"float16\", x[3, 3] / 2))\n");
}

TEST(TileMathIr, IntegerTyping) {
  ir::Buffer f = ir::make_buffer("f", {4}, DataType::Float16, ir::MemScope::Fragment);
  ir::Buffer n = ir::make_buffer("n", {4}, DataType::Int32, ir::MemScope::Fragment);
  ir::Var i = ir::make_var("i");
  EXPECT_TRUE(ir::is_integer_typed(ir::add(i, ir::buffer_load(n, {i}))));
  EXPECT_TRUE(ir::is_integer_typed(ir::unary(ir::UnaryOp::Neg, i)));
  EXPECT_TRUE(ir::is_integer_typed(ir::cast(DataType::Int8, ir::buffer_load(f, {i}))));
  EXPECT_FALSE(ir::is_integer_typed(ir::buffer_load(f, {i})));
  EXPECT_FALSE(ir::is_integer_typed(ir::mul(i, ir::float_imm(0.5))));
  EXPECT_FALSE(ir::is_integer_typed(ir::binary(ir::BinaryOp::Div, i, ir::int_imm(2))));
  EXPECT_FALSE(ir::is_integer_typed(ir::unary(ir::UnaryOp::Exp2, i)));
  EXPECT_FALSE(ir::is_integer_typed(ir::select(ir::int_imm(1), i, ir::float_imm(0))));
}

struct BadCase {
  const char* name;
  const char* body;
  const char* headline;
};

class TileMathBadInput : public testing::TestWithParam<BadCase> {};

TEST_P(TileMathBadInput, ExactDiagnostic) {
  LoweredKernel k = lower_kernel(kernel_with(GetParam().body));
  EXPECT_TRUE(k.modules.empty());
  EXPECT_EQ(k.headline(), GetParam().headline);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TileMathBadInput,
    testing::Values(
        BadCase{"reduce_dim_out_of_range", "            T.reduce_sum(x, row, dim=2)",
                "k.py:14:38: error: T.reduce_sum dim=2 is out of range: x has 2 dimensions"},
        BadCase{"reduce_negative_dim_out_of_range", "            T.reduce_max(x, row, dim=-3)",
                "k.py:14:38: error: T.reduce_max dim=-3 is out of range: x has 2 dimensions"},
        BadCase{"reduce_dim_not_int", "            T.reduce_sum(x, row, dim=1.0)",
                "k.py:14:38: error: T.reduce_sum dim must be an integer, got float 1.0"},
        BadCase{"reduce_shape_mismatch", "            T.reduce_sum(x, row, dim=0)",
                "k.py:14:13: error: T.reduce_sum shape mismatch: x is (32, 64) reduced along dim=0, so the output "
                "must be (64,) or (1, 64), but row is (32,)"},
        BadCase{"reduce_arity", "            T.reduce_max(x)",
                "k.py:14:13: error: T.reduce_max expects 2 to 7 arguments, got 1"},
        BadCase{"reduce_abssum_has_no_clear", "            T.reduce_abssum(x, row, dim=1, clear=False)",
                "k.py:14:44: error: T.reduce_abssum got an unexpected keyword argument 'clear'"},
        BadCase{"reduce_global_source", "            T.reduce_sum(X, row, dim=1)",
                "k.py:14:26: error: the T.reduce_sum source is the global buffer X; copy it into T.alloc_shared, "
                "T.alloc_fragment or T.alloc_local memory first"},
        BadCase{"reduce_region_source", "            T.reduce_sum(x[0:16, :], row, dim=1)",
                "k.py:14:26: error: the T.reduce_sum source must be a whole buffer, got buffer access x[0:16, :]"},
        BadCase{"reduce_clear_not_bool", "            T.reduce_sum(x, row, dim=1, clear=\"yes\")",
                "k.py:14:47: error: clear must be True or False, got 'yes'"},
        BadCase{"reduce_batch", "            T.reduce_sum(x, row, dim=1, batch=4)",
                "k.py:14:47: error: unsupported T.reduce_sum argument batch=4: only the default batch=1 is "
                "supported"},
        BadCase{"reduce_as_value", "            y = T.reduce_sum(x, row)",
                "k.py:14:17: error: 'T.reduce_sum' can only be used as a statement inside a @T.prim_func"},
        BadCase{"math_arity", "            for i, j in T.Parallel(M, N):\n                y[i, j] = T.exp2(x[i, j], 2)",
                "k.py:15:27: error: T.exp2 expects 1 argument, got 2"},
        BadCase{"math_of_buffer", "            for i, j in T.Parallel(M, N):\n                y[i, j] = T.sigmoid(x)",
                "k.py:15:37: error: the argument of T.sigmoid must be an element such as x[i, j], got the whole "
                "buffer x"},
        BadCase{"infinity_of_int", "            T.fill(row, T.infinity(\"int32\"))",
                "k.py:14:36: error: T.infinity needs a floating-point dtype, got int32"},
        BadCase{"cast_unknown_dtype",
                "            for i, j in T.Parallel(M, N):\n                y[i, j] = T.Cast(\"float99\", x[i, j])",
                "k.py:15:34: error: unknown dtype 'float99'; did you mean 'float16'? (dtypes: float16, bfloat16, "
                "float32, int8, "
                "uint8, int16, uint16, int32, uint32, bool)"},
        BadCase{"cast_rounding_hint",
                "            for i, j in T.Parallel(M, N):\n                y[i, j] = T.cast(x[i, j], \"float16\", "
                "round=\"rn\")",
                "k.py:15:60: error: unsupported T.cast argument round='rn': only the default is supported"},
        BadCase{"integer_true_division",
                "            for i, j in T.Parallel(M, N):\n                y[i, j] = x[i, j] + (i + j) / 2",
                "k.py:15:37: error: the '/' operator on integer kernel values is ambiguous: use '//' for integer "
                "division, or make an operand a float (e.g. T.Cast(\"float32\", x))"},
        BadCase{"if_then_else_arity",
                "            for i, j in T.Parallel(M, N):\n                y[i, j] = T.if_then_else(i > j, 1.0)",
                "k.py:15:27: error: T.if_then_else expects 3 arguments, got 2"}),
    [](const testing::TestParamInfo<BadCase>& p) { return std::string(p.param.name); });

// The whole pipeline: a reduction tensorize_tt cannot lower stops at lower_tile_ops with an error naming it and
// why; an element-wise map on tile-aligned buffers reaches tensorize_tt, which names the statement.
TEST(TileMathPipeline, UnsupportedOpsAreNamedErrors) {
  CompileOptions options;
  options.codegen = false;
  const std::string column = R"(            col = T.alloc_fragment((M, 1), accum_dtype)
            T.reduce_sum(x, col, dim=1))";
  CompileResult r = compile_source(SourceFile("k.py", kernel_with(column)), options);
  ASSERT_EQ(r.kernels.size(), 1u);
  DiagnosticList all = r.all_diagnostics();
  ASSERT_TRUE(all.has_errors());
  EXPECT_EQ(diagnostic_headline(all.items()[0], "k.py"),
            "k.py:15:13: error: T.reduce_sum is not lowered for Tenstorrent: only a reduction of a 2-D block into a "
            "1-D vector is ([32, 64] -> [32, 1])");
  EXPECT_EQ(all.items()[0].pass, "lower_tile_ops");

  const std::string elementwise = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def k(M=64, N=64):
    @T.prim_func
    def main(X: T.Tensor((M, N), "float32"), Y: T.Tensor((M, N), "float32")):
        with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32), threads=128) as (bx, by):
            x = T.alloc_shared((32, 32), "float32")
            y = T.alloc_fragment((32, 32), "float32")
            T.copy(X[by * 32, bx * 32], x)
            for i, j in T.Parallel(32, 32):
                y[i, j] = T.erf(x[i, j]) / 2
            T.copy(y, Y[by * 32, bx * 32])

    return main
)";
  CompileResult e = compile_source(SourceFile("k.py", elementwise), options);
  DiagnosticList e_all = e.all_diagnostics();
  ASSERT_TRUE(e_all.has_errors());
  EXPECT_EQ(diagnostic_headline(e_all.items()[0], "k.py"),
            "k.py:14:27: error: element-wise 'T.erf(x[i, j])' in 'y[i, j] = T.erf(x[i, j]) / 2' is not "
            "lowered for Tenstorrent: no SFPU op in the intrinsic table computes it");
  EXPECT_EQ(e_all.items()[0].pass, "tensorize_tt");
}

}  // namespace
}  // namespace tt::test
