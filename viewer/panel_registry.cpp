// make_panels(): the registered panels in drawing order, with the default tiling.
#include "viewer/panel_registry.h"

#include <cctype>

#include "viewer/compare_panel.h"
#include "viewer/core_grid_panel.h"
#include "viewer/diagnostics_panel.h"
#include "viewer/kernels_panel.h"
#include "viewer/l1_panel.h"
#include "viewer/mismatch_panel.h"
#include "viewer/passes_panel.h"
#include "viewer/performance_panel.h"
#include "viewer/source_panel.h"

namespace tt::viewer {

std::vector<PanelEntry> make_panels() {
  // Top row: source | passes | (core grid over L1); bottom row: kernels | diagnostics.
  std::vector<PanelEntry> p;
  p.push_back({std::make_unique<SourcePanel>(), 0.00f, 0.00f, 0.31f, 0.62f});
  p.push_back({std::make_unique<PassesPanel>(), 0.31f, 0.00f, 0.35f, 0.62f});
  p.push_back({std::make_unique<CoreGridPanel>(), 0.66f, 0.00f, 0.34f, 0.29f});
  p.push_back({std::make_unique<L1Panel>(), 0.66f, 0.29f, 0.34f, 0.33f});
  p.push_back({std::make_unique<KernelsPanel>(), 0.00f, 0.62f, 0.76f, 0.38f});
  p.push_back({std::make_unique<DiagnosticsPanel>(), 0.76f, 0.62f, 0.24f, 0.38f});
  // Opened from View > Performance, over the right column (core grid and L1).
  p.push_back({std::make_unique<PerformancePanel>(), 0.56f, 0.00f, 0.44f, 0.62f, false});
  // Opened from View > Mismatches, over the right column: where an emulated output is wrong.
  p.push_back({std::make_unique<MismatchPanel>(), 0.50f, 0.00f, 0.50f, 0.62f, false});
  // Opened from View > Compare, over the top row: configuration A against a second one, B.
  p.push_back({std::make_unique<ComparePanel>(), 0.31f, 0.00f, 0.69f, 0.62f, false});
  return p;
}

std::string normalize_panel_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ' ' || c == '_' || c == '-') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::vector<std::string> panel_names() {
  std::vector<std::string> names;
  for (const PanelEntry& e : make_panels()) names.push_back(normalize_panel_name(e.panel->name()));
  return names;
}

}  // namespace tt::viewer
