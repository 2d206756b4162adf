// The one selection every panel reads and writes (kernel, pass, core, CB, source line, IR line,
// generated line), plus the pure functions that link source lines to IR and generated lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/source.h"

namespace tt::viewer {

struct CoreXY {
  int64_t x = 0, y = 0;
  friend bool operator==(const CoreXY&, const CoreXY&) = default;
};

// Which panel made the last change (a panel scrolls to the selection when another panel made it).
enum class SelectionOrigin {
  None,
  Source,
  Passes,
  Kernels,
  Diagnostics,
  CoreGrid,
  L1,
  Performance,
  Command,
  Mismatches
};

// 1-based inclusive source line range; first == 0 means empty.
struct LineRange {
  uint32_t first = 0, last = 0;
  bool empty() const { return first == 0; }
  bool contains(uint32_t line) const { return first != 0 && line >= first && line <= last; }
  friend bool operator==(const LineRange&, const LineRange&) = default;
};

struct Selection {
  int kernel = 0;              // index into CompileResult::kernels
  int pass = -1;               // index into the kernel's trace; -1: the last pass
  std::optional<CoreXY> core;  // selected worker core
  int cb = -1;                 // selected CB index (tt.cb.<name>.index); -1: none
  LineRange source;            // selected source lines (one line, or the span of a clicked node)
  int ir_line = -1;            // 0-based line in the selected pass's IR text; -1: none
  std::string artifact;        // artifact of the selected generated line
  int artifact_line = -1;      // 0-based line in that artifact; -1: none
  uint64_t time = 0;           // cursor in the emulation trace (logical event time)
  uint64_t version = 0;        // bumped on every change
  SelectionOrigin origin = SelectionOrigin::None;

  // A source line clicked directly: clears the IR/generated line (they are derived from it).
  void select_source_line(uint32_t line, SelectionOrigin from);
  // An IR line clicked: selects it and the source lines of its span (none when it has no origin).
  void select_ir_line(int line, const std::vector<SourceSpan>& line_spans, SelectionOrigin from);
  // A generated line clicked: selects it and the source lines of its provenance.
  void select_artifact_line(const std::string& name, int line, const std::vector<SourceSpan>& provenance,
                            SelectionOrigin from);
  void select_core(std::optional<CoreXY> c, SelectionOrigin from);
  void select_cb(int index, SelectionOrigin from);
  void select_pass(int index, SelectionOrigin from);
  void touch(SelectionOrigin from);
};

// Source lines a span covers (a span ending at column 1 does not cover that last line).
LineRange source_lines_of(const SourceSpan& span);
// Lines (0-based) derived from `source_line`: among the spans covering it, those of the innermost
// (fewest lines) extent, so a statement selects its own lines, not every enclosing loop's header.
std::vector<size_t> lines_derived_from(const std::vector<SourceSpan>& line_spans, uint32_t source_line);
// The source lines of derived line `line` (empty range when it has no origin or is out of range).
LineRange source_of_line(const std::vector<SourceSpan>& line_spans, int line);

}  // namespace tt::viewer
