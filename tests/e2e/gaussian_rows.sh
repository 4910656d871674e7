# -k gaussian at any length: the binomial row C(k-1, i) / 2^(k-1) (the discrete Gaussian) keeps its
# sum past a double's range (C(1024, 512) is near 2^1020), so a flat image stays flat at 1x1025 and
# 1x4097 taps, at 8 and 16 bits, and the phase gains say 1; the row itself, seen through a one-pixel
# impulse written as .npy, is Python's math.lgamma formula, and a short row the exact 1 4 6 4 1 / 16.
# usage: bash gaussian_rows.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
py=/usr/bin/python3

"$py" - <<'EOF_PY'
import numpy as np
from PIL import Image
Image.fromarray(np.full((2, 5000), 200, np.uint8)).save("flat8.png")
Image.fromarray(np.full((2, 5000), 40000, np.uint16)).save("flat16.png")  # PIL writes mode I;16 as 16-bit grey
np.save("impulse.npy", np.full((1, 1), 255, np.uint8))
EOF_PY

for k in 1025 4097; do
    for depth in 8 16; do
        case_ "-f 1x$k -k gaussian on a flat ${depth}-bit image: flat where every tap is inside"
        run "flat$depth.png" -f "1x$k" -k gaussian -o "g${depth}_$k.png" -q
        expect_rc 0
        expect_stderr_empty
        want=$([ "$depth" = 8 ] && echo 200 || echo 40000)
        out=$("$py" - "g${depth}_$k.png" "$k" "$want" 2>&1 <<'EOF_PY'
import sys
import numpy as np
from PIL import Image
a, k, want = np.asarray(Image.open(sys.argv[1])).astype(np.int64), int(sys.argv[2]), int(sys.argv[3])
assert a.shape == (2, 5000 + k - 1), a.shape
inner = a[:, k - 1:5000]  # every tap of these columns lands on the image
assert (inner == want).all(), f"interior from {inner.min()} to {inner.max()}, want {want}"
EOF_PY
        ) || fail "$out"
    done

    case_ "overlap -f 1x$k -k gaussian: the one phase gain is 1"
    run overlap -f "1x$k" -k gaussian --json
    expect_rc 0
    out=$("$py" -c "
import json, sys
g = json.load(open(sys.argv[1]))['gains']
assert abs(g[0][0] - 1) < 1e-9, g" "$work/.cap/stdout" 2>&1) || fail "$out"

    case_ "-f 1x$k -k gaussian of a one-pixel 255: the row is 255 C(k-1, i) / 2^(k-1) by lgamma"
    run impulse.npy -f "1x$k" -k gaussian -o "row$k.npy" -q
    expect_rc 0
    out=$("$py" - "row$k.npy" "$k" 2>&1 <<'EOF_PY'
import math, sys
import numpy as np
row, k = np.load(sys.argv[1]).reshape(-1).astype(np.float64), int(sys.argv[2])
n = k - 1
want = np.array([255 * math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) - n * math.log(2))
                 for i in range(k)])
assert row.shape == (k,), row.shape
# float32 values; lgamma's own error grows with n, so relative 1e-9 * n on the taps that matter.
big = want > 1e-30
err = np.abs(row[big] - want[big]) / want[big]
assert err.max() < 1e-6 + 1e-9 * n, f"worst relative error {err.max()} at tap {np.flatnonzero(big)[err.argmax()]}"
assert abs(row.sum() - 255) < 255 * 1e-6, row.sum()
EOF_PY
    ) || fail "$out"
done

case_ "-f 1x5 -k gaussian: the exact 1 4 6 4 1 / 16"
run impulse.npy -f 1x5 -k gaussian -o row5.npy -q
expect_rc 0
out=$("$py" -c "
import sys
import numpy as np
row = np.load(sys.argv[1]).reshape(-1).tolist()
assert row == [255 * v / 16 for v in (1, 4, 6, 4, 1)], row" "$work/row5.npy" 2>&1) || fail "$out"

finish
