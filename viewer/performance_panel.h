// Performance panel: the engine's bound-based estimate of the shown kernel (KernelResult::estimate;
// the viewer computes nothing): a roofline (arithmetic intensity vs attainable TFLOPS, the device's
// DRAM and compute roofs and the kernel's point), the time of each resource, the counted work,
// per-core matrix-engine utilisation and the source lines the work comes from; clicking a line row
// selects that source line, clicking a core selects the core.
#pragma once

#include "viewer/panel.h"

namespace tt::viewer {

class PerformancePanel : public Panel {
 public:
  const char* name() const override { return "Performance"; }

 protected:
  void draw_content(ViewerState& state) override;
};

}  // namespace tt::viewer
