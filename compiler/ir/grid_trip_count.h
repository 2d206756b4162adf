// Loop trip counts that depend on the T.Kernel block indices: causal attention's KV loop runs
// T.min(ceildiv(seq_len, block_N), ceildiv((bx + 1) * block_M, block_N)) times, so later query
// blocks visit more KV blocks. Their range over the grid, shared by the front end (which accepts
// such loops) and the passes that need one number for such a loop (the largest). Covered by
// tests/unit/grid_trip_count_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace tt::ir {

// One dimension of a T.Kernel grid: its block variable runs over [0, extent).
struct GridDim {
  const VarNode* var = nullptr;
  int64_t extent = 0;
};
std::vector<GridDim> grid_dims(const KernelNode& kernel);

// The smallest and largest value of a count over every block of the grid.
struct TripRange {
  int64_t min = 0, max = 0;
};

// Most distinct block-index combinations a count is evaluated at: the range is exact (every
// combination of the block variables the count reads is evaluated), never an interval estimate.
inline constexpr int64_t kMaxGridCombinations = int64_t{1} << 20;

// The range of `count` over the grid when it is an integer expression of the grid's block variables
// and integer constants (+, -, *, //, %, min, max); nullopt with `why` set (a fragment naming what is
// not such an expression) otherwise.
std::optional<TripRange> trip_range_over_grid(const Expr& count, const std::vector<GridDim>& grid, std::string& why);

// The value of the integer expression `e` with its variables bound to `values`; nullopt when some variable
// is unbound or the arithmetic fails (the IR builder's constant folding is the one definition of it).
std::optional<int64_t> value_at(const Expr& e, const std::map<const VarNode*, int64_t>& values);

// The largest trip count of `loop` over the blocks of `kernel` (its constant extent when it has one); nullopt
// when the count is neither constant nor a function of the grid's block indices.
std::optional<int64_t> max_trip_count(const ForNode& loop, const KernelNode* kernel);

}  // namespace tt::ir
