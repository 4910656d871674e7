// One input of the main job through a trained layer: load (image or .npy), convert and map, plan,
// convolve, encode. The caller writes the bytes and reports.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "cli/options/layer_options.hpp"
#include "cli/report/report.hpp"
#include "io/input/loaded_image.hpp"
#include "io/output/image_encoder.hpp"
#include "io/output/output_format.hpp"
#include "io/png/png_encoder.hpp"

namespace tconv::cli {

/// How every layer input's file is written.
struct LayerEncoding {
    io::OutputFormat format = io::OutputFormat::png;
    io::PngOptions png;
    io::EncodeOptions encode;
    int threads = 1;
};

/// The encoded output and the warnings beside it.
struct LayerResult {
    std::vector<std::uint8_t> bytes;
    std::vector<std::string> warnings;
};

/// Reads `input` (refusing, from its header, an output over limits.max_pixels), applies --channels and
/// --range, plans the layer on it and computes it: the output image (C_out 1 to 4), the .npy of the
/// float32 (H, W, C_out) values after --range's unmap, or the --feature-maps sheet. Fills r.in_size,
/// r.channels, r.shape and r.plan as it learns them. Throws IoError, or InvalidParams (a channel
/// count other than C_in, the geometry, work over `max_work`) naming nothing: the caller names the input.
LayerResult run_layer_input(const std::string& input, const std::string& output, const LayerJob& job,
                            const io::LoadLimits& limits, std::int64_t max_work, bool auto_orient, const LayerEncoding& encoding,
                            InputReport& r);

/// Throws UsageError unless every output can hold the layer's C_out channels: 1 to 4 in any image
/// format, any count as .npy or as a --feature-maps sheet (which is an image, so not .npy).
void check_layer_outputs(const LayerJob& job, const std::vector<io::OutputFormat>& formats);

}  // namespace tconv::cli
