/* The whole post-kex client state machine: auth replies, channels, requests, re-kex. */
#include "session_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    session_fuzz_run(data, size, false);
    return 0;
}
