// The TileLang language surface the front end understands: `T.<name>` resolved to a typed op,
// with each op's Python signature. Anything else under `T.` is an unsupported construct.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/frontend/call_args.h"

namespace tt::frontend {

// The module path `T` stands for (`import tilelang.language as T`).
inline constexpr std::string_view kTileLang = "tilelang.language";

enum class TileOp {
  PrimFunc,
  Tensor,
  Buffer,
  Kernel,
  Pipelined,
  Serial,
  Parallel,
  Unroll,
  AllocShared,
  AllocFragment,
  AllocLocal,
  Clear,
  Fill,
  Copy,
  Gemm,
  CeilDiv,
  Min,
  Max,
  GemmWarpPolicy,
  Const,    // eager syntax: `M, N = T.const("M, N")` declares compile-time sizes
  Dynamic,  // eager syntax: `M = T.dynamic("M")` declares a size known at run time
  Empty,    // eager syntax: `C = T.empty((M, N), dtype)` declares an output tensor
  Macro,    // `@T.macro`: a function inlined where a kernel calls it
  // Element-wise expressions (inside T.Parallel bodies) and tile reductions.
  Math,        // T.exp, T.exp2, T.log2, T.rsqrt, ...: every name of ir::unary_op_of
  Cast,        // T.Cast(dtype, x)
  CastLower,   // T.cast(x, dtype)
  IfThenElse,  // T.if_then_else(cond, a, b)
  Infinity,    // T.infinity(dtype)
  Clamp,       // T.clamp(x, min_val, max_val)
  ReduceSum,
  ReduceMax,
  ReduceMin,
  ReduceAbsSum,
  ReduceAbsMax,
  AllocVar,  // x = T.alloc_var(dtype, init=None, scope="local.var")
  DType,     // T.dtype(x): the dtype x names (`dtype = T.dtype(dtype)` normalising a factory parameter)
  // TVM script's raw TIR if: `with T.If(cond):` holding `with T.Then():` and optionally `with T.Else():`.
  If,
  Then,
  Else,
  // Scans: T.cumsum / T.cummax(src, dst=None, dim=0, reverse=False), checked as TileLang checks them, not lowered.
  Cumsum,
  Cummax,
};

// The op a module path names ("tilelang.language.copy" -> Copy); nullopt for other paths.
std::optional<TileOp> tile_op_of(std::string_view path);
// The name directly under `T` ("copy" for "tilelang.language.copy"), or empty when `path` is not
// one level below the TileLang namespace.
std::string_view tile_member(std::string_view path);
// Whether `T.<member>` exists for us: an op, a dtype (T.float16) or a classified member below.
bool is_known_tile_member(std::string_view member);
// "unsupported TileLang construct 'T.gem'; did you mean 'T.gemm'?": `spelled` is the source text,
// the suggestion the closest op or dtype the front end knows.
std::string unknown_tile_member_message(std::string_view member, std::string_view spelled);

// What the Tenstorrent backend does with a TileLang member it does not lower.
enum class TileSupport {
  Hint,        // a GPU scheduling hint: accepted, reported once as a note ("ignored on Tenstorrent")
  GpuOnly,     // a GPU-only intrinsic (threads, barriers, TMA, wgmma, tmem, atomics, ...): an error
  NotLowered,  // valid TileLang the backend does not lower yet: an error naming the op
};
struct TileMemberClass {
  TileSupport support;
  std::string_view family;  // for messages: "thread bindings", "TMA", "reductions", ...
};
// The classification of `T.<member>` (nullopt for lowered ops, dtypes and unknown names). One
// table in tile_ops.cpp: lowering a new op is removing (or reclassifying) its entry there.
std::optional<TileMemberClass> classify_tile_member(std::string_view member);
// "T.reduce_sum (reductions) is not lowered for Tenstorrent yet" and the like.
std::string unsupported_member_message(std::string_view member, const TileMemberClass& c);
// The names a T.const / T.dynamic declaration string declares: "M, N" and "M N" are both M and N
// (TileLang splits at commas and whitespace); empty names are dropped.
std::vector<std::string> symbol_names(std::string_view declaration);
// The Python signature of ops called with fixed parameters (not Kernel/Parallel, which are variadic).
const Signature& tile_op_signature(TileOp op);

// `T.GemmWarpPolicy.Square`, the default (and only supported) gemm policy.
inline constexpr std::string_view kDefaultGemmPolicy = "tilelang.language.GemmWarpPolicy.Square";

}  // namespace tt::frontend
