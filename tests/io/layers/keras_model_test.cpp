// io::load_layer_file on Keras models: the TensorFlow.js goldens (tests/reference/keras/: TF.js'
// own model.json files, and .keras / .h5 files of the same weights written after Keras' saving
// code) and the PyTorch goldens of what TF.js lacks (output_padding, dilation), each applied by
// core::conv_layer; then broken models, each with its one-line reason.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/options/keras_layer_geometry.hpp"
#include "core/layer/layer_conv.hpp"
#include "core/layer/layer_plan.hpp"
#include "io/file_fixture.hpp"
#include "io/io_error.hpp"
#include "io/layers/keras_model.hpp"
#include "io/layers/layer_file.hpp"
#include "io/layers/tfjs_model.hpp"
#include "io/layers/zip_archive.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;
const std::string data = std::string(TCONV_TEST_DATA);
const std::string models = data + "/fixtures/layers/keras/";

using tconv::test::file_bytes;

using Case = std::map<std::string, std::string>;

std::vector<Case> read_cases(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::vector<Case> cases;
    Case c;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const std::size_t space = line.find(' ');
        const std::string key = line.substr(0, space);
        if (key == "end") {
            cases.push_back(c);
            c.clear();
        } else {
            c[key] = space == std::string::npos ? "" : line.substr(space + 1);
        }
    }
    return cases;
}

std::vector<double> numbers(const std::string& text) {
    std::istringstream in(text);
    std::vector<double> v;
    for (double x; in >> x;) v.push_back(x);
    return v;
}

/// The largest difference between the layer in `spec` applied to the case's input and its expected
/// output, scaled by max(1, |expected|); -1 when the sizes differ.
double golden_error(const Case& c, const std::string& spec) {
    const tconv::io::LayerFile file = tconv::io::load_layer_file(spec, "", 0);
    REQUIRE(file.keras);
    const tconv::cli::GeometryOptions none;
    tconv::core::Geometry typed;
    typed.kernel = file.layer.kernel;
    const tconv::core::Geometry g = tconv::cli::keras_layer_geometry(*file.keras, none, typed, spec);
    const std::vector<double> in_size = numbers(c.at("input")), out_size = numbers(c.at("output"));
    tconv::core::RealImage x{{static_cast<std::int64_t>(in_size[0]), static_cast<std::int64_t>(in_size[1])},
                             file.layer.in_channels,
                             numbers(c.at("x"))};
    const tconv::core::LayerPlan plan = tconv::core::plan_layer(x.size, x.channels, file.layer, g);
    const tconv::core::RealImage y = tconv::core::conv_layer(x, file.layer, plan, 1);
    if (y.size.h != static_cast<std::int64_t>(out_size[0]) || y.size.w != static_cast<std::int64_t>(out_size[1])) return -1;
    const std::vector<double> expected = numbers(c.at("expected"));
    REQUIRE(expected.size() == y.values.size());
    double worst = 0;
    for (std::size_t i = 0; i < expected.size(); ++i)
        worst = std::max(worst, std::abs(y.values[i] - expected[i]) / std::max(1.0, std::abs(expected[i])));
    return worst;
}

std::string with_layer(const Case& c, const std::string& path) {
    return c.at("select") == "-" ? path : path + ":" + c.at("select");
}

std::string error_of(const std::string& spec) {
    try {
        tconv::io::load_layer_file(spec, "", 0);
    } catch (const tconv::io::IoError& e) {
        return e.file() + ": " + e.what();
    }
    return "(loaded)";
}

}  // namespace

TEST_CASE("keras: TensorFlow.js' outputs from its own model.json and from .keras and .h5 of the same weights", "[io][keras]") {
    const auto cases = read_cases(data + "/reference/goldens/keras_layer.txt");
    REQUIRE(cases.size() >= 20);
    int files = 0;
    for (const Case& c : cases) {
        for (const char* ext : {".json", ".keras", ".h5"}) {
            const std::string path = models + c.at("model") + ext;
            if (!std::filesystem::exists(path)) continue;
            INFO(path);
            // TF.js computes in float32: a few units of its last place on sums of tens of terms.
            CHECK(golden_error(c, with_layer(c, path)) == Approx(0).margin(2e-6));
            ++files;
        }
    }
    CHECK(files >= 20 + 2 * 8);
}

TEST_CASE("keras: PyTorch's outputs for output_padding and dilation_rate, which TF.js lacks", "[io][keras]") {
    const auto cases = read_cases(data + "/reference/goldens/keras_layer_torch.txt");
    REQUIRE(cases.size() >= 10);
    for (const Case& c : cases)
        for (const char* ext : {".keras", ".h5"}) {
            const std::string path = models + c.at("model") + ext;
            if (!std::filesystem::exists(path)) continue;
            INFO(path);
            // The weights are float32 in the file, exact in the golden: only double rounding differs.
            CHECK(golden_error(c, path) == Approx(0).margin(1e-12));
        }
}

TEST_CASE("keras: the layer's description names it, its activation and dtype", "[io][keras]") {
    const auto f = tconv::io::load_layer_file(models + "two_layers.keras:up2", "", 0);
    CHECK(f.description == "layer 'up2' in " + models + "two_layers.keras: 4 -> 3, 4x4, groups 1, bias, sigmoid, float32");
    CHECK(f.keras->padding == "valid");
    CHECK(tconv::io::load_layer_file(models + "valid_s2_k4_bfloat16.keras", "", 0).description.ends_with("bfloat16"));
    CHECK(tconv::io::load_layer_file(models + "same_s2_k3_float16.h5", "", 0).description.ends_with("float16"));
}

TEST_CASE("keras: a file that is no model, a missing layer, a layer of another kind, one of several", "[io][keras]") {
    const std::string two = models + "two_layers";
    for (const char* ext : {".keras", ".h5", ".json"}) {
        const std::string f = two + ext;
        CHECK(error_of(f) == f + ": the model holds 2 Conv2DTranspose layers ('up1', 'up2'): select one as " + f + ":up1");
        CHECK(error_of(f + ":down") == f + ": no layer named 'down' (Conv2DTranspose layers: 'up1', 'up2')");
    }
    const std::string png = data + "/fixtures/rgb.png";
    auto decode = [](tconv::io::LayerFormat format, const Bytes& bytes) {
        try {
            tconv::io::decode_layer_file(format, bytes, "m", "", std::nullopt, "", 0);
        } catch (const tconv::io::IoError& e) {
            return e.file() + ": " + e.what();
        }
        return std::string("(loaded)");
    };
    const Bytes not_a_model = file_bytes(png);
    CHECK(decode(tconv::io::LayerFormat::keras, not_a_model).starts_with("m: not a zip archive ("));
    CHECK(decode(tconv::io::LayerFormat::keras_h5, not_a_model) == "m: not an HDF5 file (no HDF5 signature at its start)");
    CHECK(decode(tconv::io::LayerFormat::tfjs, not_a_model) == "m: the file is not JSON");
    // The .keras weights file alone is HDF5 but no tf.keras model.
    const Bytes archive = file_bytes(models + "valid_s2_k4_linear.keras");
    const Bytes weights = tconv::io::ZipArchive(archive, "a").read("model.weights.h5", 1 << 20);
    CHECK(decode(tconv::io::LayerFormat::keras_h5, weights) ==
          "m: not a Keras model (no model_config attribute: a weights-only file?)");
    CHECK(decode(tconv::io::LayerFormat::keras, tconv::io::write_zip({{"x.txt", Bytes{'a'}}})) ==
          "m: not a Keras archive (no config.json in the zip)");
}

TEST_CASE("keras: TF.js models built here: another layer class, shapes against the config, shards", "[io][keras]") {
    const std::string conv = R"({"class_name": "Conv2DTranspose", "config": {"name": "up", "filters": 2, "kernel_size": [1, 1],
        "strides": [1, 1], "padding": "same", "activation": ACT, "use_bias": true}})";
    auto model = [&](const std::string& act, const std::string& kernel_shape, const std::string& path = "w.bin") {
        std::string c = conv;
        c.replace(c.find("ACT"), 3, act);
        const std::string text = R"({"modelTopology": {"class_name": "Sequential", "config": {"layers": [)" + c +
                                 R"(, {"class_name": "Dense", "config": {"name": "dense", "units": 2}}]}}, "weightsManifest":
            [{"paths": [")" + path +
                                 R"("], "weights": [{"name": "up/kernel", "shape": )" + kernel_shape +
                                 R"(, "dtype": "float32"}, {"name": "up/bias", "shape": [2], "dtype": "float32"}]}]})";
        return Bytes(text.begin(), text.end());
    };
    const Bytes shard(4 * 8, 0);
    const tconv::io::ShardReader reader = [&](const std::string& p, std::uint64_t) {
        if (p != "w.bin") throw tconv::io::IoError(p, "no such file");
        return shard;
    };
    auto error = [&](const Bytes& json, const std::string& layer, std::uint64_t shard_size = 32) {
        const Bytes cut(shard.begin(), shard.begin() + static_cast<std::ptrdiff_t>(shard_size));
        try {
            tconv::io::read_tfjs_model(json, "m.json", layer, [&](const std::string& p, std::uint64_t) {
                if (p != "w.bin") throw tconv::io::IoError(p, "no such file");
                return cut;
            });
        } catch (const tconv::io::IoError& e) {
            return e.file() + ": " + e.what();
        }
        return std::string("(loaded)");
    };
    CHECK(error(model("\"relu\"", "[1, 1, 2, 2]"), "") == "(loaded)");
    CHECK(tconv::io::read_tfjs_model(model("\"relu\"", "[1, 1, 2, 2]"), "m.json", "", reader).layer.activation ==
          tconv::core::Activation::Relu);
    CHECK(error(model("\"relu\"", "[1, 1, 2, 2]"), "dense") == "m.json: the layer 'dense' is a Dense, not a Conv2DTranspose");
    CHECK(error(model("\"hard_tanh\"", "[1, 1, 2, 2]"), "") ==
          "m.json: the layer's activation 'hard_tanh' is not one tconv knows");
    CHECK(error(model("\"relu\"", "[1, 1, 3, 2]"), "") ==
          "m.json: the kernel 'up/kernel' has shape (1, 1, 3, 2) but the config says (1, 1, 2, C_in)");
    CHECK(error(model("\"relu\"", "[1, 1, 2, 2]"), "", 20) == "m.json: the weight shards hold 20 bytes, the manifest needs 24");
    CHECK(error(model("\"relu\"", "[1, 1, 2, 2]", "../w.bin"), "") ==
          "m.json: the weight shard '../w.bin' is not a path inside the model's directory");
}

TEST_CASE("keras: save_layer_keras is read back, and the kernel keeps its orientation", "[io][keras]") {
    const auto original = tconv::io::load_layer_file(models + "same_k3x2_s2x1_selu.keras", "", 0);
    tconv::core::ConvLayer layer = original.layer;
    layer.activation = tconv::core::Activation::Linear;
    const std::string path = (std::filesystem::temp_directory_path() / "tconv_keras_roundtrip.keras").string();
    tconv::io::save_layer_keras(path, layer, *original.keras);
    const auto back = tconv::io::load_layer_file(path, "", 0);
    std::filesystem::remove(path);
    CHECK(back.layer.weight == layer.weight);  // float32 values in, float32 out
    CHECK(back.layer.bias == layer.bias);
    CHECK(back.keras->strides == original.keras->strides);
    CHECK(back.keras->padding == "same");
    CHECK(back.layer.activation == tconv::core::Activation::Linear);
}
