// The desktop window draws only after something changed, for long enough to settle, then sleeps.
#include "app/redraw_schedule.h"

#include <gtest/gtest.h>

namespace tt::app {
namespace {

TEST(RedrawSchedule, IdleWindowDoesNotDraw) {
  RedrawSchedule s;
  EXPECT_FALSE(s.should_draw(0.0));
  EXPECT_FALSE(s.should_draw(100.0));
  EXPECT_EQ(s.wait_seconds(100.0), RedrawSchedule::kIdlePollSeconds);
}

TEST(RedrawSchedule, EventDrawsUntilSettledThenSleeps) {
  RedrawSchedule s;
  s.wake(10.0);
  EXPECT_TRUE(s.should_draw(10.0));
  EXPECT_TRUE(s.should_draw(10.0 + RedrawSchedule::kSettleSeconds));
  EXPECT_EQ(s.wait_seconds(10.2), RedrawSchedule::kFrameSeconds);
  EXPECT_FALSE(s.should_draw(10.01 + RedrawSchedule::kSettleSeconds));
  EXPECT_EQ(s.wait_seconds(11.0), RedrawSchedule::kIdlePollSeconds);
}

TEST(RedrawSchedule, LaterEventExtendsAndEarlierDoesNotShorten) {
  RedrawSchedule s;
  s.wake(10.0);
  s.wake(10.5);
  EXPECT_TRUE(s.should_draw(11.0));
  s.wake(9.0);  // a late-reported earlier event
  EXPECT_TRUE(s.should_draw(11.2));
  EXPECT_FALSE(s.should_draw(11.3));
}

}  // namespace
}  // namespace tt::app
