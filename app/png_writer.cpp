// write_png(): stbi_write_png_to_func into memory, then write_file_atomically.
#include "app/png_writer.h"

#include <stb_image_write.h>

#include "compiler/codegen/atomic_file.h"

namespace tt::app {

bool write_png(const std::string& path, int width, int height, const std::vector<uint8_t>& rgb, std::string& error) {
  if (rgb.size() != static_cast<size_t>(width) * static_cast<size_t>(height) * 3) {
    error = "write_png: pixel buffer does not match " + std::to_string(width) + "x" + std::to_string(height);
    return false;
  }
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &png, width, height, 3, rgb.data(), width * 3)) {
    error = "cannot encode the PNG for '" + path + "'";
    return false;
  }
  return write_file_atomically(path, png, error);
}

}  // namespace tt::app
