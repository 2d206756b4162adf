// Emulated DRAM: one host array per plan buffer, holding its tile pages in page-id order (tt-metal's
// interleaved layout spreads pages over banks; kernels address pages by id, so the flattening is invisible).
#pragma once

#include <cstdint>
#include <vector>

#include "plan.h"

namespace ttemu {

struct DramBuffer {
  BufferSpec spec;
  std::uint32_t base = 0;  // the bank_base_address kernels receive as a runtime argument
  std::vector<std::uint8_t> data;

  std::uint64_t bytes() const { return data.size(); }
  std::uint8_t* page(std::uint32_t id) { return data.data() + static_cast<std::uint64_t>(id) * spec.page_size; }
};

class Dram {
 public:
  Dram() = default;
  // Places every buffer of the plan at a distinct, non-zero, 1 MiB-aligned base address.
  explicit Dram(const std::vector<BufferSpec>& buffers);
  // Places one more buffer after the others (MeshBuffer::create); throws PlanError past 4 GiB.
  DramBuffer& add(const BufferSpec& spec);

  DramBuffer* by_base(std::uint32_t base);
  DramBuffer* containing(std::uint64_t addr);
  DramBuffer& by_name(const std::string& name);
  std::vector<DramBuffer>& buffers() { return buffers_; }
  // "A at 0x100000, B at 0x200000, C at 0x300000"
  std::string directory() const;

 private:
  std::vector<DramBuffer> buffers_;
  std::uint64_t next_ = 1u << 20;
};

}  // namespace ttemu
