// tensorize_tt, the init/reconfigure step: inserts the configuration calls that the compute ops of a kernel need,
// only where the configuration changes (see insert_compute_state in tensorize_tt_lowering.h). What an op needs comes
// from the intrinsic table's operands and the lowering rules' (init, op) pairs; what a call sets is read the same way.
#include <array>

#include "compiler/ir/functor.h"
#include "compiler/ir/tt_intrinsics.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tensorize_tt_lowering.h"

namespace tt::passes::tensorize {

using namespace ir;

namespace {

// The engines' configuration, one field each. A field is unknown (nullopt) before anything set it, after a call
// this step does not model, and where two control-flow paths disagree.
enum Field { SrcA, SrcB, Pack, Math, Sfpu, kFields };

// A field's value: a format field holds the CB whose data format is configured (compared by format); Math holds
// an FPU init with its CB operands, Sfpu an SFPU init.
struct Setting {
  TTIntrinsic init = TTIntrinsic::CopyTileInit;  // Math / Sfpu
  std::vector<Expr> cbs;                         // Math: the init's CBs; formats: the one CB
  SourceSpan span;                               // of the call that needs it: the inserted call's provenance
};

class StateInserter {
 public:
  explicit StateInserter(Context& ctx) : ctx_(ctx) {}

  using State = std::array<std::optional<Setting>, kFields>;

  // What `call` needs before it runs (field, value), in the order the calls that set them are emitted.
  std::vector<std::pair<Field, Setting>> demands(const TTCallNode& call) const {
    std::vector<std::pair<Field, Setting>> out;
    const auto& a = call.args;
    auto cb = [&](size_t i) { return Setting{TTIntrinsic::CopyTileInit, {a[i]}, call.span}; };
    switch (call.op) {
      case TTIntrinsic::MatmulTiles:  // in0 (a[0]) unpacks through srcB, in1 through srcA; the gemm sets its init
        out = {{SrcA, cb(1)}, {SrcB, cb(0)}};
        break;
      case TTIntrinsic::PackTile:
        out = {{Pack, cb(1)}};
        break;
      case TTIntrinsic::UnaryBcastRow:  // through srcA (fp32, to DST) or srcB; the lowering places its init
      case TTIntrinsic::UnaryBcastCol:
        out = {{SrcA, cb(0)}, {SrcB, cb(0)}};
        break;
      // (icb, icb_scaler, ...): the reduction places its reduce_init itself, before its sections (it names the
      // output CB, which the tile op does not).
      case TTIntrinsic::ReduceSumRowTile:
      case TTIntrinsic::ReduceMaxRowTile:
      case TTIntrinsic::ReduceSumColTile:
      case TTIntrinsic::ReduceMaxColTile:
        out = {{SrcA, cb(0)}, {SrcB, cb(1)}};
        break;
      default:
        break;
    }
    if (std::optional<TTIntrinsic> init = fpu_init_of(call.op)) {
      const bool binary = call.op != TTIntrinsic::CopyTile;
      out.push_back({SrcA, cb(0)});
      if (binary) out.push_back({SrcB, cb(1)});
      std::vector<Expr> cbs = {a[0]};
      if (binary) cbs.push_back(a[1]);
      out.push_back({Math, Setting{*init, cbs, call.span}});
    }
    if (std::optional<TTIntrinsic> init = sfpu_init_of(call.op)) out.push_back({Sfpu, Setting{*init, {}, call.span}});
    return out;
  }

  // How `call` changes the state (a compute call this step does not model makes Math and Sfpu unknown).
  void apply(const TTCallNode& call, State& s) const {
    const auto& a = call.args;
    auto cb = [&](size_t i) { return Setting{TTIntrinsic::CopyTileInit, {a[i]}, call.span}; };
    switch (call.op) {
      case TTIntrinsic::EltwiseHwStartup:  // (srcA, srcB, pack)
        s[SrcA] = cb(0), s[SrcB] = cb(1), s[Pack] = cb(2);
        return;
      case TTIntrinsic::MatmulHwStartup:  // SrcOrder::Reverse: in0 -> srcB, in1 -> srcA
        s[SrcA] = cb(1), s[SrcB] = cb(0), s[Pack] = cb(2);
        return;
      case TTIntrinsic::MatmulInit:
        s[Math] = Setting{call.op, {a[0], a[1]}, call.span};
        return;
      case TTIntrinsic::CopyTileInit:
        s[Math] = Setting{call.op, {a[0]}, call.span};
        return;
      case TTIntrinsic::CopyTileInitWithDt:  // (old, new): copy mode for new, srcA to new's format
        s[Math] = Setting{TTIntrinsic::CopyTileInit, {a[1]}, call.span};
        s[SrcA] = cb(1);
        return;
      case TTIntrinsic::ReconfigDataFormatSrca:  // (old, new)
        s[SrcA] = cb(1);
        return;
      case TTIntrinsic::UnpackReconfigSrca:
        s[SrcA] = cb(0);
        return;
      case TTIntrinsic::UnpackReconfigSrcb:
        s[SrcB] = cb(0);
        return;
      case TTIntrinsic::PackReconfigDataFormat:
        s[Pack] = cb(0);
        return;
      case TTIntrinsic::AddTilesInit:
      case TTIntrinsic::SubTilesInit:
      case TTIntrinsic::MulTilesInit:
      case TTIntrinsic::AddBcastColsInit:
      case TTIntrinsic::SubBcastColsInit:
      case TTIntrinsic::MulBcastColsInit:
      case TTIntrinsic::AddBcastRowsInit:
      case TTIntrinsic::SubBcastRowsInit:
      case TTIntrinsic::MulBcastRowsInit:
        s[Math] = Setting{call.op, {a[0], a[1]}, call.span};
        return;
      case TTIntrinsic::UnaryBcastRowInit:  // (icb, ocb): a full init of unpacker, math and packer
      case TTIntrinsic::UnaryBcastColInit:
        s[SrcA] = cb(0), s[SrcB] = cb(0), s[Pack] = cb(1);
        s[Math] = Setting{call.op, {a[0], a[1]}, call.span};
        return;
      case TTIntrinsic::UnaryBcastRowUninit:
      case TTIntrinsic::UnaryBcastColUninit:
        s[Math].reset();
        return;
      case TTIntrinsic::ReduceSumRowInit:
      case TTIntrinsic::ReduceMaxRowInit:
      case TTIntrinsic::ReduceSumColInit:
      case TTIntrinsic::ReduceMaxColInit:
        s[Math] = Setting{call.op, {a[0], a[1], a[2]}, call.span};
        return;
      default:
        break;
    }
    if (is_sfpu_init(call.op)) {
      s[Sfpu] = Setting{call.op, {}, call.span};
      return;
    }
    const TTIntrinsicInfo& info = intrinsic_info(call.op);
    const bool modelled = info.role != TTIntrinsicRole::Compute || !demands(call).empty() ||
                          call.op == TTIntrinsic::TileRegsAcquire || call.op == TTIntrinsic::TileRegsCommit ||
                          call.op == TTIntrinsic::TileRegsWait || call.op == TTIntrinsic::TileRegsRelease;
    // Another compute call (one this step does not model) may reprogram the math engine or the SFPU.
    if (!modelled) s[Math].reset(), s[Sfpu].reset();
  }

  bool same(Field f, const std::optional<Setting>& x, const std::optional<Setting>& y) const {
    if (!x || !y) return false;
    if (f == Math || f == Sfpu) {
      if (x->init != y->init || x->cbs.size() != y->cbs.size()) return false;
      for (size_t i = 0; i < x->cbs.size(); ++i) {
        if (cb_name(x->cbs[i]) != cb_name(y->cbs[i])) return false;
      }
      return true;
    }
    return format(x->cbs[0]) == format(y->cbs[0]);
  }

  State meet(const State& a, const State& b) const {
    State out;
    for (int f = 0; f < kFields; ++f) {
      if (same(static_cast<Field>(f), a[f], b[f])) out[f] = a[f];
    }
    return out;
  }

  bool equal(const State& a, const State& b) const {
    for (int f = 0; f < kFields; ++f) {
      if (a[f].has_value() != b[f].has_value()) return false;
      if (a[f] && !same(static_cast<Field>(f), a[f], b[f])) return false;
    }
    return true;
  }

  Stmt setter(Field f, const Setting& v) const {
    const SourceSpan span = v.span;
    switch (f) {
      case SrcA:
        return tt_call(TTIntrinsic::UnpackReconfigSrca, {v.cbs[0]}, span);
      case SrcB:
        return tt_call(TTIntrinsic::UnpackReconfigSrcb, {v.cbs[0]}, span);
      case Pack:
        return tt_call(TTIntrinsic::PackReconfigDataFormat, {v.cbs[0]}, span);
      case Math:
        return tt_call(v.init, v.cbs, span);
      case Sfpu:
      case kFields:
        break;
    }
    return tt_call(v.init, {}, span);
  }

  // Makes `s` satisfy (f, v), appending the call that does it to `out`.
  void ensure(Field f, const Setting& v, State& s, std::vector<Stmt>& out) const {
    if (same(f, s[f], v)) return;
    out.push_back(setter(f, v));
    s[f] = v;
  }

  // Per field, the values the calls in `s` demand and whether any call there sets the field itself.
  struct Needs {
    std::array<std::vector<Setting>, kFields> values;
    std::array<bool, kFields> set_inside{};
  };
  void collect(const Stmt& s, Needs& n) const {
    for_each_stmt(s, [&](const Stmt& x) {
      if (x->kind != StmtKind::TTCall) return;
      const TTCallNode& call = *as<TTCallNode>(x);
      for (auto& [f, v] : demands(call)) {
        bool seen = false;
        for (const Setting& w : n.values[f]) seen = seen || same(f, w, v);
        if (!seen) n.values[f].push_back(v);
      }
      State probe;
      apply(call, probe);
      for (int f = 0; f < kFields; ++f) {
        if (probe[f]) n.set_inside[f] = true;
      }
      // A call this step does not model resets Math and Sfpu: that sets them too.
      State full;
      for (auto& v : full) v = Setting{};
      apply(call, full);
      if (!full[Math] || !full[Sfpu]) n.set_inside[Math] = n.set_inside[Sfpu] = true;
    });
  }

  // `s` with the calls it needs, as one statement.
  Stmt visit(const Stmt& s, State& state) const {
    if (!s) return s;
    std::vector<Stmt> out;
    visit_into(s, state, out);
    if (out.size() == 1) return out.front();
    return seq(std::move(out), s->span);
  }

  // Appends `s`, rewritten, to out, preceded by the calls it needs (spliced into the enclosing sequence).
  void visit_into(const Stmt& s, State& state, std::vector<Stmt>& out) const {
    switch (s->kind) {
      case StmtKind::Seq: {
        std::vector<Stmt> stmts;
        for (const Stmt& x : as<SeqNode>(s)->stmts) {
          if (x) visit_into(x, state, stmts);
        }
        out.push_back(seq(std::move(stmts), s->span));
        return;
      }
      case StmtKind::TTCall: {
        const TTCallNode& call = *as<TTCallNode>(s);
        for (auto& [f, v] : demands(call)) ensure(f, v, state, out);
        apply(call, state);
        out.push_back(s);
        return;
      }
      case StmtKind::For:
        return visit_for(s, state, out);
      case StmtKind::If: {
        auto* op = as<IfNode>(s);
        State then_state = state, else_state = state;
        Stmt then_body = visit(op->then_body, then_state);
        Stmt else_body = op->else_body ? visit(op->else_body, else_state) : nullptr;
        state = meet(then_state, else_state);
        out.push_back(make_if(op->cond, then_body, else_body, s->span));
        return;
      }
      default:
        out.push_back(s);
        return;
    }
  }

  // A field the whole loop needs at one value and never sets itself is set before the loop; the body is then walked
  // from the state that holds on every iteration (the entry state met with the state after one iteration).
  void visit_for(const Stmt& s, State& state, std::vector<Stmt>& out) const {
    auto* op = as<ForNode>(s);
    Needs needs;
    collect(op->body, needs);
    for (int f = 0; f < kFields; ++f) {
      if (needs.values[f].size() == 1 && !needs.set_inside[f]) {
        ensure(static_cast<Field>(f), needs.values[f][0], state, out);
      }
    }
    State entry = state;
    for (int round = 0; round < kFields + 1; ++round) {
      State after = entry;
      visit(op->body, after);
      State next = meet(entry, after);
      if (equal(next, entry)) break;
      entry = next;
    }
    State after = entry;
    Stmt body = visit(op->body, after);
    state = meet(state, after);  // the loop may run no iteration (a persistent loop on an idle core)
    out.push_back(make_for(op->var, op->min, op->extent, op->for_kind, op->num_stages, body, s->span));
  }

  // The first CB each format field is demanded for, in program order: compute_kernel_hw_startup's operands.
  std::optional<std::array<Expr, 3>> startup_cbs(const Stmt& body, SourceSpan& first_use) const {
    std::array<Expr, 3> cbs;
    bool has_startup = false;
    for_each_stmt(body, [&](const Stmt& x) {
      if (x->kind != StmtKind::TTCall) return;
      const TTCallNode& call = *as<TTCallNode>(x);
      if (call.op == TTIntrinsic::EltwiseHwStartup || call.op == TTIntrinsic::MatmulHwStartup) has_startup = true;
      for (auto& [f, v] : demands(call)) {
        if (f > Pack || cbs[f]) continue;
        if (!cbs[SrcA] && !cbs[SrcB] && !cbs[Pack]) first_use = v.span;
        cbs[f] = v.cbs[0];
      }
    });
    if (has_startup || (!cbs[SrcA] && !cbs[Pack])) return std::nullopt;
    if (!cbs[SrcA]) cbs[SrcA] = cbs[Pack];
    if (!cbs[SrcB]) cbs[SrcB] = cbs[SrcA];
    if (!cbs[Pack]) cbs[Pack] = cbs[SrcA];
    return cbs;
  }

 private:
  static const std::string& cb_name(const Expr& e) { return as<CBRefNode>(e)->name; }
  std::string format(const Expr& cb) const {
    std::optional<CircularBuffer> c = get_circular_buffer(ctx_.module, cb_name(cb));
    return c ? c->data_format : cb_name(cb);
  }

  Context& ctx_;
};

}  // namespace

Stmt insert_compute_state(Context& ctx, const Stmt& body) {
  if (!body) return body;
  StateInserter inserter(ctx);
  StateInserter::State state;
  SourceSpan first_use = body->span;
  std::optional<std::array<Expr, 3>> cbs = inserter.startup_cbs(body, first_use);
  if (!cbs) return inserter.visit(body, state);
  // The hardware startup configures unpack/math/pack once, before the compute kernel's first block.
  std::vector<Stmt> stmts = {tt_call(TTIntrinsic::EltwiseHwStartup, {(*cbs)[0], (*cbs)[1], (*cbs)[2]}, first_use)};
  inserter.apply(*as<TTCallNode>(stmts.front()), state);
  inserter.visit_into(body, state, stmts);
  if (stmts.size() == 2 && stmts[1]->kind == StmtKind::Seq) {  // splice the body's statements after the startup
    std::vector<Stmt> inner = as<SeqNode>(stmts[1])->stmts;
    stmts.pop_back();
    stmts.insert(stmts.end(), inner.begin(), inner.end());
  }
  return seq(std::move(stmts), body->span);
}

}  // namespace tt::passes::tensorize
