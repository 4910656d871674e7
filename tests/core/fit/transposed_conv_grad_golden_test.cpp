// PyTorch autograd goldens (tests/reference/make_grad_goldens.py): the forward pass, both gradients,
// and whole Adam fits, read from tests/reference/goldens/transposed_conv_grad.txt.
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/conv/transposed_conv_float.hpp"
#include "core/fit/kernel_fit.hpp"
#include "core/fit/transposed_conv_gradient.hpp"
#include "core/geometry/geometry_text.hpp"

using namespace tconv::core;

namespace {

/// One block of the golden file: "grad NAME" or "fit NAME", its "key values..." lines, "end".
/// Repeated keys ("example", "x", "target" in fit blocks) keep every occurrence in order.
struct Block {
    std::string kind;
    std::string name;
    std::multimap<std::string, std::string> fields;
    std::vector<std::pair<std::string, std::string>> ordered;
    const std::string& field(const std::string& key) const {
        const auto it = fields.find(key);
        REQUIRE(it != fields.end());
        return it->second;
    }
};

std::vector<Block> read_goldens() {
    std::ifstream file(std::string(TCONV_TEST_DATA) + "/reference/goldens/transposed_conv_grad.txt");
    REQUIRE(file.good());
    std::vector<Block> blocks;
    std::string line;
    while (std::getline(file, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.find(' ');
        const std::string key = line.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
        if (key == "grad" || key == "fit")
            blocks.push_back(Block{key, rest, {}, {}});
        else if (key != "end") {
            REQUIRE(!blocks.empty());
            blocks.back().fields.emplace(key, rest);
            blocks.back().ordered.emplace_back(key, rest);
        }
    }
    return blocks;
}

std::vector<double> numbers(const std::string& text) {
    std::istringstream in(text);
    std::vector<double> v;
    double d = 0;
    while (in >> d) v.push_back(d);
    return v;
}

std::vector<float> floats(const std::string& text) {
    const auto d = numbers(text);
    return std::vector<float>(d.begin(), d.end());
}

/// Kernel weights: the golden's numbers are float32 values.
std::vector<double> float_values(const std::string& text) {
    const auto f = floats(text);
    return std::vector<double>(f.begin(), f.end());
}

Extent2 size_of(const std::string& text) {
    const auto v = numbers(text);
    REQUIRE(v.size() >= 2);
    return {static_cast<std::int64_t>(v[0]), static_cast<std::int64_t>(v[1])};
}

Geometry geometry_of(const Block& b) {
    Geometry g;
    g.kernel = size_of(b.field("kernel"));
    g.stride = parse_extent(b.field("stride"), 1);
    g.dilation = parse_extent(b.field("dilation"), 1);
    g.padding = parse_padding(b.field("padding"));
    if (b.field("output_padding") != "-") g.output_padding = parse_extent(b.field("output_padding"), 0);
    return g;
}

/// |got - want| <= abs_tol + rel_tol * |want| for every entry.
template <class T>
void check_close(const std::vector<T>& got, const std::vector<double>& want, double abs_tol, double rel_tol) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const double g = static_cast<double>(got[i]);
        CAPTURE(i, g, want[i]);
        CHECK(std::abs(g - want[i]) <= abs_tol + rel_tol * std::abs(want[i]));
    }
}

}  // namespace

TEST_CASE("forward pass and gradients match PyTorch autograd", "[gradient][golden]") {
    int cases = 0;
    for (const Block& b : read_goldens()) {
        if (b.kind != "grad") continue;
        ++cases;
        CAPTURE(b.name);
        const Geometry g = geometry_of(b);
        const OutputShape shape = plan_output_shape(size_of(b.field("input")), g);
        REQUIRE(shape.out() == size_of(b.field("output")));
        const FloatPlane x{shape.in(), floats(b.field("x"))};
        const Kernel w{g.kernel, float_values(b.field("w"))};
        const FloatPlane out_grad{shape.out(), floats(b.field("out_grad"))};
        check_close(transposed_conv_float(x, w, shape).values, numbers(b.field("forward")), 1e-5, 1e-5);
        check_close(transposed_conv_kernel_gradient(x, out_grad, shape), numbers(b.field("kernel_grad")), 1e-5, 1e-5);
        check_close(transposed_conv_input_gradient(out_grad, w, shape).values, numbers(b.field("input_grad")), 1e-5, 1e-5);
    }
    CHECK(cases >= 10);
}

TEST_CASE("whole Adam fits match torch.optim.Adam step for step", "[fit][golden]") {
    int cases = 0;
    for (const Block& b : read_goldens()) {
        if (b.kind != "fit") continue;
        ++cases;
        CAPTURE(b.name);
        const Geometry g = geometry_of(b);
        std::vector<FitExample> examples;
        for (std::size_t i = 0; i < b.ordered.size(); ++i) {
            if (b.ordered[i].first != "example") continue;
            const auto sizes = numbers(b.ordered[i].second);
            REQUIRE(sizes.size() == 4);
            REQUIRE(i + 2 < b.ordered.size());
            const Extent2 in{static_cast<std::int64_t>(sizes[0]), static_cast<std::int64_t>(sizes[1])};
            const Extent2 out{static_cast<std::int64_t>(sizes[2]), static_cast<std::int64_t>(sizes[3])};
            examples.push_back(FitExample{FloatPlane{in, floats(b.ordered[i + 1].second)},
                                          FloatPlane{out, floats(b.ordered[i + 2].second)}, plan_output_shape(in, g)});
        }
        REQUIRE(!examples.empty());
        FitSettings settings;
        settings.steps = static_cast<std::int64_t>(numbers(b.field("steps")).at(0));
        settings.adam.learning_rate = numbers(b.field("lr")).at(0);
        const FitResult r = fit_kernel(examples, Kernel{g.kernel, float_values(b.field("init"))}, settings);
        // Float forward passes against float64 ones: Adam's normalised steps keep the paths together.
        check_close(r.loss, numbers(b.field("loss")), 1e-3, 1e-4);
        // The kernel kept is the one of the lowest loss, as torch's loop recorded it.
        CHECK(r.best_step == static_cast<std::int64_t>(numbers(b.field("best_step")).at(0)));
        check_close(r.kernel.weights, numbers(b.field("kept")), 1e-4, 1e-4);
    }
    CHECK(cases >= 3);
}
