// Passes panel: the ordered pass list (time, changed mark), the IR after the selected pass, and a
// line diff against the previous pass; IR lines link to source lines both ways.
#pragma once

#include <memory>
#include <vector>

#include "compiler/ir/line_diff.h"
#include "viewer/code_text.h"
#include "viewer/code_view.h"
#include "viewer/panel.h"

namespace tt::viewer {

class PassesPanel : public Panel {
 public:
  const char* name() const override { return "Passes"; }
  // The IR text drawn in the last frame (tests check it is the selected kernel's and pass's).
  const CodeText* shown_ir() const { return ir_.get(); }
  const LineDiff& shown_diff() const { return diff_; }
  // How line `line` of the IR view / row `row` of the diff view is marked.
  LineMark ir_mark(const ViewerState& state, size_t line) const;
  LineMark diff_mark(const ViewerState& state, size_t row) const;

 protected:
  void draw_content(ViewerState& state) override;

 private:
  void draw_table(ViewerState& state, const KernelResult& kernel, int selected);
  void refresh(const ViewerState& state, const KernelResult& kernel, int pass);
  void draw_ir(ViewerState& state, const PassRecord& rec, bool scroll);
  void draw_diff(ViewerState& state, const KernelResult& kernel, int pass, bool scroll);

  // Caches keyed on (generation, kernel, pass).
  uint64_t gen_ = UINT64_MAX;
  const KernelResult* kernel_ = nullptr;
  int pass_ = -1;
  std::unique_ptr<CodeText> ir_;
  LineDiff diff_;
  std::unique_ptr<CodeText> diff_text_;
  // Selection-derived and search-derived line sets, keyed on their versions.
  uint64_t linked_key_ = UINT64_MAX, search_key_ = UINT64_MAX;
  std::vector<size_t> linked_;       // IR lines derived from the selected source line (sorted)
  std::vector<size_t> diff_linked_;  // the same, as diff rows
  std::vector<size_t> hits_;         // IR lines matching the search
  int current_hit_ = -1;             // last match jumped to
  int scroll_hit_ = -1;              // this frame's jump target
  bool shown_diff_ = false;          // the mode hits_ were computed for
  // A diff just came into view (another pass, a recompile, or the Diff mode chosen): with no linked
  // line to show, it opens at its first change rather than at the unchanged module attributes.
  bool diff_opened_ = true;
};

}  // namespace tt::viewer
