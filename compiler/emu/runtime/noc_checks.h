// Checks shared by the NoC operations (noc_ops.cpp, multicast_ops.cpp): an L1 address range inside a core's
// L1, and a transfer touching a CB inside the window the CB protocol gives it. Each raises a fault.
#pragma once

#include <cstdint>
#include <string>

#include "core.h"
#include "ttemu/api.h"

namespace ttemu::api {

std::string hex(std::uint64_t v);
// The core-local offset of kernel-visible L1 address `addr` of core `c`, checking [addr, addr+size) is in L1.
std::uint32_t l1_local(const Core& c, const char* op, std::uint32_t addr, std::uint32_t size, Loc loc);
std::uint32_t l1_local(const char* op, std::uint32_t addr, std::uint32_t size, Loc loc);  // the current core
// [begin, end) (core-local) must stay in the reserved (writes_l1) or waited window of a CB it overlaps on `c`.
void check_cb_window(const Core& c, const char* op, std::uint32_t begin, std::uint32_t end, bool writes_l1, Loc loc);
void check_cb_window(const char* op, std::uint32_t begin, std::uint32_t end, bool writes_l1, Loc loc);

}  // namespace ttemu::api
