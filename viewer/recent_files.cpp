// RecentFiles: ordering and JSON persistence.
#include "viewer/recent_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

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
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
  std::string tmp = file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << nlohmann::json{{"recent", items_}}.dump(2) << "\n";
    if (!out) return false;
  }
  std::filesystem::rename(tmp, file, ec);
  return !ec;
}

}  // namespace tt::viewer
