// TT-Metalium dataflow API (reader/writer kernels) on the CPU: the names, argument order and arity of
// tt_metal/hw/inc/api/dataflow/dataflow_api.h (see ../../../API_CHECKED.md). Each call forwards to the ttemu
// runtime together with the caller's source line, so protocol faults name the generated line. DRAM pages are
// addressed through a TensorAccessor; InterleavedAddrGenFast and noc_async_{read,write}_tile, deprecated in
// tt-metal in favour of them, are not provided.
#pragma once

#include <bit>
#include <cstdint>
#include <source_location>

#include "api/compile_time_args.h"
#include "api/tensor/tensor_accessor.h"
#include "hostdevcommon/common_values.hpp"
#include "hostdevcommon/kernel_structs.h"
#include "ttemu/api.h"
#include "ttemu/data_format.h"

#ifndef FORCE_INLINE
#define FORCE_INLINE inline __attribute__((always_inline))
#endif
#ifndef tt_l1_ptr
#define tt_l1_ptr
#endif
#ifndef tt_reg_ptr
#define tt_reg_ptr
#endif
#ifndef NOC_MAX_BURST_SIZE
#define NOC_MAX_BURST_SIZE 8192
#endif

constexpr std::uint8_t noc_index = 0;

void kernel_main();

// ---- runtime arguments ----------------------------------------------------------------------------------

template <typename T>
FORCE_INLINE T get_arg_val(int arg_idx, std::source_location loc = std::source_location::current()) {
  static_assert(sizeof(T) == 4, "Error: only 4B args are supported");
  return std::bit_cast<T>(ttemu::api::runtime_arg(arg_idx, ttemu::api::at(loc)));
}

// ---- circular buffers -----------------------------------------------------------------------------------

FORCE_INLINE void cb_reserve_back(std::int32_t operand, std::int32_t num_pages,
                                  std::source_location loc = std::source_location::current()) {
  ttemu::api::cb_reserve_back(operand, num_pages, ttemu::api::at(loc));
}

FORCE_INLINE void cb_push_back(const std::int32_t operand, const std::int32_t num_pages,
                               std::source_location loc = std::source_location::current()) {
  ttemu::api::cb_push_back(operand, num_pages, ttemu::api::at(loc));
}

FORCE_INLINE void cb_wait_front(std::int32_t operand, std::int32_t num_pages,
                                std::source_location loc = std::source_location::current()) {
  ttemu::api::cb_wait_front(operand, num_pages, ttemu::api::at(loc));
}

FORCE_INLINE void cb_pop_front(std::int32_t operand, std::int32_t num_pages,
                               std::source_location loc = std::source_location::current()) {
  ttemu::api::cb_pop_front(operand, num_pages, ttemu::api::at(loc));
}

FORCE_INLINE std::uint32_t get_write_ptr(std::uint32_t operand,
                                         std::source_location loc = std::source_location::current()) {
  return ttemu::api::cb_write_ptr(operand, ttemu::api::at(loc));
}

FORCE_INLINE std::uint32_t get_read_ptr(std::uint32_t operand,
                                        std::source_location loc = std::source_location::current()) {
  return ttemu::api::cb_read_ptr(operand, ttemu::api::at(loc));
}

// Real tt-metal makes these two constexpr (CB formats are baked into each kernel build); here they are
// looked up at run time, so use them in `const`, not `constexpr`, initialisers.
inline std::int32_t get_tile_size(const std::int32_t operand,
                                  std::source_location loc = std::source_location::current()) {
  return static_cast<std::int32_t>(ttemu::api::cb_page_size(static_cast<std::uint32_t>(operand), ttemu::api::at(loc)));
}

inline DataFormat get_dataformat(const std::int32_t operand,
                                 std::source_location loc = std::source_location::current()) {
  return ttemu::api::cb_data_format(static_cast<std::uint32_t>(operand), ttemu::api::at(loc));
}

// ---- page transfers through an address generator (a TensorAccessor) -------------------------------------

template <typename AddrGen, bool enable_noc_tracing = true>
FORCE_INLINE void noc_async_read_page(const std::uint32_t id, const AddrGen& addrgen, std::uint32_t dst_local_l1_addr,
                                      std::uint32_t offset = 0, std::uint8_t noc = noc_index,
                                      std::source_location loc = std::source_location::current()) {
  (void)noc;
  const ttemu::api::AddrGen gen = addrgen.emu();
  ttemu::api::noc_read_page(gen, id, dst_local_l1_addr, offset, gen.page_size, "noc_async_read_page",
                            ttemu::api::at(loc));
}

template <typename AddrGen, bool enable_noc_tracing = true, bool posted = false>
FORCE_INLINE void noc_async_write_page(const std::uint32_t id, const AddrGen& addrgen, std::uint32_t src_local_l1_addr,
                                       std::uint32_t size = 0, std::uint32_t offset = 0, std::uint8_t noc = noc_index,
                                       std::source_location loc = std::source_location::current()) {
  (void)noc;
  const ttemu::api::AddrGen gen = addrgen.emu();
  ttemu::api::noc_write_page(gen, id, src_local_l1_addr, offset, size ? size : gen.page_size, "noc_async_write_page",
                             ttemu::api::at(loc));
}

template <std::uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1>
inline void noc_async_read(std::uint64_t src_noc_addr, std::uint32_t dst_local_l1_addr, std::uint32_t size,
                           std::uint8_t noc = noc_index, std::source_location loc = std::source_location::current()) {
  (void)noc;
  ttemu::api::noc_read(src_noc_addr, dst_local_l1_addr, size, ttemu::api::at(loc));
}

inline void noc_async_write(std::uint32_t src_local_l1_addr, std::uint64_t dst_noc_addr, std::uint32_t size,
                            std::uint8_t noc = noc_index, std::source_location loc = std::source_location::current()) {
  (void)noc;
  ttemu::api::noc_write(src_local_l1_addr, dst_noc_addr, size, ttemu::api::at(loc));
}

inline void noc_async_read_barrier(std::uint8_t noc = noc_index,
                                   std::source_location loc = std::source_location::current()) {
  (void)noc;
  ttemu::api::noc_read_barrier(ttemu::api::at(loc));
}

inline void noc_async_write_barrier(std::uint8_t noc = noc_index,
                                    std::source_location loc = std::source_location::current()) {
  (void)noc;
  ttemu::api::noc_write_barrier(ttemu::api::at(loc));
}

// ---- semaphores and core-to-core transfers (multicast) ---------------------------------------------------
// A semaphore is a 4-byte word of this core's L1 (CreateSemaphore on the host); kernels reach it as a
// `volatile tt_l1_ptr uint32_t*` made from get_semaphore(id), and may read or write it directly too.

// Real: a template on ProgrammableCoreType (TENSIX by default); only Tensix cores are emulated.
FORCE_INLINE std::uint32_t get_semaphore(std::uint32_t semaphore_id,
                                         std::source_location loc = std::source_location::current()) {
  return ttemu::api::semaphore_address(semaphore_id, ttemu::api::at(loc));
}

FORCE_INLINE void noc_semaphore_wait(volatile tt_l1_ptr std::uint32_t* sem_addr, std::uint32_t val,
                                     std::source_location loc = std::source_location::current()) {
  ttemu::api::semaphore_wait(sem_addr, val, ttemu::api::at(loc));
}

FORCE_INLINE void noc_semaphore_set(volatile tt_l1_ptr std::uint32_t* sem_addr, std::uint32_t val,
                                    std::source_location loc = std::source_location::current()) {
  ttemu::api::semaphore_set(sem_addr, val, ttemu::api::at(loc));
}

template <bool posted = false>
FORCE_INLINE void noc_semaphore_inc(std::uint64_t addr, std::uint32_t incr, std::uint8_t noc_id = noc_index,
                                    std::uint8_t vc = 0, std::source_location loc = std::source_location::current()) {
  (void)noc_id, (void)vc;
  ttemu::api::semaphore_inc(addr, incr, ttemu::api::at(loc));
}

// The NoC address of `addr` in the L1 of the core at NoC coordinates (x, y).
FORCE_INLINE std::uint64_t get_noc_addr(std::uint32_t noc_x, std::uint32_t noc_y, std::uint32_t addr,
                                        std::uint8_t noc = noc_index,
                                        std::source_location loc = std::source_location::current()) {
  (void)noc;
  return ttemu::api::noc_core_addr(noc_x, noc_y, addr, ttemu::api::at(loc));
}

// The NoC address of `addr` in every core of the rectangle (x_start, y_start)..(x_end, y_end).
FORCE_INLINE std::uint64_t get_noc_multicast_addr(std::uint32_t noc_x_start, std::uint32_t noc_y_start,
                                                  std::uint32_t noc_x_end, std::uint32_t noc_y_end, std::uint32_t addr,
                                                  std::uint8_t noc = noc_index,
                                                  std::source_location loc = std::source_location::current()) {
  (void)noc;
  return ttemu::api::noc_multicast_addr(noc_x_start, noc_y_start, noc_x_end, noc_y_end, addr, ttemu::api::at(loc));
}

inline void noc_async_write_multicast(std::uint32_t src_local_l1_addr, std::uint64_t dst_noc_addr_multicast,
                                      std::uint32_t size, std::uint32_t num_dests, bool linked = false,
                                      std::uint8_t noc = noc_index,
                                      std::source_location loc = std::source_location::current()) {
  (void)linked, (void)noc;
  ttemu::api::noc_write_multicast(src_local_l1_addr, dst_noc_addr_multicast, size, num_dests,
                                  "noc_async_write_multicast", ttemu::api::at(loc));
}

inline void noc_semaphore_set_multicast(std::uint32_t src_local_l1_addr, std::uint64_t dst_noc_addr_multicast,
                                        std::uint32_t num_dests, bool linked = false, std::uint8_t noc = noc_index,
                                        std::source_location loc = std::source_location::current()) {
  (void)linked, (void)noc;
  ttemu::api::noc_write_multicast(src_local_l1_addr, dst_noc_addr_multicast, 4, num_dests,
                                  "noc_semaphore_set_multicast", ttemu::api::at(loc));
}

inline void noc_async_atomic_barrier(std::uint8_t noc_idx = noc_index,
                                     std::source_location loc = std::source_location::current()) {
  (void)noc_idx;
  ttemu::api::noc_atomic_barrier(ttemu::api::at(loc));
}
