// ViewerState: recompile on edit keeping the last good result, file polling, selection clamping.
#include "viewer/viewer_state.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "compiler/codegen/atomic_file.h"

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
  }
  path_ = path;
  text_ = std::move(text);
  ++text_version_;
  dirty_ = false;
  changed_on_disk_ = false;
  std::error_code ec;
  mtime_ = fs::last_write_time(path_, ec);
  recompile();
  return true;
}

void ViewerState::set_source_text(std::string text) {
  if (text == text_) return;
  text_ = std::move(text);
  ++text_version_;
  dirty_ = true;
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
  return true;
}

void ViewerState::recompile() {
  auto result = std::make_shared<CompileResult>(compile_(SourceFile(path_, text_), options_));
  if (result->ok()) last_good_ = result;
  current_ = std::move(result);
  ++generation_;
  clamp_selection();
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

void ViewerState::set_trace(std::shared_ptr<const EmuTrace> trace) {
  trace_ = std::move(trace);
  trace_generation_ = generation_;
  selection.time = 0;
}

const CompileResult* ViewerState::shown() const {
  if (stale()) return last_good_.get();
  return current_.get();
}

bool ViewerState::stale() const { return current_ && !current_->ok() && last_good_ && last_good_ != current_; }

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
