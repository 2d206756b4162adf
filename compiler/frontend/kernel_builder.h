// Builds the IR PrimFunc of one @T.prim_func definition: parameter buffers from T.Tensor
// annotations, `with T.Kernel`, loops, tile ops and element statements. Factory parameters are
// already constants in the closure scope; block and loop variables stay symbolic.
#pragma once

#include "compiler/frontend/evaluator.h"
#include "compiler/ir/ir.h"

namespace tt::frontend {

// Throws FrontendError on the first problem.
ir::PrimFunc build_prim_func(Evaluator& ev, const FunctionValue& prim_func);

// An eager-syntax kernel (`@tilelang.jit def f(A, B, block_M, ...)` whose body declares
// `M, N = T.const("M, N")`, inputs `A: T.Tensor(...)`, outputs `C = T.empty(...)` and opens
// `with T.Kernel`). `args`: its parameters and T.const symbols, bound by the instantiation
// (.compile keywords, call arguments, -D); tensor arguments are AbstractTensors whose shapes bind
// the T.const symbols of their annotations.
// `called`: some call in the file instantiates it; `autotuned`: @autotune picks its missing
// parameters at run time (both decide whether a missing value is the user's mistake).
struct EagerOrigin {
  bool called = false;
  bool autotuned = false;
};
ir::PrimFunc build_eager_kernel(Evaluator& ev, const FunctionValue& kernel, const std::vector<KeywordArg>& args,
                                EagerOrigin origin);

}  // namespace tt::frontend
