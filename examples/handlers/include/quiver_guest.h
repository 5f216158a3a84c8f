/*
 * quiver_guest.h: the little a C handler needs to speak Quiver's wasm contract.
 *
 * Contract: the JSON input arrives on stdin, the JSON output goes to stdout, diagnostics go to
 * stderr, and exit status 0 means success. Optional host imports live in module "quiver".
 *
 * The JSON helpers here are deliberately small: a cursor over the input text that can find a
 * key in an object, step through arrays, decode strings and read integers, plus a writer that
 * escapes strings. They handle well-formed input; on malformed input they fail (return 0 or
 * NULL), never read out of bounds, and the handler reports the problem on stderr.
 */
#ifndef QUIVER_GUEST_H
#define QUIVER_GUEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- host imports (module "quiver") ------------------------------------------------------ */

#define QUIVER_IMPORT(name) __attribute__((import_module("quiver"), import_name(name)))

/* Appends one line to the invocation's captured log. */
QUIVER_IMPORT("log") void quiver_log(const char *message, size_t length);
/* Performs an HTTP request described as JSON; returns the response length, or a negative code:
 * -1 denied (host not granted), -2 not supported by this host, -3 malformed request,
 * -4 response larger than the buffer. */
QUIVER_IMPORT("http") int32_t quiver_http(const char *request, size_t request_length, char *response, size_t capacity);
/* Copies a granted secret into `out` when it fits; returns its length, or -1 when not granted. */
QUIVER_IMPORT("secret") int32_t quiver_secret(const char *name, size_t name_length, char *out, size_t capacity);
/* The pack's key-value store, shared by every call of every tool of the pack (in memory on the host).
 * kv_get copies the value into `out` when it fits and returns its length, or -1 when absent.
 * kv_set returns 0, -3 for a bad key (empty, over 256 bytes, not UTF-8) or a value over 64 KiB,
 * -4 when the store is full (4096 entries or 1 MiB), -5 when the host gives no store.
 * kv_delete returns 1 when a value was removed, else 0. */
QUIVER_IMPORT("kv_get") int32_t quiver_kv_get(const char *key, size_t key_length, char *out, size_t capacity);
QUIVER_IMPORT("kv_set") int32_t quiver_kv_set(const char *key, size_t key_length, const char *value, size_t value_length);
QUIVER_IMPORT("kv_delete") int32_t quiver_kv_delete(const char *key, size_t key_length);

/* ---- input ------------------------------------------------------------------------------- */

/* Reads all of stdin into a NUL-terminated heap buffer; returns NULL when memory runs out. */
static inline char *qg_read_stdin(size_t *length) {
    size_t capacity = 4096, used = 0;
    char *buffer = malloc(capacity);
    if (!buffer) return NULL;
    for (;;) {
        if (used + 1 >= capacity) {
            capacity *= 2;
            char *grown = realloc(buffer, capacity);
            if (!grown) { free(buffer); return NULL; }
            buffer = grown;
        }
        size_t n = fread(buffer + used, 1, capacity - used - 1, stdin);
        used += n;
        if (n == 0) break;
    }
    buffer[used] = '\0';
    if (length) *length = used;
    return buffer;
}

/* ---- JSON cursor ------------------------------------------------------------------------- */

static inline const char *qg_ws(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

/* Returns the end of the string literal starting at `p` (just past the closing quote), or NULL. */
static inline const char *qg_skip_string(const char *p) {
    if (*p != '"') return NULL;
    p++;
    while (*p && *p != '"') {
        if (*p == '\\') {
            p++;
            if (!*p) return NULL;
        }
        p++;
    }
    return *p == '"' ? p + 1 : NULL;
}

/* Returns the end of the JSON value starting at `p` (after leading whitespace), or NULL.
 * Nesting is tracked with a counter, not recursion, so deep input cannot exhaust the stack. */
static inline const char *qg_skip_value(const char *p) {
    p = qg_ws(p);
    if (*p == '"') return qg_skip_string(p);
    if (*p != '{' && *p != '[') {
        const char *start = p;
        while (*p && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') p++;
        return p > start ? p : NULL;
    }
    long depth = 0;
    while (*p) {
        if (*p == '"') {
            p = qg_skip_string(p);
            if (!p) return NULL;
            continue;
        }
        if (*p == '{' || *p == '[') depth++;
        if (*p == '}' || *p == ']') {
            depth--;
            if (depth == 0) return p + 1;
        }
        p++;
    }
    return NULL;
}

/* Whether the string literal at `p` equals `key` (escapes are compared literally). */
static inline int qg_key_equals(const char *p, const char *key) {
    size_t n = strlen(key);
    return p[0] == '"' && strncmp(p + 1, key, n) == 0 && p[1 + n] == '"';
}

/* Finds `key` in the object starting at `object`; returns the start of its value, or NULL. */
static inline const char *qg_find(const char *object, const char *key) {
    const char *p = qg_ws(object);
    if (*p != '{') return NULL;
    p = qg_ws(p + 1);
    while (*p == '"') {
        int match = qg_key_equals(p, key);
        p = qg_skip_string(p);
        if (!p) return NULL;
        p = qg_ws(p);
        if (*p != ':') return NULL;
        p = qg_ws(p + 1);
        if (match) return p;
        p = qg_skip_value(p);
        if (!p) return NULL;
        p = qg_ws(p);
        if (*p == ',') p = qg_ws(p + 1);
    }
    return NULL;
}

/* Array iteration: `qg_first` enters the array at `p`, `qg_next` steps past the element at `p`.
 * Both return the start of an element, or NULL at the end (or on malformed input). */
static inline const char *qg_first(const char *p) {
    p = qg_ws(p);
    if (*p != '[') return NULL;
    p = qg_ws(p + 1);
    return *p == ']' ? NULL : p;
}

static inline const char *qg_next(const char *p) {
    p = qg_skip_value(p);
    if (!p) return NULL;
    p = qg_ws(p);
    if (*p != ',') return NULL;
    return qg_ws(p + 1);
}

static inline int qg_hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static inline size_t qg_put_utf8(char *out, uint32_t cp) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F)); return 4;
}

/* Decodes the string literal at `p` into a new NUL-terminated UTF-8 buffer; NULL if not a string.
 * The decoded length (which may include NUL bytes from \u0000) goes to `length`. */
static inline char *qg_string(const char *p, size_t *length) {
    p = qg_ws(p);
    const char *end = qg_skip_string(p);
    if (!end) return NULL;
    char *out = malloc((size_t)(end - p) + 1);
    if (!out) return NULL;
    size_t n = 0;
    for (p++; p < end - 1; p++) {
        if (*p != '\\') { out[n++] = *p; continue; }
        p++;
        switch (*p) {
        case 'n': out[n++] = '\n'; break;
        case 't': out[n++] = '\t'; break;
        case 'r': out[n++] = '\r'; break;
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'u': {
            uint32_t cp = 0;
            for (int i = 1; i <= 4; i++) {
                int h = qg_hex(p[i]);
                if (h < 0) { free(out); return NULL; }
                cp = cp * 16 + (uint32_t)h;
            }
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && p[1] == '\\' && p[2] == 'u') {
                uint32_t low = 0;
                for (int i = 3; i <= 6; i++) {
                    int h = qg_hex(p[i]);
                    if (h < 0) { free(out); return NULL; }
                    low = low * 16 + (uint32_t)h;
                }
                if (low >= 0xDC00 && low < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    p += 6;
                }
            }
            n += qg_put_utf8(out + n, cp);
            break;
        }
        default: out[n++] = *p; break; /* \" \\ \/ */
        }
    }
    out[n] = '\0';
    if (length) *length = n;
    return out;
}

/* Reads an integer at `p` into `value`; returns 1 on success. */
static inline int qg_int(const char *p, long long *value) {
    p = qg_ws(p);
    char *end = NULL;
    long long v = strtoll(p, &end, 10);
    if (end == p) return 0;
    *value = v;
    return 1;
}

/* ---- output ------------------------------------------------------------------------------ */

/* Writes `s` (of `n` bytes) as a JSON string literal. */
static inline void qg_write_string(FILE *f, const char *s, size_t n) {
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (c < 0x20) fprintf(f, "\\u%04x", c);
            else fputc(c, f);
        }
    }
    fputc('"', f);
}

static inline void qg_write_cstring(FILE *f, const char *s) { qg_write_string(f, s, strlen(s)); }

/* Reports a failure on stderr and exits with status 2 (a handler error). */
static inline void qg_fail(const char *message) {
    fprintf(stderr, "%s\n", message);
    exit(2);
}

#endif
