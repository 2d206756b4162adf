// Where tt-inspect finds what it reads at run time: device models and examples (assets), the
// emulated TT-Metalium headers and the emulation runtime library (to build generated programs), and
// the UI fonts. The one place these paths are decided: relative to the executable when it runs from
// an install prefix (`cmake --install`), else the build tree it was built in.
#pragma once

#include <filesystem>

namespace tt {

struct ResourcePaths {
  std::filesystem::path assets_dir;       // devices/, examples/, schema/
  std::filesystem::path emu_include_dir;  // compiler/emu/include as installed
  std::filesystem::path emu_runtime_lib;  // the prebuilt ttemu_rt static library
  std::filesystem::path font_dir;         // DejaVuSans.ttf, DejaVuSansMono.ttf
  bool installed = false;                 // found beside the executable (<prefix>/bin/..)
};

// Installed layout, relative to <prefix>/bin/tt-inspect:
//   <prefix>/share/tt-inspect/{assets,emu/include,fonts}   <prefix>/lib/tt-inspect/libttemu_rt.a
// Resolved once (from /proc/self/exe); an executable outside such a prefix uses the build tree.
const ResourcePaths& resource_paths();

}  // namespace tt
