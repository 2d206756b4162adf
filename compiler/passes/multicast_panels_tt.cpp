// multicast_panels_tt: the reader's per-panel sender/receiver protocol and its runtime args; see the header.
#include "compiler/passes/multicast_panels_tt.h"

#include <map>
#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/ir/tt_multicast.h"
#include "compiler/passes/verify_tt_ir_internal.h"

namespace tt::passes {

using namespace ir;

namespace {

// tt-metal's hostdevcommon/common_values.hpp.
constexpr int64_t kInvalid = 0, kValid = 1;

// The runtime-argument variables of one panel in the reader.
struct PanelArgs {
  const PanelMulticast* panel = nullptr;
  Var sender, x0, y0, x1, y1, num_dests, sender_x, sender_y, sender_sem, receiver_sem;
};

const CBRefNode* cb_operand(const Stmt& s, TTIntrinsic op) {
  if (s->kind != StmtKind::TTCall) return nullptr;
  auto* call = as<TTCallNode>(s);
  if (call->op != op || call->args.empty() || call->args[0]->kind != ExprKind::CBRef) return nullptr;
  return as<CBRefNode>(call->args[0]);
}

// The CB a statement fills when it consists of NoC page reads into one CB (and the loops/lets around them).
std::optional<std::string> filled_cb(const Stmt& s) {
  std::set<std::string> cbs;
  bool other = false;
  for_each_stmt(s, [&](const Stmt& n) {
    if (n->kind != StmtKind::TTCall) return;
    auto* call = as<TTCallNode>(n);
    if (call->op == TTIntrinsic::NocReadTile && call->args.size() > 2 && call->args[2]->kind == ExprKind::CBRef)
      cbs.insert(as<CBRefNode>(call->args[2])->name);
    else
      other = true;
  });
  if (other || cbs.size() != 1) return std::nullopt;
  return *cbs.begin();
}

bool is_barrier(const Stmt& s) {
  return s->kind == StmtKind::TTCall && as<TTCallNode>(s)->op == TTIntrinsic::NocReadBarrier;
}

class ReaderRewriter {
 public:
  ReaderRewriter(const std::map<std::string, PanelArgs>& panels, DiagnosticList& diags)
      : panels_(panels), diags_(diags) {}
  std::set<std::string> rewritten;  // panel CBs whose fill was replaced
  bool failed = false;

  Stmt rewrite(const Stmt& s) {
    if (!s || failed) return s;
    switch (s->kind) {
      case StmtKind::Seq:
        return rewrite_seq(as<SeqNode>(s));
      case StmtKind::For: {
        auto* op = as<ForNode>(s);
        return make_for(op->var, op->min, op->extent, op->for_kind, op->num_stages, rewrite(op->body), op->span);
      }
      case StmtKind::If: {
        auto* op = as<IfNode>(s);
        return make_if(op->cond, rewrite(op->then_body), rewrite(op->else_body), op->span);
      }
      default:
        return s;
    }
  }

 private:
  // A run of reserve / fill / barrier / push statements that reserves a panel CB is regrouped per CB, in the
  // order of the reserves: reserve(c), its fill (the panel protocol for a panel CB), push(c).
  Stmt rewrite_seq(const SeqNode* seq) {
    std::vector<Stmt> out;
    const std::vector<Stmt>& in = seq->stmts;
    for (size_t i = 0; i < in.size();) {
      size_t end = i;
      bool has_panel = false;
      while (end < in.size() && transfer_part(in[end], has_panel)) ++end;
      if (end == i || !has_panel) {
        out.push_back(rewrite(in[i]));
        ++i;
        continue;
      }
      if (!regroup(std::vector<Stmt>(in.begin() + static_cast<long>(i), in.begin() + static_cast<long>(end)), out))
        return nullptr;  // failed is set
      i = end;
    }
    return seq_of(std::move(out), seq->span);
  }

  bool transfer_part(const Stmt& s, bool& has_panel) const {
    if (const CBRefNode* cb = cb_operand(s, TTIntrinsic::CbReserveBack)) {
      has_panel |= panels_.count(cb->name) > 0;
      return true;
    }
    return cb_operand(s, TTIntrinsic::CbPushBack) || is_barrier(s) || filled_cb(s);
  }

  bool regroup(const std::vector<Stmt>& run, std::vector<Stmt>& out) {
    std::vector<std::string> order;
    std::map<std::string, Stmt> reserve, push;
    std::map<std::string, std::vector<Stmt>> fills;
    for (const Stmt& s : run) {
      if (const CBRefNode* cb = cb_operand(s, TTIntrinsic::CbReserveBack)) {
        if (reserve.count(cb->name)) return fail(s, "reserves " + cb->name + " twice before pushing it");
        reserve[cb->name] = s;
        order.push_back(cb->name);
      } else if (const CBRefNode* pushed = cb_operand(s, TTIntrinsic::CbPushBack)) {
        push[pushed->name] = s;
      } else if (std::optional<std::string> filled = filled_cb(s)) {
        fills[*filled].push_back(s);
      }
    }
    for (const std::string& cb : order) {
      if (!push.count(cb)) return fail(reserve[cb], "reserves " + cb + " without pushing it in the same step");
      out.push_back(reserve[cb]);
      std::vector<Stmt> fill = fills[cb];
      fill.push_back(tt_call(TTIntrinsic::NocReadBarrier, {}, reserve[cb]->span));
      auto panel = panels_.find(cb);
      if (panel == panels_.end()) {
        for (Stmt& f : fill) out.push_back(f);
      } else {
        out.push_back(panel_protocol(panel->second, as<TTCallNode>(reserve[cb]), std::move(fill)));
        rewritten.insert(cb);
      }
      out.push_back(push[cb]);
    }
    return true;
  }

  Stmt panel_protocol(const PanelArgs& a, const TTCallNode* reserve, std::vector<Stmt> fill) {
    const SourceSpan sp = reserve->span;
    const Expr cb = reserve->args[0], pages = reserve->args[1];
    fill.push_back(tt_call(TTIntrinsic::SemaphoreWait, {a.sender_sem, a.num_dests}, sp));
    fill.push_back(tt_call(TTIntrinsic::SemaphoreSet, {a.sender_sem, int_imm(0)}, sp));
    fill.push_back(tt_call(TTIntrinsic::WriteMulticast, {cb, pages, a.x0, a.y0, a.x1, a.y1, a.num_dests}, sp));
    fill.push_back(
        tt_call(TTIntrinsic::SemaphoreSetMulticast, {a.receiver_sem, a.x0, a.y0, a.x1, a.y1, a.num_dests}, sp));
    std::vector<Stmt> receive = {tt_call(TTIntrinsic::SemaphoreSet, {a.receiver_sem, int_imm(kInvalid)}, sp),
                                 tt_call(TTIntrinsic::SemaphoreIncRemote, {a.sender_sem, a.sender_x, a.sender_y}, sp),
                                 tt_call(TTIntrinsic::SemaphoreWait, {a.receiver_sem, int_imm(kValid)}, sp)};
    return make_if(binary(BinaryOp::Ne, a.sender, int_imm(0)), seq(std::move(fill), sp), seq(std::move(receive), sp),
                   sp);
  }

  static Stmt seq_of(std::vector<Stmt> stmts, SourceSpan span) { return seq(std::move(stmts), span); }

  bool fail(const Stmt& s, const std::string& why) {
    diags_.error(s->span, "multicast_panels_tt: the reader " + why + ": " + verify::node_text(s)).category =
        DiagnosticCategory::Internal;
    failed = true;
    return false;
  }

  const std::map<std::string, PanelArgs>& panels_;
  DiagnosticList& diags_;
};

}  // namespace

bool multicast_panels_tt(Module& module, const PassContext&, DiagnosticList& diags) {
  std::optional<MulticastPlan> plan = get_multicast_plan(module);
  if (!plan || plan->panels.empty()) return true;
  std::optional<RuntimeArgs> args = get_runtime_args(module);
  std::optional<WorkPartition> wp = get_work_partition(module);
  PrimFunc* reader = nullptr;
  for (PrimFunc& f : module.funcs)
    if (f.role == KernelRole::Reader) reader = &f;
  if (!args || !wp || !reader || wp->block_grid.size() != 2) {
    diags.error(SourceSpan{}, "multicast_panels_tt needs the reader kernel, tt.runtime_arg_names and tt.core_ranges")
        .category = DiagnosticCategory::Internal;
    return false;
  }
  const int64_t gx = wp->block_grid[1], gy = wp->block_grid[0];

  // Runtime args: names, per-core values, and a Let binding each in the reader.
  std::map<std::string, PanelArgs> panels;
  std::vector<Stmt> lets;
  auto arg = [&](const std::string& name) {
    Var v = make_var(name);
    lets.push_back(make_let(v, runtime_arg(name, static_cast<int>(args->reader.size()))));
    args->reader.push_back(name);
    return v;
  };
  int64_t semaphore_id = 0;
  for (const PanelMulticast& p : plan->panels) {
    PanelArgs& a = panels[p.cb];
    a.panel = &p;
    const std::string x = p.buffer;
    a.sender = arg(x + "_mcast_sender");
    a.x0 = arg(x + "_mcast_x0");
    a.y0 = arg(x + "_mcast_y0");
    a.x1 = arg(x + "_mcast_x1");
    a.y1 = arg(x + "_mcast_y1");
    a.num_dests = arg(x + "_mcast_num_dests");
    a.sender_x = arg(x + "_sender_x");
    a.sender_y = arg(x + "_sender_y");
    a.sender_sem = arg(p.sender_semaphore());
    a.receiver_sem = arg(p.receiver_semaphore());
    const bool row = p.shared_by == "row";
    for (RuntimeArgs::PerCore& c : args->cores) {
      // A row shares along x (sender in column 0), a column along y (sender in row 0).
      const int64_t along = row ? c.x : c.y, extent = row ? gx : gy;
      auto logical = [&](int64_t v, char axis) {
        RuntimeArgValue r;
        r.value = v;
        r.noc_axis = axis;
        return r;
      };
      auto plain = [](int64_t v) { return RuntimeArgValue{v, "", 0, ""}; };
      const char a_axis = row ? 'x' : 'y', o_axis = row ? 'y' : 'x';
      const int64_t other = row ? c.y : c.x;
      c.reader.push_back(plain(along == 0 ? 1 : 0));
      // The receiver rectangle (1..extent-1 along the sharing axis) as (x0, y0, x1, y1).
      const RuntimeArgValue first = logical(1, a_axis), last = logical(extent - 1, a_axis),
                            fixed = logical(other, o_axis);
      c.reader.push_back(row ? first : fixed);
      c.reader.push_back(row ? fixed : first);
      c.reader.push_back(row ? last : fixed);
      c.reader.push_back(row ? fixed : last);
      c.reader.push_back(plain(extent - 1));
      const RuntimeArgValue sender0 = logical(0, a_axis);
      c.reader.push_back(row ? sender0 : fixed);
      c.reader.push_back(row ? fixed : sender0);
      RuntimeArgValue s1{semaphore_id, "", 0, p.sender_semaphore()};
      RuntimeArgValue s2{semaphore_id + 1, "", 0, p.receiver_semaphore()};
      c.reader.push_back(s1);
      c.reader.push_back(s2);
    }
    semaphore_id += 2;
  }

  ReaderRewriter rw(panels, diags);
  Stmt body = rw.rewrite(reader->body);
  if (rw.failed) return false;
  for (const PanelMulticast& p : plan->panels) {
    if (!rw.rewritten.count(p.cb)) {
      diags
          .error(reader->span, "multicast_panels_tt: the reader never fills panel CB " + p.cb +
                                   " between a cb_reserve_back and a cb_push_back")
          .category = DiagnosticCategory::Internal;
      return false;
    }
  }
  // The existing leading Lets (runtime args) stay first; then the new args and each sender's VALID flag.
  std::vector<Stmt> stmts;
  if (body->kind == StmtKind::Seq)
    stmts = as<SeqNode>(body)->stmts;
  else
    stmts.push_back(body);
  size_t lead = 0;
  while (lead < stmts.size() && stmts[lead]->kind == StmtKind::Let) ++lead;
  std::vector<Stmt> prologue = lets;
  for (const PanelMulticast& p : plan->panels) {
    const PanelArgs& a = panels[p.cb];
    prologue.push_back(make_if(binary(BinaryOp::Ne, a.sender, int_imm(0)),
                               tt_call(TTIntrinsic::SemaphoreSet, {a.receiver_sem, int_imm(kValid)}), nullptr));
  }
  stmts.insert(stmts.begin() + static_cast<long>(lead), prologue.begin(), prologue.end());
  stmts.push_back(tt_call(TTIntrinsic::NocAtomicBarrier, {}));
  reader->body = seq(std::move(stmts), body->span);
  set_runtime_args(module, *args);
  return true;
}

}  // namespace tt::passes
