// Pass manager: runs the pipeline and records the trace (IR after each pass, attr diff, time).
#include "compiler/passes/pass_manager.h"

#include <chrono>

#include "compiler/ir/ir_verifier.h"
#include "compiler/ir/printer.h"

namespace tt {

const PassInfo* find_pass(const std::string& name) {
  for (const PassInfo& p : pipeline()) {
    if (name == p.name) return &p;
  }
  return nullptr;
}

const char* attr_change_kind_name(AttrChange::Kind kind) {
  switch (kind) {
    case AttrChange::Kind::Added: return "added";
    case AttrChange::Kind::Changed: return "changed";
    case AttrChange::Kind::Removed: return "removed";
  }
  return "?";
}

const PassRecord* PassTrace::find(const std::string& name) const {
  for (const PassRecord& r : passes) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

namespace {

std::vector<AttrChange> diff_attrs(const ir::Attrs& before, const ir::Attrs& after) {
  std::vector<AttrChange> out;
  for (const auto& [key, value] : after) {
    auto it = before.find(key);
    if (it == before.end()) {
      out.push_back({key, AttrChange::Kind::Added});
    } else if (it->second != value) {
      out.push_back({key, AttrChange::Kind::Changed});
    }
  }
  for (const auto& [key, value] : before) {
    if (!after.count(key)) out.push_back({key, AttrChange::Kind::Removed});
  }
  return out;
}

// Function attrs are diffed under "<func>:<key>" so the trace shows them too.
ir::Attrs all_attrs(const ir::Module& m) {
  ir::Attrs out = m.attrs;
  for (const ir::PrimFunc& f : m.funcs) {
    for (const auto& [key, value] : f.attrs) out[f.name + ":" + key] = value;
  }
  return out;
}

void record_ir(PassRecord& rec, const ir::Module& module) {
  ir::PrintedIR printed = ir::print_module(module);
  rec.ir_text = std::move(printed.text);
  rec.line_spans = std::move(printed.line_spans);
}

}  // namespace

bool run_pipeline(ir::Module& module, const PassContext& ctx, const PipelineOptions& options, PassTrace& trace,
                  DiagnosticList& diags) {
  PassRecord initial;
  initial.name = "frontend";
  if (options.record_ir) record_ir(initial, module);
  trace.passes.push_back(std::move(initial));

  ir::Attrs before = all_attrs(module);
  for (const PassInfo& pass : pipeline()) {
    PassRecord rec;
    rec.name = pass.name;
    auto t0 = std::chrono::steady_clock::now();
    rec.succeeded = pass.run(module, ctx, rec.diagnostics);
    auto t1 = std::chrono::steady_clock::now();
    rec.micros = std::chrono::duration_cast<std::chrono::microseconds>(t1 - t0).count();
    if (rec.succeeded && options.verify_ir) {
      for (const ir::IRDefect& d : ir::verify_ir_structure(module)) {
        rec.diagnostics.error(d.span,
                              "internal error: the IR after " + std::string(pass.name) + " is malformed: " + d.message);
      }
    }
    if (rec.diagnostics.has_errors()) rec.succeeded = false;
    DiagnosticList classified;
    for (const Diagnostic& d : rec.diagnostics) {
      Diagnostic copy = d;
      copy.pass = pass.name;
      if (copy.category == DiagnosticCategory::Frontend) copy.category = pass.category;
      classified.add(copy);
      diags.add(std::move(copy));
    }
    rec.diagnostics = std::move(classified);
    ir::Attrs after = all_attrs(module);
    rec.attr_changes = diff_attrs(before, after);
    before = std::move(after);
    if (options.record_ir) {
      record_ir(rec, module);
      rec.changed = rec.ir_text != trace.passes.back().ir_text;
    } else {
      rec.changed = !rec.attr_changes.empty();
    }
    bool ok = rec.succeeded;
    trace.passes.push_back(std::move(rec));
    if (!ok) return false;
    if (!options.stop_after.empty() && options.stop_after == pass.name) break;
  }
  return true;
}

}  // namespace tt
