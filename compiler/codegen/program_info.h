// ProgramInfo: what the host program and tt.plan.json need, collected once from the module's typed
// metadata and the device kernels, and checked for consistency (a missing entry is a located error).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/codegen/core_ranges.h"
#include "compiler/compiler.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/ir/tt_multicast.h"

namespace tt::codegen {

// One device kernel and how the host creates it (TT-Metalium's matmul_multi_core convention: the
// reader on RISCV_1 with its default NoC, the writer on RISCV_0, compute on the Tensix TRISCs).
struct KernelSpec {
  ir::KernelRole role = ir::KernelRole::None;
  const ir::PrimFunc* func = nullptr;
  std::string name;       // "reader" | "compute" | "writer"
  std::string file;       // "reader.cpp", ...
  std::string processor;  // "RISCV_1" | "RISCV_0" | "compute"
  std::string noc;        // "RISCV_1_default" | "RISCV_0_default"; empty for compute
  std::vector<std::string> runtime_arg_names;
  // DRAM buffers this kernel moves over the NoC, in first-use order: one TensorAccessor each, whose
  // TensorAccessorArgs follow one another in the kernel's compile-time arguments in this order.
  std::vector<std::string> accessors;
  std::vector<uint32_t> compile_args;  // what TensorAccessorArgs(*buffer).append_to() gives, per accessor
};

struct PlacedCB {
  ir::CircularBuffer cb;
  int64_t l1_address = 0;  // same on every active core
  SourceSpan span;         // where its buffer was allocated (first reference in the kernels otherwise)
};

struct ActiveCore {
  int64_t x = 0, y = 0;
  int64_t start = 0, count = 0;  // blocks [start, start + count) of the linearized block space
  std::array<std::vector<ir::RuntimeArgValue>, 3> args;  // reader, compute, writer
};

// The global buffers of the program's T.gemm, all empty when it has none (tt.gemm names the on-chip operands; the global ones
// are the buffers the reader reads into those CBs and the one buffer the writer writes).
struct GemmBuffers {
  std::string a, b, c;
  bool transpose_a = false, transpose_b = false;
  std::string accum_dtype;
  int64_t len_k = 0;  // K extent in tiles
  // The compute kernel changes DST beyond the matmul (an epilogue's SFPU ops): main.cpp's CPU reference,
  // the plain gemm, does not describe its output, so the run is judged by the oracle only.
  bool epilogue = false;
  // A loop of the compute kernel runs a number of times that depends on the block (a causal K loop,
  // T.min(K // block_K, bx + 1)): a block sums part of K, which the full-K reference does not describe.
  bool partial_k = false;
  // With partial_k: the K extent in tiles that block b sums (by linear block id), for the plan's work items.
  std::vector<int64_t> len_k_per_block;
};

struct ProgramInfo {
  std::string kernel_name;  // the TileLang prim_func / module name
  std::string source_name;  // file name of the source (no directories: artifacts stay path-independent)
  std::vector<ir::BufferLayout> buffers;  // sorted by name
  GemmBuffers gemm;
  std::vector<PlacedCB> cbs;  // by CB index
  int64_t l1_cb_begin = 0, l1_cb_end = 0;
  ir::WorkPartition partition;
  std::vector<ActiveCore> active_cores;                  // partition order
  std::vector<std::pair<int64_t, int64_t>> idle_cores;  // partition order
  std::vector<CoreRect> core_ranges;                     // rectangles covering the active cores
  std::array<KernelSpec, 3> kernels;                     // reader, compute, writer
  bool fp32_dest_acc_en = false;
  // CB indices whose fp32 tiles compute reloads with copy_tile: ComputeConfig.unpack_to_dest_mode marks
  // them UnpackToDestFp32, or SrcA would truncate every reload to TF32.
  std::vector<uint32_t> unpack_to_dest_fp32;
  std::vector<std::string> passes;  // pipeline passes that produced the module, in order
  // Semaphores of the panel multicast (tt.multicast), in id order: the host creates them in this order on every
  // active core, so CreateSemaphore returns each one's index.
  std::vector<std::string> semaphores;
  std::optional<ir::MulticastPlan> multicast;  // tt.multicast, when the partition stamped it

  const ir::BufferLayout* buffer(const std::string& name) const;
  const PlacedCB* cb(const std::string& name) const;
  // Index of the runtime argument of `role` holding the DRAM address of `buffer`, or -1.
  int address_arg(ir::KernelRole role, const std::string& buffer) const;
};

// The tt-metal version generated code targets (named in every artifact's header and in tt.plan.json).
extern const char* const kTtMetalTarget;

// Kernel slot of a role in ProgramInfo::kernels (reader 0, compute 1, writer 2).
int kernel_slot(ir::KernelRole role);

// An error of the codegen stage (Diagnostic::pass = "codegen").
Diagnostic& codegen_error(DiagnosticList& diags, SourceSpan span, std::string message);

std::optional<ProgramInfo> collect_program_info(const KernelResult& kernel, const DeviceModel& device,
                                                const SourceFile& source, DiagnosticList& diags);

}  // namespace tt::codegen
