/*
 * topics — the topic rules (data/topics.txt and the user's override) and
 * page_topics(), which puts an article in every topic one of whose words
 * it holds. The file format is described in data/topics.txt itself:
 *
 *     topic: word word ~weakword
 *
 * A word counts when it appears in the kicker, lead-in or headline, or in
 * the body (paragraphs and captions); a weak word (~) counts only in the
 * kicker, lead-in or headline, or when the body holds it at least twice.
 * Matching is on folded text (full-width ASCII as ASCII, lower case).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page/context_private.h"
#include "page/page_private.h"

static struct topic *find_topic(struct topic_rules *r, const char *name,
				size_t len)
{
	for (size_t i = 0; i < r->count; i++)
		if (strlen(r->topics[i].name) == len &&
		    memcmp(r->topics[i].name, name, len) == 0)
			return &r->topics[i];
	return NULL;
}

static void topic_clear_words(struct topic *t)
{
	for (size_t i = 0; i < t->n_words; i++)
		free(t->words[i].text);
	t->n_words = 0;
}

static struct topic *add_topic(struct topic_rules *r, const char *name,
			       size_t len)
{
	struct topic *t;

	if (r->count == r->capacity) {
		size_t cap = r->capacity ? r->capacity * 2 : 32;
		struct topic *n = realloc(r->topics, cap * sizeof *n);

		if (!n)
			return NULL;
		r->topics = n;
		r->capacity = cap;
	}
	t = &r->topics[r->count];
	memset(t, 0, sizeof *t);
	t->name = strndup(name, len);
	if (!t->name)
		return NULL;
	r->count++;
	return t;
}

static int add_word(struct topic *t, const char *w, size_t len, bool weak)
{
	char *raw, *folded;

	if (t->n_words == t->capacity) {
		size_t cap = t->capacity ? t->capacity * 2 : 16;
		struct topic_word *n = realloc(t->words, cap * sizeof *n);

		if (!n)
			return -1;
		t->words = n;
		t->capacity = cap;
	}
	raw = strndup(w, len);
	if (!raw)
		return -1;
	folded = text_fold_string(raw);
	free(raw);
	if (!folded)
		return -1;
	for (size_t i = 0; i < t->n_words; i++)
		if (strcmp(t->words[i].text, folded) == 0) {
			t->words[i].weak = t->words[i].weak && weak;
			free(folded);
			return 0;
		}
	t->words[t->n_words].text = folded;
	t->words[t->n_words].len = strlen(folded);
	t->words[t->n_words].weak = weak;
	t->n_words++;
	return 0;
}

/* Length of a separator between words at s (0 when none): ASCII blanks,
 * the ideographic space, 、 ， and ,. */
static size_t separator(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == ',')
		return 1;
	if (strncmp(s, "\xE3\x80\x80", 3) == 0 || /* ideographic space */
	    strncmp(s, "、", strlen("、")) == 0 ||
	    strncmp(s, "，", strlen("，")) == 0)
		return 3;
	return 0;
}

static size_t skip_separators(const char *s, size_t i, size_t end)
{
	size_t n;

	while (i < end && (n = separator(s + i)) > 0)
		i += n;
	return i;
}

/* Parses one line (comment already cut at end). */
static int parse_line(struct topic_rules *r, char *s, size_t end,
		      const char *path, int line, char *err, size_t errlen)
{
	size_t i = skip_separators(s, 0, end), colon, name_end, n;
	struct topic *t;
	const char *c;

	if (i == end)
		return 0;
	c = strstr(s + i, "：");
	colon = c ? (size_t)(c - s) : end;
	for (size_t j = i; j < end && j < colon; j++)
		if (s[j] == ':') {
			colon = j;
			break;
		}
	if (colon >= end) {
		snprintf(err, errlen,
			 "%s:%d: expected \"topic: word word ...\"", path, line);
		return -1;
	}
	name_end = colon;
	while (name_end > i && (n = separator(s + name_end - 1)) == 1)
		name_end--;
	if (name_end == i) {
		snprintf(err, errlen, "%s:%d: a topic needs a name before ':'",
			 path, line);
		return -1;
	}
	for (size_t j = i; j < name_end; j++)
		if (separator(s + j) > 0) {
			snprintf(err, errlen,
				 "%s:%d: a topic's name cannot hold spaces "
				 "or commas",
				 path, line);
			return -1;
		}
	t = find_topic(r, s + i, name_end - i);
	if (!t) {
		t = add_topic(r, s + i, name_end - i);
		if (!t)
			goto oom;
	} else if (t->file != r->files) {
		topic_clear_words(t); /* a later file replaces the topic */
	}
	t->file = r->files;
	i = colon + (s[colon] == ':' ? 1 : strlen("："));
	for (;;) {
		size_t start;
		bool weak = false;

		i = skip_separators(s, i, end);
		if (i >= end)
			break;
		if (s[i] == '~') {
			weak = true;
			i++;
		}
		start = i;
		while (i < end && separator(s + i) == 0)
			i++;
		if (i == start) {
			snprintf(err, errlen, "%s:%d: '~' needs a word after it",
				 path, line);
			return -1;
		}
		if (memchr(s + start, ':', i - start)) {
			snprintf(err, errlen,
				 "%s:%d: one topic a line (a second ':' found)",
				 path, line);
			return -1;
		}
		if (add_word(t, s + start, i - start, weak) < 0)
			goto oom;
	}
	return 0;
oom:
	snprintf(err, errlen, "%s:%d: out of memory", path, line);
	return -1;
}

int topics_load(struct topic_rules *r, const char *path, bool must_exist,
		char *err, size_t errlen)
{
	char *buf = NULL, *s;
	size_t len;
	int line = 0, rc = -1;

	if (page_slurp(path, &buf, &len) < 0) {
		if (errno == ENOENT && !must_exist)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!text_utf8_valid(buf, len) || memchr(buf, '\0', len)) {
		snprintf(err, errlen, "%s: not UTF-8 text", path);
		goto out;
	}
	r->files++;
	s = buf;
	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (*s) {
		char *nl = strchr(s, '\n'), *hash;
		size_t end = nl ? (size_t)(nl - s) : strlen(s);

		line++;
		if (end > 0 && s[end - 1] == '\r')
			end--;
		hash = memchr(s, '#', end);
		if (hash)
			end = (size_t)(hash - s);
		s[end] = '\0';
		if (parse_line(r, s, end, path, line, err, errlen) < 0)
			goto out;
		if (!nl)
			break;
		s = nl + 1;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}

static int ref_cmp(const void *pa, const void *pb)
{
	const struct word_ref *a = pa, *b = pb;

	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	if (a->topic != b->topic)
		return a->topic < b->topic ? -1 : 1;
	return a->word < b->word ? -1 : a->word > b->word;
}

/* Every word, sorted by first code point, with a hash from the first code
 * point to its run: a scan of an article costs one lookup a character. */
static int build_index(struct topic_rules *r)
{
	size_t n = 0, distinct = 0, cap = 16;

	for (size_t i = 0; i < r->count; i++)
		n += r->topics[i].n_words;
	r->refs = malloc((n ? n : 1) * sizeof *r->refs);
	if (!r->refs)
		return -1;
	for (size_t i = 0; i < r->count; i++)
		for (size_t j = 0; j < r->topics[i].n_words; j++) {
			const struct topic_word *w = &r->topics[i].words[j];
			struct word_ref *ref = &r->refs[r->n_refs++];

			ref->first = page_first_cp(w->text, w->len);
			ref->topic = (uint32_t)i;
			ref->word = (uint32_t)j;
		}
	qsort(r->refs, r->n_refs, sizeof *r->refs, ref_cmp);
	for (size_t i = 0; i < r->n_refs; i++)
		if (i == 0 || r->refs[i].first != r->refs[i - 1].first)
			distinct++;
	while (cap < distinct * 2)
		cap *= 2;
	r->buckets = calloc(cap, sizeof *r->buckets);
	if (!r->buckets)
		return -1;
	r->n_buckets = cap;
	for (size_t i = 0; i < r->n_refs;) {
		size_t j = i;
		uint32_t h = page_cp_hash(r->refs[i].first) & (cap - 1);

		while (j < r->n_refs && r->refs[j].first == r->refs[i].first)
			j++;
		if (r->refs[i].first != 0) { /* 0: a word of stray bytes */
			while (r->buckets[h].cp != 0)
				h = (h + 1) & (cap - 1);
			r->buckets[h].cp = r->refs[i].first;
			r->buckets[h].start = (uint32_t)i;
			r->buckets[h].count = (uint32_t)(j - i);
		}
		i = j;
	}
	return 0;
}

int topics_finish(struct topic_rules *r)
{
	size_t kept = 0;

	for (size_t i = 0; i < r->count; i++) {
		if (r->topics[i].n_words == 0) {
			free(r->topics[i].name);
			free(r->topics[i].words);
			continue;
		}
		r->topics[kept++] = r->topics[i];
	}
	r->count = kept;
	return build_index(r);
}

void topics_free(struct topic_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->count; i++) {
		topic_clear_words(&r->topics[i]);
		free(r->topics[i].name);
		free(r->topics[i].words);
	}
	free(r->topics);
	free(r->refs);
	free(r->buckets);
	memset(r, 0, sizeof *r);
}

/* ---- Matching ------------------------------------------------------------ */

/* Appends s to out folded as text_fold does (full-width ASCII to ASCII,
 * the ideographic space to a space, A-Z to a-z), byte by byte, then a
 * newline. out has room: folding never lengthens. */
static size_t fold_append(char *out, size_t o, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	for (size_t i = 0; s[i];) {
		unsigned char c = s[i];

		if (c == 0xEF && s[i + 1] == 0xBC && s[i + 2] >= 0x81 &&
		    s[i + 2] <= 0xBF) {
			c = (unsigned char)(s[i + 2] - 0x81 + 0x21);
			i += 3;
		} else if (c == 0xEF && s[i + 1] == 0xBD && s[i + 2] >= 0x80 &&
			   s[i + 2] <= 0x9E) {
			c = (unsigned char)(s[i + 2] - 0x80 + 0x60);
			i += 3;
		} else if (c == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80) {
			c = ' ';
			i += 3;
		} else {
			i++;
		}
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 'a' - 'A');
		out[o++] = (char)c;
	}
	out[o++] = '\n';
	return o;
}

/* Counts the words of every topic in text: in head (a flag) or in body (up
 * to 2 occurrences). */
static void scan(const struct topic_rules *r, const char *text, size_t len,
		 unsigned char *head, unsigned char *body)
{
	for (size_t p = 0; p < len; p += page_char_length(text + p, len - p)) {
		uint32_t cp = page_first_cp(text + p, len - p), h;
		const struct name_bucket *bk;

		if (cp == 0 || cp == '\n' || cp == ' ')
			continue;
		h = page_cp_hash(cp) & (uint32_t)(r->n_buckets - 1);
		while (r->buckets[h].cp != 0 && r->buckets[h].cp != cp)
			h = (h + 1) & (uint32_t)(r->n_buckets - 1);
		bk = &r->buckets[h];
		for (size_t i = bk->start; bk->cp != 0 && i < bk->start + bk->count;
		     i++) {
			const struct word_ref *ref = &r->refs[i];
			const struct topic_word *w =
				&r->topics[ref->topic].words[ref->word];

			if (w->len > len - p || memcmp(w->text, text + p, w->len))
				continue;
			if (head)
				head[i] = 1;
			else if (body[i] < 2)
				body[i]++;
		}
	}
}

int page_topics(const struct page_context *ctx, struct article *a)
{
	const struct topic_rules *r = &ctx->topics;
	const char *head_parts[3] = {a->kicker, a->lead_in, a->headline};
	size_t head_len = 1, body_len = 1, o;
	char *head = NULL, *body = NULL;
	unsigned char *hit = NULL;
	int rc = -1;

	text_list_free(&a->topics);
	if (r->n_refs == 0 || r->n_buckets == 0)
		return 0;
	for (size_t i = 0; i < 3; i++)
		if (head_parts[i])
			head_len += strlen(head_parts[i]) + 1;
	for (size_t i = 0; i < a->paragraphs.count; i++)
		body_len += strlen(a->paragraphs.items[i]) + 1;
	for (size_t i = 0; i < a->captions.count; i++)
		body_len += strlen(a->captions.items[i]) + 1;
	head = malloc(head_len);
	body = malloc(body_len);
	hit = calloc(2 * r->n_refs, 1);
	if (!head || !body || !hit)
		goto out;
	o = 0;
	for (size_t i = 0; i < 3; i++)
		if (head_parts[i])
			o = fold_append(head, o, head_parts[i]);
	head_len = o;
	o = 0;
	for (size_t i = 0; i < a->paragraphs.count; i++)
		o = fold_append(body, o, a->paragraphs.items[i]);
	for (size_t i = 0; i < a->captions.count; i++)
		o = fold_append(body, o, a->captions.items[i]);
	body_len = o;
	scan(r, head, head_len, hit, NULL);
	scan(r, body, body_len, NULL, hit + r->n_refs);
	/* refs are sorted by first code point: a topic's words are spread */
	for (size_t t = 0; t < r->count; t++) {
		bool in = false;

		for (size_t i = 0; i < r->n_refs && !in; i++) {
			const struct word_ref *ref = &r->refs[i];

			if (ref->topic != t)
				continue;
			in = hit[i] ||
			     hit[r->n_refs + i] >=
				     (r->topics[t].words[ref->word].weak ? 2 : 1);
		}
		if (in && text_list_add(&a->topics, r->topics[t].name,
					(size_t)-1) < 0)
			goto out;
	}
	rc = 0;
out:
	free(head);
	free(body);
	free(hit);
	return rc;
}
