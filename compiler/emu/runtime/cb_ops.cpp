// The circular-buffer protocol: cb_reserve_back / cb_push_back / cb_wait_front / cb_pop_front and the
// read/write pointers, with the checks that turn protocol errors into named faults instead of hangs.
#include <string>

#include "emulator.h"
#include "fault.h"

namespace ttemu::api {

namespace {

std::string call(const char* op, const CircularBuffer& cb, std::int32_t n) {
  return std::string(op) + "(" + cb.label() + ", n=" + std::to_string(n) + ")";
}

void record_role(std::uint8_t& mask, Role r) { mask = static_cast<std::uint8_t>(mask | (1u << static_cast<int>(r))); }

// Common entry checks: valid count, the request fits the CB, and the window does not run past its end
// (TT-Metalium CBs never wrap inside a reserved or waited window).
void check_request(const char* op, CircularBuffer& cb, std::int32_t n, std::uint32_t window_start, Loc loc) {
  const int id = static_cast<int>(cb.index);
  if (n < 0) raise_fault("cb_negative_count", call(op, cb, n) + ": negative page count", loc, id);
  const auto pages = static_cast<std::uint32_t>(n);
  if (pages > cb.num_pages)
    raise_fault("cb_request_exceeds_depth",
                call(op, cb, n) + ": the CB holds only " + std::to_string(cb.num_pages) +
                    " pages, so this can never be satisfied",
                loc, id);
  if (window_start + pages > cb.num_pages)
    raise_fault("cb_window_wraps",
                call(op, cb, n) + ": the " + std::to_string(pages) + "-page window starting at page " +
                    std::to_string(window_start) + " of " + std::to_string(cb.num_pages) +
                    " runs past the end of the CB; CB windows never wrap, so the depth must be a multiple of n "
                    "and every push/pop must keep the window aligned (" +
                    cb.history() + ")",
                loc, id);
}

bool overlaps(const std::vector<PendingTransfer>& pending, std::uint32_t begin, std::uint32_t end,
              const PendingTransfer** hit) {
  for (const auto& p : pending)
    if (p.begin < end && begin < p.end) {
      *hit = &p;
      return true;
    }
  return false;
}

}  // namespace

void cb_reserve_back(std::int32_t cb_id, std::int32_t n, Loc loc) {
  KernelThread& t = current_thread();
  t.note("cb_reserve_back", loc);
  CircularBuffer& cb = cb_or_fault(static_cast<std::uint32_t>(cb_id), loc);
  check_request("cb_reserve_back", cb, n, cb.wr_page, loc);
  record_role(cb.producers, t.role);
  const auto pages = static_cast<std::uint32_t>(n);
  if (cb.free_pages() < pages) emu().scheduler.block(t, {BlockReason::Op::Reserve, &cb, pages, loc});
  if (pages > cb.reserved) cb.reserved = pages;
  emu().trace.record(Trace::Kind::Reserve, t, cb, pages);
}

void cb_push_back(std::int32_t cb_id, std::int32_t n, Loc loc) {
  KernelThread& t = current_thread();
  t.note("cb_push_back", loc);
  CircularBuffer& cb = cb_or_fault(static_cast<std::uint32_t>(cb_id), loc);
  const int id = static_cast<int>(cb.index);
  if (n < 0) raise_fault("cb_negative_count", call("cb_push_back", cb, n) + ": negative page count", loc, id);
  const auto pages = static_cast<std::uint32_t>(n);
  if (pages > cb.reserved)
    raise_fault("cb_push_more_than_reserved",
                call("cb_push_back", cb, n) + ": only " + std::to_string(cb.reserved) +
                    " pages are reserved (cb_reserve_back); pushing more would overwrite pages the consumer has "
                    "not popped (" +
                    std::to_string(cb.filled) + " of " + std::to_string(cb.num_pages) + " filled; " + cb.history() +
                    ")",
                loc, id);
  const std::uint32_t begin = cb.page_offset(cb.wr_page), end = begin + pages * cb.page_size;
  if (const PendingTransfer* p = nullptr; overlaps(t.pending_reads, begin, end, &p))
    raise_fault("noc_read_barrier_missing",
                call("cb_push_back", cb, n) + ": the NoC read issued at " + short_location(p->loc) +
                    " into these pages has not been completed by noc_async_read_barrier()",
                loc, id);
  record_role(cb.producers, t.role);
  cb.filled += pages;
  cb.reserved -= pages;
  cb.wr_page = (cb.wr_page + pages) % cb.num_pages;
  cb.pack_page = 0;
  cb.pushed_total += pages;
  ++cb.push_calls;
  emu().trace.record(Trace::Kind::Push, t, cb, pages);
  emu().scheduler.yield(t);  // let the other side see the change at once
}

void cb_wait_front(std::int32_t cb_id, std::int32_t n, Loc loc) {
  KernelThread& t = current_thread();
  t.note("cb_wait_front", loc);
  CircularBuffer& cb = cb_or_fault(static_cast<std::uint32_t>(cb_id), loc);
  check_request("cb_wait_front", cb, n, cb.rd_page, loc);
  record_role(cb.consumers, t.role);
  const auto pages = static_cast<std::uint32_t>(n);
  if (cb.filled < pages) emu().scheduler.block(t, {BlockReason::Op::Wait, &cb, pages, loc});
  if (pages > cb.waited) cb.waited = pages;
  emu().trace.record(Trace::Kind::Wait, t, cb, pages);
}

void cb_pop_front(std::int32_t cb_id, std::int32_t n, Loc loc) {
  KernelThread& t = current_thread();
  t.note("cb_pop_front", loc);
  CircularBuffer& cb = cb_or_fault(static_cast<std::uint32_t>(cb_id), loc);
  const int id = static_cast<int>(cb.index);
  if (n < 0) raise_fault("cb_negative_count", call("cb_pop_front", cb, n) + ": negative page count", loc, id);
  const auto pages = static_cast<std::uint32_t>(n);
  if (pages > cb.waited)
    raise_fault("cb_pop_more_than_waited",
                call("cb_pop_front", cb, n) + ": only " + std::to_string(cb.waited) +
                    " pages were made visible by cb_wait_front (" + std::to_string(cb.filled) + " of " +
                    std::to_string(cb.num_pages) + " filled; " + cb.history() + ")",
                loc, id);
  const std::uint32_t begin = cb.page_offset(cb.rd_page), end = begin + pages * cb.page_size;
  if (const PendingTransfer* p = nullptr; overlaps(t.pending_writes, begin, end, &p))
    raise_fault("noc_write_barrier_missing",
                call("cb_pop_front", cb, n) + ": the NoC write issued at " + short_location(p->loc) +
                    " from these pages has not been completed by noc_async_write_barrier()",
                loc, id);
  record_role(cb.consumers, t.role);
  cb.filled -= pages;
  cb.waited -= pages;
  cb.rd_page = (cb.rd_page + pages) % cb.num_pages;
  cb.popped_total += pages;
  ++cb.pop_calls;
  emu().trace.record(Trace::Kind::Pop, t, cb, pages);
  emu().scheduler.yield(t);  // let the other side see the change at once
}

std::uint32_t cb_write_ptr(std::uint32_t cb_id, Loc loc) {
  KernelThread& t = current_thread();
  t.note("get_write_ptr", loc);
  const CircularBuffer& cb = cb_or_fault(cb_id, loc);
  return t.core->l1_base + cb.page_offset(cb.wr_page);
}

std::uint32_t cb_read_ptr(std::uint32_t cb_id, Loc loc) {
  KernelThread& t = current_thread();
  t.note("get_read_ptr", loc);
  const CircularBuffer& cb = cb_or_fault(cb_id, loc);
  return t.core->l1_base + cb.page_offset(cb.rd_page);
}

std::uint32_t cb_page_size(std::uint32_t cb_id, Loc loc) {
  current_thread().note("get_tile_size", loc);
  return cb_or_fault(cb_id, loc).page_size;
}

DataFormat cb_data_format(std::uint32_t cb_id, Loc loc) {
  current_thread().note("get_dataformat", loc);
  return cb_or_fault(cb_id, loc).format;
}

}  // namespace ttemu::api
