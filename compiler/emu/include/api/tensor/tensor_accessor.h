// Page addressing of an interleaved tensor (tt_metal/hw/inc/api/tensor/tensor_accessor.h): built from its
// TensorAccessorArgs and the buffer's address (a runtime argument); noc_async_read_page/write_page take it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <source_location>

#include "api/tensor/tensor_accessor_args.h"
#include "ttemu/api.h"

template <typename DSpecT>
struct TensorAccessor {
  using DSpec = DSpecT;
  static constexpr bool is_dram = DSpec::is_dram;

  template <std::size_t CTA_OFFSET, std::size_t CRTA_OFFSET>
  TensorAccessor(const TensorAccessorArgs<CTA_OFFSET, CRTA_OFFSET>& args, const std::size_t bank_base_address_in,
                 const std::uint32_t page_size_in = TensorAccessorArgs<CTA_OFFSET, CRTA_OFFSET>::AlignedPageSize)
      : bank_base_address(static_cast<std::uint32_t>(bank_base_address_in)), aligned_page_size(page_size_in) {
    (void)args;
  }

  std::uint32_t get_aligned_page_size() const { return aligned_page_size; }
  constexpr std::uint32_t get_bank_base_address() const { return bank_base_address; }

  std::uint64_t get_noc_addr(const std::uint32_t page_id, const std::uint32_t offset = 0, std::uint8_t noc = 0,
                             std::source_location loc = std::source_location::current()) const {
    (void)noc;
    return ttemu::api::noc_page_addr(emu(), page_id, offset, ttemu::api::at(loc));
  }

  // What the emulated NoC needs to find the buffer and check the page size (not a tt-metal member).
  ttemu::api::AddrGen emu() const { return {is_dram, bank_base_address, aligned_page_size}; }

 private:
  const std::uint32_t bank_base_address = 0;
  const std::uint32_t aligned_page_size = 0;
};

template <std::size_t CTA_OFFSET, std::size_t CRTA_OFFSET>
TensorAccessor(const TensorAccessorArgs<CTA_OFFSET, CRTA_OFFSET>&, std::size_t)
    -> TensorAccessor<TensorAccessorArgs<CTA_OFFSET, CRTA_OFFSET>>;
template <std::size_t CTA_OFFSET, std::size_t CRTA_OFFSET>
TensorAccessor(const TensorAccessorArgs<CTA_OFFSET, CRTA_OFFSET>&, std::size_t, std::uint32_t)
    -> TensorAccessor<TensorAccessorArgs<CTA_OFFSET, CRTA_OFFSET>>;
