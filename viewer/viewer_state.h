// Everything the panels show and edit, with no window: the one state model of the app. The file and
// its buffer (with autosave), the compile options (-D overrides belong to the open file), the current
// CompileResult and the last good one, the emulation of the shown kernel, and the selection. What is
// derived from something (a trace from a program, overrides from a file) is dropped with it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "compiler/compiler.h"
#include "viewer/autosave.h"
#include "viewer/emu_trace.h"
#include "viewer/emulation_report.h"
#include "viewer/selection.h"

namespace tt::viewer {

using CompileFn = std::function<CompileResult(SourceFile, const CompileOptions&)>;

class ViewerState {
 public:
  explicit ViewerState(CompileFn compile = compile_source);

  // Loads a file into the buffer and compiles it. An unreadable file keeps the previous buffer and
  // returns false with `error` set. Another file starts with no -D overrides (they were the previous
  // file's) and no emulation; its autosaved edits, if any, are offered through recovery().
  // Unsaved edits are the caller's to protect (Workbench asks first).
  bool open_file(const std::string& path, std::string* error = nullptr);
  // Empties the buffer (File > Close); unsaved edits are dropped, with their autosave.
  void close_file();
  // Drops unsaved edits and their autosave: the buffer is the file on disk again.
  void discard_unsaved();
  // Replaces the buffer with new text (an edit, or a test) and recompiles at once.
  void set_source_text(std::string text);
  bool save(std::string* error = nullptr);
  // Where unsaved edits are copied as they are made ("" disables: headless runs, tests).
  void set_autosave_dir(std::string dir) { autosave_.set_dir(std::move(dir)); }
  // Edits of this file autosaved by an earlier session that differ from the file on disk.
  const std::optional<std::string>& recovery() const { return recovery_; }
  void restore_recovery();  // the recovered text becomes the (unsaved) buffer
  void discard_recovery();
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
  // What the panels draw: the latest compile whenever it has something to show (it succeeded, or a
  // kernel's pipeline ran and failed in a pass: that pass, its IR and its L1 overflow are what the
  // user needs to see). Only when the failed compile has no kernels at all (the front end stopped)
  // is the last good result drawn instead, greyed (stale() is true).
  const CompileResult* shown() const;
  bool stale() const;
  const CompileResult* last_good() const { return last_good_.get(); }
  // The last good result to show beside a failed one that is itself shown (null otherwise).
  const CompileResult* good_beside_failure() const;
  // Its kernel at the selected index (or its first), for panels that compare figures.
  const KernelResult* good_kernel_beside_failure() const;
  // Bumped on every compile: panels key their caches on it.
  uint64_t generation() const { return generation_; }
  // Bumped on every buffer change (highlighting of the source is keyed on it).
  uint64_t text_version() const { return text_version_; }

  // Convenience accessors for the selected kernel of the shown result (null when there is none).
  const KernelResult* kernel() const;
  const PassRecord* pass() const;  // the selected pass record (the last one for pass == -1)
  int pass_index() const;          // resolved index of pass(), -1 when there is none

  // The selected kernel of a file with several (the Passes "Kernel" combo): its last pass is shown.
  void select_kernel(int index);
  // The same by kernel name (--kernel NAME of screenshot and open): "" when selected, else the
  // error, which lists the kernels and suggests the closest name.
  std::string select_kernel_named(const std::string& name);

  // The comparison (Compare panel, screenshot --vs-define/--vs-device): the same buffer compiled in
  // a second configuration B (its own -D overrides and device), recompiled with every compile.
  void set_comparison(std::map<std::string, std::string> defines, std::string device);
  void clear_comparison();
  const CompileOptions* comparison_options() const { return comparison_options_ ? &*comparison_options_ : nullptr; }
  const CompileResult* comparison() const { return comparison_.get(); }

  // The emulation of the shown kernel. A report is bound to the program it ran (its fingerprint):
  // one for another program (the kernel was recompiled while it ran) is refused, and any recompile,
  // kernel switch or file change that alters the program drops it. False with `why_not` if refused.
  bool set_emulation(EmulationReport report, uint64_t program_fingerprint, std::string* why_not = nullptr);
  // A trace.json loaded from disk: accepted only if it can come from the shown kernel's program
  // (trace_mismatch()); `nullptr` clears.
  bool set_trace(std::shared_ptr<const EmuTrace> trace, std::string* why_not = nullptr);
  const EmulationReport* emulation() const { return emulation_ ? &*emulation_ : nullptr; }
  const EmuTrace* trace() const { return emulation_ ? emulation_->trace.get() : nullptr; }

  Selection selection;

  // Requests shared between panels that are not selection (panels never call each other).
  struct UiRequests {
    std::string search;           // Ctrl+F query, searched in IR and kernels
    uint64_t search_version = 0;  // bumped when the query changes or "next" is asked for
    bool focus_search = false;    // Ctrl+F: the next search box drawn takes keyboard focus
    bool hide_timings = false;    // wall times vary run to run: screenshots hide them
    bool show_diff = false;       // Passes shows the diff against the previous pass, not the IR
  } ui;

 private:
  void clamp_selection();
  void drop_emulation_if_program_changed();
  void write_autosave();

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
  Autosave autosave_;
  std::optional<std::string> recovery_;
  std::optional<CompileOptions> comparison_options_;
  std::shared_ptr<const CompileResult> comparison_;
  std::optional<EmulationReport> emulation_;
  uint64_t emulation_program_ = 0;  // kernel_fingerprint() of the program emulation_ ran
};

}  // namespace tt::viewer
