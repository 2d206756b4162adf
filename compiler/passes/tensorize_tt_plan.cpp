// tensorize_tt, gemm analysis: finds the kernel's one T.gemm with its clear, reduction loops and output
// copy, resolves its CBs and chooses the DST sub-block (everything structural, nothing by name).
#include <algorithm>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tensorize_tt_lowering.h"

namespace tt::passes::tensorize {

using namespace ir;

namespace {

// Every T.gemm with the chain of statements from the body down to it.
void find_gemms(const Stmt& s, std::vector<Stmt>& path, std::vector<std::vector<Stmt>>& out) {
  if (!s) return;
  path.push_back(s);
  switch (s->kind) {
    case StmtKind::Seq:
      for (const Stmt& c : as<SeqNode>(s)->stmts) find_gemms(c, path, out);
      break;
    case StmtKind::For: find_gemms(as<ForNode>(s)->body, path, out); break;
    case StmtKind::Kernel: find_gemms(as<KernelNode>(s)->body, path, out); break;
    case StmtKind::If:
      find_gemms(as<IfNode>(s)->then_body, path, out);
      find_gemms(as<IfNode>(s)->else_body, path, out);
      break;
    case StmtKind::Gemm: out.push_back(path); break;
    case StmtKind::Allocate: case StmtKind::Let: case StmtKind::Copy: case StmtKind::Fill: case StmtKind::Store:
    case StmtKind::TTCall: case StmtKind::Reduce: break;  // leaves without a gemm
  }
  path.pop_back();
}

// The accumulator's clear is the nearest earlier sibling T.clear/T.fill(0) of C on the path to the
// gemm; the loops between that sequence and the gemm are the reduction loops. This is the
// structural meaning of "the K loop": whatever the loops' variables are called.
bool find_clear_and_reduction(Context& ctx, const std::vector<Stmt>& path, GemmPlan& plan) {
  const GemmNode& g = *plan.gemm;
  for (size_t level = path.size() - 1; level-- > 0;) {
    const Stmt& parent = path[level];
    if (parent->kind == StmtKind::If) {
      ctx.error(g.span, "T.gemm under a condition is not supported: the accumulation steps must not depend on data", DiagnosticCategory::Unsupported);
      return false;
    }
    if (parent->kind != StmtKind::Seq) continue;
    const std::vector<Stmt>& stmts = as<SeqNode>(parent)->stmts;
    auto pos = std::find(stmts.begin(), stmts.end(), path[level + 1]);
    for (auto it = pos; it != stmts.begin();) {
      --it;
      if ((*it)->kind != StmtKind::Fill || as<FillNode>(*it)->dst.buffer != g.c.buffer) continue;
      plan.clear = as<FillNode>(*it);
      for (size_t l = level + 1; l + 1 < path.size(); ++l) {
        if (path[l]->kind == StmtKind::For) plan.reduction_loops.push_back(as<ForNode>(path[l]));
      }
      break;
    }
    if (plan.clear) break;
  }
  if (plan.clear && !is_zero_imm(plan.clear->value)) {
    ctx.error(plan.clear->span,
              "T.fill of the accumulator " + g.c.buffer->name + " with " + print_expr(plan.clear->value) +
                  " is not supported: only T.clear (zero)",
              DiagnosticCategory::Unsupported);
    return false;
  }
  if (g.clear_accum) {
    // The gemm clears its own accumulator, so every execution is a whole reduction.
    plan.reduction_loops.clear();
    for (size_t l = 0; l + 1 < path.size(); ++l) {
      if (path[l]->kind == StmtKind::For && as<ForNode>(path[l])->for_kind != ForKind::Persistent) {
        ctx.error(g.span, "T.gemm(clear_accum=True) inside loop '" + as<ForNode>(path[l])->var->name +
                              "' is not supported: each iteration would overwrite the accumulator", DiagnosticCategory::Unsupported);
        return false;
      }
    }
    return true;
  }
  if (!plan.clear) {
    // TileLang leaves a fragment's contents undefined: accumulating onto it would be garbage.
    ctx.error(g.span, "accumulator " + g.c.buffer->name + " is never cleared before T.gemm (add T.clear(" +
                          g.c.buffer->name + ") before the reduction loop, or clear_accum=True)");
    return false;
  }
  for (const ForNode* loop : plan.reduction_loops) {
    if (loop->for_kind == ForKind::Persistent) {
      ctx.error(plan.clear->span, "accumulator " + g.c.buffer->name + " is cleared outside the persistent loop");
      return false;
    }
  }
  return true;
}

std::vector<const CopyNode*> copies_from(const Stmt& body, const Buffer& src) {
  std::vector<const CopyNode*> copies;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Copy && as<CopyNode>(s)->src.buffer == src) copies.push_back(as<CopyNode>(s));
  });
  return copies;
}

bool writes_buffer(const Stmt& body, const Buffer& buffer) {
  bool written = false;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Store && as<StoreNode>(s)->buffer == buffer) written = true;
    if (s->kind == StmtKind::Fill && as<FillNode>(s)->dst.buffer == buffer) written = true;
  });
  return written;
}

// The accumulator reaches global memory by one T.copy, or by two through an on-chip buffer of the
// output's dtype (`T.copy(C_local, C_shared)` then `T.copy(C_shared, C[...])`, the usual fp32 -> fp16
// cast): the pack writes the output CB's format, so the staging buffer is not needed on Tenstorrent.
bool find_output_copy(Context& ctx, const Stmt& body, GemmPlan& plan) {
  const Buffer& acc = plan.gemm->c.buffer;
  std::vector<const CopyNode*> copies = copies_from(body, acc);
  if (copies.empty()) {
    ctx.error(plan.gemm->span, "accumulator " + acc->name + " of T.gemm is never copied to a global buffer");
    return false;
  }
  if (copies.size() > 1) {
    ctx.error(copies[1]->span, "accumulator " + acc->name + " is copied out more than once; not supported", DiagnosticCategory::Unsupported);
    return false;
  }
  if (copies[0]->dst.buffer->scope != MemScope::Global) {
    const Buffer& staging = copies[0]->dst.buffer;
    std::vector<const CopyNode*> out = copies_from(body, staging);
    const bool one_global_copy = out.size() == 1 && out[0]->dst.buffer->scope == MemScope::Global;
    if (!one_global_copy || writes_buffer(body, staging) || staging->shape != acc->shape ||
        staging->dtype != out[0]->dst.buffer->dtype) {
      ctx.error(copies[0]->span,
                "T.copy of accumulator " + acc->name + " into on-chip buffer " + staging->name +
                    " is not supported unless " + staging->name +
                    " only stages it, unchanged, for one T.copy to a global buffer of its dtype",
                DiagnosticCategory::Unsupported);
      return false;
    }
    plan.staging_copy = copies[0];
    copies[0] = out[0];
  }
  plan.output_copy = copies[0];
  return true;
}

// The operand buffers must be whole 2-D CB buffers; the gemm metadata must describe this gemm.
bool check_operands(Context& ctx, const GemmNode& g) {
  for (const Region* r : {&g.a, &g.b, &g.c}) {
    if (r->buffer->scope != MemScope::CircularBuffer) {
      ctx.error(g.span, "T.gemm operand " + r->buffer->name + " is in " + scope_name(r->buffer->scope) +
                            " memory, not a circular buffer (memory_space_lower_tt must run first)");
      return false;
    }
    if (r->buffer->shape.size() != 2 || r->extents != r->buffer->shape) {
      ctx.error(g.span, "T.gemm operand " + print_region(*r) + " must be a whole 2-D buffer");
      return false;
    }
  }
  if (g.transpose_a) {
    ctx.error(g.span, "T.gemm(transpose_A=True) is not supported: matmul_tiles can transpose only the B tile", DiagnosticCategory::Unsupported);
    return false;
  }
  std::optional<GemmInfo> info = get_gemm_info(ctx.module);
  if (!info) {
    ctx.error(g.span, "missing '" + std::string(kGemmKey) + "' metadata for T.gemm (lower_tile_ops records it)");
    return false;
  }
  if (info->a != g.a.buffer->name || info->b != g.b.buffer->name || info->c != g.c.buffer->name ||
      info->transpose_b != g.transpose_b || info->accum_dtype != dtype_name(g.c.buffer->dtype)) {
    ctx.error(g.span, "internal error: '" + std::string(kGemmKey) + "' metadata does not describe this T.gemm");
    return false;
  }
  return true;
}

int64_t largest_divisor_at_most(int64_t n, int64_t limit) {
  for (int64_t d = std::min(n, limit); d > 1; --d) {
    if (n % d == 0) return d;
  }
  return 1;
}

// Block and sub-block geometry. A sub-block is as many whole tile rows as fit DST (so packing
// order stays row-major), or part of one row when a row alone exceeds DST.
bool plan_geometry(Context& ctx, GemmPlan& plan) {
  const GemmNode& g = *plan.gemm;
  const std::vector<int64_t>& tile = ctx.device.tile;
  const auto& a = g.a.buffer->shape;
  const auto& b = g.b.buffer->shape;
  const auto& c = g.c.buffer->shape;
  int64_t k_a = a[1], k_b = g.transpose_b ? b[1] : b[0], n_b = g.transpose_b ? b[0] : b[1];
  if (a[0] != c[0] || n_b != c[1] || k_a != k_b) {
    ctx.error(g.span, "T.gemm shapes do not agree: " + g.a.buffer->name + " " + std::to_string(a[0]) + "x" +
                          std::to_string(a[1]) + ", " + g.b.buffer->name + " " + std::to_string(b[0]) + "x" +
                          std::to_string(b[1]) + ", " + g.c.buffer->name + " " + std::to_string(c[0]) + "x" +
                          std::to_string(c[1]));
    return false;
  }
  if (c[0] % tile[0] || c[1] % tile[1] || k_a % tile[1]) {
    ctx.error(g.span, "T.gemm block " + std::to_string(c[0]) + "x" + std::to_string(c[1]) + "x" + std::to_string(k_a) +
                          " is not a multiple of the " + std::to_string(tile[0]) + "x" + std::to_string(tile[1]) +
                          " tile");
    return false;
  }
  plan.mt = c[0] / tile[0];
  plan.nt = c[1] / tile[1];
  plan.kt = k_a / tile[1];
  plan.dst_capacity = ctx.device.dst_capacity(g.c.buffer->dtype);
  if (plan.dst_capacity <= 0) {
    ctx.error(g.span, "device " + ctx.device.name + " has no DST capacity for " + dtype_name(g.c.buffer->dtype));
    return false;
  }
  PackOrder& o = plan.order;
  o.mt = plan.mt;
  o.nt = plan.nt;
  plan.spill = plan.mt * plan.nt > plan.dst_capacity;
  if (!plan.spill) {
    o.sm = plan.mt;
    o.sn = plan.nt;
  } else if (plan.nt <= plan.dst_capacity) {
    o.sn = plan.nt;
    o.sm = largest_divisor_at_most(plan.mt, plan.dst_capacity / plan.nt);
  } else {
    o.sm = 1;
    o.sn = largest_divisor_at_most(plan.nt, plan.dst_capacity);
  }
  return true;
}

}  // namespace

std::optional<GemmPlan> plan_gemm(Context& ctx, const Stmt& body) {
  std::vector<Stmt> path;
  std::vector<std::vector<Stmt>> gemms;
  find_gemms(body, path, gemms);
  if (gemms.empty()) return std::nullopt;
  if (gemms.size() > 1) {
    ctx.error(gemms[1].back()->span, "more than one T.gemm in a kernel is not supported (tensorize_tt lowers one)", DiagnosticCategory::Unsupported);
    return std::nullopt;
  }
  GemmPlan plan;
  plan.gemm = as<GemmNode>(gemms[0].back());
  const GemmNode& g = *plan.gemm;
  plan.transpose_b = g.transpose_b;
  if (!check_operands(ctx, g) || !find_clear_and_reduction(ctx, gemms[0], plan) || !find_output_copy(ctx, body, plan) ||
      !plan_epilogue(ctx, gemms[0], plan) || !plan_geometry(ctx, plan)) {
    return std::nullopt;
  }
  plan.cb_a = resolve_cb(ctx, g.a.buffer->name, g.span, "operand A of T.gemm");
  plan.cb_b = resolve_cb(ctx, g.b.buffer->name, g.span, "operand B of T.gemm");
  const CopyNode& out = *plan.output_copy;
  plan.cb_out = resolve_cb(ctx, out.dst.buffer->name, out.span,
                           "output CB of the copy " + g.c.buffer->name + " -> " + out.dst.buffer->name);
  if (plan.spill) {
    plan.cb_partials = resolve_cb(ctx, g.c.buffer->name, g.span,
                                  "partials of the " + std::to_string(plan.mt) + "x" + std::to_string(plan.nt) +
                                      "-tile accumulator, which exceeds the " + std::to_string(plan.dst_capacity) +
                                      "-tile DST");
  }
  if (!plan.cb_a || !plan.cb_b || !plan.cb_out || (plan.spill && !plan.cb_partials)) return std::nullopt;
  // Distinct operands must be distinct CBs (the seed resolved both to CB 0).
  std::vector<const CBRefNode*> cbs = {as<CBRefNode>(plan.cb_a), as<CBRefNode>(plan.cb_b), as<CBRefNode>(plan.cb_out)};
  if (plan.spill) cbs.push_back(as<CBRefNode>(plan.cb_partials));
  for (size_t i = 0; i < cbs.size(); ++i) {
    for (size_t j = i + 1; j < cbs.size(); ++j) {
      if (cbs[i]->index == cbs[j]->index) {
        ctx.error(g.span, "T.gemm buffers " + cbs[i]->name + " and " + cbs[j]->name +
                              " resolve to the same circular buffer " + std::to_string(cbs[i]->index));
        return std::nullopt;
      }
    }
  }
  return plan;
}

}  // namespace tt::passes::tensorize
