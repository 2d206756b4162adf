// A collapsible tree over a JSON value (tt.plan.json): objects and arrays are tree nodes, scalars
// are "key: value" leaves. The first `open_depth` levels start expanded. Nodes a caller marks (the
// selected core's entries) are highlighted; on a reveal frame their parents open and the view
// scrolls to the first one.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tt::viewer {

struct JsonTreeMarks {
  // path: the keys (array indices as decimal strings) from the root to the node.
  std::function<bool(const std::vector<std::string>& path, const nlohmann::json& node)> marked;
  bool reveal = false;
};

void json_tree_widget(const char* id, const nlohmann::json& value, int open_depth = 1,
                      const JsonTreeMarks* marks = nullptr);

}  // namespace tt::viewer
