// Deterministic scheduler of the kernel threads: every kernel runs as a fiber (its own stack, ucontext) on one
// host thread, and exactly one runs at a time; control moves round-robin at every cb_push_back / cb_pop_front
// and whenever a call blocks, so a run (results, trace, diagnostics) is the same every time. A switch is a
// user-space context swap, not an OS thread hand-off (192 kernels of 64 cores on 2 CPUs made the kernel
// scheduler the bottleneck: futex waits and wake-ups took more time than the tile math).
// Because it knows every kernel's state it detects deadlock exactly: no kernel can run, some are blocked.
#pragma once

#include <ucontext.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fault.h"
#include "kernel_thread.h"

namespace ttemu {

class Scheduler {
 public:
  struct Outcome {
    bool completed = false;  // every kernel returned
    bool stuck = false;      // some thread never unwound (the watchdog fired while it ran without API calls)
  };

  void add(KernelThread* t) { threads_.push_back(t); }
  // Runs all kernels to completion, a fault, a deadlock or the wall-clock watchdog.
  Outcome run(std::chrono::milliseconds watchdog);

  // Called by a kernel thread at each push/pop: lets the next runnable thread go first (round-robin).
  void yield(KernelThread& self);
  // Called when a CB call cannot proceed; returns once its condition holds. Deadlock raises a fault.
  void block(KernelThread& self, const BlockReason& why);
  // Records `f`, stops the run and wakes every thread (they unwind with KernelAbort).
  void abort_with(Fault f);

  std::vector<Fault> faults() const;

 private:
  struct Fiber {
    ucontext_t context{};
    std::unique_ptr<char[]> stack;
    bool started = false, exited = false;
  };

  void runner_main();
  static void fiber_entry(unsigned hi, unsigned lo);  // makecontext passes ints: the Scheduler* in two halves
  void run_kernel(KernelThread& t);
  // Switches from the running fiber (or the runner) to fiber `next`; returns when something switches back.
  void switch_to(ucontext_t& from, int next);
  // The running fiber has exited: continue with another fiber that must unwind or run, or the runner.
  [[noreturn]] void leave(KernelThread& self);
  void finish(KernelThread& self);
  bool runnable(const KernelThread& t) const;
  int pick_next(int after) const;
  void hand_over(KernelThread& self, int next);
  void report_deadlock();                                 // requires mu_
  Fault semaphore_deadlock(const KernelThread& t) const;  // requires mu_
  std::string describe_state(const KernelThread& t, const KernelThread& asking) const;
  void abort_locked(Fault f);

  std::vector<KernelThread*> threads_;
  std::vector<Fiber> fibers_;  // by thread id
  ucontext_t runner_context_{};
  std::thread runner_;
  // Guards what the watchdog (the calling thread) and the runner share: aborted_, the outcome, faults_.
  mutable std::mutex mu_;
  std::condition_variable main_cv_;
  int current_ = -1;
  bool aborted_ = false;
  bool all_finished_ = false;
  bool runner_done_ = false;
  std::vector<Fault> faults_;
  // Progress for the watchdog's message: a run stopped while CB pages still moved was only too long. Only a
  // count (no clock read on the push/pop path); the watchdog samples it.
  std::uint64_t handoffs_ = 0;  // push/pop calls so far
};

}  // namespace ttemu
