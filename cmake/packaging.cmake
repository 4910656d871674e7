# `cpack -G DEB`: a Debian package of what `cmake --install` puts in place, with the version from
# project() and Depends worked out by dpkg-shlibdeps (Debian package dpkg-dev) from the binary.
set(CPACK_PACKAGE_NAME tconv)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "tconv developers")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PACKAGE_DESCRIPTION "tconv upsamples images exactly as a transposed-convolution layer (PyTorch
conv_transpose2d) does: each input pixel is multiplied by the kernel and
added into the output at stride steps; overlaps add. It draws the article's
stripes and blocks, bilinear upsampling and Keras valid/same padding, and
learns kernels by gradient descent.")

include(CPack)
