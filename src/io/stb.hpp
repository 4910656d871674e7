// The one place the io layer includes stb's headers (declarations only; stb.cpp holds the code).
#pragma once
#include <stb_image.h>
#include <stb_image_write.h>
