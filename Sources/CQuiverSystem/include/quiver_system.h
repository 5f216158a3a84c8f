#ifndef QUIVER_SYSTEM_H
#define QUIVER_SYSTEM_H

#include <spawn.h>

/// Creates a pipe whose two ends are closed on exec (pipe2 with O_CLOEXEC, atomically, so a
/// process spawned by another thread never inherits them). Returns 0, or -1 with errno set.
int quiver_pipe_cloexec(int fds[2]);

/// Adds a change of directory to spawn file actions (posix_spawn_file_actions_addchdir_np).
/// Returns 0, or an error number.
int quiver_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *path);

#endif
