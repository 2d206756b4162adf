// Per-tile masks (compiler/passes/tile_mask.h, issue 13): the linear-form analysis that proves each 32x32 tile of
// a masked accumulator uniform or the one mixed tile, and what the lowering of flash attention's causal mask
// emits. The numeric checks are cli_run_two_gemms_kv_loop_causal* (tests/emu/CMakeLists.txt).
#include "compiler/passes/tile_mask.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "compiler/compiler.h"
#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"

namespace tt {
namespace {

using namespace ir;
using passes::TileMask;

struct Vars {
  Var i = make_var("i"), j = make_var("j"), bx = make_var("bx"), k = make_var("k");
};

// T.if_then_else(cond, 0, -inf): causal attention's mask value.
Expr masked(const Expr& cond) { return select(cond, int_imm(0), float_imm(-std::numeric_limits<double>::infinity())); }

std::optional<TileMask> analyze(const Vars& v, const Expr& cond, std::string& why) {
  return passes::analyze_tile_mask(masked(cond), v.i.get(), v.j.get(), 32, why);
}

// The G of the tile (ti, tj) at bx, k: the mask's (pos - neg) evaluated by substitution.
int64_t g_at(const TileMask& m, const Vars& v, int64_t bx, int64_t k, int64_t ti, int64_t tj) {
  auto [pos, neg] = m.offset_of_tile(int_imm(ti), int_imm(tj));
  const std::map<const VarNode*, Expr> at = {{v.bx.get(), int_imm(bx)}, {v.k.get(), int_imm(k)}};
  const Expr p = substitute(pos, at), n = substitute(neg, at);
  EXPECT_TRUE(as_int(p) && as_int(n)) << print_expr(pos) << " / " << print_expr(neg);
  return as_int(p) && as_int(n) ? *as_int(p) - *as_int(n) : 0;
}

TEST(TileMask, CausalConditionHasOneMixedTileOnTheDiagonal) {
  // bx * 64 + i >= k * 64 + j: row - column + 64 (bx - k) >= 0.
  Vars v;
  std::string why;
  std::optional<TileMask> m =
      analyze(v, binary(BinaryOp::Ge, add(mul(v.bx, int_imm(64)), v.i), add(mul(v.k, int_imm(64)), v.j)), why);
  ASSERT_TRUE(m) << why;
  EXPECT_EQ(m->a, 1);
  EXPECT_EQ(m->b, -1);
  EXPECT_EQ(m->lo, -31);
  EXPECT_EQ(m->hi, 31);
  ASSERT_TRUE(m->partial.has_value());
  EXPECT_EQ(*m->partial, 0);
  EXPECT_EQ(m->true_value, 0.0);
  EXPECT_TRUE(std::isinf(m->false_value) && m->false_value < 0);
  // The mixed tile is lower triangular: kept on and below the diagonal.
  EXPECT_EQ(m->pattern_value(5, 5), 0.0);
  EXPECT_EQ(m->pattern_value(31, 0), 0.0);
  EXPECT_TRUE(std::isinf(m->pattern_value(0, 1)));
  // Against the condition element by element, over blocks and KV steps: every tile is what its G says.
  for (int64_t bx = 0; bx < 3; ++bx) {
    for (int64_t k = 0; k < 3; ++k) {
      for (int64_t ti = 0; ti < 2; ++ti) {
        for (int64_t tj = 0; tj < 2; ++tj) {
          const int64_t g = g_at(*m, v, bx, k, ti, tj);
          for (int64_t r = 0; r < 32; ++r) {
            for (int64_t c = 0; c < 32; ++c) {
              const bool keep = bx * 64 + ti * 32 + r >= k * 64 + tj * 32 + c;
              const double want = keep ? 0.0 : -std::numeric_limits<double>::infinity();
              const double got = g >= -m->lo ? m->true_value : g + m->hi < 0 ? m->false_value : m->pattern_value(r, c);
              ASSERT_EQ(got, want) << "g " << g << " bx " << bx << " k " << k << " tile (" << ti << ", " << tj << ") (" << r << ", "
                                   << c << ")";
            }
          }
        }
      }
    }
  }
}

TEST(TileMask, StrictAndMirroredComparisonsNormalise) {
  Vars v;
  std::string why;
  // i > j (strict): the mixed tile is G = -1, strictly lower triangular.
  std::optional<TileMask> strict = analyze(v, binary(BinaryOp::Gt, add(mul(v.bx, int_imm(32)), v.i), v.j), why);
  ASSERT_TRUE(strict) << why;
  EXPECT_EQ(*strict->partial, -1);
  EXPECT_TRUE(std::isinf(strict->pattern_value(3, 3)));
  EXPECT_EQ(strict->pattern_value(4, 3), 0.0);
  // k * 32 + j <= bx * 32 + i is the causal mask written the other way round.
  std::optional<TileMask> mirrored =
      analyze(v, binary(BinaryOp::Le, add(mul(v.k, int_imm(32)), v.j), add(mul(v.bx, int_imm(32)), v.i)), why);
  ASSERT_TRUE(mirrored) << why;
  EXPECT_EQ(mirrored->a, 1);
  EXPECT_EQ(mirrored->b, -1);
  EXPECT_EQ(*mirrored->partial, 0);
}

TEST(TileMask, AColumnEdgeOnTheTileGridHasNoMixedTile) {
  // k * 64 + j >= 128 (a key-length bound that is a multiple of 32): every tile is uniform.
  Vars v;
  std::string why;
  std::optional<TileMask> m = analyze(v, binary(BinaryOp::Ge, add(mul(v.k, int_imm(64)), v.j), int_imm(128)), why);
  ASSERT_TRUE(m) << why;
  EXPECT_EQ(m->a, 0);
  EXPECT_EQ(m->b, 1);
  EXPECT_FALSE(m->partial.has_value());
}

TEST(TileMask, WhatDoesNotFitIsNamed) {
  Vars v;
  std::string why;
  // An edge 5 elements off the tile grid: two different mixed tiles.
  EXPECT_FALSE(analyze(v, binary(BinaryOp::Ge, add(mul(v.bx, int_imm(64)), v.i), add(v.j, int_imm(5))), why));
  EXPECT_NE(why.find("offset of 27 elements, so 2 different mixed tiles"), std::string::npos) << why;
  // A block index moving the edge by 48 elements: G mod 32 is not fixed.
  EXPECT_FALSE(analyze(v, binary(BinaryOp::Ge, add(mul(v.bx, int_imm(48)), v.i), v.j), why));
  EXPECT_NE(why.find("moves by 48 elements per step"), std::string::npos) << why;
  // A scaled index: not a diagonal or a straight edge.
  EXPECT_FALSE(analyze(v, binary(BinaryOp::Ge, mul(v.i, int_imm(2)), v.j), why));
  EXPECT_NE(why.find("scales the row index by 2"), std::string::npos) << why;
  EXPECT_FALSE(analyze(v, binary(BinaryOp::Eq, v.i, v.j), why));
  EXPECT_NE(why.find("not an ordering comparison"), std::string::npos) << why;
  EXPECT_FALSE(passes::analyze_tile_mask(select(binary(BinaryOp::Ge, v.i, v.j), v.i, int_imm(0)), v.i.get(), v.j.get(),
                                         32, why));
  EXPECT_NE(why.find("not a T.if_then_else of two constants"), std::string::npos) << why;
}

TEST(TileMask, FlashAttentionSkeletonCausalLowersToRunTimeTileSelection) {
  // example_mha_fwd_bshd.py's kernel without softmax, -D is_causal=True: the reader writes the lower-triangular
  // tile once; per KV step compute picks per acc_s tile 0 (nothing), -inf (fill_tile) or that tile (copy_tile),
  // then matmul accumulates Q K^T on top. (Without the softmax the -inf scores make O infinite: no run here.)
  CompileOptions options;
  options.defines["is_causal"] = "True";
  CompileResult r = compile_file(std::string(TT_TESTS_DIR) + "/emu/kernels/flash_attention_skeleton.py", options);
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  const std::string reader = r.kernels[0].find_artifact("reader.cpp")->text;
  const std::string compute = r.kernels[0].find_artifact("compute.cpp")->text;
  size_t at = 0;
  for (const char* in_order :
       {"cb_reserve_back(cb_acc_s_mask, 1);",
        "mask_page[(r / 16 * 2 + c / 16) * 256 + r % 16 * 16 + c % 16] = int32_t(r) - int32_t(c) >= 0 ? "
        "0x00000000u /* 0.0f */ : 0xFF800000u /* -__builtin_inff() */;",
        "cb_push_back(cb_acc_s_mask, 1);", "for (uint32_t block = start_block;"}) {
    const size_t found = reader.find(in_order, at);
    ASSERT_NE(found, std::string::npos) << in_order << "\n" << reader;
    at = found;
  }
  at = 0;
  for (const char* in_order :
       {"cb_wait_front(cb_acc_s_mask, 1);", "for (uint32_t block = start_block;", "tile_regs_acquire();",
        "if (bx * 64 + mi * 32 < k * 64 + mj * 32 + 31) {", "if (bx * 64 + mi * 32 + 31 < k * 64 + mj * 32) {",
        "fill_tile(mi * 2 + mj, -__builtin_inff());", "copy_tile(cb_acc_s_mask, 0, mi * 2 + mj);",
        "matmul_init(cb_Q_shared, cb_K_shared, 1);", "matmul_tiles(cb_Q_shared, cb_K_shared,",
        "cb_pop_front(cb_acc_s_mask, 1);"}) {
    const size_t found = compute.find(in_order, at);
    ASSERT_NE(found, std::string::npos) << in_order << "\n" << compute;
    at = found;
  }
}

}  // namespace
}  // namespace tt
