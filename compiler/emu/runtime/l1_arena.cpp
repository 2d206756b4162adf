// Low-address mapping of the L1 arenas; see l1_arena.h. A guard gap between cores catches small overruns.
#include "l1_arena.h"

#include <sys/mman.h>

namespace ttemu {

L1Arena::~L1Arena() {
  if (base_) munmap(base_, size_);
}

std::string L1Arena::map(int cores, std::uint32_t bytes) {
  constexpr std::uint64_t kPage = 1u << 16;
  stride_ = (static_cast<std::uint64_t>(bytes) + kPage - 1) / kPage * kPage + kPage;
  size_ = stride_ * static_cast<std::uint64_t>(cores);
  void* p = MAP_FAILED;
#ifdef MAP_32BIT
  p = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_32BIT, -1, 0);
#endif
  // Without MAP_32BIT (or when it is exhausted) probe fixed low addresses.
  for (std::uint64_t hint = 0x40000000ull; p == MAP_FAILED && hint + size_ < 0xf0000000ull; hint += 0x10000000ull)
    p = mmap(reinterpret_cast<void*>(hint), size_, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED || reinterpret_cast<std::uintptr_t>(p) + size_ > 0xffffffffull)
    return "cannot map " + std::to_string(size_ >> 20) + " MiB of emulated L1 below 4 GiB";
  base_ = static_cast<std::uint8_t*>(p);
  // Make the gaps between arenas inaccessible.
  for (int i = 0; i < cores; ++i) mprotect(core(i) + stride_ - kPage, kPage, PROT_NONE);
  return "";
}

}  // namespace ttemu
