// The pass manager: runs the one ordered pipeline (pipeline.cpp) over a Module and, as an observer,
// records a PassTrace: per pass its name, IR text after it, attributes added/changed/removed, wall
// time, and diagnostics. Passes never print or record anything themselves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/target/device.h"

namespace tt {

struct PassContext {
  const DeviceModel& device;
  const SourceFile& source;
};

// A pass transforms the module in place and reports problems into `diags`; it returns false when
// it failed (the pipeline stops after a failed pass).
using PassFn = bool (*)(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

struct PassInfo {
  const char* name;
  PassFn run;
  const char* summary;  // one line for --list-passes and the GUI tooltip
  // The category of the pass's diagnostics that do not set one: a pass never reads Python, so by
  // default its errors are about fitting the device; a verifier's findings are compiler bugs.
  DiagnosticCategory category = DiagnosticCategory::Target;
};

// The ordered pipeline (defined in pipeline.cpp).
const std::vector<PassInfo>& pipeline();
const PassInfo* find_pass(const std::string& name);

struct AttrChange {
  enum class Kind { Added, Changed, Removed };
  std::string key;
  Kind kind;
};
const char* attr_change_kind_name(AttrChange::Kind kind);

struct PassRecord {
  std::string name;
  std::string ir_text;                  // IR after the pass (the whole module)
  std::vector<SourceSpan> line_spans;   // origin of each line of ir_text
  std::vector<AttrChange> attr_changes;
  bool changed = false;                 // IR text or attrs differ from the previous record
  bool succeeded = true;
  int64_t micros = 0;
  DiagnosticList diagnostics;
};

struct PassTrace {
  std::vector<PassRecord> passes;  // passes[0] is the front end's output ("frontend")
  const PassRecord* find(const std::string& name) const;
};

struct PipelineOptions {
  std::string stop_after;  // empty: run all passes
  bool record_ir = true;   // false: record names, times and diagnostics only (benchmarks)
  // Check the IR's structure (ir_verifier.h) after every pass; a defect is an internal error naming
  // the pass that produced it. Cheap next to recording the IR; off only where a caller measures.
  bool verify_ir = true;
};

// Records the initial module as the "frontend" entry, then runs the pipeline. Returns false when a
// pass failed; its diagnostics are appended to `diags` as well as kept in its record.
bool run_pipeline(ir::Module& module, const PassContext& ctx, const PipelineOptions& options, PassTrace& trace,
                  DiagnosticList& diags);

}  // namespace tt
