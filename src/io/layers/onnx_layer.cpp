// ONNX ConvTranspose nodes: the model parsed by protobuf (bounded by the file's bytes), then the
// node, its tensors and its attributes looked up and checked before any value is converted.
#include "io/layers/onnx_layer.hpp"

#include <climits>
#include <onnx/onnx_pb.h>
#include <utility>

#include "io/io_error.hpp"
#include "io/layers/float_elements.hpp"
#include "io/quoted_text.hpp"

namespace tconv::io {
namespace {

[[noreturn]] void refuse(const std::string& name, const std::string& why) { throw IoError(name, why); }

bool is_conv_transpose(const onnx::NodeProto& node) {
    return node.op_type() == "ConvTranspose" && (node.domain().empty() || node.domain() == "ai.onnx");
}

std::string node_label(const onnx::NodeProto& node) {
    if (!node.name().empty()) return node.name();
    return node.output_size() > 0 ? node.output(0) : std::string();
}

/// The values of a TensorProto as a LayerTensor; `what` names it in errors ("weight 'W'").
LayerTensor tensor_values(const onnx::TensorProto& t, const std::string& name, const std::string& what) {
    if (t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL || t.external_data_size() > 0)
        refuse(name, what + " is stored in an external file, which tconv does not read");
    if (t.has_segment()) refuse(name, what + " is a segment of a larger tensor");
    LayerTensor out;
    for (const std::int64_t d : t.dims()) {
        if (d < 0) refuse(name, what + " has a negative dimension");
        out.shape.push_back(d);
    }
    const auto count = element_count(out.shape, max_layer_weights);
    if (!count)
        refuse(name,
               what + " of shape " + shape_text(out.shape) + " holds more than " + std::to_string(max_layer_weights) + " values");
    FloatEncoding encoding{};
    switch (t.data_type()) {
        case onnx::TensorProto_DataType_FLOAT16: encoding = FloatEncoding::binary16; break;
        case onnx::TensorProto_DataType_BFLOAT16: encoding = FloatEncoding::bfloat16; break;
        case onnx::TensorProto_DataType_FLOAT: encoding = FloatEncoding::binary32; break;
        case onnx::TensorProto_DataType_DOUBLE: encoding = FloatEncoding::binary64; break;
        default:
            refuse(name,
                   what + " has ONNX data type " + std::to_string(t.data_type()) + ", not float16, bfloat16, float or double");
    }
    // The values in two fields (raw_data and a typed one, or two typed ones) could be read either way.
    const std::pair<const char*, bool> fields[] = {{"raw_data", t.has_raw_data()},
                                                   {"float_data", t.float_data_size() > 0},
                                                   {"double_data", t.double_data_size() > 0},
                                                   {"int32_data", t.int32_data_size() > 0},
                                                   {"int64_data", t.int64_data_size() > 0},
                                                   {"uint64_data", t.uint64_data_size() > 0},
                                                   {"string_data", t.string_data_size() > 0}};
    std::vector<std::string> present;
    for (const auto& [field, is_set] : fields)
        if (is_set) present.emplace_back(field);
    if (present.size() > 1) refuse(name, what + " holds values in both " + present[0] + " and " + present[1]);
    const std::uint64_t bytes = *count * static_cast<std::uint64_t>(float_bytes(encoding));
    if (t.has_raw_data()) {
        const std::string& raw = t.raw_data();
        if (raw.size() != bytes)
            refuse(name, what + " of shape " + shape_text(out.shape) + " has " + std::to_string(raw.size()) +
                             " bytes of raw_data, not " + std::to_string(bytes));
        out.values = decode_floats({reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size()}, encoding, false);
        return out;
    }
    // Typed fields: float_data for float, double_data for double, int32_data holding the 16 bits of
    // each float16 or bfloat16.
    const auto expect = [&](std::uint64_t have) {
        if (have != *count)
            refuse(name, what + " of shape " + shape_text(out.shape) + " has " + std::to_string(have) + " values, not " +
                             std::to_string(*count));
    };
    if (encoding == FloatEncoding::binary32) {
        expect(static_cast<std::uint64_t>(t.float_data_size()));
        out.values.assign(t.float_data().begin(), t.float_data().end());
    } else if (encoding == FloatEncoding::binary64) {
        expect(static_cast<std::uint64_t>(t.double_data_size()));
        out.values.assign(t.double_data().begin(), t.double_data().end());
    } else {
        expect(static_cast<std::uint64_t>(t.int32_data_size()));
        for (const std::int32_t bits : t.int32_data()) {
            if (bits < 0 || bits > 0xffff)
                refuse(name, what + " holds " + std::to_string(bits) + ", not the 16 bits of a float16");
            const auto half = static_cast<std::uint16_t>(bits);
            out.values.push_back(encoding == FloatEncoding::binary16 ? half_to_double(half) : bfloat16_to_double(half));
        }
    }
    return out;
}

/// The tensor named `input`: an initializer, the `value` of the Constant node that outputs it, or
/// what an Identity node passes on (exporters put those before shared weights), a few links deep.
LayerTensor graph_tensor(const onnx::GraphProto& graph, const std::string& input, const std::string& name,
                         const std::string& what) {
    constexpr int max_identities = 8;
    std::string wanted = input;
    for (int link = 0; link <= max_identities; ++link) {
        for (const onnx::TensorProto& t : graph.initializer())
            if (t.name() == wanted) return tensor_values(t, name, what);
        const onnx::NodeProto* source = nullptr;
        for (const onnx::NodeProto& n : graph.node())
            if (n.output_size() == 1 && n.output(0) == wanted) source = &n;
        if (source != nullptr && source->op_type() == "Constant") {
            for (const onnx::AttributeProto& a : source->attribute())
                if (a.name() == "value" && a.type() == onnx::AttributeProto_AttributeType_TENSOR)
                    return tensor_values(a.t(), name, what);
            refuse(name, what + " comes from a Constant node without a tensor 'value'");
        }
        if (source == nullptr || source->op_type() != "Identity" || source->input_size() != 1) break;
        wanted = source->input(0);
    }
    refuse(name, what + " is neither an initializer nor a Constant node's output");
}

std::vector<std::int64_t> ints_of(const onnx::AttributeProto& a, std::size_t count, std::int64_t least, const std::string& name,
                                  const std::string& where) {
    const std::string what = where + " attribute " + a.name();
    if (a.type() != onnx::AttributeProto_AttributeType_INTS) refuse(name, what + " is not a list of integers");
    if (static_cast<std::size_t>(a.ints_size()) != count)
        refuse(name, what + " has " + std::to_string(a.ints_size()) + " values, not " + std::to_string(count));
    for (const std::int64_t v : a.ints())
        if (v < least) refuse(name, what + " holds " + std::to_string(v) + ", below " + std::to_string(least));
    return {a.ints().begin(), a.ints().end()};
}

OnnxGeometry geometry_of(const onnx::NodeProto& node, const std::string& name, const std::string& where) {
    OnnxGeometry g;
    for (const onnx::AttributeProto& a : node.attribute()) {
        const std::string& key = a.name();
        if (key == "kernel_shape")
            g.kernel_shape = ints_of(a, 2, 1, name, where);
        else if (key == "strides")
            g.strides = ints_of(a, 2, 1, name, where);
        else if (key == "pads")
            g.pads = ints_of(a, 4, 0, name, where);
        else if (key == "dilations")
            g.dilations = ints_of(a, 2, 1, name, where);
        else if (key == "output_padding")
            g.output_padding = ints_of(a, 2, 0, name, where);
        else if (key == "output_shape")
            g.output_shape = ints_of(a, 2, 1, name, where);
        else if (key == "group") {
            if (a.type() != onnx::AttributeProto_AttributeType_INT) refuse(name, where + " attribute group is not an integer");
            if (a.i() < 1 || a.i() > INT_MAX)
                refuse(name, where + " attribute group " + std::to_string(a.i()) + " is not a positive int");
            g.group = a.i();
        } else if (key == "auto_pad") {
            if (a.type() != onnx::AttributeProto_AttributeType_STRING)
                refuse(name, where + " attribute auto_pad is not a string");
            const std::string& mode = a.s();
            if (mode != "NOTSET" && mode != "SAME_UPPER" && mode != "SAME_LOWER" && mode != "VALID")
                refuse(name,
                       where + " attribute auto_pad " + quoted_name(mode) + " is not NOTSET, SAME_UPPER, SAME_LOWER or VALID");
            g.auto_pad = mode;
        }
    }
    return g;
}

std::string names_of(const std::vector<const onnx::NodeProto*>& nodes) {
    std::string text;
    for (std::size_t i = 0; i < nodes.size() && i < 8; ++i) text += (i > 0 ? ", " : "") + quoted_name(node_label(*nodes[i]));
    if (nodes.size() > 8) text += " and " + std::to_string(nodes.size() - 8) + " more";
    return text;
}

}  // namespace

OnnxLayer read_onnx_layer(std::span<const std::uint8_t> bytes, const std::string& name, const std::string& node) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) refuse(name, "an ONNX model of over 2 GiB");
    onnx::ModelProto model;
    if (!model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        refuse(name, "not a readable .onnx file (not an ONNX model protobuf)");
    if (!model.has_graph()) refuse(name, "not a readable .onnx file (the model has no graph)");
    const onnx::GraphProto& graph = model.graph();
    std::vector<const onnx::NodeProto*> candidates;
    for (const onnx::NodeProto& n : graph.node())
        if (is_conv_transpose(n)) candidates.push_back(&n);
    if (candidates.empty()) refuse(name, "the model has no ConvTranspose node");
    const onnx::NodeProto* chosen = nullptr;
    if (node.empty()) {
        if (candidates.size() > 1)
            refuse(name, "the model has " + std::to_string(candidates.size()) + " ConvTranspose nodes (" + names_of(candidates) +
                             "): name one as FILE:NODE");
        chosen = candidates[0];
    } else {
        for (const onnx::NodeProto* n : candidates)
            if (n->name() == node) chosen = n;
        for (const onnx::NodeProto* n : candidates)
            if (chosen == nullptr && n->name().empty() && n->output_size() > 0 && n->output(0) == node) chosen = n;
        if (chosen == nullptr)
            refuse(name, "no ConvTranspose node " + quoted_name(node) + " (the model has " + names_of(candidates) + ")");
    }
    const std::string label = node_label(*chosen);
    const std::string where = "node " + quoted_name(label);
    if (chosen->input_size() < 2 || chosen->input(1).empty()) refuse(name, where + " has no weight input");
    OnnxLayer out;
    out.node = label;
    out.weight = graph_tensor(graph, chosen->input(1), name, where + "'s weight " + quoted_name(chosen->input(1)));
    if (chosen->input_size() >= 3 && !chosen->input(2).empty())
        out.bias = graph_tensor(graph, chosen->input(2), name, where + "'s bias " + quoted_name(chosen->input(2)));
    out.geometry = geometry_of(*chosen, name, where);
    const auto& k = out.geometry.kernel_shape;
    if (k && out.weight.shape.size() == 4 && ((*k)[0] != out.weight.shape[2] || (*k)[1] != out.weight.shape[3]))
        refuse(name, where + " attribute kernel_shape " + std::to_string((*k)[0]) + "x" + std::to_string((*k)[1]) +
                         " differs from its weight's " + shape_text(out.weight.shape));
    return out;
}

}  // namespace tconv::io
