// Shared preamble of the emulated compute kernel API: macros, the ckernel namespace, and the NAMESPACE/MAIN
// entry-point names (real tt-metal builds each compute kernel three times as unpack/math/pack; the emulator
// builds it once, as one thread that plays all three roles in program order).
#pragma once

#include <cstdint>
#include <source_location>

#include "compile_time_args.h"
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

// The runner compiles compute.cpp with -DNAMESPACE=... -DMAIN=...() so that its entry point is distinct from
// the dataflow kernels' kernel_main; these defaults only matter when a kernel is compiled by hand.
#ifndef NAMESPACE
#define NAMESPACE ttemu_compute
#endif
#ifndef MAIN
#define MAIN ttemu_kernel_compute()
#endif

namespace ckernel {}
using namespace ckernel;
