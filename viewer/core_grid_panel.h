// Core grid panel: the device's worker grid with the work partition of the selected kernel.
#pragma once

#include <optional>
#include <vector>

#include "compiler/ir/tt_metadata.h"
#include "viewer/core_grid_layout.h"
#include "viewer/panel.h"

namespace tt::viewer {

class CoreGridPanel : public Panel {
 public:
  const char* name() const override { return "Core grid"; }

 protected:
  void draw_content(ViewerState& state) override;

 private:
  uint64_t gen_ = UINT64_MAX;
  int kernel_ = -1;
  std::optional<ir::WorkPartition> partition_;
  std::optional<ir::RuntimeArgs> args_;
  std::vector<ir::CircularBuffer> cbs_;
  GridLoad load_;
};

}  // namespace tt::viewer
