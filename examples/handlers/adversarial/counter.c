/*
 * counter (adversarial): increments a global and prints it.
 *
 * Every call must print {"counter":1}: a fresh instance per call means no state survives.
 */
#include "../include/quiver_guest.h"

static int counter = 0;

int main(void) {
    counter++;
    printf("{\"counter\":%d}\n", counter);
    return 0;
}
