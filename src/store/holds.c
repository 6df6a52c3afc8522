/*
 * holds.c — the SQL function cjk_holds(run, text...), true when any of the
 * texts holds run as the tokenizer folds text (fts_cjk.c): case, width and
 * Traditional to Simplified, so that 工会 is held by 工會 and 工会 alike.
 * It stands for instr() where a search reads articles instead of the index
 * (list.c): the two must agree with FTS5 on which articles match.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"
#include "text/text.h"

/* Code points that fold to the first character of a run: more than this
 * many (none has more than 5) and the test falls back to folding each. */
#define HOLDS_FIRSTS 16

/* A run prepared once per statement (sqlite3_set_auxdata). */
struct holds_run {
	size_t nfirsts;               /* 0: fold every character instead */
	uint32_t firsts[HOLDS_FIRSTS];
	uint32_t first;               /* the first character, folded */
	char run[];                   /* the run as given */
};

static struct holds_run *holds_prepare(const char *run)
{
	size_t len = strlen(run), n;
	struct holds_run *h = malloc(sizeof *h + len + 1);
	uint32_t cp = 0;

	if (!h)
		return NULL;
	memcpy(h->run, run, len + 1);
	n = text_utf8_decode(run, len, &cp);
	h->first = n ? text_fold_search(cp) : TEXT_REPLACEMENT;
	h->nfirsts = 0;
	/* only a Han character's sources are all in the table: letters fold
	 * from capitals and full width too */
	if (n && text_is_han(h->first)) {
		h->nfirsts = text_fold_han_sources(h->first, h->firsts,
						   HOLDS_FIRSTS);
		if (h->nfirsts > HOLDS_FIRSTS)
			h->nfirsts = 0;
	}
	return h;
}

static bool holds_first(const struct holds_run *h, uint32_t cp)
{
	if (h->nfirsts == 0)
		return text_fold_search(cp) == h->first;
	for (size_t i = 0; i < h->nfirsts; i++)
		if (h->firsts[i] == cp)
			return true;
	return false;
}

static bool holds_text(const struct holds_run *h, const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		if (holds_first(h, cp) && text_folded_prefix(s + i, len - i,
							     h->run) > 0)
			return true;
		i += n;
	}
	return false;
}

static void holds_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct holds_run *h = sqlite3_get_auxdata(ctx, 0);
	const unsigned char *run = sqlite3_value_text(argv[0]);

	if (!run || !*run) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	if (!h) {
		h = holds_prepare((const char *)run);
		if (!h) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		sqlite3_set_auxdata(ctx, 0, h, free);
		h = sqlite3_get_auxdata(ctx, 0); /* may have been freed */
		if (!h)
			h = holds_prepare((const char *)run);
		if (!h) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	for (int i = 1; i < argc; i++) {
		const unsigned char *text = sqlite3_value_text(argv[i]);

		if (text && holds_text(h, (const char *)text,
				       (size_t)sqlite3_value_bytes(argv[i]))) {
			sqlite3_result_int(ctx, 1);
			goto out;
		}
	}
	sqlite3_result_int(ctx, 0);
out:
	if (h != sqlite3_get_auxdata(ctx, 0))
		free(h);
}

int store_holds_register(sqlite3 *db, char *err, size_t errlen)
{
	int rc = sqlite3_create_function(db, "cjk_holds", -1,
					 SQLITE_UTF8 | SQLITE_DETERMINISTIC |
						 SQLITE_INNOCUOUS,
					 NULL, holds_function, NULL, NULL);

	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot register cjk_holds: %s",
			 sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}
