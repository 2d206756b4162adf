// Typed Tenstorrent metadata stamped by the layout-aware passes. Each struct is printed into the
// module's attrs under its canonical key (the attrs are what the IR printer and the pass trace show);
// passes read them back through these types, and a missing or malformed entry is an error, never
// a default.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace tt::ir {

// `tt.buffer.<name>`: where and how a global (kernel parameter) buffer lives.
struct BufferLayout {
  std::string name;
  std::string memory = "DRAM";          // "DRAM" | "L1"
  std::string layout = "interleaved";   // "interleaved" | "sharded"
  std::vector<int64_t> shape;
  std::string dtype;                    // TileLang dtype, e.g. "float16"
  std::string data_format;              // TT DataFormat name, e.g. "Float16"
  std::vector<int64_t> tile{32, 32};
  int64_t tile_bytes = 0;               // page size of the buffer (one tile)
  std::vector<int64_t> tiles;           // tiles per dimension
  int64_t num_tiles = 0;
  int64_t bytes = 0;
  std::vector<int64_t> shard_grid;      // sharded only: cores per dimension
  std::vector<int64_t> shard_shape;     // sharded only: elements per shard
  std::string role;                     // "input" | "output" | "inout" | "unused" (from the body's accesses)
  // The two dimensions cut into 32x32 tiles (row dim, column dim); every other dimension counts
  // whole. An N-D buffer is stored as a stack of matrices, one per index of the untiled dimensions (row-major
  // over them), each matrix's tiles row-major: a BSHD tensor read as (seq, dim) blocks per (batch,
  // head) has tiled_dims [1, 3] and batch * heads matrices of seq x dim. Written to JSON only for
  // more than 2 dimensions (a 2-D buffer tiles both).
  std::vector<int64_t> tiled_dims;
  // A 1-D buffer read as a broadcast vector (stage_vectors.h) is stored as the row 0 ("row": value j at row 0, column
  // j % 32 of tile j / 32; one value per column of the blocks it is added to) or the column 0 ("column": value i at
  // row i % 32, column 0 of tile i / 32) of tiles whose other elements are zero. Its tiles are N / 32 pages
  // (`tiles` = [N / 32]); its device matrix (matrix_shape) is 32 x N or N x 32. Empty for every other buffer.
  std::string vector;

  bool is_vector() const { return !vector.empty(); }
  // The matrix the buffer's tiles cover: the shape, or a vector's 32 x N / N x 32 (tiled dims 0 and 1).
  std::vector<int64_t> matrix_shape() const;
  int64_t row_dim() const { return is_vector() ? 0 : tiled_dims.at(0); }
  int64_t col_dim() const { return is_vector() ? 1 : tiled_dims.at(1); }
  int64_t matrix_tiles() const { return is_vector() ? num_tiles : tiles.at(row_dim()) * tiles.at(col_dim()); }
};

// `tt.cb.<name>`: one circular buffer in L1 holding an on-chip buffer's tiles.
struct CircularBuffer {
  std::string name;             // the on-chip buffer it holds (A_shared), or a derived CB's name
  int index = -1;               // CB id (tt::CBIndex::c_<index>)
  std::string dtype;
  std::string data_format;
  int64_t page_size = 0;        // bytes of one tile in data_format
  int64_t tiles_per_stage = 0;  // tiles one producer iteration pushes
  int64_t depth = 0;            // stages (num_stages of the pipelined loop that fills it)
  int64_t num_pages = 0;        // tiles_per_stage * depth
  int64_t bytes = 0;            // num_pages * page_size
  std::string role;             // "input" | "output" | "intermediate"
  std::string producer;         // kernel role that pushes: "reader" | "compute"
  std::string consumer;         // kernel role that pops:  "compute" | "writer"
  SourceSpan span;              // where the buffer was allocated (not serialized)
};

// `tt.gemm`: the kernel's one T.gemm, as lower_tile_ops found it. The reduction loop itself is
// found structurally (the loop enclosing the gemm whose variable indexes K in the copies into a/b);
// reduction_var is its variable's name for printing only.
struct GemmInfo {
  std::string a, b, c;          // on-chip operand buffers: c += op(a) @ op(b)
  bool transpose_a = false, transpose_b = false;
  std::string accum_dtype;      // dtype of c
  int64_t m = 0, n = 0, k = 0;  // block extents in elements
  std::string reduction_var;
  int64_t k_iters = 0;          // trip count of the reduction loop
  int num_stages = 0;           // of the reduction loop (0: not pipelined)
};

// One core's share of the work: blocks [start, start + count) of the linearized block space.
struct CoreWork {
  int64_t x = 0, y = 0;
  int64_t start = 0, count = 0;
};

// `tt.partition_mode`, `tt.grid_tiles`, `tt.core_ranges`: the work partition over the worker grid.
struct WorkPartition {
  std::string mode = "global";           // "global" | "local_shard"
  std::vector<int64_t> grid_tiles;       // output tiles per dimension [Mt, Nt]
  std::vector<int64_t> block_grid;       // blocks per dimension (the T.Kernel grid, [by, bx] order)
  std::vector<int64_t> block_tiles;      // tiles per block per dimension [bm, bn]
  int64_t num_blocks = 0;
  std::string tile_order = "row_major";  // linear block id = by * grid_x + bx
  std::vector<int64_t> core_grid;        // device worker grid [x, y]
  std::vector<CoreWork> cores;           // every worker core, idle ones with count 0
};

// A runtime-argument value: an integer, or the DRAM address of a buffer (known only at run time), or a
// value the host translates: the NoC coordinate of a logical core coordinate, or a semaphore's id.
struct RuntimeArgValue {
  int64_t value = 0;
  std::string buffer_address;  // non-empty: the address of this buffer
  // 'x' / 'y': `value` is a logical core coordinate and the kernel gets the NoC coordinate of that worker
  // (worker_core_from_logical_core), which only the host knows.
  char noc_axis = 0;
  std::string semaphore;  // non-empty: the id CreateSemaphore returns for this semaphore (`value` = its id)
};

// How a value the host translates reads in tables: "noc_x(1)", "noc_y(0)", "semaphore(A_sender_sem)"; empty
// for plain integers and buffer addresses (each view spells those its own way).
std::string host_translated_text(const RuntimeArgValue& v);

// `tt.runtime_arg_names` and `tt.runtime_args`: per kernel role, the argument names and the
// per-core values, in core order of the partition.
struct RuntimeArgs {
  std::vector<std::string> reader, compute, writer;
  struct PerCore {
    int64_t x = 0, y = 0;
    std::vector<RuntimeArgValue> reader, compute, writer;
  };
  std::vector<PerCore> cores;
  const std::vector<std::string>& names(KernelRole role) const;
};

// Canonical attribute keys.
std::string buffer_layout_key(const std::string& buffer);  // "tt.buffer.<name>"
std::string cb_key(const std::string& buffer);             // "tt.cb.<name>"
inline constexpr const char* kPartitionModeKey = "tt.partition_mode";
inline constexpr const char* kGridTilesKey = "tt.grid_tiles";
inline constexpr const char* kCoreRangesKey = "tt.core_ranges";
inline constexpr const char* kRuntimeArgNamesKey = "tt.runtime_arg_names";
inline constexpr const char* kRuntimeArgsKey = "tt.runtime_args";
inline constexpr const char* kDeviceKey = "tt.device";
inline constexpr const char* kGemmKey = "tt.gemm";
// A kernel with several T.gemm: all of them in program order (then there is no tt.gemm).
inline constexpr const char* kGemmsKey = "tt.gemms";

nlohmann::json to_json_value(const BufferLayout& v);
nlohmann::json to_json_value(const CircularBuffer& v);
nlohmann::json to_json_value(const CoreWork& v);
nlohmann::json to_json_value(const RuntimeArgValue& v);
nlohmann::json to_json_value(const GemmInfo& v);

// Writers: stamp the typed value into the module attrs under its canonical key(s).
void set_buffer_layout(Module& m, const BufferLayout& v);
void set_circular_buffer(Module& m, const CircularBuffer& v);
void set_work_partition(Module& m, const WorkPartition& v);
void set_runtime_args(Module& m, const RuntimeArgs& v);
void set_gemm_info(Module& m, const GemmInfo& v);
void set_gemm_infos(Module& m, const std::vector<GemmInfo>& v);

// Readers: nullopt when the key is absent or malformed (the caller reports the error, naming what
// was missing: there are no fallbacks).
std::optional<BufferLayout> get_buffer_layout(const Module& m, const std::string& buffer);
std::optional<CircularBuffer> get_circular_buffer(const Module& m, const std::string& buffer);
std::vector<CircularBuffer> all_circular_buffers(const Module& m);  // sorted by CB index
std::vector<BufferLayout> all_buffer_layouts(const Module& m);      // sorted by name
std::optional<WorkPartition> get_work_partition(const Module& m);
std::optional<RuntimeArgs> get_runtime_args(const Module& m);
std::optional<GemmInfo> get_gemm_info(const Module& m);
// Every gemm of the kernel: tt.gemms, or the one tt.gemm; empty when absent or malformed.
std::vector<GemmInfo> get_gemm_infos(const Module& m);
// The dtype DST holds in a kernel without a T.gemm (element-wise maps only): float32 when any circular
// buffer holds fp32 tiles (fp32_dest_acc_en; otherwise every result is rounded to 16 bits in DST),
// else bfloat16. Codegen's ComputeConfig and verify_tt_ir's DST capacity both read it.
std::string dst_dtype_without_gemm(const Module& m);

// A user's layout annotation: a `tt.buffer.<name>` entry present before infer_tt_layout, which may
// hold only the user-chosen fields (memory, layout, shard_grid, shard_shape; an absent memory or
// layout reads as the default DRAM / interleaved, everything else stays empty).
// nullopt when absent; `error` is set (and nullopt returned) when present but malformed.
std::optional<BufferLayout> get_layout_annotation(const Module& m, const std::string& buffer, std::string& error);
// Names of all buffers with a `tt.buffer.<name>` entry (well-formed or not), sorted.
std::vector<std::string> buffer_layout_names(const Module& m);

}  // namespace tt::ir
