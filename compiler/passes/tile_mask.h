// Per-tile masks: a T.Parallel map that initialises a gemm accumulator with T.if_then_else(cond, a, b) of two
// constants, where cond is linear in the map's row and column indices (causal attention's
// `bx * block_M + i >= k * block_N + j`). Not a pass: the analysis that propagate_tt_layout (the mask tile's CB)
// and tensorize_tt (the lowering) share. Covered by tests/unit/tile_mask_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace tt::passes {

// cond, normalised to  a * r + b * c + G >= 0  for the element (r, c) of the block's tile (ti, tj), where
// G = 32 * (a * ti + b * tj) + sum(coeff * term) + constant and every term's coefficient is a multiple of the
// tile size, so that G mod 32 is the same for every block and loop iteration. Over r, c in [0, 32) the tile is
// then all `true_value` (G >= -lo), all `false_value` (G < -hi), or, for the one G value in between that
// G mod 32 allows (`partial`), the constant pattern tile `pattern_value(r, c)`.
struct TileMask {
  int64_t a = 0, b = 0;  // coefficients of the row and column index inside the block: -1, 0 or 1
  // The tile-invariant part of G: terms (block indices, loop variables) with their coefficients, and a constant.
  std::vector<std::pair<ir::Expr, int64_t>> terms;
  int64_t constant = 0;
  int64_t lo = 0, hi = 0;          // bounds of a * r + b * c over one tile
  std::optional<int64_t> partial;  // the G whose tile is mixed; none: every tile is uniform
  double true_value = 0, false_value = 0;
  int64_t tile = 32;
  // The mask tile's element (r, c) for G = *partial.
  double pattern_value(int64_t r, int64_t c) const;
  // G of the block's tile (ti, tj) as two non-negative sums, pos - neg (device kernels compute in uint32_t).
  std::pair<ir::Expr, ir::Expr> offset_of_tile(const ir::Expr& ti, const ir::Expr& tj) const;
};

// The mask a map `for i, j in T.Parallel(R, C): acc[i, j] = T.if_then_else(cond, x, y)` stores, its indices the
// map's variables (`row`, `col`). nullopt with `why` set when the value is not such a select or cond does not
// have the linear form above (a message fragment naming what is not supported).
std::optional<TileMask> analyze_tile_mask(const ir::Expr& value, const ir::VarNode* row, const ir::VarNode* col,
                                          int64_t tile, std::string& why);

// The mask of `map` when it is `for i, j in T.Parallel(R, C): acc[i, j] = value` over the whole 2-D accumulator
// with a value that loads no buffer (`is_init_map` set then, whatever else fails); nullopt with `why` set when that
// value is not a per-tile mask.
std::optional<TileMask> tile_mask_of_map(const ir::Stmt& map, const ir::Buffer& acc, int64_t tile, bool& is_init_map,
                                         std::string& why);

// The value of a numeric constant seen through casts (T.infinity(dtype), a `0` cast to the accumulator's dtype).
std::optional<double> numeric_constant(const ir::Expr& e);

// The buffer of the mask tile's CB for accumulator `acc` (a derived CB: no on-chip buffer of that name).
std::string mask_cb_name(const std::string& acc);

}  // namespace tt::passes
