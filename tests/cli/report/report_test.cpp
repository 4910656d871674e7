// What the main job says about one input: the formula with the numbers filled in, the human line, the
// JSON object and the strategy line, on asymmetric geometries so that swapped axes or crops fail.
#include <string>

#include <catch2/catch.hpp>

#include "cli/report/report.hpp"
#include "core/geometry/output_shape.hpp"

namespace {

using namespace tconv;

/// 3x5 input, kernel 2x3, stride 2x3: 6x15.
core::OutputShape asymmetric_shape() {
    core::Geometry g;
    g.kernel = {2, 3};
    g.stride = {2, 3};
    return core::plan_output_shape({3, 5}, g);
}

const char* const asymmetric_formula =
    "rows: out = (3 - 1) * 2 - 2 * 0 + 1 * (2 - 1) + 0 + 1 = 6; "
    "cols: out = (5 - 1) * 3 - 2 * 0 + 1 * (3 - 1) + 0 + 1 = 15";

cli::InputReport success() {
    cli::InputReport r;
    r.input = "photos/in.png";
    r.output = "out/in.png";
    r.ok = true;
    r.in_size = core::Extent2{3, 5};
    r.channels = 3;
    r.depth = 8;
    r.shape = asymmetric_shape();
    r.plan = core::ConvPlan{core::ConvStrategy::FixedPoint, "rank 1, dyadic -> fixed-point"};
    return r;
}

}  // namespace

TEST_CASE("axis_formula fills in the output-size formula", "[cli][report]") {
    core::Geometry stripes;  // the article's k3 s4 op1
    stripes.kernel = {3, 3};
    stripes.stride = {4, 4};
    stripes.output_padding = core::Extent2{1, 1};
    const core::OutputShape s = core::plan_output_shape({4, 4}, stripes);
    CHECK(cli::axis_formula(s.rows) == "(4 - 1) * 4 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 16");

    core::Geometry cropped;  // ONNX pads top 1, bottom 2 on rows; dilation 2 on columns
    cropped.kernel = {4, 4};
    cropped.stride = {2, 2};
    cropped.dilation = {1, 2};
    cropped.padding = core::Padding{core::PaddingMode::Explicit, 1, 0, 2, 0};
    const core::OutputShape c = core::plan_output_shape({4, 4}, cropped);
    CHECK(cli::axis_formula(c.rows) == "(4 - 1) * 2 - (1 + 2) + 1 * (4 - 1) + 0 + 1 = 7");
    CHECK(cli::axis_formula(c.cols) == "(4 - 1) * 2 - 2 * 0 + 2 * (4 - 1) + 0 + 1 = 13");
}

TEST_CASE("shape_formula writes one formula when the axes agree, else both", "[cli][report]") {
    core::Geometry blocks;
    blocks.kernel = {4, 4};
    blocks.stride = {4, 4};
    CHECK(cli::shape_formula(core::plan_output_shape({4, 4}, blocks)) == "out = (4 - 1) * 4 - 2 * 0 + 1 * (4 - 1) + 0 + 1 = 16");
    CHECK(cli::shape_formula(asymmetric_shape()) == asymmetric_formula);
}

TEST_CASE("human_line: paths, HxW sizes, channels and the formula", "[cli][report]") {
    cli::InputReport r = success();
    CHECK(cli::human_line(r) == std::string("photos/in.png -> out/in.png: 3x5 -> 6x15 (HxW, 3 channels); ") + asymmetric_formula);
    r.channels = 1;
    CHECK(cli::human_line(r) == std::string("photos/in.png -> out/in.png: 3x5 -> 6x15 (HxW, 1 channel); ") + asymmetric_formula);
    r.depth = 16;
    CHECK(cli::human_line(r) ==
          std::string("photos/in.png -> out/in.png: 3x5 -> 6x15 (HxW, 1 channel, 16-bit); ") + asymmetric_formula);
}

TEST_CASE("human_line and strategy_line quote names a terminal would act on", "[cli][report]") {
    cli::InputReport r = success();
    r.input = "photos/new\nline.png";
    r.output = "out/\x1b]0;pwned\x07.png";
    CHECK(cli::human_line(r) ==
          std::string(R"($'photos/new\nline.png' -> $'out/\e]0;pwned\x07.png': 3x5 -> 6x15 (HxW, 3 channels); )") +
              asymmetric_formula);
    CHECK(cli::strategy_line(r, "bilinear 4x4, stride 2x2") ==
          R"(tconv: $'photos/new\nline.png': strategy fixed-point (bilinear 4x4, stride 2x2: rank 1, dyadic -> fixed-point))");
    core::Geometry g;
    g.kernel = {2, 3};
    g.stride = {2, 3};
    CHECK(cli::conv_setup_text("@k\x1b[2J.txt", g) == R"($'@k\e[2J.txt' 2x3, stride 2x3)");
    // JSON escapes the same names itself, as JSON: no $'...' inside its strings.
    CHECK(cli::json_line(r).starts_with(R"j({"input":"photos/new\nline.png","output":"out/\u001b]0;pwned\u0007.png",)j"));
}

TEST_CASE("json_line of a success", "[cli][report][json]") {
    CHECK(cli::json_line(success()) ==
          std::string(R"j({"input":"photos/in.png","output":"out/in.png","ok":true,"in_width":5,"in_height":3,)j"
                      R"j("channels":3,"depth":8,"out_width":15,"out_height":6,"formula":")j") +
              asymmetric_formula + R"j(","strategy":"fixed-point","strategy_reason":"rank 1, dyadic -> fixed-point"})j");
}

TEST_CASE("json_line of a failed input: null for what was never known", "[cli][report][json]") {
    cli::InputReport r;
    r.input = "photos/broken\t\"1\".png";
    r.output = "out/broken\t\"1\".png";
    r.error = "not a readable image (Image not of any known type, or corrupt)";
    CHECK(
        cli::json_line(r) ==
        R"j({"input":"photos/broken\t\"1\".png","output":"out/broken\t\"1\".png","ok":false,"in_width":null,)j"
        R"j("in_height":null,"channels":null,"depth":null,"out_width":null,"out_height":null,"strategy":null,"strategy_reason":null,)j"
        R"j("error":"not a readable image (Image not of any known type, or corrupt)"})j");
}

TEST_CASE("json_line of an input that failed after planning keeps its sizes", "[cli][report][json]") {
    cli::InputReport r = success();
    r.ok = false;
    r.plan.reset();  // refused before the convolution was planned
    r.error = "output would be 6x15 = 90 pixels, over the limit of 10 (--max-pixels)";
    CHECK(cli::json_line(r) ==
          std::string(R"j({"input":"photos/in.png","output":"out/in.png","ok":false,"in_width":5,"in_height":3,)j"
                      R"j("channels":3,"depth":8,"out_width":15,"out_height":6,"formula":")j") +
              asymmetric_formula +
              R"j(","strategy":null,"strategy_reason":null,)j"
              R"j("error":"output would be 6x15 = 90 pixels, over the limit of 10 (--max-pixels)"})j");
}

TEST_CASE("conv_setup_text: the -k text, the kernel size, the stride, a dilation other than 1", "[cli][report]") {
    core::Geometry g;
    g.kernel = {2, 3};
    g.stride = {2, 3};
    CHECK(cli::conv_setup_text("0,1,0;1,2,1", g) == "0,1,0;1,2,1 2x3, stride 2x3");
    g.dilation = {1, 2};
    CHECK(cli::conv_setup_text("ones", g) == "ones 2x3, stride 2x3, dilation 1x2");
    g.dilation = {2, 1};
    CHECK(cli::conv_setup_text("@k.txt", g) == "@k.txt 2x3, stride 2x3, dilation 2x1");
}

TEST_CASE("strategy_line: the file, the strategy, the setup and the planner's reason", "[cli][report]") {
    cli::InputReport r = success();
    CHECK(cli::strategy_line(r, "bilinear 4x4, stride 2x2") ==
          "tconv: photos/in.png: strategy fixed-point (bilinear 4x4, stride 2x2: rank 1, dyadic -> fixed-point)");
    r.plan = core::ConvPlan{core::ConvStrategy::Scatter, "forced; rank 2 or more -> scatter"};
    CHECK(cli::strategy_line(r, "1,0;0,1 2x2, stride 2x2") ==
          "tconv: photos/in.png: strategy scatter (1,0;0,1 2x2, stride 2x2: forced; rank 2 or more -> scatter)");
}
