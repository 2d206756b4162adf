// Diagnostics panel: errors and warnings of the latest compile (also when the last good result is
// what the other panels show); clicking one selects its source line and the pass that reported it.
#pragma once

#include "viewer/panel.h"

namespace tt::viewer {

class DiagnosticsPanel : public Panel {
 public:
  const char* name() const override { return "Diagnostics"; }

 protected:
  void draw_content(ViewerState& state) override;
};

// What clicking a diagnostic selects: its source line, and the pass index (in the shown kernel's
// trace) of the pass that reported it, or -1 to keep the current pass.
void select_diagnostic(ViewerState& state, const Diagnostic& diagnostic);

}  // namespace tt::viewer
