/*
 * sleeper (adversarial): asks the host to sleep for an hour.
 *
 * A blocking sleep burns no fuel, so the runner must refuse to sleep past the deadline.
 */
#include "../include/quiver_guest.h"

#include <unistd.h>

int main(void) {
    sleep(3600);
    puts("{\"slept\":true}");
    return 0;
}
