# The smallest base the serving host runs on: glibc, libstdc++ and the dynamic loader, copied from the build machine
# by deploy/build-image.sh (the list comes from `ldd` on the published host and ONNX Runtime), and a /tmp.
# and OpenSSL's libcrypto/libssl (.NET hashes with them). No shell, no package manager, no ICU (the host runs in
# invariant globalization mode; the tokenizer strips accents from its own table).
FROM scratch
COPY rootfs/ /
