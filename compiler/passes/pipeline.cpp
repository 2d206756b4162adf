// The one ordered list of passes. Ordering constraints are comments on the entries; target
// differences are data the passes read (DeviceModel), never a second list.
#include "compiler/passes/pass_manager.h"
#include "compiler/passes/lower_tile_ops.h"
#include "compiler/passes/infer_tt_layout.h"
#include "compiler/passes/propagate_tt_layout.h"
#include "compiler/passes/layout_aware_work_partition_tt.h"
#include "compiler/passes/grid_to_persistent_tt.h"
#include "compiler/passes/memory_space_lower_tt.h"
#include "compiler/passes/tensorize_tt.h"
#include "compiler/passes/split_device_kernels.h"
#include "compiler/passes/multicast_panels_tt.h"
#include "compiler/passes/verify_tt_ir.h"

namespace tt {

const std::vector<PassInfo>& pipeline() {
  static const std::vector<PassInfo> kPipeline = {
      // First: every later pass assumes checked tile ops, one T.Kernel and the tt.gemm record.
      {"lower_tile_ops", passes::lower_tile_ops, "Front-end normal form: grid, buffers, copies and gemm as tile-level ops; checks tile-op shapes"},
      // After lower_tile_ops (roles come from checked tile ops); before every tt.cb/partition pass,
      // which read tt.buffer.*. User annotations must already be in the module attrs.
      {"infer_tt_layout", passes::infer_tt_layout, "Stamp tt.buffer.<name> (memory, layout, tiles, data format) on every global buffer; checks tile alignment"},
      // Needs tt.buffer.* (output CB dtype) and the T.Kernel body with its T.Pipelined loops (depth
      // comes from num_stages), so it runs before grid_to_persistent_tt rewrites the kernel.
      {"propagate_tt_layout", passes::propagate_tt_layout, "Derive tt.cb.<name> (CB index, page size, depth from num_stages, bytes) for every buffer that moves through L1"},
      // Needs tt.buffer.* (roles -> runtime-arg schema, output layout) and the output tt.cb; reads
      // the T.Kernel grid, so it also runs before grid_to_persistent_tt.
      {"layout_aware_work_partition_tt", passes::layout_aware_work_partition_tt, "Partition output blocks over the worker grid: tt.partition_mode, tt.grid_tiles, tt.core_ranges, runtime args"},
      // Consumes tt.runtime_arg_names from the partition; replaces the T.Kernel every earlier pass reads.
      {"grid_to_persistent_tt", passes::grid_to_persistent_tt, "Replace the T.Kernel grid by a per-core persistent loop over [start, start+count) from the runtime-arg metadata"},
      // Needs tt.cb.* and the persistent loop (CB allocations are hoisted in front of it); after it,
      // on-chip buffers are CircularBuffer scope, which tensorize_tt expects.
      {"memory_space_lower_tt", passes::memory_space_lower_tt, "Shared/fragment allocations become CB allocations sized from tt.cb.*; checks the per-core L1 budget"},
      {"tensorize_tt", passes::tensorize_tt, "Lower T.gemm, T.clear and tile copies to TT intrinsics with DST accumulation and sub-blocking"},
      {"split_device_kernels", passes::split_device_kernels, "Split into reader, compute and writer kernels with an explicit CB protocol"},
      // Needs the split reader (it rewrites its panel fills) and tt.multicast from the partition; before
      // verify_tt_ir, which checks the runtime args it adds.
      {"multicast_panels_tt", passes::multicast_panels_tt, "Panels shared by a row or column of cores: one sender reads each from DRAM and multicasts it, receivers wait on semaphores"},
      {"verify_tt_ir", passes::verify_tt_ir, "Structural checks of the final TT IR: CB protocol balance, runtime args, L1, CB index range, DST capacity", DiagnosticCategory::Internal},
  };
  return kPipeline;
}

}  // namespace tt
