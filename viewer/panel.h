// The panel base (ImHex-style): draw() wraps Begin/End around draw_content(). Panels share only the
// ViewerState (data + selection); they never call each other.
#pragma once

#include <imgui.h>

#include <string>

#include "viewer/viewer_state.h"

namespace tt::viewer {

class Panel {
 public:
  virtual ~Panel() = default;
  // Window title and the name `screenshot --panel` matches (case/space/underscore-insensitive).
  virtual const char* name() const = 0;
  void draw(ViewerState& state, ImGuiWindowFlags flags = 0);
  bool open = true;
  // Where the panel's window was drawn in the last frame (display pixels): Export > Panel as PNG.
  ImVec2 window_pos{0, 0}, window_size{0, 0};

 protected:
  virtual void draw_content(ViewerState& state) = 0;
  // True once per selection change made by another panel: time to scroll to the selection.
  bool selection_changed_elsewhere(const ViewerState& state, SelectionOrigin self);

 private:
  uint64_t seen_selection_ = 0;
};

// A centered, dimmed note for empty states ("no kernels", "no artifacts yet", ...).
void empty_state(const char* text);
// The banner above a failed compile's panels: what failed (the pass), and whether the content is
// the failure itself or, when the front end stopped, the greyed last good result ("" when it compiled).
std::string failure_banner_text(const ViewerState& state);
void stale_banner(const ViewerState& state);

}  // namespace tt::viewer
