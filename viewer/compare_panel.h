// Compare panel: the file in two configurations side by side (A: the window's -D overrides and
// device; B: its own), for the shown kernel: the L1 and estimate deltas and the line diff of its IR
// (final.tir) or any generated file from A to B. The numbers and the diff are compiler/perf's
// compare_kernels() and compiler/ir's diff_lines(), as `tt-inspect compare` prints them.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "compiler/perf/comparison.h"
#include "viewer/diff_text.h"
#include "viewer/panel.h"

namespace tt::viewer {

class ComparePanel : public Panel {
 public:
  const char* name() const override { return "Compare"; }

 protected:
  void draw_content(ViewerState& state) override;

 private:
  void draw_setup(ViewerState& state);
  void draw_quantities(const perf::KernelComparison& c);
  void draw_artifact_diff(const KernelResult& a, const KernelResult& b);

  // B's configuration as typed: "block_M=64 block_N=64" and a device name.
  char defines_text_[512] = "";
  char device_text_[128] = "";
  bool editing_ = false;
  std::string setup_error_;
  // Caches keyed on (generation, kernel, artifact).
  uint64_t gen_ = UINT64_MAX;
  int kernel_ = -1;
  std::string artifact_ = "final.tir";
  std::string diffed_artifact_;
  bool scroll_to_change_ = true;
  std::unique_ptr<perf::KernelComparison> comparison_;
  DiffText diff_;
};

// "block_M=64 block_N=64" -> {block_M: 64, block_N: 64}; false with `error` on a word without '='.
bool parse_define_list(const std::string& text, std::map<std::string, std::string>& out, std::string& error);
// "wormhole_n150 -D block_M=64": a configuration as the panel and `compare` name it.
std::string configuration_label(const CompileOptions& options);

}  // namespace tt::viewer
