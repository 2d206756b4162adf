// json_tree_widget(): recursive TreeNode walk; long arrays are collapsed by default.
#include "viewer/json_tree_widget.h"

#include <imgui.h>

#include <string>

#include "viewer/theme.h"

namespace tt::viewer {

namespace {

std::string scalar_text(const nlohmann::json& v) {
  if (!v.is_string()) return v.dump();
  std::string out(1, '"');
  out.append(v.get_ref<const std::string&>()).push_back('"');  // appended: GCC 12 -Wrestrict false positive on "x" + s
  return out;
}

ImU32 scalar_color(const nlohmann::json& v) {
  if (v.is_string()) return token_color(TokenKind::String);
  if (v.is_number()) return token_color(TokenKind::Number);
  return token_color(TokenKind::Constant);
}

// Arrays of scalars read best inline: [1, 2, 3].
bool is_flat_array(const nlohmann::json& v) {
  if (!v.is_array() || v.size() > 16) return false;
  for (const auto& x : v) {
    if (x.is_structured()) return false;
  }
  return true;
}

void node(const std::string& key, const nlohmann::json& v, int depth, int open_depth) {
  if (!v.is_structured() || is_flat_array(v)) {
    ImGui::TreePush(key.c_str());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(token_color(TokenKind::Property)), "%s:", key.c_str());
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(scalar_color(v.is_array() && !v.empty() ? v[0] : v)), "%s",
                       v.is_array() ? v.dump().c_str() : scalar_text(v).c_str());
    ImGui::TreePop();
    return;
  }
  if (depth < open_depth && v.size() <= 64) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  std::string label = key + (v.is_array() ? "  [" + std::to_string(v.size()) + "]" : "  {" + std::to_string(v.size()) + "}");
  if (!ImGui::TreeNodeEx(key.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth, "%s", label.c_str())) return;
  if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) node(std::to_string(i), v[i], depth + 1, open_depth);
  } else {
    for (auto it = v.begin(); it != v.end(); ++it) node(it.key(), it.value(), depth + 1, open_depth);
  }
  ImGui::TreePop();
}

}  // namespace

void json_tree_widget(const char* id, const nlohmann::json& value, int open_depth) {
  ImGui::PushID(id);
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) node(it.key(), it.value(), 0, open_depth);
  } else {
    node("(root)", value, 0, open_depth);
  }
  ImGui::PopID();
}

}  // namespace tt::viewer
