// A collapsible tree over a JSON value (tt.plan.json): objects and arrays are tree nodes, scalars
// are "key: value" leaves. The first `open_depth` levels start expanded.
#pragma once

#include <nlohmann/json.hpp>

namespace tt::viewer {

void json_tree_widget(const char* id, const nlohmann::json& value, int open_depth = 1);

}  // namespace tt::viewer
