// Internal to verify_tt_ir: compile-time evaluation of index expressions and the per-kernel count
// of CB traffic over one persistent-loop iteration.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"

namespace tt::passes::verify {

using Env = std::map<const ir::VarNode*, int64_t>;
// The value of `e` when every variable in it is bound in `env`.
std::optional<int64_t> eval_const(const ir::Expr& e, const Env& env);

struct Interval {
  int64_t lo = 0, hi = 0;
};
using RangeEnv = std::map<const ir::VarNode*, Interval>;
// Bounds of `e` given bounds of its variables; nullopt when some variable is unbounded.
std::optional<Interval> bound(const ir::Expr& e, const RangeEnv& env);

// Bounds of a loop's variable given the enclosing ranges; a trip count that depends on the block indices
// (a causal KV loop) counts with its largest value. nullopt when unbounded or the loop never runs.
std::optional<Interval> loop_var_bound(const ir::ForNode& loop, const RangeEnv& env);

// First line of a statement as printed (the node an error names).
std::string node_text(const ir::Stmt& s);

// Tiles one kernel reserves/pushes/waits/pops on one CB per persistent-loop iteration, with the
// first call of each kind (where an error points).
struct CBTraffic {
  int64_t reserve = 0, push = 0, wait = 0, pop = 0;
  ir::Stmt first_reserve, first_push, first_wait, first_pop;
};
using KernelTraffic = std::map<std::string, CBTraffic>;  // by CB (buffer) name

// Counts the CB protocol calls of `func`, multiplying by constant trip counts and enumerating the
// loops whose variables decide an If. Reports (and returns false) when a count depends on a value
// unknown at compile time. With `block`, the persistent-loop iteration counted is that block's; without,
// a count that depends on the block (a causal KV loop) returns false with `needs_block` set and no report.
bool count_cb_traffic(const ir::PrimFunc& func, KernelTraffic& out, DiagnosticList& diags,
                      std::optional<int64_t> block, bool& needs_block);

}  // namespace tt::passes::verify
