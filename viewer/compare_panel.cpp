// ComparePanel: B's setup line, the quantity table, an artifact combo and the A -> B diff.
#include "viewer/compare_panel.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "viewer/code_view.h"
#include "viewer/theme.h"

namespace tt::viewer {

bool parse_define_list(const std::string& text, std::map<std::string, std::string>& out, std::string& error) {
  std::istringstream words(text);
  for (std::string w; words >> w;) {
    if (w == "-D") continue;
    if (w.rfind("-D", 0) == 0) w = w.substr(2);
    const size_t eq = w.find('=');
    if (eq == std::string::npos || eq == 0) {
      error = "'" + w + "' is not NAME=VALUE";
      return false;
    }
    out[w.substr(0, eq)] = w.substr(eq + 1);
  }
  return true;
}

std::string configuration_label(const CompileOptions& options) {
  std::string text = options.device;
  for (const auto& [name, value] : options.defines) text += " -D " + name + "=" + value;
  return text;
}

namespace {

std::optional<Language> language_of(const std::string& artifact) {
  if (artifact.size() > 4 && artifact.compare(artifact.size() - 4, 4, ".cpp") == 0) return Language::Cpp;
  if (artifact.size() > 4 && artifact.compare(artifact.size() - 4, 4, ".tir") == 0) return Language::Python;
  return std::nullopt;
}

const KernelResult* kernel_named(const CompileResult& r, const std::string& name) {
  for (const KernelResult& k : r.kernels) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

}  // namespace

void ComparePanel::draw_setup(ViewerState& state) {
  ImGui::TextUnformatted("B:");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x * 0.45f));
  ImGui::InputTextWithHint("##defines", "-D overrides, e.g. block_M=64 block_N=64", defines_text_,
                           sizeof defines_text_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  ImGui::InputTextWithHint("##device", state.device().c_str(), device_text_, sizeof device_text_);
  ImGui::SameLine();
  if (ImGui::Button("Compare")) {
    std::map<std::string, std::string> defines;
    std::string error;
    setup_error_.clear();
    if (parse_define_list(defines_text_, defines, error)) {
      state.set_comparison(std::move(defines), device_text_[0] ? device_text_ : state.device());
      editing_ = false;
    } else {
      setup_error_ = error;
    }
  }
  if (!setup_error_.empty())
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kError), "%s", setup_error_.c_str());
}

void ComparePanel::draw_quantities(const perf::KernelComparison& c) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("quantities", 4, flags)) return;
  ImGui::TableSetupColumn("estimate / plan");
  ImGui::TableSetupColumn("A");
  ImGui::TableSetupColumn("B");
  ImGui::TableSetupColumn("B - A", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  auto row = [](const std::string& name, const std::string& a, const std::string& b, const std::string& delta,
                ImU32 color) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(a.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(b.c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color), "%s", delta.c_str());
  };
  for (const perf::QuantityDelta& q : c.quantities) {
    const std::string delta = perf::format_delta(q);
    const ImU32 color = delta == "=" || delta.empty() ? colors::kDim : colors::kText;
    row(q.unit.empty() ? q.name : q.name + " (" + q.unit + ")", perf::format_quantity(q.a, q.unit),
        perf::format_quantity(q.b, q.unit), delta, color);
  }
  auto binding = [](const std::string& b) { return b.empty() ? std::string("-") : b; };
  row("binding", binding(c.binding_a), binding(c.binding_b), c.binding_a == c.binding_b ? "=" : "changed",
      c.binding_a == c.binding_b ? colors::kDim : colors::kWarning);
  ImGui::EndTable();
}

void ComparePanel::draw_artifact_diff(const KernelResult& a, const KernelResult& b) {
  ImGui::SetNextItemWidth(200);
  if (ImGui::BeginCombo("file", artifact_.c_str())) {
    for (const perf::ArtifactDelta& d : comparison_->artifacts) {
      std::string label = d.name;
      if (!d.in_a || !d.in_b)
        label += d.in_a ? "  (only in A)" : "  (only in B)";
      else
        label += d.added + d.removed ? "  +" + std::to_string(d.added) + " -" + std::to_string(d.removed) : "  =";
      if (ImGui::Selectable(label.c_str(), d.name == artifact_)) artifact_ = d.name;
    }
    ImGui::EndCombo();
  }
  const Artifact* old_art = a.find_artifact(artifact_);
  const Artifact* new_art = b.find_artifact(artifact_);
  if (diffed_artifact_ != artifact_ || !diff_.text) {
    diff_ = make_diff_text(old_art ? old_art->text : "", new_art ? new_art->text : "", language_of(artifact_));
    diffed_artifact_ = artifact_;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("A -> B: +%zu -%zu lines%s", diff_.diff.added, diff_.diff.removed,
                      diff_.diff.truncated ? " (large change: not minimal)" : "");
  CodeViewOptions opts;
  opts.mark = [&](size_t row) { return diff_row_mark(diff_.diff, row); };
  opts.sign = [&](size_t row) { return diff_row_sign(diff_.diff, row); };
  opts.line_number = [&](size_t row) {
    const DiffLine& d = diff_.diff.lines[row];
    return d.kind == DiffLine::Kind::Removed ? -1L : static_cast<long>(d.new_line + 1);
  };
  // Open at the first change: the unchanged head of a file says nothing about the comparison.
  for (size_t row = 0; row < diff_.diff.lines.size() && scroll_to_change_; ++row) {
    if (diff_.diff.lines[row].kind != DiffLine::Kind::Same) {
      opts.scroll_to = static_cast<int>(row);
      break;
    }
  }
  scroll_to_change_ = false;
  code_view("##compare_diff", *diff_.text, opts);
}

void ComparePanel::draw_content(ViewerState& state) {
  const CompileOptions* b_options = state.comparison_options();
  const CompileResult* a = state.current();
  if (!b_options || editing_) {
    ImGui::TextWrapped(
        "Compare this file with a second configuration B (-D overrides, device): IR and kernel "
        "diffs, L1 and estimate deltas.");
    draw_setup(state);
    if (!b_options) return;
  } else {
    ImGui::Text("A: %s", configuration_label(state.options()).c_str());
    ImGui::Text("B: %s", configuration_label(*b_options).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("change")) {
      std::string text;
      for (const auto& [name, value] : b_options->defines) text += (text.empty() ? "" : " ") + name + "=" + value;
      std::snprintf(defines_text_, sizeof defines_text_, "%s", text.c_str());
      std::snprintf(device_text_, sizeof device_text_, "%s", b_options->device.c_str());
      editing_ = true;
    }
  }
  const CompileResult* b = state.comparison();
  const KernelResult* ka = state.kernel();
  if (!a || !b || !ka) {
    empty_state("nothing compiled yet");
    return;
  }
  const KernelResult* kb = kernel_named(*b, ka->name);
  if (!a->ok() || !b->ok() || !kb) {
    const CompileResult& failed = !a->ok() ? *a : *b;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kError), "%s does not compile: nothing to compare",
                       !a->ok() ? "A" : "B");
    for (const Diagnostic& d : failed.all_diagnostics()) {
      if (d.severity != Severity::Error) continue;
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(diagnostic_headline(d, failed.source.path(), true).c_str());
      ImGui::PopTextWrapPos();
    }
    if (a->ok() && b->ok() && !kb) ImGui::Text("B has no kernel named '%s'", ka->name.c_str());
    return;
  }
  if (gen_ != state.generation() || kernel_ != state.selection.kernel || !comparison_) {
    comparison_ = std::make_unique<perf::KernelComparison>(perf::compare_kernels(*ka, *kb));
    gen_ = state.generation();
    kernel_ = state.selection.kernel;
    diff_ = {};
    scroll_to_change_ = true;
  }
  ImGui::Text("kernel %s", ka->name.c_str());
  draw_quantities(*comparison_);
  ImGui::Spacing();
  draw_artifact_diff(*ka, *kb);
}

}  // namespace tt::viewer
