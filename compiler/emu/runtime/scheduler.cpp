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

void Scheduler::partition(int groups, const std::vector<int>& runner_of_group) {
  groups_.assign(static_cast<std::size_t>(groups), Group{});
  int runners = 0;
  for (int r : runner_of_group) runners = std::max(runners, r + 1);
  runners_.clear();
  for (int i = 0; i < std::max(1, runners); ++i) runners_.push_back(std::make_unique<Runner>());
  for (KernelThread* t : threads_) {
    Runner& r = *runners_[runner_of_group[t->group]];
    t->runner = runner_of_group[t->group];
    t->slot = static_cast<int>(r.threads.size());
    t->group_stopped = &groups_[t->group].stopped;
    r.threads.push_back(t->id);
  }
}

std::uint64_t Scheduler::handoffs() const {
  std::uint64_t n = 0;
  for (const auto& r : runners_) n += r->handoffs.load(std::memory_order_relaxed);
  return n;
}

Scheduler::Outcome Scheduler::run(std::chrono::milliseconds watchdog) {
  Outcome out;
  if (threads_.empty()) {
    out.completed = true;
    return out;
  }
  if (runners_.empty()) {
    for (KernelThread* t : threads_) t->group = 0;
    partition(1, {0});
  }
  fibers_.resize(threads_.size());
  for (auto& r : runners_) r->host = std::thread([this, &r] { runner_main(*r); });
  const auto all = [&](bool Runner::*flag) {
    return std::all_of(runners_.begin(), runners_.end(), [&](const auto& r) { return (*r).*flag; });
  };
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
    ended = main_cv_.wait_until(lk, std::min(deadline, now + slice), [&] { return all(&Runner::idle); });
    if (const std::uint64_t h = handoffs(); h != seen) {
      seen = h;
      last_move = std::chrono::steady_clock::now();
    }
  }
  if (ended) {
    judge_stopped_runners();
  } else {
    Fault f;
    const auto quiet =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - last_move);
    f.message = timeout_message(watchdog, quiet, slice, handoffs(), f);
    abort_locked(std::move(f));
  }
  // Kernels unwind at their next API call; one spinning in kernel code cannot be stopped.
  const bool all_exited = main_cv_.wait_for(lk, std::chrono::milliseconds(250), [&] { return all(&Runner::done); });
  lk.unlock();
  for (auto& r : runners_) {
    if (all_exited) {
      r->host.join();
    } else {
      r->host.detach();
    }
  }
  if (!all_exited)
    for (Fiber& f : fibers_) static_cast<void>(f.stack.release());  // a kernel may still run on its stack
  out.stuck = !all_exited;
  out.completed = all_finished_ && !aborted_;
  return out;
}

std::string Scheduler::timeout_message(std::chrono::milliseconds watchdog, std::chrono::milliseconds quiet,
                                       std::chrono::milliseconds slice, std::uint64_t moves, Fault& f) const {
  f.kind = "timeout";
  const auto last_within = quiet + slice;  // the last move lies between the sample before last_move and it
  // Pages still moving in the second half of the window: the program is fine, only longer than the watchdog.
  const bool progressing = moves > 0 && quiet * 2 < watchdog;
  const std::string progress =
      progressing ? "the program was making progress (" + std::to_string(moves) +
                        " CB pushes and pops, the last less than " + std::to_string(last_within.count()) +
                        " ms before the watchdog fired): it needs more time than the watchdog allows; raise "
                        "--timeout (e.g. --timeout " +
                        std::to_string(std::max<long long>(10, watchdog.count() * 10 / 1000)) + ")"
      : moves == 0 ? "no CB page was pushed or popped: a kernel loops without CB calls, or one computation "
                     "takes longer than the watchdog"
                   : "no CB page moved in the last " + std::to_string(quiet.count()) + " ms (" + std::to_string(moves) +
                         " pushes and pops before that): a kernel loops without CB calls, or one computation "
                         "takes longer than the watchdog";
  // The kernel running on the lowest runner that runs one (each runner holds its own run token).
  std::string running = "no kernel holds the run token";
  for (const auto& r : runners_) {
    const int current = r->current.load();
    if (current < 0) continue;
    const KernelThread& t = *threads_[current];
    const char* file = t.last_file.load();
    running = t.label + " was running; its last API call was " + std::string(t.last_op.load()) +
              (file ? " at " + short_location({file, t.last_line.load()}) : std::string());
    f.core_x = t.core->x;
    f.core_y = t.core->y;
    f.kernel = t.name();
    f.file = file ? file : "";
    f.line = t.last_line.load();
    break;
  }
  return "timeout: the run exceeded the " + std::to_string(watchdog.count()) + " ms watchdog; " + progress + "; " +
         running;
}

// Every runner is idle: each has finished its fibers or holds only blocked ones, which nothing can wake (a
// group never spans runners). The lowest group that faulted is the run's fault; otherwise blocked kernels
// are a deadlock. Either way the idle runners are told to unwind.
void Scheduler::judge_stopped_runners() {
  for (Group& g : groups_)
    if (g.fault) {
      faults_.push_back(*g.fault);
      break;
    }
  bool blocked = false;
  for (const KernelThread* t : threads_) blocked |= t->state == ThreadState::Blocked && !*t->group_stopped;
  if (!faults_.empty()) {
    stop_all_locked();
  } else if (blocked) {
    report_deadlock();
  } else {
    all_finished_ = std::all_of(threads_.begin(), threads_.end(),
                                [](const KernelThread* t) { return t->state == ThreadState::Finished; });
  }
}

// A runner: creates the fibers of its kernels, starts the first, and gets control back whenever none of them
// can run. Then either all have exited, or some are blocked and wait for the verdict (a deadlock or another
// group's fault), after which they are resumed to unwind.
void Scheduler::runner_main(Runner& r) {
  const auto self = reinterpret_cast<std::uintptr_t>(this);
  for (int id : r.threads) {
    Fiber& f = fibers_[id];
    f.stack.reset(new char[kFiberStackBytes]);
    getcontext(&f.context);
    f.context.uc_stack.ss_sp = f.stack.get();
    f.context.uc_stack.ss_size = kFiberStackBytes;
    f.context.uc_link = nullptr;
    makecontext(&f.context, reinterpret_cast<void (*)()>(&Scheduler::fiber_entry), 2, static_cast<unsigned>(self >> 32),
                static_cast<unsigned>(self & 0xffffffffu));
  }
  int next = pick_next(r, -1);
  for (;;) {
    if (next >= 0) switch_to(r, r.context, next);
    r.current.store(-1);
    set_current_thread(nullptr);
    bool all_exited = true;
    for (int id : r.threads) all_exited &= fibers_[id].exited;
    if (all_exited) break;
    std::unique_lock lk(mu_);
    r.idle = true;
    main_cv_.notify_all();
    runner_cv_.wait(lk, [&] { return aborted_; });
    lk.unlock();
    next = pick_next(r, -1);  // the run is aborted: every started fiber is resumed to unwind
  }
  std::lock_guard lk(mu_);
  r.idle = r.done = true;
  main_cv_.notify_all();
}

void Scheduler::fiber_entry(unsigned hi, unsigned lo) {
  auto* s = reinterpret_cast<Scheduler*>((static_cast<std::uintptr_t>(hi) << 32) | lo);
  s->run_kernel(current_thread());
}

void Scheduler::switch_to(Runner& r, ucontext_t& from, int next) {
  r.current.store(next, std::memory_order_relaxed);
  fibers_[next].started = true;
  set_current_thread(threads_[next]);
  swapcontext(&from, &fibers_[next].context);
}

bool Scheduler::stopping(const KernelThread& t) const {
  return run_aborted.load(std::memory_order_relaxed) || *t.group_stopped;
}

void Scheduler::run_kernel(KernelThread& t) {
  if (!stopping(t)) {
    try {
      t.entry();
      t.state = ThreadState::Finished;
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

// After a stop every fiber of the group (of the run, when aborted) that started must unwind (its stack holds
// objects to destroy): resume each in turn, it throws KernelAbort from where it was parked. Otherwise the next
// runnable fiber goes on; with none, the runner.
void Scheduler::leave(KernelThread& self) {
  Runner& r = runner_of(self);
  fibers_[self.id].exited = true;
  const int next = pick_next(r, self.slot);
  if (next < 0) setcontext(&r.context);
  r.current.store(next, std::memory_order_relaxed);
  fibers_[next].started = true;
  set_current_thread(threads_[next]);
  setcontext(&fibers_[next].context);
  std::abort();  // setcontext does not return
}

bool Scheduler::resumable(const KernelThread& t) {
  Fiber& f = fibers_[t.id];
  if (f.exited) return false;
  if (stopping(t)) {
    if (f.started) return true;  // resumed to unwind
    f.exited = true;             // never ran: nothing to unwind
    return false;
  }
  return t.state == ThreadState::Ready || (t.state == ThreadState::Blocked && satisfied(t.block));
}

int Scheduler::pick_next(Runner& r, int after) {
  const int n = static_cast<int>(r.threads.size());
  if (n == 0) return -1;
  if (after < 0) after = n - 1;
  for (int i = 1; i <= n; ++i) {
    const int id = r.threads[(after + i) % n];
    if (resumable(*threads_[id])) return id;
  }
  return -1;
}

void Scheduler::hand_over(KernelThread& self, int next) {
  Runner& r = runner_of(self);
  if (next >= 0) {
    switch_to(r, fibers_[self.id].context, next);
  } else {
    r.current.store(-1, std::memory_order_relaxed);
    set_current_thread(nullptr);
    swapcontext(&fibers_[self.id].context, &r.context);
  }
  if (stopping(self)) throw KernelAbort{};
}

void Scheduler::yield(KernelThread& self) {
  if (stopping(self)) throw KernelAbort{};
  Runner& r = runner_of(self);
  r.handoffs.store(r.handoffs.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  const int next = pick_next(r, self.slot);
  if (next >= 0 && next != self.id) hand_over(self, next);
}

void Scheduler::block(KernelThread& self, const BlockReason& why) {
  if (stopping(self)) throw KernelAbort{};
  if (satisfied(why)) return;
  self.block = why;
  self.state = ThreadState::Blocked;
  // With no fiber of this runner able to run, the runner waits for the verdict: we are resumed only once `why`
  // holds, or to unwind.
  hand_over(self, pick_next(runner_of(self), self.slot));
  self.state = ThreadState::Ready;
  self.block = {};
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
  stop_all_locked();
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

void Scheduler::stop_all_locked() {
  aborted_ = true;
  run_aborted = true;
  runner_cv_.notify_all();
}

void Scheduler::abort_locked(Fault f) {
  faults_.push_back(std::move(f));
  stop_all_locked();
}

void Scheduler::abort_with(Fault f) {
  if (KernelThread* t = current_thread_or_null()) {
    Group& g = groups_[t->group];  // only this group's runner touches it
    if (!g.fault) g.fault = std::move(f);
    g.stopped = true;
    return;
  }
  std::lock_guard lk(mu_);
  abort_locked(std::move(f));
}

std::vector<Fault> Scheduler::faults() const {
  std::lock_guard lk(mu_);
  return faults_;
}

}  // namespace ttemu
