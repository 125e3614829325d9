/* Children for exec requests (see server_conn.h). */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "net/server_conn.h"
#include "net/socket.h"

int sshc_spawn_shell(const char *command, pid_t *pid, int *in_fd, int *out_fd, int *err_fd)
{
    int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
    if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) {
        int fds[] = {in[0], in[1], out[0], out[1], err[0], err[1]};
        for (size_t i = 0; i < 6; i++) {
            if (fds[i] >= 0) {
                close(fds[i]);
            }
        }
        return SSHC_E_IO;
    }
    pid_t p = fork();
    if (p == 0) {
        /* Child: the pipes become stdio (dup2 clears close-on-exec), signals reset. */
        signal(SIGPIPE, SIG_DFL);
        signal(SIGCHLD, SIG_DFL);
        setsid();
        if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0) {
            _exit(127);
        }
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    if (p < 0) {
        close(in[1]);
        close(out[0]);
        close(err[0]);
        return SSHC_E_IO;
    }
    sshc_set_nonblock(in[1]);
    sshc_set_nonblock(out[0]);
    sshc_set_nonblock(err[0]);
    *pid = p;
    *in_fd = in[1];
    *out_fd = out[0];
    *err_fd = err[0];
    return SSHC_OK;
}

const char *sshc_signal_name(int sig)
{
    /* RFC 4254 §6.10 names, without "SIG". */
    switch (sig) {
    case SIGABRT: return "ABRT";
    case SIGALRM: return "ALRM";
    case SIGFPE: return "FPE";
    case SIGHUP: return "HUP";
    case SIGILL: return "ILL";
    case SIGINT: return "INT";
    case SIGKILL: return "KILL";
    case SIGPIPE: return "PIPE";
    case SIGQUIT: return "QUIT";
    case SIGSEGV: return "SEGV";
    case SIGTERM: return "TERM";
    case SIGUSR1: return "USR1";
    case SIGUSR2: return "USR2";
    default: return NULL;
    }
}
