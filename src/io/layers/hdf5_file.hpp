// HDF5 files in memory through libhdf5: the string attributes and float datasets Keras writes, read
// with their sizes checked before anything is allocated, and a small writer for the same.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "io/layers/layer_tensor.hpp"

namespace tconv::io {

/// An HDF5 file opened read-only from `bytes` (copied into libhdf5's memory driver). libhdf5's own
/// error printing is silenced: failures become one IoError(name, reason).
class Hdf5File {
public:
    Hdf5File(std::span<const std::uint8_t> bytes, std::string name);
    ~Hdf5File();
    Hdf5File(const Hdf5File&) = delete;
    Hdf5File& operator=(const Hdf5File&) = delete;

    /// Whether `path` ("a/b/c") names an object, each link checked in turn.
    bool has(const std::string& path) const;

    /// The attribute `attr` of the object at `path` as strings (a scalar gives one; fixed-length
    /// strings end at their first NUL), or nullopt when there is none. Throws IoError when it is not
    /// a string or larger than 16 MiB.
    std::optional<std::vector<std::string>> strings(const std::string& path, const std::string& attr) const;

    /// The dataset at `path` as doubles, row-major, after checking its shape is `expected` (-1: any
    /// extent, still capped by max_layer_weights). IEEE floats of 2, 4 or 8 bytes, or 2-byte data with
    /// the attribute dtype = "bfloat16" (Keras 3's bfloat16). `what` names it in errors ("the kernel").
    /// `dtype` receives "float16", "float32", "float64" or "bfloat16".
    LayerTensor floats(const std::string& path, std::span<const std::int64_t> expected, const std::string& what,
                       std::string& dtype) const;

private:
    std::string name_;
    std::int64_t file_ = -1;
};

/// An HDF5 file built in memory: groups and float32 datasets, then its bytes.
class Hdf5Writer {
public:
    Hdf5Writer();
    ~Hdf5Writer();
    Hdf5Writer(const Hdf5Writer&) = delete;
    Hdf5Writer& operator=(const Hdf5Writer&) = delete;

    /// Creates the group `path` and any missing parents.
    void group(const std::string& path);
    /// A float32 dataset of `shape` holding `values` (rounded to float32).
    void float32(const std::string& path, std::span<const std::int64_t> shape, std::span<const double> values);
    /// The file's bytes; the writer is closed.
    std::vector<std::uint8_t> bytes();

private:
    std::int64_t file_ = -1;
};

}  // namespace tconv::io
