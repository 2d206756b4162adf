// Host side of TensorAccessorArgs (tt_metal/api/tt-metalium/tensor_accessor_args.hpp): the compile-time
// arguments a kernel's TensorAccessorArgs<offset>() reads. Interleaved buffers: {ArgsConfig, page size}.
#pragma once

#include <cstdint>
#include <vector>

#include "tt-metalium/distributed.hpp"

namespace tt::tt_metal {

class TensorAccessorArgs {
 public:
  explicit TensorAccessorArgs(const distributed::MeshBuffer& buffer)
      : is_dram_(buffer.buffer_type() == BufferType::DRAM),
        page_size_(static_cast<std::uint32_t>(buffer.page_size())) {}
  explicit TensorAccessorArgs(const std::shared_ptr<distributed::MeshBuffer>& buffer) : TensorAccessorArgs(*buffer) {}

  void append_to(std::vector<std::uint32_t>& compile_time_args) const {
    constexpr std::uint32_t kIsDram = 1u << 1;  // tensor_accessor::ArgConfig::IsDram
    compile_time_args.push_back(is_dram_ ? kIsDram : 0u);
    compile_time_args.push_back(page_size_);
  }

 private:
  bool is_dram_;
  std::uint32_t page_size_;
};

}  // namespace tt::tt_metal
