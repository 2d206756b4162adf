// layout.json: {"version": 1, "panels": {"<name>": {"x", "y", "w", "h", "open"}}}.
#include "viewer/window_layout.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compiler/codegen/atomic_file.h"

namespace tt::viewer {

bool load_layout(const std::string& path, std::vector<PanelPlace>& places) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  const nlohmann::json j = nlohmann::json::parse(s.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("version", 0) != 1 || !j.contains("panels") ||
      !j["panels"].is_object()) {
    return false;
  }
  for (PanelPlace& p : places) {
    auto it = j["panels"].find(p.name);
    if (it == j["panels"].end() || !it->is_object()) continue;
    PanelPlace q = p;
    try {
      q.x = it->at("x").get<float>();
      q.y = it->at("y").get<float>();
      q.w = it->at("w").get<float>();
      q.h = it->at("h").get<float>();
      q.open = it->value("open", true);
    } catch (const nlohmann::json::exception&) {
      continue;
    }
    // A place must be a visible part of the work area; anything else keeps the default.
    const bool valid =
        q.x >= 0 && q.y >= 0 && q.w >= 0.02f && q.h >= 0.02f && q.x + q.w <= 1.001f && q.y + q.h <= 1.001f;
    if (valid) p = q;
  }
  return true;
}

bool save_layout(const std::string& path, const std::vector<PanelPlace>& places, std::string* error) {
  nlohmann::json panels = nlohmann::json::object();
  for (const PanelPlace& p : places)
    panels[p.name] = {{"x", p.x}, {"y", p.y}, {"w", p.w}, {"h", p.h}, {"open", p.open}};
  const nlohmann::json j = {{"version", 1}, {"panels", panels}};
  std::string write_error;
  if (write_file_atomically(path, j.dump(2) + "\n", write_error)) return true;
  if (error) *error = write_error;
  return false;
}

}  // namespace tt::viewer
