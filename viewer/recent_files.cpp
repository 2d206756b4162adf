// RecentFiles: ordering and JSON persistence.
#include "viewer/recent_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "compiler/codegen/atomic_file.h"

namespace tt::viewer {

void RecentFiles::add(const std::string& path) {
  remove(path);
  items_.insert(items_.begin(), path);
  if (items_.size() > capacity_) items_.resize(capacity_);
}

void RecentFiles::remove(const std::string& path) { std::erase(items_, path); }

bool RecentFiles::load(const std::string& file) {
  std::ifstream in(file);
  if (!in) return false;
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    items_.clear();
    for (const auto& p : j.at("recent")) {
      if (items_.size() < capacity_) items_.push_back(p.get<std::string>());
    }
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

bool RecentFiles::save(const std::string& file) const {
  std::string error;
  return write_file_atomically(file, nlohmann::json{{"recent", items_}}.dump(2) + "\n", error);
}

}  // namespace tt::viewer
