// Runtime arguments and NoC transfers between DRAM buffers and L1, executed synchronously; the checks catch
// out-of-range pages and L1 ranges, mismatched address generators and transfers outside a CB's window.
#include <cstdio>
#include <cstring>
#include <string>

#include "emulator.h"
#include "fault.h"
#include "noc_checks.h"
#include "numeric.h"

namespace ttemu::api {

std::string hex(std::uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

namespace {

std::string range(std::uint32_t begin, std::uint32_t end) { return "[" + hex(begin) + ", " + hex(end) + ")"; }

DramBuffer& dram_page(const char* op, const AddrGen& gen, std::uint32_t id, std::uint32_t offset, std::uint32_t size,
                      Loc loc) {
  DramBuffer* b = emu().dram.by_base(gen.bank_base_address);
  if (!b)
    raise_fault("dram_unknown_buffer",
                std::string(op) + ": no DRAM buffer has bank_base_address " + hex(gen.bank_base_address) +
                    " (buffers: " + emu().dram.directory() + ")",
                loc);
  const std::string what = std::string(op) + "(page " + std::to_string(id) + " of buffer " + b->spec.name + ")";
  if (!gen.dram)
    raise_fault(
        "addrgen_memory_mismatch",
        what + ": the TensorAccessorArgs say L1 (ArgConfig without IsDram) but " + b->spec.name + " is a DRAM buffer",
        loc);
  if (gen.page_size != b->spec.page_size)
    raise_fault("addrgen_page_size_mismatch",
                what + ": the TensorAccessor's page size is " + std::to_string(gen.page_size) + ", but " +
                    b->spec.name + " has " + std::to_string(b->spec.page_size) + "-byte pages",
                loc);
  if (id >= b->spec.num_pages)
    raise_fault("dram_out_of_bounds",
                what + ": " + b->spec.name + " has only " + std::to_string(b->spec.num_pages) + " pages", loc);
  if (static_cast<std::uint64_t>(offset) + size > b->spec.page_size)
    raise_fault("dram_out_of_bounds",
                what + ": offset " + std::to_string(offset) + " + " + std::to_string(size) + " bytes exceeds the " +
                    std::to_string(b->spec.page_size) + "-byte page",
                loc);
  return *b;
}

DramBuffer& dram_range(const char* op, std::uint64_t addr, std::uint32_t size, Loc loc) {
  DramBuffer* b = emu().dram.containing(addr);
  if (!b || addr + size > b->base + b->bytes())
    raise_fault("dram_out_of_bounds",
                std::string(op) + ": DRAM range [" + hex(addr) + ", +" + std::to_string(size) +
                    ") is not inside one buffer (buffers: " + emu().dram.directory() + ")",
                loc);
  return *b;
}

}  // namespace

std::uint32_t l1_local(const Core& c, const char* op, std::uint32_t addr, std::uint32_t size, Loc loc) {
  const std::uint64_t local = static_cast<std::uint64_t>(addr) - c.l1_base;
  if (addr < c.l1_base || local + size > c.l1_bytes)
    raise_fault("l1_out_of_bounds",
                std::string(op) + ": L1 address " + hex(addr) + " (+" + std::to_string(size) +
                    " bytes) is outside this core's L1, which kernels see at " +
                    range(c.l1_base, c.l1_base + c.l1_bytes),
                loc);
  return static_cast<std::uint32_t>(local);
}

std::uint32_t l1_local(const char* op, std::uint32_t addr, std::uint32_t size, Loc loc) {
  return l1_local(*current_thread().core, op, addr, size, loc);
}

void check_cb_window(const Core& c, const char* op, std::uint32_t begin, std::uint32_t end, bool writes_l1, Loc loc) {
  const CircularBuffer* cb = c.cb_overlapping(begin, end);
  if (!cb) return;
  const std::uint32_t first = writes_l1 ? cb->wr_page : cb->rd_page;
  const std::uint32_t count = writes_l1 ? cb->reserved : cb->waited;
  const std::uint32_t wb = cb->page_offset(first), we = wb + count * cb->page_size;
  if (begin >= wb && end <= we) return;
  const std::uint32_t page = begin >= cb->l1_address ? (begin - cb->l1_address) / cb->page_size : 0;
  const std::string where = &c == current_thread().core ? std::string() : " on " + c.label;
  raise_fault(writes_l1 ? "l1_write_outside_reserved_window" : "l1_read_outside_waited_window",
              std::string(op) + (writes_l1 ? " writes" : " reads") + " page " + std::to_string(page) + " of " +
                  cb->label() + where + " (L1 " + range(begin, end) + "), outside its " +
                  (writes_l1 ? "reserved" : "waited") + " window of " + std::to_string(count) + " pages from page " +
                  std::to_string(first) + (writes_l1 ? " (cb_reserve_back first)" : " (cb_wait_front first)"),
              loc, static_cast<int>(cb->index));
}

void check_cb_window(const char* op, std::uint32_t begin, std::uint32_t end, bool writes_l1, Loc loc) {
  check_cb_window(*current_thread().core, op, begin, end, writes_l1, loc);
}

std::uint32_t runtime_arg(int index, Loc loc) {
  KernelThread& t = current_thread();
  t.note("get_arg_val", loc);
  if (index < 0 || static_cast<std::size_t>(index) >= t.args.size()) {
    std::string names;
    for (const auto& n : emu().plan.kernel(t.role).runtime_arg_names) names += (names.empty() ? "" : ", ") + n;
    raise_fault("runtime_arg_out_of_range",
                "get_arg_val(" + std::to_string(index) + "): kernel " + t.name() + " has " +
                    std::to_string(t.args.size()) + " runtime args (" + names + ")",
                loc);
  }
  return t.args[static_cast<std::size_t>(index)];
}

void noc_read_page(const AddrGen& gen, std::uint32_t id, std::uint32_t l1_addr, std::uint32_t offset,
                   std::uint32_t size, const char* op, Loc loc) {
  KernelThread& t = current_thread();
  t.note(op, loc);
  DramBuffer& b = dram_page(op, gen, id, offset, size, loc);
  const std::uint32_t local = l1_local(op, l1_addr, size, loc);
  check_cb_window(op, local, local + size, true, loc);
  std::memcpy(t.core->l1 + local, b.page(id) + offset, size);
  t.pending_reads.push_back({local, local + size, loc});
}

void noc_write_page(const AddrGen& gen, std::uint32_t id, std::uint32_t l1_addr, std::uint32_t offset,
                    std::uint32_t size, const char* op, Loc loc) {
  KernelThread& t = current_thread();
  t.note(op, loc);
  DramBuffer& b = dram_page(op, gen, id, offset, size, loc);
  const std::uint32_t local = l1_local(op, l1_addr, size, loc);
  check_cb_window(op, local, local + size, false, loc);
  std::memcpy(b.page(id) + offset, t.core->l1 + local, size);
  t.pending_writes.push_back({local, local + size, loc});
}

std::uint64_t noc_page_addr(const AddrGen& gen, std::uint32_t id, std::uint32_t offset, Loc loc) {
  current_thread().note("get_noc_addr", loc);
  return static_cast<std::uint64_t>(gen.bank_base_address) + static_cast<std::uint64_t>(id) * gen.page_size + offset;
}

void noc_read(std::uint64_t noc_addr, std::uint32_t l1_addr, std::uint32_t size, Loc loc) {
  KernelThread& t = current_thread();
  t.note("noc_async_read", loc);
  DramBuffer& b = dram_range("noc_async_read", noc_addr, size, loc);
  const std::uint32_t local = l1_local("noc_async_read", l1_addr, size, loc);
  check_cb_window("noc_async_read", local, local + size, true, loc);
  std::memcpy(t.core->l1 + local, b.data.data() + (noc_addr - b.base), size);
  t.pending_reads.push_back({local, local + size, loc});
}

void noc_write(std::uint32_t l1_addr, std::uint64_t noc_addr, std::uint32_t size, Loc loc) {
  KernelThread& t = current_thread();
  t.note("noc_async_write", loc);
  DramBuffer& b = dram_range("noc_async_write", noc_addr, size, loc);
  const std::uint32_t local = l1_local("noc_async_write", l1_addr, size, loc);
  check_cb_window("noc_async_write", local, local + size, false, loc);
  std::memcpy(b.data.data() + (noc_addr - b.base), t.core->l1 + local, size);
  t.pending_writes.push_back({local, local + size, loc});
}

void noc_read_barrier(Loc loc) {
  KernelThread& t = current_thread();
  t.note("noc_async_read_barrier", loc);
  t.pending_reads.clear();
}

void noc_write_barrier(Loc loc) {
  KernelThread& t = current_thread();
  t.note("noc_async_write_barrier", loc);
  t.pending_writes.clear();
}

}  // namespace ttemu::api
