// tensorize_tt, element-wise maps: `for i, j in T.Parallel(R, C): out[i, j] = f(loads)` over whole on-chip blocks, an
// on-chip T.copy between two whole blocks, and T.fill of one, all become one DST section per tile: f evaluated into
// DST tile 0 (loads by copy_tile, two loads by the FPU's add/sub/mul_tiles, constants by fill_tile, unary math by SFPU
// ops in place, a constant operand by the SFPU's scalar ops, any other pair of operands by an SFPU binary op on two
// DST tiles), then a pack to out's CB (a cast to out's dtype, and a copy's dtype change, are the pack format). No
// init is placed here: the state step (tensorize_tt_state.cpp) inserts them from the demands of each op, read from
// the op tables below. Anything else is reported as [unsupported], naming the operation.
#include <algorithm>
#include <cmath>
#include <map>

#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tensorize_tt_lowering.h"

namespace tt::passes::tensorize {

using namespace ir;

std::optional<OpWithInit> sfpu_unary(UnaryOp op) {
  switch (op) {
    case UnaryOp::Exp:
      return OpWithInit{TTIntrinsic::ExpTileInit, TTIntrinsic::ExpTile};
    case UnaryOp::Exp2:
      return OpWithInit{TTIntrinsic::Exp2TileInit, TTIntrinsic::Exp2Tile};
    case UnaryOp::Neg:
      return OpWithInit{TTIntrinsic::NegativeTileInit, TTIntrinsic::NegativeTile};
    case UnaryOp::Sqrt:
      return OpWithInit{TTIntrinsic::SqrtTileInit, TTIntrinsic::SqrtTile};
    case UnaryOp::Rsqrt:
      return OpWithInit{TTIntrinsic::RsqrtTileInit, TTIntrinsic::RsqrtTile};
    case UnaryOp::Log:
      return OpWithInit{TTIntrinsic::LogTileInit, TTIntrinsic::LogTile};
    case UnaryOp::Abs:
      return OpWithInit{TTIntrinsic::AbsTileInit, TTIntrinsic::AbsTile};
    case UnaryOp::Sigmoid:
      return OpWithInit{TTIntrinsic::SigmoidTileInit, TTIntrinsic::SigmoidTile};
    case UnaryOp::Tanh:
      return OpWithInit{TTIntrinsic::TanhTileInit, TTIntrinsic::TanhTile};
    default:
      return std::nullopt;
  }
}

std::optional<ScaledUnary> sfpu_unary_with_param(UnaryOp op) {
  if (op == UnaryOp::Log2) {
    return ScaledUnary{{TTIntrinsic::LogWithBaseTileInit, TTIntrinsic::LogWithBaseTile}, 1.0 / std::log(2.0)};
  }
  return std::nullopt;
}

// SFPU ops of a DST tile with a scalar c. `reversed`: c is the left operand (c - x). Division by a constant is a
// multiplication by its reciprocal (one rounding more than x / c, within every tolerance the tests state).
std::optional<OpWithInit> sfpu_scalar(BinaryOp op, bool reversed) {
  const OpWithInit family{TTIntrinsic::BinopWithScalarTileInit, TTIntrinsic::AddUnaryTile};
  switch (op) {
    case BinaryOp::Add:
      return family;
    case BinaryOp::Sub:
      return OpWithInit{family.init, reversed ? TTIntrinsic::RsubUnaryTile : TTIntrinsic::SubUnaryTile};
    case BinaryOp::Mul:
      return OpWithInit{family.init, TTIntrinsic::MulUnaryTile};
    case BinaryOp::Div:
      if (reversed) return std::nullopt;
      return OpWithInit{family.init, TTIntrinsic::MulUnaryTile};
    case BinaryOp::Max:
      return OpWithInit{TTIntrinsic::UnaryMaxTileInit, TTIntrinsic::UnaryMaxTile};
    case BinaryOp::Min:
      return OpWithInit{TTIntrinsic::UnaryMinTileInit, TTIntrinsic::UnaryMinTile};
    default:
      return std::nullopt;
  }
}

const OpWithInit kSfpuRelu{TTIntrinsic::ReluTileInit, TTIntrinsic::ReluTile};

namespace {

// FPU binary ops: two CB pages -> DST, through srcA/srcB.
std::optional<OpWithInit> fpu_binary(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add:
      return OpWithInit{TTIntrinsic::AddTilesInit, TTIntrinsic::AddTiles};
    case BinaryOp::Sub:
      return OpWithInit{TTIntrinsic::SubTilesInit, TTIntrinsic::SubTiles};
    case BinaryOp::Mul:
      return OpWithInit{TTIntrinsic::MulTilesInit, TTIntrinsic::MulTiles};
    default:
      return std::nullopt;
  }
}

// FPU broadcast binary ops (bcast.h): a CB page op a CB page of a vector block broadcast by the unpacker, its row 0
// down every row (`row`: a row vector, one value per column) or its column 0 across every column.
std::optional<OpWithInit> fpu_bcast(BinaryOp op, bool row) {
  switch (op) {
    case BinaryOp::Add:
      return row ? OpWithInit{TTIntrinsic::AddBcastRowsInit, TTIntrinsic::AddTilesBcastRows}
                 : OpWithInit{TTIntrinsic::AddBcastColsInit, TTIntrinsic::AddTilesBcastCols};
    case BinaryOp::Sub:
      return row ? OpWithInit{TTIntrinsic::SubBcastRowsInit, TTIntrinsic::SubTilesBcastRows}
                 : OpWithInit{TTIntrinsic::SubBcastColsInit, TTIntrinsic::SubTilesBcastCols};
    case BinaryOp::Mul:
      return row ? OpWithInit{TTIntrinsic::MulBcastRowsInit, TTIntrinsic::MulTilesBcastRows}
                 : OpWithInit{TTIntrinsic::MulBcastColsInit, TTIntrinsic::MulTilesBcastCols};
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<OpWithInit> sfpu_binary(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add:
      return OpWithInit{TTIntrinsic::AddBinaryTileInit, TTIntrinsic::AddBinaryTile};
    case BinaryOp::Sub:
      return OpWithInit{TTIntrinsic::SubBinaryTileInit, TTIntrinsic::SubBinaryTile};
    case BinaryOp::Mul:
      return OpWithInit{TTIntrinsic::MulBinaryTileInit, TTIntrinsic::MulBinaryTile};
    case BinaryOp::Div:
      return OpWithInit{TTIntrinsic::DivBinaryTileInit, TTIntrinsic::DivBinaryTile};
    case BinaryOp::Max:
      return OpWithInit{TTIntrinsic::BinaryMaxTileInit, TTIntrinsic::BinaryMaxTile};
    case BinaryOp::Min:
      return OpWithInit{TTIntrinsic::BinaryMinTileInit, TTIntrinsic::BinaryMinTile};
    default:
      return std::nullopt;
  }
}

namespace {

const OpWithInit kFill{TTIntrinsic::FillTileInit, TTIntrinsic::FillTile};

// Every (init, op) pair the rules above can emit, for the state step (over every UnaryOp up to the last, Ceil, and
// every BinaryOp up to the last, Div).
std::vector<OpWithInit> all_sfpu_pairs() {
  std::vector<OpWithInit> pairs = {kSfpuRelu, kFill};
  for (int u = 0; u <= static_cast<int>(UnaryOp::Ceil); ++u) {
    if (auto p = sfpu_unary(static_cast<UnaryOp>(u))) pairs.push_back(*p);
    if (auto p = sfpu_unary_with_param(static_cast<UnaryOp>(u))) pairs.push_back(p->op);
  }
  for (int b = 0; b <= static_cast<int>(BinaryOp::Div); ++b) {
    if (auto p = sfpu_binary(static_cast<BinaryOp>(b))) pairs.push_back(*p);
    for (bool reversed : {false, true}) {
      if (auto p = sfpu_scalar(static_cast<BinaryOp>(b), reversed)) pairs.push_back(*p);
    }
  }
  return pairs;
}

// What one tile's DST section computes: out[i, j] = value over the loop variables.
struct MapSpec {
  Buffer out;
  Expr value;
  std::vector<Var> vars;
  std::string text;  // the statement, for messages
  SourceSpan span;
};

// Emits the math of one tile into DST tile `slot` (tile `t` of every CB read), recursively; DST tiles above slot
// hold the operands of binary SFPU ops.
class TileEmitter {
 public:
  TileEmitter(Context& ctx, const MapSpec& spec, Expr t) : ctx_(ctx), spec_(spec), t_(std::move(t)) {}

  std::vector<Stmt> math;
  std::vector<std::string> inputs;              // CB buffers read, first-use order, each once
  std::map<std::string, int64_t> vector_pages;  // the inputs that are broadcast vector blocks: their pages
  int64_t slots = 0;                            // DST tiles used

  bool emit(const Expr& e, int64_t slot) {
    slots = std::max(slots, slot + 1);
    if (is_block_load(e)) return load(e, slot);
    if (is_vector_load(e)) {
      return unsupported(e,
                         "a broadcast vector is lowered as the right operand of + - * with a whole block (an FPU "
                         "broadcast op: X[i, j] + V[j]), not elsewhere in the expression yet");
    }
    if (std::optional<double> c = constant_value(e)) {
      math.push_back(call(kFill.apply, {int_imm(slot), float_imm(*c)}));
      return true;
    }
    switch (e->kind) {
      case ExprKind::BufferLoad:
        return unsupported(e,
                           "an operand of a tile operation must be a whole on-chip block indexed by the loop's "
                           "variables, with the destination's shape");
      case ExprKind::Cast:
        return cast(e, slot);
      case ExprKind::Unary:
        return unary(e, slot);
      case ExprKind::Binary:
        return binary(e, slot);
      default:
        return unsupported(e, "no tile operation computes it");
    }
  }

 private:
  Stmt call(TTIntrinsic op, std::vector<Expr> args) { return tt_call(op, std::move(args), spec_.span); }

  bool unsupported(const Expr& e, const std::string& why) {
    return unsupported_eltwise(ctx_, e, spec_.span, spec_.text, why);
  }

  // A load of a whole on-chip block at the loop's own indices: one CB page per tile.
  bool is_block_load(const Expr& e) const {
    if (e->kind != ExprKind::BufferLoad) return false;
    auto* load = as<BufferLoadNode>(e);
    if (load->buffer->scope != MemScope::CircularBuffer || load->buffer->shape != spec_.out->shape) return false;
    if (load->indices.size() != spec_.vars.size()) return false;
    for (size_t k = 0; k < spec_.vars.size(); ++k) {
      if (load->indices[k].get() != spec_.vars[k].get()) return false;
    }
    return true;
  }

  // A load of a broadcast vector block (stage_vectors.h) lined up with the output: V[0, j] of a [1, N] block (a row
  // vector) or V[i, 0] of an [M, 1] block (a column vector).
  bool is_vector_load(const Expr& e) const {
    if (e->kind != ExprKind::BufferLoad || spec_.vars.size() != 2) return false;
    auto* load = as<BufferLoadNode>(e);
    const auto& shape = load->buffer->shape;
    const auto& out = spec_.out->shape;
    if (load->buffer->scope != MemScope::CircularBuffer || shape.size() != 2 || load->indices.size() != 2) return false;
    const bool row = shape[0] == 1 && shape[1] == out[1] && is_zero_imm(load->indices[0]) &&
                     load->indices[1].get() == spec_.vars[1].get();
    const bool col = shape[1] == 1 && shape[0] == out[0] && is_zero_imm(load->indices[1]) &&
                     load->indices[0].get() == spec_.vars[0].get();
    return row || col;
  }

  std::optional<Expr> input_cb(const Expr& e) {
    const std::string& name = as<BufferLoadNode>(e)->buffer->name;
    if (name == spec_.out->name) {
      unsupported(e, "an in-place update of " + name + " (its circular buffer would be read and refilled)");
      return std::nullopt;
    }
    if (std::find(inputs.begin(), inputs.end(), name) == inputs.end()) inputs.push_back(name);
    Expr cb = resolve_cb(ctx_, name, spec_.span, "operand of '" + spec_.text + "'");
    if (!cb) return std::nullopt;
    return cb;
  }

  bool load(const Expr& e, int64_t slot) {
    if (!dtype_is_float(as<BufferLoadNode>(e)->buffer->dtype)) {
      return unsupported(e, std::string("a ") + dtype_name(as<BufferLoadNode>(e)->buffer->dtype) +
                                " operand (the SFPU and FPU rules here compute on floating-point tiles)");
    }
    std::optional<Expr> cb = input_cb(e);
    if (!cb) return false;
    math.push_back(call(TTIntrinsic::CopyTile, {*cb, t_, int_imm(slot)}));
    return true;
  }

  // A cast to float32 widens (DST already holds the value); casting to a narrower type inside f would need
  // typecast_tile, not lowered. (A cast to out's dtype around all of f is the pack format: see lower_map.)
  bool cast(const Expr& e, int64_t slot) {
    auto* c = as<CastNode>(e);
    if (c->dtype != DataType::Float32) {
      return unsupported(e, std::string("a cast to ") + dtype_name(c->dtype) +
                                " inside the expression (only the outermost cast to the destination's dtype, done by "
                                "the pack, and casts to float32 are lowered)");
    }
    return emit(c->value, slot);
  }

  bool unary(const Expr& e, int64_t slot) {
    auto* u = as<UnaryNode>(e);
    if (std::optional<OpWithInit> op = sfpu_unary(u->op)) {
      if (!emit(u->a, slot)) return false;
      math.push_back(call(op->apply, {int_imm(slot)}));
      return true;
    }
    if (std::optional<ScaledUnary> op = sfpu_unary_with_param(u->op)) {
      if (!emit(u->a, slot)) return false;
      math.push_back(call(op->op.apply, {int_imm(slot), float_imm(op->param)}));
      return true;
    }
    return unsupported(e, "no SFPU op in the intrinsic table computes it");
  }

  bool binary(const Expr& e, int64_t slot) {
    auto* b = as<BinaryNode>(e);
    // ReLU: max(x, 0) / max(0, x).
    if (b->op == BinaryOp::Max && (is_zero_imm(b->a) || is_zero_imm(b->b))) {
      if (!emit(is_zero_imm(b->b) ? b->a : b->b, slot)) return false;
      math.push_back(call(kSfpuRelu.apply, {int_imm(slot)}));
      return true;
    }
    // A whole CB block and a vector block: one FPU broadcast op; page t of the block meets the vector's page of t's
    // column (a row vector) or row (a column vector).
    if (is_block_load(b->a) && is_vector_load(b->b)) {
      const Buffer& vec = as<BufferLoadNode>(b->b)->buffer;
      const bool row = vec->shape[0] == 1;
      if (std::optional<OpWithInit> op = fpu_bcast(b->op, row)) {
        std::optional<Expr> ca = input_cb(b->a), cv = input_cb(b->b);
        if (!ca || !cv) return false;
        const int64_t cols = spec_.out->shape[1] / ctx_.device.tile[1];
        vector_pages[vec->name] = row ? cols : spec_.out->shape[0] / ctx_.device.tile[0];
        const Expr page = ir::binary(row ? BinaryOp::FloorMod : BinaryOp::FloorDiv, t_, int_imm(cols));
        math.push_back(call(op->apply, {*ca, *cv, t_, page, int_imm(slot)}));
        return true;
      }
    }
    // Two whole CB blocks: one FPU op unpacks both.
    if (std::optional<OpWithInit> op = fpu_binary(b->op); op && is_block_load(b->a) && is_block_load(b->b)) {
      std::optional<Expr> ca = input_cb(b->a), cb = input_cb(b->b);
      if (!ca || !cb) return false;
      math.push_back(call(op->apply, {*ca, *cb, t_, t_, int_imm(slot)}));
      return true;
    }
    // One constant operand: the SFPU's scalar form.
    std::optional<double> ca = constant_value(b->a), cb = constant_value(b->b);
    if (ca.has_value() != cb.has_value()) {
      const bool reversed = ca.has_value();
      const double c = reversed ? *ca : *cb;
      if (std::optional<OpWithInit> op = sfpu_scalar(b->op, reversed)) {
        if (b->op == BinaryOp::Div && c == 0.0) return unsupported(e, "a division by the constant 0");
        if (!emit(reversed ? b->b : b->a, slot)) return false;
        math.push_back(call(op->apply, {int_imm(slot), float_imm(b->op == BinaryOp::Div ? 1.0 / c : c)}));
        return true;
      }
    }
    // Anything else: both operands in DST, one SFPU binary op.
    std::optional<OpWithInit> op = sfpu_binary(b->op);
    if (!op) return unsupported(e, "no FPU or SFPU op in the intrinsic table computes it");
    if (!emit(b->a, slot) || !emit(b->b, slot + 1)) return false;
    math.push_back(call(op->apply, {int_imm(slot), int_imm(slot + 1), int_imm(slot)}));
    return true;
  }

  Context& ctx_;
  const MapSpec& spec_;
  Expr t_;
};

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

bool whole_tiles(const Context& ctx, const BufferNode& b) {
  const std::vector<int64_t>& tile = ctx.device.tile;
  return b.shape.size() == 2 && tile.size() == 2 && b.shape[0] % tile[0] == 0 && b.shape[1] % tile[1] == 0;
}

// One DST section per tile of spec.out: wait on the inputs' pages, compute, pack, pop. Pages are the block's tiles in
// row-major order in every CB (what the reader pushes and the writer expects), so tile t of the output is computed
// from page t of each input.
Stmt lower_map(Context& ctx, EltwiseState& state, const MapSpec& spec) {
  if (!dtype_is_float(spec.out->dtype)) {
    ctx.error(spec.span,
              "element-wise '" + spec.text + "' is not lowered for Tenstorrent: it writes " + spec.out->name + " of " +
                  dtype_name(spec.out->dtype) + " (the SFPU and FPU rules here compute on floating-point tiles)",
              DiagnosticCategory::Unsupported);
    return nullptr;
  }
  const std::vector<int64_t>& tile = ctx.device.tile;
  const int64_t tiles = (spec.out->shape[0] / tile[0]) * (spec.out->shape[1] / tile[1]);
  Expr value = spec.value;
  // A cast to the destination's dtype is what packing to its CB does.
  if (value->kind == ExprKind::Cast && as<CastNode>(value)->dtype == spec.out->dtype)
    value = as<CastNode>(value)->value;

  auto staged = state.written_to_global.find(spec.out->name);
  Expr cb_out = staged == state.written_to_global.end()
                    ? resolve_cb(ctx, spec.out->name, spec.span, "destination of '" + spec.text + "'")
                    : resolve_cb(ctx, staged->second, spec.span,
                                 "output of '" + spec.text + "' (copied to " + staged->second + ")");
  if (!cb_out) return nullptr;

  std::vector<std::string> inputs;
  std::map<std::string, int64_t> vector_pages;
  int64_t slots = 0;
  Stmt loop = serial_loop("t", tiles, [&](Expr t) -> Stmt {
    TileEmitter emitter(ctx, spec, t);
    if (!emitter.emit(value, 0)) return nullptr;
    inputs = emitter.inputs;
    vector_pages = emitter.vector_pages;
    slots = emitter.slots;
    return dst_section(std::move(emitter.math), pack_to_cb(cb_out, 1, false, spec.span), spec.span);
  });
  if (ctx.failed) return nullptr;
  const std::string dst_dtype = dst_dtype_without_gemm(ctx.module);
  std::optional<DataType> dt = parse_dtype(dst_dtype);
  const int64_t capacity = dt ? ctx.device.dst_capacity(*dt) : 0;
  if (slots > capacity) {
    ctx.error(spec.span,
              "element-wise '" + spec.text + "' needs " + std::to_string(slots) + " DST tiles at once but DST holds " +
                  std::to_string(capacity) + " " + dst_dtype + " tiles; split the expression",
              DiagnosticCategory::Unsupported);
    return nullptr;
  }
  state.started = true;

  // A vector block holds one page per tile column (row) of the output, every other input one per output tile.
  auto pages = [&](const std::string& name) {
    auto it = vector_pages.find(name);
    return int_imm(it == vector_pages.end() ? tiles : it->second);
  };
  std::vector<Stmt> stmts;
  for (const std::string& name : inputs) {
    stmts.push_back(tt_call(TTIntrinsic::CbWaitFront,
                            {resolve_cb(ctx, name, spec.span, "operand of '" + spec.text + "'"), pages(name)},
                            spec.span));
  }
  stmts.push_back(loop);
  for (const std::string& name : inputs) {
    stmts.push_back(tt_call(TTIntrinsic::CbPopFront,
                            {resolve_cb(ctx, name, spec.span, "operand of '" + spec.text + "'"), pages(name)},
                            spec.span));
  }
  return stmt_block(std::move(stmts));
}

}  // namespace

Stmt parallel_store(const Stmt& loop, std::vector<Var>& vars, std::vector<int64_t>& extents) {
  Stmt s = loop;
  while (s->kind == StmtKind::For) {
    auto* f = as<ForNode>(s);
    const int64_t* extent = as_int(f->extent);
    if (f->for_kind != ForKind::Parallel || !is_zero_imm(f->min) || !extent) return nullptr;
    vars.push_back(f->var);
    extents.push_back(*extent);
    s = f->body;
    while (s && s->kind == StmtKind::Seq && as<SeqNode>(s)->stmts.size() == 1) s = as<SeqNode>(s)->stmts.front();
    if (!s) return nullptr;
  }
  return s->kind == StmtKind::Store ? s : nullptr;
}

namespace {

bool whole_block(const Region& r) {
  if (r.extents != r.buffer->shape) return false;
  return std::all_of(r.starts.begin(), r.starts.end(), [](const Expr& s) { return is_zero_imm(s); });
}

}  // namespace

std::optional<TTIntrinsic> sfpu_init_of(TTIntrinsic op) {
  for (const OpWithInit& p : all_sfpu_pairs()) {
    if (p.apply == op) return p.init;
  }
  return std::nullopt;
}

bool is_sfpu_init(TTIntrinsic op) {
  for (const OpWithInit& p : all_sfpu_pairs()) {
    if (p.init == op) return true;
  }
  return false;
}

std::optional<TTIntrinsic> fpu_init_of(TTIntrinsic op) {
  if (op == TTIntrinsic::CopyTile) return TTIntrinsic::CopyTileInit;
  for (BinaryOp b : {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul}) {
    if (fpu_binary(b)->apply == op) return fpu_binary(b)->init;
    for (bool row : {true, false}) {
      if (fpu_bcast(b, row)->apply == op) return fpu_bcast(b, row)->init;
    }
  }
  return std::nullopt;
}

Stmt lower_eltwise(Context& ctx, EltwiseState& state, const Stmt& loop) {
  std::vector<Var> vars;
  std::vector<int64_t> extents;
  const Stmt store_stmt = parallel_store(loop, vars, extents);
  if (!store_stmt) {
    ctx.error(loop->span,
              "T.Parallel loop over '" + first_line(print_stmt(as<ForNode>(loop)->body)) +
                  "' is not lowered for Tenstorrent: only a nest of T.Parallel loops around one store is",
              DiagnosticCategory::Unsupported);
    return nullptr;
  }
  const StoreNode* store = as<StoreNode>(store_stmt);
  const Buffer& out = store->buffer;
  if (out->scope != MemScope::CircularBuffer || extents != out->shape || !whole_tiles(ctx, *out)) {
    ctx.error(store->span,
              "element-wise store to " + out->name +
                  " is not lowered for Tenstorrent: the loops must cover a whole 2-D on-chip block of "
                  "whole tiles",
              DiagnosticCategory::Unsupported);
    return nullptr;
  }
  std::string text = first_line(print_stmt(store_stmt));
  for (size_t k = 0; k < vars.size(); ++k) {
    if (store->indices.size() != vars.size() || store->indices[k].get() != vars[k].get()) {
      ctx.error(store->span,
                "element-wise store '" + text +
                    "' is not lowered for Tenstorrent: its indices must be the T.Parallel variables in "
                    "loop order",
                DiagnosticCategory::Unsupported);
      return nullptr;
    }
  }
  return lower_map(ctx, state, MapSpec{out, store->value, vars, text, store->span});
}

Stmt lower_onchip_copy(Context& ctx, EltwiseState& state, const CopyNode& copy) {
  const Buffer& src = copy.src.buffer;
  const Buffer& dst = copy.dst.buffer;
  const std::string text = first_line(print_stmt(make_copy(copy.src, copy.dst)));
  if (!whole_block(copy.src) || !whole_block(copy.dst) || src->shape != dst->shape || !whole_tiles(ctx, *dst)) {
    ctx.error(copy.span,
              "'" + text +
                  "' is not lowered for Tenstorrent: an on-chip copy must move a whole 2-D block of whole "
                  "tiles into a block of the same shape",
              DiagnosticCategory::Unsupported);
    return nullptr;
  }
  // dst[i, j] = src[i, j]: one copy_tile + pack per tile; a dtype change is the pack format.
  std::vector<Var> vars = {make_var("i", copy.span), make_var("j", copy.span)};
  Expr value = buffer_load(src, {vars[0], vars[1]}, copy.span);
  return lower_map(ctx, state, MapSpec{dst, value, vars, text, copy.span});
}

Stmt lower_onchip_fill(Context& ctx, EltwiseState& state, const FillNode& fill) {
  const Buffer& dst = fill.dst.buffer;
  const std::string text = first_line(print_stmt(make_fill(fill.dst, fill.value, fill.is_clear)));
  if (dst->scope != MemScope::CircularBuffer || !whole_block(fill.dst) || !whole_tiles(ctx, *dst) ||
      !constant_value(fill.value)) {
    ctx.error(fill.span,
              "'" + text +
                  "' is not lowered for Tenstorrent: only a fill of a whole on-chip block of whole tiles "
                  "with a constant is (or the clear of a T.gemm accumulator)",
              DiagnosticCategory::Unsupported);
    return nullptr;
  }
  std::vector<Var> vars = {make_var("i", fill.span), make_var("j", fill.span)};
  return lower_map(ctx, state, MapSpec{dst, fill.value, vars, text, fill.span});
}

}  // namespace tt::passes::tensorize
