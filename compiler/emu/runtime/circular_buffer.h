// State of one circular buffer on one core: a ring of num_pages pages at a core-local L1 address, with the
// producer's reserved window at the back and the consumer's waited window at the front.
#pragma once

#include <cstdint>
#include <string>

#include "ttemu/data_format.h"

namespace ttemu {

// Cache-line aligned: CBs of cores on different runner threads never share a line.
struct alignas(64) CircularBuffer {
  std::string name;
  std::uint32_t index = 0;
  DataFormat format = DataFormat::Invalid;
  std::uint32_t page_size = 0;
  std::uint32_t num_pages = 0;
  std::uint32_t l1_address = 0;  // core-local byte offset

  std::uint32_t filled = 0;     // pushed and not yet popped
  std::uint32_t reserved = 0;   // reserved by the producer and not yet pushed
  std::uint32_t waited = 0;     // made visible to the consumer by cb_wait_front and not yet popped
  std::uint32_t wr_page = 0;    // back of the ring (first page of the reserved window)
  std::uint32_t rd_page = 0;    // front of the ring (first page of the waited window)
  std::uint32_t pack_page = 0;  // next page pack_tile writes, relative to wr_page (reset by cb_push_back)
  std::uint64_t pushed_total = 0, popped_total = 0, push_calls = 0, pop_calls = 0;
  std::uint8_t producers = 0;  // bit per Role: named by the plan, or seen reserving/pushing
  std::uint8_t consumers = 0;  // bit per Role: named by the plan, or seen waiting/popping

  std::uint32_t free_pages() const { return num_pages - filled; }
  std::uint32_t bytes() const { return page_size * num_pages; }
  std::uint32_t page_offset(std::uint32_t page) const { return l1_address + page * page_size; }
  // "cb=1 'B_shared'"
  std::string label() const { return "cb=" + std::to_string(index) + " '" + name + "'"; }
  // "12 pushed, 8 popped so far"
  std::string history() const {
    auto calls = [](std::uint64_t n) { return std::to_string(n) + (n == 1 ? " call" : " calls"); };
    return std::to_string(pushed_total) + " pages pushed in " + calls(push_calls) + ", " +
           std::to_string(popped_total) + " popped in " + calls(pop_calls) + " so far";
  }
};

}  // namespace ttemu
