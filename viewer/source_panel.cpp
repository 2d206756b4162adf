// SourcePanel drawing: toolbar, parameter form, highlighted view or editor.
#include "viewer/source_panel.h"

#include <imgui_stdlib.h>

#include <filesystem>
#include <functional>

#include "viewer/code_view.h"
#include "viewer/dtype_choices.h"
#include "viewer/theme.h"

namespace tt::viewer {

void SourcePanel::refresh(const ViewerState& state) {
  if (state.text_version() == text_version_ && code_) return;
  text_version_ = state.text_version();
  code_ = std::make_unique<CodeText>(state.source_text(), Language::Python);
  factories_ = find_factories(state.source_text());
  if (!editing_) edit_buffer_ = state.source_text();
}

void SourcePanel::draw_form(ViewerState& state) {
  // A change recompiles, which frees the result (and the overrides map) this form reads: it is
  // applied once the form is drawn.
  std::function<void()> change;
  const CompileResult* shown = state.shown();
  const std::vector<std::string> dtypes =
      shown && shown->device ? offered_dtypes(*shown->device) : std::vector<std::string>{};
  std::vector<std::string> devices = available_devices();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Device");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(170);
  if (ImGui::BeginCombo("##device", state.device().c_str())) {
    for (const std::string& d : devices) {
      if (ImGui::Selectable(d.c_str(), d == state.device())) change = [&state, d] { state.set_device(d); };
    }
    ImGui::EndCombo();
  }
  if (!state.defines().empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Reset parameters")) {
      change = [&state] { state.clear_defines(); };
      edits_.clear();
    }
  }
  for (const Factory& f : factories_) {
    if (f.params.empty()) continue;
    ImGui::PushID(f.name.c_str());
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings;
    if (ImGui::BeginTable("params", 4, flags)) {
      for (const FactoryParam& p : f.params) {
        ImGui::TableNextColumn();
        const std::string define = define_name(factories_, f, p);
        auto over = state.defines().find(define);
        if (over == state.defines().end()) over = state.defines().find(p.name);  // a bare -D binds every factory
        const bool overridden = over != state.defines().end();
        ImGui::AlignTextToFramePadding();
        if (overridden) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kAccent));
        ImGui::TextUnformatted(p.name.c_str());
        if (overridden) ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        std::string value = overridden ? over->second : p.effective();
        ImGui::PushID(p.name.c_str());
        ImGui::SetNextItemWidth(p.is_string ? 110.0f : 70.0f);
        if (p.is_string && !dtypes.empty()) {
          std::string current = unquote_python_string(value);
          if (ImGui::BeginCombo("##v", current.c_str())) {
            for (const std::string& dt : dtypes) {
              if (ImGui::Selectable(dt.c_str(), dt == current)) {
                change = [&state, define, dt] { state.set_define(define, quote_python_string(dt)); };
              }
            }
            ImGui::EndCombo();
          }
        } else {
          std::string& buf = edits_.try_emplace(define, value).first->second;
          if (active_param_ != define) buf = value;  // not being typed in: mirror the compiled value
          ImGui::InputText("##v", &buf, ImGuiInputTextFlags_AutoSelectAll);
          // A typed value is applied when the field is left by any means (Enter, Tab, a click
          // elsewhere), never silently dropped; Escape reverts it (ImGui restores the text).
          if (ImGui::IsItemDeactivatedAfterEdit()) {
            if (buf.empty() || buf == p.effective())
              change = [&state, define] { state.clear_define(define); };
            else
              change = [&state, define, v = buf] { state.set_define(define, v); };
          }
          if (ImGui::IsItemActive())
            active_param_ = define;
          else if (active_param_ == define)
            active_param_.clear();
        }
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    ImGui::PopID();
  }
  if (change) change();
}

void SourcePanel::draw_content(ViewerState& state) {
  if (!editing_) refresh(state);  // while typing, the editor shows the text; re-highlight on leaving
  std::string file = state.path().empty() ? "(no file)" : std::filesystem::path(state.path()).filename().string();
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%s%s", file.c_str(), state.dirty() ? " *" : "");
  if (state.changed_on_disk()) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kWarning), "(changed on disk)");
  }
  ImGui::SameLine(ImGui::GetContentRegionMax().x - 60);
  if (ImGui::Button(editing_ ? "View" : "Edit", ImVec2(60, 0))) {
    editing_ = !editing_;
    edit_buffer_ = state.source_text();
  }
  if (state.recovery()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kWarning));
    ImGui::TextUnformatted("Recovered unsaved edits from an earlier session:");
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("Restore them")) state.restore_recovery();
    ImGui::SameLine();
    if (ImGui::SmallButton("Discard them")) state.discard_recovery();
  }
  draw_form(state);
  ImGui::Separator();

  if (editing_) {
    ImGui::PushFont(fonts().mono);
    if (ImGui::InputTextMultiline("##edit", &edit_buffer_, ImGui::GetContentRegionAvail(),
                                  ImGuiInputTextFlags_AllowTabInput)) {
      state.set_source_text(edit_buffer_);
    }
    ImGui::PopFont();
    return;
  }
  if (!code_ || code_->line_count() == 0) {
    empty_state("no source: open a TileLang file (Ctrl+O)");
    return;
  }

  // Lines with errors, from the latest compile (the user is fixing those).
  std::vector<uint32_t> error_lines;
  if (const CompileResult* cur = state.current()) {
    for (const Diagnostic& d : cur->all_diagnostics()) {
      if (d.severity == Severity::Error && d.span.valid()) error_lines.push_back(d.span.begin.line);
    }
  }
  const Selection& sel = state.selection;
  CodeViewOptions opts;
  opts.mark = [&](size_t i) {
    auto line = static_cast<uint32_t>(i + 1);
    if (sel.source.contains(line)) return line == sel.source.first ? LineMark::Selected : LineMark::Linked;
    if (std::find(error_lines.begin(), error_lines.end(), line) != error_lines.end()) return LineMark::Error;
    return LineMark::None;
  };
  if (selection_changed_elsewhere(state, SelectionOrigin::Source) && !sel.source.empty()) {
    opts.scroll_to = static_cast<int>(sel.source.first) - 1;
  }
  CodeViewEvent ev = code_view("##source", *code_, opts);
  if (ev.clicked >= 0)
    state.selection.select_source_line(static_cast<uint32_t>(ev.clicked + 1), SelectionOrigin::Source);
}

}  // namespace tt::viewer
