// Mismatches panel: where an emulated run's output differs from the oracle, as two heat maps of
// the same data: by tile over the output (block borders drawn) and by core over the worker grid.
// Hover names the tile, its (bx, by) block and core, the count and the worst |err|; a click
// selects the core for the other panels. Reads only the EmulationReport and the kernel's plan.
#pragma once

#include "viewer/panel.h"

namespace tt::viewer {

class MismatchPanel : public Panel {
 public:
  const char* name() const override { return "Mismatches"; }

 protected:
  void draw_content(ViewerState& state) override;
};

}  // namespace tt::viewer
