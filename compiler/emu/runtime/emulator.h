// The state of one emulated run, built from the plan: DRAM buffers, cores with their L1 and CBs, one kernel
// thread per (core, kernel), the scheduler and the trace. The kernel API implementations reach it via emu().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core.h"
#include "dram.h"
#include "kernel_thread.h"
#include "l1_arena.h"
#include "plan.h"
#include "scheduler.h"
#include "trace.h"

namespace ttemu {

struct Emulator {
  Plan plan;
  Dram dram;
  L1Arena l1;
  std::vector<std::unique_ptr<Core>> cores;
  std::vector<std::unique_ptr<KernelThread>> threads;
  Scheduler scheduler;
  Trace trace;

  explicit Emulator(Plan p) : plan(std::move(p)), dram(plan.buffers) {}
  // A run on DRAM the host program already allocated and filled (the host API's EnqueueMeshWorkload).
  Emulator(Plan p, Dram d) : plan(std::move(p)), dram(std::move(d)) {}

  // Maps L1, configures every core's CBs (checking L1 bounds and overlaps) and creates the kernel threads.
  // Problems found here (L1 overflow, overlapping CBs) are returned as faults.
  std::vector<Fault> build(void (*const entries[3])());
  std::vector<const Core*> core_list() const;
  // Places and initialises the plan's semaphores on `core`; a fault when they do not fit.
  Fault place_semaphores(Core& core);
  // The active core at NoC coordinates (x, y), or null.
  Core* core_at_noc(std::uint32_t x, std::uint32_t y) const;
};

Emulator& emu();
void set_emu(Emulator* e);

// The current kernel thread's core and CB `index`, or a cb_not_configured fault.
CircularBuffer& cb_or_fault(std::uint32_t index, api::Loc loc);

}  // namespace ttemu
