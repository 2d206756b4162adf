// One emulated kernel (reader, compute or writer) on one core, run as one fiber (see scheduler.h): its arguments,
// scheduling state, what it is blocked on, and its outstanding NoC transfers.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "fault.h"
#include "plan.h"
#include "ttemu/api.h"

namespace ttemu {

struct CircularBuffer;
struct Core;

enum class ThreadState { Ready, Blocked, Finished };

struct BlockReason {
  // Semaphore: noc_semaphore_wait until *sem == pages (the awaited value); sem_id names it in messages.
  enum class Op { None, Reserve, Wait, Semaphore } op = Op::None;
  CircularBuffer* cb = nullptr;
  std::uint32_t pages = 0;
  api::Loc loc{nullptr, 0};
  const volatile std::uint32_t* sem = nullptr;
  std::uint32_t sem_id = 0;
};

// A core-local L1 byte range touched by a NoC transfer not yet completed by its barrier.
struct PendingTransfer {
  std::uint32_t begin, end;
  api::Loc loc;
};

// Set once the whole run is aborted (deadlock, watchdog): the next API call of any kernel unwinds it.
inline std::atomic<bool> run_aborted{false};

// Cache-line aligned: the last-call fields written at every API call never share a line across runners.
struct alignas(64) KernelThread {
  int id = 0;
  Role role = Role::Reader;
  Core* core = nullptr;
  void (*entry)() = nullptr;
  std::vector<std::uint32_t> args;
  std::string label;  // "core (0,0) kernel compute"
  // Set by Scheduler::partition: the core group (core_groups.h), the runner thread that runs the group, this
  // kernel's place in the runner's round-robin order, and the group's stop flag (written by that runner only).
  int group = 0;
  int runner = 0;
  int slot = 0;
  const bool* group_stopped = nullptr;

  // Touched by its runner only (read by the scheduler once every runner has stopped).
  ThreadState state = ThreadState::Ready;
  BlockReason block;

  // Last API call, read by the watchdog from another thread.
  std::atomic<const char*> last_op{"(none)"};
  std::atomic<const char*> last_file{nullptr};
  std::atomic<unsigned> last_line{0};

  std::vector<PendingTransfer> pending_reads, pending_writes;

  const char* name() const { return role_name(role); }
  void note(const char* op, api::Loc loc) {
    if (run_aborted.load(std::memory_order_relaxed) || *group_stopped) throw KernelAbort{};
    last_op.store(op, std::memory_order_relaxed);
    last_file.store(loc.file, std::memory_order_relaxed);
    last_line.store(loc.line, std::memory_order_relaxed);
  }
};

// The kernel thread running on this host thread; faults outside a kernel thread abort the process.
KernelThread& current_thread();
KernelThread* current_thread_or_null();
void set_current_thread(KernelThread* t);

}  // namespace ttemu
