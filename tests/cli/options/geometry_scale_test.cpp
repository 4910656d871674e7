// --scale and --edge: the geometry they plan, the usage errors, and --scale with bilinear against
// PyTorch's F.interpolate(mode='bilinear', align_corners=False) goldens (tests/reference/make_scale_goldens.py),
// straight and premultiplied, with the alpha rule --scale takes by default.
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/options/alpha_option.hpp"
#include "cli/options/geometry_options.hpp"
#include "cli/options/usage_error.hpp"
#include "core/conv/premultiplied_alpha.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/geometry/output_shape.hpp"

using namespace tconv;

namespace {

/// The geometry plan of a command line's geometry options (without the program name).
cli::GeometryPlan planned(const std::string& args) {
    CLI::App app;
    cli::GeometryOptions o;
    cli::add_geometry_options(app, o);
    cli::add_upsampling_options(app, o);
    app.parse(args, false);
    return cli::plan_geometry(o);
}

std::string usage_error(const std::string& args) {
    try {
        planned(args);
    } catch (const cli::UsageError& e) {
        return e.subject() + ": " + e.what();
    }
    return "accepted";
}

}  // namespace

TEST_CASE("scale: bilinear is k = 2S - S%2 with padding S/2 and edges replicated; ones is k = S", "[cli][scale]") {
    const cli::GeometryPlan x2 = planned("--scale 2");
    CHECK(x2.geometry.kernel == core::Extent2{4, 4});
    CHECK(x2.geometry.stride == core::Extent2{2, 2});
    CHECK(x2.geometry.padding == core::Padding{core::PaddingMode::Explicit, 1, 1, 1, 1});
    CHECK(x2.geometry.edge == core::EdgeMode::Replicate);
    CHECK(x2.kernel_spec == "bilinear");
    CHECK(x2.kernel.weights[0] == 0.0625f);  // 0.25 * 0.25: the bilinear tent, not ones
    const cli::GeometryPlan x3x2 = planned("--scale 3x2");
    CHECK(x3x2.geometry.kernel == core::Extent2{5, 4});
    CHECK(x3x2.geometry.padding == core::Padding{core::PaddingMode::Explicit, 1, 1, 1, 1});
    CHECK(planned("--scale 4").geometry.padding == core::Padding{core::PaddingMode::Explicit, 2, 2, 2, 2});
    CHECK(planned("--scale 2 --edge reflect").geometry.edge == core::EdgeMode::Reflect);
    const cli::GeometryPlan ones = planned("--scale 3 -k ones");
    CHECK(ones.geometry.kernel == core::Extent2{3, 3});
    CHECK(ones.geometry.padding == core::Padding{});
    CHECK(ones.geometry.edge == core::EdgeMode::Zero);
    // The output is S times the input.
    CHECK(core::plan_output_shape({5, 7}, x3x2.geometry).out() == core::Extent2{15, 14});
    CHECK(core::plan_output_shape({5, 7}, ones.geometry).out() == core::Extent2{15, 21});
}

TEST_CASE("scale: --scale with any of -f -s -p --dilation --output-padding or another kernel is a usage error", "[cli][scale]") {
    CHECK(usage_error("--scale 2 -f 3") == "--scale: sets the filter size, stride and padding itself: give either --scale or -f");
    CHECK(usage_error("--scale 2 -s 2") == "--scale: sets the filter size, stride and padding itself: give either --scale or -s");
    CHECK(usage_error("--scale 2 -p 1") == "--scale: sets the filter size, stride and padding itself: give either --scale or -p");
    CHECK(usage_error("--scale 2 --dilation 2") ==
          "--scale: sets the filter size, stride and padding itself: give either --scale or --dilation");
    CHECK(usage_error("--scale 2 --output-padding 1") ==
          "--scale: sets the filter size, stride and padding itself: give either --scale or --output-padding");
    CHECK(usage_error("--scale 2 -k gaussian") ==
          "--scale: goes with -k bilinear or -k ones; for other kernels give -f, -s and -p");
    CHECK(usage_error("--scale 0").starts_with("--scale: "));
    CHECK(usage_error("--edge mirror") == "--edge: 'mirror' is not an edge mode (zero, replicate or reflect)");
    CHECK(planned("-f 4 -s 2 -p 1 -k bilinear --edge replicate").geometry.edge == core::EdgeMode::Replicate);
    CHECK(planned("-f 4 -s 2").geometry.edge == core::EdgeMode::Zero);
}

TEST_CASE("scale: --scale S with bilinear equals PyTorch interpolate with align_corners False with the border included",
          "[cli][scale]") {
    const std::string path = std::string(TCONV_TEST_DATA) + "/reference/goldens/scale_interpolate.txt";
    std::ifstream file(path);
    REQUIRE(file.good());
    int cases = 0;
    std::string name, scale, alpha;
    core::Image in;
    core::Extent2 out{};
    std::int64_t h = 0, w = 0;
    int ch = 0;
    std::vector<int> expected;
    std::set<std::size_t> near_half;
    for (std::string text; std::getline(file, text);) {
        if (text.empty() || text[0] == '#') continue;
        std::istringstream line(text);
        std::string key;
        line >> key;
        auto ints = [&] {
            std::vector<int> v;
            for (int n = 0; line >> n;) v.push_back(n);
            return v;
        };
        if (key == "case") {
            line >> name;
            alpha.clear();
        } else if (key == "alpha")
            line >> alpha;
        else if (key == "input")
            line >> h >> w >> ch;
        else if (key == "scale")
            line >> scale;
        else if (key == "output")
            line >> out.h >> out.w;
        else if (key == "pixels") {
            in = core::blank_image({h, w}, ch);
            const std::vector<int> v = ints();
            REQUIRE(v.size() == in.pixels.size());
            for (std::size_t i = 0; i < v.size(); ++i) in.pixels[i] = static_cast<std::uint8_t>(v[i]);
        } else if (key == "expected")
            expected = ints();
        else if (key == "near_half") {
            near_half.clear();
            for (const int i : ints()) near_half.insert(static_cast<std::size_t>(i));
        } else if (key == "end") {
            CAPTURE(name, scale, alpha);
            const cli::GeometryPlan plan = planned("--scale " + scale);
            const core::OutputShape shape = core::plan_output_shape(in.size(), plan.geometry);
            REQUIRE(shape.out() == out);
            // The premultiplied cases go in with no --alpha: they are what --scale does by default.
            const cli::AlphaPlan alpha_plan = cli::plan_alpha(alpha == "straight" ? alpha : "", true);
            CHECK(alpha_plan.premultiplied == (alpha != "straight"));
            const core::Image got = alpha_plan.premultiplied && core::has_alpha(in.channels)
                                        ? core::quantised_image(core::transposed_conv_premultiplied(in, plan.kernel, shape, 2))
                                        : core::transposed_conv(in, plan.kernel, shape, 2);
            REQUIRE(got.pixels.size() == expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i) {
                const int allowed = near_half.count(i) ? 1 : 0;
                if (std::abs(int{got.pixels[i]} - expected[i]) <= allowed) continue;
                CAPTURE(i, int{got.pixels[i]}, expected[i]);
                FAIL("pixel differs from F.interpolate");
            }
            ++cases;
        }
    }
    CHECK(cases == 10);
}
