// Structural equality of IR trees (TVM-style): variables and buffers are matched by position of
// definition, not by pointer or name, so a rebuilt tree equals the one it was built from.
#pragma once

#include "compiler/ir/ir.h"

namespace tt::ir {

bool structural_equal(const Expr& a, const Expr& b);
bool structural_equal(const Stmt& a, const Stmt& b);
bool structural_equal(const PrimFunc& a, const PrimFunc& b);
bool structural_equal(const Module& a, const Module& b);

}  // namespace tt::ir
