// PNG output with stb_image_write (from Debian's libstb), written atomically (temp file + rename).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tt::app {

bool write_png(const std::string& path, int width, int height, const std::vector<uint8_t>& rgb, std::string& error);

}  // namespace tt::app
