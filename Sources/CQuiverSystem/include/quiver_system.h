#ifndef QUIVER_SYSTEM_H
#define QUIVER_SYSTEM_H

#include <spawn.h>

/// Creates a pipe whose two ends are closed on exec (pipe2 with O_CLOEXEC, atomically, so a
/// process spawned by another thread never inherits them). Returns 0, or -1 with errno set.
int quiver_pipe_cloexec(int fds[2]);

/// Adds a change of directory to spawn file actions (posix_spawn_file_actions_addchdir_np).
/// Returns 0, or an error number.
int quiver_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *path);

/// Closes every descriptor from `lowest` up in the child (after the dup2 actions), so a child never
/// inherits the host's descriptors: neither their contents nor the ends of other children's pipes,
/// which would keep those pipes open. Returns 0, or an errno (ENOSYS where the C library lacks
/// posix_spawn_file_actions_addclosefrom_np: glibc before 2.34).
int quiver_spawn_add_closefrom(posix_spawn_file_actions_t *actions, int lowest);

#endif
