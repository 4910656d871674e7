// A Keras Conv2DTranspose's geometry (its config's strides, padding, output_padding, dilation_rate)
// as the main job's, with the geometry options allowed only to repeat it.
#pragma once
#include <string>

#include "cli/options/geometry_options.hpp"
#include "core/geometry/output_shape.hpp"
#include "io/layers/layer_file.hpp"

namespace tconv::cli {

/// `typed` (the geometry options as parsed, with the layer's kernel size) with the Keras layer's
/// strides, dilation, padding 'valid' or 'same' and output padding (absent: Keras' default, which
/// core computes for valid/same). Throws UsageError naming the option when -s, -p, --output-padding
/// or --dilation, given, says other than the layer, or naming `spec` when the geometry is invalid.
core::Geometry keras_layer_geometry(const io::KerasGeometry& keras, const GeometryOptions& options, const core::Geometry& typed,
                                    const std::string& spec);

}  // namespace tconv::cli
