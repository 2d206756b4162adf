// reblock_rows: blocks of b < R rows re-blocked onto R-row tiles when rows are independent (see
// the header for when it applies, the legality proof and the result).
#include "compiler/passes/reblock_rows.h"

#include <functional>
#include <map>
#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

namespace {

// The grid variable r of a row start `r * b` (`r` when b is 1); null for any other expression.
const VarNode* row_start_var(const Expr& start, int64_t b) {
  if (start->kind == ExprKind::Var) return b == 1 ? as<VarNode>(start) : nullptr;
  if (start->kind != ExprKind::Binary || as<BinaryNode>(start)->op != BinaryOp::Mul) return nullptr;
  auto* mul_node = as<BinaryNode>(start);
  const bool var_first = mul_node->a->kind == ExprKind::Var;
  const Expr& v = var_first ? mul_node->a : mul_node->b;
  const int64_t* factor = as_int(var_first ? mul_node->b : mul_node->a);
  if (v->kind != ExprKind::Var || !factor || *factor != b) return nullptr;
  return as<VarNode>(v);
}

std::string first_line(const Stmt& s) {
  std::string text = print_stmt(s);
  return text.substr(0, text.find('\n'));
}

std::string rows_text(int64_t n) { return std::to_string(n) + (n == 1 ? " row" : " rows"); }

// Whether rows are independent, and what re-blocking must change. `why` holds the first statement
// that ties rows together (empty: legal).
struct RowAnalysis {
  int64_t b = 0;
  const VarNode* row_var = nullptr;
  std::set<const ExprNode*> row_starts;  // the global row starts `r * b`: the only allowed uses of r
  std::set<const ForNode*> row_loops;    // T.Parallel loops over the block's b rows
  std::string why;
  SourceSpan where;

  void block(const Stmt& s, const std::string& reason) {
    if (!why.empty()) return;
    why = "'" + first_line(s) + "' " + reason;
    where = s->span;
  }

  // An on-chip region must span the block's rows: row i of one buffer is row i of the other.
  void check_whole_rows(const Stmt& s, const Region& r) {
    const int64_t* start = r.starts.empty() ? nullptr : as_int(r.starts[0]);
    if (!start || *start != 0 || r.extents[0] != b) block(s, "uses part of the rows of " + r.buffer->name);
  }

  void check_copy(const Stmt& s, const CopyNode& copy) {
    for (const Region* r : {&copy.src, &copy.dst}) {
      if (is_on_chip(r->buffer->scope)) {
        check_whole_rows(s, *r);
        continue;
      }
      if (r->extents.empty() || r->extents[0] != b) {
        block(s, "moves " + rows_text(r->extents.empty() ? 0 : r->extents[0]) + " of " + r->buffer->name +
                     " per block, not the block's " + std::to_string(b));
        continue;
      }
      const VarNode* v = row_start_var(r->starts[0], b);
      if (!v || (row_var && v != row_var)) {
        block(s, "starts at row " + print_expr(r->starts[0]) + " of " + r->buffer->name + ", not at " +
                     (row_var ? row_var->name : std::string("a grid variable")) + " * " + std::to_string(b));
        continue;
      }
      row_var = v;
      row_starts.insert(r->starts[0].get());
    }
  }

  // Row i of the stored buffer may only read row i of on-chip buffers: dimension 0 of the store and
  // of every load is the variable of the enclosing T.Parallel loop over the b rows.
  void check_store(const TileOpSite& site, const StoreNode& store) {
    if (!is_on_chip(store.buffer->scope)) return block(site.stmt, "stores to global memory element by element");
    const Expr& row = store.indices[0];
    const ForNode* loop = nullptr;
    for (const ForNode* l : site.loops) {
      const int64_t* extent = as_int(l->extent);
      const int64_t* min = as_int(l->min);
      if (l->var.get() == row.get() && l->for_kind == ForKind::Parallel && extent && *extent == b && min && *min == 0) {
        loop = l;
      }
    }
    if (!loop) {
      return block(site.stmt, "indexes the rows of " + store.buffer->name + " by " + print_expr(row) +
                                  ", not by a T.Parallel variable over the block's " + rows_text(b));
    }
    row_loops.insert(loop);
    for_each_load(store.value, [&](const BufferLoadNode& load) {
      if (!is_on_chip(load.buffer->scope)) return block(site.stmt, "reads global memory element by element");
      if (load.indices.empty() || load.indices[0].get() != row.get()) {
        block(site.stmt, "reads row " + (load.indices.empty() ? std::string("?") : print_expr(load.indices[0])) +
                             " of " + load.buffer->name + " to compute row " + print_expr(row));
      }
    });
  }

  static void for_each_load(const Expr& e, const std::function<void(const BufferLoadNode&)>& fn) {
    struct Loads final : IRVisitor {
      const std::function<void(const BufferLoadNode&)>& fn;
      explicit Loads(const std::function<void(const BufferLoadNode&)>& f) : fn(f) {}
      using IRVisitor::visit;
      void visit(const Expr& x) override {
        if (x && x->kind == ExprKind::BufferLoad) fn(*as<BufferLoadNode>(x));
        IRVisitor::visit(x);
      }
    } loads(fn);
    loads.visit(e);
  }

  void run(const std::vector<TileOpSite>& sites) {
    for (const TileOpSite& site : sites) {
      const Stmt& s = site.stmt;
      switch (s->kind) {
        case StmtKind::Copy:
          check_copy(s, *as<CopyNode>(s));
          break;
        case StmtKind::Gemm:
          block(s, "multiplies whole blocks: a row of its result depends on every row of its B operand");
          break;
        case StmtKind::Fill:
          check_whole_rows(s, as<FillNode>(s)->dst);
          break;
        case StmtKind::Reduce: {
          auto* reduce = as<ReduceNode>(s);
          if (reduce->src.buffer->shape.size() != 2 || reduce->dim != 1) {
            block(s, "reduces along dim " + std::to_string(reduce->dim) + " of " + reduce->src.buffer->name +
                         ", across its rows");
          }
          break;
        }
        case StmtKind::Store:
          check_store(site, *as<StoreNode>(s));
          break;
        default:
          break;
      }
    }
  }
};

// Whether r is used anywhere but in the row starts (a condition, an index, a loop bound).
bool row_var_used_elsewhere(const Stmt& body, const RowAnalysis& a) {
  struct Uses final : IRVisitor {
    const RowAnalysis& a;
    bool found = false;
    explicit Uses(const RowAnalysis& an) : a(an) {}
    using IRVisitor::visit;
    void visit(const Expr& e) override {
      if (!e || found || a.row_starts.count(e.get())) return;
      if (e.get() == a.row_var) found = true;
      IRVisitor::visit(e);
    }
  } uses(a);
  uses.visit(body);
  return uses.found;
}

class Reblocker final : public IRMutator {
 public:
  Reblocker(const RowAnalysis& a, Var row_var, size_t grid_dim, int64_t rows)
      : a_(a), row_var_(std::move(row_var)), grid_dim_(grid_dim), rows_(rows) {}
  using IRMutator::mutate;

 protected:
  Region mutate_region(const Region& r) override {
    Region out = IRMutator::mutate_region(r);
    if (is_on_chip(r.buffer->scope)) {
      out.extents[0] = rows_;
    } else if (!r.starts.empty() && a_.row_starts.count(r.starts[0].get())) {
      out.starts[0] = mul(row_var_, int_imm(rows_, r.starts[0]->span), r.starts[0]->span);
      out.extents[0] = rows_;
    }
    return out;
  }

  Stmt mutate_for(const Stmt& s, const ForNode* op) override {
    if (!a_.row_loops.count(op)) return IRMutator::mutate_for(s, op);
    return make_for(op->var, op->min, int_imm(rows_, op->extent->span), op->for_kind, op->num_stages, mutate(op->body),
                    op->span);
  }

  Stmt mutate_kernel(const Stmt&, const KernelNode* op) override {
    std::vector<int64_t> grid = op->grid;
    grid[grid_dim_] = grid[grid_dim_] * a_.b / rows_;
    return make_kernel(grid, op->block_vars, op->threads, mutate(op->body), op->span);
  }

 private:
  const RowAnalysis& a_;
  Var row_var_;
  size_t grid_dim_;
  int64_t rows_;
};

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string out = "(";
  for (size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + std::to_string(shape[i]);
  return out + (shape.size() == 1 ? ",)" : ")");
}

}  // namespace

bool reblock_rows(PrimFunc& func, const DeviceModel& device, DiagnosticList& diags) {
  std::vector<const KernelNode*> kernels = collect_kernels(func.body);
  if (kernels.size() != 1) return true;
  const KernelNode& kernel = *kernels[0];
  const int64_t tile_rows = device.tile[0];

  std::vector<Buffer> on_chip;
  for (const AllocateNode* a : collect_allocations(func.body)) {
    if (is_on_chip(a->buffer->scope)) on_chip.push_back(a->buffer);
  }
  if (on_chip.empty() || on_chip[0]->shape.empty()) return true;
  RowAnalysis analysis;
  analysis.b = on_chip[0]->shape[0];
  const int64_t b = analysis.b;
  if (b >= tile_rows || tile_rows % b != 0) return true;
  for (const Buffer& buf : on_chip) {
    if (buf->shape.empty() || buf->shape.size() > 2 || buf->shape[0] != b) return true;
  }

  analysis.run(collect_tile_ops(func.body));
  if (!analysis.row_var) return true;  // no block rows are read or written: nothing to re-block
  const std::string blocks =
      "blocks of " + rows_text(b) + " (" + on_chip[0]->name + " is " + shape_text(on_chip[0]->shape) + ")";
  auto unsupported = [&](SourceSpan span, const std::string& why) {
    diags
        .error(span, blocks + " cannot be re-blocked onto " + std::to_string(tile_rows) + "-row tiles: " + why +
                         "; blocks of " + std::to_string(tile_rows) + " rows fill whole tiles")
        .category = DiagnosticCategory::Unsupported;
    return false;
  };
  if (!analysis.why.empty()) return unsupported(analysis.where, analysis.why + ", so rows are not independent");
  if (row_var_used_elsewhere(func.body, analysis)) {
    return unsupported(kernel.span, "grid variable '" + analysis.row_var->name +
                                        "' is used beyond the row starts of the block copies, so its meaning "
                                        "cannot change");
  }
  size_t grid_dim = 0;
  while (grid_dim < kernel.block_vars.size() && kernel.block_vars[grid_dim].get() != analysis.row_var) ++grid_dim;
  if (grid_dim == kernel.block_vars.size()) return true;  // a loop variable, not the grid's
  const int64_t rows = kernel.grid[grid_dim] * b;
  if (rows % tile_rows != 0) {
    return unsupported(kernel.span, "the grid covers " + std::to_string(rows) + " rows, not a multiple of " +
                                        std::to_string(tile_rows) + " (padding is not supported yet)");
  }

  Reblocker reblocker(analysis, kernel.block_vars[grid_dim], grid_dim, tile_rows);
  Stmt body = reblocker.mutate(func.body);
  std::map<const BufferNode*, Buffer> bigger;
  std::string resized;
  for (const Buffer& buf : on_chip) {
    std::vector<int64_t> shape = buf->shape;
    shape[0] = tile_rows;
    bigger[buf.get()] = make_buffer(buf->name, shape, buf->dtype, buf->scope, buf->span);
    resized += (resized.empty() ? "" : ", ") + buf->name + " " + shape_text(buf->shape) + " -> " + shape_text(shape);
  }
  func.body = substitute_buffers(body, bigger);
  diags.add(Diagnostic{Severity::Note,
                       kernel.span,
                       "re-blocked " + rows_text(b) + " per block onto " + std::to_string(tile_rows) +
                           "-row tiles (rows are independent: element-wise maps read their own row, reductions run "
                           "along dim 1): grid along '" +
                           analysis.row_var->name + "' " + std::to_string(kernel.grid[grid_dim]) + " -> " +
                           std::to_string(rows / tile_rows) + "; " + resized,
                       {},
                       {}});
  return true;
}

}  // namespace tt::passes
