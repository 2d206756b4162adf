// One emulated Tensix core: its L1 arena, its circular buffers and its compute engine state (DST registers,
// unpacker/packer formats). Only the core's own kernel threads touch it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "circular_buffer.h"
#include "source_tile_cache.h"
#include "ttemu/data_format.h"

namespace ttemu {

struct KernelThread;

struct ComputeState {
  enum class Dst { Idle, Math, Committed, Pack, Both };  // Both: acquire_dst() .. release_dst()
  enum class Mode { None, Matmul, Copy, Binary, Reduce, UnaryBcast };
  Dst dst = Dst::Idle;
  Mode mode = Mode::None;
  DataFormat srca = DataFormat::Invalid;  // matmul: in1 -> srcA; copy_tile: cb -> srcA
  DataFormat srcb = DataFormat::Invalid;  // matmul: in0 -> srcB
  DataFormat pack = DataFormat::Invalid;
  std::uint32_t mm_transpose = 0;
  std::uint32_t copy_transpose = 0;
  int binary_op = -1;  // Mode::Binary: the api::EltwiseBinary the last *_tiles_init chose
  bool binary_acc_to_dest = false;
  int binary_bcast = -1;            // Mode::Binary: the api::BcastDim of the last bcast init (-1: a plain *_tiles_init)
  int unary_bcast = -1;             // Mode::UnaryBcast: the api::BcastDim of the last unary_bcast_init
  int sfpu_op = -1;                 // the api::SfpuUnary whose init ran last (-1: none)
  const char* sfpu_init = nullptr;  // the api::sfpu_program init that ran last (null: none, or an SfpuUnary one)
  bool started = false;             // compute_kernel_hw_startup ran
  bool fp32_dest_acc_en = false;
  // ComputeConfig.unpack_to_dest_mode: CBs whose fp32 tiles copy_tile unpacks straight to DST, losslessly;
  // any other fp32 tile passes srcA/srcB and keeps only TF32 precision.
  std::vector<bool> unpack_to_dest_fp32;
  std::uint32_t capacity = 0;  // DST tiles usable in this mode
  std::vector<float> regs;     // capacity x 1024 floats
  // Reduce (reduce_init): the api::ReducePool / api::ReduceDimension the MOP is programmed for.
  int reduce_pool = -1, reduce_dim = -1;
  // Per DST tile: written since the last acquire (a zeroed tile reads as minus infinity to GMPOOL).
  std::vector<bool> dst_written;
  SourceTileCache sources;  // matmul_tiles' unpacked operands
};

// Cache-line aligned: cores on different runner threads never share a line.
struct alignas(64) Core {
  int index = 0;  // position in the plan's cores list
  int group = 0;  // core_groups.h: only cores of one group may touch each other's L1
  int x = 0, y = 0;
  std::string label;           // "core (0,0)"
  std::uint8_t* l1 = nullptr;  // host memory of the arena
  std::uint32_t l1_base = 0;   // address kernels see for local offset 0
  std::uint32_t l1_bytes = 0;
  std::vector<std::unique_ptr<CircularBuffer>> cbs;  // indexed by CB index; null when not configured
  std::array<KernelThread*, 3> threads{};            // indexed by Role
  ComputeState compute;
  // Semaphores (CreateSemaphore) live at core-local L1 offset sem_offset + id * kSemaphoreStride; bit id of
  // sem_configured says whether semaphore id exists on this core.
  std::uint32_t sem_offset = 0;
  std::uint32_t sem_configured = 0;
  std::uint32_t noc_x = 0, noc_y = 0;  // NoC coordinates (worker_core_from_logical_core)

  CircularBuffer* cb(std::uint32_t index) const { return index < cbs.size() ? cbs[index].get() : nullptr; }
  // The CB whose L1 region overlaps [begin, end) (core-local), if any.
  CircularBuffer* cb_overlapping(std::uint32_t begin, std::uint32_t end) const {
    for (const auto& c : cbs)
      if (c && begin < c->l1_address + c->bytes() && c->l1_address < end) return c.get();
    return nullptr;
  }
};

}  // namespace ttemu
