/*
 * output_bomb (adversarial): writes to stdout without end.
 *
 * The runner must stop it once the output cap is reached, holding no more than the cap in memory.
 */
#include "../include/quiver_guest.h"

int main(void) {
    static char block[65536];
    memset(block, 'x', sizeof block);
    for (;;) {
        if (fwrite(block, 1, sizeof block, stdout) != sizeof block) return 0;
    }
}
