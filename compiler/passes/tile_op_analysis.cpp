// Structural queries over tile-level IR (see tile_op_analysis.h).
#include "compiler/passes/tile_op_analysis.h"

#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/passes/verify_tt_ir_internal.h"  // bound(): interval bounds of index expressions

namespace tt::passes {

using namespace ir;

namespace {
class SiteCollector final : public IRVisitor {
 public:
  std::vector<TileOpSite> sites;
  std::vector<const KernelNode*> kernels;
  std::vector<const AllocateNode*> allocs;
  using IRVisitor::visit;

  void visit(const Stmt& s) override {
    if (!s) return;
    if (s->kind == StmtKind::Copy || s->kind == StmtKind::Gemm || s->kind == StmtKind::Fill ||
        s->kind == StmtKind::Store || s->kind == StmtKind::Reduce) {
      sites.push_back(TileOpSite{s, kernel_, loops_});
    }
    IRVisitor::visit(s);
  }

 protected:
  void visit_for(const ForNode* op) override {
    loops_.push_back(op);
    IRVisitor::visit_for(op);
    loops_.pop_back();
  }
  void visit_kernel(const KernelNode* op) override {
    kernels.push_back(op);
    const KernelNode* outer = kernel_;
    std::vector<const ForNode*> outer_loops;
    outer_loops.swap(loops_);  // loops are counted inside the kernel
    kernel_ = op;
    IRVisitor::visit_kernel(op);
    kernel_ = outer;
    loops_.swap(outer_loops);
  }
  void visit_allocate(const AllocateNode* op) override { allocs.push_back(op); }

 private:
  const KernelNode* kernel_ = nullptr;
  std::vector<const ForNode*> loops_;
};

class VarFinder final : public IRVisitor {
 public:
  explicit VarFinder(const VarNode* v) : var_(v) {}
  bool found = false;
  using IRVisitor::visit;
  void visit(const Expr& e) override {
    if (!e || found) return;
    if (e.get() == var_) found = true;
    IRVisitor::visit(e);
  }

 private:
  const VarNode* var_;
};

// Every buffer an expression loads from (indices, math operands, casts and selects included).
class LoadCollector final : public IRVisitor {
 public:
  explicit LoadCollector(std::vector<BufferUse>& out) : out_(out) {}
  using IRVisitor::visit;
  void visit(const Expr& e) override {
    if (e && e->kind == ExprKind::BufferLoad) out_.push_back({as<BufferLoadNode>(e)->buffer, false});
    IRVisitor::visit(e);
  }

 private:
  std::vector<BufferUse>& out_;
};

void loads_in(const Expr& e, std::vector<BufferUse>& out) {
  LoadCollector c(out);
  c.visit(e);
}
}  // namespace

std::vector<TileOpSite> collect_tile_ops(const Stmt& body) {
  SiteCollector c;
  c.visit(body);
  return std::move(c.sites);
}

std::vector<const KernelNode*> collect_kernels(const Stmt& body) {
  SiteCollector c;
  c.visit(body);
  return std::move(c.kernels);
}

std::vector<const AllocateNode*> collect_allocations(const Stmt& body) {
  SiteCollector c;
  c.visit(body);
  return std::move(c.allocs);
}

bool is_fill_of(const Stmt& s, const Buffer& buffer) {
  return s->kind == StmtKind::Fill && as<FillNode>(s)->dst.buffer == buffer;
}

bool uses_var(const Expr& e, const VarNode* var) {
  VarFinder f(var);
  f.visit(e);
  return f.found;
}

std::vector<BufferUse> buffer_uses(const Stmt& s) {
  std::vector<BufferUse> out;
  switch (s->kind) {
    case StmtKind::Copy: {
      auto* op = as<CopyNode>(s);
      out = {{op->src.buffer, false}, {op->dst.buffer, true}};
      break;
    }
    case StmtKind::Gemm: {
      auto* op = as<GemmNode>(s);
      // The accumulator is read too (C += A @ B), but for roles a write is what matters.
      out = {{op->a.buffer, false}, {op->b.buffer, false}, {op->c.buffer, true}};
      break;
    }
    case StmtKind::Fill:
      out = {{as<FillNode>(s)->dst.buffer, true}};
      break;
    case StmtKind::Reduce: {
      auto* op = as<ReduceNode>(s);
      out = {{op->src.buffer, false}, {op->dst.buffer, true}};
      break;
    }
    case StmtKind::Store: {
      auto* op = as<StoreNode>(s);
      for (const Expr& i : op->indices) loads_in(i, out);
      loads_in(op->value, out);
      out.push_back({op->buffer, true});
      break;
    }
    case StmtKind::Seq:
    case StmtKind::For:
    case StmtKind::Kernel:
    case StmtKind::Allocate:
    case StmtKind::Let:
    case StmtKind::If:
    case StmtKind::TTCall:
      break;  // not a tile op
  }
  return out;
}

std::vector<int64_t> squeeze_unit_dims(const std::vector<int64_t>& v) {
  std::vector<int64_t> out;
  for (int64_t d : v) {
    if (d != 1) out.push_back(d);
  }
  return out;
}

std::string format_dims(const std::vector<int64_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

std::string with_commas(int64_t v) {
  std::string digits = std::to_string(v), out;
  size_t first = digits[0] == '-' ? 1 : 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > first && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

bool is_on_chip(MemScope scope) { return scope == MemScope::Shared || scope == MemScope::Fragment; }

std::set<std::string> streamed_outputs(const Stmt& body) {
  // In a kernel with a T.gemm, maps are epilogues of its accumulator, packed with it by sub-blocks.
  bool gemm = false;
  for_each_stmt(body, [&](const Stmt& s) { gemm = gemm || s->kind == StmtKind::Gemm; });
  std::set<std::string> out;
  if (gemm) return out;
  for (const auto& [block, global] : staged_outputs(body)) out.insert(global);
  return out;
}

std::map<std::string, std::string> staged_outputs(const Stmt& body) {
  auto in_l1 = [](MemScope scope) { return is_on_chip(scope) || scope == MemScope::CircularBuffer; };
  std::set<std::string> computed;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Store) computed.insert(as<StoreNode>(s)->buffer->name);
    if (s->kind == StmtKind::Fill) computed.insert(as<FillNode>(s)->dst.buffer->name);
    // T.gemm(clear_accum=True) clears its accumulator itself, as a T.clear before it would.
    if (s->kind == StmtKind::Gemm && as<GemmNode>(s)->clear_accum) computed.insert(as<GemmNode>(s)->c.buffer->name);
    if (s->kind == StmtKind::Copy && in_l1(as<CopyNode>(s)->src.buffer->scope)) {
      computed.insert(as<CopyNode>(s)->dst.buffer->name);
    }
  });
  std::map<std::string, std::string> out;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind != StmtKind::Copy) return;
    auto* copy = as<CopyNode>(s);
    if (copy->dst.buffer->scope == MemScope::Global && computed.count(copy->src.buffer->name)) {
      out[copy->src.buffer->name] = copy->dst.buffer->name;
    }
  });
  return out;
}

PrimFunc* single_func(Module& module, const char* pass, DiagnosticList& diags) {
  if (module.funcs.size() == 1 && module.funcs[0].body) return &module.funcs[0];
  diags.error({}, std::string(pass) + " expects exactly one PrimFunc with a body in module '" + module.name +
                      "', found " + std::to_string(module.funcs.size()));
  return nullptr;
}

namespace {

// A global region whose start moves with block indices and loops must stay inside its buffer at their largest
// values: flash attention's K[bz, k * block_N:(k + 1) * block_N, by, :] with seq_len not a multiple of block_N
// would read past K's rows in the last KV block (a partial block needs padding, which is not lowered).
class CopyBounds {
 public:
  explicit CopyBounds(DiagnosticList& diags) : diags_(diags) {}

  bool check(const Stmt& s, verify::RangeEnv env) {
    if (!s) return true;
    switch (s->kind) {
      case StmtKind::Seq:
        for (const Stmt& c : as<SeqNode>(s)->stmts) {
          if (!check(c, env)) return false;
        }
        return true;
      case StmtKind::Kernel: {
        auto* k = as<KernelNode>(s);
        for (size_t d = 0; d < k->block_vars.size() && d < k->grid.size(); ++d) {
          env[k->block_vars[d].get()] = verify::Interval{0, k->grid[d] - 1};
        }
        return check(k->body, env);
      }
      case StmtKind::For: {
        auto* loop = as<ForNode>(s);
        if (std::optional<verify::Interval> r = verify::loop_var_bound(*loop, env)) env[loop->var.get()] = *r;
        return check(loop->body, env);
      }
      case StmtKind::If:
        return check(as<IfNode>(s)->then_body, env) && check(as<IfNode>(s)->else_body, env);
      case StmtKind::Copy:
        return region_fits(as<CopyNode>(s)->src, env) && region_fits(as<CopyNode>(s)->dst, env);
      default:
        return true;
    }
  }

 private:
  bool region_fits(const Region& r, const verify::RangeEnv& env) {
    if (r.buffer->scope != MemScope::Global) return true;
    for (size_t d = 0; d < r.starts.size() && d < r.buffer->shape.size(); ++d) {
      if (as_int(r.starts[d])) continue;  // constant starts: checked by the front end
      std::optional<verify::Interval> start = verify::bound(r.starts[d], env);
      if (!start || start->hi + r.extents[d] <= r.buffer->shape[d]) continue;
      diags_
          .error(r.span.valid() ? r.span : SourceSpan{},
                 "T.copy region " + print_region(r) + " reaches [" + std::to_string(start->hi) + ", " +
                     std::to_string(start->hi + r.extents[d]) + ") in dimension " + std::to_string(d) + " of " +
                     r.buffer->name + ", which has " + std::to_string(r.buffer->shape[d]) +
                     ": the last block is partial, and partial blocks (padding) are not lowered; choose sizes " +
                     "whose block divides that dimension")
          .category = DiagnosticCategory::Unsupported;
      return false;
    }
    return true;
  }

  DiagnosticList& diags_;
};

}  // namespace

bool check_copy_bounds(const ir::Stmt& body, DiagnosticList& diags) { return CopyBounds(diags).check(body, {}); }

}  // namespace tt::passes
