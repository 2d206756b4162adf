// trip_range_over_grid: evaluates a block-index-dependent trip count at every combination of the
// block variables it reads (the IR builder's constant folding is the arithmetic).
#include "compiler/ir/grid_trip_count.h"

#include <algorithm>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"

namespace tt::ir {

namespace {

bool is_integer_arithmetic(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: case BinaryOp::Sub: case BinaryOp::Mul: case BinaryOp::FloorDiv: case BinaryOp::FloorMod:
    case BinaryOp::Min: case BinaryOp::Max: return true;
    default: return false;
  }
}

// Collects the grid dimensions `e` reads; false with `why` when it reads anything else.
bool grid_vars_of(const Expr& e, const std::vector<GridDim>& grid, std::vector<GridDim>& used, std::string& why) {
  switch (e->kind) {
    case ExprKind::IntImm: return true;
    case ExprKind::Var: {
      auto* v = as<VarNode>(e);
      auto it = std::find_if(grid.begin(), grid.end(), [&](const GridDim& d) { return d.var == v; });
      if (it == grid.end()) {
        why = "it reads '" + v->name + "', which is not a block index of the T.Kernel grid";
        return false;
      }
      if (std::none_of(used.begin(), used.end(), [&](const GridDim& d) { return d.var == v; })) used.push_back(*it);
      return true;
    }
    case ExprKind::Binary: {
      auto* op = as<BinaryNode>(e);
      if (!is_integer_arithmetic(op->op)) {
        why = std::string("it uses '") + binary_op_symbol(op->op) + "', which is not integer arithmetic";
        return false;
      }
      return grid_vars_of(op->a, grid, used, why) && grid_vars_of(op->b, grid, used, why);
    }
    default:
      why = "it reads '" + print_expr(e) + "', which is not a block index or an integer constant";
      return false;
  }
}

}  // namespace

std::vector<GridDim> grid_dims(const KernelNode& kernel) {
  std::vector<GridDim> dims;
  for (size_t d = 0; d < kernel.block_vars.size() && d < kernel.grid.size(); ++d)
    dims.push_back(GridDim{kernel.block_vars[d].get(), kernel.grid[d]});
  return dims;
}

std::optional<TripRange> trip_range_over_grid(const Expr& count, const std::vector<GridDim>& grid, std::string& why) {
  std::vector<GridDim> used;
  if (!count || !grid_vars_of(count, grid, used, why)) return std::nullopt;
  int64_t combinations = 1;
  for (const GridDim& d : used) {
    if (d.extent <= 0 || __builtin_mul_overflow(combinations, d.extent, &combinations) ||
        combinations > kMaxGridCombinations) {
      why = "it depends on more than " + std::to_string(kMaxGridCombinations) +
            " combinations of block indices, too many to evaluate at compile time";
      return std::nullopt;
    }
  }
  std::optional<TripRange> range;
  std::vector<int64_t> at(used.size(), 0);  // the block indices being evaluated, odometer order
  for (int64_t n = 0; n < combinations; ++n) {
    std::map<const VarNode*, int64_t> values;
    for (size_t d = 0; d < used.size(); ++d) values[used[d].var] = at[d];
    const std::optional<int64_t> v = value_at(count, values);
    if (!v) {
      why = "it does not evaluate to an integer at every block (a division by zero or an overflow)";
      return std::nullopt;
    }
    range = range ? TripRange{std::min(range->min, *v), std::max(range->max, *v)} : TripRange{*v, *v};
    for (size_t d = 0; d < used.size() && ++at[d] == used[d].extent; ++d) at[d] = 0;
  }
  return range;
}

std::optional<int64_t> value_at(const Expr& e, const std::map<const VarNode*, int64_t>& values) {
  std::map<const VarNode*, Expr> imms;
  for (const auto& [var, v] : values) imms[var] = int_imm(v);
  const Expr folded = substitute(e, imms);  // kept alive while its value is read
  if (const int64_t* v = as_int(folded)) return *v;
  return std::nullopt;
}

std::optional<int64_t> max_trip_count(const ForNode& loop, const KernelNode* kernel) {
  if (const int64_t* n = as_int(loop.extent)) return *n;
  if (!kernel) return std::nullopt;
  std::string why;
  std::optional<TripRange> range = trip_range_over_grid(loop.extent, grid_dims(*kernel), why);
  if (!range) return std::nullopt;
  return range->max;
}

}  // namespace tt::ir
