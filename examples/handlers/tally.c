/*
 * tally: counts calls per name in the pack's key-value store, so state survives across calls
 * (each call still runs in a fresh instance).
 *
 * Input:  {"name": "deploys"}            (a non-empty string of at most 200 bytes)
 *         {"name": "deploys", "reset": true}
 * Output: {"name": "deploys", "count": 3}
 */
#include "include/quiver_guest.h"

int main(void) {
    char *input = qg_read_stdin(NULL);
    if (!input) qg_fail("out of memory reading the input");
    const char *field = qg_find(input, "name");
    size_t length = 0;
    char *name = field ? qg_string(field, &length) : NULL;
    if (!name || length == 0 || length > 200) qg_fail("input needs a string 'name' of 1 to 200 bytes");
    const char *reset = qg_find(input, "reset");

    char key[256];
    int key_length = snprintf(key, sizeof key, "tally:%s", name);
    long long count = 0;
    if (reset && strncmp(reset, "true", 4) == 0) {
        quiver_kv_delete(key, (size_t)key_length);
    } else {
        char value[32];
        int32_t n = quiver_kv_get(key, (size_t)key_length, value, sizeof value - 1);
        if (n >= 0 && n < (int32_t)sizeof value) {
            value[n] = 0;
            count = atoll(value);
        }
        count += 1;
        char text[32];
        int text_length = snprintf(text, sizeof text, "%lld", count);
        int32_t status = quiver_kv_set(key, (size_t)key_length, text, (size_t)text_length);
        if (status != 0) {
            fprintf(stderr, "the key-value store refused the write (status %d)\n", status);
            return 1;
        }
    }
    fputs("{\"name\":", stdout);
    qg_write_string(stdout, name, length);
    printf(",\"count\":%lld}\n", count);
    return 0;
}
