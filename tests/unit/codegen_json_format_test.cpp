// format_json: deterministic 2-space JSON with values kept on one line when they fit.
#include <gtest/gtest.h>

#include "compiler/codegen/json_format.h"

namespace tt::codegen {
namespace {

using nlohmann::ordered_json;

TEST(JsonFormat, InlinesWhatFitsAndKeepsKeyOrder) {
  ordered_json j;
  j["z"] = 1;
  j["grid"] = {8, 8};
  j["empty"] = ordered_json::object();
  j["items"] = ordered_json::array({ordered_json{{"io", 0}, {"jo", 1}}, ordered_json{{"io", 1}, {"jo", 0}}});
  EXPECT_EQ(format_json(j, 60),
            "{\n"
            "  \"z\": 1,\n"
            "  \"grid\": [8, 8],\n"
            "  \"empty\": {},\n"
            "  \"items\": [{\"io\": 0, \"jo\": 1}, {\"io\": 1, \"jo\": 0}]\n"
            "}\n");
  EXPECT_EQ(format_json(j, 30),
            "{\n"
            "  \"z\": 1,\n"
            "  \"grid\": [8, 8],\n"
            "  \"empty\": {},\n"
            "  \"items\": [\n"
            "    {\"io\": 0, \"jo\": 1},\n"
            "    {\"io\": 1, \"jo\": 0}\n"
            "  ]\n"
            "}\n");
}

TEST(JsonFormat, EscapesStrings) {
  EXPECT_EQ(format_json(ordered_json{{"k", "a\"b"}}), "{\"k\": \"a\\\"b\"}\n");
}

}  // namespace
}  // namespace tt::codegen
