// The demo page's HTML: fixed prose around the numbers and files the demo computed.
#include "cli/commands/demo_page.hpp"

#include <fmt/format.h>

namespace tconv::cli {
namespace {

std::string escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string img(const PageImage& p) {
    return fmt::format("<img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\">", escaped(p.file), p.size.w, p.size.h,
                       escaped(p.alt));
}

std::string figure(const PageImage& p, std::string_view caption) {
    return fmt::format("<figure>{}<figcaption>{}</figcaption></figure>\n", img(p), escaped(caption));
}

constexpr const char* head = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Transposed convolution, step by step: the article's demos</title>
<style>
body { font: 17px/1.5 sans-serif; max-width: 62em; margin: 2em auto; padding: 0 1em; color: #222; background: #fff; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
code, pre { font: 15px/1.4 monospace; background: #f4f4f4; }
pre { padding: .5em .8em; overflow-x: auto; white-space: pre-wrap; }
figure { display: inline-block; margin: .5em 1.5em .5em 0; vertical-align: top; }
figcaption { font-size: .9em; color: #555; max-width: 273px; }
img { max-width: 100%; height: auto; image-rendering: pixelated; border: 1px solid #ddd; }
.wide figure { display: block; margin-right: 0; } .wide figcaption { max-width: none; }
</style>
</head>
<body>
)";

}  // namespace

std::string demo_page_html(const DemoPage& p) {
    std::string html = head;
    html += R"(<h1>Transposed convolution, step by step</h1>
<p>A transposed convolution upsamples by <em>scattering</em>: each input pixel is multiplied by the
kernel, the result (its <em>stamp</em>) is placed in the output at stride steps, and where stamps
overlap they add. Sums are clamped to 0..255. Every picture on this page was computed by
<code>tconv</code> with the same code as its main job; each file sits beside this page.</p>
<p>Output size per axis:</p>
<pre>out = (in - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1</pre>
<h2>The input</h2>
)";
    html += fmt::format(
        "<p>The article's 4x4 colour image, rows top to bottom: {}. The kernel is the "
        "&ldquo;transparent&rdquo; filter, all ones, so each stamp is a block of the pixel's own "
        "colour.</p>\n",
        escaped(p.input_colours));
    html += figure(p.input, "article.png, enlarged: one cell per pixel");
    for (const PageDemo& d : p.demos) {
        html += fmt::format("<h2>{}</h2>\n<pre>{}\n{}</pre>\n<p>{}. {} Checkerboard score (max/min phase gain): {}.</p>\n",
                            escaped(d.name), escaped(d.command), escaped(d.formula), escaped(d.ratio), escaped(d.explanation),
                            escaped(d.score));
        html += figure(d.output, d.output.alt);
        html += figure(d.overlap, d.overlap.alt);
    }
    html += R"(<h2>Watch the scatter happen</h2>
<p>The stripes demo again, one input pixel per frame in row-major order: frame 0 is empty, each next
frame adds one pixel's 3x3 stamp (outlined in magenta), and the last frame is the output above.</p>
)";
    html += fmt::format("<pre>{}</pre>\n", escaped(p.animation_command));
    html += figure(p.animation, "an animated PNG: every current browser plays it");
    html += R"(<h2>Checkerboards, and resize-convolution</h2>
<p>Where the kernel size is not a multiple of the stride, the stride phases of the output receive
different sums of kernel taps, so a flat image comes out in a checkerboard: the phase gains differ.
Odena, Dumoulin and Olah (Distill, 2016, &ldquo;Deconvolution and Checkerboard Artifacts&rdquo;)
propose resize-convolution instead: nearest-neighbour upsampling by the stride, then an ordinary
convolution with the same kernel divided by its sum. Every phase then gets the whole kernel.</p>
)";
    html += fmt::format("<pre>{}</pre>\n<p>{}</p>\n", escaped(p.compare_command), escaped(p.compare_scores));
    html += "<div class=\"wide\">" +
            figure(p.compare_sheet,
                   "input, transposed convolution, resize-convolution of the same size, and "
                   "the phase-gain maps of both (white = the largest gain)") +
            "</div>\n";
    html += "<h2>All together</h2>\n<div class=\"wide\">" + figure(p.contact_sheet, "contact-sheet.png") + "</div>\n";
    html += "</body>\n</html>\n";
    return html;
}

}  // namespace tconv::cli
