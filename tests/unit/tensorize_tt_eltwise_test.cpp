// Element-wise lowering and the init/reconfigure state step (tensorize_tt_eltwise.cpp, tensorize_tt_state.cpp), from
// TileLang source to the generated compute kernel: which op computes each form, that each init is placed once where
// the state changes (before the loop when the whole loop needs it), and the exact [unsupported] errors.
#include <gtest/gtest.h>

#include "compiler/compiler.h"

namespace tt::test {
namespace {

// One element-wise map `y[i, j] = {expr}` over 64x64 blocks of x, z (in_dtype) into y (out_dtype), stored to Y.
std::string map_kernel(const std::string& expr, const std::string& in_dtype = "float32",
                       const std::string& out_dtype = "float32") {
  std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def k(M=128, N=128):
    @T.prim_func
    def main(X: T.Tensor((M, N), "{in}"), Z: T.Tensor((M, N), "{in}"), Y: T.Tensor((M, N), "{out}")):
        with T.Kernel(T.ceildiv(N, 64), T.ceildiv(M, 64)) as (bx, by):
            x = T.alloc_shared((64, 64), "{in}")
            z = T.alloc_shared((64, 64), "{in}")
            y = T.alloc_fragment((64, 64), "{out}")
            T.copy(X[by * 64, bx * 64], x)
            T.copy(Z[by * 64, bx * 64], z)
            for i, j in T.Parallel(64, 64):
                y[i, j] = {expr}
            T.copy(y, Y[by * 64, bx * 64])

    return main
)";
  auto replace = [&](const std::string& key, const std::string& value) {
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  };
  // A block copied in must be consumed (verify_tt_ir balances every CB): z only when the expression reads it.
  if (expr.find("z[") == std::string::npos) replace("            T.copy(Z[by * 64, bx * 64], z)\n", "");
  replace("{in}", in_dtype);
  replace("{out}", out_dtype);
  replace("{expr}", expr);
  return text;
}

std::string compute_of(const std::string& source) {
  CompileResult r = compile_source(SourceFile("k.py", source), CompileOptions{});
  EXPECT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  if (r.kernels.empty()) return "";
  const Artifact* a = r.kernels[0].find_artifact("compute.cpp");
  return a ? a->text : "";
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string first_error(const std::string& source) {
  CompileResult r = compile_source(SourceFile("k.py", source), CompileOptions{});
  DiagnosticList all = r.all_diagnostics();
  for (const Diagnostic& d : all) {
    if (d.severity == Severity::Error) return diagnostic_headline(d, "k.py", true);
  }
  return "";
}

TEST(TensorizeEltwise, OneSfpuOpIsInitialisedOnceBeforeTheLoops) {
  const std::string compute = compute_of(map_kernel("T.exp2(x[i, j])"));
  EXPECT_EQ(count(compute, "exp2_tile_init();"), 1u) << compute;
  EXPECT_EQ(count(compute, "copy_tile_init(cb_x);"), 1u) << compute;
  EXPECT_LT(compute.find("exp2_tile_init();"), compute.find("for (uint32_t block")) << compute;
  EXPECT_EQ(count(compute, "exp2_tile(0);"), 1u) << compute;
}

TEST(TensorizeEltwise, AlternatingOpsAreReinitialisedInsideTheTileLoop) {
  // x * 2 (scalar op) then + z (z into DST tile 1, SFPU add): the copy init alternates between the two CBs.
  const std::string compute = compute_of(map_kernel("x[i, j] * 2.0 + T.exp(z[i, j])"));
  EXPECT_NE(compute.find("mul_unary_tile(0, 0x40000000u /* 2.0f */);"), std::string::npos) << compute;
  EXPECT_NE(compute.find("add_binary_tile(0, 1, 0);"), std::string::npos) << compute;
  EXPECT_EQ(count(compute, "copy_tile_init(cb_x);"), 1u) << compute;  // once per tile, inside the tile loop
  const size_t tile_loop = compute.find("for (uint32_t t = 0;");
  ASSERT_NE(tile_loop, std::string::npos) << compute;
  EXPECT_GT(compute.find("copy_tile_init(cb_x);"), tile_loop) << compute;
  EXPECT_GT(compute.find("copy_tile_init(cb_z);"), tile_loop) << compute;
}

TEST(TensorizeEltwise, TwoBlocksUseTheFpuAndConstantsTheSfpuScalarForms) {
  const std::string compute = compute_of(map_kernel("T.max(x[i, j] - z[i, j], 0.5) / 4 - 1"));
  EXPECT_NE(compute.find("sub_tiles(cb_x, cb_z, t, t, 0);"), std::string::npos) << compute;
  EXPECT_NE(compute.find("unary_max_tile(0, 0x3F000000u /* 0.5f */);"), std::string::npos) << compute;
  EXPECT_NE(compute.find("mul_unary_tile(0, 0x3E800000u /* 0.25f */);"), std::string::npos) << compute;
  EXPECT_NE(compute.find("sub_unary_tile(0, 0x3F800000u /* 1.0f */);"), std::string::npos) << compute;
  EXPECT_EQ(count(compute, "binop_with_scalar_tile_init();"), 1u) << compute;  // one init for mul and sub
}

TEST(TensorizeEltwise, UnpackerIsReconfiguredWhereTheFormatChanges) {
  // y (float32) = x (bfloat16) + z (bfloat16) cast: both inputs share a format, so no reconfiguration; the pack
  // writes float32 from the start.
  const std::string same = compute_of(map_kernel("T.cast(x[i, j], \"float32\") * z[i, j]", "bfloat16"));
  EXPECT_EQ(count(same, "reconfig_data_format"), 0u) << same;
  EXPECT_EQ(count(same, "pack_reconfig_data_format"), 0u) << same;
}

TEST(TensorizeEltwise, FillAndReversedScalarOps) {
  const std::string compute = compute_of(map_kernel("1.0 - x[i, j] + 3"));
  EXPECT_NE(compute.find("rsub_unary_tile(0, 0x3F800000u /* 1.0f */);"), std::string::npos) << compute;
  EXPECT_NE(compute.find("add_unary_tile(0, 0x40400000u /* 3.0f */);"), std::string::npos) << compute;
  const std::string divide = compute_of(map_kernel("2.0 / x[i, j]"));
  EXPECT_NE(divide.find("fill_tile(0, 2.0f);"), std::string::npos) << divide;
  EXPECT_NE(divide.find("div_binary_tile(0, 1, 0);"), std::string::npos) << divide;
}

TEST(TensorizeEltwise, FillOfABlockIsFillTileAndPack) {
  const std::string source = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def k(M=128, N=128):
    @T.prim_func
    def main(Y: T.Tensor((M, N), "bfloat16")):
        with T.Kernel(T.ceildiv(N, 64), T.ceildiv(M, 64)) as (bx, by):
            y = T.alloc_fragment((64, 64), "bfloat16")
            T.fill(y, -0.75)
            T.copy(y, Y[by * 64, bx * 64])

    return main
)";
  const std::string compute = compute_of(source);
  EXPECT_NE(compute.find("fill_tile(0, -0.75f);"), std::string::npos) << compute;
  EXPECT_EQ(count(compute, "fill_tile_init();"), 1u) << compute;
  EXPECT_EQ(count(compute, "pack_tile(0, cb_Y);"), 1u) << compute;
}

TEST(TensorizeEltwise, UnsupportedFormsNameTheOperation) {
  // A cast to bfloat16 inside the expression is typecast_tile; today's API has no float16 conversion of DST.
  EXPECT_EQ(first_error(map_kernel("T.cast(T.cast(x[i, j], \"bfloat16\") * 2, \"float32\")")), "");
  EXPECT_EQ(first_error(map_kernel("T.cast(T.cast(x[i, j], \"float16\") * 2, \"float32\")")),
            "k.py:15:34: error: [unsupported] element-wise 'T.Cast(\"float16\", x[i, j])' in 'y[i, j] = "
            "T.Cast(\"float32\", T.Cast(\"float16\", x[i, j]) * 2)' is not lowered for Tenstorrent: a cast to "
            "float16 inside the expression on float32 DST (typecast_tile converts float32 DST to bfloat16 only; the "
            "outermost cast to the destination's dtype is the pack's)");
  EXPECT_EQ(first_error(map_kernel("T.erf(x[i, j])")),
            "k.py:15:27: error: [unsupported] element-wise 'T.erf(x[i, j])' in 'y[i, j] = T.erf(x[i, j])' is not "
            "lowered for Tenstorrent: no SFPU op in the intrinsic table computes it");
}

}  // namespace
}  // namespace tt::test
