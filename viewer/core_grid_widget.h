// The core-grid widget: the worker grid drawn to scale, cores colored by block count, idle cores
// distinct, hover tooltip (its (bx, by) blocks and output regions, runtime args, CBs), click to select. Returns true on
// a change.
#pragma once

#include <imgui.h>

#include <optional>
#include <vector>

#include "compiler/ir/tt_metadata.h"
#include "viewer/core_grid_layout.h"

namespace tt::viewer {

struct CoreGridView {
  int64_t grid_x = 0, grid_y = 0;
  const GridLoad* load = nullptr;                        // null: no partition yet (all cores unknown)
  const ir::RuntimeArgs* args = nullptr;                 // null: no runtime args yet
  const ir::WorkPartition* partition = nullptr;          // null: no partition yet
  const std::vector<ir::CircularBuffer>* cbs = nullptr;  // the CBs every core with work allocates
  const KernelResult* kernel = nullptr;                  // the shown kernel: block output regions
  bool greyed = false;
};

bool core_grid_widget(const char* id, const CoreGridView& view, std::optional<CoreXY>& selected, ImVec2 size);

}  // namespace tt::viewer
