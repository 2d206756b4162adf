// When the desktop window draws. Rendering every frame on llvmpipe costs a quarter of a core while nothing
// happens, so the window draws only for a short while after something changed (input, a recompile, a
// dropped file, emulation progress), long enough for ImGui's hover delays and animations to settle, and
// otherwise sleeps in glfwWaitEventsTimeout, waking only to poll the watched file.
#pragma once

#include <algorithm>

namespace tt::app {

class RedrawSchedule {
 public:
  static constexpr double kSettleSeconds = 0.75;  // > ImGui's tooltip delay (0.5 s) after the last event
  static constexpr double kFrameSeconds = 1.0 / 60;
  static constexpr double kIdlePollSeconds = 0.1;  // the file watch's resolution

  // Something changed at `now`: draw frames until now + kSettleSeconds.
  void wake(double now) { draw_until_ = std::max(draw_until_, now + kSettleSeconds); }
  bool should_draw(double now) const { return now <= draw_until_; }
  // How long the event loop may sleep waiting for events before the next frame or file poll.
  double wait_seconds(double now) const { return should_draw(now) ? kFrameSeconds : kIdlePollSeconds; }

 private:
  double draw_until_ = -1;
};

}  // namespace tt::app
