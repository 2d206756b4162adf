// The CB occupancy timeline widget: one lane per CB of a core, filled pages (solid) and reserved
// pages (light) over logical time, a cursor the user scrubs. Returns true when the cursor moved.
#pragma once

#include <imgui.h>

#include <vector>

#include "viewer/emu_trace.h"

namespace tt::viewer {

bool cb_timeline_widget(const char* id, const std::vector<const CbTimeline*>& lanes, uint64_t end_time, uint64_t& cursor,
                        ImVec2 size, bool greyed);

// Per-pixel-column envelope of a timeline: the maximum filled and reserved pages in each of
// `columns` equal time buckets of [0, end_time). Pure, for the widget and its tests.
struct Envelope {
  std::vector<uint32_t> filled, reserved;
};
Envelope envelope(const CbTimeline& lane, uint64_t end_time, size_t columns);

}  // namespace tt::viewer
