"""JPEG output against ImageMagick: C2 (1024x1024 RGB, -f 4 -s 4, ones: nearest neighbour x4) written as JPEG
at quality 90 by tconv and by `convert -sample 400% -quality 90`. Verified first (both decoded by PIL,
against the x4 enlargement computed here with NumPy: PSNR, and bytes within 5% of each other), then timed
as whole processes, interleaved round by round (bench.py's paired()).

Usage: /usr/bin/python3 jpeg_output.py BUILD_DIR WORK_DIR [ROUNDS]   (run by bench/run.sh)
"""
import os
import sys

import numpy as np
from PIL import Image

from bench import IM, paired


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


def main():
    build, work = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    src = f"{work}/in1024.png"
    outs = {"tconv": f"{work}/C2_t.jpg", "im": f"{work}/C2_im.jpg"}
    cmds = [("tconv", [f"{build}/tconv", src, "-f", "4", "-s", "4", "-k", "ones", "--quality", "90", "-q", "-o", outs["tconv"]]),
            ("imagemagick -sample 400% -quality 90", [IM, src, "-sample", "400%", "-quality", "90", outs["im"]])]
    res = paired(cmds, rounds)
    want = np.repeat(np.repeat(np.asarray(Image.open(src).convert("RGB")), 4, axis=0), 4, axis=1)
    sizes = {}
    print("\n### JPEG output: C2 at quality 90 (interleaved rounds, median of", rounds, "runs)")
    print("| command | median ms | min-max | peer/tconv | peak RSS MiB | JPEG bytes | bytes vs tconv | PSNR vs exact x4 (dB) |")
    print("|---|---|---|---|---|---|---|---|")
    for (name, _), out in zip(cmds, outs.values()):
        got = np.asarray(Image.open(out).convert("RGB"))
        assert got.shape == want.shape, (name, got.shape)
        quality = psnr(got, want)
        assert quality > 30, f"{name}: PSNR {quality:.1f} dB against the exact enlargement"
        sizes[name] = os.path.getsize(out)
        d = res[name]
        print(f"| {name} | {d['median']:.0f} | {min(d['wall']):.0f}-{max(d['wall']):.0f} | {d['ratio']:.2f} | "
              f"{np.median(d['rss']):.0f} | {sizes[name]} | {sizes[name] / sizes['tconv']:.3f} | {quality:.1f} |")
    ratio = sizes[cmds[1][0]] / sizes["tconv"]
    assert 0.95 <= ratio <= 1.05, f"JPEG bytes differ by more than 5% ({ratio:.3f}): not the same quality"


if __name__ == "__main__":
    main()
