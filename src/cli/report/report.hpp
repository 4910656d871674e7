// What tconv tells the user about one input: the human line, the JSON object, the filled-in formula,
// and with --verbose the strategy that computed it.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/conv/conv_plan.hpp"
#include "core/geometry/output_shape.hpp"

namespace tconv::cli {

/// How an input's result is computed, for -v and --json: the row strategy's plan for pixels, or the
/// kind of result (real-valued sums, a layer's channels) with its own reason.
struct ComputePlan {
    core::ResultKind result = core::ResultKind::Pixels;
    std::optional<core::ConvStrategy> strategy;  ///< with Pixels
    std::string reason;

    ComputePlan() = default;
    ComputePlan(const core::ConvPlan& plan)  // NOLINT(google-explicit-constructor): a pixel plan is one
        : strategy(plan.strategy), reason(plan.reason) {}
    ComputePlan(core::ResultKind kind, std::string why) : result(kind), reason(std::move(why)) {}
    /// The strategy's name for pixels, else the kind's ("real", "layer").
    std::string_view name() const { return strategy ? core::strategy_name(*strategy) : core::result_kind_name(result); }
};

/// The outcome of one input of the main job.
struct InputReport {
    std::string input;
    std::string output;
    bool ok = false;
    std::string error;                     ///< set when !ok
    std::optional<core::Extent2> in_size;  ///< known once the header was read
    int channels = 0;
    int depth = 0;                           ///< bits per sample written, 8 or 16; known once planned
    std::optional<core::OutputShape> shape;  ///< known once planned
    std::optional<ComputePlan> plan;         ///< how the result is computed, known once it was chosen
    std::string source;                      ///< how the input's rows were read, for -v
    std::string sink;                        ///< how the output was written, for -v
};

/// One axis' formula with the numbers filled in, e.g. "(4 - 1) * 4 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 16".
/// Unequal crops are written "- (begin + end)".
std::string axis_formula(const core::AxisShape& a);

/// "out = ... = N" once when both axes agree, else "rows: out = ... = N; cols: out = ... = M".
std::string shape_formula(const core::OutputShape& s);

/// The human line of a success: "IN -> OUT: HxW -> HxW (C channels); out = ...", with ", 16-bit" after
/// the channels when the output is 16-bit; IN and OUT as quoted_text writes them.
std::string human_line(const InputReport& r);

/// One JSON object (no newline) with input, output, ok, in_width, in_height, channels, out_width,
/// out_height (null when unknown), formula once planned, strategy and strategy_reason (null until
/// chosen), and error when not ok.
std::string json_line(const InputReport& r);

/// The convolution as the user asked for it, for the strategy line: the -k text, the kernel size, the
/// stride, and the dilation when it is not 1: "bilinear 4x4, stride 2x2" or "ones 3x3, stride 2x2,
/// dilation 2x2".
std::string conv_setup_text(std::string_view kernel_spec, const core::Geometry& geometry);

/// --verbose's line for an input whose strategy was chosen (r.plan set): "tconv: IN: strategy
/// fixed-point (SETUP: REASON)", with SETUP from conv_setup_text and the planner's REASON.
std::string strategy_line(const InputReport& r, std::string_view setup);

}  // namespace tconv::cli
