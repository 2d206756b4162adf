// Everything the panels show and edit, with no window: the source buffer, compile options
// (-D overrides, device), the current CompileResult and the last good one, and the selection.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "compiler/compiler.h"
#include "viewer/emu_trace.h"
#include "viewer/selection.h"

namespace tt::viewer {

using CompileFn = std::function<CompileResult(SourceFile, const CompileOptions&)>;

class ViewerState {
 public:
  explicit ViewerState(CompileFn compile = compile_source);

  // Loads a file into the buffer and compiles it. An unreadable file keeps the previous buffer and
  // returns false with `error` set.
  bool open_file(const std::string& path, std::string* error = nullptr);
  // Replaces the buffer with new text (an edit, or a test) and recompiles at once.
  void set_source_text(std::string text);
  bool save(std::string* error = nullptr);
  // Compiles the buffer with the current options (F5; every edit; option changes).
  void recompile();
  // Reloads and recompiles when the file's mtime changed; checks at most once per second of `now`
  // (seconds, any monotonic origin). Unsaved edits are never overwritten: the change is flagged.
  bool poll_file(double now_seconds);

  // Sets -D overrides and the device without compiling (before the first open_file()).
  void configure(std::map<std::string, std::string> defines, std::string device);
  void set_define(const std::string& name, const std::string& value);
  void clear_define(const std::string& name);
  void clear_defines();
  void set_device(const std::string& device);

  const std::string& path() const { return path_; }
  const std::string& source_text() const { return text_; }
  bool dirty() const { return dirty_; }
  bool changed_on_disk() const { return changed_on_disk_; }
  const std::map<std::string, std::string>& defines() const { return options_.defines; }
  const std::string& device() const { return options_.device; }
  const CompileOptions& options() const { return options_; }

  // The latest compile (possibly failed); null before the first compile.
  const CompileResult* current() const { return current_.get(); }
  // What the panels draw: the latest compile when it succeeded (or nothing better exists), else the
  // last good result, which is then shown greyed (stale() is true).
  const CompileResult* shown() const;
  bool stale() const;
  const CompileResult* last_good() const { return last_good_.get(); }
  // Bumped on every compile: panels key their caches on it.
  uint64_t generation() const { return generation_; }
  // Bumped on every buffer change (highlighting of the source is keyed on it).
  uint64_t text_version() const { return text_version_; }

  // Convenience accessors for the selected kernel of the shown result (null when there is none).
  const KernelResult* kernel() const;
  const PassRecord* pass() const;  // the selected pass record (the last one for pass == -1)
  int pass_index() const;          // resolved index of pass(), -1 when there is none

  // The emulation trace the L1 timeline shows (null: none). It survives recompiles, flagged as
  // outdated once the result it came from is no longer the current one.
  void set_trace(std::shared_ptr<const EmuTrace> trace);
  const EmuTrace* trace() const { return trace_.get(); }
  bool trace_outdated() const { return trace_ && trace_generation_ != generation_; }

  Selection selection;

  // Requests shared between panels that are not selection (panels never call each other).
  struct UiRequests {
    std::string search;            // Ctrl+F query, searched in IR and kernels
    uint64_t search_version = 0;   // bumped when the query changes or "next" is asked for
    bool focus_search = false;     // Ctrl+F: the next search box drawn takes keyboard focus
    bool hide_timings = false;     // wall times vary run to run: screenshots hide them
    bool show_diff = false;        // Passes shows the diff against the previous pass, not the IR
  } ui;

 private:
  void clamp_selection();

  CompileFn compile_;
  CompileOptions options_;
  std::string path_;
  std::string text_;
  bool dirty_ = false;
  bool changed_on_disk_ = false;
  std::filesystem::file_time_type mtime_{};
  double last_poll_ = -1e300;
  std::shared_ptr<const CompileResult> current_, last_good_;
  uint64_t generation_ = 0;
  uint64_t text_version_ = 0;
  std::shared_ptr<const EmuTrace> trace_;
  uint64_t trace_generation_ = 0;
};

}  // namespace tt::viewer
