// Renders ImGui frames with no display: an EglContext + Framebuffer, an ImGui context set up like
// the desktop app's (same fonts and style, no ini file, fixed time step, no input), and the
// unmodified ImGui OpenGL3 backend. Used by `tt-inspect screenshot`, the tests and the benchmark.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/egl_context.h"

struct ImGuiContext;

namespace tt::app {

class OffscreenRenderer {
 public:
  OffscreenRenderer() = default;
  OffscreenRenderer(const OffscreenRenderer&) = delete;
  OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;
  ~OffscreenRenderer();

  bool init(int width, int height, std::string& error);
  // One frame: NewFrame, `draw`, Render, draw into the FBO, glFinish.
  void frame(const std::function<void()>& draw);
  std::vector<uint8_t> read_rgb() const { return fbo_.read_rgb(); }
  int width() const { return fbo_.width(); }
  int height() const { return fbo_.height(); }
  const std::string& renderer() const { return egl_.renderer(); }

 private:
  EglContext egl_;
  Framebuffer fbo_;
  ImGuiContext* imgui_ = nullptr;
  bool backend_ = false;
};

}  // namespace tt::app
