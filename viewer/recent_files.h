// The recent-files list (most recent first, no duplicates, bounded), persisted as JSON.
#pragma once

#include <string>
#include <vector>

namespace tt::viewer {

class RecentFiles {
 public:
  explicit RecentFiles(size_t capacity = 10) : capacity_(capacity) {}
  void add(const std::string& path);  // moves an existing entry to the front
  void remove(const std::string& path);
  const std::vector<std::string>& items() const { return items_; }
  bool load(const std::string& file);  // a missing file is an empty list (returns false)
  bool save(const std::string& file) const;

 private:
  size_t capacity_;
  std::vector<std::string> items_;
};

}  // namespace tt::viewer
