/*
 * trap (adversarial): writes a line to stderr, then executes `unreachable`.
 */
#include "../include/quiver_guest.h"

int main(void) {
    fputs("about to trap\n", stderr);
    fflush(stderr);
    __builtin_trap();
}
