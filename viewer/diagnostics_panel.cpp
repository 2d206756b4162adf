// DiagnosticsPanel: summary line and one selectable row per diagnostic (notes indented).
#include "viewer/diagnostics_panel.h"

#include <filesystem>
#include <string>

#include "compiler/advice/advice.h"
#include "viewer/theme.h"

namespace tt::viewer {

void select_diagnostic(ViewerState& state, const Diagnostic& d) {
  if (const KernelResult* k = state.kernel(); k && !d.pass.empty()) {
    for (size_t i = 0; i < k->trace.passes.size(); ++i) {
      if (k->trace.passes[i].name == d.pass) state.selection.pass = static_cast<int>(i);
    }
  }
  state.selection.select_source_line(d.span.valid() ? d.span.begin.line : 0, SelectionOrigin::Diagnostics);
}

namespace {

ImU32 severity_color(Severity s) {
  switch (s) {
    case Severity::Error:
      return colors::kError;
    case Severity::Warning:
      return colors::kWarning;
    case Severity::Note:
      return colors::kAccent;
  }
  return colors::kText;
}

std::string location(const Diagnostic& d, const std::string& file) {
  // Built with append: GCC 12 raises a false -Wrestrict on `":" + std::to_string(...)`.
  std::string loc = file;
  if (d.span.valid()) {
    loc.append(":").append(std::to_string(d.span.begin.line)).append(":").append(std::to_string(d.span.begin.col));
  }
  loc.append(": ").append(severity_name(d.severity));
  if (!d.pass.empty()) loc.append("  [").append(d.pass).append("]");
  return loc;
}

// One diagnostic: a clickable location line, the message wrapped to the panel, the quoted line.
void diagnostic_row(ViewerState& state, const Diagnostic& d, const std::string& file, const SourceFile& source,
                    float indent) {
  const bool selected = d.span.valid() && state.selection.source.first == d.span.begin.line;
  if (indent > 0) ImGui::Indent(indent);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(severity_color(d.severity)));
  if (ImGui::Selectable(location(d, file).c_str(), selected)) select_diagnostic(state, d);
  ImGui::PopStyleColor();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(d.message.c_str());
  ImGui::PopTextWrapPos();
  if (d.span.valid()) {
    std::string_view line = source.line(d.span.begin.line);
    size_t first = line.find_first_not_of(' ');
    line.remove_prefix(first == std::string_view::npos ? line.size() : first);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kDim));
    ImGui::PushFont(fonts().mono);
    ImGui::TextUnformatted(line.data(), line.data() + line.size());
    ImGui::PopFont();
    ImGui::PopStyleColor();
  }
  if (indent > 0) ImGui::Unindent(indent);
}

// The emulation verdict and its located details; a detail naming a core selects it.
void emulation_rows(ViewerState& state, const EmulationReport& e) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(e.passed ? colors::kOk : colors::kError));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(e.summary.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  for (size_t i = 0; i < e.details.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::Indent(16);
    ImGui::PushTextWrapPos(0.0f);
    if (e.core && ImGui::Selectable(e.details[i].c_str(), state.selection.core == e.core)) {
      state.selection.select_core(e.core, SelectionOrigin::Diagnostics);
    } else if (!e.core) {
      ImGui::TextUnformatted(e.details[i].c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::Unindent(16);
    ImGui::PopID();
  }
}

}  // namespace

DiagnosticList kernel_advice(const ViewerState& state) {
  DiagnosticList out;
  const CompileResult* r = state.shown();
  const KernelResult* k = state.kernel();
  if (r && r->device && k && k->ok) advice::add_advice(*k, *r->device, out);
  return out;
}

const DiagnosticList& DiagnosticsPanel::advice(const ViewerState& state) {
  if (advice_generation_ != state.generation() || advice_kernel_ != state.selection.kernel) {
    advice_ = kernel_advice(state);
    advice_generation_ = state.generation();
    advice_kernel_ = state.selection.kernel;
  }
  return advice_;
}

std::string outcome_summary(const ViewerState& state, bool& failed) {
  failed = false;
  const CompileResult* r = state.current();
  if (!r) return "";
  std::string out;
  if (r->ok()) {
    out = "compiled OK";
  } else {
    const size_t errors = r->all_diagnostics().error_count();
    out = "compile failed: " + std::to_string(errors) + " error" + (errors == 1 ? "" : "s");
    failed = true;
  }
  if (const EmulationReport* e = state.emulation(); e && e->ran) {
    out += e->passed ? "; emulation passed" : "; EMULATION FAILED";
    failed |= !e->passed;
  }
  return out;
}

void DiagnosticsPanel::draw_content(ViewerState& state) {
  const CompileResult* r = state.current();
  if (!r) {
    empty_state("nothing compiled yet");
    return;
  }
  DiagnosticList diags = r->all_diagnostics();
  const size_t errors = diags.error_count();
  const size_t others = diags.size() - errors;
  int64_t micros = 0;
  for (const KernelResult& k : r->kernels) {
    for (const PassRecord& p : k.trace.passes) micros += p.micros;
  }
  const EmulationReport* emulation = state.emulation();
  const bool emulation_failed = emulation && emulation->ran && !emulation->passed;
  if (r->ok()) {
    std::string time = state.ui.hide_timings ? "" : ", passes " + std::to_string(micros) + " \xC2\xB5s";
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(emulation_failed ? colors::kWarning : colors::kOk),
                       "compiled OK: %zu kernel%s%s%s", r->kernels.size(), r->kernels.size() == 1 ? "" : "s",
                       time.c_str(), emulation_failed ? "; the emulated run FAILED (below)" : "");
  } else {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kError), "compile failed: %zu error%s", errors,
                       errors == 1 ? "" : "s");
  }
  if (others) {
    ImGui::SameLine();
    ImGui::TextDisabled("%zu warning/note%s", others, others == 1 ? "" : "s");
  }
  if (state.stale()) ImGui::TextDisabled("other panels show the last good result");
  ImGui::Separator();
  if (emulation && emulation->ran) {
    emulation_rows(state, *emulation);
    ImGui::Separator();
  }
  const DiagnosticList& notes = advice(state);
  if (diags.empty() && notes.empty()) {
    if (!emulation || !emulation->ran) empty_state("no diagnostics");
    return;
  }
  const std::string file = std::filesystem::path(r->source.path()).filename().string();
  ImGui::BeginChild("list");
  int id = 0;
  for (const Diagnostic& d : diags) {
    ImGui::PushID(id++);
    diagnostic_row(state, d, file, r->source, 0);
    for (const Diagnostic& n : d.notes) diagnostic_row(state, n, file, r->source, 16);
    ImGui::Spacing();
    ImGui::PopID();
  }
  if (!notes.empty()) {
    if (!diags.empty()) ImGui::Separator();
    ImGui::TextDisabled("advice: %zu note%s from the estimate of %s", notes.size(), notes.size() == 1 ? "" : "s",
                        state.kernel()->name.c_str());
    for (const Diagnostic& d : notes) {
      ImGui::PushID(id++);
      diagnostic_row(state, d, file, state.shown()->source, 0);
      ImGui::Spacing();
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

}  // namespace tt::viewer
