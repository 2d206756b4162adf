// Hand-built CompileResults for viewer tests and the GUI benchmark: a small GEMM-shaped result
// (IR via the builders, metadata via the tt_metadata setters, a fake pass trace, generated files
// with provenance) and a large one (4000-line source, 100k-line IR) for frame-time measurements.
#pragma once

#include <string>

#include "compiler/compiler.h"

namespace tt::viewer::testing {

// The source text the fixtures point their spans into (a 30-line GEMM kernel file).
std::string fixture_source();
// A successful result: 8x8 device, 100 blocks over 64 cores (uneven: 36 cores with 2, 28 with 1),
// three CBs, a 3-pass trace and reader/compute/writer artifacts. `blocks` overrides the count.
CompileResult make_gemm_result(const SourceFile& source, int64_t blocks = 100);
// A failed result for `source`: one front-end error at `line`.
CompileResult make_failed_result(const SourceFile& source, uint32_t line);
// Source of `source_lines` lines and a trace whose IR has `ir_lines` lines per pass.
CompileResult make_large_result(size_t source_lines, size_t ir_lines, size_t passes = 10);
// The device model the fixtures use (no device files needed).
DeviceModel fixture_device();

}  // namespace tt::viewer::testing
