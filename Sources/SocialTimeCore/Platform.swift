// socialtime is built and tested on Linux only: the library and the executable call glibc
// directly. Say so at compile time rather than fail on the first `Glibc.` elsewhere.
#if !os(Linux)
#error("socialtime builds on Linux only (it calls glibc directly); see README, Development")
#endif
