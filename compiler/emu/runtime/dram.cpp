// Emulated DRAM buffers; see dram.h.
#include "dram.h"

#include <cstdio>
#include <stdexcept>

namespace ttemu {

namespace {
std::string hex(std::uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}
}  // namespace

Dram::Dram(const std::vector<BufferSpec>& buffers) {
  for (const BufferSpec& spec : buffers) add(spec);
}

DramBuffer& Dram::add(const BufferSpec& spec) {
  constexpr std::uint64_t kAlign = 1u << 20;
  DramBuffer b;
  b.spec = spec;
  const std::uint64_t size = static_cast<std::uint64_t>(spec.page_size) * spec.num_pages;
  if (next_ + size > 0xffffffffull) throw PlanError("buffers exceed the 4 GiB emulated DRAM space");
  b.base = static_cast<std::uint32_t>(next_);
  b.data.assign(size, 0);
  next_ += (size + kAlign - 1) / kAlign * kAlign + kAlign;  // a gap between buffers catches overruns
  buffers_.push_back(std::move(b));
  return buffers_.back();
}

DramBuffer* Dram::by_base(std::uint32_t base) {
  for (auto& b : buffers_)
    if (b.base == base) return &b;
  return nullptr;
}

DramBuffer* Dram::containing(std::uint64_t addr) {
  for (auto& b : buffers_)
    if (addr >= b.base && addr < b.base + b.bytes()) return &b;
  return nullptr;
}

DramBuffer& Dram::by_name(const std::string& name) {
  for (auto& b : buffers_)
    if (b.spec.name == name) return b;
  throw std::logic_error("no DRAM buffer " + name);
}

std::string Dram::directory() const {
  std::string s;
  for (const auto& b : buffers_) s += (s.empty() ? "" : ", ") + b.spec.name + " at " + hex(b.base);
  return s;
}

}  // namespace ttemu
