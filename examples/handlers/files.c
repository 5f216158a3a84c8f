/*
 * files: lists and reads files in the pack's data directory (the grant "${pack}/data/..."), seen at /pack/data.
 *
 * Input:  {"op": "list", "path": "."}        (path relative to /pack/data; default ".")
 *         {"op": "read", "path": "notes.txt"}
 * Output: {"entries": [{"name": "a.txt", "type": "file", "size": 5}, ...]}   (sorted; size 0 for non-files)
 *         {"path": "notes.txt", "size": 5, "content": "..."}                  (first 64 KiB)
 *
 * Errors (missing file, not a directory, ...) exit with status 1 and a message on stderr.
 */
#include "include/quiver_guest.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#define ROOT "/pack/data"
#define READ_LIMIT 65536

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *relative) {
    size_t n = strlen(ROOT) + 1 + strlen(relative) + 1;
    char *path = malloc(n);
    if (!path) qg_fail("out of memory");
    snprintf(path, n, "%s/%s", ROOT, relative);
    return path;
}

static int list(const char *relative) {
    char *path = join(relative);
    DIR *dir = opendir(path);
    if (!dir) {
        fprintf(stderr, "cannot list '%s': %s\n", relative, strerror(errno));
        return 1;
    }
    size_t count = 0, capacity = 16;
    char **names = malloc(capacity * sizeof(char *));
    struct dirent *entry;
    while (names && (entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        if (count == capacity) {
            capacity *= 2;
            char **grown = realloc(names, capacity * sizeof(char *));
            if (!grown) qg_fail("out of memory");
            names = grown;
        }
        names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    if (!names) qg_fail("out of memory");
    qsort(names, count, sizeof(char *), compare_names);

    fputs("{\"entries\":[", stdout);
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(path) + 1 + strlen(names[i]) + 1;
        char *full = malloc(n);
        if (!full) qg_fail("out of memory");
        snprintf(full, n, "%s/%s", path, names[i]);
        struct stat st;
        const char *type = "other";
        long long size = 0;
        if (lstat(full, &st) == 0) {
            if (S_ISREG(st.st_mode)) type = "file";
            else if (S_ISDIR(st.st_mode)) type = "directory";
            else if (S_ISLNK(st.st_mode)) type = "symlink";
            size = S_ISREG(st.st_mode) ? (long long)st.st_size : 0;
        }
        if (i) fputc(',', stdout);
        fputs("{\"name\":", stdout);
        qg_write_cstring(stdout, names[i]);
        printf(",\"type\":\"%s\",\"size\":%lld}", type, size);
        free(full);
    }
    fputs("]}\n", stdout);
    return 0;
}

static int read_file(const char *relative) {
    char *path = join(relative);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot read '%s': %s\n", relative, strerror(errno));
        return 1;
    }
    char *content = malloc(READ_LIMIT);
    if (!content) qg_fail("out of memory");
    size_t n = fread(content, 1, READ_LIMIT, f);
    struct stat st;
    long long size = fstat(fileno(f), &st) == 0 ? (long long)st.st_size : (long long)n;
    fclose(f);
    fputs("{\"path\":", stdout);
    qg_write_cstring(stdout, relative);
    printf(",\"size\":%lld,\"content\":", size);
    qg_write_string(stdout, content, n);
    fputs("}\n", stdout);
    return 0;
}

int main(void) {
    char *input = qg_read_stdin(NULL);
    if (!input) qg_fail("out of memory reading the input");
    const char *op_field = qg_find(input, "op");
    const char *path_field = qg_find(input, "path");
    char *op = op_field ? qg_string(op_field, NULL) : NULL;
    char *relative = path_field ? qg_string(path_field, NULL) : strdup(".");
    if (!op || !relative) qg_fail("input needs a string 'op' ('list' or 'read') and an optional string 'path'");
    if (strcmp(op, "list") == 0) return list(relative);
    if (strcmp(op, "read") == 0) return read_file(relative);
    fprintf(stderr, "unknown op '%s'; use 'list' or 'read'\n", op);
    return 1;
}
