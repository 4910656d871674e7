// An image's samples as the feature map a trained layer reads, mapped by --range.
#pragma once
#include "core/feature_map.hpp"
#include "core/image.hpp"
#include "core/sample_range.hpp"

namespace tconv::core {

/// Channel c of `image` as plane c, each sample x as map_sample(x, range, sample_max).
FeatureMap image_features(const Image& image, SampleRange range, double sample_max);

/// Every value of `features` mapped by map_sample(v, range, sample_max), in place.
void map_features(FeatureMap& features, SampleRange range, double sample_max);

}  // namespace tconv::core
