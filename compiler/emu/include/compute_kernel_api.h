// Umbrella header of the emulated compute kernel API (tt_metal/include/compute_kernel_api.h): everything a
// GEMM compute kernel needs.
#pragma once

#include "compute_kernel_api/common.h"
#include "compute_kernel_api/matmul.h"
#include "compute_kernel_api/reconfig_data_format.h"
#include "compute_kernel_api/tile_move_copy.h"
