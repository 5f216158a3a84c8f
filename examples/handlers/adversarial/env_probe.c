/*
 * env_probe (adversarial): reports environment variables by name, and how many exist.
 *
 * Input:  {"names": ["HOME", "PATH", ...]}
 * Output: {"values": {"HOME": null, ...}, "count": n}
 *
 * The sandbox passes only the variables the grant names; everything else must be absent.
 */
#include "../include/quiver_guest.h"

extern char **environ;

int main(void) {
    char *input = qg_read_stdin(NULL);
    if (!input) qg_fail("out of memory reading the input");
    const char *names = qg_find(input, "names");
    fputs("{\"values\":{", stdout);
    int first = 1;
    for (const char *item = names ? qg_first(names) : NULL; item; item = qg_next(item)) {
        char *name = qg_string(item, NULL);
        if (!name) qg_fail("'names' must hold strings");
        const char *value = getenv(name);
        if (!first) fputc(',', stdout);
        first = 0;
        qg_write_cstring(stdout, name);
        fputc(':', stdout);
        if (value) qg_write_cstring(stdout, value);
        else fputs("null", stdout);
        free(name);
    }
    size_t count = 0;
    for (char **e = environ; e && *e; e++) count++;
    printf("},\"count\":%zu}\n", count);
    return 0;
}
