// verify_tt_ir: exact per-iteration CB traffic of a kernel. Loops multiply unless an If below
// depends on their variable; those are enumerated, so a branch on the first/last K step counts
// for exactly the iterations that take it.
#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/passes/tt_kernel_roles.h"
#include "compiler/passes/verify_tt_ir_internal.h"

namespace tt::passes::verify {

using namespace ir;

namespace {

void collect_vars(const Expr& e, std::set<const VarNode*>& out) {
  if (!e) return;
  if (e->kind == ExprKind::Var) out.insert(as<VarNode>(e));
  if (e->kind == ExprKind::Binary) {
    collect_vars(as<BinaryNode>(e)->a, out);
    collect_vars(as<BinaryNode>(e)->b, out);
  }
}

// Variables that some If condition depends on, directly or through Lets.
std::set<const VarNode*> condition_vars(const Stmt& body) {
  std::set<const VarNode*> vars;
  std::map<const VarNode*, Expr> lets;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::If) collect_vars(as<IfNode>(s)->cond, vars);
    if (s->kind == StmtKind::Let) lets[as<LetNode>(s)->var.get()] = as<LetNode>(s)->value;
  });
  for (size_t before = 0; before != vars.size();) {
    before = vars.size();
    for (const auto& [var, value] : lets) {
      if (vars.count(var)) collect_vars(value, vars);
    }
  }
  return vars;
}

bool has_cb_ops(const Stmt& s) {
  bool found = false;
  for_each_stmt(s, [&](const Stmt& n) {
    if (n->kind == StmtKind::TTCall) {
      TTIntrinsic op = as<TTCallNode>(n)->op;
      found |= is_cb_producer_op(op) || is_cb_consumer_op(op);
    }
  });
  return found;
}

class Counter {
 public:
  Counter(const PrimFunc& f, KernelTraffic& out, DiagnosticList& diags)
      : func_(f), out_(out), diags_(diags), cond_vars_(condition_vars(f.body)) {}
  bool failed = false;

  void count(const Stmt& s, int64_t mult) {
    if (!s || failed) return;
    switch (s->kind) {
      case StmtKind::Seq: {
        std::vector<const VarNode*> bound_here;
        for (const Stmt& c : as<SeqNode>(s)->stmts) {
          if (c->kind == StmtKind::Let) {
            auto* let = as<LetNode>(c);
            if (std::optional<int64_t> v = eval_const(let->value, env_)) {
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
        if (!has_cb_ops(s)) break;
        std::optional<int64_t> c = eval_const(op->cond, env_);
        if (!c) return fail(s, "the condition depends on a value unknown at compile time");
        count(*c ? op->then_body : op->else_body, mult);
        break;
      }
      case StmtKind::TTCall: add(s, as<TTCallNode>(s), mult); break;
      // No CB traffic of their own (tile ops left in the final IR are reported by verify_tt_ir).
      case StmtKind::Kernel: case StmtKind::Allocate: case StmtKind::Let: case StmtKind::Copy: case StmtKind::Gemm:
      case StmtKind::Fill: case StmtKind::Store: case StmtKind::Reduce: break;
    }
  }

 private:
  void count_for(const Stmt& s, const ForNode* op, int64_t mult) {
    if (!has_cb_ops(op->body)) return;
    // One iteration of the persistent loop is the unit the protocol must balance over.
    if (op->for_kind == ForKind::Persistent) return count(op->body, mult);
    std::optional<int64_t> mn = eval_const(op->min, env_), ext = eval_const(op->extent, env_);
    if (!mn || !ext) return fail(s, "the loop's trip count is unknown at compile time");
    if (!cond_vars_.count(op->var.get())) {
      int64_t inner = 0;
      if (__builtin_mul_overflow(mult, *ext, &inner)) return fail(s, "the nested trip counts overflow 64 bits");
      return count(op->body, inner);
    }
    for (int64_t v = *mn; v < *mn + *ext && !failed; ++v) {
      if (++enumerated_ > kMaxEnumerated) return fail(s, "too many iterations to enumerate");
      env_[op->var.get()] = v;
      count(op->body, mult);
    }
    env_.erase(op->var.get());
  }

  void add(const Stmt& s, const TTCallNode* call, int64_t mult) {
    bool producer = is_cb_producer_op(call->op);
    if (!producer && !is_cb_consumer_op(call->op)) return;
    std::vector<const CBRefNode*> cbs = cb_operands(*call);
    std::optional<int64_t> n = call->args.size() == 2 ? eval_const(call->args[1], env_) : std::nullopt;
    if (cbs.empty() || !n) return fail(s, "the tile count is unknown at compile time");
    CBTraffic& t = out_[cbs[0]->name];
    int64_t tiles = 0;
    if (__builtin_mul_overflow(*n, mult, &tiles)) return fail(s, "the tile count overflows 64 bits");
    auto bump = [&](int64_t& total, Stmt& first) {
      if (__builtin_add_overflow(total, tiles, &total)) return fail(s, "the tile count overflows 64 bits");
      if (!first) first = s;
    };
    switch (call->op) {
      case TTIntrinsic::CbReserveBack: bump(t.reserve, t.first_reserve); break;
      case TTIntrinsic::CbPushBack: bump(t.push, t.first_push); break;
      case TTIntrinsic::CbWaitFront: bump(t.wait, t.first_wait); break;
      default: bump(t.pop, t.first_pop); break;
    }
  }

  void fail(const Stmt& s, const std::string& why) {
    diags_.error(s->span, "in " + func_.name + ": cannot count circular-buffer traffic through '" + node_text(s) +
                              "': " + why);
    failed = true;
  }

  static constexpr int64_t kMaxEnumerated = int64_t{1} << 22;
  const PrimFunc& func_;
  KernelTraffic& out_;
  DiagnosticList& diags_;
  std::set<const VarNode*> cond_vars_;
  Env env_;
  int64_t enumerated_ = 0;
};

}  // namespace

bool count_cb_traffic(const PrimFunc& func, KernelTraffic& out, DiagnosticList& diags) {
  Counter c(func, out, diags);
  c.count(func.body, 1);
  return !c.failed;
}

}  // namespace tt::passes::verify
