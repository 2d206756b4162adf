// config_dir(): XDG base-directory lookup.
#include "app/app_config.h"

#include <cstdlib>
#include <filesystem>

namespace tt::app {

std::string config_dir() {
  std::filesystem::path dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) dir = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home) dir = std::filesystem::path(home) / ".config";
  else return "";
  dir /= "tt-inspect";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return ec ? "" : dir.string();
}

}  // namespace tt::app
