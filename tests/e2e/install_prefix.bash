# Sourced by the install, man and completion tests (after frame.bash, with `build` set): installs the
# build into $tmp/prefix with `cmake --install`, or stops the test with the installer's log.
prefix=$tmp/prefix
if ! cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log" >&2
    echo "FAIL: cmake --install $build --prefix $prefix" >&2
    exit 1
fi
