// Crash-safe copies of unsaved edits: each edit of a file's buffer is written atomically to
// <dir>/<hash of the file's absolute path>.json, removed on save or discard; the next launch that
// opens the file finds it and offers to restore it. An empty dir disables autosave (headless runs).
#pragma once

#include <optional>
#include <string>

namespace tt::viewer {

class Autosave {
 public:
  void set_dir(std::string dir) { dir_ = std::move(dir); }
  bool enabled() const { return !dir_.empty(); }
  // Where `file`'s unsaved edits are kept ("" when disabled or `file` is empty).
  std::string path_for(const std::string& file) const;
  // False with `error` when the copy could not be written (the edit itself is not lost).
  bool write(const std::string& file, const std::string& text, std::string* error = nullptr) const;
  void remove(const std::string& file) const;
  // The edits kept for `file`, if any (a copy made for another file with the same hash is ignored).
  std::optional<std::string> read(const std::string& file) const;

 private:
  std::string dir_;
};

}  // namespace tt::viewer
