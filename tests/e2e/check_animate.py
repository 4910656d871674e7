# Decodes `tconv animate` APNGs frame by frame with PIL (Debian's python3-pil) and checks them against
# the article's rule computed here with numpy: frame k holds the stamps x[i][j] * w[a][b], added at
# (i*stride + a*dilation - padding, j*stride + b*dilation - padding), of the first floor(k*P/F) input
# pixels in row-major order, clamped to 0..255 and rounded half up; frame 0 is all zero and the last
# frame is the main job's PNG for the same arguments. --zoom frames: cells, grid lines and the outline
# of the stamps each frame added.
# usage: /usr/bin/python3 check_animate.py TCONV SAMPLES_ARTICLE_PNG WORK_DIR
import subprocess
import sys

import numpy as np
from PIL import Image

tconv, article, work = sys.argv[1:4]
failures = []
GRID, OUTLINE = (160, 160, 160), (255, 0, 255)


def extent(text):
    parts = [int(v) for v in text.split("x")]
    return (parts[0], parts[0]) if len(parts) == 1 else tuple(parts)


def partial_scatter(x, kernel, stride, dilation, padding, output_padding, n):
    """The output window after the first n input pixels' stamps (float64, before clamping)."""
    h, w, c = x.shape
    kh, kw = kernel.shape
    full = [(h - 1) * stride[0] + dilation[0] * (kh - 1) + 1, (w - 1) * stride[1] + dilation[1] * (kw - 1) + 1]
    acc = np.zeros((full[0] + output_padding[0], full[1] + output_padding[1], c))
    for index in range(n):
        i, j = divmod(index, w)
        for a in range(kh):
            for b in range(kw):
                acc[i * stride[0] + a * dilation[0], j * stride[1] + b * dilation[1]] += x[i, j] * kernel[a, b]
    p = padding
    return acc[p[0]:full[0] - p[0] + output_padding[0], p[1]:full[1] - p[1] + output_padding[1]]


def stamp_box(x_shape, kernel, stride, dilation, padding, out, first, last):
    """Bounding box (top, left, bottom, right) of the stamps of pixels first .. last-1, in the window."""
    h, w = x_shape[:2]
    rows, cols = [], []
    for index in range(first, last):
        i, j = divmod(index, w)
        rows += [i * stride[0] - padding[0], i * stride[0] - padding[0] + dilation[0] * (kernel.shape[0] - 1) + 1]
        cols += [j * stride[1] - padding[1], j * stride[1] - padding[1] + dilation[1] * (kernel.shape[1] - 1) + 1]
    clip = lambda v, n: min(max(v, 0), n)  # noqa: E731
    return clip(min(rows), out[0]), clip(min(cols), out[1]), clip(max(rows), out[0]), clip(max(cols), out[1])


def quantise(v):
    return np.floor(np.clip(v, 0, 255) + 0.5).astype(np.int64)


def frames_of(path):
    im = Image.open(path)
    frames = []
    for k in range(getattr(im, "n_frames", 1)):
        im.seek(k)
        frames.append(np.asarray(im.copy()).astype(np.int64))
    return im, frames


def run(args):
    r = subprocess.run([tconv] + args, capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"tconv {' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r


def check_case(name, image, kernel_text, stride="1", dilation="1", padding="0", output_padding="0", max_frames=None,
               extra=()):
    path = f"{work}/{name}.png"
    Image.fromarray(image if image.shape[2] > 1 else image[:, :, 0]).save(path)
    geometry = ["-k", kernel_text, "-s", stride, "--dilation", dilation, "-p", padding, "--output-padding", output_padding]
    args = ["animate", path] + geometry + ["-o", f"{work}/{name}-anim.png"] + list(extra)
    if max_frames:
        args += ["--max-frames", str(max_frames)]
    r = run(args)
    if r.returncode != 0:
        return None
    run([path] + geometry + ["-o", f"{work}/{name}-main.png", "-q"])
    kernel = np.array([[float(v) for v in row.split(",")] for row in kernel_text.split(";")])
    s, d, p, op = extent(stride), extent(dilation), extent(padding), extent(output_padding)
    pixels = image.shape[0] * image.shape[1]
    frames_wanted = min(max_frames or 64, pixels)
    counts = [k * pixels // frames_wanted for k in range(frames_wanted + 1)]
    im, frames = frames_of(f"{work}/{name}-anim.png")
    if len(frames) != frames_wanted + 1:
        failures.append(f"{name}: {len(frames)} frames, expected {frames_wanted + 1}")
        return None
    main = np.asarray(Image.open(f"{work}/{name}-main.png")).astype(np.int64)
    if "--zoom" in extra:  # the zoomed views are checked by the caller
        return im, frames, counts, kernel, s, d, p, main.shape
    if frames[0].any():
        failures.append(f"{name}: frame 0 is not all zero")
    if not np.array_equal(frames[-1], main):
        failures.append(f"{name}: the last frame differs from the main job's output")
    x = image.astype(np.float64)
    for k, n in enumerate(counts):
        want = quantise(partial_scatter(x, kernel, s, d, p, op, n))
        if image.shape[2] == 1:
            want = want[:, :, 0]
        got = frames[k]
        if got.shape != want.shape or not np.array_equal(got, want):
            bad = np.argwhere(got != want) if got.shape == want.shape else [("shape", got.shape, want.shape)]
            failures.append(f"{name}: frame {k} ({n} pixels) differs from the partial scatter, first at {bad[0]}")
    return im, frames, counts, kernel, s, d, p, main.shape


def main():
    article_rgb = np.asarray(Image.open(article).convert("RGB"))
    # The article's stripes: 16 pixels, 17 frames, one stamp each.
    check_case("stripes", article_rgb, "1,1,1;1,1,1;1,1,1", "4", output_padding="1")
    # Non-square everything: a 5x3 pattern, a 2x3 kernel of dyadic taps (exact sums), stride 2x3,
    # padding 1x0, 15 pixels in 4 frames of 3, 4, 4, 4.
    rng = np.random.default_rng(7)
    pattern = rng.integers(0, 256, size=(5, 3, 3), dtype=np.uint8)
    check_case("pattern", pattern, "1,0.5,0.25;0.125,-0.5,0.75", "2x3", padding="1x0", max_frames=4)
    # Grey, dilation 2x1, output padding 1, more frames asked for than pixels: one per pixel.
    grey = rng.integers(0, 256, size=(4, 5, 1), dtype=np.uint8)
    check_case("grey", grey, "0.25,0.5;0.125,0.25", "2", dilation="2x1", output_padding="1", max_frames=100)

    # --zoom 3 --delay 40: cells of 3x3 with grid lines, each frame's new stamps outlined.
    result = check_case("zoom", article_rgb, "1,1,1;1,1,1;1,1,1", "4", output_padding="1", max_frames=5,
                        extra=["--zoom", "3", "--delay", "40"])
    if result is None:
        failures.append("zoom: no animation")
    else:
        im, frames, counts, kernel, s, d, p, out = result
        if im.info.get("duration") != 40:
            failures.append(f"zoom: frame duration {im.info.get('duration')}, expected 40")
    # The zoomed frames' cells against the unzoomed ones' pixels, the outline where the stamps are.
    plain = frames_of(f"{work}/zoom-main.png")[1][0]
    zoomed = frames_of(f"{work}/zoom-anim.png")[1]
    unzoomed = [quantise(partial_scatter(article_rgb.astype(np.float64), np.ones((3, 3)), (4, 4), (1, 1), (0, 0), (1, 1), n))
                for n in [k * 16 // 5 for k in range(6)]]
    for k, frame in enumerate(zoomed):
        if frame.shape != (16 * 4 + 1, 16 * 4 + 1, 3):
            failures.append(f"zoom: frame {k} is {frame.shape}")
            continue
        cells = frame[1::4, 1::4][:16, :16]
        if not np.array_equal(cells, unzoomed[k]) or not np.array_equal(frame[2::4, 3::4][:16, :16], unzoomed[k]):
            failures.append(f"zoom: frame {k}: cells differ from the partial scatter")
        lines = np.zeros(frame.shape[:2], dtype=bool)
        lines[::4, :] = True
        lines[:, ::4] = True
        outline = np.zeros(frame.shape[:2], dtype=bool)
        if k > 0:
            t, l, b, r = stamp_box((4, 4), np.ones((3, 3)), (4, 4), (1, 1), (0, 0), (16, 16), (k - 1) * 16 // 5, k * 16 // 5)
            t, l, b, r = 4 * t, 4 * l, 4 * b, 4 * r
            outline[t, l:r + 1] = outline[b, l:r + 1] = True
            outline[t:b + 1, l] = outline[t:b + 1, r] = True
        want_lines = np.where(outline[:, :, None], OUTLINE, GRID)
        if not np.array_equal(frame[lines], want_lines[lines]):
            failures.append(f"zoom: frame {k}: grid lines or outline differ")
    if not np.array_equal(zoomed[-1][1::4, 1::4][:16, :16], plain):
        failures.append("zoom: the last frame's cells differ from the main job's output")

    # --crop Y,X,H,W animates that part of the input: the same frames as its cut-out.
    big = rng.integers(0, 256, size=(9, 11, 3), dtype=np.uint8)
    Image.fromarray(big).save(f"{work}/big.png")
    Image.fromarray(big[2:5, 3:7]).save(f"{work}/cut.png")
    run(["animate", f"{work}/big.png", "--crop", "2,3,3,4", "-f", "3", "-s", "2", "-k", "0.5,0.25,0.5;0,1,0;0.25,0.25,0.25",
         "-o", f"{work}/crop-anim.png"])
    run(["animate", f"{work}/cut.png", "-f", "3", "-s", "2", "-k", "0.5,0.25,0.5;0,1,0;0.25,0.25,0.25",
         "-o", f"{work}/cut-anim.png"])
    a, b = frames_of(f"{work}/crop-anim.png")[1], frames_of(f"{work}/cut-anim.png")[1]
    if len(a) != 13 or len(a) != len(b) or any(not np.array_equal(x, y) for x, y in zip(a, b)):
        failures.append(f"crop: {len(a)} frames, unlike the cut-out's {len(b)}")

    for f in failures[:20]:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print("animate: every frame matches the partial scatter")


main()
