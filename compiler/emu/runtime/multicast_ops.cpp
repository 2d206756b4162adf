// Semaphores and core-to-core NoC transfers: get_semaphore, noc_semaphore_{wait,set,inc},
// get_noc_addr(x, y, addr), get_noc_multicast_addr, noc_async_write_multicast, noc_semaphore_set_multicast.
// Transfers are executed at once (the scheduler runs one kernel at a time); the checks catch what hangs or
// corrupts a real chip: a multicast whose num_dests differs from the cores it reaches (the sender waits for
// acks forever), a rectangle containing the sender, data landing outside a receiver's reserved CB window (the
// receiver had not made room yet), semaphore words that do not exist; a wait nothing will satisfy is a deadlock.
#include <cstring>
#include <string>

#include "emulator.h"
#include "fault.h"
#include "noc_checks.h"

namespace ttemu::api {

namespace {

// A NoC address of core L1 is tagged so it can never be mistaken for a (flat, emulated) DRAM address:
// bit 63 core L1, bit 62 multicast; coordinates in 6-bit fields from bit 32; the core-local L1 offset below.
constexpr std::uint64_t kCoreL1Bit = 1ull << 63, kMulticastBit = 1ull << 62;
constexpr std::uint32_t kCoordBits = 6, kCoordMask = (1u << kCoordBits) - 1;

struct NocTarget {
  bool multicast = false;
  std::uint32_t x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // unicast: (x0, y0)
  std::uint32_t local = 0;                       // core-local L1 offset
};

std::uint64_t coord_field(std::uint32_t v, int slot) {
  return static_cast<std::uint64_t>(v) << (32 + kCoordBits * slot);
}
std::uint32_t coord_of(std::uint64_t a, int slot) { return (a >> (32 + kCoordBits * slot)) & kCoordMask; }

void check_coord(const char* op, const char* what, std::uint32_t v, Loc loc) {
  if (v > kCoordMask)
    raise_fault("noc_coordinate_out_of_range",
                std::string(op) + ": " + what + " = " + std::to_string(v) + " is no NoC coordinate of this device",
                loc);
}

NocTarget decode(const char* op, std::uint64_t a, bool multicast, Loc loc) {
  if (!(a & kCoreL1Bit) || static_cast<bool>(a & kMulticastBit) != multicast)
    raise_fault("noc_address_kind",
                std::string(op) + ": " + hex(a) + " is not a " +
                    (multicast ? "get_noc_multicast_addr" : "get_noc_addr(x, y, addr)") + " address of core L1",
                loc);
  NocTarget t;
  t.multicast = multicast;
  t.x0 = coord_of(a, 0);
  t.y0 = coord_of(a, 1);
  t.x1 = multicast ? coord_of(a, 2) : t.x0;
  t.y1 = multicast ? coord_of(a, 3) : t.y0;
  t.local = static_cast<std::uint32_t>(a);
  return t;
}

std::string noc_xy(std::uint32_t x, std::uint32_t y) { return "(" + std::to_string(x) + "," + std::to_string(y) + ")"; }

Core& core_at(const char* op, std::uint32_t x, std::uint32_t y, Loc loc) {
  Core* c = emu().core_at_noc(x, y);
  if (!c)
    raise_fault("noc_no_worker",
                std::string(op) + ": no active worker core at NoC coordinates " + noc_xy(x, y) +
                    " (worker (x, y) is at NoC (x+1, y+1) here: use worker_core_from_logical_core)",
                loc);
  // Unlinked cores may run on different runner threads (core_groups.h); on silicon nothing would order the
  // access against the other core's kernels either.
  const Core& self = *current_thread().core;
  if (c->group != self.group)
    raise_fault("noc_core_not_linked",
                std::string(op) + ": " + c->label + " (NoC " + noc_xy(x, y) + ") shares no semaphore with " +
                    self.label + " in the plan (tt.plan.json semaphores), so nothing orders this access against " +
                    c->label + "'s kernels",
                loc);
  return *c;
}

// The id of the semaphore at core-local offset `local` of `c`, or a fault.
std::uint32_t semaphore_at(const Core& c, const char* op, std::uint32_t local, Loc loc) {
  const std::uint32_t rel = local - c.sem_offset;
  const std::uint32_t id = rel / kSemaphoreStride;
  if (local < c.sem_offset || rel % kSemaphoreStride || id >= kMaxSemaphores || !(c.sem_configured & (1u << id)))
    raise_fault("semaphore_address_invalid",
                std::string(op) + ": L1 offset " + hex(local) + " of " + c.label +
                    " is not a semaphore created for it (get_semaphore(id) of a "
                    "CreateSemaphore on that core)",
                loc);
  return id;
}

std::uint32_t local_semaphore(const char* op, const volatile std::uint32_t* sem, Loc loc) {
  const Core& c = *current_thread().core;
  const auto addr = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(sem));
  return semaphore_at(c, op, l1_local(c, op, addr, sizeof(std::uint32_t), loc), loc);
}

}  // namespace

std::uint32_t semaphore_address(std::uint32_t id, Loc loc) {
  KernelThread& t = current_thread();
  t.note("get_semaphore", loc);
  const Core& c = *t.core;
  if (id >= kMaxSemaphores || !(c.sem_configured & (1u << id)))
    raise_fault("semaphore_not_configured",
                "get_semaphore(" + std::to_string(id) + "): no semaphore " + std::to_string(id) +
                    " was created on this core (CreateSemaphore / tt.plan.json semaphores)",
                loc);
  return c.l1_base + c.sem_offset + id * kSemaphoreStride;
}

void semaphore_wait(volatile std::uint32_t* sem, std::uint32_t value, Loc loc) {
  KernelThread& t = current_thread();
  t.note("noc_semaphore_wait", loc);
  const std::uint32_t id = local_semaphore("noc_semaphore_wait", sem, loc);
  if (*sem != value) {
    BlockReason why{BlockReason::Op::Semaphore, nullptr, value, loc};
    why.sem = sem;
    why.sem_id = id;
    emu().scheduler.block(t, why);
  }
}

void semaphore_set(volatile std::uint32_t* sem, std::uint32_t value, Loc loc) {
  current_thread().note("noc_semaphore_set", loc);
  local_semaphore("noc_semaphore_set", sem, loc);
  *sem = value;
}

void semaphore_inc(std::uint64_t noc_addr, std::uint32_t incr, Loc loc) {
  current_thread().note("noc_semaphore_inc", loc);
  const NocTarget to = decode("noc_semaphore_inc", noc_addr, false, loc);
  Core& c = core_at("noc_semaphore_inc", to.x0, to.y0, loc);
  semaphore_at(c, "noc_semaphore_inc", to.local, loc);
  std::uint32_t v;
  std::memcpy(&v, c.l1 + to.local, sizeof v);
  v += incr;  // 32-bit wrap, as the NoC atomic
  std::memcpy(c.l1 + to.local, &v, sizeof v);
}

std::uint64_t noc_core_addr(std::uint32_t x, std::uint32_t y, std::uint32_t l1_addr, Loc loc) {
  current_thread().note("get_noc_addr", loc);
  check_coord("get_noc_addr", "noc_x", x, loc);
  check_coord("get_noc_addr", "noc_y", y, loc);
  // Every core has the same L1 layout, so a local address names the same offset on the remote core.
  const std::uint32_t local = l1_local("get_noc_addr", l1_addr, 0, loc);
  return kCoreL1Bit | coord_field(x, 0) | coord_field(y, 1) | local;
}

std::uint64_t noc_multicast_addr(std::uint32_t x_start, std::uint32_t y_start, std::uint32_t x_end, std::uint32_t y_end,
                                 std::uint32_t l1_addr, Loc loc) {
  const char* op = "get_noc_multicast_addr";
  current_thread().note(op, loc);
  check_coord(op, "noc_x_start", x_start, loc);
  check_coord(op, "noc_y_start", y_start, loc);
  check_coord(op, "noc_x_end", x_end, loc);
  check_coord(op, "noc_y_end", y_end, loc);
  if (x_start > x_end || y_start > y_end)
    raise_fault("noc_multicast_rectangle",
                std::string(op) + ": start " + noc_xy(x_start, y_start) + " is not the low corner of end " +
                    noc_xy(x_end, y_end) + " (NOC 0 multicasts from the low corner to the high one)",
                loc);
  const std::uint32_t local = l1_local(op, l1_addr, 0, loc);
  return kCoreL1Bit | kMulticastBit | coord_field(x_start, 0) | coord_field(y_start, 1) | coord_field(x_end, 2) |
         coord_field(y_end, 3) | local;
}

void noc_write_multicast(std::uint32_t src_l1_addr, std::uint64_t dst_noc_addr, std::uint32_t size,
                         std::uint32_t num_dests, const char* op, Loc loc) {
  KernelThread& t = current_thread();
  t.note(op, loc);
  const Core& self = *t.core;
  const std::uint32_t src = l1_local(op, src_l1_addr, size, loc);
  check_cb_window(op, src, src + size, true, loc);  // the sender multicasts the pages it reserved and filled
  const NocTarget to = decode(op, dst_noc_addr, true, loc);
  if (static_cast<std::uint64_t>(to.local) + size > self.l1_bytes)
    raise_fault("l1_out_of_bounds",
                std::string(op) + ": destination L1 offset " + hex(to.local) + " (+" + std::to_string(size) +
                    " bytes) is outside L1",
                loc);
  std::uint32_t reached = 0;
  for (std::uint32_t y = to.y0; y <= to.y1; ++y)
    for (std::uint32_t x = to.x0; x <= to.x1; ++x) {
      if (x == self.noc_x && y == self.noc_y)
        raise_fault("noc_multicast_includes_sender",
                    std::string(op) + ": the rectangle " + noc_xy(to.x0, to.y0) + ".." + noc_xy(to.x1, to.y1) +
                        " contains the sender itself (use the _loopback_src variant, or leave the sender out)",
                    loc);
      core_at(op, x, y, loc);
      ++reached;
    }
  if (reached != num_dests)
    raise_fault("noc_multicast_num_dests",
                std::string(op) + ": the rectangle " + noc_xy(to.x0, to.y0) + ".." + noc_xy(to.x1, to.y1) + " holds " +
                    std::to_string(reached) + " cores but num_dests is " + std::to_string(num_dests) +
                    " (the sender would wait for acknowledgements that never come, or return early)",
                loc);
  for (std::uint32_t y = to.y0; y <= to.y1; ++y)
    for (std::uint32_t x = to.x0; x <= to.x1; ++x) {
      Core& dst = *emu().core_at_noc(x, y);
      // Each receiver must have reserved the pages the data lands in (cb_reserve_back before signalling).
      check_cb_window(dst, op, to.local, to.local + size, true, loc);
      std::memcpy(dst.l1 + to.local, self.l1 + src, size);
    }
}

void noc_atomic_barrier(Loc loc) { current_thread().note("noc_async_atomic_barrier", loc); }

}  // namespace ttemu::api
