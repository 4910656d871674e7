// The main job's trained-layer options (--layer, --bias, --groups, --channels, --range,
// --feature-maps) and their one translation into a LayerJob: the layer read and checked, its geometry.
#pragma once
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/options/geometry_options.hpp"
#include "core/geometry/onnx_geometry.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/sample_range.hpp"
#include "io/layers/layer_file.hpp"

namespace tconv::cli {

/// The options as typed; empty (or 0) means "not given".
struct LayerOptions {
    std::string layer;
    std::string bias;
    int groups = 0;
    std::string channels;
    std::string range;
    bool feature_maps = false;
};

/// A trained layer ready for every input of the job.
struct LayerJob {
    std::string spec;  ///< --layer as given
    io::LayerFile file;
    core::Geometry geometry;                   ///< the layer's kernel size, the geometry options' stride, padding, ...
    std::optional<core::OnnxAttributes> onnx;  ///< an .onnx node's pads that depend on the input size
    std::optional<int> channels;               ///< --channels: 1, 3 or 4
    core::SampleRange range = core::SampleRange::Samples;
    bool feature_maps = false;
    std::string setup;  ///< "FILE: 3 -> 3, 4x4, groups 1, bias, stride 2x2": for --verbose
};

/// The geometry of the layer on an input of `in` pixels: the ONNX node's when its pads depend on the
/// input size, else job.geometry. Throws InvalidParams as core::onnx_geometry does.
core::Geometry layer_geometry(const LayerJob& job, core::Extent2 in);

/// Adds the trained-layer options to the main job's app.
void add_layer_options(CLI::App& app, LayerOptions& options);

/// Nothing without --layer (and then no other layer option may be given); else the layer loaded
/// (load_layer_file) and validated, and the geometry options parsed with its kernel size. Throws
/// UsageError naming the option or file: -f, -k or --scale with --layer, a layer option without it,
/// an unknown --channels or --range, a file that cannot be read or a layer that is not valid, or
/// (.onnx) --groups, -s, -p, --dilation or --output-padding saying other than the node.
std::optional<LayerJob> plan_layer_job(const LayerOptions& options, const GeometryOptions& geometry);

}  // namespace tconv::cli
