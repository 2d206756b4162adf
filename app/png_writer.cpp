// write_png(): stbi_write_png into a sibling temp file, then rename over the target.
#include "app/png_writer.h"

#include <stb_image_write.h>

#include <filesystem>

namespace tt::app {

bool write_png(const std::string& path, int width, int height, const std::vector<uint8_t>& rgb, std::string& error) {
  if (rgb.size() != static_cast<size_t>(width) * static_cast<size_t>(height) * 3) {
    error = "write_png: pixel buffer does not match " + std::to_string(width) + "x" + std::to_string(height);
    return false;
  }
  std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  std::string tmp = path + ".tmp.png";
  if (!stbi_write_png(tmp.c_str(), width, height, 3, rgb.data(), width * 3)) {
    error = "cannot write '" + tmp + "'";
    return false;
  }
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    error = "cannot rename '" + tmp + "' to '" + path + "': " + ec.message();
    std::filesystem::remove(tmp, ec);
    return false;
  }
  return true;
}

}  // namespace tt::app
