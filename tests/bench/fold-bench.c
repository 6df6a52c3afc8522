/*
 * fold-bench — what the Traditional-to-Simplified fold costs per character,
 * away from everything else: reads the files given, decodes their text once
 * into code points, then times folding every one of them as the tokenizer
 * does (text_fold_search: width and case, then text_fold_han) against the
 * same loop without the Traditional fold (text_fold alone), best of a few
 * rounds each. Prints one line of JSON: characters, Han characters,
 * characters the fold changed, and the seconds of each loop.
 *
 *   build/fold-bench FILE...
 *
 * tests/bench/run compares the difference with the import's time: the
 * fold's own share of it, a figure the machine's load hardly moves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"

#define ROUNDS 5

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Appends the code points of the file at path to *cps. */
static int read_cps(const char *path, uint32_t **cps, size_t *n, size_t *cap)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len;
	size_t i = 0;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || !(buf = malloc((size_t)len + 1)) ||
	    fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	while (i < (size_t)len) {
		uint32_t cp;
		size_t k = text_utf8_decode(buf + i, (size_t)len - i, &cp);

		if (*n == *cap) {
			size_t ncap = *cap ? *cap * 2 : 1 << 20;
			uint32_t *p = realloc(*cps, ncap * sizeof *p);

			if (!p) {
				free(buf);
				return -1;
			}
			*cps = p;
			*cap = ncap;
		}
		(*cps)[(*n)++] = k ? cp : TEXT_REPLACEMENT;
		i += k ? k : 1;
	}
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	uint32_t *cps = NULL;
	size_t n = 0, cap = 0, han = 0, changed = 0;
	double best_fold = 1e9, best_plain = 1e9;
	volatile uint32_t sink = 0;

	for (int a = 1; a < argc; a++)
		if (read_cps(argv[a], &cps, &n, &cap) != 0) {
			fprintf(stderr, "fold-bench: cannot read %s\n", argv[a]);
			free(cps);
			return 1;
		}
	for (size_t i = 0; i < n; i++) {
		han += text_is_han(cps[i]);
		changed += text_fold_han(cps[i]) != cps[i];
	}
	for (int r = 0; r < ROUNDS; r++) {
		uint32_t acc = 0;
		double t = now();

		for (size_t i = 0; i < n; i++)
			acc += text_fold_search(cps[i]);
		t = now() - t;
		best_fold = t < best_fold ? t : best_fold;
		sink += acc;
		acc = 0;
		t = now();
		for (size_t i = 0; i < n; i++)
			acc += text_fold(cps[i]);
		t = now() - t;
		best_plain = t < best_plain ? t : best_plain;
		sink += acc;
	}
	printf("{\"chars\":%zu,\"han\":%zu,\"changed\":%zu,\"fold_secs\":%.6f,"
	       "\"plain_secs\":%.6f}\n", n, han, changed, best_fold,
	       best_plain);
	free(cps);
	(void)sink;
	return 0;
}
