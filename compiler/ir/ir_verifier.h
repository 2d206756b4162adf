// Structural well-formedness of the IR, checked by the pass manager after every pass: a failure is a
// compiler bug (an `internal error` naming the pass), never the user's mistake. What it checks is
// what every pass may assume: no missing children, and every TT intrinsic call shaped as the
// intrinsic table (tt_intrinsics.def) says (operand count, CB operands are CB references, the DRAM
// buffer operand is a name, index and count operands are integer expressions).
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace tt::ir {

struct IRDefect {
  SourceSpan span;
  std::string message;  // "noc_async_read_page operand 3 (cb_fill) is not a circular buffer: 7"
};

// Every defect of `module`, in tree order (empty when well formed).
std::vector<IRDefect> verify_ir_structure(const Module& module);

}  // namespace tt::ir
