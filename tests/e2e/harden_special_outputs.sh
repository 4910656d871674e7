# What is behind -o decides how the bytes land: a character device, FIFO or socket is written in
# place (never replaced), a symlink is written through to its target, a replaced file keeps its mode
# and owner, names up to NAME_MAX work, and the report moves to stderr when -o is stdout itself.
# Runs as root in CI (mknod, chown); without root those cases say so and are skipped.
# usage: bash harden_special_outputs.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
in=$src/samples/article.png
"$tconv" "$in" -f 3 -s 4 --output-padding 1 -o expected.png -q || exit 1

same_as_expected() { cmp -s "$1" expected.png || fail "$1 does not hold the expected PNG"; }
no_temp_files() {
    local left
    left=$(find "$work" -name '*.tconv-*')
    [ -z "$left" ] || fail "temp files left: $left"
}
geometry=(-f 3 -s 4 --output-padding 1)

case_ "a character device is written in place, not replaced"
if mknod null c 1 3 2>/dev/null; then
    run "$in" "${geometry[@]}" -o null
    expect_rc 0
    [ -c null ] || fail "null is no longer a character device: $(stat -c %F null)"
    [ "$(stat -c %t,%T null)" = 1,3 ] || fail "null is another device now"
else
    echo "skipped: mknod needs root"
fi

case_ "-o /dev/stdout into a pipe: the PNG on stdout, the report on stderr"
"$tconv" "$in" "${geometry[@]}" -o /dev/stdout 2>stderr.txt | cat >piped.png
same_as_expected piped.png
grep -q '^.*article.png -> /dev/stdout: 4x4 -> 16x16' stderr.txt || fail "the report is not on stderr: $(cat stderr.txt)"
[ -c /dev/null ] || fail "/dev/null was replaced"
[ -L /dev/stdout ] || fail "/dev/stdout is no longer a symlink: $(stat -c %F /dev/stdout) (restore it: ln -sf /proc/self/fd/1 /dev/stdout)"

case_ "a FIFO: a reader gets the PNG, the FIFO stays a FIFO"
mkfifo pipe
timeout 20 cat pipe >from_fifo.png &
reader=$!
run "$in" "${geometry[@]}" -o pipe
expect_rc 0
wait "$reader" || fail "the FIFO's reader did not finish"
[ -p pipe ] || fail "pipe is no longer a FIFO: $(stat -c %F pipe)"
same_as_expected from_fifo.png

case_ "a Unix socket: a listener gets the PNG"
python3 - sock from_socket.png <<'EOF' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1]); s.listen(1); s.settimeout(20)
c, _ = s.accept()
data = b""
while chunk := c.recv(65536):
    data += chunk
open(sys.argv[2], "wb").write(data)
EOF
listener=$!
for _ in $(seq 100); do [ -S sock ] && break; sleep 0.05; done
run "$in" "${geometry[@]}" -o sock
expect_rc 0
wait "$listener" || fail "the socket's listener failed"
[ -S sock ] || fail "sock is no longer a socket"
same_as_expected from_socket.png

case_ "a symlink is written through to its target, and stays a link"
mkdir real
printf 'old' >real/target.png
ln -s real/target.png link.png
ln -s link.png link2.png
run "$in" "${geometry[@]}" -o link2.png
expect_rc 0
[ -L link.png ] && [ -L link2.png ] || fail "a link was replaced"
[ "$(readlink link.png)" = real/target.png ] || fail "link.png points elsewhere now"
same_as_expected real/target.png
ln -s real/new.png dangling.png
run "$in" "${geometry[@]}" -o dangling.png
expect_rc 0
[ -L dangling.png ] || fail "the dangling link was replaced"
same_as_expected real/new.png

case_ "a replaced file keeps its mode and owner"
printf 'old' >private.png
chmod 600 private.png
owner_kept=1
chown 1234:2345 private.png 2>/dev/null || owner_kept=0
run "$in" "${geometry[@]}" -o private.png
expect_rc 0
[ "$(stat -c %a private.png)" = 600 ] || fail "mode is $(stat -c %a private.png), expected 600"
if [ "$owner_kept" = 1 ]; then
    [ "$(stat -c %u:%g private.png)" = 1234:2345 ] || fail "owner is $(stat -c %u:%g private.png), expected 1234:2345"
fi
same_as_expected private.png

case_ "a new file gets 0666 less the umask"
(umask 027 && "$tconv" "$in" "${geometry[@]}" -o fresh.png -q) || fail "writing fresh.png failed"
[ "$(stat -c %a fresh.png)" = 640 ] || fail "mode is $(stat -c %a fresh.png), expected 640"

case_ "names of 255 bytes (NAME_MAX), new and replaced"
long=$(printf 'n%.0s' $(seq 251)).png
run "$in" "${geometry[@]}" -o "$long"
expect_rc 0
same_as_expected "$long"
run "$in" "${geometry[@]}" -o "$long"
expect_rc 0
same_as_expected "$long"

case_ "a block device is refused, and left alone"
if mknod disk b 7 200 2>/dev/null; then
    run "$in" "${geometry[@]}" -o disk
    expect_rc 1
    grep -q '^tconv: error: disk: output path is a block device' "$work/.cap/stderr" || { fail "no block-device error"; show_streams; }
    [ -b disk ] || fail "disk was replaced"
else
    echo "skipped: mknod needs root"
fi

case_ "--no-fsync: same bytes; without it each file is synced before it is named"
run "$in" "${geometry[@]}" -o nosync.png --no-fsync
expect_rc 0
same_as_expected nosync.png
if command -v strace >/dev/null; then
    strace -f -qq -e trace=fsync -o synced.trace "$tconv" "$in" "${geometry[@]}" -o synced.png -q
    grep -q 'fsync(' synced.trace || fail "no fsync without --no-fsync"
    strace -f -qq -e trace=fsync -o unsynced.trace "$tconv" "$in" "${geometry[@]}" -o unsynced.png -q --no-fsync
    grep -q 'fsync(' unsynced.trace && fail "fsync with --no-fsync"
else
    fail "strace is missing (README's test command installs it)"
fi

case_ "SIGPIPE (the report's reader gone) and SIGKILL leave no temp file"
mkdir batch out
python3 "$src/tests/e2e/noise_png.py" 256 3 batch/noise.png
for i in $(seq -w 1 40); do ln -s noise.png "batch/n$i.png"; done
for round in 1 2 3 4 5; do
    rm -f out/*
    "$tconv" batch/n*.png -f 4 -s 2 -d out -j 2 2>/dev/null | (read -r _)
    status=${PIPESTATUS[0]}
    [ "$status" = 141 ] || fail "round $round: exit status $status, expected 141 (SIGPIPE)"
    no_temp_files
done
for delay in 0.1 0.2 0.3 0.4 0.5; do
    rm -f out/*
    "$tconv" batch/n*.png -f 4 -s 2 -d out -j 2 -q &
    sleep "$delay"
    kill -KILL $! 2>/dev/null
    wait $! 2>/dev/null
    no_temp_files
done

no_temp_files
finish
