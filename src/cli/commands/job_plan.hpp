// What every input of the main job shares, fixed before the first one is read, and what one input's
// run hands back to be reported.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands/layer_run.hpp"
#include "cli/options/alpha_option.hpp"
#include "cli/options/geometry_options.hpp"
#include "cli/options/max_work_option.hpp"
#include "cli/report/report.hpp"
#include "core/conv/conv_plan.hpp"
#include "io/input/loaded_image.hpp"
#include "io/output/image_encoder.hpp"
#include "io/output/output_file.hpp"
#include "io/png/png_encoder.hpp"

namespace tconv::cli {

/// One input's outcome plus what must be said about it on stderr, printed in input order.
struct Outcome {
    InputReport report;
    std::string error_line;             ///< "tconv: error: FILE: REASON" when failed
    std::vector<std::string> warnings;  ///< "tconv: warning: ..." beside a success
};

/// What every input of the job shares, fixed before the first one is read.
struct JobPlan {
    GeometryPlan geometry;
    std::optional<core::Extent2> output_size;  ///< --output-size, solved per input
    core::ConvSchedule schedule;               ///< --strategy
    io::LoadLimits limits;
    io::PngOptions png;
    io::WriteOptions write;
    std::int64_t max_work = default_max_work;
    io::EncodeOptions encode;       ///< --quality, --lossless
    bool auto_orient = false;       ///< --auto-orient
    bool strip = false;             ///< --strip: no metadata written
    AlphaPlan alpha;                ///< --alpha, or its default for --scale
    bool rank_one_kernel = false;   ///< the kernel splits into a column times a row (what --max-work's header check assumes)
    int depth = 0;                  ///< --depth, 0: not given
    std::optional<LayerJob> layer;  ///< --layer: a trained layer instead of the kernel
};

}  // namespace tconv::cli
