// Vectors and ones tiles (see tile_vectors.h).
#include "compiler/passes/tile_vectors.h"

#include <set>

#include "compiler/ir/functor.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

const char* vector_axis_name(VectorAxis axis) { return axis == VectorAxis::Column ? "column" : "row"; }

namespace {
// Before memory_space_lower_tt a vector is a shared/fragment buffer, after it a CB.
bool holds_tiles(MemScope scope) { return is_on_chip(scope) || scope == MemScope::CircularBuffer; }
}  // namespace

std::string ones_tile_cb(DataType dtype) { return std::string("ones_") + dtype_name(dtype); }

std::vector<DataType> ones_tile_dtypes(const Stmt& body) {
  // A gemm epilogue broadcasts a vector into DST with unary_bcast (tensorize_tt_dst.cpp), not through a ones tile.
  std::set<const BufferNode*> accumulators;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Gemm) accumulators.insert(as<GemmNode>(s)->c.buffer.get());
  });
  std::set<DataType> dtypes;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Reduce) dtypes.insert(as<ReduceNode>(s)->src.buffer->dtype);
    if (s->kind != StmtKind::Store || as<StoreNode>(s)->buffer->shape.size() != 2) return;
    if (accumulators.count(as<StoreNode>(s)->buffer.get())) return;
    for (const BufferUse& u : buffer_uses(s)) {
      if (!u.write && holds_tiles(u.buffer->scope) && u.buffer->shape.size() == 1) dtypes.insert(u.buffer->dtype);
    }
  });
  return {dtypes.begin(), dtypes.end()};
}

}  // namespace tt::passes
