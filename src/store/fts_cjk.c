/*
 * fts_cjk.c — the FTS5 tokenizer "cjk", which lets a search find any run of
 * Chinese characters, from one character up, and Latin words and numbers.
 *
 * Documents (and FTS5's auxiliary functions) are cut like this:
 *   - a run of CJK characters (Han, kana, hangul) gives its overlapping
 *     bigrams, then the run's last character alone: 发展中 gives 发展, 展中,
 *     中; a run of one character gives that character;
 *   - letters and digits form words, folded with text_fold (lower case,
 *     full-width to half width): "ＣＰＲ" and "cpr" are both the token cpr;
 *   - CJK characters are folded from Traditional to Simplified, one
 *     character for one (text_fold_han): 工會 gives the token 工会. Folding
 *     both the text and the query with the same one-valued fold loses no
 *     match where a Simplified character stands for several Traditional
 *     ones (後 and 后 both give 后, 發 and 髮 both 发): a search for 后 finds
 *     後 and 后, as a search for 後 does; it only cannot tell them apart;
 *   - everything else (spaces, punctuation, symbols, invalid bytes)
 *     separates and is not indexed.
 * The closing unigram of each run is what makes every occurrence of a single
 * character findable: the prefix query "发"* matches the bigrams that start
 * with 发 (发 inside a run) and the unigram 发 (发 at the end of a run). It
 * also keeps a phrase of bigrams from running on into the next run: between
 * two runs there is always a token that no bigram equals.
 *
 * Queries are cut the same way, except that a run of two or more characters
 * that ends the query string (only separators after it) gives no closing
 * unigram: 发展 must match inside 发展中 too. A query that ends with a lone
 * character needs the prefix mark; query.c adds it.
 *
 * Token offsets are the exact bytes of the original text (highlighting uses
 * them); token text is folded. The Traditional fold keeps each character's
 * byte length, so a token's text is as long as the bytes it came from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"
#include "text/text.h"

/* Words of Latin letters and digits longer than this are cut to it (on a
 * character boundary), the same way in documents and queries. */
#define CJK_WORD_MAX 256

enum store_cjk_class store_cjk_class(uint32_t cp)
{
	cp = text_fold(cp);
	if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z'))
		return STORE_CJK_WORD;
	if (cp < 0x80)
		return STORE_CJK_SEPARATOR;
	if (text_is_han(cp) || (cp >= 0x3041 && cp <= 0x3096) ||
	    (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC ||
	    (cp >= 0xAC00 && cp <= 0xD7A3))
		return STORE_CJK_IDEOGRAPH;
	if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	    (cp >= 0x386 && cp <= 0x3FF && cp != 0x387 && cp != 0x3F6) ||
	    (cp >= 0x400 && cp <= 0x4FF))
		return STORE_CJK_WORD;
	return STORE_CJK_SEPARATOR;
}

/* One character of the text: its class, its folded code point, its bytes. */
struct cjk_char {
	enum store_cjk_class cls;
	uint32_t folded;
	int start, end;
};

static struct cjk_char char_at(const char *text, int len, int i)
{
	struct cjk_char c = {STORE_CJK_SEPARATOR, 0, i, i + 1};
	uint32_t cp;
	size_t n = text_utf8_decode(text + i, (size_t)(len - i), &cp);

	if (n == 0)
		return c;
	c.end = i + (int)n;
	c.folded = text_fold_search(cp);
	c.cls = store_cjk_class(cp);
	return c;
}

/* True when nothing but separators follows byte i. */
static bool only_separators_from(const char *text, int len, int i)
{
	while (i < len) {
		struct cjk_char c = char_at(text, len, i);

		if (c.cls != STORE_CJK_SEPARATOR)
			return false;
		i = c.end;
	}
	return true;
}

typedef int (*token_fn)(void *ctx, int flags, const char *token, int n,
			int start, int end);

/* Emits the word starting at byte i; returns the byte after it, or -1
 * with *rc set when xToken fails. */
static int emit_word(const char *text, int len, int i, void *ctx,
		     token_fn token, int *rc)
{
	char buf[CJK_WORD_MAX + 4];
	int n = 0, start = i;

	while (i < len) {
		struct cjk_char c = char_at(text, len, i);

		if (c.cls != STORE_CJK_WORD)
			break;
		if (n + 4 <= CJK_WORD_MAX)
			n += (int)text_utf8_encode(c.folded, buf + n);
		else
			n = CJK_WORD_MAX + 1; /* full: keep what fits */
		i = c.end;
	}
	if (n > CJK_WORD_MAX)
		n = (int)text_utf8_prefix(buf, CJK_WORD_MAX, CJK_WORD_MAX);
	*rc = token(ctx, 0, buf, n, start, i);
	return *rc == SQLITE_OK ? i : -1;
}

/* Emits the bigrams of the run of CJK characters at byte i and its closing
 * unigram; returns the byte after the run, or -1 with *rc set. */
static int emit_run(const char *text, int len, int i, bool query, void *ctx,
		    token_fn token, int *rc)
{
	struct cjk_char prev = char_at(text, len, i), c;
	char buf[8];
	int count = 1, n;

	i = prev.end;
	while (i < len) {
		c = char_at(text, len, i);
		if (c.cls != STORE_CJK_IDEOGRAPH)
			break;
		n = (int)text_utf8_encode(prev.folded, buf);
		n += (int)text_utf8_encode(c.folded, buf + n);
		*rc = token(ctx, 0, buf, n, prev.start, c.end);
		if (*rc != SQLITE_OK)
			return -1;
		prev = c;
		count++;
		i = c.end;
	}
	if (count == 1 || !query || !only_separators_from(text, len, i)) {
		n = (int)text_utf8_encode(prev.folded, buf);
		*rc = token(ctx, 0, buf, n, prev.start, prev.end);
		if (*rc != SQLITE_OK)
			return -1;
	}
	return i;
}

static int cjk_tokenize(Fts5Tokenizer *tokenizer, void *ctx, int flags,
			const char *text, int len, token_fn token)
{
	bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	int i = 0, rc = SQLITE_OK;

	(void)tokenizer;
	if (!text || len <= 0)
		return SQLITE_OK;
	while (i < len) {
		struct cjk_char c = char_at(text, len, i);

		if (c.cls == STORE_CJK_WORD)
			i = emit_word(text, len, i, ctx, token, &rc);
		else if (c.cls == STORE_CJK_IDEOGRAPH)
			i = emit_run(text, len, i, query, ctx, token, &rc);
		else
			i = c.end;
		if (i < 0)
			return rc;
	}
	return SQLITE_OK;
}

/* The tokenizer keeps no state; FTS5 still wants a non-NULL instance. */
struct cjk_tokenizer {
	int unused;
};

static int cjk_create(void *udata, const char **argv, int argc,
		      Fts5Tokenizer **out)
{
	struct cjk_tokenizer *t;

	(void)udata;
	(void)argv;
	if (argc > 0)
		return SQLITE_ERROR; /* "cjk" takes no options */
	t = calloc(1, sizeof *t);
	if (!t)
		return SQLITE_NOMEM;
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void cjk_delete(Fts5Tokenizer *t)
{
	free(t);
}

int store_fts_cjk_register(sqlite3 *db, char *err, size_t errlen)
{
	fts5_tokenizer methods = {cjk_create, cjk_delete, cjk_tokenize};
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;

	rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "full-text search is not available: %s",
			 sqlite3_errmsg(db));
		goto out;
	}
	rc = sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot reach full-text search: %s",
			 sqlite3_errmsg(db));
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW || !api || api->iVersion < 2) {
		snprintf(err, errlen, "this SQLite's full-text search is too old");
		goto out;
	}
	rc = api->xCreateTokenizer(api, "cjk", NULL, &methods, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot register the cjk tokenizer: %s",
			 sqlite3_errstr(rc));
		goto out;
	}
	if (store_rank_register(api, err, errlen) != 0 ||
	    store_pack_register(api, err, errlen) != 0 ||
	    store_holds_register(db, err, errlen) != 0)
		goto out;
	ret = 0;
out:
	sqlite3_finalize(st);
	return ret;
}
