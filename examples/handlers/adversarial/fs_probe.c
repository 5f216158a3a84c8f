/*
 * fs_probe (adversarial): tries file operations and reports what succeeded.
 *
 * Input:  {"read": [paths], "list": [paths], "write": [paths], "append": [paths],
 *          "mkdir": [paths], "remove": [paths], "symlink": [[target, path], ...],
 *          "write_at": [[directory, name], ...]}
 * Output: {"read": [{"path": p, "ok": bool, "error": "...", "content": "..."}], "list": [...], ...}
 *
 * The sandbox tests feed it escapes (`..`, absolute host paths, symlinks pointing out of a
 * preopen) and writes into read-only preopens, then check that nothing outside was read and
 * nothing read-only changed. `write_at` opens the directory first and creates the file relative
 * to that descriptor, the way a guest would reach past the preopen itself. It always exits 0 so
 * that the report is the output.
 */
#include "../include/quiver_guest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONTENT_LIMIT 4096

static void report(const char *path, int ok, int error) {
    fputs("{\"path\":", stdout);
    qg_write_cstring(stdout, path);
    printf(",\"ok\":%s", ok ? "true" : "false");
    if (!ok) {
        fputs(",\"error\":", stdout);
        qg_write_cstring(stdout, strerror(error));
    }
}

static void probe_read(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { report(path, 0, errno); fputc('}', stdout); return; }
    char buffer[CONTENT_LIMIT];
    size_t n = fread(buffer, 1, sizeof buffer, f);
    int failed = ferror(f);
    int error = errno;
    fclose(f);
    report(path, !failed, error);
    if (!failed) {
        fputs(",\"content\":", stdout);
        qg_write_string(stdout, buffer, n);
    }
    fputc('}', stdout);
}

static void probe_list(const char *path) {
    DIR *dir = opendir(path);
    if (!dir) { report(path, 0, errno); fputc('}', stdout); return; }
    report(path, 1, 0);
    fputs(",\"entries\":[", stdout);
    struct dirent *entry;
    int first = 1;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        if (!first) fputc(',', stdout);
        first = 0;
        qg_write_cstring(stdout, entry->d_name);
    }
    closedir(dir);
    fputs("]}", stdout);
}

static void probe_write(const char *path, const char *mode) {
    FILE *f = fopen(path, mode);
    if (!f) { report(path, 0, errno); fputc('}', stdout); return; }
    int ok = fputs("written by fs_probe\n", f) >= 0;
    int closed = fclose(f) == 0;
    report(path, ok && closed, errno);
    fputc('}', stdout);
}

static void probe_status(const char *path, int result) {
    report(path, result == 0, errno);
    fputc('}', stdout);
}

/* Runs `op` on every string of the array under `key`, as one JSON member of the output. */
static int run_all(const char *input, const char *key, int first_member) {
    const char *array = qg_find(input, key);
    if (!array) return first_member;
    if (!first_member) fputc(',', stdout);
    qg_write_cstring(stdout, key);
    fputs(":[", stdout);
    int first = 1;
    for (const char *item = qg_first(array); item; item = qg_next(item)) {
        if (!first) fputc(',', stdout);
        first = 0;
        if (strcmp(key, "write_at") == 0) {
            const char *directory_field = qg_first(item);
            const char *name_field = directory_field ? qg_next(directory_field) : NULL;
            char *directory = directory_field ? qg_string(directory_field, NULL) : NULL;
            char *name = name_field ? qg_string(name_field, NULL) : NULL;
            if (!directory || !name) qg_fail("'write_at' takes [directory, name] pairs");
            errno = 0;
            int dir = open(directory, O_RDONLY | O_DIRECTORY);
            int file = dir < 0 ? -1 : openat(dir, name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            probe_status(name, file < 0 ? -1 : 0);
            if (file >= 0) close(file);
            if (dir >= 0) close(dir);
            continue;
        }
        if (strcmp(key, "symlink") == 0) {
            const char *target_field = qg_first(item);
            const char *path_field = target_field ? qg_next(target_field) : NULL;
            char *target = target_field ? qg_string(target_field, NULL) : NULL;
            char *path = path_field ? qg_string(path_field, NULL) : NULL;
            if (!target || !path) qg_fail("'symlink' takes [target, path] pairs");
            errno = 0;
            probe_status(path, symlink(target, path));
            continue;
        }
        char *path = qg_string(item, NULL);
        if (!path) qg_fail("paths must be strings");
        errno = 0;
        if (strcmp(key, "read") == 0) probe_read(path);
        else if (strcmp(key, "list") == 0) probe_list(path);
        else if (strcmp(key, "write") == 0) probe_write(path, "w");
        else if (strcmp(key, "append") == 0) probe_write(path, "a");
        else if (strcmp(key, "mkdir") == 0) probe_status(path, mkdir(path, 0755));
        else if (strcmp(key, "remove") == 0) probe_status(path, unlink(path));
        free(path);
    }
    fputc(']', stdout);
    return 0;
}

int main(void) {
    char *input = qg_read_stdin(NULL);
    if (!input) qg_fail("out of memory reading the input");
    static const char *keys[] = {"read", "list", "write", "append", "mkdir", "remove", "symlink", "write_at"};
    int first = 1;
    fputc('{', stdout);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) first = run_all(input, keys[i], first);
    fputs("}\n", stdout);
    return 0;
}
