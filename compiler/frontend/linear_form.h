// A small affine simplifier: `(by + 1) * 128 - by * 128` is 128. Slice regions and two-bound
// loops need their extents as constants, which the folding builders alone cannot see.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "compiler/ir/ir.h"

namespace tt::frontend {

// constant + sum(coeff * term); terms are variables or non-affine subexpressions (matched
// structurally, so `x // 4` cancels against `x // 4`).
struct LinearForm {
  int64_t constant = 0;
  std::vector<std::pair<ir::Expr, int64_t>> terms;
};

// nullopt when the expression is not integer-affine in a representable way (floats, overflow).
std::optional<LinearForm> to_linear(const ir::Expr& e);
// `hi - lo` when it is a constant.
std::optional<int64_t> constant_difference(const ir::Expr& hi, const ir::Expr& lo);

}  // namespace tt::frontend
