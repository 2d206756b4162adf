// Compile-time description of a tensor for a TensorAccessor (tt_metal/hw/inc/api/tensor/tensor_accessor_args.h):
// at CTA_OFFSET the host's TensorAccessorArgs(*buffer).append_to() put the ArgsConfig flags, then the aligned
// page size. Interleaved tensors only: a sharded one fails to compile here rather than run wrongly.
#pragma once

#include <cstddef>
#include <cstdint>

#include "api/compile_time_args.h"

namespace tensor_accessor {
inline constexpr std::size_t UNKNOWN = static_cast<std::size_t>(-1);
// hostdevcommon/tensor_accessor/arg_config.hpp
enum class ArgConfig : std::uint8_t { None = 0, Sharded = 1 << 0, IsDram = 1 << 1 };
}  // namespace tensor_accessor

template <std::size_t CTA_OFFSET, std::size_t CRTA_OFFSET = tensor_accessor::UNKNOWN>
struct TensorAccessorArgs {
  static constexpr std::uint32_t args_config = get_compile_time_arg_val(CTA_OFFSET);
  static constexpr bool is_sharded =
      (args_config & static_cast<std::uint32_t>(tensor_accessor::ArgConfig::Sharded)) != 0;
  static constexpr bool is_dram = (args_config & static_cast<std::uint32_t>(tensor_accessor::ArgConfig::IsDram)) != 0;
  static_assert(!is_sharded, "ttemu emulates interleaved TensorAccessors only");
  static constexpr std::uint32_t AlignedPageSize = get_compile_time_arg_val(CTA_OFFSET + 1);

  constexpr TensorAccessorArgs() = default;
  static constexpr std::uint32_t get_aligned_page_size() { return AlignedPageSize; }
  static constexpr std::uint32_t num_compile_time_args() { return 2; }
  static constexpr std::uint32_t next_compile_time_args_offset() { return CTA_OFFSET + num_compile_time_args(); }
};
