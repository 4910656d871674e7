// ZipArchive over libzip's in-memory sources.
#include "io/layers/zip_archive.hpp"

#include <zip.h>

#include "io/io_error.hpp"
#include "io/quoted_text.hpp"

namespace tconv::io {
ZipArchive::ZipArchive(std::span<const std::uint8_t> bytes, std::string name) : name_(std::move(name)) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
        zip_error_fini(&error);
        throw IoError(name_, "cannot read it as a zip archive");
    }
    archive_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (archive_ == nullptr) {
        zip_source_free(source);
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw IoError(name_, "not a zip archive (" + why + ")");
    }
    zip_error_fini(&error);
}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

bool ZipArchive::has(const std::string& entry) const { return zip_name_locate(archive_, entry.c_str(), 0) >= 0; }

std::vector<std::uint8_t> ZipArchive::read(const std::string& entry, std::uint64_t limit) const {
    const zip_int64_t index = zip_name_locate(archive_, entry.c_str(), 0);
    if (index < 0) throw IoError(name_, "the archive holds no " + quoted_name(entry));
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0)
        throw IoError(name_, "cannot read the entry " + quoted_name(entry));
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > limit)
        throw IoError(name_,
                      quoted_name(entry) + " would be " + std::to_string(st.size) + " bytes, more than " + std::to_string(limit));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE)
        throw IoError(name_, quoted_name(entry) + " is encrypted");
    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) throw IoError(name_, "cannot open " + quoted_name(entry) + " (" + zip_strerror(archive_) + ")");
    std::vector<std::uint8_t> out;
    constexpr std::size_t piece = 1 << 16;
    for (;;) {
        const std::size_t at = out.size();
        out.resize(at + piece);
        const zip_int64_t got = zip_fread(file, out.data() + at, piece);
        if (got < 0) {
            const std::string why = zip_error_strerror(zip_file_get_error(file));
            zip_fclose(file);
            throw IoError(name_, quoted_name(entry) + " is damaged (" + why + ")");
        }
        out.resize(at + static_cast<std::size_t>(got));
        if (got == 0) break;
        if (out.size() > limit) {
            zip_fclose(file);
            throw IoError(name_, quoted_name(entry) + " holds more than " + std::to_string(limit) + " bytes");
        }
    }
    zip_fclose(file);
    if ((st.valid & ZIP_STAT_SIZE) != 0 && out.size() != st.size)
        throw IoError(name_, quoted_name(entry) + " holds " + std::to_string(out.size()) + " bytes, its header says " +
                                 std::to_string(st.size));
    return out;
}

std::vector<std::uint8_t> write_zip(const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (target == nullptr) throw IoError("", "libzip: " + std::string(zip_error_strerror(&error)));
    zip_source_keep(target);  // read back after zip_close
    zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
    auto fail = [&](const std::string& why) {
        if (archive != nullptr) zip_discard(archive);
        zip_source_free(target);
        zip_error_fini(&error);
        return IoError("", "libzip: " + why);
    };
    if (archive == nullptr) throw fail(zip_error_strerror(&error));
    for (const auto& [entry, bytes] : entries) {
        zip_source_t* data = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
        if (data == nullptr) throw fail(zip_strerror(archive));
        const zip_int64_t index = zip_file_add(archive, entry.c_str(), data, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(data);
            throw fail(zip_strerror(archive));
        }
        if (zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) != 0)
            throw fail(zip_strerror(archive));
    }
    if (zip_close(archive) != 0) throw fail(zip_strerror(archive));
    archive = nullptr;
    std::vector<std::uint8_t> out;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(target, &st) != 0 || zip_source_open(target) != 0) throw fail("cannot read the archive back");
    out.resize(static_cast<std::size_t>(st.size));
    const zip_int64_t got = zip_source_read(target, out.data(), out.size());
    zip_source_close(target);
    if (got < 0 || static_cast<std::size_t>(got) != out.size()) throw fail("cannot read the archive back");
    zip_source_free(target);
    zip_error_fini(&error);
    return out;
}

}  // namespace tconv::io
