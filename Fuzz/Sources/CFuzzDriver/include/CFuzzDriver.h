#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer): runs the fuzzer with the
/// command line as libFuzzer's own main would. SwiftPM points an executable's `main` at
/// `<Module>_main`, so each target defines that and calls this.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// Calls LLVMFuzzerRunDriver (a C call, so that Swift need not spell the types of `argv`).
int schakel_fuzz_run(int argc, char **argv, int (*callback)(const uint8_t *data, size_t size));
#endif
