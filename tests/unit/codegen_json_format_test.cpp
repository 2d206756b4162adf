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

TEST(JsonFormat, RawArraysPrintAsTheArraysTheyStandFor) {
  ordered_json j;
  j["short"] = raw_json_array("{\"io\": 0}\n{\"io\": 1}");
  j["long"] = raw_json_array("{\"io\": 0, \"jo\": 1}\n{\"io\": 1, \"jo\": 0}");
  j["none"] = raw_json_array("");
  ordered_json same;
  same["short"] = ordered_json::array({ordered_json{{"io", 0}}, ordered_json{{"io", 1}}});
  same["long"] = ordered_json::array({ordered_json{{"io", 0}, {"jo", 1}}, ordered_json{{"io", 1}, {"jo", 0}}});
  same["none"] = ordered_json::array();
  // Raw elements are never broken up, so compare at widths where the plain elements fit too.
  for (size_t width : {30, 40, 60, 100}) EXPECT_EQ(format_json(j, width), format_json(same, width)) << width;
  EXPECT_EQ(format_json(j, 40),
            "{\n"
            "  \"short\": [{\"io\": 0}, {\"io\": 1}],\n"
            "  \"long\": [\n"
            "    {\"io\": 0, \"jo\": 1},\n"
            "    {\"io\": 1, \"jo\": 0}\n"
            "  ],\n"
            "  \"none\": []\n"
            "}\n");
}

TEST(JsonFormat, FormatsIntegersBoolsNullAndEscapedKeysLikeDump) {
  ordered_json j{{"neg", -12}, {"big", 18446744073709551615ull}, {"t", true}, {"f", false}, {"n", nullptr},
                 {"x", 1.5}, {"k\n", "\u00e9"}};
  EXPECT_EQ(format_json(j, 200),
            "{\"neg\": -12, \"big\": 18446744073709551615, \"t\": true, \"f\": false, \"n\": null, \"x\": 1.5, "
            "\"k\\n\": \"\u00e9\"}\n");
}

}  // namespace
}  // namespace tt::codegen
