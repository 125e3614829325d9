/* The whole post-kex server state machine: auth, channels, requests, re-kex. */
#include "session_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    session_fuzz_run(data, size, true);
    return 0;
}
