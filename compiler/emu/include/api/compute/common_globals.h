// Shared preamble of the emulated compute kernel API: macros, the ckernel namespace and the kernel_main entry
// point (real tt-metal builds each compute kernel three times as unpack/math/pack; the emulator builds it
// once, as one thread that plays all three roles in program order). The NAMESPACE/MAIN macros of the 2025
// API are gone, as in tt-metal (PR #39499).
#pragma once

#include <cstdint>
#include <source_location>

#include "api/compile_time_args.h"
#include "hostdevcommon/kernel_structs.h"
#include "ttemu/api.h"
#include "ttemu/data_format.h"

#ifndef ALWI
#define ALWI inline __attribute__((always_inline))
#endif
#ifndef FORCE_INLINE
#define FORCE_INLINE inline __attribute__((always_inline))
#endif
#ifndef tt_l1_ptr
#define tt_l1_ptr
#endif

void kernel_main();

namespace ckernel {}
using namespace ckernel;
