// grid_to_persistent_tt: T.Kernel grid -> persistent loop over the core's [start, start + count).
#include "compiler/passes/grid_to_persistent_tt.h"

#include <algorithm>

#include "compiler/ir/functor.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

namespace {

class KernelToPersistent final : public IRMutator {
 public:
  KernelToPersistent(int start_index, int num_index) : start_index_(start_index), num_index_(num_index) {}
  using IRMutator::mutate;

 protected:
  Stmt mutate_kernel(const Stmt&, const KernelNode* op) override {
    const SourceSpan span = op->span;
    Var start = make_var("start_block", span);
    Var num = make_var("num_blocks", span);
    Var block = make_var("block", span);
    std::vector<Stmt> body;
    // Linear block id = by * grid_x + bx (the partition's row-major tile_order).
    const int64_t grid_x = op->grid[0];
    if (op->block_vars.size() == 2) {
      body.push_back(make_let(op->block_vars[1], floordiv(block, int_imm(grid_x, span), span), span));
      body.push_back(make_let(op->block_vars[0], floormod(block, int_imm(grid_x, span), span), span));
    } else {
      body.push_back(make_let(op->block_vars[0], block, span));
    }
    if (op->body->kind == StmtKind::Seq) {
      for (const Stmt& s : as<SeqNode>(op->body)->stmts) body.push_back(s);
    } else {
      body.push_back(op->body);
    }
    Stmt loop = make_for(block, start, num, ForKind::Persistent, 0, seq(std::move(body), span), span);
    return seq({make_let(start, runtime_arg("start_block", start_index_, span), span),
                make_let(num, runtime_arg("num_blocks", num_index_, span), span), loop},
               span);
  }

 private:
  int start_index_, num_index_;
};

}  // namespace

bool grid_to_persistent_tt(Module& module, const PassContext&, DiagnosticList& diags) {
  PrimFunc* func = single_func(module, "grid_to_persistent_tt", diags);
  if (!func) return false;
  auto kernels = collect_kernels(func->body);
  if (kernels.size() != 1) {
    diags.error(func->span, "grid_to_persistent_tt needs exactly one T.Kernel in '" + func->name + "'");
    return false;
  }
  const SourceSpan span = kernels[0]->span;
  auto args = get_runtime_args(module);
  if (!args) {
    diags.error(span, std::string("no runtime-argument metadata (") + kRuntimeArgNamesKey + " / " + kRuntimeArgsKey +
                          " missing or malformed)");
    return false;
  }
  bool ok = true;
  for (KernelRole role : {KernelRole::Reader, KernelRole::Compute, KernelRole::Writer}) {
    const std::vector<std::string>& names = args->names(role);
    for (const char* needed : {"start_block", "num_blocks"}) {
      if (std::find(names.begin(), names.end(), needed) != names.end()) continue;
      diags.error(span, std::string("runtime arg '") + needed + "' is missing from " + kRuntimeArgNamesKey + "." +
                            kernel_role_name(role));
      ok = false;
    }
  }
  if (!ok) return false;
  auto index_of = [&](const char* name) {
    const auto& names = args->compute;
    return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  KernelToPersistent lower(index_of("start_block"), index_of("num_blocks"));
  func->body = lower.mutate(func->body);
  return true;
}

}  // namespace tt::passes
