# Checks the images of `tconv demo` in DIR pixel by pixel against the article's arithmetic, done
# here by hand, independently of tconv: python3 check_demo.py DIR SAMPLES_ARTICLE_PNG.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_reader import read_png  # noqa: E402

RED, GREEN, BLUE, WHITE, BLACK = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255), (0, 0, 0)
YELLOW, CYAN, MAGENTA = (255, 255, 0), (0, 255, 255), (255, 0, 255)
ORANGE, GRAY, PURPLE = (255, 128, 0), (128, 128, 128), (128, 0, 128)
ARTICLE = [[RED, GREEN, BLUE, WHITE],
           [BLACK, YELLOW, CYAN, MAGENTA],
           [ORANGE, GRAY, PURPLE, WHITE],
           [BLUE, BLACK, RED, GREEN]]
GRID = 160
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        if len(failures) > 20:
            report()


def report():
    for f in failures[:20]:
        print("FAIL:", f)
    sys.exit(1)


def load(path, height, width):
    h, w, c, rows = read_png(path)
    check((h, w, c) == (height, width, 3), f"{path}: {h}x{w}x{c}, expected {height}x{width}x3")
    return rows


def check_image(path, expected):
    rows = load(path, len(expected), len(expected[0]))
    for y, row in enumerate(expected):
        for x, want in enumerate(row):
            check(rows[y][x] == want, f"{path}: pixel (y={y}, x={x}) is {rows[y][x]}, expected {want}")
    return expected


def transposed_ones(kernel, stride, out):
    """The article's scatter with an all-ones kernel, by hand: input (i, j) adds to every output
    (i*stride + a, j*stride + b), 0 <= a, b < kernel; sums clamp to 255."""
    acc = [[[0, 0, 0] for _ in range(out)] for _ in range(out)]
    for i in range(4):
        for j in range(4):
            for a in range(kernel):
                for b in range(kernel):
                    y, x = i * stride + a, j * stride + b
                    if y < out and x < out:
                        for c in range(3):
                            acc[y][x][c] += ARTICLE[i][j][c]
    return [[tuple(min(v, 255) for v in px) for px in row] for row in acc]


def check_enlarged(path, source):
    h, w, c, rows = read_png(path)
    n = len(source)
    factor = (h - n - 1) // n
    check(factor == 256 // n, f"{path}: factor {factor}, expected {256 // n}")
    check((h, w, c) == (n * factor + n + 1, n * factor + n + 1, 3), f"{path}: {h}x{w}x{c}")
    step = factor + 1
    for y in range(h):
        for x in range(w):
            want = (GRID,) * 3 if y % step == 0 or x % step == 0 else source[y // step][x // step]
            if rows[y][x] != want:
                check(False, f"{path}: pixel (y={y}, x={x}) is {rows[y][x]}, expected {want}")
    return rows


def main():
    directory, sample = sys.argv[1], sys.argv[2]
    p = lambda name: os.path.join(directory, name)  # noqa: E731

    check_image(p("article.png"), ARTICLE)
    check_image(sample, ARTICLE)

    # k3 s4 p0 op1: each input pixel fills a 3x3 block at 4i..4i+2; index 4i+3 is reached by no
    # tap, so rows and columns 3, 7, 11 and 15 stay black.
    stripes = [[BLACK if y % 4 == 3 or x % 4 == 3 else ARTICLE[y // 4][x // 4] for x in range(16)] for y in range(16)]
    check_image(p("stripes.png"), stripes)
    check(stripes[3][0] == BLACK and stripes[0][3] == BLACK and stripes[15][15] == BLACK, "stripe positions")

    # k4 s4: touching 4x4 blocks, nearest-neighbour x4.
    blocks = [[ARTICLE[y // 4][x // 4] for x in range(16)] for y in range(16)]
    check_image(p("blocks.png"), blocks)

    # k5 s4: kernels overlap by one row/column at 4, 8, 12, where neighbours add.
    overlap = transposed_ones(5, 4, 17)
    check_image(p("overlap.png"), overlap)
    check(overlap[0][4] == YELLOW, "red + green = yellow at (0, 4)")
    check(overlap[0][12] == WHITE, "blue + white saturates to white at (0, 12)")
    check(overlap[8][12] == WHITE, "cyan + magenta + purple + white saturates to white at (8, 12)")
    check(overlap[4][0] == RED, "red + black = red at (4, 0)")
    check(overlap[4][4] == YELLOW, "red + green + black + yellow = (510, 510, 0) saturates to yellow at (4, 4)")
    check(overlap[0][8] == CYAN, "green + blue = cyan at (0, 8)")

    enlarged = {"article-x64.png": ARTICLE, "stripes-x16.png": stripes, "blocks-x16.png": blocks,
                "overlap-x15.png": overlap}
    sheet_panels = []
    for name, source in enlarged.items():
        sheet_panels.append(check_enlarged(p(name), source))

    # The overlap counts (tconv overlap's grey, round(count * 255 / max)), present in a fresh demo
    # directory: stripes 1 or 0 (no tap), blocks 1 everywhere, overlap 1, 2 or 4 (row x column count,
    # 2 at 4, 8 and 12 where neighbouring stamps meet).
    def grey(v):
        return (v,) * 3
    counts = {"stripes-counts-x16.png": [[grey(0 if y % 4 == 3 or x % 4 == 3 else 255) for x in range(16)] for y in range(16)],
              "blocks-counts-x16.png": [[grey(255)] * 16 for _ in range(16)],
              "overlap-counts-x15.png": [[grey({1: 64, 2: 128, 4: 255}[(1 + (y in (4, 8, 12))) * (1 + (x in (4, 8, 12)))])
                                          for x in range(17)] for y in range(17)]}
    for name, source in counts.items():
        if os.path.exists(p(name)):
            check_enlarged(p(name), source)

    # The contact sheet: white, 16-pixel margin, panels top-aligned 24 pixels apart, each as wide as
    # its image or its widest caption line (5x7 glyphs at scale 2: 12 pixels per character, less 2).
    captions = [["INPUT", "4x4"], ["stripes", "K3 S4 P0 OP1", "4x4 -> 16x16"], ["blocks", "K4 S4 P0", "4x4 -> 16x16"],
                ["overlap", "K5 S4 P0", "4x4 -> 17x17"]]
    sh, sw, sc, sheet = read_png(p("contact-sheet.png"))
    check(sc == 3, "contact sheet is RGB")
    widths = [max(len(panel[0]), *((len(line) * 6 - 1) * 2 for line in caption))
              for panel, caption in zip(sheet_panels, captions)]
    check(sw == 16 * 2 + sum(widths) + 24 * (len(widths) - 1), f"contact sheet width {sw}")
    left = 16
    for panel, width in zip(sheet_panels, widths):
        for y in range(len(panel)):
            for x in range(len(panel[0])):
                if sheet[16 + y][left + x] != panel[y][x]:
                    check(False, f"contact sheet: panel at left {left}, pixel (y={y}, x={x})")
        left += width + 24
    check(all(px == WHITE for px in sheet[0]) and all(row[0] == WHITE for row in sheet), "contact sheet margin is white")

    if failures:
        report()
    print("demo images match the article's arithmetic")


main()
