// Lowering of TileLang tile operations to IR with their argument checks: T.alloc_*, T.copy
// (whole buffers, start-index and slice regions), T.gemm (shapes, transposes, defaults-only
// GPU options), T.fill and T.clear; plus the shape and dtype conversions T.Tensor shares.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/frontend/call_args.h"
#include "compiler/frontend/tile_ops.h"
#include "compiler/ir/ir.h"

namespace tt::frontend {

// A constant, positive shape for buffer `name`: an int or a tuple/list of ints.
std::vector<int64_t> shape_of(const Value& v, const std::string& name);
// A dtype from a string ("float16", "float") or a dtype object (T.float16).
DataType dtype_of(const Value& v);
// "(128, 32)" / "(128,)", as Python prints tuples.
std::string shape_text(const std::vector<int64_t>& shape);

// `name = T.alloc_shared/alloc_fragment/alloc_local(shape, dtype)`; the buffer is returned in `out`.
ir::Stmt lower_alloc(TileOp op, const std::string& name, const CallArgs& args, SourceSpan span, ir::Buffer& out);
ir::Stmt lower_copy(const CallArgs& args, SourceSpan span);
ir::Stmt lower_gemm(const CallArgs& args, SourceSpan span);
// T.fill(buf, value) or T.clear(buf).
ir::Stmt lower_fill(TileOp op, const CallArgs& args, SourceSpan span);
// `name = T.alloc_var(dtype, init)`: a one-element local buffer (returned in `out`) and, when an
// initial value is given, its expression in `init`.
ir::Stmt lower_alloc_var(const std::string& name, const CallArgs& args, SourceSpan span, ir::Buffer& out,
                         ir::Expr& init);
// The reduction a T.reduce_* op performs; nullopt for other ops.
std::optional<ir::ReduceKind> reduce_kind_of(TileOp op);
// T.reduce_<kind>(src, dst, dim=-1, clear=True): whole on-chip buffers, dst shaped as src without
// `dim` (or with it as 1).
ir::Stmt lower_reduce(TileOp op, const CallArgs& args, SourceSpan span);
// T.cumsum / T.cummax(src, dst=None, dim=0, reverse=False): the arguments checked as TileLang checks them
// (tilelang/language/scan_op.py: dim in range, dst shaped as src; `frontend` errors), then an `unsupported`
// error that says what the scan computes: no Tenstorrent pass lowers a scan yet.
[[noreturn]] void reject_scan(TileOp op, const CallArgs& args, SourceSpan span);

}  // namespace tt::frontend
