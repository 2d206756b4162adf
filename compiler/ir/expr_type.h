// The type class of an IR expression, derived from its nodes (expressions carry no dtype): what
// the front end needs to reject TVM's ambiguous integer `/`.
#pragma once

#include "compiler/ir/ir.h"

namespace tt::ir {

// Whether an expression has an integer type, by TIR's typing: integer literals, loop and block
// variables, loads of integer buffers and casts to integer dtypes are integers; float literals,
// float loads, true division and math calls are not.
bool is_integer_typed(const Expr& e);

}  // namespace tt::ir
