// PassesPanel drawing and its caches (IR text, diff, linked lines, search hits).
#include "viewer/passes_panel.h"

#include <algorithm>

#include "viewer/code_view.h"
#include "viewer/diff_text.h"
#include "viewer/search_box.h"
#include "viewer/theme.h"

namespace tt::viewer {

namespace {
bool contains_sorted(const std::vector<size_t>& v, size_t x) { return std::binary_search(v.begin(), v.end(), x); }
}  // namespace

void PassesPanel::refresh(const ViewerState& state, const KernelResult& kernel, int pass) {
  // Keyed on the record drawn from, not on indices that may have moved on this frame.
  const bool same = gen_ == state.generation() && kernel_ == &kernel && pass_ == pass;
  if (!same) {
    gen_ = state.generation();
    kernel_ = &kernel;
    pass_ = pass;
    const PassRecord& rec = kernel.trace.passes[static_cast<size_t>(pass)];
    ir_ = std::make_unique<CodeText>(rec.ir_text, Language::Python);
    const std::string& prev = pass > 0 ? kernel.trace.passes[static_cast<size_t>(pass - 1)].ir_text : std::string();
    DiffText diff = make_diff_text(prev, rec.ir_text, Language::Python);
    diff_ = std::move(diff.diff);
    diff_text_ = std::move(diff.text);
    linked_key_ = search_key_ = UINT64_MAX;
    current_hit_ = -1;
    diff_opened_ = true;
  }
  if (linked_key_ != state.selection.version) {
    linked_key_ = state.selection.version;
    const PassRecord& rec = kernel.trace.passes[static_cast<size_t>(pass)];
    linked_ = lines_derived_from(rec.line_spans, state.selection.source.first);
    diff_linked_.clear();
    for (size_t row = 0; row < diff_.lines.size(); ++row) {
      const DiffLine& d = diff_.lines[row];
      if (d.kind != DiffLine::Kind::Removed && contains_sorted(linked_, d.new_line)) diff_linked_.push_back(row);
    }
  }
  if (search_key_ != state.ui.search_version || shown_diff_ != state.ui.show_diff) {
    search_key_ = state.ui.search_version;
    hits_ = (state.ui.show_diff ? *diff_text_ : *ir_).find(state.ui.search);
    shown_diff_ = state.ui.show_diff;
  }
}

LineMark PassesPanel::ir_mark(const ViewerState& state, size_t line) const {
  const Selection& sel = state.selection;
  if (sel.ir_line >= 0 && static_cast<size_t>(sel.ir_line) == line) return LineMark::Selected;
  if (contains_sorted(linked_, line)) return LineMark::Linked;
  if (!state.ui.search.empty() && contains_sorted(hits_, line)) return LineMark::SearchHit;
  return LineMark::None;
}

LineMark PassesPanel::diff_mark(const ViewerState& state, size_t row) const {
  if (row >= diff_.lines.size()) return LineMark::None;
  // A match is marked on changed lines too (the +/- sign column still tells them apart): what
  // changed is usually what is searched for in a diff.
  if (contains_sorted(diff_linked_, row)) return LineMark::Linked;
  if (!state.ui.search.empty() && contains_sorted(hits_, row)) return LineMark::SearchHit;
  return diff_row_mark(diff_, row);
}

void PassesPanel::draw_table(ViewerState& state, const KernelResult& kernel, int selected) {
  // Up to 12 rows the table sizes itself; longer pipelines scroll inside 12 rows.
  const bool scroll = kernel.trace.passes.size() > 11;
  const float height = scroll ? 12 * ImGui::GetTextLineHeightWithSpacing() : 0.0f;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_NoSavedSettings | (scroll ? ImGuiTableFlags_ScrollY : 0);
  if (!ImGui::BeginTable("passes", 4, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn("Pass", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Time (\xC2\xB5s)");
  ImGui::TableSetupColumn("Changed");
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < kernel.trace.passes.size(); ++i) {
    const PassRecord& rec = kernel.trace.passes[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%zu", i);
    ImGui::TableNextColumn();
    if (!rec.succeeded) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kError));
    if (ImGui::Selectable(rec.name.c_str(), static_cast<int>(i) == selected, ImGuiSelectableFlags_SpanAllColumns)) {
      state.selection.select_pass(static_cast<int>(i), SelectionOrigin::Passes);
    }
    if (!rec.succeeded) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      const PassInfo* info = find_pass(rec.name);
      ImGui::TextUnformatted(info ? info->summary : "front end output (the IR as lowered from the source)");
      for (const AttrChange& c : rec.attr_changes)
        ImGui::BulletText("%s %s", attr_change_kind_name(c.kind), c.key.c_str());
      if (!rec.diagnostics.empty()) ImGui::Text("%zu diagnostics", rec.diagnostics.size());
      ImGui::EndTooltip();
    }
    ImGui::TableNextColumn();
    if (state.ui.hide_timings)
      ImGui::TextDisabled("-");
    else
      ImGui::Text("%lld", static_cast<long long>(rec.micros));
    ImGui::TableNextColumn();
    if (!rec.succeeded)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kError), "failed");
    else if (rec.changed)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kOk), "\xE2\x97\x8F changed");
    else
      ImGui::TextDisabled("-");
  }
  ImGui::EndTable();
}

void PassesPanel::draw_ir(ViewerState& state, const PassRecord& rec, bool scroll) {
  CodeViewOptions opts;
  opts.greyed = state.stale();
  opts.mark = [&](size_t i) { return ir_mark(state, i); };
  if (scroll_hit_ >= 0)
    opts.scroll_to = scroll_hit_;
  else if (scroll && !linked_.empty())
    opts.scroll_to = static_cast<int>(linked_.front());
  CodeViewEvent ev = code_view("##ir", *ir_, opts);
  if (ev.clicked >= 0) state.selection.select_ir_line(ev.clicked, rec.line_spans, SelectionOrigin::Passes);
}

void PassesPanel::draw_diff(ViewerState& state, const KernelResult& kernel, int pass, bool scroll) {
  const PassRecord& rec = kernel.trace.passes[static_cast<size_t>(pass)];
  if (pass == 0)
    ImGui::TextDisabled("first record: everything is new");
  else
    ImGui::TextDisabled("vs %s: +%zu -%zu lines%s", kernel.trace.passes[static_cast<size_t>(pass - 1)].name.c_str(),
                        diff_.added, diff_.removed, diff_.truncated ? " (large change: not minimal)" : "");
  CodeViewOptions opts;
  opts.greyed = state.stale();
  opts.mark = [&](size_t row) { return diff_mark(state, row); };
  opts.sign = [&](size_t row) { return diff_row_sign(diff_, row); };
  opts.line_number = [&](size_t row) {
    const DiffLine& d = diff_.lines[row];
    return d.kind == DiffLine::Kind::Removed ? -1L : static_cast<long>(d.new_line + 1);
  };
  if (scroll_hit_ >= 0) {
    opts.scroll_to = scroll_hit_;
  } else if (scroll && !diff_linked_.empty()) {
    opts.scroll_to = static_cast<int>(diff_linked_.front());
  } else if (diff_opened_) {
    auto first = std::find_if(diff_.lines.begin(), diff_.lines.end(),
                              [](const DiffLine& d) { return d.kind != DiffLine::Kind::Same; });
    if (first != diff_.lines.end()) opts.scroll_to = static_cast<int>(first - diff_.lines.begin());
  }
  diff_opened_ = false;
  CodeViewEvent ev = code_view("##diff", *diff_text_, opts);
  if (ev.clicked >= 0) {
    const DiffLine& d = diff_.lines[static_cast<size_t>(ev.clicked)];
    if (d.kind != DiffLine::Kind::Removed) {
      state.selection.select_ir_line(static_cast<int>(d.new_line), rec.line_spans, SelectionOrigin::Passes);
    } else {
      const PassRecord& prev = kernel.trace.passes[static_cast<size_t>(pass - 1)];
      state.selection.select_ir_line(static_cast<int>(d.old_line), prev.line_spans, SelectionOrigin::Passes);
      state.selection.ir_line = -1;  // that line is not in this pass's IR
    }
  }
}

void PassesPanel::draw_content(ViewerState& state) {
  const KernelResult* kernel = state.kernel();
  if (!kernel || kernel->trace.passes.empty()) {
    const CompileResult* r = state.shown();
    empty_state(r && r->diagnostics.has_errors() ? "no kernels: the front end reported errors (see Diagnostics)"
                                                 : "no kernels");
    return;
  }
  stale_banner(state);
  const CompileResult* r = state.shown();
  if (r->kernels.size() > 1) {
    ImGui::SetNextItemWidth(200);
    if (ImGui::BeginCombo("Kernel", kernel->name.c_str())) {
      for (size_t i = 0; i < r->kernels.size(); ++i) {
        if (ImGui::Selectable(r->kernels[i].name.c_str(), static_cast<int>(i) == state.selection.kernel)) {
          state.select_kernel(static_cast<int>(i));
        }
      }
      ImGui::EndCombo();
    }
    kernel = state.kernel();  // everything below shows the kernel chosen this frame
  }
  int pass = state.pass_index();
  draw_table(state, *kernel, pass);
  pass = state.pass_index();
  const bool scroll = selection_changed_elsewhere(state, SelectionOrigin::Passes);
  refresh(state, *kernel, pass);

  const uint64_t search_before = state.ui.search_version;
  const bool next = search_box(state, "passes_find", hits_.size());
  if (state.ui.search_version != search_before) refresh(state, *kernel, pass);
  scroll_hit_ = -1;
  if (next) scroll_hit_ = current_hit_ = next_hit(hits_, current_hit_);
  ImGui::SameLine();
  if (ImGui::RadioButton("IR", !state.ui.show_diff)) state.ui.show_diff = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("Diff vs previous", state.ui.show_diff) && !state.ui.show_diff) {
    state.ui.show_diff = true;
    diff_opened_ = true;
  }
  refresh(state, *kernel, pass);

  const PassRecord& rec = kernel->trace.passes[static_cast<size_t>(pass)];
  if (state.ui.show_diff)
    draw_diff(state, *kernel, pass, scroll);
  else
    draw_ir(state, rec, scroll);
}

}  // namespace tt::viewer
