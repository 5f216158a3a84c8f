/*
 * fd_exhaustion (adversarial): opens the same file again and again without closing it.
 *
 * Input:  {"path": "/data/file.txt"}
 * Output: {"opened": n, "error": "..."}
 *
 * The runtime caps the descriptors one call may hold, so the host cannot run out of them.
 */
#include "../include/quiver_guest.h"

#include <errno.h>

int main(void) {
    char *input = qg_read_stdin(NULL);
    if (!input) qg_fail("out of memory reading the input");
    const char *field = qg_find(input, "path");
    char *path = field ? qg_string(field, NULL) : NULL;
    if (!path) qg_fail("input needs a string 'path'");
    int opened = 0;
    int error = 0;
    for (int i = 0; i < 100000; i++) {
        FILE *f = fopen(path, "rb");
        if (!f) { error = errno; break; }
        opened++;
    }
    printf("{\"opened\":%d,\"error\":", opened);
    qg_write_cstring(stdout, error ? strerror(error) : "");
    fputs("}\n", stdout);
    return 0;
}
