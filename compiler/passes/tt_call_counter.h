// Exact execution counts of a device kernel's TT intrinsic calls, from its final IR: loops multiply
// unless an If below depends on their variable; those loops are enumerated, so a branch on the
// first/last K step counts for exactly the iterations that take it. The persistent loop is one
// iteration (one block); calls outside it run once per launch. verify_tt_ir balances the CB protocol
// with it and compiler/perf counts DRAM traffic and tile operations with it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/passes/verify_tt_ir_internal.h"

namespace tt::passes {

// Where and why a count is unknown at compile time (a trip count or condition from run-time data).
// `needs_block`: it is known once the block is (a trip count of the block indices, causal attention's
// KV loop): count again with `block` given, once per block.
struct CallCountFailure {
  ir::Stmt where;
  std::string why;
  bool needs_block = false;
};

// One counted call: it executes `times` times per block when `per_block` (inside the persistent
// loop), else `times` times per launch. `env` binds the loop variables enumerated around it. The
// visitor returns a reason to stop counting, or nullopt to go on.
struct CountedCall {
  const ir::Stmt& stmt;
  const ir::TTCallNode& call;
  int64_t times;
  bool per_block;
  const verify::Env& env;
};
using CallVisitor = std::function<std::optional<std::string>(const CountedCall&)>;

// Visits every call of `func` whose intrinsic satisfies `counted` (loops and branches holding none
// are skipped without evaluating them). Returns the first failure, if any.
// With `runtime_args` (one core's values, by argument index), Lets of runtime arguments bind those values,
// so branches on them (a multicast sender's role) are counted as that core takes them. With `block` (a
// linear block id), the persistent loop's iteration is that block's: the block indices and the trip counts
// computed from them are known.
std::optional<CallCountFailure> count_tt_calls(const ir::PrimFunc& func,
                                               const std::function<bool(ir::TTIntrinsic)>& counted,
                                               const CallVisitor& visit,
                                               const std::vector<int64_t>* runtime_args = nullptr,
                                               std::optional<int64_t> block = std::nullopt);

// What makes two blocks count alike: the block-derived variables of `func`'s persistent loop (bx = block %
// grid_x, ...) that its trip counts, conditions and tile-count operands read. Clients that count block by block
// (a causal KV loop's trip count depends on bx only) count each distinct key once.
class BlockCountKey {
 public:
  explicit BlockCountKey(const ir::PrimFunc& func);
  // The values of those variables at linear block id `block`.
  std::vector<int64_t> at(int64_t block) const;

 private:
  const ir::VarNode* block_var_ = nullptr;
  bool reads_block_ = false;                 // a count reads the block id itself: every block is its own key
  std::vector<const ir::LetNode*> lets_;     // the persistent loop's Lets, in order
  std::vector<const ir::VarNode*> key_vars_;  // those of them the counts read
};

}  // namespace tt::passes
