// count_tt_calls: the walk over loops, Lets and Ifs shared by the CB-protocol check and the
// performance counts.
#include "compiler/passes/tt_call_counter.h"

#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/tt_intrinsics.h"

namespace tt::passes {

using namespace ir;
using verify::Env;
using verify::eval_const;

namespace {

// Every variable an expression of any kind reads.
void collect_vars(const Expr& e, std::set<const VarNode*>& out) {
  struct Collector final : IRVisitor {
    std::set<const VarNode*>& vars;
    explicit Collector(std::set<const VarNode*>& v) : vars(v) {}
    void visit(const Expr& x) override {
      if (x && x->kind == ExprKind::Var) vars.insert(as<VarNode>(x));
      IRVisitor::visit(x);
    }
    using IRVisitor::visit;
  };
  if (!e) return;
  Collector c(out);
  c.visit(e);
}

using LetValues = std::map<const VarNode*, Expr>;

LetValues let_values(const Stmt& body) {
  LetValues lets;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Let) lets[as<LetNode>(s)->var.get()] = as<LetNode>(s)->value;
  });
  return lets;
}

// Adds the variables the Lets of `vars` read, until nothing changes.
void close_over_lets(std::set<const VarNode*>& vars, const LetValues& lets) {
  for (size_t before = 0; before != vars.size();) {
    before = vars.size();
    for (const auto& [var, value] : lets) {
      if (vars.count(var)) collect_vars(value, vars);
    }
  }
}

// Variables that some If condition depends on, directly or through Lets.
std::set<const VarNode*> condition_vars(const Stmt& body, const LetValues& lets) {
  std::set<const VarNode*> vars;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::If) collect_vars(as<IfNode>(s)->cond, vars);
  });
  close_over_lets(vars, lets);
  return vars;
}

class Counter {
 public:
  Counter(const PrimFunc& f, const std::function<bool(TTIntrinsic)>& counted, const CallVisitor& visit,
          const std::vector<int64_t>* runtime_args, std::optional<int64_t> block)
      : counted_(counted), visit_(visit), lets_(let_values(f.body)), cond_vars_(condition_vars(f.body, lets_)),
        runtime_args_(runtime_args), block_(block) {}
  std::optional<CallCountFailure> failure;

  void count(const Stmt& s, int64_t mult) {
    if (!s || failure) return;
    switch (s->kind) {
      case StmtKind::Seq: {
        std::vector<const VarNode*> bound_here;
        for (const Stmt& c : as<SeqNode>(s)->stmts) {
          if (c->kind == StmtKind::Let) {
            auto* let = as<LetNode>(c);
            if (std::optional<int64_t> v = let_value(let->value)) {
              env_[let->var.get()] = *v;
              bound_here.push_back(let->var.get());
            }
          }
          count(c, mult);
        }
        for (const VarNode* v : bound_here) env_.erase(v);
        break;
      }
      case StmtKind::For: count_for(s, as<ForNode>(s), mult); break;
      case StmtKind::If: {
        auto* op = as<IfNode>(s);
        if (!has_counted_calls(s)) break;
        std::optional<int64_t> c = eval_const(op->cond, env_);
        if (!c && !block_ && reads_block(op->cond)) {
          fail(s, "the condition depends on the block index");
          failure->needs_block = true;
          return;
        }
        if (!c) return fail(s, "the condition depends on a value unknown at compile time");
        count(*c ? op->then_body : op->else_body, mult);
        break;
      }
      case StmtKind::TTCall: {
        auto* call = as<TTCallNode>(s);
        if (!counted_(call->op)) break;
        if (std::optional<std::string> why = visit_(CountedCall{s, *call, mult, in_persistent_, env_})) fail(s, *why);
        break;
      }
      // No TT calls of their own (tile ops left in the final IR are reported by verify_tt_ir).
      case StmtKind::Kernel: case StmtKind::Allocate: case StmtKind::Let: case StmtKind::Copy: case StmtKind::Gemm:
      case StmtKind::Fill: case StmtKind::Store: case StmtKind::Reduce: break;
    }
  }

 private:
  bool has_counted_calls(const Stmt& s) const {
    bool found = false;
    for_each_stmt(s, [&](const Stmt& n) { found |= n->kind == StmtKind::TTCall && counted_(as<TTCallNode>(n)->op); });
    return found;
  }

  void count_for(const Stmt& s, const ForNode* op, int64_t mult) {
    if (!has_counted_calls(op->body)) return;
    // One iteration of the persistent loop is one block: the unit both clients count in.
    if (op->for_kind == ForKind::Persistent) {
      in_persistent_ = true;
      persistent_var_ = op->var.get();
      if (block_) env_[persistent_var_] = *block_;
      count(op->body, mult);
      env_.erase(persistent_var_);
      in_persistent_ = false;
      return;
    }
    std::optional<int64_t> mn = eval_const(op->min, env_), ext = eval_const(op->extent, env_);
    if (!mn || !ext) {
      if (!block_ && (reads_block(op->min) || reads_block(op->extent))) {
        fail(s, "the loop's trip count depends on the block index");
        failure->needs_block = true;
        return;
      }
      return fail(s, "the loop's trip count is unknown at compile time");
    }
    if (!cond_vars_.count(op->var.get())) {
      int64_t inner = 0;
      if (__builtin_mul_overflow(mult, *ext, &inner)) return fail(s, "the nested trip counts overflow 64 bits");
      return count(op->body, inner);
    }
    for (int64_t v = *mn; v < *mn + *ext && !failure; ++v) {
      if (++enumerated_ > kMaxEnumerated) return fail(s, "too many iterations to enumerate");
      env_[op->var.get()] = v;
      count(op->body, mult);
    }
    env_.erase(op->var.get());
  }

  std::optional<int64_t> let_value(const Expr& value) const {
    if (runtime_args_ && value->kind == ExprKind::RuntimeArg) {
      const int index = as<RuntimeArgNode>(value)->index;
      if (index >= 0 && static_cast<size_t>(index) < runtime_args_->size()) return (*runtime_args_)[index];
    }
    return eval_const(value, env_);
  }

  // Whether `e` reads the persistent loop's block id, directly or through Lets (bx = block % grid_x).
  bool reads_block(const Expr& e) const {
    if (!persistent_var_) return false;
    std::set<const VarNode*> vars;
    collect_vars(e, vars);
    close_over_lets(vars, lets_);
    return vars.count(persistent_var_) > 0;
  }

  void fail(const Stmt& s, const std::string& why) {
    if (!failure) failure = CallCountFailure{s, why};
  }

  static constexpr int64_t kMaxEnumerated = int64_t{1} << 22;
  const std::function<bool(TTIntrinsic)>& counted_;
  const CallVisitor& visit_;
  LetValues lets_;
  std::set<const VarNode*> cond_vars_;
  const std::vector<int64_t>* runtime_args_;
  std::optional<int64_t> block_;
  Env env_;
  bool in_persistent_ = false;
  const VarNode* persistent_var_ = nullptr;
  int64_t enumerated_ = 0;
};

}  // namespace

BlockCountKey::BlockCountKey(const PrimFunc& func) {
  const ForNode* persistent = find_persistent_loop(func.body);
  if (!persistent) return;
  block_var_ = persistent->var.get();
  // Everything a count depends on: loop bounds, conditions, and the Count / CorePages operands clients evaluate.
  std::set<const VarNode*> read;
  for_each_stmt(persistent->body, [&](const Stmt& s) {
    if (s->kind == StmtKind::For) {
      collect_vars(as<ForNode>(s)->min, read);
      collect_vars(as<ForNode>(s)->extent, read);
    } else if (s->kind == StmtKind::If) {
      collect_vars(as<IfNode>(s)->cond, read);
    } else if (s->kind == StmtKind::TTCall) {
      auto* call = as<TTCallNode>(s);
      const TTIntrinsicInfo& info = intrinsic_info(call->op);
      for (size_t i = 0; i < call->args.size() && i < info.operands.size(); ++i) {
        if (info.operands[i] == TTOperand::Count || info.operands[i] == TTOperand::CorePages)
          collect_vars(call->args[i], read);
      }
    }
  });
  if (persistent->body->kind != StmtKind::Seq) {
    reads_block_ = true;
    return;
  }
  for (const Stmt& s : as<SeqNode>(persistent->body)->stmts)
    if (s->kind == StmtKind::Let) lets_.push_back(as<LetNode>(s));
  // Through the Lets nested deeper, not through the block indices themselves (their values make the key).
  LetValues nested = let_values(persistent->body);
  for (const LetNode* let : lets_) nested.erase(let->var.get());
  close_over_lets(read, nested);
  reads_block_ = read.count(block_var_) > 0;
  for (const LetNode* let : lets_)
    if (read.count(let->var.get())) key_vars_.push_back(let->var.get());
}

std::vector<int64_t> BlockCountKey::at(int64_t block) const {
  if (reads_block_ || !block_var_) return {block};
  Env env{{block_var_, block}};
  for (const LetNode* let : lets_)
    if (std::optional<int64_t> v = eval_const(let->value, env)) env[let->var.get()] = *v;
  std::vector<int64_t> key;
  for (const VarNode* v : key_vars_) {
    auto it = env.find(v);
    if (it == env.end()) return {block};  // not a function of the block id alone: this block is its own key
    key.push_back(it->second);
  }
  return key;
}

std::optional<CallCountFailure> count_tt_calls(const PrimFunc& func, const std::function<bool(TTIntrinsic)>& counted,
                                               const CallVisitor& visit, const std::vector<int64_t>* runtime_args,
                                               std::optional<int64_t> block) {
  Counter c(func, counted, visit, runtime_args, block);
  c.count(func.body, 1);
  return c.failure;
}

}  // namespace tt::passes
