/*
 * encoding.c — reading a page's bytes as text: detecting the encoding,
 * converting to UTF-8, and refusing what is not text.
 *
 * Detection tries, in order: a byte order mark; strict UTF-8 (our own
 * validator: iconv's UTF-8 decoder passes 5- and 6-byte forms and code points
 * above U+10FFFF); UTF-16 by its pattern of NUL bytes (ASCII characters in
 * UTF-16LE have their NUL at odd offsets, in UTF-16BE at even ones); then
 * GB18030 against Big5. These two decode each other's bytes without error,
 * so both readings are made and each is scored by how many of its Han
 * characters are among the most frequent ones of Chinese text; the higher
 * score wins. Garbage from the wrong reading seldom hits a frequent
 * character.
 *
 * Conversion runs through iconv in fixed-size chunks: a character cut at a
 * chunk's end (EINVAL) is carried into the next chunk, an invalid byte
 * (EILSEQ) is skipped, counted and replaced with U+FFFD.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/text.h"

#define CHUNK_BYTES 4096

/* The replacement character, as UTF-8. */
#define REPLACEMENT_UTF8 "\xEF\xBF\xBD"

/*
 * The 400 most frequent Han characters of a year of Simplified Chinese news
 * (about 77 % of all Han characters there), together with their Traditional
 * forms as Big5 has them: 547 characters, sorted by code point so that a
 * binary search over 3-byte steps finds one.
 */
static const char common_han[] =
	"一万三上下不与专世业东两並个中为主举义之"
	"乌也习书了事二于互五亚亞交产京人亿今从他"
	"代以们任企伊众优会传位体作來供促俄保信個"
	"們備傳億優元克党入內全兩公兰共关兴其内军"
	"农决准出击分划列创利到制前創劃力办加务动"
	"势動務勢化北区區十升华协協南历原参參及双"
	"发取受口可台各合同名后向员周命和品員商問"
	"四团国國團在地场坚型城域基堅報場境增备复"
	"外多大天央好委学學安完定实客家實对导将將"
	"專對導小尔就局屆届展山州工已巴市布带席帶"
	"常干平年并幹广应度廣建开式引強强当後得從"
	"復心志快态思性总息情想意愿態應成我战戰打"
	"技投护报拉持指据接推提播擊據支收改放政效"
	"教数數文断斯新斷方於施旅日时明春是显時智"
	"更書最會月有服朗期本术机李村来東极构果查"
	"标核案業極構標模機次正此步武歷比民气氣水"
	"求江決沙河治法活流济海消深游源準濟火点烏"
	"爾物特环现現球理環生產用电界略當發的目相"
	"省看着研确確示社神种科积称程種稱稳積穩空"
	"突立第等策管節精系約級組結統經維網線總織"
	"續约级线组织经结统续维网罗羅美群義習者联"
	"聞聯育能自至致臺與興舉航色节華萬落蘭融行"
	"術表装裝西要見規視见规视解計記設調論議護"
	"计议记论设调費貿資質质贸费资起超路車軍车"
	"辦農边达过运近还这进這通速造進遊運過道達"
	"還邊部里重量金長长門開間關门问间闻队防际"
	"院隊際集雙電面革項預領題願顯项预领题風风"
	"首馬马體高點黨";

/* A growing UTF-8 output buffer; data always has room for a final NUL. */
struct output {
	char *data;
	size_t length;
	size_t capacity;
};

static int output_reserve(struct output *o, size_t more)
{
	size_t capacity = o->capacity ? o->capacity : 256;
	char *data;

	while (capacity - o->length < more + 1) {
		if (capacity > (size_t)-1 / 2)
			return -1;
		capacity *= 2;
	}
	if (capacity == o->capacity)
		return 0;
	data = realloc(o->data, capacity);
	if (!data)
		return -1;
	o->data = data;
	o->capacity = capacity;
	return 0;
}

static int output_add(struct output *o, const char *s, size_t len)
{
	if (output_reserve(o, len) < 0)
		return -1;
	memcpy(o->data + o->length, s, len);
	o->length += len;
	return 0;
}

/* Encoding names compared as iconv does: case and '-' or '_' aside. */
static bool same_name(const char *a, const char *b)
{
	for (;;) {
		while (*a == '-' || *a == '_')
			a++;
		while (*b == '-' || *b == '_')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if ((*a | 0x20) != (*b | 0x20))
			return false;
		a++;
		b++;
	}
}

/* The bytes of one code unit: an invalid UTF-16 unit is skipped whole, so
 * that what follows stays aligned. */
static size_t code_unit(const char *encoding)
{
	if (strncasecmp(encoding, "UTF-16", 6) == 0 ||
	    strncasecmp(encoding, "UTF16", 5) == 0 ||
	    strncasecmp(encoding, "UCS-2", 5) == 0)
		return 2;
	if (strncasecmp(encoding, "UTF-32", 6) == 0 ||
	    strncasecmp(encoding, "UTF32", 5) == 0 ||
	    strncasecmp(encoding, "UCS-4", 5) == 0)
		return 4;
	return 1;
}

/* Copies UTF-8 through our strict decoder: each byte that does not start a
 * valid sequence becomes one U+FFFD. */
static int convert_utf8(const char *bytes, size_t len, struct output *o,
			size_t *invalid, size_t *first)
{
	size_t i = 0, start = 0, n;
	uint32_t cp;

	if (output_reserve(o, len) < 0)
		return -1;
	while (i < len) {
		if ((unsigned char)bytes[i] < 0x80) {
			i++;
			continue;
		}
		n = text_utf8_decode(bytes + i, len - i, &cp);
		if (n) {
			i += n;
			continue;
		}
		if (output_add(o, bytes + start, i - start) < 0)
			return -1;
		if (*invalid == 0)
			*first = o->length;
		if (output_add(o, REPLACEMENT_UTF8, 3) < 0)
			return -1;
		(*invalid)++;
		start = ++i;
	}
	return output_add(o, bytes + start, len - start);
}

/*
 * Converts bytes[0..len) from `encoding` to UTF-8 with iconv, handing it
 * `chunk` new bytes at a time. The bytes iconv leaves at a chunk's end
 * because they only begin a character stay in place and are handed again
 * with the next chunk; at the very end of the input they are invalid.
 * Where the first U+FFFD for an invalid byte goes in the output is *first.
 * Returns 0, or -1 with err filled.
 */
static int convert_chunked(const char *bytes, size_t len, const char *encoding,
			   size_t chunk, struct output *o, size_t *invalid,
			   size_t *first, char *err, size_t errlen)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	size_t start = 0, end = 0, unit = code_unit(encoding), skip;
	int status = -1;

	if (cd == (iconv_t)-1) {
		snprintf(err, errlen, "unknown encoding: %s", encoding);
		return -1;
	}
	while (start < len) {
		char *in, *out;
		size_t in_left, out_left, r;

		end = len - end > chunk ? end + chunk : len;
		for (;;) {
			/* four bytes of UTF-8 per input byte are always enough */
			if (output_reserve(o, 4 * (end - start) + 16) < 0)
				goto oom;
			in = (char *)bytes + start;
			in_left = end - start;
			out = o->data + o->length;
			out_left = o->capacity - o->length - 1;
			r = iconv(cd, &in, &in_left, &out, &out_left);
			o->length = (size_t)(out - o->data);
			start = end - in_left;
			if (r != (size_t)-1 || in_left == 0)
				break;
			if (errno == E2BIG) {
				if (output_reserve(o, o->capacity) < 0)
					goto oom;
				continue;
			}
			if (errno == EINVAL && end < len)
				break; /* carried into the next chunk */
			/* EILSEQ, or a character cut by the end of the input:
			 * one code unit is skipped */
			if (*invalid == 0)
				*first = o->length;
			if (output_add(o, REPLACEMENT_UTF8, 3) < 0)
				goto oom;
			skip = end - start < unit ? end - start : unit;
			*invalid += skip;
			start += skip;
			if (start >= end)
				break;
		}
	}
	status = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	iconv_close(cd);
	return status;
}

/* How many characters of the UTF-8 text s[0..len) are frequent Han
 * characters (common_han). */
static size_t common_score(const char *s, size_t len)
{
	size_t count = (sizeof common_han - 1) / 3, score = 0, i = 0;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		size_t lo = 0, hi = count;

		if (b < 0xE3 || b > 0xE9 || len - i < 3) { /* not U+3000–U+9FFF */
			i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
			continue;
		}
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = memcmp(common_han + 3 * mid, s + i, 3);

			if (c == 0) {
				score++;
				break;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		i += 3;
	}
	return score;
}

/* One reading of the input: its text (owned) and what was found in it. */
struct reading {
	struct output text;
	const char *encoding;
	size_t invalid;
	size_t characters;
	size_t controls;
	bool nul;
	size_t first_invalid; /* offset in text of the first U+FFFD for one */
	size_t invalid_line;  /* the line it stands on (1-based), 0: none */
	size_t control_line;  /* the line of the first control character */
};

static void reading_free(struct reading *r)
{
	free(r->text.data);
	r->text.data = NULL;
}

/* Drops a leading U+FEFF and counts characters, controls and NULs. Control
 * characters are C0 other than tab, newline, carriage return and form feed;
 * DEL; C1. Notes the lines of the first invalid byte and the first control
 * character, lines ending as the page reader ends them: at LF (CRLF), and at
 * a lone CR only in a text with no LF. */
static void inspect(struct reading *r)
{
	struct output *t = &r->text;
	size_t i = 0, n, line = 1;
	uint32_t cp;
	bool cr_ends;

	if (t->length >= 3 && memcmp(t->data, "\xEF\xBB\xBF", 3) == 0) {
		memmove(t->data, t->data + 3, t->length - 3);
		t->length -= 3;
		if (r->invalid)
			r->first_invalid -= 3; /* the BOM is valid: it came first */
	}
	t->data[t->length] = '\0';
	cr_ends = memchr(t->data, '\n', t->length) == NULL;
	while (i < t->length) {
		if (r->invalid && i == r->first_invalid)
			r->invalid_line = line;
		n = text_utf8_decode(t->data + i, t->length - i, &cp);
		if (n == 0) { /* never after conversion; counted as control */
			n = 1;
			cp = 0x80;
		}
		i += n;
		r->characters++;
		if (cp == 0)
			r->nul = true;
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' &&
		     cp != '\f') ||
		    (cp >= 0x7F && cp <= 0x9F)) {
			if (r->controls++ == 0)
				r->control_line = line;
		}
		if (cp == '\n' || (cp == '\r' && cr_ends))
			line++;
	}
}

static int read_as(const char *bytes, size_t len, const char *encoding,
		   size_t chunk, struct reading *r, char *err, size_t errlen)
{
	int status;

	memset(r, 0, sizeof *r);
	r->encoding = encoding;
	if (same_name(encoding, "UTF-8")) {
		status = convert_utf8(bytes, len, &r->text, &r->invalid,
				      &r->first_invalid);
		if (status < 0)
			snprintf(err, errlen, "out of memory");
	} else {
		status = convert_chunked(bytes, len, encoding, chunk, &r->text,
					 &r->invalid, &r->first_invalid, err,
					 errlen);
	}
	if (status < 0) {
		reading_free(r);
		return -1;
	}
	inspect(r);
	return 0;
}

/* More than a trace: about 1 %, with a few allowed in any text so that one
 * pasted escape sequence or one damaged character passes in a short page. */
static bool beyond_trace(size_t bad, size_t total)
{
	return bad > 2 && bad * 100 > total;
}

/* Returns 0 when the reading is text, else -1 with err filled. */
static int judge(const struct reading *r, size_t len, char *err, size_t errlen)
{
	size_t percent;

	if (r->nul) {
		snprintf(err, errlen, "not text: holds NUL bytes");
		return -1;
	}
	if (r->characters == 0) {
		snprintf(err, errlen, "empty file");
		return -1;
	}
	if (!beyond_trace(r->invalid + r->controls, r->characters))
		return 0;
	if (r->invalid >= r->controls) {
		percent = (r->invalid * 100 + len / 2) / len;
		snprintf(err, errlen,
			 "not text in %s: %zu %% of bytes invalid, the first on "
			 "line %zu; try --encoding",
			 r->encoding, percent ? percent : 1, r->invalid_line);
	} else {
		percent = (r->controls * 100 + r->characters / 2) / r->characters;
		snprintf(err, errlen,
			 "not text: %zu %% of characters are control characters, "
			 "the first on line %zu",
			 percent ? percent : 1, r->control_line);
	}
	return -1;
}

/* Strict UTF-8 statistics: invalid bytes, and valid sequences of more than
 * one byte. Legacy Chinese bytes make few valid sequences and many invalid
 * bytes; damaged UTF-8 the other way round. */
static void utf8_statistics(const char *bytes, size_t len, size_t *invalid,
			    size_t *multibyte, size_t *first)
{
	size_t i = 0, n;
	uint32_t cp;

	*invalid = *multibyte = *first = 0;
	while (i < len) {
		if ((unsigned char)bytes[i] < 0x80) {
			i++;
			continue;
		}
		n = text_utf8_decode(bytes + i, len - i, &cp);
		if (n) {
			(*multibyte)++;
			i += n;
		} else {
			if ((*invalid)++ == 0)
				*first = i;
			i++;
		}
	}
}

/* The line (1-based) of bytes[at] in an ASCII-compatible text, lines ending
 * as inspect() ends them. */
static size_t line_at(const char *bytes, size_t len, size_t at)
{
	bool cr_ends = memchr(bytes, '\n', len) == NULL;
	size_t line = 1;

	for (size_t i = 0; i < at && i < len; i++)
		if (bytes[i] == '\n' || (bytes[i] == '\r' && cr_ends))
			line++;
	return line;
}

/* Reads bytes that begin with no byte order mark in the encoding they fit
 * best. Returns 0 with *best filled, or -1 with err filled. */
static int detect(const char *bytes, size_t len, size_t chunk,
		  struct reading *best, char *err, size_t errlen)
{
	static const char *const legacy[] = {"GB18030", "BIG5"};
	size_t nul_even = 0, nul_odd = 0, invalid, multibyte, first, score, i;
	size_t best_score = 0;
	struct reading r;
	bool chosen = false;

	for (i = 0; i < len; i++)
		if (bytes[i] == '\0')
			*(i % 2 ? &nul_odd : &nul_even) += 1;
	if (nul_even + nul_odd > 0) {
		/* UTF-16 gives most NULs one parity, and gives them often
		 * enough (a newline or a digit now and then); its reading must
		 * then be text. Anything else is a NUL where text should be. */
		const char *utf16 = NULL;

		if (nul_even + nul_odd >= 2 && nul_even + nul_odd >= len / 400) {
			if (nul_odd >= 9 * nul_even)
				utf16 = "UTF-16LE";
			else if (nul_even >= 9 * nul_odd)
				utf16 = "UTF-16BE";
		}
		if (utf16) {
			if (read_as(bytes, len, utf16, chunk, best, err, errlen) < 0)
				return -1;
			if (judge(best, len, err, errlen) == 0)
				return 0;
			reading_free(best);
		}
		snprintf(err, errlen, "not text: holds NUL bytes");
		return -1;
	}
	utf8_statistics(bytes, len, &invalid, &multibyte, &first);
	if (invalid == 0 || multibyte > invalid)
		return read_as(bytes, len, "UTF-8", chunk, best, err, errlen);

	memset(best, 0, sizeof *best);
	for (i = 0; i < sizeof legacy / sizeof *legacy; i++) {
		if (read_as(bytes, len, legacy[i], chunk, &r, err, errlen) < 0) {
			reading_free(best);
			return -1;
		}
		score = common_score(r.text.data, r.text.length);
		/* on a tie the reading with fewer invalid bytes wins */
		if (score > best_score ||
		    (chosen && score == best_score && r.invalid < best->invalid)) {
			reading_free(best);
			*best = r;
			best_score = score;
			chosen = true;
		} else {
			reading_free(&r);
		}
	}
	if (chosen)
		return 0;
	/* Nothing Chinese in either reading: mostly ASCII with a few stray
	 * bytes is damaged UTF-8; anything else would be a guess. */
	if (!beyond_trace(invalid, len))
		return read_as(bytes, len, "UTF-8", chunk, best, err, errlen);
	snprintf(err, errlen,
		 "cannot tell the encoding (not UTF-8 from line %zu); try "
		 "--encoding GB18030 or --encoding BIG5",
		 line_at(bytes, len, first));
	return -1;
}

/* The line of the first invalid byte or control character, 0: none. */
static size_t first_bad_line(const struct reading *r)
{
	size_t a = r->invalid ? r->invalid_line : 0;
	size_t b = r->controls ? r->control_line : 0;

	return a && b ? (a < b ? a : b) : a ? a : b;
}

/* text_decode with the chunk size given, so that tests can cut the input
 * into pieces of a few bytes. */
static int decode(const char *bytes, size_t len, const char *encoding,
		  size_t chunk, struct text_decoded *out, char *err,
		  size_t errlen)
{
	const unsigned char *u = (const unsigned char *)bytes;
	struct reading r;
	int status;

	if (len == 0) {
		snprintf(err, errlen, "empty file");
		return -1;
	}
	if (chunk == 0)
		chunk = CHUNK_BYTES;
	if (encoding)
		status = read_as(bytes, len, encoding, chunk, &r, err, errlen);
	else if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		status = read_as(bytes, len, "UTF-8", chunk, &r, err, errlen);
	else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		status = read_as(bytes, len, "UTF-16LE", chunk, &r, err, errlen);
	else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		status = read_as(bytes, len, "UTF-16BE", chunk, &r, err, errlen);
	else
		status = detect(bytes, len, chunk, &r, err, errlen);
	if (status < 0)
		return -1;
	if (judge(&r, len, err, errlen) < 0) {
		reading_free(&r);
		return -1;
	}
	memset(out, 0, sizeof *out);
	out->utf8 = r.text.data;
	out->length = r.text.length;
	snprintf(out->encoding, sizeof out->encoding, "%s", r.encoding);
	out->invalid = r.invalid;
	out->characters = r.characters;
	out->first_bad_line = first_bad_line(&r);
	return 0;
}

int text_decode(const char *bytes, size_t len, const char *encoding,
		struct text_decoded *out, char *err, size_t errlen)
{
	return decode(bytes, len, encoding, CHUNK_BYTES, out, err, errlen);
}

void text_decoded_free(struct text_decoded *d)
{
	if (!d)
		return;
	free(d->utf8);
	d->utf8 = NULL;
	d->length = 0;
}
