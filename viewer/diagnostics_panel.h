// Diagnostics panel: errors and warnings of the latest compile (also when the last good result is
// what the other panels show), then the verdict of the shown kernel's emulation with its located
// failure (core, tile, block), then the advice notes of the shown kernel (compiler/advice, the ones
// `tt-inspect estimate` prints); clicking one selects its source line, pass, or core.
#pragma once

#include "compiler/ir/diagnostics.h"
#include "viewer/panel.h"

namespace tt::viewer {

class DiagnosticsPanel : public Panel {
 public:
  const char* name() const override { return "Diagnostics"; }

 protected:
  void draw_content(ViewerState& state) override;

 private:
  // The advice of the shown kernel, recomputed when the compile or the kernel changes.
  const DiagnosticList& advice(const ViewerState& state);
  uint64_t advice_generation_ = ~uint64_t{0};
  int advice_kernel_ = -1;
  DiagnosticList advice_;
};

// The advice notes of the shown kernel of a successful compile (empty otherwise).
DiagnosticList kernel_advice(const ViewerState& state);

// What clicking a diagnostic selects: its source line, and the pass index (in the shown kernel's
// trace) of the pass that reported it, or -1 to keep the current pass.
void select_diagnostic(ViewerState& state, const Diagnostic& diagnostic);

// The one-line outcome of the file (menu bar, Diagnostics header): compile, then emulation verdict.
// `failed` is set when either failed.
std::string outcome_summary(const ViewerState& state, bool& failed);

}  // namespace tt::viewer
