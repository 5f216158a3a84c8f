/*
 * invalid_output (adversarial): exits 0 but prints text that is not JSON.
 */
#include "../include/quiver_guest.h"

int main(void) {
    fputs("this is not JSON {\n", stdout);
    return 0;
}
