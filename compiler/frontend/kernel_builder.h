// Builds the IR PrimFunc of one @T.prim_func definition: parameter buffers from T.Tensor
// annotations, `with T.Kernel`, loops, tile ops and element statements. Factory parameters are
// already constants in the closure scope; block and loop variables stay symbolic.
#pragma once

#include "compiler/frontend/evaluator.h"
#include "compiler/ir/ir.h"

namespace tt::frontend {

// Throws FrontendError on the first problem.
ir::PrimFunc build_prim_func(Evaluator& ev, const FunctionValue& prim_func);

}  // namespace tt::frontend
