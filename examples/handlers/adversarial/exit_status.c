/*
 * exit_status (adversarial): reports a failure on stderr and exits with status 3.
 */
#include "../include/quiver_guest.h"

int main(void) {
    fputs("{\"partial\":true}", stdout);
    fputs("giving up on purpose\n", stderr);
    return 3;
}
