// io::decode_layer_file on ONNX models built here with the protobuf classes: a good one-node model,
// then one defect at a time (the node, its tensors, its attributes), each with its one-line reason.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <onnx/onnx_pb.h>
#include <string>
#include <utility>
#include <vector>

#include "io/io_error.hpp"
#include "io/layers/layer_file.hpp"

// GCC 12 at -O3 reports a false -Wrestrict inside std::string::assign, inlined from protobuf's
// setters (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

namespace {

using Bytes = std::vector<std::uint8_t>;

/// W (2, 1, 1, 2) float 1..4 and B (1,) as initializers, node "up" with strides 2x2.
onnx::ModelProto good_model() {
    onnx::ModelProto model;
    model.set_ir_version(8);
    model.add_opset_import()->set_version(13);
    onnx::GraphProto& graph = *model.mutable_graph();
    onnx::TensorProto& w = *graph.add_initializer();
    w.set_name("W");
    w.set_data_type(onnx::TensorProto_DataType_FLOAT);
    for (const int d : {2, 1, 1, 2}) w.add_dims(d);
    for (const float v : {1.0f, 2.0f, 3.0f, 4.0f}) w.add_float_data(v);
    onnx::TensorProto& b = *graph.add_initializer();
    b.set_name("B");
    b.set_data_type(onnx::TensorProto_DataType_FLOAT);
    b.add_dims(1);
    b.add_float_data(0.5f);
    onnx::NodeProto& node = *graph.add_node();
    node.set_name("up");
    node.set_op_type("ConvTranspose");
    for (const char* input : {"X", "W", "B"}) node.add_input(input);
    node.add_output("Y");
    onnx::AttributeProto& strides = *node.add_attribute();
    strides.set_name("strides");
    strides.set_type(onnx::AttributeProto_AttributeType_INTS);
    strides.add_ints(2);
    strides.add_ints(2);
    return model;
}

Bytes bytes_of(const onnx::ModelProto& model) {
    const std::string text = model.SerializeAsString();
    return Bytes(text.begin(), text.end());
}

std::string error_of(const Bytes& bytes, const std::string& node = "") {
    try {
        tconv::io::decode_layer_file(tconv::io::LayerFormat::onnx, bytes, "m.onnx", node, std::nullopt, "", 0);
    } catch (const tconv::io::IoError& e) {
        return e.file() + ": " + e.what();
    }
    return "(loaded)";
}

std::string error_of(const onnx::ModelProto& model, const std::string& node = "") { return error_of(bytes_of(model), node); }

onnx::AttributeProto& add_ints(onnx::NodeProto& node, const char* name, std::vector<std::int64_t> values) {
    onnx::AttributeProto& a = *node.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto_AttributeType_INTS);
    for (const std::int64_t v : values) a.add_ints(v);
    return a;
}

}  // namespace

TEST_CASE("an ONNX node's layer and attributes", "[io][layer][onnx]") {
    const auto file =
        tconv::io::decode_layer_file(tconv::io::LayerFormat::onnx, bytes_of(good_model()), "m.onnx", "", std::nullopt, "", 0);
    CHECK(file.layer.in_channels == 2);
    CHECK(file.layer.out_channels == 1);
    CHECK(file.layer.weight == std::vector<double>{1, 2, 3, 4});
    CHECK(file.description == "node 'up' in m.onnx: 2 -> 1, 1x2, groups 1, bias");
    CHECK(file.layer.bias == std::vector<double>{0.5});
    REQUIRE(file.onnx.has_value());
    CHECK(file.onnx->strides == std::vector<std::int64_t>{2, 2});
    CHECK_FALSE(file.onnx->pads.has_value());
    CHECK_FALSE(file.onnx->group.has_value());
}

TEST_CASE("an ONNX model whose node or tensors are unusable is refused with its reason", "[io][layer][onnx]") {
    const onnx::ModelProto good = good_model();
    onnx::ModelProto two_biases = good;
    two_biases.mutable_graph()->mutable_initializer(1)->set_dims(0, 2);
    two_biases.mutable_graph()->mutable_initializer(1)->add_float_data(-0.5f);
    // The weight (2, 1, 1, 2) with groups 1 has 1 output channel.
    CHECK(error_of(two_biases) == "m.onnx: the bias has shape (2,), not (1,) for the weight's 1 output channels");

    CHECK(error_of(Bytes{0xff, 0xff, 0xff}) == "m.onnx: not a readable .onnx file (not an ONNX model protobuf)");
    Bytes truncated = bytes_of(good);
    truncated.resize(truncated.size() - 5);
    CHECK(error_of(truncated) == "m.onnx: not a readable .onnx file (not an ONNX model protobuf)");
    CHECK(error_of(good, "down") == "m.onnx: no ConvTranspose node 'down' (the model has 'up')");
    onnx::ModelProto two = good;
    *two.mutable_graph()->add_node() = two.graph().node(0);
    two.mutable_graph()->mutable_node(1)->set_name("up2");
    CHECK(error_of(two) == "m.onnx: the model has 2 ConvTranspose nodes ('up', 'up2'): name one as FILE:NODE");
    CHECK(error_of(two, "up2") == "(loaded)");
    onnx::ModelProto conv = good;
    conv.mutable_graph()->mutable_node(0)->set_op_type("Conv");
    CHECK(error_of(conv) == "m.onnx: the model has no ConvTranspose node");

    onnx::ModelProto int_weight = good;
    int_weight.mutable_graph()->mutable_initializer(0)->set_data_type(onnx::TensorProto_DataType_INT64);
    CHECK(error_of(int_weight) == "m.onnx: node 'up''s weight 'W' has ONNX data type 7, not float16, bfloat16, float or double");
    onnx::ModelProto short_raw = good;
    short_raw.mutable_graph()->mutable_initializer(0)->clear_float_data();
    short_raw.mutable_graph()->mutable_initializer(0)->set_raw_data(std::string(15, '\0'));
    CHECK(error_of(short_raw) == "m.onnx: node 'up''s weight 'W' of shape (2, 1, 1, 2) has 15 bytes of raw_data, not 16");
    onnx::ModelProto long_raw = short_raw;
    long_raw.mutable_graph()->mutable_initializer(0)->set_raw_data(std::string(17, '\0'));
    CHECK(error_of(long_raw) == "m.onnx: node 'up''s weight 'W' of shape (2, 1, 1, 2) has 17 bytes of raw_data, not 16");
    // Values in raw_data and in a typed field as well: either could be meant.
    onnx::ModelProto both = good;
    both.mutable_graph()->mutable_initializer(0)->set_raw_data(std::string(16, '\0'));
    CHECK(error_of(both) == "m.onnx: node 'up''s weight 'W' holds values in both raw_data and float_data");
    onnx::ModelProto both_bias = good;
    both_bias.mutable_graph()->mutable_initializer(1)->set_data_type(onnx::TensorProto_DataType_DOUBLE);
    both_bias.mutable_graph()->mutable_initializer(1)->add_double_data(0.5);
    CHECK(error_of(both_bias) == "m.onnx: node 'up''s bias 'B' holds values in both float_data and double_data");
    onnx::ModelProto empty_raw = good;
    empty_raw.mutable_graph()->mutable_initializer(0)->set_raw_data("");
    CHECK(error_of(empty_raw) == "m.onnx: node 'up''s weight 'W' holds values in both raw_data and float_data");
    onnx::ModelProto few = good;
    few.mutable_graph()->mutable_initializer(0)->mutable_float_data()->RemoveLast();
    CHECK(error_of(few) == "m.onnx: node 'up''s weight 'W' of shape (2, 1, 1, 2) has 3 values, not 4");
    onnx::ModelProto huge = good;
    huge.mutable_graph()->mutable_initializer(0)->set_dims(0, std::int64_t{1} << 40);
    CHECK(error_of(huge) == "m.onnx: node 'up''s weight 'W' of shape (1099511627776, 1, 1, 2) holds more than 67108864 values");
    onnx::ModelProto external = good;
    external.mutable_graph()->mutable_initializer(0)->set_data_location(onnx::TensorProto_DataLocation_EXTERNAL);
    CHECK(error_of(external) == "m.onnx: node 'up''s weight 'W' is stored in an external file, which tconv does not read");
    onnx::ModelProto computed = good;
    computed.mutable_graph()->mutable_initializer(0)->set_name("W0");
    CHECK(error_of(computed) == "m.onnx: node 'up''s weight 'W' is neither an initializer nor a Constant node's output");
    // A weight passed on by Identity nodes, as exporters write shared weights, is followed.
    onnx::ModelProto identity = computed;
    for (const auto& [from, to] : {std::pair{"W0", "W1"}, std::pair{"W1", "W"}}) {
        onnx::NodeProto& link = *identity.mutable_graph()->add_node();
        link.set_op_type("Identity");
        link.add_input(from);
        link.add_output(to);
    }
    CHECK(error_of(identity) == "(loaded)");
    onnx::ModelProto no_weight = good;
    no_weight.mutable_graph()->mutable_node(0)->mutable_input()->DeleteSubrange(1, 2);
    CHECK(error_of(no_weight) == "m.onnx: node 'up' has no weight input");

    // float16 bits in int32_data must be 16 bits.
    onnx::ModelProto half = good;
    onnx::TensorProto& w = *half.mutable_graph()->mutable_initializer(0);
    w.clear_float_data();
    w.set_data_type(onnx::TensorProto_DataType_FLOAT16);
    for (const int bits : {0x3c00, 0x4000, 0xc200, 0x0001}) w.add_int32_data(bits);  // 1, 2, -3, 2^-24
    const auto halves =
        tconv::io::decode_layer_file(tconv::io::LayerFormat::onnx, bytes_of(half), "m.onnx", "", std::nullopt, "", 0);
    CHECK(halves.layer.weight == std::vector<double>{1, 2, -3, 0x1p-24});
    w.set_data_type(onnx::TensorProto_DataType_BFLOAT16);
    const auto brains =
        tconv::io::decode_layer_file(tconv::io::LayerFormat::onnx, bytes_of(half), "m.onnx", "", std::nullopt, "", 0);
    CHECK(brains.layer.weight == std::vector<double>{0.0078125, 2, -32, 0x1p-133});  // 0x3c00 0x4000 0xc200 0x0001 as bfloat16
    w.set_int32_data(3, 0x10000);
    CHECK(error_of(half) == "m.onnx: node 'up''s weight 'W' holds 65536, not the 16 bits of a float16");
}

TEST_CASE("ONNX weights that float32 cannot hold are refused", "[io][layer][onnx]") {
    onnx::ModelProto doubles = good_model();
    onnx::TensorProto& w = *doubles.mutable_graph()->mutable_initializer(0);
    w.clear_float_data();
    w.set_data_type(onnx::TensorProto_DataType_DOUBLE);
    for (const double v : {1.0, 2.0, 1e300, 4.0}) w.add_double_data(v);
    CHECK(error_of(doubles) == "m.onnx: the weight's element 2 is 1e+300, beyond float32's range");
    w.set_double_data(2, 3.4028234663852886e+38);  // FLT_MAX itself
    CHECK(error_of(doubles) == "(loaded)");
    onnx::ModelProto halves = good_model();
    onnx::TensorProto& h = *halves.mutable_graph()->mutable_initializer(0);
    h.clear_float_data();
    h.set_data_type(onnx::TensorProto_DataType_FLOAT16);
    for (const int bits : {0x3c00, 0x7c00, 0x3c00, 0x3c00}) h.add_int32_data(bits);  // 1, inf, 1, 1
    CHECK(error_of(halves) == "m.onnx: the weight's element 1 is inf");
}

TEST_CASE("ONNX ConvTranspose attributes of the wrong form are refused", "[io][layer][onnx]") {
    const onnx::ModelProto model = good_model();
    const auto with = [&](auto change) {
        onnx::ModelProto m = model;
        change(*m.mutable_graph()->mutable_node(0));
        return error_of(m);
    };
    CHECK(with([](onnx::NodeProto& n) {
              add_ints(n, "pads", {1, 1});
          }) == "m.onnx: node 'up' attribute pads has 2 values, not 4");
    CHECK(with([](onnx::NodeProto& n) {
              add_ints(n, "dilations", {1, 0});
          }) == "m.onnx: node 'up' attribute dilations holds 0, below 1");
    CHECK(with([](onnx::NodeProto& n) {
              add_ints(n, "output_padding", {-1, 0});
          }) == "m.onnx: node 'up' attribute output_padding holds -1, below 0");
    CHECK(with([](onnx::NodeProto& n) {
              add_ints(n, "kernel_shape", {2, 1});
          }) == "m.onnx: node 'up' attribute kernel_shape 2x1 differs from its weight's (2, 1, 1, 2)");
    CHECK(with([](onnx::NodeProto& n) { add_ints(n, "kernel_shape", {1, 2}); }) == "(loaded)");
    CHECK(with([](onnx::NodeProto& n) { add_ints(n, "group", {1}); }) == "m.onnx: node 'up' attribute group is not an integer");
    CHECK(with([](onnx::NodeProto& n) {
              onnx::AttributeProto& a = *n.add_attribute();
              a.set_name("group");
              a.set_type(onnx::AttributeProto_AttributeType_INT);
              a.set_i(2);
          }) == "m.onnx: the bias has shape (1,), not (2,) for the weight's 2 output channels");  // group 2: C_out = 1 * 2
    CHECK(with([](onnx::NodeProto& n) {
              onnx::AttributeProto& a = *n.add_attribute();
              a.set_name("group");
              a.set_type(onnx::AttributeProto_AttributeType_INT);
              a.set_i(0);
          }) == "m.onnx: node 'up' attribute group 0 is not a positive int");
    CHECK(with([](onnx::NodeProto& n) {
              onnx::AttributeProto& a = *n.add_attribute();
              a.set_name("auto_pad");
              a.set_type(onnx::AttributeProto_AttributeType_STRING);
              a.set_s("SAME");
          }) == "m.onnx: node 'up' attribute auto_pad 'SAME' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID");
}

TEST_CASE("names from inside an ONNX model are quoted in its errors and description", "[io][layer][onnx]") {
    // Printed raw, these would break the error line and set the terminal's window title.
    const std::string evil = "n\n\x1b]0;pwned\x07";
    const std::string evil_quoted = R"($'n\n\e]0;pwned\x07')";
    onnx::ModelProto model = good_model();
    model.mutable_graph()->mutable_node(0)->set_name(evil);
    CHECK(error_of(model, "down") == "m.onnx: no ConvTranspose node 'down' (the model has " + evil_quoted + ")");
    CHECK(error_of(model, evil + "x") ==
          R"(m.onnx: no ConvTranspose node $'n\n\e]0;pwned\x07x' (the model has )" + evil_quoted + ")");
    const auto loaded =
        tconv::io::decode_layer_file(tconv::io::LayerFormat::onnx, bytes_of(model), "m\x1b.onnx", evil, std::nullopt, "", 0);
    CHECK(loaded.description == "node " + evil_quoted + R"( in $'m\e.onnx': 2 -> 1, 1x2, groups 1, bias)");
    onnx::AttributeProto& pad = *model.mutable_graph()->mutable_node(0)->add_attribute();
    pad.set_name("auto_pad");
    pad.set_type(onnx::AttributeProto_AttributeType_STRING);
    pad.set_s("SAME\r\x1b[2J");
    CHECK(error_of(model) ==
          "m.onnx: node " + evil_quoted + R"( attribute auto_pad $'SAME\r\e[2J' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID)");
    onnx::ModelProto renamed = good_model();
    renamed.mutable_graph()->mutable_initializer(0)->set_name("W\x1b[2J");
    renamed.mutable_graph()->mutable_node(0)->set_input(1, "W\x1b[2J");
    renamed.mutable_graph()->mutable_initializer(0)->set_data_type(onnx::TensorProto_DataType_INT64);
    CHECK(error_of(renamed) ==
          R"(m.onnx: node 'up''s weight $'W\e[2J' has ONNX data type 7, not float16, bfloat16, float or double)");
}

TEST_CASE("the DCGAN generator's three ConvTranspose nodes must be named", "[io][layer][onnx]") {
    const std::string path = std::string(TCONV_TEST_DATA) + "/fixtures/layers/dcgan_generator.onnx";
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    const Bytes bytes(std::istreambuf_iterator<char>(in), {});
    CHECK(error_of(bytes) ==
          "m.onnx: the model has 3 ConvTranspose nodes ('/0/ConvTranspose', '/3/ConvTranspose', '/6/ConvTranspose'): name one as "
          "FILE:NODE");
    const auto last =
        tconv::io::decode_layer_file(tconv::io::LayerFormat::onnx, bytes, "m.onnx", "/6/ConvTranspose", std::nullopt, "", 0);
    CHECK(last.description == "node '/6/ConvTranspose' in m.onnx: 4 -> 3, 4x4, groups 1, no bias");
}
