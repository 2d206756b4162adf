// read_pixels_rgb(): glReadPixels (bottom-up) and a row flip.
#include "app/gl_readback.h"

#include <GL/gl.h>

#include <cstring>

namespace tt::app {

std::vector<uint8_t> read_pixels_rgb(int x, int y, int w, int h, int framebuffer_height) {
  const size_t row = static_cast<size_t>(w) * 3;
  std::vector<uint8_t> bottom_up(row * static_cast<size_t>(h));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(x, framebuffer_height - y - h, w, h, GL_RGB, GL_UNSIGNED_BYTE, bottom_up.data());
  std::vector<uint8_t> top_down(bottom_up.size());
  for (int r = 0; r < h; ++r) {
    std::memcpy(&top_down[static_cast<size_t>(r) * row], &bottom_up[static_cast<size_t>(h - 1 - r) * row], row);
  }
  return top_down;
}

}  // namespace tt::app
