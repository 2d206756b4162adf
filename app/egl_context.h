// Headless OpenGL for screenshots and benchmarks: an EGL 3.3 core context on Mesa's surfaceless
// platform (no display, no surface) with llvmpipe forced, rendering into an FBO.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tt::app {

class EglContext {
 public:
  EglContext() = default;
  EglContext(const EglContext&) = delete;
  EglContext& operator=(const EglContext&) = delete;
  ~EglContext();

  // Sets LIBGL_ALWAYS_SOFTWARE=1, creates and makes current the context, and checks that the
  // renderer is llvmpipe (pixel-exact goldens depend on it). False with `error` otherwise.
  bool init(std::string& error);
  const std::string& renderer() const { return renderer_; }

 private:
  void* display_ = nullptr;
  void* context_ = nullptr;
  std::string renderer_;
};

// An RGBA8 color renderbuffer behind a framebuffer object of a fixed size.
class Framebuffer {
 public:
  Framebuffer() = default;
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;
  ~Framebuffer();

  bool create(int width, int height, std::string& error);
  void bind() const;
  // Reads the pixels as top-down RGB rows (glReadPixels is bottom-up; rows are flipped).
  std::vector<uint8_t> read_rgb() const;
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  unsigned fbo_ = 0, color_ = 0;
  int width_ = 0, height_ = 0;
};

}  // namespace tt::app
