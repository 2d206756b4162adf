// KernelsPanel drawing: tabs, three-column device kernels, host program, plan tree, other files.
#include "viewer/kernels_panel.h"

#include <algorithm>

#include "viewer/code_view.h"
#include "viewer/json_tree_widget.h"
#include "viewer/search_box.h"
#include "viewer/theme.h"

namespace tt::viewer {

namespace {
const char* const kDeviceKernels[] = {"reader.cpp", "compute.cpp", "writer.cpp"};

bool ends_with(const std::string& s, const char* suffix) {
  std::string_view v(s), x(suffix);
  return v.size() >= x.size() && v.substr(v.size() - x.size()) == x;
}

std::optional<Language> language_of(const std::string& name) {
  if (ends_with(name, ".cpp") || ends_with(name, ".h") || ends_with(name, ".hpp")) return Language::Cpp;
  if (ends_with(name, ".tir") || ends_with(name, ".py")) return Language::Python;
  return std::nullopt;
}
}  // namespace

void KernelsPanel::refresh(const ViewerState& state, const KernelResult& kernel) {
  if (gen_ != state.generation() || kernel_ != state.selection.kernel) {
    gen_ = state.generation();
    kernel_ = state.selection.kernel;
    views_.clear();
    for (const Artifact& a : kernel.artifacts) {
      View& v = views_[a.name];
      v.artifact = &a;
      v.code = std::make_unique<CodeText>(a.text, language_of(a.name));
    }
    plan_.reset();
    plan_error_.clear();
    if (const Artifact* plan = kernel.find_artifact("tt.plan.json")) {
      try {
        plan_ = nlohmann::json::parse(plan->text);
      } catch (const std::exception& e) {
        plan_error_ = e.what();
      }
    }
    linked_key_ = search_key_ = UINT64_MAX;
  }
  if (linked_key_ != state.selection.version) {
    linked_key_ = state.selection.version;
    for (auto& [name, v] : views_) v.linked = lines_derived_from(v.artifact->provenance, state.selection.source.first);
  }
  if (search_key_ != state.ui.search_version) {
    search_key_ = state.ui.search_version;
    for (auto& [name, v] : views_) v.hits = v.code->find(state.ui.search);
  }
}

void KernelsPanel::draw_artifact(ViewerState& state, View& view, bool scroll, bool next_hit_requested, ImVec2 size) {
  const Selection& sel = state.selection;
  const std::string& name = view.artifact->name;
  const bool searching = !state.ui.search.empty();
  CodeViewOptions opts;
  opts.greyed = state.stale();
  opts.mark = [&](size_t i) {
    if (sel.artifact == name && sel.artifact_line >= 0 && static_cast<size_t>(sel.artifact_line) == i)
      return LineMark::Selected;
    if (std::binary_search(view.linked.begin(), view.linked.end(), i)) return LineMark::Linked;
    if (searching && std::binary_search(view.hits.begin(), view.hits.end(), i)) return LineMark::SearchHit;
    return LineMark::None;
  };
  if (next_hit_requested && !view.hits.empty())
    opts.scroll_to = view.current_hit = next_hit(view.hits, view.current_hit);
  else if (scroll && !view.linked.empty())
    opts.scroll_to = static_cast<int>(view.linked.front());
  CodeViewEvent ev = code_view(name.c_str(), *view.code, opts, size);
  if (ev.clicked >= 0)
    state.selection.select_artifact_line(name, ev.clicked, view.artifact->provenance, SelectionOrigin::Kernels);
}

void KernelsPanel::draw_content(ViewerState& state) {
  const KernelResult* kernel = state.kernel();
  if (!kernel) {
    empty_state("no kernels");
    return;
  }
  refresh(state, *kernel);
  if (views_.empty()) {
    empty_state(kernel->ok ? "no artifacts yet (codegen has not produced files)"
                           : "no artifacts yet: the pipeline failed");
    return;
  }
  stale_banner(state);
  const bool scroll = selection_changed_elsewhere(state, SelectionOrigin::Kernels);
  size_t total_hits = 0;
  for (auto& [name, v] : views_) total_hits += v.hits.size();
  const uint64_t before = state.ui.search_version;
  const bool next = search_box(state, "kernels_find", total_hits);
  if (state.ui.search_version != before) refresh(state, *kernel);

  if (!ImGui::BeginTabBar("artifacts")) return;
  if (ImGui::BeginTabItem("reader | compute | writer")) {
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_NoSavedSettings;
    if (ImGui::BeginTable("device", 3, flags, ImGui::GetContentRegionAvail())) {
      for (const char* k : kDeviceKernels) ImGui::TableSetupColumn(k, ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      ImGui::TableNextRow();
      for (const char* k : kDeviceKernels) {
        ImGui::TableNextColumn();
        auto it = views_.find(k);
        if (it == views_.end()) {
          ImGui::TextDisabled("%s not generated yet", k);
          continue;
        }
        draw_artifact(state, it->second, scroll, next, ImVec2(0, ImGui::GetContentRegionAvail().y));
      }
      ImGui::EndTable();
    }
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("main.cpp")) {
    auto it = views_.find("main.cpp");
    if (it == views_.end())
      empty_state("main.cpp not generated yet");
    else
      draw_artifact(state, it->second, scroll, next, ImVec2(0, 0));
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("tt.plan.json")) {
    if (plan_) {
      ImGui::BeginChild("plan");
      // The selected core's entries are marked, and revealed when the selection changes.
      JsonTreeMarks marks;
      const std::optional<CoreXY> core = state.selection.core;
      if (core) {
        marks.marked = [c = *core](const std::vector<std::string>& path, const nlohmann::json& n) {
          return plan_entry_of_core(path, n, c);
        };
        marks.reveal = plan_selection_seen_ != state.selection.version;
      }
      plan_selection_seen_ = state.selection.version;
      json_tree_widget("plan", *plan_, 1, core ? &marks : nullptr);
      ImGui::EndChild();
    } else if (!plan_error_.empty()) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kError), "tt.plan.json does not parse: %s",
                         plan_error_.c_str());
    } else {
      empty_state("tt.plan.json not generated yet");
    }
    ImGui::EndTabItem();
  }
  for (auto& [name, v] : views_) {
    if (name == "main.cpp" || name == "tt.plan.json" ||
        std::find(std::begin(kDeviceKernels), std::end(kDeviceKernels), name) != std::end(kDeviceKernels)) {
      continue;
    }
    if (ImGui::BeginTabItem(name.c_str())) {
      draw_artifact(state, v, scroll, next, ImVec2(0, 0));
      ImGui::EndTabItem();
    }
  }
  ImGui::EndTabBar();
}

bool plan_entry_of_core(const std::vector<std::string>& path, const nlohmann::json& node, CoreXY core) {
  if (path.size() != 2) return false;
  if (path[0] == "work_partition") {
    // The schema keys work by "(cx,cy)".
    return path[1] == "(" + std::to_string(core.x) + "," + std::to_string(core.y) + ")";
  }
  if (path[0] == "cores" && node.is_object()) {
    auto it = node.find("core");
    return it != node.end() && it->is_array() && it->size() == 2 && (*it)[0] == core.x && (*it)[1] == core.y;
  }
  return false;
}

}  // namespace tt::viewer
