// What an emulated run of one compiled kernel reported, bound to that kernel: the verdict, located
// details (core, tile, block, CB, generated line) for Diagnostics, and the CB trace for the L1
// timeline. A report or trace is only ever shown next to the program it came from.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/compiler.h"
#include "viewer/emu_trace.h"

namespace tt::viewer {

// One output's mismatches by tile (row-major over the tile grid), for the mismatch heat map.
struct MismatchMap {
  std::string buffer;
  std::string reference;  // what the output was checked against
  uint32_t tiles_y = 0, tiles_x = 0;
  uint32_t tile_rows = 32, tile_cols = 32;  // elements per tile
  uint64_t checked = 0, mismatches = 0;
  std::vector<uint32_t> tile_mismatches;
  std::vector<double> tile_max_error;  // infinity where a result was not finite
};

struct EmulationReport {
  bool ran = false;  // false: a trace loaded from a file, no verdict
  bool passed = false;
  std::string summary;               // one line: "emulation: mismatch: 12 of 16384 elements of C differ ..."
  std::vector<std::string> details;  // one located fact per line
  std::optional<CoreXY> core;        // the core the first failure points at
  std::shared_ptr<const EmuTrace> trace;
  std::vector<MismatchMap> mismatch_maps;  // per checked output, when the run compared outputs
};

// Identifies the generated program of a kernel (its artifacts): equal fingerprints, same program.
uint64_t kernel_fingerprint(const KernelResult& kernel);

// Why `trace` cannot have been recorded from `kernel`'s program ("" when it can): its CBs (index,
// name, pages) and busy cores must be the kernel's.
std::string trace_mismatch(const EmuTrace& trace, const KernelResult& kernel);

}  // namespace tt::viewer
