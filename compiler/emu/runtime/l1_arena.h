// Host memory for every core's L1, mapped below 4 GiB so that an L1 address fits the uint32_t kernels use
// and kernels that dereference get_write_ptr()/get_read_ptr() as pointers work unchanged.
#pragma once

#include <cstdint>
#include <string>

namespace ttemu {

class L1Arena {
 public:
  L1Arena() = default;
  L1Arena(const L1Arena&) = delete;
  L1Arena& operator=(const L1Arena&) = delete;
  ~L1Arena();

  // Maps `cores` arenas of `bytes` each (zero-filled, lazily committed). Returns an error message or "".
  std::string map(int cores, std::uint32_t bytes);
  std::uint8_t* core(int i) const { return base_ + static_cast<std::uint64_t>(i) * stride_; }
  std::uint32_t address(int i) const { return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(core(i))); }

 private:
  std::uint8_t* base_ = nullptr;
  std::uint64_t stride_ = 0;
  std::uint64_t size_ = 0;
};

}  // namespace ttemu
