# Interrupting a long batch: SIGINT or SIGTERM while 200 inputs of 512x512 go through a
# 15x15 kernel. Afterwards: exit status 130 or 143 (the signal, as the shell sees it), every output
# that exists is complete, no temp or partial file is left, and the inputs not reached have no file.
# usage: bash batch_interrupt.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
# Job control puts the background tconv in its own process group with default signal dispositions
# (without it, a non-interactive shell starts background jobs with SIGINT ignored).
set -m

# One 512x512 RGB noise image (stdlib zlib; noise so that the PNG encoder has real work), linked 200 times.
mkdir in
python3 "$src/tests/e2e/noise_png.py" 512 5 in/noise.png
for i in $(seq -w 1 200); do ln -s noise.png "in/n$i.png"; done

# interrupt SIGNAL EXPECTED_STATUS WHEN: starts the batch, waits for its first finished output,
# and with WHEN=mid-write also for a temp file being written (polled with a shell glob, so the
# signal usually lands while it is open), sends the signal, and checks what is left.
interrupt() {
    local sig=$1 want=$2 when=$3 pid status waited=0 temps
    case_ "$sig during a batch ($when)"
    rm -rf out && mkdir out
    "$tconv" in/n*.png -f 15 -s 2 -d out -j 2 >report.txt 2>stderr.txt &
    pid=$!
    # The first output proves the batch is under way; give up after 120 s (a very slow sanitizer run).
    until [ -n "$(find out -name 'n*.png' -print -quit)" ] || ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 1200 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    if [ "$when" = mid-write ]; then
        # An output being written is an unnamed file in out/ (O_TMPFILE: /proc shows "out/#INODE
        # (deleted)"), or on file systems without it a ".NAME.tconv-PID-N" temp file.
        local open_file=
        SECONDS=0
        shopt -s nullglob dotglob
        while [ -z "$open_file" ] && [ "$SECONDS" -lt 60 ] && kill -0 "$pid" 2>/dev/null; do
            for fd in /proc/"$pid"/fd/* out/.*.tconv-*; do
                case $(readlink "$fd" 2>/dev/null || echo "$fd") in
                */out/\#*|out/.*.tconv-*) open_file=$fd ;;
                esac
            done
        done
        shopt -u nullglob dotglob
        if [ -n "$open_file" ]; then echo "$sig: sent while an output was being written ($open_file)"; else echo "$sig: no output seen being written in 60 s"; fi
    fi
    kill -s "$sig" "$pid" 2>/dev/null || fail "tconv was no longer running when $sig was to be sent"
    wait "$pid"
    status=$?
    [ "$status" = "$want" ] || fail "exit status $status, expected $want"
    local done_count
    done_count=$(find out -name 'n*.png' | wc -l)
    echo "$sig: $done_count of 200 outputs finished before the signal took effect"
    [ "$done_count" -ge 1 ] || fail "no finished output was kept"
    [ "$done_count" -lt 200 ] || fail "the batch finished before the signal: the test proves nothing"
    expect_no_temp "$work"
    # Nothing but finished outputs: every file in out/ is a complete PNG of the right size (every
    # chunk's CRC right, IEND last, the image data inflating to exactly 1037 rows of 1037 RGB pixels).
    python3 - out <<'EOF' || fail "a partial output was left"
import os, struct, sys, zlib
for name in sorted(os.listdir(sys.argv[1])):
    data = open(os.path.join(sys.argv[1], name), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", name
    pos, idat, kinds = 8, b"", []
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        assert struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0] == zlib.crc32(kind + body), (name, kind)
        kinds.append(kind)
        if kind == b"IHDR":
            assert struct.unpack(">IIBB", body[:10]) == (1037, 1037, 8, 2), (name, body)
        idat += body if kind == b"IDAT" else b""
        pos += 12 + n
    assert kinds[-1] == b"IEND" and pos == len(data), (name, kinds)
    assert len(zlib.decompress(idat)) == 1037 * (1037 * 3 + 1), name
EOF
    # Reports are printed in input order, so every reported output exists.
    while read -r input _ output _; do
        [ -s "${output%:}" ] || fail "reported but missing: ${output%:}"
    done <report.txt
}
interrupt INT 130 after-an-output
interrupt TERM 143 mid-write

finish
