// Hdf5File and Hdf5Writer over libhdf5's memory ("core") driver. Every id is closed by a guard, and
// every size is checked against a cap before libhdf5 is asked to read into memory.
#include "io/layers/hdf5_file.hpp"

#include <hdf5.h>

#include <cstring>

#include "io/io_error.hpp"
#include "io/layers/float_elements.hpp"
#include "io/quoted_text.hpp"

namespace tconv::io {
namespace {

constexpr std::size_t max_attribute_bytes = std::size_t{1} << 24;
constexpr int max_rank = 8;
constexpr const char* in_memory_name = "/proc/self/tconv-hdf5-in-memory";

/// Closes an id with the function that matches its kind.
class Id {
public:
    Id(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Id() {
        if (id_ >= 0) close_(id_);
    }
    Id(const Id&) = delete;
    Id& operator=(const Id&) = delete;
    hid_t get() const { return id_; }
    bool ok() const { return id_ >= 0; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

void silence_hdf5() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

}  // namespace

Hdf5File::Hdf5File(std::span<const std::uint8_t> bytes, std::string name) : name_(std::move(name)) {
    silence_hdf5();
    if (bytes.size() < 8 || std::memcmp(bytes.data(), "\x89HDF\r\n\x1a\n", 8) != 0)
        throw IoError(name_, "not an HDF5 file (no HDF5 signature at its start)");
    const Id fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    if (!fapl.ok() || H5Pset_fapl_core(fapl.get(), 1 << 16, false) < 0 ||
        H5Pset_file_image(fapl.get(), const_cast<std::uint8_t*>(bytes.data()), bytes.size()) < 0)
        throw IoError(name_, "libhdf5 cannot take the file into memory");
    // The memory driver refuses a name that exists on disk: this one never does.
    file_ = H5Fopen(in_memory_name, H5F_ACC_RDONLY, fapl.get());
    if (file_ < 0) throw IoError(name_, "not a readable HDF5 file");
}

Hdf5File::~Hdf5File() {
    if (file_ >= 0) H5Fclose(file_);
}

bool Hdf5File::has(const std::string& path) const {
    std::size_t at = 0;
    for (;;) {
        const std::size_t slash = path.find('/', at);
        const std::string prefix = path.substr(0, slash);
        if (prefix.empty() || H5Lexists(file_, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
        if (slash == std::string::npos) break;
        at = slash + 1;
    }
    return H5Oexists_by_name(file_, path.c_str(), H5P_DEFAULT) > 0;
}

std::optional<std::vector<std::string>> Hdf5File::strings(const std::string& path, const std::string& attr) const {
    if (path != "." && !has(path)) return std::nullopt;
    if (H5Aexists_by_name(file_, path.c_str(), attr.c_str(), H5P_DEFAULT) <= 0) return std::nullopt;
    const std::string what = "the attribute " + quoted_name(attr) + (path == "." ? "" : " of " + quoted_name(path));
    const Id a(H5Aopen_by_name(file_, path.c_str(), attr.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    if (!a.ok()) throw IoError(name_, "cannot read " + what);
    const Id type(H5Aget_type(a.get()), H5Tclose);
    const Id space(H5Aget_space(a.get()), H5Sclose);
    if (!type.ok() || !space.ok() || H5Tget_class(type.get()) != H5T_STRING) throw IoError(name_, what + " is not text");
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    const std::size_t size = H5Tget_size(type.get());
    if (n < 0 || size == 0 || static_cast<std::size_t>(n) > max_attribute_bytes / sizeof(char*) ||
        (H5Tis_variable_str(type.get()) <= 0 && static_cast<std::size_t>(n) > max_attribute_bytes / size))
        throw IoError(name_, what + " is larger than " + std::to_string(max_attribute_bytes) + " bytes");
    std::vector<std::string> out;
    const Id memory(H5Tcopy(H5T_C_S1), H5Tclose);
    // libhdf5 converts no text between character sets: read it in the file's (h5py writes UTF-8).
    H5Tset_cset(memory.get(), H5Tget_cset(type.get()));
    if (H5Tis_variable_str(type.get()) > 0) {
        std::vector<char*> texts(static_cast<std::size_t>(n), nullptr);
        if (H5Tset_size(memory.get(), H5T_VARIABLE) < 0 || H5Aread(a.get(), memory.get(), texts.data()) < 0)
            throw IoError(name_, "cannot read " + what);
        std::size_t total = 0;
        for (const char* t : texts) {
            const std::size_t len = t == nullptr ? 0 : std::strlen(t);
            total += len;
            if (total <= max_attribute_bytes) out.emplace_back(t == nullptr ? "" : t, len);
        }
        H5Dvlen_reclaim(memory.get(), space.get(), H5P_DEFAULT, texts.data());
        if (total > max_attribute_bytes)
            throw IoError(name_, what + " is larger than " + std::to_string(max_attribute_bytes) + " bytes");
        return out;
    }
    std::vector<char> raw(static_cast<std::size_t>(n) * size);
    if (H5Tset_size(memory.get(), size) < 0 || H5Tset_strpad(memory.get(), H5T_STR_NULLPAD) < 0 ||
        H5Aread(a.get(), memory.get(), raw.data()) < 0)
        throw IoError(name_, "cannot read " + what);
    for (hssize_t i = 0; i < n; ++i) {
        const char* t = raw.data() + static_cast<std::size_t>(i) * size;
        out.emplace_back(t, strnlen(t, size));
    }
    return out;
}

LayerTensor Hdf5File::floats(const std::string& path, std::span<const std::int64_t> expected, const std::string& what,
                             std::string& dtype) const {
    if (!has(path)) throw IoError(name_, "no dataset " + quoted_name(path) + " for " + what);
    const Id d(H5Dopen2(file_, path.c_str(), H5P_DEFAULT), H5Dclose);
    if (!d.ok()) throw IoError(name_, quoted_name(path) + " (" + what + ") is not a dataset");
    const Id space(H5Dget_space(d.get()), H5Sclose);
    const int rank = space.ok() ? H5Sget_simple_extent_ndims(space.get()) : -1;
    if (rank < 0 || rank > max_rank) throw IoError(name_, quoted_name(path) + " (" + what + ") has no usable shape");
    hsize_t dims[max_rank] = {};
    H5Sget_simple_extent_dims(space.get(), dims, nullptr);
    LayerTensor t;
    for (int i = 0; i < rank; ++i)
        t.shape.push_back(dims[i] > static_cast<hsize_t>(INT64_MAX) ? -1 : static_cast<std::int64_t>(dims[i]));
    bool matches = t.shape.size() == expected.size();
    for (std::size_t i = 0; matches && i < expected.size(); ++i) matches = expected[i] < 0 || expected[i] == t.shape[i];
    if (!matches)
        throw IoError(name_, what + " " + quoted_name(path) + " has shape " + shape_text(t.shape) + " but the config says " +
                                 shape_text(expected));
    const auto count = element_count(t.shape, max_layer_weights);
    if (!count)
        throw IoError(name_,
                      what + " " + quoted_name(path) + " holds more than " + std::to_string(max_layer_weights) + " values");
    const Id type(H5Dget_type(d.get()), H5Tclose);
    const H5T_class_t kind = type.ok() ? H5Tget_class(type.get()) : H5T_NO_CLASS;
    const std::size_t size = type.ok() ? H5Tget_size(type.get()) : 0;
    t.values.resize(static_cast<std::size_t>(*count));
    if (kind == H5T_FLOAT && (size == 2 || size == 4 || size == 8)) {
        dtype = size == 2 ? "float16" : size == 4 ? "float32" : "float64";
        if (H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, t.values.data()) < 0)
            throw IoError(name_, "cannot read " + what + " " + quoted_name(path));
        return t;
    }
    const auto marks = strings(path, "dtype");
    if (size == 2 && (kind == H5T_OPAQUE || kind == H5T_INTEGER) && marks && marks->size() == 1 && marks->front() == "bfloat16") {
        dtype = "bfloat16";
        std::vector<std::uint16_t> bits(t.values.size());
        const Id memory(kind == H5T_OPAQUE ? H5Tcopy(type.get()) : H5Tcopy(H5T_NATIVE_UINT16), H5Tclose);
        if (H5Dread(d.get(), memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bits.data()) < 0)
            throw IoError(name_, "cannot read " + what + " " + quoted_name(path));
        for (std::size_t i = 0; i < bits.size(); ++i) t.values[i] = bfloat16_to_double(bits[i]);
        return t;
    }
    throw IoError(name_, what + " " + quoted_name(path) + " holds " + std::to_string(size) +
                             "-byte values that are not float16, bfloat16, float32 or float64");
}

Hdf5Writer::Hdf5Writer() {
    silence_hdf5();
    const Id fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    if (!fapl.ok() || H5Pset_fapl_core(fapl.get(), 1 << 16, false) < 0) throw IoError("", "libhdf5 cannot make a file in memory");
    file_ = H5Fcreate(in_memory_name, H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get());
    if (file_ < 0) throw IoError("", "libhdf5 cannot make a file in memory");
}

Hdf5Writer::~Hdf5Writer() {
    if (file_ >= 0) H5Fclose(file_);
}

void Hdf5Writer::group(const std::string& path) {
    const Id lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
    H5Pset_create_intermediate_group(lcpl.get(), 1);
    const Id g(H5Gcreate2(file_, path.c_str(), lcpl.get(), H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    if (!g.ok()) throw IoError("", "libhdf5 cannot make the group " + quoted_name(path));
}

void Hdf5Writer::float32(const std::string& path, std::span<const std::int64_t> shape, std::span<const double> values) {
    std::vector<hsize_t> dims(shape.begin(), shape.end());
    const Id space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
    const Id lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
    H5Pset_create_intermediate_group(lcpl.get(), 1);
    const Id d(H5Dcreate2(file_, path.c_str(), H5T_IEEE_F32LE, space.get(), lcpl.get(), H5P_DEFAULT, H5P_DEFAULT), H5Dclose);
    std::vector<float> narrow(values.begin(), values.end());
    if (!d.ok() || H5Dwrite(d.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, narrow.data()) < 0)
        throw IoError("", "libhdf5 cannot write the dataset " + quoted_name(path));
}

std::vector<std::uint8_t> Hdf5Writer::bytes() {
    if (H5Fflush(file_, H5F_SCOPE_GLOBAL) < 0) throw IoError("", "libhdf5 cannot finish the file");
    const ssize_t size = H5Fget_file_image(file_, nullptr, 0);
    if (size <= 0) throw IoError("", "libhdf5 cannot finish the file");
    std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
    if (H5Fget_file_image(file_, out.data(), out.size()) != size) throw IoError("", "libhdf5 cannot finish the file");
    H5Fclose(file_);
    file_ = -1;
    return out;
}

}  // namespace tconv::io
