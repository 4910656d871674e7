#!/usr/bin/python3
"""tconv's benchmark (run by bench/run.sh): verify against PyTorch, then time, then print ratios.

For each configuration C1..C5 (README's performance table): (1) tconv's PNG must equal torch conv_transpose2d + clamp +
round (within 1 only where torch's sum is exactly .5: torch rounds half to even, tconv half away from
zero); (2) the core (convolve + quantise, no I/O) against torch at 1 and 2 threads; (3) whole
processes interleaved round by round: tconv vs the PIL + torch script, ImageMagick (C2, C3; same job,
other maths) and vips (C2); (4) peak RSS and PNG bytes; (5) the roofline from the measured memory
bandwidth and FMA peak; (6) C1..C5 at 1/4 and 4x the pixels, to show cost linear in pixels x taps;
(7) C3-16, C3's geometry on the 16-bit input in1024_16.png: tconv's 16-bit PNG (read by netpbm's
pngtopnm) must equal torch float64 conv_transpose2d clamped to [0, 65535] and rounded half away from
zero, exactly; then the core against torch float64, and the whole process against ImageMagick Q16's
-filter Triangle -resize 200% (a 16-bit PNG too).
Usage: /usr/bin/python3 bench.py BUILD_DIR WORK_DIR [ROUNDS]   (BENCH_CONFIGS=C2,C3,C3-16 runs only those)
"""
import json
import os
import statistics as st
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
CORE_REPS = 21  # at least this many runs of tconv's core per configuration and thread count
IM = "/usr/bin/convert"  # the real ImageMagick (Debian's), not a wrapper earlier on PATH

# name: input side, kernel, stride, padding, output padding, tconv kernel name, torch kernel name
CONFIGS = {
    "C1": (1024, 3, 4, 0, 1, "ones"),
    "C2": (1024, 4, 4, 0, 0, "ones"),
    "C3": (1024, 4, 2, 1, 0, "bilinear"),
    "C4": (512, 16, 8, 4, 0, "bilinear"),
    "C5": (2048, 3, 1, 1, 0, "gaussian"),
}


def kernel(name, k):
    if name == "ones":
        return np.ones((k, k), np.float32)
    if name == "bilinear":  # FCN upsample_filt
        f = (k + 1) // 2
        c = f - 1 if k % 2 == 1 else f - 0.5
        t = 1 - np.abs(np.arange(k) - c) / f
        return np.outer(t, t).astype(np.float32)
    t = np.array([1, 2, 1], np.float32)  # binomial 3x3, sum 1 at stride 1 (tconv's gaussian)
    return np.outer(t, t) / 16


def out_side(n, k, s, p, op):
    return (n - 1) * s - 2 * p + (k - 1) + op + 1


def taps_per_output(n, k, s, p, op):
    """Average kernel taps per output pixel and channel (the gather count), exact."""
    o = out_side(n, k, s, p, op)
    cnt = np.zeros(o, np.int64)
    for kk in range(k):
        j = np.arange(n) * s - p + kk
        j = j[(j >= 0) & (j < o)]
        np.add.at(cnt, j, 1)
    return float(cnt.mean() ** 2)


def torch_conv(img, k, s, p, op, kname):
    c = img.shape[2]
    x = torch.from_numpy(img.copy()).permute(2, 0, 1).unsqueeze(0).float()
    w = torch.from_numpy(kernel(kname, k)).expand(c, 1, k, k).contiguous()
    return F.conv_transpose2d(x, w, None, s, p, op, c, 1)


def verify(name, tconv_png, img, cfg):
    n, k, s, p, op, kname = cfg
    y = torch_conv(img, k, s, p, op, kname)[0].permute(1, 2, 0).numpy().astype(np.float64)
    ref = np.clip(np.rint(y), 0, 255)  # torch's round: half to even
    ours = np.asarray(Image.open(tconv_png)).astype(np.float64)
    if ours.shape != ref.shape:
        raise SystemExit(f"{name}: tconv's output is {ours.shape}, torch's {ref.shape}")
    diff = np.abs(ours - ref)
    at_half = (np.abs(y - np.floor(y) - 0.5) == 0) & (y > 0) & (y < 255)
    bad = (diff > 1) | ((diff == 1) & ~at_half)
    if bad.any():
        i = np.argwhere(bad)[0]
        raise SystemExit(f"{name}: tconv differs from torch at {tuple(i)}: {ours[tuple(i)]} vs {ref[tuple(i)]} (sum {y[tuple(i)]})")
    return int((diff == 1).sum())


def time_torch_core(img, cfg, threads, reps):
    n, k, s, p, op, kname = cfg
    torch.set_num_threads(threads)
    c = img.shape[2]
    x = torch.from_numpy(img.copy()).permute(2, 0, 1).unsqueeze(0).float()
    w = torch.from_numpy(kernel(kname, k)).expand(c, 1, k, k).contiguous()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        y = F.conv_transpose2d(x, w, None, s, p, op, c, 1)
        y.clamp_(0, 255).round_().to(torch.uint8)
        times.append((time.perf_counter() - t0) * 1e3)
    return st.median(times), min(times), max(times)


def core_bench(build, png, cfg, threads, reps):
    n, k, s, p, op, kname = cfg
    out = subprocess.run([f"{build}/core_bench", "conv", png, str(k), str(s), str(p), str(op), kname, str(threads), str(reps)],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    return ((r["median_ms"], r["min_ms"], r["max_ms"]), (r["reused_median_ms"], r["reused_min_ms"], r["reused_max_ms"]),
            r.get("strategy", "?"))


# --- whole processes, interleaved round by round, re-run when other work took the CPU -------------
TICK = 1.0 / os.sysconf("SC_CLK_TCK")


def busy_ticks():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return v[0] + v[1] + v[2] + v[5] + v[6] + v[7]


def run_once(argv):
    """Wall ms, peak RSS MiB, exit code, disturbed; re-run (up to 3 times) while foreign work took CPU."""
    for _ in range(3):
        t0, b0 = time.perf_counter(), busy_ticks()
        # Peak RSS comes from /usr/bin/time, a small process that forks the command: a child of this
        # process (torch loaded) starts its ru_maxrss from this process's size, and exec keeps it.
        rss_file = f"/tmp/tconv-bench-rss-{os.getpid()}"
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(proc.pid, 0)
        with open(rss_file) as f:
            peak_kib = int(f.read().split()[-1])
        os.unlink(rss_file)
        wall = time.perf_counter() - t0
        foreign = (busy_ticks() - b0) * TICK - (ru.ru_utime + ru.ru_stime)
        disturbed = foreign > 0.03 + 0.05 * wall
        if not disturbed:
            break
        time.sleep(0.5)
    return wall * 1e3, peak_kib / 1024, os.waitstatus_to_exitcode(status), disturbed


def paired(commands, rounds):
    res = {name: {"wall": [], "rss": [], "rc": set(), "disturbed": 0} for name, _ in commands}
    for r in range(rounds + 1):  # round 0 warms the caches and is dropped
        for name, argv in commands:
            wall, rss, rc, disturbed = run_once(argv)
            if r:
                res[name]["disturbed"] += disturbed
                res[name]["wall"].append(wall)
                res[name]["rss"].append(rss)
                res[name]["rc"].add(rc)
    first = commands[0][0]
    for name, _ in commands:
        d = res[name]
        d["median"] = st.median(d["wall"])
        d["ratio"] = st.median([x / y for x, y in zip(d["wall"], res[first]["wall"])])
    return res


def read_pnm16(data):
    """The samples of a P6 with maxval 65535, as netpbm writes it: H x W x 3 int64."""
    magic, w, h, maxval, pixels = data.split(maxsplit=4)
    if magic != b"P6" or maxval != b"65535":
        raise SystemExit(f"not a 16-bit PPM: {magic} maxval {maxval}")
    return np.frombuffer(pixels, ">u2").reshape(int(h), int(w), 3).astype(np.int64)


def png16_samples(path):
    return read_pnm16(subprocess.run(["pngtopnm", path], check=True, capture_output=True).stdout)


def bench_16bit(build, work, rounds):
    """C3's geometry at 16 bits: verify exactly against torch float64, then time (see the docstring)."""
    src, out = f"{work}/in1024_16.png", f"{work}/C3-16_tconv.png"
    k, s, p = 4, 2, 1
    targs = [f"{build}/tconv", src, "-f", str(k), "-s", str(s), "-p", str(p), "-k", "bilinear", "-q"]
    subprocess.run(targs + ["-o", out], check=True)
    img = png16_samples(src)
    x = torch.from_numpy(img.transpose(2, 0, 1).astype(np.float64)).unsqueeze(0)
    w = torch.from_numpy(kernel("bilinear", k).astype(np.float64)).expand(3, 1, k, k).contiguous()
    y = F.conv_transpose2d(x, w, None, s, p, 0, 3, 1)[0].permute(1, 2, 0).numpy()
    ref = np.floor(np.clip(y, 0, 65535) + 0.5).astype(np.int64)  # half away from zero (all sums are >= 0)
    ours = png16_samples(out)
    if ours.shape != ref.shape or not np.array_equal(ours, ref):
        n = int((ours != ref).sum()) if ours.shape == ref.shape else -1
        raise SystemExit(f"C3-16: tconv's 16-bit output differs from torch float64 ({n} samples; shapes {ours.shape} {ref.shape})")
    print(f"C3-16: verified against torch float64 (2048x2048x3 at 16 bits, every sample equal, max diff 0)", flush=True)
    core = {}
    for t in (1, 2):
        (tc, _, strategy) = core_bench(build, src, (1024, k, s, p, 0, "bilinear"), t, max(rounds, CORE_REPS))
        torch.set_num_threads(t)
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            F.conv_transpose2d(x, w, None, s, p, 0, 3, 1).clamp_(0, 65535).add_(0.5).floor_().to(torch.int32)
            times.append((time.perf_counter() - t0) * 1e3)
        core[t] = (tc, st.median(times), strategy)
    im_out = f"{work}/C3-16_im.png"
    cmds = [("tconv", targs + ["-o", out]), ("imagemagick Q16 -filter Triangle -resize 200%",
                                              [IM, src, "-filter", "Triangle", "-resize", "200%", im_out])]
    res = paired(cmds, rounds)
    print("\n### C3-16: 16-bit RGB 1024x1024 -> 2048x2048, -f 4 -s 2 -p 1 -k bilinear")
    print("| what | tconv median ms | peer | peer median ms | peer/tconv |")
    print("|---|---|---|---|---|")
    for t, (tc, tq, strategy) in core.items():
        print(f"| core, {t} thread{'s' if t > 1 else ''} ({strategy}) | {tc[0]:.1f} | torch float64 | {tq:.0f} | {tq / tc[0]:.1f}x |")
    d, peer = res["tconv"], res[cmds[1][0]]
    print(f"| whole process, PNG in -> PNG out | {d['median']:.0f} | {cmds[1][0]} | {peer['median']:.0f} | {peer['ratio']:.1f}x |")
    print(f"PNG bytes: tconv {os.path.getsize(out)}, ImageMagick {os.path.getsize(im_out)}; disturbed runs: "
          f"tconv {d['disturbed']}, ImageMagick {peer['disturbed']}")


def main():
    build, work = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    only = os.environ.get("BENCH_CONFIGS")
    configs = {n: c for n, c in CONFIGS.items() if not only or n in only.split(",")}
    with_16bit = not only or "C3-16" in only.split(",")
    tconv = f"{build}/tconv"
    roof = json.loads(subprocess.run([f"{build}/core_bench", "roofline", "2"], check=True, capture_output=True, text=True).stdout)
    bw, fma = roof["bandwidth_bytes_per_s"], roof["fma_per_s"]
    print(f"machine: {os.cpu_count()} CPUs; measured copy bandwidth {bw / 1e9:.1f} GB/s (read+write), "
          f"AVX2 FMA peak {fma / 1e9:.1f} G FMA/s (2 threads); torch {torch.__version__}")
    core_rows, proc_rows, scale_rows = [], [], []
    for name, cfg in configs.items():
        n, k, s, p, op, kname = cfg
        src = f"{work}/in{n}.png"
        img = np.asarray(Image.open(src))
        o = out_side(n, k, s, p, op)
        out_png = f"{work}/{name}_tconv.png"
        targs = [tconv, src, "-f", str(k), "-s", str(s), "-p", str(p), "--output-padding", str(op), "-k", kname, "-q"]
        subprocess.run(targs + ["-o", out_png], check=True)
        halves = verify(name, out_png, img, cfg)
        print(f"{name}: verified against torch ({o}x{o}x3; {halves} pixels 1 apart where torch's sum is exactly .5)", flush=True)

        # core
        taps = taps_per_output(n, k, s, p, op)
        in_bytes, out_bytes = n * n * 3, o * o * 3
        roof_ms = max((in_bytes + out_bytes) / bw, out_bytes * taps / fma) * 1e3
        row = {"name": name}
        for t in (1, 2):
            # tconv's core runs take milliseconds: more of them keep the medians steady on a noisy machine.
            row[f"tconv{t}"], row[f"reused{t}"], row["strategy"] = core_bench(build, src, cfg, t, max(rounds, CORE_REPS))
            row[f"torch{t}"] = time_torch_core(img, cfg, t, rounds)
        row["roof_ms"] = roof_ms
        core_rows.append(row)

        # whole process
        outs = {c: f"{work}/{name}_{c}.png" for c in ("t", "py", "im", "vips")}
        cmds = [("tconv", targs + ["-o", outs["t"]], outs["t"]),
                ("python+torch", ["/usr/bin/python3", f"{HERE}/user_pipeline.py", src, outs["py"], str(k), str(s),
                                  str(p), str(op), {"gaussian": "gauss121"}.get(kname, kname), "2"], outs["py"])]
        if name == "C2":
            cmds.append(("imagemagick -sample 400%", [IM, src, "-sample", "400%", outs["im"]], outs["im"]))
            cmds.append(("vips zoom 4 4", ["vips", "zoom", src, outs["vips"], "4", "4"], outs["vips"]))
        if name == "C3":
            cmds.append(("imagemagick -filter Triangle -resize 200%",
                         [IM, src, "-filter", "Triangle", "-resize", "200%", outs["im"]], outs["im"]))
        res = paired([(c, a) for c, a, _ in cmds], rounds)
        budget = (1.5 * (in_bytes + out_bytes)) / 2**20 + 32
        for cname, _, out in cmds:
            proc_rows.append((name, cname, res[cname], os.path.getsize(out), budget))
        print(f"{name}: timed", flush=True)

    # scaled: 1/4 and 4x the output pixels, tconv alone
    for name, (n, k, s, p, op, kname) in configs.items():
        for factor, side in (("1/4", n // 2), ("1", n), ("4x", n * 2)):
            src = f"{work}/in{side}.png"
            o = out_side(side, k, s, p, op)
            work_units = o * o * 3 * taps_per_output(side, k, s, p, op)
            argv = [tconv, src, "-f", str(k), "-s", str(s), "-p", str(p), "--output-padding", str(op), "-k", kname, "-q",
                    "-o", f"{work}/{name}_scaled.png"]
            d = paired([("tconv", argv)], max(2, rounds // 2))["tconv"]
            scale_rows.append((name, factor, side, o, d["median"], d["median"] * 1e6 / work_units))

    print(f"\n### Core: convolve + quantise to uint8, no I/O (median ms of {max(rounds, CORE_REPS)} runs for tconv, {rounds} for torch)")
    print("tconv and torch both into a fresh output each call; 'reused' is tconv into one output buffer kept across")
    print("calls (only the bytes the convolution moves: what the roofline counts), the roofline's % is of that.")
    print("| config | strategy | tconv 1 thr | torch 1 thr | ratio | tconv 2 thr | min-max | torch 2 thr | min-max | ratio | "
          "tconv 2 thr reused | roofline ms | % of roofline |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in core_rows:
        t1, q1, t2, q2, u2 = r["tconv1"], r["torch1"], r["tconv2"], r["torch2"], r["reused2"]
        print(f"| {r['name']} | {r['strategy']} | {t1[0]:.1f} | {q1[0]:.0f} | {q1[0] / t1[0]:.1f}x | {t2[0]:.1f} | {t2[1]:.1f}-{t2[2]:.1f} | "
              f"{q2[0]:.0f} | {q2[1]:.0f}-{q2[2]:.0f} | {q2[0] / t2[0]:.1f}x | {u2[0]:.2f} | {r['roof_ms']:.2f} | "
              f"{100 * r['roof_ms'] / u2[0]:.0f}% |")
    print("\n### Whole process: PNG in -> PNG out (interleaved rounds, median of", rounds, "runs)")
    print("| config | command | median ms | min-max | peer/tconv | peak RSS MiB | RSS budget MiB | PNG bytes | bytes vs tconv | exit | disturbed runs |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    tconv_size = {}
    for name, cname, d, size, budget in proc_rows:
        if cname == "tconv":
            tconv_size[name] = size
        print(f"| {name} | {cname} | {d['median']:.0f} | {min(d['wall']):.0f}-{max(d['wall']):.0f} | {d['ratio']:.2f} | "
              f"{st.median(d['rss']):.0f} | {budget:.0f} | {size} | {size / tconv_size[name]:.2f} | {sorted(d['rc'])} | "
              f"{d['disturbed']} |")
    print("\n### Linear cost: tconv whole process at 1/4, 1 and 4x the pixels")
    print("| config | scale | input side | output side | median ms | ns per output value x tap |")
    print("|---|---|---|---|---|---|")
    for name, factor, side, o, ms, ns in scale_rows:
        print(f"| {name} | {factor} | {side} | {o} | {ms:.0f} | {ns:.2f} |")
    if with_16bit:
        bench_16bit(build, work, rounds)


if __name__ == "__main__":
    main()
