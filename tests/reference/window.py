"""tconv's output window (docs/semantics.md), shared by the golden generators: the CLI's HxW
notation, Keras' deconv_output_length (written out from Keras), and each axis' (crop_begin, out)."""


def extent(text):
    """'3' -> (3, 3), '3x4' -> (3, 4): the CLI's HxW notation."""
    parts = [int(p) for p in text.split("x")]
    return (parts[0], parts[0]) if len(parts) == 1 else (parts[0], parts[1])


def keras_deconv_output_length(input_length, filter_size, padding, output_padding, stride, dilation):
    """Keras' own conv_utils.deconv_output_length (padding 'valid' or 'same')."""
    filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    if output_padding is None:
        if padding == "valid":
            return input_length * stride + max(filter_size - stride, 0)
        return input_length * stride
    pad = filter_size // 2 if padding == "same" else 0
    return (input_length - 1) * stride + filter_size - 2 * pad + output_padding


def axis_window(n_in, k, s, d, padding, axis, op):
    """(crop_begin, out) of one axis of tconv's output window; axis 0 = rows, 1 = columns."""
    full = (n_in - 1) * s + d * (k - 1) + 1
    if padding in ("valid", "same"):
        out = keras_deconv_output_length(n_in, k, padding, op, s, d)
        p = full - out
        return (p // 2 if p >= 0 else 0), out
    if "," in padding:
        t, l, b, r = (int(v) for v in padding.split(","))
        begin, end = (t, b) if axis == 0 else (l, r)
    else:
        begin = end = extent(padding)[axis]
    return begin, full - begin - end + (op or 0)
