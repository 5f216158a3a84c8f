/*
 * memory_bomb (adversarial): allocates and touches 1 MiB blocks until allocation fails, then aborts.
 *
 * The runner's memory cap must refuse the growth; the abort is how a typical C guest dies then.
 */
#include "../include/quiver_guest.h"

/* Keeps every block reachable so that the compiler cannot drop the allocations. */
static char *volatile last_block;

int main(void) {
    size_t mebibytes = 0;
    for (;;) {
        char *block = malloc(1 << 20);
        if (!block) {
            fprintf(stderr, "allocation failed after %zu MiB\n", mebibytes);
            abort();
        }
        memset(block, 0x5A, 1 << 20);
        last_block = block;
        mebibytes++;
    }
}
