// tensorize_tt, data movement: tile copies between DRAM and CBs become the reader's and writer's
// NoC tile loops, with tile ids computed symbolically from the region starts.
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tensorize_tt_lowering.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes::tensorize {

using namespace ir;

Expr resolve_cb(Context& ctx, const std::string& buffer, SourceSpan span, const std::string& use) {
  std::optional<CircularBuffer> cb = get_circular_buffer(ctx.module, buffer);
  if (!cb) {
    ctx.error(span,
              "missing circular-buffer metadata '" + cb_key(buffer) + "' for buffer " + buffer + " (" + use + ")");
    return nullptr;
  }
  return cb_ref(buffer, cb->index, span);
}

namespace {

// e / tile when that is provably exact (constants, and sums/products of multiples of `tile`);
// null otherwise. Keeps tile ids symbolic (by * 128 -> by * 4) instead of emitting a division.
Expr div_exact(const Expr& e, int64_t tile) {
  if (const int64_t* v = as_int(e)) return *v % tile == 0 ? int_imm(*v / tile, e->span) : nullptr;
  if (e->kind != ExprKind::Binary) return nullptr;
  auto* op = as<BinaryNode>(e);
  switch (op->op) {
    case BinaryOp::Add:
    case BinaryOp::Sub: {
      Expr a = div_exact(op->a, tile);
      Expr b = div_exact(op->b, tile);
      if (!a || !b) return nullptr;
      return binary(op->op, a, b, e->span);
    }
    case BinaryOp::Mul: {
      if (Expr a = div_exact(op->a, tile)) return mul(a, op->b, e->span);
      if (Expr b = div_exact(op->b, tile)) return mul(op->a, b, e->span);
      return nullptr;
    }
    default:
      return nullptr;
  }
}

// The layout of a global buffer a copy moves tiles of (interleaved only for now).
std::optional<BufferLayout> copied_layout(Context& ctx, const Buffer& buffer, SourceSpan span) {
  std::optional<BufferLayout> layout = get_buffer_layout(ctx.module, buffer->name);
  if (!layout) {
    ctx.error(span, "missing buffer layout metadata '" + buffer_layout_key(buffer->name) + "' for " + buffer->name);
    return std::nullopt;
  }
  if (layout->layout != "interleaved") {
    ctx.error(span, "tensorize_tt supports interleaved buffers only; " + buffer->name + " is " + layout->layout);
    return std::nullopt;
  }
  return layout;
}

// The first page of the matrix a region of an N-D buffer lies in: the untiled dims' start indices,
// row-major over those dims, times the tiles of one matrix (BufferLayout::tiled_dims). Every untiled
// dim must have extent 1; a region spanning several matrices is [unsupported]. Null for a 2-D buffer
// (one matrix: the tile ids stay as they were).
bool matrix_base(Context& ctx, const Region& region, const BufferLayout& layout, SourceSpan span, Expr& base) {
  base = nullptr;
  if (layout.shape.size() == 2) return true;
  Expr index;
  for (int64_t d = 0; d < static_cast<int64_t>(layout.shape.size()); ++d) {
    if (d == layout.row_dim() || d == layout.col_dim()) continue;
    if (region.extents[d] != 1) {
      ctx.error(span,
                "T.copy region " + print_region(region) + " spans " + std::to_string(region.extents[d]) +
                    " indices of dim " + std::to_string(d) + ", which " + region.buffer->name +
                    "'s DRAM layout does not tile (tiled dims " + format_dims(layout.tiled_dims) +
                    "): a copy moves one 2-D block of tiles",
                DiagnosticCategory::Unsupported);
      return false;
    }
    const Expr& start = region.starts[d];
    index = index ? add(mul(index, int_imm(layout.shape[d]), span), start, span) : start;
  }
  base = mul(index, int_imm(layout.matrix_tiles()), span);
  return true;
}

// The on-chip side of a copy must be the whole CB buffer, matching the global region's extents.
bool check_cb_side(Context& ctx, const Region& cb_side, const Region& global, SourceSpan span) {
  for (const Expr& s : cb_side.starts) {
    const int64_t* v = as_int(s);
    if (!v || *v != 0 || cb_side.extents != cb_side.buffer->shape) {
      ctx.error(span, "T.copy into part of circular buffer " + cb_side.buffer->name +
                          " is not supported: a CB holds the whole buffer");
      return false;
    }
  }
  if (squeeze_unit_dims(global.extents) != squeeze_unit_dims(cb_side.extents)) {
    ctx.error(span, "T.copy between " + print_region(global) + " and " + cb_side.buffer->name +
                        " with different shapes is not supported");
    return false;
  }
  return true;
}

Expr str(const std::string& s) { return string_imm(s); }

}  // namespace

std::optional<TileRegion> tile_region(Context& ctx, const Region& region, SourceSpan span) {
  const std::vector<int64_t>& tile = ctx.device.tile;
  std::optional<BufferLayout> layout = copied_layout(ctx, region.buffer, span);
  if (!layout) return std::nullopt;
  if (region.starts.size() != layout->shape.size() || tile.size() != 2) {
    ctx.error(span, "region " + print_region(region) + " has " + std::to_string(region.starts.size()) +
                        " dimensions, buffer " + region.buffer->name + " " + std::to_string(layout->shape.size()));
    return std::nullopt;
  }
  TileRegion out;
  if (layout->is_vector()) {
    // Row 0 (column 0) of the vector's tiles: the region's values are tiles start / 32 .. of one tile row (column).
    const bool row = layout->vector == "row";
    const int64_t along = tile[row ? 1 : 0];
    Expr first = div_exact(region.starts[0], along);
    if (!first || region.extents[0] % along != 0) {
      ctx.error(span, "region " + print_region(region) + " of vector " + region.buffer->name + " is not aligned to " +
                          std::to_string(along) + "-value tiles");
      return std::nullopt;
    }
    out.row0 = row ? int_imm(0) : first;
    out.col0 = row ? first : int_imm(0);
    out.rows = row ? 1 : region.extents[0] / along;
    out.cols = row ? region.extents[0] / along : 1;
    out.tiles_per_row = row ? layout->num_tiles : 1;
    return out;
  }
  if (!matrix_base(ctx, region, *layout, span, out.matrix_base)) return std::nullopt;
  const int64_t r = layout->row_dim(), c = layout->col_dim();
  out.row0 = div_exact(region.starts[r], tile[0]);
  out.col0 = div_exact(region.starts[c], tile[1]);
  if (!out.row0 || !out.col0 || region.extents[r] % tile[0] != 0 || region.extents[c] % tile[1] != 0) {
    ctx.error(span, "region " + print_region(region) + " is not aligned to " + std::to_string(tile[0]) + "x" +
                        std::to_string(tile[1]) + " tiles");
    return std::nullopt;
  }
  out.rows = region.extents[r] / tile[0];
  out.cols = region.extents[c] / tile[1];
  out.tiles_per_row = layout->tiles[c];
  return out;
}

Expr TileRegion::page(const Expr& id_in_matrix) const {
  return matrix_base ? add(matrix_base, id_in_matrix) : id_in_matrix;
}

Stmt serial_loop(const std::string& name, int64_t extent, const std::function<Stmt(Expr)>& body) {
  if (extent == 1) return body(int_imm(0));
  Var v = make_var(name);
  return make_for(v, int_imm(0), int_imm(extent), ForKind::Serial, 0, body(v));
}

Stmt lower_read_copy(Context& ctx, const CopyNode& copy) {
  SourceSpan span = copy.span;
  if (!check_cb_side(ctx, copy.dst, copy.src, span)) return nullptr;
  std::optional<TileRegion> r = tile_region(ctx, copy.src, span);
  Expr cb = resolve_cb(ctx, copy.dst.buffer->name, span, "destination of T.copy from " + copy.src.buffer->name);
  if (!r || !cb) return nullptr;
  // CB page i * cols + j holds tile (row0 + i, col0 + j): the region's tiles in row-major order,
  // the order the compute kernel indexes them in.
  Stmt reads = serial_loop("i", r->rows, [&](Expr i) {
    return serial_loop("j", r->cols, [&](Expr j) {
      Expr tile_id = r->page(add(add(mul(add(r->row0, i), int_imm(r->tiles_per_row)), r->col0), j));
      Expr page = add(mul(i, int_imm(r->cols)), j);
      return tt_call(TTIntrinsic::NocReadTile, {str(copy.src.buffer->name), tile_id, cb, page}, span);
    });
  });
  Expr n = int_imm(r->tiles());
  return seq({tt_call(TTIntrinsic::CbReserveBack, {cb, n}, span), reads, tt_call(TTIntrinsic::NocReadBarrier, {}, span),
              tt_call(TTIntrinsic::CbPushBack, {cb, n}, span)},
             span);
}

Stmt lower_write_copy(Context& ctx, const CopyNode& copy, const Expr& cb, PackOrder order, bool per_tile) {
  SourceSpan span = copy.span;
  if (!check_cb_side(ctx, copy.src, copy.dst, span)) return nullptr;
  std::optional<TileRegion> r = tile_region(ctx, copy.dst, span);
  if (!r || !cb) return nullptr;
  if (per_tile) {
    // Compute pushes the block's tiles one at a time in row-major order: each is written as soon as it arrives.
    return serial_loop("i", r->rows, [&](Expr i) {
      return serial_loop("j", r->cols, [&](Expr j) {
        Expr tile_id = r->page(add(mul(add(r->row0, i), int_imm(r->tiles_per_row)), add(r->col0, j)));
        return seq(
            {tt_call(TTIntrinsic::CbWaitFront, {cb, int_imm(1)}, span),
             tt_call(TTIntrinsic::NocWriteTile, {str(copy.dst.buffer->name), tile_id, cb, int_imm(0)}, span),
             tt_call(TTIntrinsic::NocWriteBarrier, {}, span), tt_call(TTIntrinsic::CbPopFront, {cb, int_imm(1)}, span)},
            span);
      });
    });
  }
  if (order.mt == 0) order = PackOrder{r->rows, r->cols, r->rows, r->cols};
  if (order.sn == order.nt) order.sm = order.mt;  // whole-row sub-blocks concatenate to row-major
  if (r->rows != order.mt || r->cols != order.nt) {
    ctx.error(span, "internal error: pack order " + std::to_string(order.mt) + "x" + std::to_string(order.nt) +
                        " does not match the copied block " + std::to_string(r->rows) + "x" + std::to_string(r->cols));
    return nullptr;
  }
  // Every tile of the block, walked in the order compute packed them: page p holds the p-th packed
  // tile, and its DRAM tile id follows from the sub-block and the position inside it.
  const int64_t sub_cols = order.nt / order.sn;
  Stmt writes = serial_loop("sbi", order.mt / order.sm, [&](Expr sbi) {
    return serial_loop("sbj", sub_cols, [&](Expr sbj) {
      return serial_loop("i", order.sm, [&](Expr i) {
        return serial_loop("j", order.sn, [&](Expr j) {
          Expr row = add(add(r->row0, mul(sbi, int_imm(order.sm))), i);
          Expr tile_id =
              r->page(add(add(add(mul(row, int_imm(r->tiles_per_row)), r->col0), mul(sbj, int_imm(order.sn))), j));
          Expr sub_block = add(mul(sbi, int_imm(sub_cols)), sbj);
          Expr page = add(mul(add(mul(sub_block, int_imm(order.sm)), i), int_imm(order.sn)), j);
          return tt_call(TTIntrinsic::NocWriteTile, {str(copy.dst.buffer->name), tile_id, cb, page}, span);
        });
      });
    });
  });
  Expr n = int_imm(r->tiles());
  return seq({tt_call(TTIntrinsic::CbWaitFront, {cb, n}, span), writes, tt_call(TTIntrinsic::NocWriteBarrier, {}, span),
              tt_call(TTIntrinsic::CbPopFront, {cb, n}, span)},
             span);
}

}  // namespace tt::passes::tensorize
