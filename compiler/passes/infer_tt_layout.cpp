// infer_tt_layout: global buffer layouts from the device's data formats and the user's annotations.
#include "compiler/passes/infer_tt_layout.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

namespace {

struct Access {
  bool read = false, write = false;
};

const char* role_of(const Access& a) {
  if (a.read && a.write) return "inout";
  if (a.read) return "input";
  if (a.write) return "output";
  return "unused";
}

// Validates the user-chosen fields of `layout` (already holding shape and tiles); fills shard_shape.
bool check_annotation(BufferLayout& layout, const Buffer& b, const DeviceModel& dev, DiagnosticList& diags) {
  const std::string key = buffer_layout_key(b->name);
  auto fail = [&](const std::string& msg) {
    diags.error(b->span, key + ": " + msg);
    return false;
  };
  if (layout.memory != "DRAM" && layout.memory != "L1") return fail("memory '" + layout.memory + "' is not DRAM or L1");
  if (layout.layout == "interleaved") {
    if (!layout.shard_grid.empty() || !layout.shard_shape.empty()) {
      return fail("shard_grid/shard_shape given for an interleaved layout (use layout \"sharded\")");
    }
    return true;
  }
  if (layout.layout != "sharded") return fail("layout '" + layout.layout + "' is not interleaved or sharded");
  const std::vector<int64_t>& g = layout.shard_grid;
  if (g.empty()) return fail("a sharded layout needs shard_grid (cores per dimension)");
  if (g.size() != layout.shape.size()) {
    return fail("shard_grid " + format_dims(g) + " has " + std::to_string(g.size()) + " dims, the buffer has " +
                std::to_string(layout.shape.size()));
  }
  for (size_t d = 0; d < g.size(); ++d) {
    if (g[d] <= 0)
      return fail("shard_grid " + format_dims(g) + " has a non-positive entry in dim " + std::to_string(d));
    if (layout.tiles[d] % g[d] != 0) {
      return fail("shard_grid " + format_dims(g) + " does not divide the tile grid " + format_dims(layout.tiles) +
                  ": dim " + std::to_string(d) + " has " + std::to_string(layout.tiles[d]) +
                  " tiles, not a multiple of " + std::to_string(g[d]));
    }
  }
  // Shards are laid on the worker grid with the last dimension along x and all others along y.
  int64_t cols = g.back(), rows = 1;
  for (size_t d = 0; d + 1 < g.size(); ++d) rows *= g[d];
  const std::string fits = "shard_grid " + format_dims(g) + " does not fit the " + std::to_string(dev.grid_x) + "x" +
                           std::to_string(dev.grid_y) + " worker grid of " + dev.name + ": ";
  if (cols > dev.grid_x)
    return fail(fits + std::to_string(cols) + " shard columns > " + std::to_string(dev.grid_x) + " core columns");
  if (rows > dev.grid_y)
    return fail(fits + std::to_string(rows) + " shard rows > " + std::to_string(dev.grid_y) + " core rows");
  std::vector<int64_t> shard_shape;
  for (size_t d = 0; d < g.size(); ++d) shard_shape.push_back(layout.shape[d] / g[d]);
  if (!layout.shard_shape.empty() && layout.shard_shape != shard_shape) {
    return fail("shard_shape " + format_dims(layout.shard_shape) +
                " does not match shape / shard_grid = " + format_dims(shard_shape));
  }
  layout.shard_shape = shard_shape;
  return true;
}

// The dimensions an N-D buffer's copies move blocks along: the two non-unit dimensions of the first
// copy region that has exactly two (Q[bz, bx*64:(bx+1)*64, by, :] -> dims 1 and 3). A later region
// whose two non-unit dimensions differ is [unsupported]: one DRAM layout tiles one pair of dims.
// Regions with fewer non-unit dims fit any choice; more than two are tensorize_tt's to reject.
struct TiledDims {
  std::vector<int64_t> dims;
  SourceSpan decided_by;
};

bool choose_tiled_dims(const Buffer& b, const std::vector<const Region*>& regions, TiledDims& out,
                       DiagnosticList& diags) {
  const int64_t rank = static_cast<int64_t>(b->shape.size());
  out.dims = {rank - 2, rank - 1};
  bool decided = false, ok = true;
  for (const Region* r : regions) {
    std::vector<int64_t> moved;
    for (size_t d = 0; d < r->extents.size(); ++d) {
      if (r->extents[d] != 1) moved.push_back(static_cast<int64_t>(d));
    }
    if (moved.size() != 2) continue;
    if (!decided) {
      out = TiledDims{moved, r->span};
      decided = true;
      continue;
    }
    if (moved == out.dims) continue;
    Diagnostic& d =
        diags.error(r->span, "T.copy region of '" + b->name + "' moves a block along dims " + format_dims(moved) +
                                 ", but '" + b->name + "' is laid out in DRAM as tiles over dims " +
                                 format_dims(out.dims) + ": one buffer's copies must all tile the same two dimensions");
    d.category = DiagnosticCategory::Unsupported;
    d.notes.push_back({Severity::Note, out.decided_by, "this copy chose dims " + format_dims(out.dims), {}, {}});
    ok = false;
  }
  return ok;
}

// How an on-chip vector is read beside 2-D stores: "row" when its index is the store's column index (`v[j]` in
// `y[i, j] = ...`), "column" for the row index; empty when it is read otherwise, or both ways.
std::string read_as(const Stmt& body, const Buffer& vec) {
  std::set<std::string> ways;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind != StmtKind::Store) return;
    auto* store = as<StoreNode>(s);
    std::function<void(const Expr&)> visit = [&](const Expr& e) {
      if (e->kind == ExprKind::BufferLoad) {
        auto* load = as<BufferLoadNode>(e);
        if (load->buffer == vec) {
          const bool two = store->indices.size() == 2 && load->indices.size() == 1;
          ways.insert(two && load->indices[0].get() == store->indices[1].get()   ? "row"
                      : two && load->indices[0].get() == store->indices[0].get() ? "column"
                                                                                 : "");
        }
        for (const Expr& i : load->indices) visit(i);
      } else if (e->kind == ExprKind::Binary) {
        visit(as<BinaryNode>(e)->a), visit(as<BinaryNode>(e)->b);
      } else if (e->kind == ExprKind::Unary) {
        visit(as<UnaryNode>(e)->a);
      } else if (e->kind == ExprKind::Cast) {
        visit(as<CastNode>(e)->value);
      }
    };
    visit(store->value);
  });
  return ways.size() == 1 ? *ways.begin() : "";
}

// How a 1-D global buffer is read: copied whole into on-chip vectors (stage_vectors.h) that are all read as row
// vectors, or all as column vectors; empty (reported) otherwise.
std::string vector_orientation(const Buffer& b, const std::vector<const CopyNode*>& copies, const Stmt& body,
                               DiagnosticList& diags) {
  std::string orientation;
  for (const CopyNode* c : copies) {
    const std::string o = c->src.buffer != b || c->dst.buffer->shape.size() != 1 ? "" : read_as(body, c->dst.buffer);
    if (o.empty() || (!orientation.empty() && o != orientation)) {
      diags
          .error(c->span, "buffer '" + b->name +
                              "' has 1 dimension: a 1-D global buffer is supported as a vector read inside T.Parallel "
                              "(a row or column broadcast such as C_local[i, j] + " +
                              b->name + "[bx * block_N + j]), each of its reads broadcast the same way")
          .category = DiagnosticCategory::Unsupported;
      return "";
    }
    orientation = o;
  }
  if (orientation.empty()) {
    diags
        .error(b->span, "buffer '" + b->name +
                            "' has 1 dimension: a 1-D global buffer is supported only as a vector read inside "
                            "T.Parallel (a row or column broadcast such as C_local[i, j] + " +
                            b->name + "[bx * block_N + j])")
        .category = DiagnosticCategory::Unsupported;
  }
  return orientation;
}

bool infer_one(Module& m, const Buffer& b, const Access& access, const TiledDims& tiled, const std::string& vector,
               const DeviceModel& dev, DiagnosticList& diags) {
  const char* dtype = dtype_name(b->dtype);
  auto tile_bytes = dev.tile_bytes_of(b->dtype);
  auto format = dev.data_format_of(b->dtype);
  if (!dev.supports(b->dtype)) {
    diags.error(b->span,
                std::string("dtype '") + dtype + "' of buffer '" + b->name + "' is not supported by " + dev.name);
    return false;
  }
  if (!tile_bytes || !format) {
    diags.error(b->span, "device " + dev.name + " lists dtype '" + dtype +
                             "' as supported but has no tile_bytes/data_formats entry for it (buffer '" + b->name +
                             "')");
    return false;
  }
  const size_t rank = b->shape.size();
  if (rank < 2 && vector.empty()) {
    diags.error(b->span, "buffer '" + b->name + "' has " + std::to_string(rank) +
                             " dimension(s): TT tiles are 2-D, so global buffers need at least 2")
        .category = DiagnosticCategory::Unsupported;
    return false;
  }
  BufferLayout layout;
  layout.name = b->name;
  layout.shape = b->shape;
  layout.dtype = dtype;
  layout.data_format = *format;
  layout.tile = dev.tile;
  layout.tile_bytes = *tile_bytes;
  layout.role = role_of(access);
  // The tiled dims are cut into tiles; all others (batch, heads) count whole.
  layout.tiled_dims = tiled.dims;
  layout.tiles = b->shape;
  layout.vector = vector;
  for (size_t t = 0; t < 2 && !layout.is_vector(); ++t) {
    const size_t d = static_cast<size_t>(tiled.dims[t]);
    if (b->shape[d] % dev.tile[t] != 0) {
      diags.error(b->span, "buffer '" + b->name + "' is not tile-aligned: dim " + std::to_string(d) + " is " +
                               std::to_string(b->shape[d]) + ", not a multiple of the tile size " +
                               std::to_string(dev.tile[t]) + " (padding is not supported yet)");
      return false;
    }
    layout.tiles[d] = b->shape[d] / dev.tile[t];
  }
  if (layout.is_vector()) {
    // One tile per 32 values, along the tile's row (a row vector) or column.
    const int64_t along = dev.tile[vector == "row" ? 1 : 0];
    if (b->shape[0] % along != 0) {
      diags.error(b->span, "vector '" + b->name + "' is not tile-aligned: " + std::to_string(b->shape[0]) +
                               " values, not a multiple of the tile size " + std::to_string(along) +
                               " (padding is not supported yet)");
      return false;
    }
    layout.tiled_dims.clear();
    layout.tiles = {b->shape[0] / along};
  }
  // TT-Metalium addresses a buffer's pages (here: tiles) with 32-bit ids; checked before the byte
  // count, which then cannot overflow.
  layout.num_tiles = 1;
  bool overflow = false;
  for (int64_t t : layout.tiles) overflow |= __builtin_mul_overflow(layout.num_tiles, t, &layout.num_tiles);
  if (overflow || layout.num_tiles > int64_t{UINT32_MAX}) {
    diags.error(b->span, "buffer '" + b->name + "' " + format_dims(b->shape) + " has " +
                             (overflow ? std::string("more than 2^63") : with_commas(layout.num_tiles)) +
                             " tiles: more than the " + with_commas(UINT32_MAX) +
                             " pages a TT-Metalium buffer can address with 32-bit page ids");
    return false;
  }
  layout.bytes = layout.num_tiles * layout.tile_bytes;

  std::string error;
  if (auto annotation = get_layout_annotation(m, b->name, error)) {
    layout.memory = annotation->memory;
    layout.layout = annotation->layout;
    layout.shard_grid = annotation->shard_grid;
    layout.shard_shape = annotation->shard_shape;
    if (!check_annotation(layout, b, dev, diags)) return false;
  } else if (!error.empty()) {
    diags.error(b->span, error);
    return false;
  }
  set_buffer_layout(m, layout);
  return true;
}

}  // namespace

bool infer_tt_layout(Module& module, const PassContext& ctx, DiagnosticList& diags) {
  PrimFunc* func = single_func(module, "infer_tt_layout", diags);
  if (!func) return false;
  const DeviceModel& dev = ctx.device;
  if (dev.tile.size() != 2 || dev.tile[0] <= 0 || dev.tile[1] <= 0) {
    diags.error({}, "device " + dev.name + " has an invalid tile shape (expected [rows, cols])");
    return false;
  }
  std::map<const BufferNode*, Access> access;
  std::map<const BufferNode*, std::vector<const Region*>> copied;  // global-side regions of T.copy
  std::map<const BufferNode*, std::vector<const CopyNode*>> copies_of;  // the copies reading each global buffer
  const std::vector<TileOpSite> sites = collect_tile_ops(func->body);
  for (const TileOpSite& site : sites) {
    for (const BufferUse& use : buffer_uses(site.stmt)) {
      Access& a = access[use.buffer.get()];
      (use.write ? a.write : a.read) = true;
    }
    if (site.stmt->kind != StmtKind::Copy) continue;
    auto* copy = as<CopyNode>(site.stmt);
    for (const Region* r : {&copy->src, &copy->dst}) {
      if (r->buffer->scope == MemScope::Global) copied[r->buffer.get()].push_back(r);
    }
    if (copy->src.buffer->scope == MemScope::Global) copies_of[copy->src.buffer.get()].push_back(copy);
  }
  bool ok = true;
  for (const std::string& name : buffer_layout_names(module)) {
    bool found = false;
    for (const Buffer& p : func->params) found |= p->name == name;
    if (!found) {
      diags.error(func->span, buffer_layout_key(name) + " annotates no parameter of '" + func->name + "'");
      ok = false;
    }
  }
  for (const Buffer& p : func->params) {
    const Access& a = access[p.get()];
    if (!a.read && !a.write) diags.warning(p->span, "buffer '" + p->name + "' is never used by the kernel");
    TiledDims tiled;
    std::string vector;
    if (p->shape.size() == 1) {
      vector = vector_orientation(p, copies_of[p.get()], func->body, diags);
      if (vector.empty()) {
        ok = false;
        continue;
      }
    } else if (!choose_tiled_dims(p, copied[p.get()], tiled, diags)) {
      ok = false;
      continue;
    }
    ok &= infer_one(module, p, a, tiled, vector, dev, diags);
  }
  // The global buffers must fit in the device's DRAM together (each is below 2^32 tiles of at most
  // a few KiB here, so the sum cannot overflow).
  if (ok && dev.dram_bytes > 0) {
    int64_t total = 0;
    for (const Buffer& p : func->params) {
      std::optional<BufferLayout> layout = get_buffer_layout(module, p->name);
      if (layout && layout->memory == "DRAM") total += layout->bytes;
    }
    if (total > dev.dram_bytes) {
      diags.error(func->span, "DRAM overflow on " + dev.name + ": the global buffers of '" + func->name + "' need " +
                                  with_commas(total) + " bytes, the device has " + with_commas(dev.dram_bytes));
      ok = false;
    }
  }
  return ok;
}

}  // namespace tt::passes
