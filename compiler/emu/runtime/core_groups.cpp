// Core groups from the plan and their assignment to runner threads; see core_groups.h.
#include "core_groups.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <string>
#include <thread>

namespace ttemu {

namespace {

// Union-find over core indices; the representative of a set is its lowest index.
struct Sets {
  std::vector<int> parent;
  explicit Sets(int n) : parent(static_cast<std::size_t>(n)) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void join(int a, int b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

std::vector<int> core_groups(const Plan& plan) {
  const int n = static_cast<int>(plan.cores.size());
  Sets sets(n);
  const auto index_of = [&](std::pair<int, int> xy) {
    for (int i = 0; i < n; ++i)
      if (plan.cores[i].x == xy.first && plan.cores[i].y == xy.second) return i;
    return -1;
  };
  for (const SemaphoreSpec& sem : plan.semaphores) {
    if (sem.all_cores) {
      for (int i = 1; i < n; ++i) sets.join(0, i);
      continue;
    }
    int first = -1;
    for (const auto& xy : sem.cores) {
      const int i = index_of(xy);
      if (i < 0) continue;  // a semaphore on a core without kernels links nothing
      if (first < 0)
        first = i;
      else
        sets.join(first, i);
    }
  }
  std::vector<int> group(static_cast<std::size_t>(n), -1);
  int next = 0;
  for (int i = 0; i < n; ++i) {
    const int root = sets.find(i);
    group[i] = root == i ? next++ : group[root];  // the root is the set's lowest index: numbered already
  }
  return group;
}

int runner_count(int groups) {
  int runners = std::min(2, std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
  if (const char* v = std::getenv("TTEMU_RUNNERS"); v && *v) {
    char* end = nullptr;
    const long n = std::strtol(v, &end, 10);
    if (*end == '\0' && n > 0) runners = static_cast<int>(std::min<long>(n, 64));
  }
  return std::max(1, std::min(runners, groups));
}

std::vector<int> assign_runners(const std::vector<int>& group_of_core, int groups, int runners) {
  std::vector<int> size(static_cast<std::size_t>(groups), 0);
  for (int g : group_of_core) ++size[g];
  std::vector<int> order(static_cast<std::size_t>(groups));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return size[a] > size[b]; });
  std::vector<int> load(static_cast<std::size_t>(runners), 0), runner(static_cast<std::size_t>(groups), 0);
  for (int g : order) {
    const int r = static_cast<int>(std::min_element(load.begin(), load.end()) - load.begin());
    runner[g] = r;
    load[r] += size[g];
  }
  return runner;
}

}  // namespace ttemu
