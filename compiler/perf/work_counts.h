// Work counts of a compiled program, read from its final IR and metadata (not estimated): per
// device kernel and per block, DRAM traffic by buffer, NoC transfers, tile matmuls, element-wise FPU and
// SFPU tile operations, unpack/pack tile operations and the spill/reload traffic through intermediate
// CBs; then per core (blocks x per-block
// counts + per-launch counts). Covered by tests/unit/perf_test.cpp (a hand count of the reference GEMM).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"

namespace tt::perf {

// What one device kernel does, per block (one persistent-loop iteration) or per launch.
struct OpCounts {
  int64_t dram_read_bytes = 0, dram_write_bytes = 0;
  int64_t noc_reads = 0, noc_writes = 0;  // page transfers
  int64_t tile_matmuls = 0;               // 32x32x32 tile products on the matrix engine
  int64_t fpu_tile_ops = 0;               // element-wise tile ops on the matrix engine (add/sub/mul_tiles)
  int64_t sfpu_tile_ops = 0;              // SFPU tile ops in place on DST (exp, relu, x * c, ...)
  int64_t unpack_tiles = 0;               // copy_tile: CB tile -> DST
  int64_t pack_tiles = 0;                 // pack_tile: DST -> CB
  int64_t spill_bytes = 0;                // packed into an intermediate CB (partials)
  int64_t reload_bytes = 0;               // unpacked from an intermediate CB
  // Panel multicast (multicast_panels_tt): bytes this core sends once to a rectangle of cores, and bytes
  // that land in this core's L1 from another core's multicast.
  int64_t multicast_send_bytes = 0, multicast_receive_bytes = 0;
  void add(const OpCounts& o, int64_t times);
};

// Where counted work comes from in the source (the line of the T.copy / T.gemm it was lowered from).
struct LineCounts {
  int line = 0;  // 1-based source line; 0: no source origin
  OpCounts per_block;
};

// When a kernel's work depends on per-core runtime arguments (a multicast sender reads from DRAM, its
// receivers do not), per_block and the maps describe the first active core; CoreCounts have every core's own.
// When it depends on the block (a loop whose trip count is a function of the block indices: causal
// attention's KV loop), every block is counted on its own; per_block and the maps describe the block with
// the most work, and CoreCounts sum the blocks each core runs.
struct KernelCounts {
  std::string func;  // device kernel function name
  ir::KernelRole role = ir::KernelRole::None;
  bool varies_by_core = false;
  bool varies_by_block = false;
  OpCounts per_block, per_launch;
  std::map<std::string, int64_t> dram_read_bytes_per_block;   // by DRAM buffer
  std::map<std::string, int64_t> dram_write_bytes_per_block;  // by DRAM buffer
  std::map<std::string, int64_t> multicast_bytes_per_block;   // sent, by CB
  std::vector<LineCounts> lines;                              // by source line, ascending
};

struct CoreCounts {
  int64_t x = 0, y = 0, blocks = 0;
  OpCounts reader, compute, writer;  // per role, whole launch
  OpCounts total() const;
};

struct ProgramCounts {
  std::vector<KernelCounts> kernels;
  std::vector<CoreCounts> cores;  // every worker core, idle ones with 0 blocks
  OpCounts total;                 // over all cores and kernels
  std::map<std::string, int64_t> dram_read_bytes, dram_write_bytes;  // by buffer, whole launch
};

// Counts the module after split_device_kernels (one PrimFunc per device kernel, with tt.core_ranges,
// tt.buffer.* and tt.cb.*). Reports a located error and returns nullopt when a count depends on
// values unknown at compile time.
std::optional<ProgramCounts> count_program_work(const ir::Module& module, DiagnosticList& diags);

}  // namespace tt::perf
