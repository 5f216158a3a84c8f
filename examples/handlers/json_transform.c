/*
 * json_transform: picks fields out of a JSON record.
 *
 * Input:  {"record": {...}, "fields": ["a", "b", ...]}
 * Output: {"picked": {"a": <value>, ...}, "missing": ["b", ...]}
 *
 * Values are copied as written (no re-encoding), in the order the fields are asked for.
 */
#include "include/quiver_guest.h"

int main(void) {
    char *input = qg_read_stdin(NULL);
    if (!input) qg_fail("out of memory reading the input");
    const char *record = qg_find(input, "record");
    const char *fields = qg_find(input, "fields");
    if (!record || *record != '{') qg_fail("input needs an object 'record'");
    if (!fields || *fields != '[') qg_fail("input needs an array of strings 'fields'");

    size_t missing_count = 0;
    const char *missing[256];
    int first = 1;
    fputs("{\"picked\":{", stdout);
    for (const char *f = qg_first(fields); f; f = qg_next(f)) {
        size_t name_length = 0;
        char *name = qg_string(f, &name_length);
        if (!name) qg_fail("'fields' must hold strings");
        const char *value = qg_find(record, name);
        if (!value) {
            if (missing_count < 256) missing[missing_count++] = name;
            continue;
        }
        const char *end = qg_skip_value(value);
        if (!end) qg_fail("'record' is not valid JSON");
        if (!first) fputc(',', stdout);
        first = 0;
        qg_write_string(stdout, name, name_length);
        fputc(':', stdout);
        fwrite(value, 1, (size_t)(end - value), stdout);
        free(name);
    }
    fputs("},\"missing\":[", stdout);
    for (size_t i = 0; i < missing_count; i++) {
        if (i) fputc(',', stdout);
        qg_write_cstring(stdout, missing[i]);
    }
    fputs("]}\n", stdout);
    return 0;
}
