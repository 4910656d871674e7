# Runs `tconv fit --layer` on every case of tests/reference/goldens/layer_fit.txt (torch.optim.Adam over
# F.conv_transpose2d, made by tests/reference/make_layer_fit_goldens.py): the pairs written as PNG, the
# given start as .npy. Checks the --json loss history against PyTorch's (1e-6 relative), the weight and
# bias in the JSON (1e-9) and in the .safetensors written (float32 of them), then applies the layer
# with the report's own "apply" options and checks the output's size and channels.
# usage: /usr/bin/python3 check_layer_fit.py TCONV GOLDENS_DIR WORK_DIR
import json
import os
import shlex
import struct
import subprocess
import sys

import numpy as np
from PIL import Image

tconv, goldens, work = sys.argv[1:4]
failures = []
MODES = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}


def read_cases(path):
    """Each case: its keyed lines, and 'examples' as (size, x, target) from the repeated lines."""
    cases, case = [], None
    for line in open(path, encoding="ascii"):
        if line.startswith("#") or not line.strip():
            continue
        key, _, rest = line.rstrip("\n").partition(" ")
        if key == "case":
            case = {"name": rest, "examples": []}
        elif key == "example":
            case["examples"].append({"size": [int(v) for v in rest.split()]})
        elif key in ("x", "target"):
            case["examples"][-1][key] = np.array([float(v) for v in rest.split()])
        elif key == "end":
            cases.append(case)
        else:
            case[key] = rest
    return cases


def save_png(path, planes, channels, h, w):
    hwc = planes.reshape(channels, h, w).transpose(1, 2, 0).astype(np.uint8)
    Image.fromarray(hwc[:, :, 0] if channels == 1 else hwc, MODES[channels]).save(path)


def read_safetensors(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    tensors = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        assert t["dtype"] == "F32", t
        a, b = t["data_offsets"]
        tensors[name] = np.frombuffer(data[8 + n + a:8 + n + b], dtype="<f4").reshape(t["shape"])
    return header.get("__metadata__", {}), tensors


def close(got, want, rel, name, what):
    got, want = np.asarray(got, dtype=np.float64).reshape(-1), np.asarray(want, dtype=np.float64).reshape(-1)
    if got.shape != want.shape:
        failures.append(f"{name}: {what} has {got.size} values, expected {want.size}")
        return
    bad = np.abs(got - want) > rel * np.maximum(1.0, np.abs(want))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        failures.append(f"{name}: {what}[{i}] = {got[i]!r}, PyTorch {want[i]!r}")


for case in read_cases(os.path.join(goldens, "layer_fit.txt")):
    name = case["name"]
    cin, cout, groups, kh, kw = (int(v) for v in case["layer"].split()[:5])
    bias = case["layer"].split()[5] == "bias"
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    pairs = []
    for n, e in enumerate(case["examples"]):
        h, w, oh, ow = e["size"]
        save_png(os.path.join(d, f"in{n}.png"), e["x"], cin, h, w)
        save_png(os.path.join(d, f"target{n}.png"), e["target"], cout, oh, ow)
        pairs.append(f"in{n}.png\ttarget{n}.png")
    open(os.path.join(d, "pairs.txt"), "w").write("\n".join(pairs) + "\n")
    init = np.array([float(v) for v in case["init_weight"].split()])
    args = [tconv, "fit", "--layer", "--pairs", "pairs.txt", "-f", f"{kh}x{kw}", "-s", case["stride"], "-p", case["padding"],
            "--dilation", case["dilation"], "--lr", case["lr"], "--steps", case["steps"], "-j", "2", "--json", "-o",
            "learned.safetensors"]
    if case["output_padding"] != "-":
        args += ["--output-padding", case["output_padding"]]
    if groups != 1:
        args += ["--groups", str(groups)]
    if not bias:
        args += ["--no-bias"]
    if init.any():
        np.save(os.path.join(d, "init.npy"), init.reshape(cin, cout // groups, kh, kw))
        args += ["--init", "init.npy"]
    run = subprocess.run(args, cwd=d, capture_output=True, text=True)
    if run.returncode != 0:
        failures.append(f"{name}: exit {run.returncode}: {run.stderr.strip()}")
        continue
    report = json.loads(run.stdout)
    want_loss = [float(v) for v in case["loss"].split()]
    close(report["loss"], want_loss, 1e-6, name, "loss")
    want_weight = [float(v) for v in case["weight"].split()]
    want_bias = [] if case["bias"] == "-" else [float(v) for v in case["bias"].split()]
    if report["best_step"] != int(case["best_step"]):
        problems.append(f"{name}: kept step {report['best_step']}, PyTorch's lowest loss is at {case['best_step']}")
    close(report["weight"], want_weight, 1e-9, name, "json weight")
    close(report["bias"], want_bias, 1e-9, name, "json bias")
    if report["weight_shape"] != [cin, cout // groups, kh, kw]:
        failures.append(f"{name}: weight_shape {report['weight_shape']}")
    meta, tensors = read_safetensors(os.path.join(d, "learned.safetensors"))
    close(tensors["weight"], np.float32(want_weight), 1e-7, name, "file weight")
    if bias:
        close(tensors["bias"], np.float32(want_bias), 1e-7, name, "file bias")
    elif "bias" in tensors:
        failures.append(f"{name}: a bias was written for --no-bias")
    if meta.get("groups", "1") != str(groups):
        failures.append(f"{name}: __metadata__ groups {meta.get('groups')}")
    apply = subprocess.run([tconv, "in0.png", "--layer", "learned.safetensors", *shlex.split(report["apply"]), "-o",
                            "applied.npy"], cwd=d, capture_output=True, text=True)
    if apply.returncode != 0:
        failures.append(f"{name}: applying with '{report['apply']}': exit {apply.returncode}: {apply.stderr.strip()}")
        continue
    _, _, oh, ow = case["examples"][0]["size"]
    shape = np.load(os.path.join(d, "applied.npy")).shape
    if shape != (oh, ow, cout):
        failures.append(f"{name}: applied output is {shape}, the target ({oh}, {ow}, {cout})")
    if meta.get("tconv_fit") != "apply with: tconv INPUT --layer FILE " + report["apply"]:
        failures.append(f"{name}: __metadata__ tconv_fit {meta.get('tconv_fit')!r}")

print("\n".join(failures) if failures else "all layer fits match PyTorch")
sys.exit(1 if failures else 0)
