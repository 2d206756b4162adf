// Element-wise TileLang expressions -> IR: math calls (T.exp2, T.rsqrt, ...), casts (T.Cast,
// T.cast, x.astype), T.if_then_else, T.clamp and T.infinity, with their argument checks.
#pragma once

#include <string>

#include "compiler/frontend/call_args.h"
#include "compiler/frontend/tile_ops.h"

namespace tt::frontend {

// The value of `T.<member>(args)` for an expression op (Math, Cast, CastLower, IfThenElse,
// Clamp, Infinity). Definition-time operands stay numbers where Python would (T.infinity is a float,
// an if_then_else on a known condition is that branch); kernel values become IR.
Value lower_math_call(TileOp op, std::string_view member, const CallArgs& args, SourceSpan span);
// `value.astype(dtype)` on a kernel value.
Value lower_astype(const Value& value, const CallArgs& args, SourceSpan span);

}  // namespace tt::frontend
