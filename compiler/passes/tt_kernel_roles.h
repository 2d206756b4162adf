// Which device kernel executes each TT intrinsic: the one rule split_device_kernels applies and
// verify_tt_ir checks, so the two can never disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace tt::passes {

// The CB operands of an intrinsic in operand order (empty for barriers and tile_regs_*).
std::vector<const ir::CBRefNode*> cb_operands(const ir::TTCallNode& call);

// cb_reserve_back / cb_push_back (the producer's half of the CB protocol).
bool is_cb_producer_op(ir::TTIntrinsic op);
// cb_wait_front / cb_pop_front (the consumer's half).
bool is_cb_consumer_op(ir::TTIntrinsic op);
// The index of an intrinsic's DST register operand (from the intrinsic table); -1 when it has none.
int dst_operand(ir::TTIntrinsic op);

// "reader" | "compute" | "writer" -> the role; anything else -> None.
ir::KernelRole kernel_role_from_name(const std::string& name);

// The rule, read from the intrinsic table's role: NoC reads run on the reader, NoC writes on the
// writer, matmul/DST/copy_tile/pack on the compute kernel; CB protocol calls run on the CB's `producer` (reserve/push)
// or `consumer` (wait/pop) as recorded in `tt.cb.<name>`. Returns None and sets `error` when that metadata is missing
// or names no kernel role.
ir::KernelRole intrinsic_role(const ir::TTCallNode& call, const ir::Module& module, std::string& error);

}  // namespace tt::passes
