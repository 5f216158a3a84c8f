/*
 * host_probe (adversarial): exercises the "quiver" host imports.
 *
 * Input:  {"log": ["line", ...], "http": [request JSON text, ...],
 *          "secrets": [{"name": "...", "expect": "..."}], "print_secret": "NAME"}
 * Output: {"http": [code, ...], "responses": [response JSON or null, ...], "secrets": [{"name": n, "length": len, "matches": bool}],
 *          "printed": "<secret value>"}   (the runner must redact the printed value)
 */
#include "../include/quiver_guest.h"

int main(void) {
    char *input = qg_read_stdin(NULL);
    if (!input) qg_fail("out of memory reading the input");

    const char *logs = qg_find(input, "log");
    for (const char *item = logs ? qg_first(logs) : NULL; item; item = qg_next(item)) {
        size_t n = 0;
        char *line = qg_string(item, &n);
        if (!line) qg_fail("'log' must hold strings");
        quiver_log(line, n);
        free(line);
    }

    fputs("{\"http\":[", stdout);
    const char *requests = qg_find(input, "http");
    static char response[4096];
    char *responses[16] = {0};
    size_t response_count = 0;
    int first = 1;
    for (const char *item = requests ? qg_first(requests) : NULL; item; item = qg_next(item)) {
        size_t n = 0;
        char *request = qg_string(item, &n);
        if (!request) qg_fail("'http' must hold request strings");
        int32_t code = quiver_http(request, n, response, sizeof response);
        printf("%s%d", first ? "" : ",", (int)code);
        if (response_count < 16) {
            responses[response_count++] = code >= 0 ? strndup(response, (size_t)code) : NULL;
        }
        first = 0;
        free(request);
    }

    /* The responses, as the JSON the host returned (null for failed requests). */
    fputs("],\"responses\":[", stdout);
    for (size_t i = 0; i < response_count; i++) {
        fputs(i ? "," : "", stdout);
        fputs(responses[i] ? responses[i] : "null", stdout);
    }

    fputs("],\"secrets\":[", stdout);
    const char *secrets = qg_find(input, "secrets");
    first = 1;
    for (const char *item = secrets ? qg_first(secrets) : NULL; item; item = qg_next(item)) {
        const char *name_field = qg_find(item, "name");
        const char *expect_field = qg_find(item, "expect");
        size_t name_length = 0, expect_length = 0;
        char *name = name_field ? qg_string(name_field, &name_length) : NULL;
        char *expect = expect_field ? qg_string(expect_field, &expect_length) : strdup("");
        if (!name || !expect) qg_fail("'secrets' entries need a string 'name'");
        char value[256];
        int32_t length = quiver_secret(name, name_length, value, sizeof value);
        int matches = length >= 0 && (size_t)length == expect_length && (size_t)length <= sizeof value
            && memcmp(value, expect, expect_length) == 0;
        if (!first) fputc(',', stdout);
        first = 0;
        fputs("{\"name\":", stdout);
        qg_write_string(stdout, name, name_length);
        printf(",\"length\":%d,\"matches\":%s}", (int)length, matches ? "true" : "false");
    }
    fputc(']', stdout);

    const char *print_field = qg_find(input, "print_secret");
    if (print_field) {
        size_t name_length = 0;
        char *name = qg_string(print_field, &name_length);
        char value[256];
        int32_t length = name ? quiver_secret(name, name_length, value, sizeof value) : -1;
        if (length >= 0 && (size_t)length <= sizeof value) {
            fputs(",\"printed\":", stdout);
            qg_write_string(stdout, value, (size_t)length);
            fprintf(stderr, "the secret is %.*s\n", (int)length, value);
            quiver_log(value, (size_t)length);
        }
    }
    fputs("}\n", stdout);
    return 0;
}
