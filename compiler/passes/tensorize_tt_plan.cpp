// tensorize_tt, gemm analysis: finds each T.gemm of the kernel with its clear, reduction loops and output
// copy, resolves its CBs and chooses the DST sub-block (everything structural, nothing by name).
#include <algorithm>
#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tensorize_tt_lowering.h"
#include "compiler/passes/tile_op_analysis.h"
#include "compiler/passes/verify_tt_ir_internal.h"  // bound(): interval bounds of index expressions

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
    case StmtKind::For:
      find_gemms(as<ForNode>(s)->body, path, out);
      break;
    case StmtKind::Kernel:
      find_gemms(as<KernelNode>(s)->body, path, out);
      break;
    case StmtKind::If:
      find_gemms(as<IfNode>(s)->then_body, path, out);
      find_gemms(as<IfNode>(s)->else_body, path, out);
      break;
    case StmtKind::Gemm:
      out.push_back(path);
      break;
    case StmtKind::Allocate:
    case StmtKind::Let:
    case StmtKind::Copy:
    case StmtKind::Fill:
    case StmtKind::Store:
    case StmtKind::TTCall:
    case StmtKind::Reduce:
      break;  // leaves without a gemm
  }
  path.pop_back();
}

// The For loops enclosing `target` in `s`, outermost first; false when `target` is not in `s`.
bool enclosing_loops(const Stmt& s, const Stmt& target, std::vector<const ForNode*>& loops) {
  if (!s) return false;
  if (s == target) return true;
  switch (s->kind) {
    case StmtKind::Seq:
      for (const Stmt& c : as<SeqNode>(s)->stmts) {
        if (enclosing_loops(c, target, loops)) return true;
      }
      return false;
    case StmtKind::For:
      loops.push_back(as<ForNode>(s));
      if (enclosing_loops(as<ForNode>(s)->body, target, loops)) return true;
      loops.pop_back();
      return false;
    case StmtKind::Kernel:
      return enclosing_loops(as<KernelNode>(s)->body, target, loops);
    case StmtKind::If:
      return enclosing_loops(as<IfNode>(s)->then_body, target, loops) ||
             enclosing_loops(as<IfNode>(s)->else_body, target, loops);
    case StmtKind::Allocate:
    case StmtKind::Let:
    case StmtKind::Copy:
    case StmtKind::Fill:
    case StmtKind::Store:
    case StmtKind::TTCall:
    case StmtKind::Reduce:
    case StmtKind::Gemm:
      return false;
  }
  return false;
}

// The outermost loop that encloses the gemm but not the copy filling `operand`: its pages stay in
// the CB across that loop's iterations. Null when the copy runs as often as the gemm.
const ForNode* reuse_loop(const Stmt& body, const std::vector<Stmt>& gemm_path, const Buffer& operand) {
  Stmt producer;
  for_each_stmt(body, [&](const Stmt& s) {
    if (!producer && s->kind == StmtKind::Copy && as<CopyNode>(s)->dst.buffer == operand) producer = s;
  });
  std::vector<const ForNode*> producer_loops;
  if (!producer || !enclosing_loops(body, producer, producer_loops)) return nullptr;
  for (const Stmt& s : gemm_path) {
    if (s->kind != StmtKind::For || as<ForNode>(s)->for_kind == ForKind::Persistent) continue;
    const ForNode* loop = as<ForNode>(s);
    if (std::find(producer_loops.begin(), producer_loops.end(), loop) == producer_loops.end()) return loop;
  }
  return nullptr;
}

bool is_zero(const Expr& e) {
  if (const int64_t* v = as_int(e)) return *v == 0;
  return e && e->kind == ExprKind::FloatImm && as<FloatImmNode>(e)->value == 0.0;
}

// Whether `cond` holds for every value of its variables in `env` (true), for none (false), or
// depends on them or on unbounded values (nullopt): comparisons by the bounds of their difference.
std::optional<bool> decide(const Expr& cond, const verify::RangeEnv& env) {
  if (!cond || cond->kind != ExprKind::Binary) return std::nullopt;
  auto* op = as<BinaryNode>(cond);
  if (op->op == BinaryOp::And || op->op == BinaryOp::Or) {
    std::optional<bool> a = decide(op->a, env), b = decide(op->b, env);
    const bool is_and = op->op == BinaryOp::And;
    if ((a && *a != is_and) || (b && *b != is_and)) return !is_and;  // one side decides
    if (a && b) return is_and;
    return std::nullopt;
  }
  std::optional<verify::Interval> d = verify::bound(binary(BinaryOp::Sub, op->a, op->b), env);
  if (!d) return std::nullopt;
  auto known = [](bool all, bool none) -> std::optional<bool> {
    if (all) return true;
    if (none) return false;
    return std::nullopt;
  };
  switch (op->op) {
    case BinaryOp::Ge:
      return known(d->lo >= 0, d->hi < 0);
    case BinaryOp::Gt:
      return known(d->lo > 0, d->hi <= 0);
    case BinaryOp::Le:
      return known(d->hi <= 0, d->lo > 0);
    case BinaryOp::Lt:
      return known(d->hi < 0, d->lo >= 0);
    case BinaryOp::Eq:
      return known(d->lo == 0 && d->hi == 0, d->lo > 0 || d->hi < 0);
    case BinaryOp::Ne:
      return known(d->lo > 0 || d->hi < 0, d->lo == 0 && d->hi == 0);
    default:
      return std::nullopt;
  }
}

// Whether `e` loads from any buffer: a map whose value does is an update of its target, not an
// initialiser.
bool loads_buffer(const Expr& e) {
  if (!e) return false;
  switch (e->kind) {
    case ExprKind::BufferLoad:
      return true;
    case ExprKind::Binary:
      return loads_buffer(as<BinaryNode>(e)->a) || loads_buffer(as<BinaryNode>(e)->b);
    case ExprKind::Unary:
      return loads_buffer(as<UnaryNode>(e)->a);
    case ExprKind::Cast:
      return loads_buffer(as<CastNode>(e)->value);
    case ExprKind::Select: {
      auto* sel = as<SelectNode>(e);
      return loads_buffer(sel->cond) || loads_buffer(sel->true_value) || loads_buffer(sel->false_value);
    }
    case ExprKind::IntImm:
    case ExprKind::FloatImm:
    case ExprKind::StringImm:
    case ExprKind::Var:
    case ExprKind::RuntimeArg:
    case ExprKind::CBRef:
      return false;
  }
  return false;
}

// The constant a value is everywhere in `env` (selects decided by decide()), or null.
Expr constant_value(const Expr& e, const verify::RangeEnv& env) {
  if (!e) return nullptr;
  if (e->kind == ExprKind::IntImm || e->kind == ExprKind::FloatImm) return e;
  if (e->kind == ExprKind::Select) {
    auto* sel = as<SelectNode>(e);
    std::optional<bool> c = decide(sel->cond, env);
    return c ? constant_value(*c ? sel->true_value : sel->false_value, env) : nullptr;
  }
  return nullptr;
}

// A T.Parallel map initialising every element of `acc` (acc[i, j] = value over the whole block, the
// value loading no buffer): its value when that is one constant over the map's and the enclosing
// loops' ranges, else null with `is_map` set. Flash attention's non-causal mask T.if_then_else(k * block_N + j >=
// seq_len, -inf, 0) is 0 for every k and j when seq_len is a multiple of block_N: the accumulator's clear.
Expr constant_map_of(const Stmt& s, const Buffer& acc, verify::RangeEnv env, bool& is_map) {
  is_map = false;
  std::vector<const VarNode*> vars;
  Stmt body = s;
  while (body && body->kind == StmtKind::For && as<ForNode>(body)->for_kind == ForKind::Parallel) {
    auto* loop = as<ForNode>(body);
    const int64_t *mn = as_int(loop->min), *ext = as_int(loop->extent);
    if (!mn || !ext || *ext <= 0) return nullptr;
    env[loop->var.get()] = verify::Interval{*mn, *mn + *ext - 1};
    vars.push_back(loop->var.get());
    body = loop->body;
    while (body && body->kind == StmtKind::Seq && as<SeqNode>(body)->stmts.size() == 1) {
      body = as<SeqNode>(body)->stmts[0];
    }
  }
  if (vars.empty() || !body || body->kind != StmtKind::Store || as<StoreNode>(body)->buffer != acc) return nullptr;
  auto* store = as<StoreNode>(body);
  if (loads_buffer(store->value)) return nullptr;
  is_map = true;
  if (store->indices.size() != vars.size() || vars.size() != acc->shape.size()) return nullptr;
  for (size_t d = 0; d < vars.size(); ++d) {
    const verify::Interval r = env[vars[d]];
    if (store->indices[d]->kind != ExprKind::Var || as<VarNode>(store->indices[d]) != vars[d] || r.lo != 0 ||
        r.hi != acc->shape[d] - 1) {
      return nullptr;
    }
  }
  return constant_value(store->value, env);
}

// Ranges of the constant-bounded loops among path[0..level] (the persistent loop's are unknown).
verify::RangeEnv loop_ranges(const std::vector<Stmt>& path, size_t level) {
  verify::RangeEnv env;
  for (size_t l = 0; l <= level; ++l) {
    if (path[l]->kind != StmtKind::For) continue;
    auto* loop = as<ForNode>(path[l]);
    const int64_t *mn = as_int(loop->min), *ext = as_int(loop->extent);
    if (mn && ext && *ext > 0) env[loop->var.get()] = verify::Interval{*mn, *mn + *ext - 1};
  }
  return env;
}

// The accumulator's clear is the nearest earlier sibling T.clear/T.fill(0) of C on the path to the
// gemm; the loops between that sequence and the gemm are the reduction loops. This is the
// structural meaning of "the K loop": whatever the loops' variables are called.
bool find_clear_and_reduction(Context& ctx, const std::vector<Stmt>& path, GemmPlan& plan) {
  const GemmNode& g = *plan.gemm;
  Stmt clear_stmt;                  // the statement that zeroes the accumulator
  const FillNode* clear = nullptr;  // it, when a T.clear / T.fill
  for (size_t level = path.size() - 1; level-- > 0;) {
    const Stmt& parent = path[level];
    if (parent->kind == StmtKind::If) {
      ctx.error(g.span, "T.gemm under a condition is not supported: the accumulation steps must not depend on data",
                DiagnosticCategory::Unsupported);
      return false;
    }
    if (parent->kind != StmtKind::Seq) continue;
    const std::vector<Stmt>& stmts = as<SeqNode>(parent)->stmts;
    auto pos = std::find(stmts.begin(), stmts.end(), path[level + 1]);
    for (auto it = pos; it != stmts.begin();) {
      --it;
      const bool fill = is_fill_of(*it, g.c.buffer);
      bool is_map = false;
      Expr map_value = fill ? nullptr : constant_map_of(*it, g.c.buffer, loop_ranges(path, level), is_map);
      if (is_map && !map_value) {
        // Not one constant: a per-tile mask (causal attention) when its condition is linear in the indices.
        bool init_map = false;
        std::string why;
        plan.mask = tile_mask_of_map(*it, g.c.buffer, ctx.device.tile[0], init_map, why);
        if (!plan.mask) {
          ctx.error((*it)->span,
                    "the T.Parallel map that initialises accumulator " + g.c.buffer->name +
                        " before T.gemm is not one constant over the block and not a per-tile mask: " + why,
                    DiagnosticCategory::Unsupported);
          return false;
        }
        map_value = int_imm(0);  // the mask replaces the clear
      }
      if (is_map && !is_zero(map_value)) {
        ctx.error((*it)->span,
                  "the T.Parallel map that initialises accumulator " + g.c.buffer->name + " before T.gemm is " +
                      print_expr(map_value) + " everywhere: only zero (a clear) is supported",
                  DiagnosticCategory::Unsupported);
        return false;
      }
      if (!fill && !is_map) continue;
      if (fill) clear = as<FillNode>(*it);
      clear_stmt = *it;
      for (size_t l = level + 1; l + 1 < path.size(); ++l) {
        if (path[l]->kind == StmtKind::For) plan.reduction_loops.push_back(as<ForNode>(path[l]));
      }
      break;
    }
    if (clear_stmt) break;
  }
  if (clear && !is_zero_imm(clear->value)) {
    ctx.error(clear->span,
              "T.fill of the accumulator " + g.c.buffer->name + " with " + print_expr(clear->value) +
                  " is not supported: only T.clear (zero)",
              DiagnosticCategory::Unsupported);
    return false;
  }
  if (clear_stmt) plan.consumed.push_back(clear_stmt);
  plan.clear_stmt = clear_stmt;
  if (g.clear_accum) {
    // The gemm clears its own accumulator, so every execution is a whole reduction. Inside a loop, that is what the
    // kernel means when the result is used in the same iteration (the chunked attention examples' s = q k^T per
    // chunk): every statement reading the accumulator must be inside the innermost loop around the gemm.
    plan.reduction_loops.clear();
    const ForNode* inner = nullptr;
    for (size_t l = 0; l + 1 < path.size(); ++l) {
      if (path[l]->kind == StmtKind::For && as<ForNode>(path[l])->for_kind != ForKind::Persistent)
        inner = as<ForNode>(path[l]);
    }
    if (!inner) return true;
    std::set<const StmtNode*> inside;
    for_each_stmt(inner->body, [&](const Stmt& s) { inside.insert(s.get()); });
    // After the loop, in program order, until the accumulator is written anew (the linear attention examples reuse
    // ds in their second loop, cleared again by its first gemm there).
    bool read_outside = false, past = false, rewritten = false;
    for_each_stmt(path[0], [&](const Stmt& s) {
      if (s.get() == inner) return;
      if (inside.count(s.get())) {  // the loop's own statements; what follows them is after the loop
        past = true;
        return;
      }
      if (!past || rewritten || s->kind == StmtKind::For || s->kind == StmtKind::Seq) return;
      if (s->kind == StmtKind::Gemm && as<GemmNode>(s)->c.buffer == g.c.buffer && as<GemmNode>(s)->clear_accum) {
        rewritten = true;
        return;
      }
      if (is_fill_of(s, g.c.buffer)) {
        rewritten = true;
        return;
      }
      for (const BufferUse& u : buffer_uses(s)) read_outside |= !u.write && u.buffer == g.c.buffer;
    });
    if (read_outside) {
      ctx.error(g.span,
                "T.gemm(clear_accum=True) inside loop '" + inner->var->name +
                    "' is not supported when its accumulator is read after the loop: each iteration would " +
                    "overwrite the accumulator",
                DiagnosticCategory::Unsupported);
      return false;
    }
    return true;
  }
  if (!clear_stmt) {
    // TileLang leaves a fragment's contents undefined: accumulating onto it would be garbage.
    ctx.error(g.span, "accumulator " + g.c.buffer->name + " is never cleared before T.gemm (add T.clear(" +
                          g.c.buffer->name + ") before the reduction loop, or clear_accum=True)");
    return false;
  }
  for (const ForNode* loop : plan.reduction_loops) {
    if (loop->for_kind == ForKind::Persistent) {
      ctx.error(clear_stmt->span, "accumulator " + g.c.buffer->name + " is cleared outside the persistent loop");
      return false;
    }
  }
  return true;
}

std::vector<Stmt> copies_from(const Stmt& body, const Buffer& src) {
  std::vector<Stmt> copies;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Copy && as<CopyNode>(s)->src.buffer == src) copies.push_back(s);
  });
  return copies;
}

bool writes_buffer(const Stmt& body, const Buffer& buffer) {
  bool written = false;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Store && as<StoreNode>(s)->buffer == buffer) written = true;
    if (is_fill_of(s, buffer)) written = true;
  });
  return written;
}

// The accumulator leaves DST by one T.copy: to a global buffer (packed into its output CB, which the
// writer drains), or by two through an on-chip buffer of the output's dtype (`T.copy(C_local,
// C_shared)` then `T.copy(C_shared, C[...])`, the usual fp32 -> fp16 cast: the pack writes the output
// CB's format, so the staging buffer is not needed on Tenstorrent), or, with several gemms, to an
// on-chip buffer that a later gemm reads (packed into that buffer's CB in its format:
// T.copy(acc_s, acc_s_cast) is the pack's conversion).
// The copies out of the accumulator that see this gemm's result: in program order after it, before the accumulator
// is started anew (a T.clear / T.fill of it, or another gemm with clear_accum: a buffer reused by a later loop).
std::vector<Stmt> copies_of_result(const Stmt& body, const GemmNode* gemm) {
  const Buffer& acc = gemm->c.buffer;
  std::vector<Stmt> copies;
  bool after = false, restarted = false;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s.get() == gemm) {
      after = true;
      return;
    }
    if (!after || restarted) return;
    if (is_fill_of(s, acc) ||
        (s->kind == StmtKind::Gemm && as<GemmNode>(s)->c.buffer == acc && as<GemmNode>(s)->clear_accum)) {
      restarted = true;
      return;
    }
    if (s->kind == StmtKind::Copy && as<CopyNode>(s)->src.buffer == acc) copies.push_back(s);
  });
  // A gemm inside a loop whose result is copied out before it in the loop body (read in the next iteration) would
  // be missed by the walk: fall back to every copy then.
  return copies.empty() ? copies_from(body, acc) : copies;
}

bool find_output_copy(Context& ctx, const Stmt& body, GemmPlan& plan, bool several) {
  const Buffer& acc = plan.gemm->c.buffer;
  std::vector<Stmt> copies = copies_of_result(body, plan.gemm);
  if (copies.empty()) {
    // Read only by maps as a block (the linear attention examples' s_shared = T.if_then_else(row >= col, s, 0)):
    // plan_epilogue finds it packed into its own CB.
    bool read_by_map = false;
    for_each_stmt(body, [&](const Stmt& s) {
      if (s->kind != StmtKind::Store || as<StoreNode>(s)->buffer == acc) return;
      for (const BufferUse& u : buffer_uses(s)) read_by_map |= !u.write && u.buffer == acc;
    });
    if (read_by_map) return true;
    ctx.error(plan.gemm->span, "accumulator " + acc->name + " of T.gemm is never copied to a global buffer");
    return false;
  }
  if (copies.size() > 1) {
    ctx.error(copies[1]->span, "accumulator " + acc->name + " is copied out more than once; not supported",
              DiagnosticCategory::Unsupported);
    return false;
  }
  const CopyNode* copy = as<CopyNode>(copies[0]);
  if (copy->dst.buffer->scope != MemScope::Global) {
    const Buffer& staging = copy->dst.buffer;
    std::vector<Stmt> out = copies_from(body, staging);
    const bool one_global_copy = out.size() == 1 && as<CopyNode>(out[0])->dst.buffer->scope == MemScope::Global;
    const bool only_stages = one_global_copy && !writes_buffer(body, staging) && staging->shape == acc->shape &&
                             staging->dtype == as<CopyNode>(out[0])->dst.buffer->dtype;
    if (only_stages) {
      plan.consumed.push_back(copies[0]);  // the staging copy: the pack's cast
      copy = as<CopyNode>(out[0]);
    } else if (several) {
      // With several gemms, an on-chip destination is the operand of a later gemm.
      plan.on_chip_output = true;
    } else {
      ctx.error(copy->span,
                "T.copy of accumulator " + acc->name + " into on-chip buffer " + staging->name +
                    " is not supported unless " + staging->name +
                    " only stages it, unchanged, for one T.copy to a global buffer of its dtype",
                DiagnosticCategory::Unsupported);
      return false;
    }
  }
  plan.output_copy = copy;
  return true;
}

// The operand buffers must be whole 2-D CB buffers; the gemm metadata must describe this gemm.
bool check_operands(Context& ctx, const GemmNode& g, const GemmInfo* info) {
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
    ctx.error(g.span, "T.gemm(transpose_A=True) is not supported: matmul_tiles can transpose only the B tile",
              DiagnosticCategory::Unsupported);
    return false;
  }
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
  // An epilogue or a carried map with a broadcast operand needs one DST tile besides the accumulator's (the vector's
  // tile).
  const bool spare = needs_spare_dst(plan.epilogue) || needs_spare_dst(plan.carried);
  const int64_t usable = plan.dst_capacity - (spare ? 1 : 0);
  PackOrder& o = plan.order;
  o.mt = plan.mt;
  o.nt = plan.nt;
  plan.spill = plan.mt * plan.nt > usable;
  if (!plan.spill) {
    o.sm = plan.mt;
    o.sn = plan.nt;
  } else if (plan.nt <= usable) {
    o.sn = plan.nt;
    o.sm = largest_divisor_at_most(plan.mt, usable / plan.nt);
  } else {
    o.sm = 1;
    o.sn = largest_divisor_at_most(plan.nt, usable);
  }
  return true;
}

// An accumulator packed into its own CB is read by the element-wise and reduce rules as a row-major block: the gemm
// must pack it in whole tile rows. Sub-blocks of whole rows (a block larger than DST, flash attention's 4x4-tile
// scores) keep that order: each sub-block section packs its rows behind the previous ones, and the readers consume
// the block page by page, one tile per DST section, whatever its size.
bool check_packed_in_place(Context& ctx, const GemmPlan& plan) {
  const Buffer& acc = plan.gemm->c.buffer;
  if (plan.order.sn != plan.order.nt) {
    ctx.error(plan.gemm->span,
              "accumulator " + acc->name + " (" + std::to_string(plan.mt) + "x" + std::to_string(plan.nt) +
                  " tiles) is read as a block after its T.gemm but one tile row of it does not fit the " +
                  std::to_string(plan.dst_capacity) + "-tile DST; packing it in sub-blocks of part of a tile row " +
                  "for those readers is not lowered yet (use a block whose tile row is at most " +
                  std::to_string(plan.dst_capacity) + " tiles)",
              DiagnosticCategory::Unsupported);
    return false;
  }
  if (plan.carries_partials()) {
    ctx.error(plan.gemm->span,
              "accumulator " + acc->name + " is read as a block after its T.gemm and its partials go through its CB " +
                  "across the loop that carries it (" +
                  (plan.mt * plan.nt <= plan.dst_capacity
                       ? std::string("other gemms run in that loop")
                       : std::to_string(plan.mt) + "x" + std::to_string(plan.nt) + " tiles exceed the " +
                             std::to_string(plan.dst_capacity) + "-tile DST") +
                  "): packing it for those readers is not lowered yet",
              DiagnosticCategory::Unsupported);
    return false;
  }
  for (const Stmt& c : plan.consumed) {  // the staging copy, if find_output_copy took one
    if (c->kind != StmtKind::Copy || as<CopyNode>(c)->src.buffer != acc) continue;
    ctx.error(c->span,
              "accumulator " + acc->name + " is read as a block after its T.gemm and staged in " +
                  as<CopyNode>(c)->dst.buffer->name + " on its way out; copy it to the global buffer directly",
              DiagnosticCategory::Unsupported);
    return false;
  }
  return true;
}

// The first statement in the body of `loop` (not counting `own`, the gemm itself) that reads accumulator `acc` as a
// block: a T.copy from it, or another T.gemm taking it as an operand or accumulating onto it.
Stmt read_inside(const ForNode* loop, const Buffer& acc, const GemmNode* own) {
  Stmt found;
  for_each_stmt(loop->body, [&](const Stmt& s) {
    if (found || s.get() == own) return;
    if (s->kind == StmtKind::Copy && as<CopyNode>(s)->src.buffer == acc) found = s;
    if (s->kind == StmtKind::Gemm) {
      auto* g = as<GemmNode>(s);
      if (g->a.buffer == acc || g->b.buffer == acc || g->c.buffer == acc) found = s;
    }
  });
  return found;
}

// An accumulator carried across a loop keeps its partial sums in DST or in its own CB between the steps; a statement
// of that loop reading it (the linear attention examples' T.copy(h, h_shared) before h += k^T v, for the next gemm of
// the same iteration) would need those partials as a block of their own. Not lowered: reported with the reader.
bool check_not_read_while_carried(Context& ctx, const GemmPlan& plan) {
  if (plan.reduction_loops.empty()) return true;
  const GemmNode& g = *plan.gemm;
  const ForNode* loop = plan.reduction_loops.front();
  Stmt reader = read_inside(loop, g.c.buffer, &g);
  if (!reader) return true;
  std::string what = reader->kind == StmtKind::Copy ? "T.copy into " + as<CopyNode>(reader)->dst.buffer->name
                     : as<GemmNode>(reader)->c.buffer == g.c.buffer ? "another T.gemm accumulating onto it"
                                                                     : "a T.gemm taking it as an operand";
  Diagnostic& d = ctx.diags.error(
      reader->span, "accumulator " + g.c.buffer->name + " is read inside the loop '" + loop->var->name +
                        "' that carries it (" + what + "): its partial sums are not a block there (they stay in DST " +
                        "or in its CB between the steps), so reading them in the same iteration is not lowered yet");
  d.category = DiagnosticCategory::Unsupported;
  d.notes.push_back({Severity::Note, g.span, "the T.gemm that accumulates " + g.c.buffer->name + " across the loop", {},
                     {}});
  ctx.failed = true;
  return false;
}

}  // namespace

namespace {

std::optional<GemmPlan> plan_one(Context& ctx, const Stmt& body, const std::vector<Stmt>& path, const GemmInfo* info,
                                 bool several, bool continued, bool continues) {
  GemmPlan plan;
  plan.gemm = as<GemmNode>(path.back());
  const GemmNode& g = *plan.gemm;
  plan.transpose_b = g.transpose_b;
  plan.reinit = several;
  plan.continued = continued;
  plan.continues = continues;
  if (!check_operands(ctx, g, info)) return std::nullopt;
  // A gemm continuing another's accumulation has no clear of its own; one continued by a later gemm hands its
  // result to it (its accumulator's CB) instead of copying it out, and the maps after the chain are the last one's.
  if (!continues && (!find_clear_and_reduction(ctx, path, plan) || !check_not_read_while_carried(ctx, plan))) {
    return std::nullopt;
  }
  if (!continued && (!find_output_copy(ctx, body, plan, several) || !plan_epilogue(ctx, path, plan))) {
    return std::nullopt;
  }
  if (!continued && !plan.output_copy && !plan.packed_in_place) {
    ctx.error(g.span, "accumulator " + g.c.buffer->name + " of T.gemm is never copied to a global buffer");
    return std::nullopt;
  }
  if (!plan_geometry(ctx, plan)) return std::nullopt;
  if (continued || continues) {
    plan.cb_partials = resolve_cb(ctx, g.c.buffer->name, g.span,
                                  "the result that T.gemm hands to the next T.gemm accumulating onto " +
                                      g.c.buffer->name);
    if (!plan.cb_partials) return std::nullopt;
  }
  // DST sections do not nest: an accumulator held across loops in which other gemms run their own
  // sections leaves DST every step through its CB (the spill path, one sub-block when it fits).
  if (several && !plan.reduction_loops.empty()) plan.spill = true;
  // A vector broadcast onto the accumulator before each step is lowered after the reload from its CB; a block held in
  // DST across the loop (one section spanning it) would have to take each step's vector pages inside that section,
  // and a vector that compute produces needs sections of its own: not lowered.
  if (needs_spare_dst(plan.carried) && !plan.carries_partials()) {
    const auto vector_op =
        std::find_if(plan.carried.begin(), plan.carried.end(), [](const DstOp& op) { return op.bcast_cb != nullptr; });
    ctx.error(vector_op->span,
              "a map over accumulator " + g.c.buffer->name + " inside the loop that carries it reads a vector, " +
                  "but the accumulator stays in DST across that loop (no other gemm runs in it and it fits DST): " +
                  "broadcasting a vector onto it at every step is not lowered yet",
              DiagnosticCategory::Unsupported);
    return std::nullopt;
  }
  plan.pop_a_after = reuse_loop(body, path, g.a.buffer);
  plan.pop_b_after = reuse_loop(body, path, g.b.buffer);
  // A later gemm reads the packed block as row-major pages: sub-blocks must be whole tile rows.
  if (plan.on_chip_output && plan.order.sn != plan.order.nt) {
    ctx.error(plan.output_copy->span,
              "accumulator " + g.c.buffer->name + " (" + std::to_string(plan.mt) + "x" + std::to_string(plan.nt) +
                  " tiles) is packed in sub-blocks of part of a tile row, which the gemm reading " +
                  plan.output_copy->dst.buffer->name + " cannot index: use a block whose tile row fits DST",
              DiagnosticCategory::Unsupported);
    return std::nullopt;
  }
  plan.cb_a = resolve_cb(ctx, g.a.buffer->name, g.span, "operand A of T.gemm");
  plan.cb_b = resolve_cb(ctx, g.b.buffer->name, g.span, "operand B of T.gemm");
  if (plan.continued) {
    plan.cb_out = plan.cb_partials;
  } else if (plan.packed_in_place) {
    if (!check_packed_in_place(ctx, plan)) return std::nullopt;
    plan.on_chip_output = false;
    // The reductions and maps that read the packed block re-init the math engine: the next block's (or the next
    // KV step's) matmul re-inits it, as with several gemms.
    plan.reinit = true;
    plan.cb_out = resolve_cb(ctx, g.c.buffer->name, g.span, "accumulator of T.gemm, read as a block after it");
  } else {
    const CopyNode& out = *plan.output_copy;
    plan.cb_out = resolve_cb(ctx, out.dst.buffer->name, out.span,
                             "output CB of the copy " + g.c.buffer->name + " -> " + out.dst.buffer->name);
  }
  if (plan.carries_partials()) {
    plan.cb_partials =
        resolve_cb(ctx, g.c.buffer->name, g.span,
                   "partials of the " + std::to_string(plan.mt) + "x" + std::to_string(plan.nt) +
                       "-tile accumulator, which exceeds the " + std::to_string(plan.dst_capacity) + "-tile DST");
  }
  if (plan.mask && plan.mask->partial) {
    // The reader writes the mixed tile's words in fp32 (fill_mask_page), which DST reads without conversion.
    if (g.c.buffer->dtype != DataType::Float32) {
      ctx.error(plan.clear_stmt->span,
                "the per-tile mask of accumulator " + g.c.buffer->name + " has a mixed tile, which is built in " +
                    "float32 only; the accumulator is " + dtype_name(g.c.buffer->dtype),
                DiagnosticCategory::Unsupported);
      return std::nullopt;
    }
    plan.cb_mask = resolve_cb(ctx, mask_cb_name(g.c.buffer->name), plan.clear_stmt->span, "the mask's mixed tile");
    if (!plan.cb_mask) return std::nullopt;
  }
  if (!plan.cb_a || !plan.cb_b || !plan.cb_out || (plan.carries_partials() && !plan.cb_partials)) return std::nullopt;
  // Distinct operands must be distinct CBs (the seed resolved both to CB 0).
  std::vector<const CBRefNode*> cbs = {as<CBRefNode>(plan.cb_a), as<CBRefNode>(plan.cb_b), as<CBRefNode>(plan.cb_out)};
  // A chained gemm's partials are the accumulator's CB, which may also be its output (packed in place).
  if (plan.cb_partials && as<CBRefNode>(plan.cb_partials)->index != as<CBRefNode>(plan.cb_out)->index)
    cbs.push_back(as<CBRefNode>(plan.cb_partials));
  if (plan.cb_mask) cbs.push_back(as<CBRefNode>(plan.cb_mask));
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

// Gemms reading one version of an operand block in turn (no write of it between them: A_shared of two gemms in one
// K loop, v of three gemms in a chunk of linear attention, A_shared kept across two sibling loops in the WY examples):
// the reader pushed its pages once, so the first gemm waits for them (before its step, or before the loop it keeps
// them across) and the last pops them (after its step, or after that loop). Each reader's release point runs once per
// version of the block (reuse_loop), so this holds when every loop around the copy that wrote the version also
// encloses the readers.
bool link_shared_operands(Context& ctx, const Stmt& body, std::vector<GemmPlan>& plans) {
  struct Reader {
    GemmPlan* plan;
    bool is_a;
  };
  std::map<const BufferNode*, Reader> last;    // buffer -> the last gemm that read its current version
  std::map<const BufferNode*, Stmt> producer;  // buffer -> the statement that wrote its current version
  bool ok = true;
  auto loops_of = [&](const Stmt& s) {
    std::vector<const ForNode*> loops;
    enclosing_loops(body, s, loops);
    return loops;
  };
  auto gemm_stmt = [&](const GemmPlan& p) {
    Stmt found;
    for_each_stmt(body, [&](const Stmt& s) {
      if (s.get() == p.gemm) found = s;
    });
    return found;
  };
  for_each_stmt(body, [&](const Stmt& s) {
    if (!ok) return;
    if (s->kind == StmtKind::Gemm) {
      auto it = std::find_if(plans.begin(), plans.end(), [&](const GemmPlan& p) { return p.gemm == s.get(); });
      if (it == plans.end()) return;
      GemmPlan& plan = *it;
      for (bool is_a : {true, false}) {
        const Buffer& operand = is_a ? plan.gemm->a.buffer : plan.gemm->b.buffer;
        auto prev = last.find(operand.get());
        if (prev != last.end()) {
          GemmPlan& before = *prev->second.plan;
          const Stmt& copy = producer[operand.get()];
          const std::vector<const ForNode*> around_copy = copy ? loops_of(copy) : std::vector<const ForNode*>{};
          for (const Stmt& reader : {gemm_stmt(before), s}) {
            const std::vector<const ForNode*> around_reader = loops_of(reader);
            for (const ForNode* l : around_copy) {
              if (std::find(around_reader.begin(), around_reader.end(), l) != around_reader.end()) continue;
              Diagnostic& d = ctx.diags.error(
                  plan.gemm->span, "T.gemm operand " + operand->name + " is filled in loop '" + l->var->name +
                                       "' and read by several gemms, one of them outside that loop: sharing one " +
                                       "version of the block between them is not lowered yet");
              d.category = DiagnosticCategory::Unsupported;
              d.notes.push_back({Severity::Note, before.gemm->span, "the earlier T.gemm reading " + operand->name,
                                 {}, {}});
              ctx.failed = true;
              ok = false;
              return;
            }
          }
          (prev->second.is_a ? before.pop_a : before.pop_b) = false;
          (is_a ? plan.wait_a : plan.wait_b) = false;
        }
        last[operand.get()] = Reader{&plan, is_a};
      }
      last.erase(plan.gemm->c.buffer.get());
      producer[plan.gemm->c.buffer.get()] = s;
      return;
    }
    for (const BufferUse& u : buffer_uses(s)) {
      if (!u.write) continue;
      last.erase(u.buffer.get());
      producer[u.buffer.get()] = s;
    }
  });
  return ok;
}

// The loops around a gemm (its path's For nodes), outermost first.
std::vector<const ForNode*> loops_on(const std::vector<Stmt>& path) {
  std::vector<const ForNode*> loops;
  for (const Stmt& s : path) {
    if (s->kind == StmtKind::For) loops.push_back(as<ForNode>(s));
  }
  return loops;
}

// Why the gemm at gemms[i] cannot continue the accumulation of the earlier gemm at gemms[j] onto the same accumulator
// (empty when it can): they must run in one sequence of statements in the same loops, with no clear of the
// accumulator between them and none in the later one (clear_accum), and the earlier one must not accumulate across
// a loop (`chain_start`: it is cleared in the same sequence, or by clear_accum, or it continues one that is).
std::string chain_obstacle(const std::vector<std::vector<Stmt>>& gemms, size_t i, size_t j, bool chain_start) {
  const GemmNode* gi = as<GemmNode>(gemms[i].back());
  if (loops_on(gemms[i]) != loops_on(gemms[j])) return "the two run in different loops";
  const SeqNode* seq = nullptr;
  for (size_t l = gemms[i].size() - 1; l-- > 0 && !seq;) {
    if (gemms[i][l]->kind == StmtKind::Seq) seq = as<SeqNode>(gemms[i][l]);
  }
  auto position = [&](const std::vector<Stmt>& path) -> std::optional<size_t> {
    for (size_t k = 0; seq && k < seq->stmts.size(); ++k) {
      if (std::find(path.begin(), path.end(), seq->stmts[k]) != path.end()) return k;
    }
    return std::nullopt;
  };
  const std::optional<size_t> at_i = position(gemms[i]), at_j = position(gemms[j]);
  if (!at_i || !at_j) return "the two are not in one sequence of statements";
  bool cleared_between = false;
  for (size_t k = *at_j + 1; k < *at_i; ++k) {
    for_each_stmt(seq->stmts[k], [&](const Stmt& s) {
      cleared_between |= is_fill_of(s, gi->c.buffer);
    });
  }
  if (cleared_between) return "cleared";
  if (!chain_start) return "the earlier one accumulates across a loop";
  return "";
}

// Gemms onto one accumulator form a chain when they run in the same iteration (the linear attention examples'
// o = s @ v with clear_accum, then o += q @ h_shared): each later one continues from the previous one's result.
// Any other sharing of an accumulator is [unsupported], naming why.
bool find_chains(Context& ctx, const std::vector<std::vector<Stmt>>& gemms, std::vector<bool>& continued,
                 std::vector<bool>& continues) {
  continued.assign(gemms.size(), false);
  continues.assign(gemms.size(), false);
  for (size_t i = 0; i < gemms.size(); ++i) {
    const GemmNode* gi = as<GemmNode>(gemms[i].back());
    for (size_t j = i; j-- > 0;) {
      const GemmNode* gj = as<GemmNode>(gemms[j].back());
      if (gj->c.buffer != gi->c.buffer) continue;
      if (gi->clear_accum) break;  // a new accumulation in the same buffer (the examples reuse ds), not a chain
      // The earlier gemm starts the chain in this iteration: it continues one that does, it clears the accumulator
      // itself, or a T.clear of it precedes it in its sequence of statements.
      bool chain_start = continues[j] || gj->clear_accum;
      for (size_t l = gemms[j].size() - 1; l-- > 0 && !chain_start;) {
        if (gemms[j][l]->kind != StmtKind::Seq) continue;
        const std::vector<Stmt>& stmts = as<SeqNode>(gemms[j][l])->stmts;
        for (const Stmt& s : stmts) {
          if (s == gemms[j][l + 1]) break;
          chain_start |= is_fill_of(s, gj->c.buffer);
        }
        break;  // only the gemm's own sequence: a clear further out is across a loop
      }
      const std::string why = chain_obstacle(gemms, i, j, chain_start);
      if (why == "cleared") break;  // cleared again before this gemm: a new accumulation
      if (!why.empty()) {
        Diagnostic& d = ctx.diags.error(gi->span, "second T.gemm accumulating onto " + gi->c.buffer->name + ": " +
                                                      why + "; chaining gemms onto one accumulator is lowered only " +
                                                      "within one iteration, after the first gemm's clear");
        d.category = DiagnosticCategory::Unsupported;
        d.notes.push_back({Severity::Note, gj->span, "the earlier T.gemm accumulating onto it", {}, {}});
        ctx.failed = true;
        return false;
      }
      continued[j] = true;
      continues[i] = true;
      break;
    }
  }
  return true;
}

}  // namespace

std::vector<GemmPlan> plan_gemms(Context& ctx, const Stmt& body) {
  std::vector<Stmt> path;
  std::vector<std::vector<Stmt>> gemms;
  find_gemms(body, path, gemms);
  if (gemms.empty()) return {};
  const std::vector<GemmInfo> infos = get_gemm_infos(ctx.module);
  const bool several = gemms.size() > 1;
  std::vector<GemmPlan> plans;
  std::vector<bool> continued, continues;
  if (!find_chains(ctx, gemms, continued, continues)) return {};
  for (size_t i = 0; i < gemms.size(); ++i) {
    std::optional<GemmPlan> plan = plan_one(ctx, body, gemms[i], i < infos.size() ? &infos[i] : nullptr, several,
                                            continued[i], continues[i]);
    if (!plan) return {};
    plans.push_back(std::move(*plan));
  }
  // One matmul configuration per kernel part: consecutive gemms switch CBs and the transpose flag
  // with matmul_init, but reconfiguring the unpacker's formats between them is not modelled yet.
  for (size_t i = 1; i < plans.size(); ++i) {
    const GemmNode& a = *plans[0].gemm;
    const GemmNode& b = *plans[i].gemm;
    if (a.a.buffer->dtype != b.a.buffer->dtype || a.b.buffer->dtype != b.b.buffer->dtype) {
      ctx.error(b.span,
                "T.gemm operands of another dtype than the first T.gemm's (" +
                    std::string(dtype_name(a.a.buffer->dtype)) +
                    "): reconfiguring the unpacker between gemms is not supported yet",
                DiagnosticCategory::Unsupported);
      return {};
    }
  }
  // Chained gemms hand the block over in pack order: both must pack and reload it in the same sub-blocks.
  for (size_t i = 0; i < plans.size(); ++i) {
    if (!plans[i].continues) continue;
    for (size_t j = i; j-- > 0;) {
      if (plans[j].gemm->c.buffer != plans[i].gemm->c.buffer) continue;
      const PackOrder &a = plans[j].order, &b = plans[i].order;
      if (a.sm != b.sm || a.sn != b.sn || plans[j].spill != plans[i].spill) {
        ctx.error(plans[i].gemm->span,
                  "T.gemm continuing the accumulation onto " + plans[i].gemm->c.buffer->name +
                      " computes it in other DST sub-blocks than the T.gemm before it (its epilogue needs a spare " +
                      "DST tile): not lowered yet",
                  DiagnosticCategory::Unsupported);
        return {};
      }
      break;
    }
  }
  if (!link_shared_operands(ctx, body, plans)) return {};
  return plans;
}

}  // namespace tt::passes::tensorize
