// Core groups (cores linked by a semaphore share a runner thread) and their deterministic assignment to runners.
#include <gtest/gtest.h>

#include <cstdlib>

#include "runtime/core_groups.h"

namespace ttemu::test {
namespace {

Plan plan_with_cores(int n) {
  Plan p;
  for (int i = 0; i < n; ++i) p.cores.push_back({i, 0, {}});
  return p;
}

TEST(CoreGroups, WithoutSemaphoresEveryCoreIsItsOwnGroup) {
  const Plan p = plan_with_cores(4);
  EXPECT_EQ(core_groups(p), (std::vector<int>{0, 1, 2, 3}));
  // Dealt alternately: equal sizes, ties to the lower group and the lower runner.
  EXPECT_EQ(assign_runners(core_groups(p), 4, 2), (std::vector<int>{0, 1, 0, 1}));
  EXPECT_EQ(assign_runners(core_groups(p), 4, 1), (std::vector<int>{0, 0, 0, 0}));
}

TEST(CoreGroups, ASemaphoreOnAllCoresLinksThemAll) {
  Plan p = plan_with_cores(3);
  p.semaphores.push_back({0, 0, true, {}});
  EXPECT_EQ(core_groups(p), (std::vector<int>{0, 0, 0}));
}

TEST(CoreGroups, SemaphoresSharingACoreJoinTheirGroups) {
  Plan p = plan_with_cores(5);
  p.semaphores.push_back({0, 0, false, {{1, 0}, {3, 0}}});
  p.semaphores.push_back({1, 0, false, {{3, 0}, {2, 0}, {9, 9}}});  // (9,9) runs no kernels: ignored
  const std::vector<int> groups = core_groups(p);
  EXPECT_EQ(groups, (std::vector<int>{0, 1, 1, 1, 2}));
  // The 3-core group first, to the emptier runner; then the single cores to whichever has fewer cores.
  EXPECT_EQ(assign_runners(groups, 3, 2), (std::vector<int>{1, 0, 1}));
}

TEST(CoreGroups, RunnerCountFollowsTheEnvironmentAndTheGroups) {
  ::setenv("TTEMU_RUNNERS", "1", 1);
  EXPECT_EQ(runner_count(64), 1);
  ::setenv("TTEMU_RUNNERS", "2", 1);
  EXPECT_EQ(runner_count(64), 2);
  EXPECT_EQ(runner_count(1), 1);  // one group: one runner, whatever is asked
  ::setenv("TTEMU_RUNNERS", "two", 1);
  EXPECT_GE(runner_count(64), 1);  // not a number: the default
  EXPECT_LE(runner_count(64), 2);
  ::unsetenv("TTEMU_RUNNERS");
}

}  // namespace
}  // namespace ttemu::test
