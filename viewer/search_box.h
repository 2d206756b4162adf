// The Ctrl+F search box shared by the IR and kernel views: edits ViewerState::ui.search and returns
// true when the user asked for the next match (Enter or the button).
#pragma once

#include "viewer/viewer_state.h"

namespace tt::viewer {

bool search_box(ViewerState& state, const char* id, size_t match_count);
// Next index in sorted `hits` after `after` (wrapping); -1 when hits is empty.
int next_hit(const std::vector<size_t>& hits, int after);

}  // namespace tt::viewer
