// tensorize_tt, element-wise maps: `for i, j in T.Parallel(R, C): out[i, j] = f(loads)` over whole
// on-chip blocks becomes one DST section per tile: a fill of DST (copy_tile, or an FPU binary op of two
// CB pages), the SFPU unary ops of f applied in place, and a pack to out's CB (a cast to out's dtype
// is the pack format). What f may contain is the table in classify(); anything else is reported as
// [unsupported], naming the operation.
#include <algorithm>

#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tensorize_tt_lowering.h"

namespace tt::passes::tensorize {

using namespace ir;

std::optional<SfpuOp> sfpu_op(UnaryOp op) {
  switch (op) {
    case UnaryOp::Exp:
      return SfpuOp{TTIntrinsic::ExpTileInit, TTIntrinsic::ExpTile};
    case UnaryOp::Neg:
      return SfpuOp{TTIntrinsic::NegativeTileInit, TTIntrinsic::NegativeTile};
    case UnaryOp::Sqrt:
      return SfpuOp{TTIntrinsic::SqrtTileInit, TTIntrinsic::SqrtTile};
    case UnaryOp::Rsqrt:
      return SfpuOp{TTIntrinsic::RsqrtTileInit, TTIntrinsic::RsqrtTile};
    case UnaryOp::Log:
      return SfpuOp{TTIntrinsic::LogTileInit, TTIntrinsic::LogTile};
    case UnaryOp::Abs:
      return SfpuOp{TTIntrinsic::AbsTileInit, TTIntrinsic::AbsTile};
    case UnaryOp::Sigmoid:
      return SfpuOp{TTIntrinsic::SigmoidTileInit, TTIntrinsic::SigmoidTile};
    default:
      return std::nullopt;
  }
}

namespace {

struct FpuBinary {
  TTIntrinsic init, apply;
};
std::optional<FpuBinary> fpu_binary(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add:
      return FpuBinary{TTIntrinsic::AddTilesInit, TTIntrinsic::AddTiles};
    case BinaryOp::Sub:
      return FpuBinary{TTIntrinsic::SubTilesInit, TTIntrinsic::SubTiles};
    case BinaryOp::Mul:
      return FpuBinary{TTIntrinsic::MulTilesInit, TTIntrinsic::MulTiles};
    default:
      return std::nullopt;
  }
}

bool is_zero(const Expr& e) {
  if (const int64_t* v = as_int(e)) return *v == 0;
  return e->kind == ExprKind::FloatImm && as<FloatImmNode>(e)->value == 0.0;
}

// f as the hardware computes it: fill DST from one or two CB blocks, then SFPU ops in order.
struct TileProgram {
  std::optional<FpuBinary> binary;  // unset: copy_tile of inputs[0]
  std::vector<std::string> inputs;  // on-chip buffers read (1, or 2 for a binary fill)
  std::vector<SfpuOp> sfpu;         // innermost first
};

class Classifier {
 public:
  Classifier(Context& ctx, const StoreNode& store, const std::string& text, const std::vector<Var>& vars)
      : ctx_(ctx), store_(store), text_(text), vars_(vars) {}

  std::optional<TileProgram> run() {
    Expr value = store_.value;
    // A cast to the destination's dtype is what packing to its CB does.
    if (value->kind == ExprKind::Cast && as<CastNode>(value)->dtype == store_.buffer->dtype) {
      value = as<CastNode>(value)->value;
    }
    TileProgram p;
    if (!classify(value, p)) return std::nullopt;
    std::reverse(p.sfpu.begin(), p.sfpu.end());
    return p;
  }

 private:
  bool unsupported(const Expr& e, const std::string& why) {
    return unsupported_eltwise(ctx_, e, store_.span, text_, why);
  }

  // A load of a whole on-chip block at the loop's own indices: one CB page per tile.
  bool is_block_load(const Expr& e) const {
    if (e->kind != ExprKind::BufferLoad) return false;
    auto* load = as<BufferLoadNode>(e);
    if (load->buffer->scope != MemScope::CircularBuffer || load->buffer->shape != store_.buffer->shape) return false;
    if (load->indices.size() != vars_.size()) return false;
    for (size_t k = 0; k < vars_.size(); ++k) {
      if (load->indices[k].get() != vars_[k].get()) return false;
    }
    return true;
  }

  bool load_input(const Expr& e, TileProgram& p) {
    if (!is_block_load(e)) {
      return unsupported(e,
                         "an operand of a tile operation must be a whole on-chip block indexed by the loop's "
                         "variables, with the destination's shape");
    }
    const std::string& name = as<BufferLoadNode>(e)->buffer->name;
    if (name == store_.buffer->name) {
      return unsupported(e, "an in-place update of " + name + " (its circular buffer would be read and refilled)");
    }
    p.inputs.push_back(name);
    return true;
  }

  // Post-order: the SFPU ops are collected outermost first and reversed by run().
  bool classify(const Expr& e, TileProgram& p) {
    switch (e->kind) {
      case ExprKind::BufferLoad:
        return load_input(e, p);
      case ExprKind::Unary: {
        auto* u = as<UnaryNode>(e);
        std::optional<SfpuOp> op = sfpu_op(u->op);
        if (!op) return unsupported(e, "no SFPU op in the intrinsic table computes it");
        p.sfpu.push_back(*op);
        return classify(u->a, p);
      }
      case ExprKind::Binary: {
        auto* b = as<BinaryNode>(e);
        if (b->op == BinaryOp::Max && (is_zero(b->a) || is_zero(b->b))) {
          p.sfpu.push_back({TTIntrinsic::ReluTileInit, TTIntrinsic::ReluTile});
          return classify(is_zero(b->b) ? b->a : b->b, p);
        }
        std::optional<FpuBinary> op = fpu_binary(b->op);
        if (!op) return unsupported(e, "no FPU or SFPU op in the intrinsic table computes it");
        if (!is_block_load(b->a) || !is_block_load(b->b)) {
          return unsupported(e,
                             "the FPU combines two circular-buffer blocks; an operand computed in DST needs "
                             "binary_dest_reuse_tiles, not lowered yet");
        }
        p.binary = op;
        return load_input(b->a, p) && load_input(b->b, p);
      }
      default:
        return unsupported(e, "no tile operation computes it");
    }
  }

  Context& ctx_;
  const StoreNode& store_;
  const std::string& text_;
  const std::vector<Var>& vars_;
};

}  // namespace

Stmt parallel_store(const Stmt& loop, std::vector<Var>& vars, std::vector<int64_t>& extents) {
  Stmt s = loop;
  while (s->kind == StmtKind::For) {
    auto* f = as<ForNode>(s);
    const int64_t* extent = as_int(f->extent);
    if (f->for_kind != ForKind::Parallel || !is_zero(f->min) || !extent) return nullptr;
    vars.push_back(f->var);
    extents.push_back(*extent);
    s = f->body;
    while (s && s->kind == StmtKind::Seq && as<SeqNode>(s)->stmts.size() == 1) s = as<SeqNode>(s)->stmts.front();
    if (!s) return nullptr;
  }
  return s->kind == StmtKind::Store ? s : nullptr;
}

namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

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
  const std::vector<int64_t>& tile = ctx.device.tile;
  const bool whole_tiles = out->shape.size() == 2 && extents == out->shape && tile.size() == 2 &&
                           out->shape[0] % tile[0] == 0 && out->shape[1] % tile[1] == 0;
  if (out->scope != MemScope::CircularBuffer || !whole_tiles) {
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
  std::optional<TileProgram> program = Classifier(ctx, *store, text, vars).run();
  if (!program) return nullptr;

  const SourceSpan span = store->span;
  std::vector<Expr> in;
  for (const std::string& name : program->inputs) {
    in.push_back(resolve_cb(ctx, name, span, "operand of '" + text + "'"));
  }
  auto staged = state.written_to_global.find(out->name);
  Expr cb_out =
      staged == state.written_to_global.end()
          ? resolve_cb(ctx, out->name, span, "destination of '" + text + "'")
          : resolve_cb(ctx, staged->second, span, "output of '" + text + "' (copied to " + staged->second + ")");
  if (ctx.failed) return nullptr;
  const Expr& srca = in[0];
  const Expr& srcb = in.size() > 1 ? in[1] : in[0];
  auto format_of = [&](const Expr& cb) {
    return get_circular_buffer(ctx.module, as<CBRefNode>(cb)->name)->data_format;
  };

  // The first map of the kernel configures unpack/math/pack; later maps must unpack the same formats
  // (no srcB reconfiguration is lowered yet) and reconfigure the packer when the output format changes.
  bool reconfig_pack = false;
  if (!state.started) {
    state.startup.push_back(tt_call(TTIntrinsic::EltwiseHwStartup, {srca, srcb, cb_out}, span));
    state.started = true;
    state.srca_format = format_of(srca);
    state.srcb_format = format_of(srcb);
    state.pack_format = format_of(cb_out);
  } else {
    if (format_of(srca) != state.srca_format || format_of(srcb) != state.srcb_format) {
      ctx.error(span,
                "element-wise '" + text + "' unpacks " + format_of(srca) + "/" + format_of(srcb) +
                    " tiles after a map that configured " + state.srca_format + "/" + state.srcb_format +
                    "; unpacker reconfiguration between maps is not lowered yet",
                DiagnosticCategory::Unsupported);
      return nullptr;
    }
    reconfig_pack = format_of(cb_out) != state.pack_format;
    state.pack_format = format_of(cb_out);
  }

  const int64_t tiles = (out->shape[0] / tile[0]) * (out->shape[1] / tile[1]);
  std::vector<Stmt> stmts;
  std::vector<std::string> waited;
  for (size_t k = 0; k < in.size(); ++k) {
    if (std::find(waited.begin(), waited.end(), program->inputs[k]) != waited.end()) continue;
    waited.push_back(program->inputs[k]);
    stmts.push_back(tt_call(TTIntrinsic::CbWaitFront, {in[k], int_imm(tiles)}, span));
  }
  stmts.push_back(program->binary ? tt_call(program->binary->init, {srca, srcb}, span)
                                  : tt_call(TTIntrinsic::CopyTileInit, {srca}, span));
  // One SFPU op is initialised once; a chain of different ops re-initialises before each use.
  const bool one_sfpu_op = std::all_of(program->sfpu.begin(), program->sfpu.end(),
                                       [&](const SfpuOp& op) { return op.apply == program->sfpu.front().apply; });
  if (!program->sfpu.empty() && one_sfpu_op) stmts.push_back(tt_call(program->sfpu.front().init, {}, span));
  if (reconfig_pack) stmts.push_back(tt_call(TTIntrinsic::PackReconfigDataFormat, {cb_out}, span));

  // Pages are the block's tiles in row-major order in every CB (what the reader pushes and the
  // writer expects), so tile t of the output is computed from page t of each input.
  stmts.push_back(serial_loop("t", tiles, [&](Expr t) {
    std::vector<Stmt> math;
    math.push_back(program->binary ? tt_call(program->binary->apply, {srca, srcb, t, t, int_imm(0)}, span)
                                   : tt_call(TTIntrinsic::CopyTile, {srca, t, int_imm(0)}, span));
    for (const SfpuOp& op : program->sfpu) {
      if (!one_sfpu_op) math.push_back(tt_call(op.init, {}, span));
      math.push_back(tt_call(op.apply, {int_imm(0)}, span));
    }
    return dst_section(std::move(math), pack_to_cb(cb_out, 1, false, span), span);
  }));
  for (size_t k = 0; k < waited.size(); ++k) {
    stmts.push_back(tt_call(TTIntrinsic::CbPopFront,
                            {resolve_cb(ctx, waited[k], span, "operand of '" + text + "'"), int_imm(tiles)}, span));
  }
  return stmt_block(std::move(stmts));
}

}  // namespace tt::passes::tensorize
