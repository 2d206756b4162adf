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
  std::set<DataType> dtypes;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Reduce) dtypes.insert(as<ReduceNode>(s)->src.buffer->dtype);
    if (s->kind != StmtKind::Store || as<StoreNode>(s)->buffer->shape.size() != 2) return;
    for (const BufferUse& u : buffer_uses(s)) {
      if (!u.write && holds_tiles(u.buffer->scope) && u.buffer->shape.size() == 1) dtypes.insert(u.buffer->dtype);
    }
  });
  return {dtypes.begin(), dtypes.end()};
}

namespace {

// The one store of a T.Parallel nest, or null.
Stmt only_store(const Stmt& loop) {
  Stmt store;
  int stores = 0;
  for_each_stmt(loop, [&](const Stmt& s) {
    if (s->kind == StmtKind::Store) store = s, ++stores;
  });
  return stores == 1 ? store : nullptr;
}

}  // namespace

std::map<const StmtNode*, Stmt> streamed_reductions(const Stmt& body) {
  // Uses of every buffer by tile ops and stores (a T.Parallel map counts once per store).
  std::map<const BufferNode*, int> uses;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Seq || s->kind == StmtKind::For) return;
    for (const BufferUse& u : buffer_uses(s)) ++uses[u.buffer.get()];
  });
  std::map<const StmtNode*, Stmt> out;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind != StmtKind::Seq) return;
    const std::vector<Stmt>& items = as<SeqNode>(s)->stmts;
    for (size_t i = 0; i + 1 < items.size(); ++i) {
      const Stmt& map = items[i];
      const Stmt& next = items[i + 1];
      if (!map || !next || map->kind != StmtKind::For || as<ForNode>(map)->for_kind != ForKind::Parallel ||
          next->kind != StmtKind::Reduce)
        continue;
      const Stmt store = only_store(map);
      auto* reduce = as<ReduceNode>(next);
      if (!store || as<StoreNode>(store)->buffer != reduce->src.buffer || reduce->src.buffer->shape.size() != 2)
        continue;
      const BufferNode* block = reduce->src.buffer.get();
      bool reads_block_or_vector = false;
      for (const BufferUse& u : buffer_uses(store)) {
        if (!u.write && (u.buffer.get() == block || u.buffer == reduce->dst.buffer)) reads_block_or_vector = true;
      }
      // Written by the map, read by the reduction, nothing else.
      if (reads_block_or_vector || uses[block] != 2) continue;
      out[next.get()] = map;
    }
  });
  return out;
}

}  // namespace tt::passes
