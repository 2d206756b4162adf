// stage_vectors: 1-D global buffers read inside T.Parallel become broadcast vector blocks filled by a reader copy
// (see the header for the rule and the result).
#include "compiler/passes/stage_vectors.h"

#include <map>
#include <set>
#include <tuple>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

namespace {

bool is_vector_load(const BufferLoadNode& load) {
  return load.buffer->scope == MemScope::Global && load.buffer->shape.size() == 1 && load.indices.size() == 1;
}

// `start + v`, `v + start` or `v` with v one of `vars` and start free of them: v (null otherwise) and start.
const VarNode* split_index(const Expr& index, const std::vector<Var>& vars, Expr& start) {
  auto var_of = [&](const Expr& e) -> const VarNode* {
    if (e->kind != ExprKind::Var) return nullptr;
    for (const Var& v : vars) {
      if (v.get() == e.get()) return v.get();
    }
    return nullptr;
  };
  auto free_of_vars = [&](const Expr& e) {
    for (const Var& v : vars) {
      if (uses_var(e, v.get())) return false;
    }
    return true;
  };
  if (const VarNode* v = var_of(index)) {
    start = int_imm(0, index->span);
    return v;
  }
  if (index->kind != ExprKind::Binary || as<BinaryNode>(index)->op != BinaryOp::Add) return nullptr;
  auto* sum = as<BinaryNode>(index);
  for (auto [var_side, other] : {std::pair{sum->a, sum->b}, std::pair{sum->b, sum->a}}) {
    if (const VarNode* v = var_of(var_side); v && free_of_vars(other)) {
      start = other;
      return v;
    }
  }
  return nullptr;
}

std::string first_line(const Stmt& s) {
  std::string text = print_stmt(s);
  return text.substr(0, text.find('\n'));
}

// One T.Parallel nest: its loads of 1-D global buffers rewritten to staged blocks, the blocks' allocations and copies
// collected in `staging` (in first-use order).
class NestStager final : public IRMutator {
 public:
  NestStager(std::vector<Var> vars, std::vector<int64_t> extents, std::set<std::string>& names, DiagnosticList& diags)
      : vars_(std::move(vars)), extents_(std::move(extents)), names_(names), diags_(diags) {}

  std::vector<Stmt> staging;
  bool failed = false;

 protected:
  Stmt mutate_store(const Stmt& s, const StoreNode* op) override {
    const StoreNode* outer = store_;
    store_ = op;
    store_stmt_ = s;
    Stmt out = IRMutator::mutate_store(s, op);
    store_ = outer;
    return out;
  }

  Expr mutate_buffer_load(const Expr& e, const BufferLoadNode* op) override {
    if (!is_vector_load(*op)) return IRMutator::mutate_buffer_load(e, op);
    const std::string what = "the 1-D buffer " + op->buffer->name + " read as '" + print_expr(e) + "'";
    if (!store_) return unsupported(e, what + " outside a store");
    Expr start;
    const VarNode* v = split_index(op->indices[0], vars_, start);
    if (!v) {
      return unsupported(e, what +
                                ": a vector read inside T.Parallel must be indexed `start + i` by one of the "
                                "loop's variables (a row or column broadcast)");
    }
    // Row vector: v runs along the store's columns (one value per output column); column vector: along its rows.
    const auto& idx = store_->indices;
    const bool row = idx.size() == 2 && idx[1].get() == v;
    const bool col = idx.size() == 2 && idx[0].get() == v;
    if (!row && !col) {
      return unsupported(e, what + ": its loop variable " + v->name +
                                " must index the rows or the columns of the 2-D "
                                "store into " +
                                store_->buffer->name + " (a row or column broadcast)");
    }
    int64_t extent = 0;
    for (size_t k = 0; k < vars_.size(); ++k) {
      if (vars_[k].get() == v) extent = extents_[k];
    }
    const auto key = std::make_tuple(op->buffer.get(), print_expr(start), row);
    auto it = blocks_.find(key);
    if (it == blocks_.end()) {
      const std::string name = fresh_name(op->buffer->name + (row ? "_bcast" : "_bcast_col"));
      Buffer block = make_buffer(name, {extent}, op->buffer->dtype, MemScope::Shared, e->span);
      staging.push_back(make_allocate(block, e->span));
      staging.push_back(
          make_copy(Region{op->buffer, {start}, {extent}, e->span}, full_region(block, e->span), e->span));
      it = blocks_.emplace(key, block).first;
    }
    return buffer_load(it->second, {find_var(v)}, e->span);
  }

 private:
  Expr unsupported(const Expr& e, const std::string& why) {
    if (!failed) {
      diags_
          .error(e->span.valid() ? e->span : store_stmt_->span,
                 "element-wise statement '" + (store_stmt_ ? first_line(store_stmt_) : print_expr(e)) + "': " + why)
          .category = DiagnosticCategory::Unsupported;
    }
    failed = true;
    return e;
  }

  Expr find_var(const VarNode* v) const {
    for (const Var& x : vars_) {
      if (x.get() == v) return x;
    }
    return nullptr;
  }

  std::string fresh_name(const std::string& base) {
    std::string name = base;
    for (int n = 2; names_.count(name); ++n) name = base + std::to_string(n);
    names_.insert(name);
    return name;
  }

  std::vector<Var> vars_;
  std::vector<int64_t> extents_;
  std::set<std::string>& names_;
  DiagnosticList& diags_;
  const StoreNode* store_ = nullptr;
  Stmt store_stmt_;
  std::map<std::tuple<const BufferNode*, std::string, bool>, Buffer> blocks_;
};

bool reads_vector(const Stmt& nest) {
  bool found = false;
  for_each_stmt(nest, [&](const Stmt& s) {
    if (s->kind != StmtKind::Store) return;
    for (const BufferUse& u : buffer_uses(s)) {
      if (!u.write && u.buffer->scope == MemScope::Global && u.buffer->shape.size() == 1) found = true;
    }
  });
  return found;
}

// Every sequence's T.Parallel nests that read a vector get the staging statements in front of them.
class Stager final : public IRMutator {
 public:
  Stager(std::set<std::string>& names, DiagnosticList& diags) : names_(names), diags_(diags) {}
  bool failed = false;

 protected:
  Stmt mutate_seq(const Stmt& s, const SeqNode* op) override {
    std::vector<Stmt> out;
    bool changed = false;
    for (const Stmt& x : op->stmts) {
      if (!x || x->kind != StmtKind::For || as<ForNode>(x)->for_kind != ForKind::Parallel || !reads_vector(x)) {
        Stmt m = x ? mutate(x) : x;
        changed |= m != x;
        out.push_back(m);
        continue;
      }
      std::vector<Var> vars;
      std::vector<int64_t> extents;
      for (Stmt l = x; l && l->kind == StmtKind::For && as<ForNode>(l)->for_kind == ForKind::Parallel;
           l = as<ForNode>(l)->body) {
        const int64_t* ext = as_int(as<ForNode>(l)->extent);
        vars.push_back(as<ForNode>(l)->var);
        extents.push_back(ext ? *ext : 0);
      }
      NestStager nest(vars, extents, names_, diags_);
      Stmt rewritten = nest.mutate(x);
      failed |= nest.failed;
      for (Stmt& st : nest.staging) out.push_back(std::move(st));
      out.push_back(rewritten);
      changed = true;
    }
    return changed ? seq(std::move(out), s->span) : s;
  }

 private:
  std::set<std::string>& names_;
  DiagnosticList& diags_;
};

}  // namespace

bool stage_vectors(PrimFunc& func, DiagnosticList& diags) {
  std::set<std::string> names;
  for (const Buffer& p : func.params) names.insert(p->name);
  for (const AllocateNode* a : collect_allocations(func.body)) names.insert(a->buffer->name);
  Stager stager(names, diags);
  Stmt body = stager.mutate(func.body);
  if (stager.failed) return false;
  func.body = body;
  return true;
}

}  // namespace tt::passes
