// resource_paths(): the install prefix beside the executable, else the build tree's paths.
#include "compiler/resources/resource_paths.h"

#include <system_error>

#ifndef TT_BUILD_ASSETS_DIR
#error "TT_BUILD_ASSETS_DIR, TT_BUILD_EMU_INCLUDE_DIR, TT_BUILD_EMU_RUNTIME_LIB and TT_BUILD_FONT_DIR come from CMake"
#endif

namespace tt {

namespace fs = std::filesystem;

namespace {

ResourcePaths locate() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path prefix = exe.parent_path().parent_path();
    const fs::path share = prefix / "share" / "tt-inspect";
    if (exe.parent_path().filename() == "bin" && fs::is_directory(share / "assets" / "devices", ec)) {
      return {share / "assets", share / "emu" / "include", prefix / "lib" / "tt-inspect" / "libttemu_rt.a",
              share / "fonts", true};
    }
  }
  return {TT_BUILD_ASSETS_DIR, TT_BUILD_EMU_INCLUDE_DIR, TT_BUILD_EMU_RUNTIME_LIB, TT_BUILD_FONT_DIR, false};
}

}  // namespace

const ResourcePaths& resource_paths() {
  static const ResourcePaths paths = locate();
  return paths;
}

}  // namespace tt
