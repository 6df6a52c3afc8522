/*
 * files — what the commands say about a path that is not what they want:
 * the kind of file it names, for messages such as "not a regular file (a
 * named pipe)".
 */
#include <sys/stat.h>

#include "cli/cli.h"

const char *cli_file_kind(mode_t mode)
{
	if (S_ISREG(mode))
		return "a regular file";
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISFIFO(mode))
		return "a named pipe";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "an unknown kind of file";
}
