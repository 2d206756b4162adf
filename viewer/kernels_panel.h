// Kernels panel: the generated reader | compute | writer side by side (Tree-sitter C++), the host
// program, tt.plan.json as a collapsible tree, and any other artifact; generated lines link to
// source lines both ways through Artifact::provenance.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "viewer/code_text.h"
#include "viewer/panel.h"

namespace tt::viewer {

class KernelsPanel : public Panel {
 public:
  const char* name() const override { return "Kernels"; }

 protected:
  void draw_content(ViewerState& state) override;

 private:
  struct View {
    const Artifact* artifact = nullptr;
    std::unique_ptr<CodeText> code;
    std::vector<size_t> linked, hits;
    int current_hit = -1;
  };
  void refresh(const ViewerState& state, const KernelResult& kernel);
  void draw_artifact(ViewerState& state, View& view, bool scroll, bool next_hit_requested, ImVec2 size);

  uint64_t gen_ = UINT64_MAX, linked_key_ = UINT64_MAX, search_key_ = UINT64_MAX;
  int kernel_ = -1;
  std::map<std::string, View> views_;  // by artifact name
  std::optional<nlohmann::json> plan_;
  std::string plan_error_;
  uint64_t plan_selection_seen_ = UINT64_MAX;  // the selection version the plan was last revealed for
};

// The tt.plan.json entries of one core: its work_partition "(x,y)" list and its "cores" item.
bool plan_entry_of_core(const std::vector<std::string>& path, const nlohmann::json& node, CoreXY core);

}  // namespace tt::viewer
