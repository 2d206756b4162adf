// Entry points of the ttemu runtime that the kernel-facing headers forward to. Not a TT-Metalium API:
// kernels never call these directly. Every call carries the kernel source location for diagnostics.
#pragma once

#include <cstdint>
#include <source_location>

#include "ttemu/data_format.h"

namespace ttemu::api {

struct Loc {
  const char* file;
  unsigned line;
};
constexpr Loc at(const std::source_location& l) { return {l.file_name(), static_cast<unsigned>(l.line())}; }

// Runtime arguments.
std::uint32_t runtime_arg(int index, Loc loc);

// Circular-buffer protocol (shared by dataflow and compute kernels).
void cb_reserve_back(std::int32_t cb, std::int32_t pages, Loc loc);
void cb_push_back(std::int32_t cb, std::int32_t pages, Loc loc);
void cb_wait_front(std::int32_t cb, std::int32_t pages, Loc loc);
void cb_pop_front(std::int32_t cb, std::int32_t pages, Loc loc);
std::uint32_t cb_write_ptr(std::uint32_t cb, Loc loc);
std::uint32_t cb_read_ptr(std::uint32_t cb, Loc loc);
std::uint32_t cb_page_size(std::uint32_t cb, Loc loc);
DataFormat cb_data_format(std::uint32_t cb, Loc loc);

// NoC transfers between interleaved DRAM buffers and this core's L1 (executed synchronously), addressed
// through a TensorAccessor.
struct AddrGen {
  bool dram;
  std::uint32_t bank_base_address;
  std::uint32_t page_size;
};
void noc_read_page(const AddrGen& gen, std::uint32_t page_id, std::uint32_t l1_addr, std::uint32_t offset,
                   std::uint32_t size, const char* op, Loc loc);
void noc_write_page(const AddrGen& gen, std::uint32_t page_id, std::uint32_t l1_addr, std::uint32_t offset,
                    std::uint32_t size, const char* op, Loc loc);
std::uint64_t noc_page_addr(const AddrGen& gen, std::uint32_t page_id, std::uint32_t offset, Loc loc);
void noc_read(std::uint64_t noc_addr, std::uint32_t l1_addr, std::uint32_t size, Loc loc);
void noc_write(std::uint32_t l1_addr, std::uint64_t noc_addr, std::uint32_t size, Loc loc);
void noc_read_barrier(Loc loc);
void noc_write_barrier(Loc loc);

// Semaphores and core-to-core NoC traffic (multicast panel reuse). Semaphores are 4-byte L1 words at
// get_semaphore(id); NoC addresses of a core's L1 carry the core's NoC coordinates (see semaphore_ops.cpp).
std::uint32_t semaphore_address(std::uint32_t id, Loc loc);
void semaphore_wait(volatile std::uint32_t* sem, std::uint32_t value, Loc loc);
void semaphore_set(volatile std::uint32_t* sem, std::uint32_t value, Loc loc);
void semaphore_inc(std::uint64_t noc_addr, std::uint32_t incr, Loc loc);
std::uint64_t noc_core_addr(std::uint32_t x, std::uint32_t y, std::uint32_t l1_addr, Loc loc);
std::uint64_t noc_multicast_addr(std::uint32_t x_start, std::uint32_t y_start, std::uint32_t x_end, std::uint32_t y_end,
                                 std::uint32_t l1_addr, Loc loc);
void noc_write_multicast(std::uint32_t src_l1_addr, std::uint64_t dst_noc_addr, std::uint32_t size,
                         std::uint32_t num_dests, const char* op, Loc loc);
void noc_atomic_barrier(Loc loc);

// Compute engine: DST register sections, unpacker/packer configuration, tile operations.
enum class DstSection { Acquire, Commit, Wait, Release, AcquireBoth, ReleaseBoth };
void dst_section(DstSection op, Loc loc);
// compute_kernel_hw_startup: srcA/srcB/packer formats from (srca_cb, srcb_cb, out_cb).
void hw_startup(std::uint32_t srca_cb, std::uint32_t srcb_cb, std::uint32_t out_cb, Loc loc);
void matmul_init(std::uint32_t in0, std::uint32_t in1, std::uint32_t transpose, Loc loc);
void copy_init(std::uint32_t cb, std::uint32_t transpose, const std::uint32_t* new_srca_cb, Loc loc);
void reconfig_unpack(const std::uint32_t* srca_cb, const std::uint32_t* srcb_cb, Loc loc);
void reconfig_pack(std::uint32_t cb, Loc loc);
void matmul_tiles(std::uint32_t in0, std::uint32_t in1, std::uint32_t in0_tile, std::uint32_t in1_tile,
                  std::uint32_t dst, Loc loc);
void copy_tile(std::uint32_t cb, std::uint32_t tile, std::uint32_t dst, Loc loc);
void pack_tile(std::uint32_t dst, std::uint32_t cb, std::uint32_t out_tile, bool out_of_order, Loc loc);
// FPU binary (eltwise_binary.h): `api` is the calling function's name, for faults.
enum class EltwiseBinary { Add, Sub, Mul };
void binary_init(EltwiseBinary op, std::uint32_t icb0, std::uint32_t icb1, bool acc_to_dest, const char* api, Loc loc);
void binary_tiles(EltwiseBinary op, std::uint32_t icb0, std::uint32_t icb1, std::uint32_t itile0, std::uint32_t itile1,
                  std::uint32_t idst, const char* api, Loc loc);
// Broadcast binary (bcast.h): srcB's row / column 0 / element (0,0) repeated (runtime/bcast_math.h).
enum class BcastDim { Row, Col, Scalar };
void bcast_init(EltwiseBinary op, BcastDim dim, std::uint32_t icb0, std::uint32_t icb1, const char* api, Loc loc);
void bcast_tiles(EltwiseBinary op, BcastDim dim, std::uint32_t icb0, std::uint32_t icb1, std::uint32_t itile0,
                 std::uint32_t itile1, std::uint32_t idst, std::uint32_t bcast_row, const char* api, Loc loc);
// unary_bcast (bcast.h): a CB tile's row 0 / column 0 / element (0,0) repeated into a DST tile; the init programs the
// unpacker (srcA and srcB to icb's format), the math engine and the packer (ocb's format), the uninit ends the mode.
void unary_bcast_init(BcastDim dim, std::uint32_t icb, std::uint32_t ocb, const char* api, Loc loc);
void unary_bcast(BcastDim dim, std::uint32_t icb, std::uint32_t tile, std::uint32_t idst, const char* api, Loc loc);
void unary_bcast_uninit(BcastDim dim, std::uint32_t icb, const char* api, Loc loc);
// SFPU unary, in place on a DST tile (eltwise_unary/*.h, compute_kernel_api.h).
enum class SfpuUnary { Exp, Relu, Sqrt, Rsqrt, Log, Abs, Sigmoid, Negative };
void sfpu_init(SfpuUnary op, const char* api, Loc loc);
void sfpu_unary(SfpuUnary op, std::uint32_t idst, const char* api, Loc loc);
// SFPU ops whose header carries the math itself (adding one is adding its header): `init_api` names the init that
// programs the SFPU for the op (several ops may share one, as the binop_with_scalar family does); the op faults
// unless that init ran last, then maps every element of DST[idst] through fn(x, param) in place.
using SfpuFn = float (*)(float x, float param);
void sfpu_program(const char* init_api, Loc loc);
void sfpu_map(const char* api, const char* init_api, std::uint32_t idst, SfpuFn fn, float param, Loc loc);
// SFPU binary ops on two DST tiles: DST[odst] = fn(DST[idst0], DST[idst1]) element by element.
using SfpuBinaryFn = float (*)(float a, float b);
void sfpu_map2(const char* api, const char* init_api, std::uint32_t idst0, std::uint32_t idst1, std::uint32_t odst,
               SfpuBinaryFn fn, Loc loc);
// reduce_tile (reduce.h): pool a CB page, scaled by a scaler page, into DST (runtime/reduce_math.h).
enum class ReducePool { Sum, Avg, Max };
enum class ReduceDimension { Row, Col, Scalar };
void reduce_init(ReducePool pool, ReduceDimension dim, std::uint32_t icb, std::uint32_t icb_scaler, std::uint32_t ocb,
                 Loc loc);
void reduce_tile(ReducePool pool, ReduceDimension dim, std::uint32_t icb, std::uint32_t icb_scaler, std::uint32_t itile,
                 std::uint32_t itile_scaler, std::uint32_t idst, Loc loc);
void reduce_uninit(Loc loc);

}  // namespace ttemu::api
