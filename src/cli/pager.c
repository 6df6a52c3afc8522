/*
 * pager — long output to a terminal goes through the user's pager, as
 * git's does: only when standard output is a terminal and --no-pager was
 * not given; $BULLETIN_PAGER, else $PAGER, else less (with LESS=FRX when
 * LESS is unset: quit at once when it fits one screen, colours through, no
 * screen clearing); "" or "cat" is no pager. The pager is run as
 * `/bin/sh -c "$PAGER"`, the string being the user's own setting and
 * nothing else (no page text, no file name), with the program's output on
 * its standard input. When the user quits the pager early, what is left
 * to write is dropped quietly: SIGPIPE is ignored while it runs and the
 * write error it leaves is no failure (cli_flush).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"

static const char *pager_command(void)
{
	const char *pager = getenv("BULLETIN_PAGER");

	if (!pager)
		pager = getenv("PAGER");
	if (!pager)
		pager = "less";
	if (!*pager || strcmp(pager, "cat") == 0)
		return NULL;
	return pager;
}

void cli_pager_start(struct cli *cli)
{
	const char *pager;
	int fds[2];
	pid_t pid;

	if (cli->no_pager || cli->pager > 0 || !isatty(STDOUT_FILENO))
		return;
	pager = pager_command();
	if (!pager)
		return;
	fflush(stdout);
	if (pipe(fds) < 0)
		return; /* no pager: the output goes to the terminal */
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		close(fds[1]);
		if (dup2(fds[0], STDIN_FILENO) < 0)
			_exit(127);
		close(fds[0]);
		if (!getenv("LESS"))
			setenv("LESS", "FRX", 1);
		if (!getenv("LV"))
			setenv("LV", "-c", 1);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	if (dup2(fds[1], STDOUT_FILENO) < 0) {
		close(fds[1]);
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		return;
	}
	close(fds[1]);
	/* the user quits the pager with q, not ^C: ^C goes to the pager, and
	 * this program waits for it rather than leave it on the terminal */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	cli->pager = pid;
}

int cli_flush(const struct cli *cli)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);

	if (!failed)
		return EXIT_DONE;
	/* a pipe to the pager fails only when the pager is gone: the user
	 * has read enough */
	return cli->pager > 0 ? EXIT_DONE : EXIT_FAIL;
}

bool cli_output_gone(const struct cli *cli)
{
	return cli->pager > 0 && ferror(stdout);
}

int cli_pager_end(struct cli *cli, int status)
{
	int ws = 0;
	pid_t r;

	if (cli->pager <= 0)
		return status;
	fflush(stdout);
	close(STDOUT_FILENO); /* the pager sees the end of the text */
	do
		r = waitpid(cli->pager, &ws, 0);
	while (r < 0 && errno == EINTR);
	cli->pager = 0;
	if (r > 0 && WIFEXITED(ws) &&
	    (WEXITSTATUS(ws) == 126 || WEXITSTATUS(ws) == 127)) {
		cli_error(cli,
			  "the pager '%s' could not be run (--no-pager "
			  "or PAGER=cat goes without)",
			  pager_command());
		return status == EXIT_DONE ? EXIT_FAIL : status;
	}
	return status;
}
