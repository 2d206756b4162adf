// Which emulated cores may run on different host threads: cores are grouped by what links them in the plan
// (a semaphore created on several cores is how their kernels synchronise: multicast panels, sender/receiver
// handshakes), and whole groups are dealt to the scheduler's runner threads. Kernels of one core always share
// a runner (their CBs are core-local); a group never spans two runners, so nothing on one runner can wait on
// anything another runner does, and each runner's deadlock detection stays exact.
#pragma once

#include <vector>

#include "plan.h"

namespace ttemu {

// Group of each core of plan.cores (by index), numbered 0.. in the order of each group's first core.
std::vector<int> core_groups(const Plan& plan);

// How many runner threads to use: TTEMU_RUNNERS when set to a positive number (tests pin 1 or 2), else
// min(2, hardware threads); never more than `groups`.
int runner_count(int groups);

// Runner of each group: groups by descending size (cores), ties by lower group id, each to the runner with
// the fewest cores so far (ties: the lower runner). Deterministic; with one runner every group gets 0.
std::vector<int> assign_runners(const std::vector<int>& group_of_core, int groups, int runners);

}  // namespace ttemu
