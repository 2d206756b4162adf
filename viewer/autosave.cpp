// Autosave: one JSON file per edited source ({"file": absolute path, "text": buffer}).
#include "viewer/autosave.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compiler/codegen/atomic_file.h"

namespace tt::viewer {

namespace fs = std::filesystem;

namespace {

std::string absolute_path(const std::string& file) {
  std::error_code ec;
  fs::path p = fs::absolute(file, ec);
  return ec ? file : p.lexically_normal().string();
}

// FNV-1a: stable across runs and builds (std::hash is not guaranteed to be).
std::string hash_hex(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::string Autosave::path_for(const std::string& file) const {
  if (dir_.empty() || file.empty()) return "";
  const std::string abs = absolute_path(file);
  return (fs::path(dir_) / (hash_hex(abs) + "-" + fs::path(abs).filename().string() + ".json")).string();
}

bool Autosave::write(const std::string& file, const std::string& text, std::string* error) const {
  const std::string path = path_for(file);
  if (path.empty()) return true;
  nlohmann::json j = {{"file", absolute_path(file)}, {"text", text}};
  std::string write_error;
  if (write_file_atomically(path, j.dump(), write_error)) return true;
  if (error) *error = "autosave: " + write_error;
  return false;
}

void Autosave::remove(const std::string& file) const {
  const std::string path = path_for(file);
  if (path.empty()) return;
  std::error_code ec;
  fs::remove(path, ec);
}

std::optional<std::string> Autosave::read(const std::string& file) const {
  const std::string path = path_for(file);
  if (path.empty()) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(s.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("file", "") != absolute_path(file) || !j.contains("text") ||
      !j["text"].is_string()) {
    return std::nullopt;
  }
  return j["text"].get<std::string>();
}

}  // namespace tt::viewer
