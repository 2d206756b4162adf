// write_file_atomically(): sibling temp file (unique per process) + rename.
#include "compiler/codegen/atomic_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tt {

namespace fs = std::filesystem;

bool write_file_atomically(const std::string& path, const std::string& bytes, std::string& error) {
  const fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const fs::path tmp =
      target.parent_path() / ("." + target.filename().string() + "." + std::to_string(::getpid()) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << bytes;
    out.close();
    if (!out) {
      error = "cannot write '" + tmp.string() + "'";
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    error = "cannot replace '" + path + "': " + ec.message();
    std::error_code ignore;
    fs::remove(tmp, ignore);
    return false;
  }
  return true;
}

}  // namespace tt
