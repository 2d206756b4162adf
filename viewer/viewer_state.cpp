// ViewerState: recompile on edit keeping the last good result, autosave and recovery, overrides
// scoped to the file, emulation bound to its program, file polling, selection clamping.
#include "viewer/viewer_state.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "compiler/codegen/atomic_file.h"
#include "compiler/ir/suggest.h"

namespace tt::viewer {

namespace fs = std::filesystem;

ViewerState::ViewerState(CompileFn compile) : compile_(std::move(compile)) {}

namespace {
bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return !in.bad();
}
}  // namespace

bool ViewerState::open_file(const std::string& path, std::string* error) {
  std::string text;
  if (!read_file(path, text)) {
    if (error) *error = "cannot read '" + path + "'";
    return false;
  }
  if (path != path_) {
    selection = Selection{};
    last_good_.reset();  // a good result of another file is no stand-in for this one
    // Overrides were set for the previous file's parameters (the first file keeps the command
    // line's -D): they mean nothing, or something else, in this one.
    if (!path_.empty()) options_.defines.clear();
    emulation_.reset();
  }
  if (dirty_) autosave_.remove(path_);  // the caller chose to discard those edits
  path_ = path;
  text_ = std::move(text);
  ++text_version_;
  dirty_ = false;
  changed_on_disk_ = false;
  std::error_code ec;
  mtime_ = fs::last_write_time(path_, ec);
  recovery_.reset();
  if (std::optional<std::string> kept = autosave_.read(path_)) {
    if (*kept != text_)
      recovery_ = std::move(kept);
    else
      autosave_.remove(path_);  // nothing to recover: the file already holds those edits
  }
  recompile();
  return true;
}

void ViewerState::close_file() {
  if (dirty_) autosave_.remove(path_);
  path_.clear();
  text_.clear();
  ++text_version_;
  dirty_ = false;
  changed_on_disk_ = false;
  recovery_.reset();
  options_.defines.clear();
  emulation_.reset();
  current_.reset();
  last_good_.reset();
  selection = Selection{};
  ++generation_;
}

void ViewerState::discard_unsaved() {
  if (!dirty_) return;
  autosave_.remove(path_);
  if (path_.empty() || !open_file(path_)) dirty_ = false;
}

void ViewerState::write_autosave() {
  if (dirty_) autosave_.write(path_, text_);  // best effort: a full disk must not block editing
}

void ViewerState::restore_recovery() {
  if (!recovery_) return;
  set_source_text(*recovery_);  // a copy: moving out of the optional trips GCC 12's -Wmaybe-uninitialized
  recovery_.reset();
}

void ViewerState::discard_recovery() {
  if (!recovery_) return;
  recovery_.reset();
  autosave_.remove(path_);
}

void ViewerState::set_source_text(std::string text) {
  if (text == text_) return;
  text_ = std::move(text);
  ++text_version_;
  dirty_ = true;
  write_autosave();
  recompile();
}

bool ViewerState::save(std::string* error) {
  if (path_.empty()) {
    if (error) *error = "no file to save to";
    return false;
  }
  std::string write_error;
  if (!write_file_atomically(path_, text_, write_error)) {
    if (error) *error = write_error;
    return false;
  }
  std::error_code ec;
  dirty_ = false;
  changed_on_disk_ = false;
  mtime_ = fs::last_write_time(path_, ec);
  autosave_.remove(path_);
  recovery_.reset();
  return true;
}

void ViewerState::recompile() {
  auto result = std::make_shared<CompileResult>(compile_(SourceFile(path_, text_), options_));
  if (result->ok()) last_good_ = result;
  current_ = std::move(result);
  if (comparison_options_) {
    comparison_ = std::make_shared<CompileResult>(compile_(SourceFile(path_, text_), *comparison_options_));
  }
  ++generation_;
  clamp_selection();
  drop_emulation_if_program_changed();
}

void ViewerState::set_comparison(std::map<std::string, std::string> defines, std::string device) {
  CompileOptions b = options_;
  b.defines = std::move(defines);
  b.device = std::move(device);
  comparison_options_ = std::move(b);
  comparison_.reset();
  if (current_) recompile();
}

void ViewerState::clear_comparison() {
  comparison_options_.reset();
  comparison_.reset();
}

void ViewerState::select_kernel(int index) {
  const CompileResult* r = shown();
  if (!r || index < 0 || index >= static_cast<int>(r->kernels.size()) || index == selection.kernel) return;
  selection.kernel = index;
  selection.select_pass(-1, SelectionOrigin::Command);
  selection.ir_line = -1;
  drop_emulation_if_program_changed();
}

std::string ViewerState::select_kernel_named(const std::string& name) {
  const CompileResult* r = shown();
  std::vector<std::string> names;
  for (size_t i = 0; r && i < r->kernels.size(); ++i) {
    if (r->kernels[i].name == name) {
      select_kernel(static_cast<int>(i));
      return "";
    }
    names.push_back(r->kernels[i].name);
  }
  if (names.empty()) return "no kernel named '" + name + "': " + path_ + " compiled to no kernel";
  return unknown_name_message("kernel", name, names, "kernels") + " in " + path_;
}

void ViewerState::drop_emulation_if_program_changed() {
  if (!emulation_) return;
  const KernelResult* k = kernel();
  if (!k || !k->ok || kernel_fingerprint(*k) != emulation_program_) {
    emulation_.reset();
    selection.time = 0;
  }
}

bool ViewerState::set_emulation(EmulationReport report, uint64_t program_fingerprint, std::string* why_not) {
  const KernelResult* k = kernel();
  if (!k || !k->ok || kernel_fingerprint(*k) != program_fingerprint) {
    if (why_not) *why_not = "the emulated program is no longer the shown kernel's (it was recompiled meanwhile)";
    return false;
  }
  emulation_ = std::move(report);
  emulation_program_ = program_fingerprint;
  selection.time = 0;
  if (emulation_->core) selection.select_core(emulation_->core, SelectionOrigin::Command);
  return true;
}

bool ViewerState::poll_file(double now_seconds) {
  if (path_.empty() || now_seconds - last_poll_ < 1.0) return false;
  last_poll_ = now_seconds;
  std::error_code ec;
  fs::file_time_type t = fs::last_write_time(path_, ec);
  if (ec || t == mtime_) return false;
  if (dirty_) {
    changed_on_disk_ = true;  // the user's unsaved edits win; the menu offers a reload
    mtime_ = t;
    return false;
  }
  std::string text;
  if (!read_file(path_, text)) return false;
  mtime_ = t;
  if (text == text_) return false;
  text_ = std::move(text);
  ++text_version_;
  recompile();
  return true;
}

void ViewerState::configure(std::map<std::string, std::string> defines, std::string device) {
  options_.defines = std::move(defines);
  options_.device = std::move(device);
}

void ViewerState::set_define(const std::string& name, const std::string& value) {
  auto it = options_.defines.find(name);
  if (it != options_.defines.end() && it->second == value) return;
  options_.defines[name] = value;
  recompile();
}

void ViewerState::clear_define(const std::string& name) {
  if (options_.defines.erase(name)) recompile();
}

void ViewerState::clear_defines() {
  if (options_.defines.empty()) return;
  options_.defines.clear();
  recompile();
}

void ViewerState::set_device(const std::string& device) {
  if (device == options_.device) return;
  options_.device = device;
  recompile();
}

bool ViewerState::set_trace(std::shared_ptr<const EmuTrace> trace, std::string* why_not) {
  if (!trace) {
    emulation_.reset();
    return true;
  }
  const KernelResult* k = kernel();
  std::string mismatch = !k || !k->ok ? "there is no compiled kernel to show it against" : trace_mismatch(*trace, *k);
  if (!mismatch.empty()) {
    if (why_not)
      *why_not = (trace->path.empty() ? std::string("trace") : trace->path) +
                 " was not recorded from this program: " + mismatch;
    return false;
  }
  EmulationReport report;
  report.summary = "emulation trace loaded from " + trace->path;
  report.trace = std::move(trace);
  return set_emulation(std::move(report), kernel_fingerprint(*k), why_not);
}

const CompileResult* ViewerState::shown() const {
  if (stale()) return last_good_.get();
  return current_.get();
}

bool ViewerState::stale() const {
  return current_ && !current_->ok() && current_->kernels.empty() && last_good_ && last_good_ != current_;
}

const CompileResult* ViewerState::good_beside_failure() const {
  if (!current_ || current_->ok() || stale() || !last_good_ || last_good_ == current_) return nullptr;
  return last_good_.get();
}

const KernelResult* ViewerState::good_kernel_beside_failure() const {
  const CompileResult* good = good_beside_failure();
  if (!good || good->kernels.empty()) return nullptr;
  const auto i = static_cast<size_t>(selection.kernel);
  return &good->kernels[i < good->kernels.size() ? i : 0];
}

const KernelResult* ViewerState::kernel() const {
  const CompileResult* r = shown();
  if (!r || r->kernels.empty()) return nullptr;
  return &r->kernels[static_cast<size_t>(selection.kernel)];
}

int ViewerState::pass_index() const {
  const KernelResult* k = kernel();
  if (!k || k->trace.passes.empty()) return -1;
  int n = static_cast<int>(k->trace.passes.size());
  return selection.pass < 0 || selection.pass >= n ? n - 1 : selection.pass;
}

const PassRecord* ViewerState::pass() const {
  int i = pass_index();
  return i < 0 ? nullptr : &kernel()->trace.passes[static_cast<size_t>(i)];
}

void ViewerState::clamp_selection() {
  const CompileResult* r = shown();
  int kernels = r ? static_cast<int>(r->kernels.size()) : 0;
  if (selection.kernel >= kernels) selection.kernel = 0;
  const KernelResult* k = kernel();
  int passes = k ? static_cast<int>(k->trace.passes.size()) : 0;
  if (selection.pass >= passes) selection.pass = -1;
  if (selection.core && r && r->device &&
      (selection.core->x >= r->device->grid_x || selection.core->y >= r->device->grid_y)) {
    selection.core.reset();
  }
}

}  // namespace tt::viewer
