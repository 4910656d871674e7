// The one place the io layer includes stb_image's header (declarations only; stb.cpp holds the code).
#pragma once
#include <stb_image.h>
