// tensorize_tt, element-wise maps: `for i, j in T.Parallel(R, C): out[i, j] = f(loads)` over whole on-chip blocks, an
// on-chip T.copy between two whole blocks, and T.fill of one, all become one DST section per tile: f evaluated into
// DST tile 0 (loads by copy_tile, two loads by the FPU's add/sub/mul_tiles, constants by fill_tile, unary math by SFPU
// ops in place, a constant operand by the SFPU's scalar ops, any other pair of operands by an SFPU binary op on two
// DST tiles), then a pack to out's CB (a cast to out's dtype, and a copy's dtype change, are the pack format). No
// init is placed here: the state step (tensorize_tt_state.cpp) inserts them from the demands of each op, read from
// the op tables below. Anything else is reported as [unsupported], naming the operation.
#include <algorithm>
#include <cmath>

#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tensorize_tt_lowering.h"
#include "compiler/passes/tile_vectors.h"

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

std::optional<OpWithInit> sfpu_cast(DataType from, DataType to) {
  if (from == DataType::Float32 && to == DataType::BFloat16) {
    return OpWithInit{TTIntrinsic::TypecastFp32ToBf16Init, TTIntrinsic::TypecastFp32ToBf16};
  }
  return std::nullopt;
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
  std::vector<OpWithInit> pairs = {kSfpuRelu, kFill, *sfpu_cast(DataType::Float32, DataType::BFloat16)};
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
  const StmtNode* site = nullptr;  // the statement lowered (CbReads key)
};

// FPU broadcast ops: page a of icb0 (op) vector page b of icb1, the vector's column 0 (Column) or row 0 (Row)
// repeated across the tile (bcast.h).
std::optional<OpWithInit> fpu_bcast(BinaryOp op, VectorAxis axis) {
  const bool col = axis == VectorAxis::Column;
  switch (op) {
    case BinaryOp::Add:
      return col ? OpWithInit{TTIntrinsic::AddBcastColsInit, TTIntrinsic::AddTilesBcastCols}
                 : OpWithInit{TTIntrinsic::AddBcastRowsInit, TTIntrinsic::AddTilesBcastRows};
    case BinaryOp::Sub:
      return col ? OpWithInit{TTIntrinsic::SubBcastColsInit, TTIntrinsic::SubTilesBcastCols}
                 : OpWithInit{TTIntrinsic::SubBcastRowsInit, TTIntrinsic::SubTilesBcastRows};
    case BinaryOp::Mul:
      return col ? OpWithInit{TTIntrinsic::MulBcastColsInit, TTIntrinsic::MulTilesBcastCols}
                 : OpWithInit{TTIntrinsic::MulBcastRowsInit, TTIntrinsic::MulTilesBcastRows};
    default:
      return std::nullopt;
  }
}

// The common constant factor c of a * c and b * c (either operand order), with a and b.
struct CommonFactor {
  Expr a, b;
  double c;
};
std::optional<CommonFactor> common_factor(const Expr& x, const Expr& y) {
  auto split = [](const Expr& e) -> std::optional<std::pair<Expr, double>> {
    if (e->kind != ExprKind::Binary || as<BinaryNode>(e)->op != BinaryOp::Mul) return std::nullopt;
    auto* m = as<BinaryNode>(e);
    if (std::optional<double> c = constant_value(m->b); c && !constant_value(m->a)) return std::pair{m->a, *c};
    if (std::optional<double> c = constant_value(m->a); c && !constant_value(m->b)) return std::pair{m->b, *c};
    return std::nullopt;
  };
  auto sx = split(x), sy = split(y);
  if (!sx || !sy || sx->second != sy->second) return std::nullopt;
  return CommonFactor{sx->first, sy->first, sx->second};
}

// Emits the math of one tile into DST tile `slot` (tile `t` of every CB read), recursively; DST tiles above slot
// hold the operands of binary SFPU ops.
class TileEmitter {
 public:
  // `out_cb`: the CB the map packs into; `t`: the output tile; `nt`: tiles per row of the output block.
  TileEmitter(Context& ctx, const MapSpec& spec, std::string out_cb, Expr t, int64_t nt)
      : ctx_(ctx), spec_(spec), out_cb_(std::move(out_cb)), t_(std::move(t)), nt_(nt) {}

  std::vector<Stmt> math;
  std::vector<Buffer> inputs;  // CB buffers read, first-use order, each once (not the in-place one)
  bool in_place = false;       // the map reads the CB it packs into: one page at a time, from the front
  int64_t slots = 0;           // DST tiles used

  bool emit(const Expr& e, int64_t slot) {
    slots = std::max(slots, slot + 1);
    if (is_block_load(e)) return load(e, slot);
    if (std::optional<VectorAxis> axis = vector_load(e)) return broadcast(e, *axis, slot);
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

  // A load of a vector beside a 2-D output, indexed by the row variable (`m[i]`: a column vector, one value per
  // row) or the column variable (`v[j]`: a row vector), spanning the block along that dimension.
  std::optional<VectorAxis> vector_load(const Expr& e) const {
    if (e->kind != ExprKind::BufferLoad || spec_.vars.size() != 2) return std::nullopt;
    auto* load = as<BufferLoadNode>(e);
    if (load->buffer->scope != MemScope::CircularBuffer || load->buffer->shape.size() != 1) return std::nullopt;
    if (load->indices.size() != 1) return std::nullopt;
    for (size_t k = 0; k < 2; ++k) {
      if (load->indices[0].get() == spec_.vars[k].get() && load->buffer->shape[0] == spec_.out->shape[k])
        return k == 0 ? VectorAxis::Column : VectorAxis::Row;
    }
    return std::nullopt;
  }

  // The vector's page for output tile t = r * nt + c: r for a column vector, c for a row vector.
  Expr vector_page(VectorAxis axis) const {
    const int64_t mt = spec_.out->shape[0] / ctx_.device.tile[0];
    if (axis == VectorAxis::Column) return nt_ == 1 ? t_ : mt == 1 ? int_imm(0) : floordiv(t_, int_imm(nt_));
    return nt_ == 1 ? int_imm(0) : mt == 1 ? t_ : floormod(t_, int_imm(nt_));
  }

  bool check_float(const Expr& e) {
    const DataType dtype = as<BufferLoadNode>(e)->buffer->dtype;
    if (dtype_is_float(dtype)) return true;
    return unsupported(e, std::string("a ") + dtype_name(dtype) +
                              " operand (the SFPU and FPU rules here compute on floating-point tiles)");
  }

  std::optional<Expr> input_cb(const Expr& e) {
    const Buffer& buffer = as<BufferLoadNode>(e)->buffer;
    if (buffer->name == out_cb_) {
      in_place = true;
    } else if (std::find(inputs.begin(), inputs.end(), buffer) == inputs.end()) {
      inputs.push_back(buffer);
    }
    Expr cb = resolve_cb(ctx_, buffer->name, spec_.span, "operand of '" + spec_.text + "'");
    if (!cb) return std::nullopt;
    return cb;
  }

  // The page of a block load: tile t, or the front page of the CB updated in place.
  Expr page(const Expr& e) const { return as<BufferLoadNode>(e)->buffer->name == out_cb_ ? int_imm(0) : t_; }

  bool load(const Expr& e, int64_t slot) {
    if (!check_float(e)) return false;
    std::optional<Expr> cb = input_cb(e);
    if (!cb) return false;
    math.push_back(call(TTIntrinsic::CopyTile, {*cb, page(e), int_imm(slot)}));
    return true;
  }

  // A vector into DST, repeated across the tile: the ones tile times the vector, broadcast (exact: x * 1 = x).
  bool broadcast(const Expr& e, VectorAxis axis, int64_t slot) {
    if (!check_float(e)) return false;
    const DataType dtype = as<BufferLoadNode>(e)->buffer->dtype;
    std::optional<Expr> cb = input_cb(e);
    Expr ones = resolve_cb(ctx_, ones_tile_cb(dtype), spec_.span, "broadcast of a vector in '" + spec_.text + "'");
    if (!cb || !ones) return false;
    math.push_back(
        call(fpu_bcast(BinaryOp::Mul, axis)->apply, {ones, *cb, int_imm(0), vector_page(axis), int_imm(slot)}));
    return true;
  }

  // A cast to float32 widens (DST already holds the value); a narrower cast inside f rounds DST in place with
  // typecast_tile where today's API has the pair (fp32 DST -> bfloat16). (A cast to out's dtype around all of f is
  // the pack format: see lower_map.)
  bool cast(const Expr& e, int64_t slot) {
    auto* c = as<CastNode>(e);
    if (c->dtype == DataType::Float32) return emit(c->value, slot);
    const std::optional<DataType> dst = parse_dtype(dst_dtype_without_gemm(ctx_.module));
    std::optional<OpWithInit> op = dst ? sfpu_cast(*dst, c->dtype) : std::nullopt;
    if (!op) {
      return unsupported(e, std::string("a cast to ") + dtype_name(c->dtype) + " inside the expression on " +
                                (dst ? dtype_name(*dst) : "unknown") +
                                " DST (typecast_tile converts float32 DST to bfloat16 only; the outermost cast to "
                                "the destination's dtype is the pack's)");
    }
    if (!emit(c->value, slot)) return false;
    math.push_back(call(op->apply, {int_imm(slot)}));
    return true;
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
    // a * c - b * c = (a - b) * c (and +): exact in real arithmetic, and it lets a block and a vector meet in one
    // broadcast op (softmax's x[i, j] * scale - max[i] * scale).
    if (b->op == BinaryOp::Add || b->op == BinaryOp::Sub) {
      if (std::optional<CommonFactor> f = common_factor(b->a, b->b)) {
        return emit(ir::mul(ir::binary(b->op, f->a, f->b, e->span), float_imm(f->c), e->span), slot);
      }
    }
    // Two whole CB blocks: one FPU op unpacks both.
    if (std::optional<OpWithInit> op = fpu_binary(b->op); op && is_block_load(b->a) && is_block_load(b->b)) {
      if (!check_float(b->a) || !check_float(b->b)) return false;
      std::optional<Expr> ca = input_cb(b->a), cb = input_cb(b->b);
      if (!ca || !cb) return false;
      math.push_back(call(op->apply, {*ca, *cb, page(b->a), page(b->b), int_imm(slot)}));
      return true;
    }
    // A block and a vector: one FPU broadcast op (the vector is srcB; + and * commute).
    const bool commutes = b->op == BinaryOp::Add || b->op == BinaryOp::Mul;
    for (bool swapped : {false, true}) {
      const Expr& block = swapped ? b->b : b->a;
      const Expr& vec = swapped ? b->a : b->b;
      if (swapped && !commutes) break;
      std::optional<VectorAxis> axis = vector_load(vec);
      std::optional<OpWithInit> op = axis ? fpu_bcast(b->op, *axis) : std::nullopt;
      if (!op || !is_block_load(block)) continue;
      if (!check_float(block) || !check_float(vec)) return false;
      std::optional<Expr> cblock = input_cb(block), cvec = input_cb(vec);
      if (!cblock || !cvec) return false;
      math.push_back(call(op->apply, {*cblock, *cvec, page(block), vector_page(*axis), int_imm(slot)}));
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
  std::string out_cb_;
  Expr t_;
  int64_t nt_;
};

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// A 2-D block of whole tiles, or a vector of whole tiles (tile_vectors.h).
bool whole_tiles(const Context& ctx, const BufferNode& b) {
  const std::vector<int64_t>& tile = ctx.device.tile;
  if (tile.size() != 2) return false;
  if (b.shape.size() == 1) return b.shape[0] % tile[0] == 0;
  return b.shape.size() == 2 && b.shape[0] % tile[0] == 0 && b.shape[1] % tile[1] == 0;
}

// Loop variables over a whole block of `rank` dims: (i) or (i, j).
std::vector<Var> block_vars(size_t rank, SourceSpan span) {
  std::vector<Var> vars = {make_var("i", span)};
  if (rank == 2) vars.push_back(make_var("j", span));
  return vars;
}

// One DST section per tile of spec.out: wait on the inputs' pages, compute, pack, pop. Pages are the block's tiles in
// row-major order in every CB (what the reader pushes and the writer expects), so tile t of the output is computed
// from page t of each input.
// The pieces of a map's lowering (see MapParts in tensorize_tt_lowering.h).
std::optional<MapParts> map_parts(Context& ctx, EltwiseState& state, const MapSpec& spec) {
  if (!dtype_is_float(spec.out->dtype)) {
    ctx.error(spec.span,
              "element-wise '" + spec.text + "' is not lowered for Tenstorrent: it writes " + spec.out->name + " of " +
                  dtype_name(spec.out->dtype) + " (the SFPU and FPU rules here compute on floating-point tiles)",
              DiagnosticCategory::Unsupported);
    return std::nullopt;
  }
  const int64_t nt = spec.out->shape.size() == 2 ? spec.out->shape[1] / ctx.device.tile[1] : 1;
  Expr value = spec.value;
  // A cast to the destination's dtype is what packing to its CB does.
  if (value->kind == ExprKind::Cast && as<CastNode>(value)->dtype == spec.out->dtype)
    value = as<CastNode>(value)->value;

  auto staged = state.written_to_global.find(spec.out->name);
  const std::string out_name = staged == state.written_to_global.end() ? spec.out->name : staged->second;
  Expr cb_out = staged == state.written_to_global.end()
                    ? resolve_cb(ctx, spec.out->name, spec.span, "destination of '" + spec.text + "'")
                    : resolve_cb(ctx, staged->second, spec.span,
                                 "output of '" + spec.text + "' (copied to " + staged->second + ")");
  if (!cb_out) return std::nullopt;

  MapParts parts;
  parts.tiles = block_tiles(ctx.device, *spec.out);
  parts.out_cb = out_name;
  const bool wait_in_place = !state.reads || state.reads->waits(spec.site, out_name);
  parts.section = [&ctx, spec, value, out_name, cb_out, nt, wait_in_place](Expr t) -> Stmt {
    TileEmitter emitter(ctx, spec, out_name, t, nt);
    if (!emitter.emit(value, 0)) return nullptr;
    std::vector<Stmt> math = std::move(emitter.math);
    if (emitter.in_place) {
      // Updating in place: the old version's front page is read and popped before the new page is pushed behind
      // it, so the CB (one version deep) always has room and ends holding the new version in order. (An earlier
      // reader of the old version already waited for all of its pages.)
      if (wait_in_place) math.insert(math.begin(), tt_call(TTIntrinsic::CbWaitFront, {cb_out, int_imm(1)}, spec.span));
      math.push_back(tt_call(TTIntrinsic::CbPopFront, {cb_out, int_imm(1)}, spec.span));
    }
    return dst_section(std::move(math), pack_to_cb(cb_out, 1, false, spec.span), spec.span);
  };
  // One tile's emission tells the inputs and the DST tiles every tile uses.
  TileEmitter probe(ctx, spec, out_name, int_imm(0), nt);
  if (!probe.emit(value, 0)) return std::nullopt;
  const std::string dst_dtype = dst_dtype_without_gemm(ctx.module);
  std::optional<DataType> dt = parse_dtype(dst_dtype);
  const int64_t capacity = dt ? ctx.device.dst_capacity(*dt) : 0;
  if (probe.slots > capacity) {
    ctx.error(spec.span,
              "element-wise '" + spec.text + "' needs " + std::to_string(probe.slots) +
                  " DST tiles at once but DST holds " + std::to_string(capacity) + " " + dst_dtype +
                  " tiles; split the expression",
              DiagnosticCategory::Unsupported);
    return std::nullopt;
  }
  state.started = true;

  for (const Buffer& b : probe.inputs) {
    Expr cb = resolve_cb(ctx, b->name, spec.span, "operand of '" + spec.text + "'");
    Expr n = int_imm(block_tiles(ctx.device, *b));
    // An earlier reader waited for the pages; a later reader pops them.
    if (!state.reads || state.reads->waits(spec.site, b->name))
      parts.before.push_back(tt_call(TTIntrinsic::CbWaitFront, {cb, n}, spec.span));
    if (!state.reads || state.reads->pops(spec.site, b->name))
      parts.after.push_back(tt_call(TTIntrinsic::CbPopFront, {cb, n}, spec.span));
  }
  return parts;
}

// Waits, one DST section per tile in order, pops.
Stmt assemble_map(Context& ctx, const std::optional<MapParts>& parts) {
  if (!parts) return nullptr;
  std::vector<Stmt> stmts = parts->before;
  stmts.push_back(serial_loop("t", parts->tiles, parts->section));
  if (ctx.failed) return nullptr;
  for (const Stmt& s : parts->after) stmts.push_back(s);
  return stmt_block(std::move(stmts));
}

Stmt lower_map(Context& ctx, EltwiseState& state, const MapSpec& spec) {
  return assemble_map(ctx, map_parts(ctx, state, spec));
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
    for (VectorAxis axis : {VectorAxis::Column, VectorAxis::Row}) {
      if (fpu_bcast(b, axis)->apply == op) return fpu_bcast(b, axis)->init;
    }
  }
  return std::nullopt;
}

std::optional<MapParts> lower_eltwise_parts(Context& ctx, EltwiseState& state, const Stmt& loop) {
  std::vector<Var> vars;
  std::vector<int64_t> extents;
  const Stmt store_stmt = parallel_store(loop, vars, extents);
  if (!store_stmt) {
    ctx.error(loop->span,
              "T.Parallel loop over '" + first_line(print_stmt(as<ForNode>(loop)->body)) +
                  "' is not lowered for Tenstorrent: only a nest of T.Parallel loops around one store is",
              DiagnosticCategory::Unsupported);
    return std::nullopt;
  }
  const StoreNode* store = as<StoreNode>(store_stmt);
  const Buffer& out = store->buffer;
  if (out->scope != MemScope::CircularBuffer || extents != out->shape || !whole_tiles(ctx, *out)) {
    ctx.error(store->span,
              "element-wise store to " + out->name +
                  " is not lowered for Tenstorrent: the loops must cover a whole 2-D on-chip block of "
                  "whole tiles",
              DiagnosticCategory::Unsupported);
    return std::nullopt;
  }
  std::string text = first_line(print_stmt(store_stmt));
  for (size_t k = 0; k < vars.size(); ++k) {
    if (store->indices.size() != vars.size() || store->indices[k].get() != vars[k].get()) {
      ctx.error(store->span,
                "element-wise store '" + text +
                    "' is not lowered for Tenstorrent: its indices must be the T.Parallel variables in "
                    "loop order",
                DiagnosticCategory::Unsupported);
      return std::nullopt;
    }
  }
  return map_parts(ctx, state, MapSpec{out, store->value, vars, text, store->span, loop.get()});
}

Stmt lower_eltwise(Context& ctx, EltwiseState& state, const Stmt& loop) {
  return assemble_map(ctx, lower_eltwise_parts(ctx, state, loop));
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
  std::vector<Var> vars = block_vars(dst->shape.size(), copy.span);
  Expr value = buffer_load(src, std::vector<Expr>(vars.begin(), vars.end()), copy.span);
  return lower_map(ctx, state, MapSpec{dst, value, vars, text, copy.span, &copy});
}

Stmt lower_block_to_output(Context& ctx, EltwiseState& state, const CopyNode& copy) {
  const Buffer& src = copy.src.buffer;
  const std::string text = first_line(print_stmt(make_copy(copy.src, copy.dst)));
  if (!whole_block(copy.src) || !whole_tiles(ctx, *src)) {
    ctx.error(copy.span, "'" + text + "' is not lowered for Tenstorrent: it must send the whole block " + src->name,
              DiagnosticCategory::Unsupported);
    return nullptr;
  }
  // The output CB as the map's destination: named like the global buffer, of its dtype, the block's shape.
  const Buffer out =
      make_buffer(copy.dst.buffer->name, src->shape, copy.dst.buffer->dtype, MemScope::CircularBuffer, copy.span);
  std::vector<Var> vars = block_vars(src->shape.size(), copy.span);
  Expr value = buffer_load(src, std::vector<Expr>(vars.begin(), vars.end()), copy.span);
  return lower_map(ctx, state, MapSpec{out, value, vars, text, copy.span, &copy});
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
  return lower_map(ctx, state,
                   MapSpec{dst, fill.value, block_vars(dst->shape.size(), fill.span), text, fill.span, &fill});
}

}  // namespace tt::passes::tensorize
