// The L1 bar widget: stacked segments (reserved region, then CBs) against the L1 size, the limit
// drawn, overflow in red; hover tooltip, click selects a CB. Returns true when the selection changed.
#pragma once

#include <imgui.h>

#include "viewer/l1_breakdown.h"

namespace tt::viewer {

// `zoom_to_cbs`: scale the bar to the CB region only (CBs are often a few % of L1).
bool l1_bar_widget(const char* id, const L1Breakdown& l1, int& selected_cb, ImVec2 size, bool zoom_to_cbs, bool greyed);

}  // namespace tt::viewer
