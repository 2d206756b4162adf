// Token-passing scheduler, deadlock detection and the watchdog; see scheduler.h.
#include "scheduler.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iterator>

#include "circular_buffer.h"
#include "core.h"

namespace ttemu {

namespace {

bool satisfied(const BlockReason& b) {
  switch (b.op) {
    case BlockReason::Op::Reserve:
      return b.cb->free_pages() >= b.pages;
    case BlockReason::Op::Wait:
      return b.cb->filled >= b.pages;
    case BlockReason::Op::Semaphore:
      return *b.sem == b.pages;
    case BlockReason::Op::None:
      return true;
  }
  return true;
}

const char* op_name(BlockReason::Op op) { return op == BlockReason::Op::Reserve ? "cb_reserve_back" : "cb_wait_front"; }

std::string blocked_call(const BlockReason& b) {
  if (b.op == BlockReason::Op::Semaphore)
    return "noc_semaphore_wait(semaphore " + std::to_string(b.sem_id) + ", val=" + std::to_string(b.pages) + ")";
  return std::string(op_name(b.op)) + "(" + b.cb->label() + ", n=" + std::to_string(b.pages) + ")";
}

}  // namespace

namespace {
// Generated kernels and the emulated API keep little on the stack (a tile is 4 KiB); pages are committed on use.
constexpr std::size_t kFiberStackBytes = 512 * 1024;
// How finely the watchdog samples progress: the timeout message's "last move" is exact to 1/20 of the window.
constexpr int kWatchdogSlices = 20;
}  // namespace

Scheduler::Outcome Scheduler::run(std::chrono::milliseconds watchdog) {
  Outcome out;
  if (threads_.empty()) {
    out.completed = true;
    return out;
  }
  fibers_.resize(threads_.size());
  runner_ = std::thread([this] { runner_main(); });
  std::unique_lock lk(mu_);
  // The watchdog samples the push/pop count in slices of its window, so the kernels' push/pop path never
  // reads a clock: `last_move` is the first sample that saw the latest count (a move happened at most one
  // slice before it, none after it).
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + watchdog;
  const auto slice = std::max(std::chrono::milliseconds(1), watchdog / kWatchdogSlices);
  std::uint64_t seen = 0;
  auto last_move = start;
  bool ended = false;
  while (!ended) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) break;
    ended = main_cv_.wait_until(lk, std::min(deadline, now + slice), [&] { return runner_done_ || aborted_; });
    if (handoffs_ != seen) {
      seen = handoffs_;
      last_move = std::chrono::steady_clock::now();
    }
  }
  if (!ended) {
    Fault f;
    f.kind = "timeout";
    const auto now = std::chrono::steady_clock::now();
    const auto quiet = std::chrono::duration_cast<std::chrono::milliseconds>(now - last_move);
    const auto last_within = quiet + slice;  // the last move lies between the sample before last_move and it
    // Pages still moving in the second half of the window: the program is fine, only longer than the watchdog.
    const bool progressing = handoffs_ > 0 && quiet * 2 < watchdog;
    const std::string progress =
        progressing ? "the program was making progress (" + std::to_string(handoffs_) +
                          " CB pushes and pops, the last less than " + std::to_string(last_within.count()) +
                          " ms before the watchdog fired): it needs more time than the watchdog allows; raise "
                          "--timeout (e.g. --timeout " +
                          std::to_string(std::max<long long>(10, watchdog.count() * 10 / 1000)) + ")"
        : handoffs_ == 0
            ? "no CB page was pushed or popped: a kernel loops without CB calls, or one computation "
              "takes longer than the watchdog"
            : "no CB page moved in the last " + std::to_string(quiet.count()) + " ms (" + std::to_string(handoffs_) +
                  " pushes and pops before that): a kernel loops without CB calls, or one computation "
                  "takes longer than the watchdog";
    std::string running = "no kernel holds the run token";
    if (current_ >= 0 && current_ < static_cast<int>(threads_.size())) {
      const KernelThread& t = *threads_[current_];
      const char* file = t.last_file.load();
      running = t.label + " was running; its last API call was " + std::string(t.last_op.load()) +
                (file ? " at " + short_location({file, t.last_line.load()}) : std::string());
      f.core_x = t.core->x;
      f.core_y = t.core->y;
      f.kernel = t.name();
      f.file = file ? file : "";
      f.line = t.last_line.load();
    }
    f.message = "timeout: the run exceeded the " + std::to_string(watchdog.count()) + " ms watchdog; " + progress +
                "; " + running;
    abort_locked(std::move(f));
  }
  // Kernels unwind at their next API call; one spinning in kernel code cannot be stopped.
  const bool all_exited = main_cv_.wait_for(lk, std::chrono::milliseconds(250), [&] { return runner_done_; });
  lk.unlock();
  if (all_exited) {
    runner_.join();
  } else {
    runner_.detach();
    for (Fiber& f : fibers_) static_cast<void>(f.stack.release());  // a kernel may still run on its stack
  }
  out.stuck = !all_exited;
  out.completed = all_finished_ && !aborted_;
  return out;
}

// The runner thread: creates the fibers, starts the first, and gets control back once every fiber has exited.
void Scheduler::runner_main() {
  const auto self = reinterpret_cast<std::uintptr_t>(this);
  for (Fiber& f : fibers_) {
    f.stack.reset(new char[kFiberStackBytes]);
    getcontext(&f.context);
    f.context.uc_stack.ss_sp = f.stack.get();
    f.context.uc_stack.ss_size = kFiberStackBytes;
    f.context.uc_link = nullptr;
    makecontext(&f.context, reinterpret_cast<void (*)()>(&Scheduler::fiber_entry), 2, static_cast<unsigned>(self >> 32),
                static_cast<unsigned>(self & 0xffffffffu));
  }
  switch_to(runner_context_, 0);
  set_current_thread(nullptr);
  std::lock_guard lk(mu_);
  runner_done_ = true;
  main_cv_.notify_all();
}

void Scheduler::fiber_entry(unsigned hi, unsigned lo) {
  auto* s = reinterpret_cast<Scheduler*>((static_cast<std::uintptr_t>(hi) << 32) | lo);
  s->run_kernel(*s->threads_[s->current_]);
}

void Scheduler::switch_to(ucontext_t& from, int next) {
  {
    std::lock_guard lk(mu_);
    current_ = next;
  }
  fibers_[next].started = true;
  set_current_thread(threads_[next]);
  swapcontext(&from, &fibers_[next].context);
}

void Scheduler::run_kernel(KernelThread& t) {
  bool go;
  {
    std::lock_guard lk(mu_);
    go = !aborted_;
  }
  if (go) {
    try {
      t.entry();
      finish(t);
    } catch (const KernelAbort&) {
    } catch (const std::exception& e) {
      Fault f;
      f.kind = "kernel_exception";
      f.message = "kernel_exception: " + t.label + " threw: " + e.what();
      f.core_x = t.core->x;
      f.core_y = t.core->y;
      f.kernel = t.name();
      const char* file = t.last_file.load();
      f.file = file ? file : "";
      f.line = t.last_line.load();
      abort_with(std::move(f));
    }
  }
  leave(t);
}

// After an abort every fiber that started must unwind (its stack holds objects to destroy): resume each in
// turn, it throws KernelAbort from where it was parked. Otherwise the next runnable fiber goes on.
void Scheduler::leave(KernelThread& self) {
  int next = -1;
  {
    std::lock_guard lk(mu_);
    fibers_[self.id].exited = true;
    if (aborted_) {
      for (std::size_t i = 0; i < fibers_.size() && next < 0; ++i) {
        if (fibers_[i].exited) continue;
        if (fibers_[i].started)
          next = static_cast<int>(i);
        else
          fibers_[i].exited = true;  // never ran: nothing to unwind
      }
    } else {
      next = pick_next(self.id);
    }
    if (next >= 0) current_ = next;
  }
  if (next < 0) setcontext(&runner_context_);
  fibers_[next].started = true;
  set_current_thread(threads_[next]);
  setcontext(&fibers_[next].context);
  std::abort();  // setcontext does not return
}

bool Scheduler::runnable(const KernelThread& t) const {
  return t.state == ThreadState::Ready || (t.state == ThreadState::Blocked && satisfied(t.block));
}

int Scheduler::pick_next(int after) const {
  const int n = static_cast<int>(threads_.size());
  for (int i = 1; i <= n; ++i) {
    const int idx = (after + i) % n;
    if (runnable(*threads_[idx]) && !fibers_[idx].exited) return idx;
  }
  return -1;
}

void Scheduler::hand_over(KernelThread& self, int next) {
  switch_to(fibers_[self.id].context, next);
  std::lock_guard lk(mu_);
  if (aborted_) throw KernelAbort{};
}

void Scheduler::yield(KernelThread& self) {
  int next;
  {
    std::lock_guard lk(mu_);
    if (aborted_) throw KernelAbort{};
    ++handoffs_;
    next = pick_next(self.id);
  }
  if (next >= 0 && next != self.id) hand_over(self, next);
}

void Scheduler::block(KernelThread& self, const BlockReason& why) {
  int next;
  {
    std::lock_guard lk(mu_);
    if (aborted_) throw KernelAbort{};
    if (satisfied(why)) return;
    self.block = why;
    self.state = ThreadState::Blocked;
    next = pick_next(self.id);
    if (next < 0) {
      report_deadlock();
      throw KernelAbort{};
    }
  }
  hand_over(self, next);  // we are resumed only once `why` is satisfied (or to unwind)
  std::lock_guard lk(mu_);
  self.state = ThreadState::Ready;
  self.block = {};
}

void Scheduler::finish(KernelThread& self) {
  std::lock_guard lk(mu_);
  self.state = ThreadState::Finished;
  if (aborted_ || pick_next(self.id) >= 0) return;  // leave() switches to the next runnable kernel
  bool all = true;
  for (const KernelThread* t : threads_) all &= t->state == ThreadState::Finished;
  if (all) {
    all_finished_ = true;
  } else {
    report_deadlock();
  }
}

std::string Scheduler::describe_state(const KernelThread& t, const KernelThread& asking) const {
  std::string who = std::string(t.name()) + (&t == &asking ? " (this kernel)" : "");
  switch (t.state) {
    case ThreadState::Finished:
      return who + " finished";
    case ThreadState::Blocked:
      return who + " blocked in " + blocked_call(t.block);
    case ThreadState::Ready:
      return who + " running";
  }
  return who;
}

// One fault per blocked kernel. Kernels whose wait no other kernel could ever end (the other side of the CB
// is the kernel itself, has finished, or does not exist) are the cause and are listed first; the others
// wait on them.
void Scheduler::report_deadlock() {
  std::vector<Fault> causes, found;
  for (const KernelThread* t : threads_) {
    if (t->state != ThreadState::Blocked) continue;
    const BlockReason& b = t->block;
    if (b.op == BlockReason::Op::Semaphore) {
      found.push_back(semaphore_deadlock(*t));
      continue;
    }
    const bool wait = b.op == BlockReason::Op::Wait;
    std::string detail = wait ? std::to_string(b.cb->filled) + " of " + std::to_string(b.pages) + " pages available"
                              : std::to_string(b.cb->free_pages()) + " of " + std::to_string(b.cb->num_pages) +
                                    " pages free, " + std::to_string(b.pages) + " needed";
    const std::uint8_t mask = wait ? b.cb->producers : b.cb->consumers;
    const char* side = wait ? "producer" : "consumer";
    std::string others;
    bool cause = mask != 0;  // with no known other side we cannot tell
    for (Role r : kRoles) {
      if (!(mask & (1u << static_cast<int>(r)))) continue;
      const KernelThread* o = t->core->threads[static_cast<int>(r)];
      others += std::string(others.empty() ? "" : "; ") + side + " " + describe_state(*o, *t);
      cause &= o == t || o->state == ThreadState::Finished;
    }
    if (others.empty())
      others = wait ? "no kernel has pushed to this CB yet" : "no kernel has popped from this CB yet";
    else if ((wait ? b.cb->producers : b.cb->consumers) == (1u << static_cast<int>(t->role)))
      others += wait ? " - the kernel is its own producer" : " - the kernel is its own consumer";
    Fault f;
    f.kind = "deadlock";
    f.core_x = t->core->x;
    f.core_y = t->core->y;
    f.kernel = t->name();
    f.cb = static_cast<int>(b.cb->index);
    f.file = b.loc.file ? b.loc.file : "";
    f.line = b.loc.line;
    f.message = "deadlock: " + t->label + " blocked in " + blocked_call(b) + " at " + short_location(b.loc) + ": " +
                detail + ", " + others + " (" + b.cb->history() + ")";
    (cause ? causes : found).push_back(std::move(f));
  }
  found.insert(found.begin(), std::make_move_iterator(causes.begin()), std::make_move_iterator(causes.end()));
  if (found.empty()) {
    Fault f;
    f.kind = "deadlock";
    f.message = "deadlock: no kernel can run";
    found.push_back(std::move(f));
  }
  for (auto& f : found) faults_.push_back(std::move(f));
  aborted_ = true;
  run_aborted = true;
  main_cv_.notify_all();
}

// A semaphore is written by other cores' kernels (noc_semaphore_inc, a multicast), so no single other side is
// known: the fault says what the word holds and what every kernel on the core is doing.
Fault Scheduler::semaphore_deadlock(const KernelThread& t) const {
  const BlockReason& b = t.block;
  Fault f;
  f.kind = "deadlock";
  f.core_x = t.core->x;
  f.core_y = t.core->y;
  f.kernel = t.name();
  f.file = b.loc.file ? b.loc.file : "";
  f.line = b.loc.line;
  std::string others;
  for (Role r : kRoles) {
    const KernelThread* o = t.core->threads[static_cast<int>(r)];
    if (o != &t) others += "; " + describe_state(*o, t);
  }
  f.message = "deadlock: " + t.label + " blocked in " + blocked_call(b) + " at " + short_location(b.loc) +
              ": the semaphore holds " + std::to_string(*b.sem) + " and no kernel that can still run will make it " +
              std::to_string(b.pages) + others;
  return f;
}

void Scheduler::abort_locked(Fault f) {
  faults_.push_back(std::move(f));
  aborted_ = true;
  run_aborted = true;
  main_cv_.notify_all();
}

void Scheduler::abort_with(Fault f) {
  std::lock_guard lk(mu_);
  abort_locked(std::move(f));
}

std::vector<Fault> Scheduler::faults() const {
  std::lock_guard lk(mu_);
  return faults_;
}

}  // namespace ttemu
