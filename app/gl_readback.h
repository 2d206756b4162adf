// Reads pixels back from the bound read framebuffer as top-down RGB rows (PNG order), for the
// off-screen screenshots and the window's Export > Panel as PNG.
#pragma once

#include <cstdint>
#include <vector>

namespace tt::app {

// The rectangle at (x, y) from the top-left, w x h pixels, of a framebuffer `framebuffer_height` high.
std::vector<uint8_t> read_pixels_rgb(int x, int y, int w, int h, int framebuffer_height);

}  // namespace tt::app
