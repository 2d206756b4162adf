// Building an emulated run from the plan, and the fault helper every API call uses; see emulator.h.
#include "emulator.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core_groups.h"
#include "numeric.h"

namespace ttemu {

namespace {
Emulator* g_emu = nullptr;
thread_local KernelThread* t_current = nullptr;

std::string core_label(int x, int y) { return "core (" + std::to_string(x) + "," + std::to_string(y) + ")"; }
}  // namespace

Emulator& emu() { return *g_emu; }
void set_emu(Emulator* e) { g_emu = e; }

KernelThread& current_thread() {
  if (!t_current) {
    std::fprintf(stderr, "ttemu: a kernel API function was called outside an emulated kernel thread\n");
    std::abort();
  }
  return *t_current;
}
KernelThread* current_thread_or_null() { return t_current; }
void set_current_thread(KernelThread* t) { t_current = t; }

std::string short_location(api::Loc loc) {
  if (!loc.file) return "<unknown>";
  const char* slash = std::strrchr(loc.file, '/');
  return std::string(slash ? slash + 1 : loc.file) + ":" + std::to_string(loc.line);
}

void raise_fault(const std::string& kind, const std::string& detail, api::Loc loc, int cb) {
  KernelThread& t = current_thread();
  Fault f;
  f.kind = kind;
  f.core_x = t.core->x;
  f.core_y = t.core->y;
  f.kernel = t.name();
  f.cb = cb;
  f.file = loc.file ? loc.file : "";
  f.line = loc.line;
  f.message = kind + ": " + t.label + " at " + short_location(loc) + ": " + detail;
  emu().scheduler.abort_with(std::move(f));
  throw KernelAbort{};
}

CircularBuffer& cb_or_fault(std::uint32_t index, api::Loc loc) {
  KernelThread& t = current_thread();
  CircularBuffer* cb = t.core->cb(index);
  if (!cb)
    raise_fault("cb_not_configured",
                "CB " + std::to_string(index) + " is not configured on this core (tt.plan.json circular_buffers)", loc,
                static_cast<int>(index));
  return *cb;
}

// Semaphores sit in the last kMaxSemaphores * kSemaphoreStride bytes of the reserved L1 (real tt-metal keeps
// them in the program's L1 config region, also below the CBs), initialised before any kernel starts.
Fault Emulator::place_semaphores(Core& core) {
  Fault f;
  const std::uint32_t region = kMaxSemaphores * kSemaphoreStride;
  for (const SemaphoreSpec& sem : plan.semaphores) {
    if (!sem.all_cores && std::find(sem.cores.begin(), sem.cores.end(), std::pair{core.x, core.y}) == sem.cores.end())
      continue;
    if (plan.device.l1_reserved_bytes < region) {
      f.kind = "setup";
      f.core_x = core.x;
      f.core_y = core.y;
      f.message = "setup: " + core.label + ": semaphores need " + std::to_string(region) +
                  " bytes of reserved L1 below the CBs, the device reserves " +
                  std::to_string(plan.device.l1_reserved_bytes);
      return f;
    }
    core.sem_offset = plan.device.l1_reserved_bytes - region;
    core.sem_configured |= 1u << sem.id;
    std::memcpy(core.l1 + core.sem_offset + sem.id * kSemaphoreStride, &sem.initial_value, sizeof(std::uint32_t));
  }
  return f;
}

std::vector<const Core*> Emulator::core_list() const {
  std::vector<const Core*> out;
  for (const auto& c : cores) out.push_back(c.get());
  return out;
}

Core* Emulator::core_at_noc(std::uint32_t x, std::uint32_t y) const {
  for (const auto& c : cores)
    if (c->noc_x == x && c->noc_y == y) return c.get();
  return nullptr;
}

std::vector<Fault> Emulator::build(void (*const entries[3])()) {
  std::vector<Fault> faults;
  if (std::string err = l1.map(static_cast<int>(plan.cores.size()), plan.device.l1_bytes); !err.empty()) {
    Fault f;
    f.kind = "setup";
    f.message = "setup: " + err;
    faults.push_back(std::move(f));
    return faults;
  }
  const KernelSpec& compute = plan.kernel(Role::Compute);
  for (std::size_t i = 0; i < plan.cores.size(); ++i) {
    const CoreSpec& cs = plan.cores[i];
    auto core = std::make_unique<Core>();
    core->index = static_cast<int>(i);
    core->x = cs.x;
    core->y = cs.y;
    core->label = core_label(cs.x, cs.y);
    core->l1 = l1.core(static_cast<int>(i));
    core->l1_base = l1.address(static_cast<int>(i));
    core->l1_bytes = plan.device.l1_bytes;
    core->noc_x = noc_x_of_logical(static_cast<std::uint32_t>(cs.x));
    core->noc_y = noc_y_of_logical(static_cast<std::uint32_t>(cs.y));
    if (Fault f = place_semaphores(*core); !f.kind.empty()) {
      faults.push_back(std::move(f));
      return faults;
    }
    core->cbs.resize(plan.device.max_circular_buffers);
    core->compute.fp32_dest_acc_en = compute.fp32_dest_acc_en;
    core->compute.unpack_to_dest_fp32.assign(plan.device.max_circular_buffers, false);
    for (std::uint32_t cb : compute.unpack_to_dest_fp32) core->compute.unpack_to_dest_fp32[cb] = true;
    core->compute.capacity = compute.fp32_dest_acc_en ? plan.device.dst_tiles_32bit : plan.device.dst_tiles_16bit;
    core->compute.regs.assign(static_cast<std::size_t>(core->compute.capacity) * kTileElems, 0.0f);

    // CBs without an l1_address are placed one after another from the unreserved base.
    std::uint32_t cursor = plan.device.l1_reserved_bytes;
    for (const CbSpec& spec : plan.cbs) {
      if (!spec.all_cores && std::find(spec.cores.begin(), spec.cores.end(), std::pair{cs.x, cs.y}) == spec.cores.end())
        continue;
      auto cb = std::make_unique<CircularBuffer>();
      cb->name = spec.name;
      cb->index = spec.index;
      cb->format = spec.format;
      cb->page_size = spec.page_size;
      cb->num_pages = spec.num_pages;
      cb->producers = spec.producers;
      cb->consumers = spec.consumers;
      cb->l1_address = spec.l1_address ? *spec.l1_address : (cursor + 31) / 32 * 32;
      if (!spec.l1_address) cursor = cb->l1_address + cb->bytes();
      Fault f;
      f.core_x = cs.x;
      f.core_y = cs.y;
      f.cb = static_cast<int>(spec.index);
      const std::uint64_t end = static_cast<std::uint64_t>(cb->l1_address) + cb->bytes();
      if (core->cbs[spec.index]) {
        f.kind = "cb_duplicate";
        f.message = "cb_duplicate: " + core->label + ": CB index " + std::to_string(spec.index) + " configured twice";
      } else if (cb->l1_address < plan.device.l1_reserved_bytes || end > plan.device.l1_bytes) {
        f.kind = "l1_overflow";
        f.message = "l1_overflow: " + core->label + ": " + cb->label() + " occupies L1 [" +
                    std::to_string(cb->l1_address) + ", " + std::to_string(end) + ") outside the usable L1 [" +
                    std::to_string(plan.device.l1_reserved_bytes) + ", " + std::to_string(plan.device.l1_bytes) +
                    ") of " + plan.device.name;
      } else if (CircularBuffer* other = core->cb_overlapping(cb->l1_address, static_cast<std::uint32_t>(end))) {
        f.kind = "cb_overlap";
        f.message = "cb_overlap: " + core->label + ": " + cb->label() + " at L1 [" + std::to_string(cb->l1_address) +
                    ", " + std::to_string(end) + ") overlaps " + other->label() + " at [" +
                    std::to_string(other->l1_address) + ", " + std::to_string(other->l1_address + other->bytes()) + ")";
      }
      if (!f.kind.empty()) {
        faults.push_back(std::move(f));
        continue;
      }
      core->cbs[spec.index] = std::move(cb);
    }

    for (Role r : kRoles) {
      auto t = std::make_unique<KernelThread>();
      t->id = static_cast<int>(threads.size());
      t->role = r;
      t->core = core.get();
      t->entry = entries[static_cast<int>(r)];
      t->label = core->label + " kernel " + role_name(r);
      for (const ArgSpec& a : cs.runtime_args[static_cast<int>(r)])
        t->args.push_back(a.buffer.empty() ? a.value : dram.by_name(a.buffer).base);
      core->threads[static_cast<int>(r)] = t.get();
      scheduler.add(t.get());
      threads.push_back(std::move(t));
    }
    cores.push_back(std::move(core));
  }
  // Cores that synchronise share a group, a group shares a runner thread (core_groups.h).
  const std::vector<int> group_of_core = core_groups(plan);
  const int groups = group_of_core.empty() ? 1 : *std::max_element(group_of_core.begin(), group_of_core.end()) + 1;
  for (auto& c : cores) c->group = group_of_core[c->index];
  for (auto& t : threads) t->group = t->core->group;
  scheduler.partition(groups, assign_runners(group_of_core, groups, runner_count(groups)));
  trace.set_groups(groups);
  return faults;
}

}  // namespace ttemu
