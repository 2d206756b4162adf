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

struct Walk {
  int open_depth = 1;
  const JsonTreeMarks* marks = nullptr;
  std::vector<std::string> path;
  bool scrolled = false;

  bool is_marked(const nlohmann::json& v) const { return marks && marks->marked && marks->marked(path, v); }
  // Whether `v` (at `path`) or anything below it is marked: only asked on reveal frames.
  bool holds_mark(const nlohmann::json& v) {
    if (is_marked(v)) return true;
    if (!v.is_structured()) return false;
    bool found = false;
    size_t i = 0;
    for (auto it = v.begin(); it != v.end() && !found; ++it, ++i) {
      path.push_back(v.is_array() ? std::to_string(i) : it.key());
      found = holds_mark(it.value());
      path.pop_back();
    }
    return found;
  }
  void reveal_here(bool marked) {
    if (marked && marks && marks->reveal && !scrolled) {
      ImGui::SetScrollHereY(0.3f);
      scrolled = true;
    }
  }

  void node(const std::string& key, const nlohmann::json& v, int depth) {
    path.push_back(key);
    const bool marked = is_marked(v);
    const ImU32 key_color = marked ? colors::kAccent : token_color(TokenKind::Property);
    if (!v.is_structured() || is_flat_array(v)) {
      ImGui::TreePush(key.c_str());
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(key_color), "%s:", key.c_str());
      ImGui::SameLine();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(scalar_color(v.is_array() && !v.empty() ? v[0] : v)), "%s",
                         v.is_array() ? v.dump().c_str() : scalar_text(v).c_str());
      reveal_here(marked);
      ImGui::TreePop();
      path.pop_back();
      return;
    }
    if (marks && marks->reveal && holds_mark(v))
      ImGui::SetNextItemOpen(true, ImGuiCond_Always);
    else if (depth < open_depth && v.size() <= 64)
      ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    std::string label =
        key + (v.is_array() ? "  [" + std::to_string(v.size()) + "]" : "  {" + std::to_string(v.size()) + "}");
    if (marked) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(key_color));
    const bool open = ImGui::TreeNodeEx(key.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth, "%s", label.c_str());
    if (marked) ImGui::PopStyleColor();
    reveal_here(marked);
    if (open) {
      if (v.is_array()) {
        for (size_t i = 0; i < v.size(); ++i) node(std::to_string(i), v[i], depth + 1);
      } else {
        for (auto it = v.begin(); it != v.end(); ++it) node(it.key(), it.value(), depth + 1);
      }
      ImGui::TreePop();
    }
    path.pop_back();
  }
};

}  // namespace

void json_tree_widget(const char* id, const nlohmann::json& value, int open_depth, const JsonTreeMarks* marks) {
  ImGui::PushID(id);
  Walk walk{open_depth, marks, {}, false};
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) walk.node(it.key(), it.value(), 0);
  } else {
    walk.node("(root)", value, 0);
  }
  ImGui::PopID();
}

}  // namespace tt::viewer
