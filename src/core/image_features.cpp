// image_features: interleaved pixels into planes, then the range's map.
#include "core/image_features.hpp"

namespace tconv::core {

FeatureMap image_features(const Image& image, SampleRange range, double sample_max) {
    FeatureMap m = unwritten_feature_map(image.channels, image.size());
    const std::int64_t pixels = image.height * image.width;
    for (int c = 0; c < image.channels; ++c) {
        double* plane = m.plane(c);
        for (std::int64_t p = 0; p < pixels; ++p)
            plane[p] = map_sample(image.pixels[static_cast<std::size_t>(p * image.channels + c)], range, sample_max);
    }
    return m;
}

void map_features(FeatureMap& features, SampleRange range, double sample_max) {
    if (range == SampleRange::Samples) return;
    for (double& v : features.values) v = map_sample(v, range, sample_max);
}

}  // namespace tconv::core
