// plan_panel_multicast; see panel_multicast_plan.h.
#include "compiler/passes/panel_multicast_plan.h"

#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

namespace {

bool starts_use(const Region& r, const VarNode* var) {
  for (const Expr& e : r.starts)
    if (uses_var(e, var)) return true;
  return false;
}

// The loop around a panel copy whose trip count depends on `var`: the cores along which `var` varies would
// copy different numbers of panels (a causal K loop), so they cannot share them in lock step.
const ForNode* loop_counted_by(const TileOpSite& s, const VarNode* var) {
  for (const ForNode* loop : s.loops)
    if (uses_var(loop->min, var) || uses_var(loop->extent, var)) return loop;
  return nullptr;
}

}  // namespace

MulticastPlan plan_panel_multicast(const Module& module, const PrimFunc& func, const KernelNode& kernel,
                                   const DeviceModel& device) {
  MulticastPlan plan;
  const std::vector<TileOpSite> sites = collect_tile_ops(func.body);
  bool has_gemm = false;
  for (const TileOpSite& s : sites) has_gemm |= s.stmt->kind == StmtKind::Gemm && s.kernel == &kernel;
  if (!has_gemm) return plan;
  if (kernel.grid.size() != 2 || kernel.block_vars.size() != 2) {
    plan.fallback = "the T.Kernel grid is not 2-D";
    return plan;
  }
  const int64_t gx = kernel.grid[0], gy = kernel.grid[1];
  if (gx > device.grid_x || gy > device.grid_y) {
    plan.fallback = "the " + std::to_string(gx) + "x" + std::to_string(gy) + " block grid exceeds the " +
                    std::to_string(device.grid_x) + "x" + std::to_string(device.grid_y) +
                    " worker grid: sharing panels along rows and columns of cores needs one block per core";
    return plan;
  }
  const VarNode* bx = kernel.block_vars[0].get();
  const VarNode* by = kernel.block_vars[1].get();
  std::map<std::string, int> fills;  // copies into each CB: a CB filled twice is no panel
  std::string uneven;                // why a panel is not shared: its loop's trip count varies along the sharers
  for (const TileOpSite& s : sites)
    if (s.stmt->kind == StmtKind::Copy) ++fills[as<CopyNode>(s.stmt)->dst.buffer->name];
  for (const TileOpSite& s : sites) {
    if (s.stmt->kind != StmtKind::Copy || s.kernel != &kernel || s.loops.empty()) continue;
    const auto* copy = as<CopyNode>(s.stmt);
    std::optional<BufferLayout> src = get_buffer_layout(module, copy->src.buffer->name);
    std::optional<CircularBuffer> cb = get_circular_buffer(module, copy->dst.buffer->name);
    if (!src || !cb || src->role != "input" || cb->role != "input" || cb->producer != "reader") continue;
    if (fills[cb->name] != 1) continue;
    const bool uses_bx = starts_use(copy->src, bx), uses_by = starts_use(copy->src, by);
    const bool row = uses_by && !uses_bx && gx >= 2, column = uses_bx && !uses_by && gy >= 2;
    const VarNode* along = row ? bx : column ? by : nullptr;  // the block index that varies along the sharers
    if (const ForNode* loop = along ? loop_counted_by(s, along) : nullptr) {
      if (uneven.empty()) {
        uneven = "the trip count of loop '" + loop->var->name + "' depends on " + along->name + ", so the cores of a " +
                 (row ? "row" : "column") + " would copy different numbers of " + cb->name + " panels";
      }
      continue;
    }
    if (row) plan.panels.push_back({cb->name, src->name, "row"});
    if (column) plan.panels.push_back({cb->name, src->name, "column"});
  }
  if (plan.panels.empty() && !uneven.empty()) {
    plan.fallback = uneven;
  } else if (plan.panels.empty()) {
    plan.fallback = "no input panel is the same for a whole row or column of cores (" + std::to_string(gx) + "x" +
                    std::to_string(gy) + " blocks)";
  }
  return plan;
}

}  // namespace tt::passes
