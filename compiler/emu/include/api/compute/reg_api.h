// DST register sections (tt_metal/hw/inc/api/compute/reg_api.h). The emulator checks the order
// acquire -> commit -> wait -> release (or acquire_dst -> release_dst); acquiring clears DST to zero.
#pragma once

#include "api/compute/common_globals.h"

namespace ckernel {

ALWI void tile_regs_acquire(std::source_location loc = std::source_location::current()) {
  ttemu::api::dst_section(ttemu::api::DstSection::Acquire, ttemu::api::at(loc));
}
ALWI void tile_regs_commit(std::source_location loc = std::source_location::current()) {
  ttemu::api::dst_section(ttemu::api::DstSection::Commit, ttemu::api::at(loc));
}
ALWI void tile_regs_wait(std::source_location loc = std::source_location::current()) {
  ttemu::api::dst_section(ttemu::api::DstSection::Wait, ttemu::api::at(loc));
}
ALWI void tile_regs_release(std::source_location loc = std::source_location::current()) {
  ttemu::api::dst_section(ttemu::api::DstSection::Release, ttemu::api::at(loc));
}

// acquire_dst()/release_dst() exist with and without a tt::DstMode argument across tt-metal versions.
ALWI void acquire_dst(std::source_location loc = std::source_location::current()) {
  ttemu::api::dst_section(ttemu::api::DstSection::AcquireBoth, ttemu::api::at(loc));
}
ALWI void acquire_dst(tt::DstMode mode, std::source_location loc = std::source_location::current()) {
  (void)mode;
  ttemu::api::dst_section(ttemu::api::DstSection::AcquireBoth, ttemu::api::at(loc));
}
ALWI void release_dst(std::source_location loc = std::source_location::current()) {
  ttemu::api::dst_section(ttemu::api::DstSection::ReleaseBoth, ttemu::api::at(loc));
}
ALWI void release_dst(tt::DstMode mode, std::source_location loc = std::source_location::current()) {
  (void)mode;
  ttemu::api::dst_section(ttemu::api::DstSection::ReleaseBoth, ttemu::api::at(loc));
}

}  // namespace ckernel
