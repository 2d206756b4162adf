// Diagnostics of an emulated run: a Fault names its kind, core, kernel, CB and source line; raising one
// stops the whole run (every kernel thread unwinds with KernelAbort) instead of letting it hang.
#pragma once

#include <string>

#include "ttemu/api.h"

namespace ttemu {

struct Fault {
  std::string kind;     // e.g. "deadlock", "cb_pop_more_than_waited", "dst_index_out_of_capacity"
  std::string message;  // full one-line diagnostic, starts with the kind
  int core_x = -1, core_y = -1;
  std::string kernel;  // "reader" / "compute" / "writer", empty for setup faults
  int cb = -1;
  std::string file;
  unsigned line = 0;
};

// Thrown inside kernel threads to unwind them once the run is aborted.
struct KernelAbort {};

// "compute.cpp:42" (basename only; the JSON result keeps the full path).
std::string short_location(api::Loc loc);

// Records a fault for the current kernel thread at `loc`, aborts the run and unwinds the thread.
[[noreturn]] void raise_fault(const std::string& kind, const std::string& detail, api::Loc loc, int cb = -1);

}  // namespace ttemu
