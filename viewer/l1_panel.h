// L1 panel: per-core L1 budget (reserved + CBs against the L1 size), the CB table, and the CB
// occupancy timeline when an emulation trace exists.
#pragma once

#include <vector>

#include "compiler/ir/tt_metadata.h"
#include "viewer/l1_breakdown.h"
#include "viewer/panel.h"

namespace tt::viewer {

class L1Panel : public Panel {
 public:
  const char* name() const override { return "L1"; }

 protected:
  void draw_content(ViewerState& state) override;

 private:
  uint64_t gen_ = UINT64_MAX;
  int kernel_ = -1;
  std::vector<ir::CircularBuffer> cbs_;
  L1Breakdown l1_;
  uint64_t idle_gen_ = UINT64_MAX;
  L1Breakdown idle_l1_;  // reserved space only: what an idle core holds
};

}  // namespace tt::viewer
