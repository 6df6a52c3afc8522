/*
 * test_encoding.c — reading bytes as text: real Chinese lines from the seed
 * page encoded with iconv into GB18030, Big5 (Traditional text), UTF-16 and
 * UTF-8 with a BOM must come back unchanged and named; tiny chunks must give
 * the same text; invalid bytes are counted; what is not text is refused with
 * the reason.
 *
 * The file includes encoding.c itself to reach decode(), whose chunk size a
 * test can make a few bytes long.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/text/encoding.c"

/* Lines of data/samples/000_158881c878a543ee.txt. */
static const char simplified[] =
	"湛江市总工会\n"
	"\n"
	"保障宣传宣讲工作有力有序推进\n"
	"\n"
	"本报讯(全媒体记者誉建业 通讯员凌海飞)12月5日,湛江市总工会召开全市工会"
	"系统学习贯彻习近平总书记重要讲话精神和宣传中国工会十八大精神宣讲推进会。"
	"湛江市总工会党组书记、常务副主席陈端参加会议。\n"
	"\n"
	"培训工会经审干部\n"
	"\n"
	"本报讯 日前,汕尾市总工会在汕尾市开放大学举办2023年全市工会经审干部业务"
	"培训班,强化工会经费审查审计监督职责,进一步加强工会经费的监督管理,提高"
	"工会经审干部的履职能力和水平。全市各县(市、区)总工会分管领导、经审主任,"
	"市直(含驻汕)基层工会经审会骨干共200多人参加培训。\n";

/* The same lines in Traditional characters, as a Big5 page would have them. */
static const char traditional[] =
	"湛江市總工會\n"
	"\n"
	"保障宣傳宣講工作有力有序推進\n"
	"\n"
	"本報訊(全媒體記者譽建業 通訊員凌海飛)12月5日,湛江市總工會召開全市工會"
	"系統學習貫徹習近平總書記重要講話精神和宣傳中國工會十八大精神宣講推進會。"
	"湛江市總工會黨組書記、常務副主席陳端參加會議。\n"
	"\n"
	"工會幹部培訓班在廣州舉辦\n"
	"\n"
	"本報訊 日前,汕尾市總工會在汕尾市開放大學舉辦2023年全市工會經審幹部業務"
	"培訓班,強化工會經費審查審計監督職責,進一步加強工會經費的監督管理,提高"
	"工會經審幹部的履職能力和水平。全市各縣(市、區)總工會分管領導、經審主任,"
	"市直(含駐汕)基層工會經審會骨幹共200多人參加培訓。\n";

/* A short one: a headline alone. */
static const char headline_gb[] = "培训工会经审干部";
static const char headline_big5[] = "工會幹部培訓班在廣州舉辦";

/* s converted from UTF-8 to `encoding` by iconv, allocated. */
static char *encode(const char *s, const char *encoding, size_t *len)
{
	iconv_t cd = iconv_open(encoding, "UTF-8");
	size_t in_left = strlen(s), out_left = 4 * in_left + 16;
	char *in = (char *)s, *buf, *out;

	assert_true(cd != (iconv_t)-1);
	buf = malloc(out_left);
	assert_non_null(buf);
	out = buf;
	assert_int_equal(iconv(cd, &in, &in_left, &out, &out_left), 0);
	iconv_close(cd);
	*len = (size_t)(out - buf);
	return buf;
}

/* bytes prefixed with a byte order mark, allocated. */
static char *with_prefix(const char *prefix, size_t prefix_len, const char *bytes,
			 size_t len, size_t *out_len)
{
	char *buf = malloc(prefix_len + len);

	assert_non_null(buf);
	memcpy(buf, prefix, prefix_len);
	memcpy(buf + prefix_len, bytes, len);
	*out_len = prefix_len + len;
	return buf;
}

static size_t count_characters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Decodes bytes with encoding detected (and, with chunk sizes from 1 to 9,
 * again) and checks the text and the name found. */
static void expect_text(const char *bytes, size_t len, const char *encoding,
			const char *want_text, const char *want_encoding)
{
	struct text_decoded d;
	char err[200] = "";
	size_t chunk;

	if (decode(bytes, len, encoding, CHUNK_BYTES, &d, err, sizeof err) < 0)
		fail_msg("refused: %s", err);
	assert_string_equal(d.encoding, want_encoding);
	assert_string_equal(d.utf8, want_text);
	assert_int_equal(d.length, strlen(want_text));
	assert_int_equal(d.invalid, 0);
	assert_int_equal(d.characters, count_characters(want_text));
	text_decoded_free(&d);
	for (chunk = 1; chunk <= 9; chunk++) {
		if (decode(bytes, len, encoding, chunk, &d, err, sizeof err) < 0)
			fail_msg("chunk %zu refused: %s", chunk, err);
		assert_string_equal(d.encoding, want_encoding);
		assert_string_equal(d.utf8, want_text);
		assert_int_equal(d.invalid, 0);
		text_decoded_free(&d);
	}
}

static void expect_refusal(const char *bytes, size_t len, const char *encoding,
			   const char *want_err)
{
	struct text_decoded d = {0};
	char err[200] = "";

	if (text_decode(bytes, len, encoding, &d, err, sizeof err) == 0) {
		text_decoded_free(&d);
		fail_msg("accepted as %s, wanted \"%s\"", d.encoding, want_err);
	}
	assert_string_equal(err, want_err);
	assert_null(d.utf8);
}

static void test_utf8(void **state)
{
	size_t len;
	char *bom;

	(void)state;
	expect_text(simplified, strlen(simplified), NULL, simplified, "UTF-8");
	expect_text(traditional, strlen(traditional), NULL, traditional, "UTF-8");
	expect_text("plain ASCII\n", 12, NULL, "plain ASCII\n", "UTF-8");
	bom = with_prefix("\xEF\xBB\xBF", 3, simplified, strlen(simplified), &len);
	expect_text(bom, len, NULL, simplified, "UTF-8");
	expect_text(bom, len, "utf-8", simplified, "utf-8");
	free(bom);
}

static void test_gb18030(void **state)
{
	size_t len;
	char *gb;

	(void)state;
	gb = encode(simplified, "GB18030", &len);
	expect_text(gb, len, NULL, simplified, "GB18030");
	expect_text(gb, len, "GBK", simplified, "GBK");
	free(gb);
	gb = encode(headline_gb, "GB18030", &len);
	expect_text(gb, len, NULL, headline_gb, "GB18030");
	free(gb);
	/* characters outside GBK take four bytes in GB18030 */
	gb = encode("工会𠀀驿站€", "GB18030", &len);
	expect_text(gb, len, NULL, "工会𠀀驿站€", "GB18030");
	free(gb);
}

static void test_big5(void **state)
{
	size_t len;
	char *big5;

	(void)state;
	big5 = encode(traditional, "BIG5", &len);
	expect_text(big5, len, NULL, traditional, "BIG5");
	free(big5);
	big5 = encode(headline_big5, "BIG5", &len);
	expect_text(big5, len, NULL, headline_big5, "BIG5");
	free(big5);
	/* and the same Traditional text in GB18030 stays GB18030 */
	big5 = encode(traditional, "GB18030", &len);
	expect_text(big5, len, NULL, traditional, "GB18030");
	free(big5);
}

static void test_utf16(void **state)
{
	size_t len, bom_len;
	char *u, *bom;

	(void)state;
	u = encode(simplified, "UTF-16LE", &len);
	expect_text(u, len, NULL, simplified, "UTF-16LE");
	bom = with_prefix("\xFF\xFE", 2, u, len, &bom_len);
	expect_text(bom, bom_len, NULL, simplified, "UTF-16LE");
	expect_text(bom, bom_len, "UTF-16", simplified, "UTF-16");
	expect_text(bom, bom_len, "UTF-16LE", simplified, "UTF-16LE");
	free(bom);
	free(u);

	u = encode(traditional, "UTF-16BE", &len);
	expect_text(u, len, NULL, traditional, "UTF-16BE");
	bom = with_prefix("\xFE\xFF", 2, u, len, &bom_len);
	expect_text(bom, bom_len, NULL, traditional, "UTF-16BE");
	free(bom);
	free(u);

	/* a BOM-less page of Han characters only: no NUL to go by, but the
	 * BOM still tells */
	u = encode("\xEF\xBB\xBF工会驿站", "UTF-16LE", &len);
	expect_text(u, len, NULL, "工会驿站", "UTF-16LE");
	free(u);
}

/* Invalid bytes are skipped one by one, counted, and each becomes U+FFFD;
 * the text around them survives. */
static void test_invalid_counted(void **state)
{
	struct text_decoded d;
	char err[200], *gb, *damaged;
	size_t len, chunk, n;

	(void)state;
	/* GB18030 has no single byte 0x80 */
	gb = encode(simplified, "GB18030", &len);
	damaged = malloc(len + 2);
	assert_non_null(damaged);
	memcpy(damaged, "\x80", 1);
	memcpy(damaged + 1, gb, len);
	damaged[len + 1] = '\x80';
	for (chunk = 1; chunk <= CHUNK_BYTES; chunk *= 4) {
		assert_int_equal(decode(damaged, len + 2, "GB18030", chunk, &d, err,
					sizeof err), 0);
		assert_int_equal(d.invalid, 2);
		assert_memory_equal(d.utf8, "\xEF\xBF\xBD", 3);
		assert_memory_equal(d.utf8 + 3, simplified, strlen(simplified));
		assert_string_equal(d.utf8 + 3 + strlen(simplified), "\xEF\xBF\xBD");
		text_decoded_free(&d);
	}
	/* detected too: two bad bytes are a trace in this page */
	assert_int_equal(text_decode(damaged, len + 2, NULL, &d, err, sizeof err), 0);
	assert_string_equal(d.encoding, "GB18030");
	assert_int_equal(d.invalid, 2);
	text_decoded_free(&d);
	free(damaged);

	/* a character cut by the end of the input (。 then a newline) */
	assert_int_equal(decode(gb, len - 2, "GB18030", 3, &d, err, sizeof err), 0);
	assert_int_equal(d.invalid, 1);
	text_decoded_free(&d);
	free(gb);

	/* strict UTF-8: what iconv would let through is invalid here */
	{
		static const char bad[] = "工会\xF4\x90\x80\x80驿站\xED\xA0\x80"
					  "a\xF8\x88\x80\x80\x80" "b\xC0\xAF";
		char page[8192];

		size_t k;

		for (k = 0, n = 0; k < 8; k++)
			n += (size_t)snprintf(page + n, sizeof page - n, "%s%s",
					      k == 4 ? bad : "", simplified);
		if (text_decode(page, strlen(page), "UTF-8", &d, err, sizeof err) < 0)
			fail_msg("refused: %s", err);
		assert_int_equal(d.invalid, 4 + 3 + 5 + 2);
		assert_non_null(strstr(d.utf8, "工会\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
						"\xEF\xBF\xBD驿站"));
		assert_true(text_utf8_valid(d.utf8, d.length));
		text_decoded_free(&d);
		/* the same page detected is damaged UTF-8 */
		assert_int_equal(text_decode(page, strlen(page), NULL, &d, err,
					     sizeof err), 0);
		assert_string_equal(d.encoding, "UTF-8");
		assert_int_equal(d.invalid, 14);
		text_decoded_free(&d);
	}

	/* a lone surrogate in UTF-16 is skipped as one unit, and what
	 * follows stays aligned */
	/* a lone surrogate in UTF-16 is skipped as one unit, and what
	 * follows stays aligned */
	{
		static const char lone[] = "A\0\x00\xD8" "B\0\xE5\x5D";
		char want[16];

		n = (size_t)snprintf(want, sizeof want, "A\xEF\xBF\xBD" "B");
		n += text_utf8_encode(0x5DE5, want + n); /* 工 */
		want[n] = '\0';
		for (chunk = 1; chunk <= 8; chunk++) {
			assert_int_equal(decode(lone, 8, "UTF-16LE", chunk, &d, err,
						sizeof err), 0);
			assert_int_equal(d.invalid, 2);
			assert_string_equal(d.utf8, want);
			text_decoded_free(&d);
		}
	}
}

static void test_tolerated(void **state)
{
	char page[8192];

	(void)state;
	/* a form feed between pages, a lone carriage return, a pasted escape
	 * sequence and a bell */
	snprintf(page, sizeof page,
		 "%s\f%s\rtitle \x1B[31mred\x1B[0m\x1B]0;x\x07\n%s",
		 simplified, traditional, simplified);
	expect_text(page, strlen(page), NULL, page, "UTF-8");
	/* a short page with one escape sequence */
	expect_text("工会\x1B[1m驿站\n", strlen("工会\x1B[1m驿站\n"), NULL,
		    "工会\x1B[1m驿站\n", "UTF-8");
	expect_text("a\r\nb\r\n", 6, NULL, "a\r\nb\r\n", "UTF-8");
}

static void test_refused(void **state)
{
	char page[8192], *gb, *bad;
	size_t len, i, n;

	(void)state;
	expect_refusal("", 0, NULL, "empty file");
	expect_refusal("", 0, "GB18030", "empty file");
	expect_refusal("\xEF\xBB\xBF", 3, NULL, "empty file");
	expect_refusal("\xFF\xFE", 2, NULL, "empty file");

	/* NUL bytes where no UTF-16 pattern explains them */
	expect_refusal("abc\0def\0\0ghij", 13, NULL, "not text: holds NUL bytes");
	memcpy(page, simplified, sizeof simplified);
	page[40] = '\0';
	expect_refusal(page, sizeof simplified - 1, NULL, "not text: holds NUL bytes");
	expect_refusal(page, sizeof simplified - 1, "UTF-8", "not text: holds NUL bytes");
	gb = encode(simplified, "GB18030", &len);
	gb[11] = '\0';
	expect_refusal(gb, len, "GB18030", "not text: holds NUL bytes");
	free(gb);

	/* control characters beyond a trace */
	n = (size_t)snprintf(page, sizeof page, "%s", headline_gb);
	for (i = 0; i < 10; i++)
		page[n++] = (char)(1 + i); /* tab and newline are no controls */
	expect_refusal(page, n, NULL,
		       "not text: 44 % of characters are control characters, "
		       "the first on line 1");

	/* UTF-8 with one byte in fourteen broken: that byte and the rest of
	 * its character are invalid */
	len = strlen(simplified);
	bad = malloc(len);
	assert_non_null(bad);
	memcpy(bad, simplified, len);
	for (i = 0; i < len; i += 14)
		bad[i] = '\xFF';
	expect_refusal(bad, len, NULL,
		       "not text in UTF-8: 21 % of bytes invalid, the first on "
		       "line 1; try --encoding");
	expect_refusal(bad, len, "UTF-8",
		       "not text in UTF-8: 21 % of bytes invalid, the first on "
		       "line 1; try --encoding");
	free(bad);

	/* GB18030 read as UTF-8 (given) is mostly invalid bytes */
	gb = encode(simplified, "GB18030", &len);
	{
		struct text_decoded d = {0};
		char err[200];
		unsigned percent = 0;

		assert_int_equal(text_decode(gb, len, "utf-8", &d, err, sizeof err), -1);
		assert_int_equal(sscanf(err, "not text in utf-8: %u %% of bytes invalid, "
					"the first on line 1; try --encoding",
					&percent), 1);
		assert_true(percent > 30 && percent < 100);
	}
	free(gb);

	/* high bytes that make no Chinese in either reading */
	n = 0;
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(page + n, sizeof page - n, "caf\xE9 r\xE9sum\xE9 ");
	expect_refusal(page, n, NULL,
		       "cannot tell the encoding (not UTF-8 from line 1); try "
		       "--encoding GB18030 or --encoding BIG5");

	expect_refusal("abc", 3, "NO-SUCH-ENCODING", "unknown encoding: NO-SUCH-ENCODING");
}

/* Where the first invalid byte or control character stands: the line in
 * the refusal, and first_bad_line of a page that is accepted with a trace.
 * Lines end at LF and CRLF, at a lone CR only in a text without LF; a form
 * feed ends none. */
struct bad_line_case {
	const char *bytes;
	size_t len;          /* 0: strlen(bytes) */
	const char *encoding;
	size_t line;         /* the line expected */
	bool refused;
};

#define BAD_RUN "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF"

static const struct bad_line_case bad_lines[] = {
	{"本报讯\n工会\n" BAD_RUN "\n", 0, "UTF-8", 3, true},
	{"本报讯\r\n工会\r\n\r\n" BAD_RUN "\r\n", 0, "UTF-8", 4, true},
	{"本报讯\r工会\r" BAD_RUN "\r", 0, "UTF-8", 3, true},
	{"本报讯\f工会\n" BAD_RUN "\n", 0, "UTF-8", 2, true},
	{"\xEF\xBB\xBF本报讯\n" BAD_RUN, 0, NULL, 2, true},
	{"a\nb\nc\x01\x02\x03\x04\x05\n", 0, NULL, 3, true},
	/* no encoding fits: where the bytes stop being UTF-8 */
	{"Union news\nCPR training\n\n"
	 "caf\xE9 r\xE9sum\xE9 caf\xE9 r\xE9sum\xE9 caf\xE9 r\xE9sum\xE9\n",
	 0, NULL, 4, true},
	/* a trace is accepted; the line of its first is noted */
	{"本报讯(记者 王某)12月5日,湛江市总工会职工书屋正式开放。\n"
	 "书屋藏书三千余册,供职工借阅。\n书屋\x1b[31m开放\n", 0, NULL, 3, false},
	{"本报讯(记者 王某)12月5日,湛江市总工会职工书屋正式开放。\n"
	 "书屋藏书\xFF三千余册,供职工借阅。\n书屋\x1b[31m开放\n", 0, NULL, 2,
	 false},
	{"本报讯(记者 王某)12月5日,湛江市总工会职工书屋正式开放。\n", 0, NULL, 0,
	 false},
	/* UTF-16LE with its BOM: the invalid unit (a lone low surrogate) on
	 * line 2, the text around it fine */
	{"\xFF\xFE" "a\0\n\0b\0\x00\xDC" "c\0\n\0", 14, NULL, 2, false},
};

static void test_bad_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
		const struct bad_line_case *c = &bad_lines[i];
		size_t len = c->len ? c->len : strlen(c->bytes);
		struct text_decoded d = {0};
		char err[200] = "", want[40];
		int rc;

		print_message("case %zu\n", i);
		rc = text_decode(c->bytes, len, c->encoding, &d, err, sizeof err);
		if (c->refused) {
			assert_int_equal(rc, -1);
			snprintf(want, sizeof want, "line %zu", c->line);
			if (!strstr(err, want))
				fail_msg("\"%s\" lacks \"%s\"", err, want);
			continue;
		}
		if (rc < 0)
			fail_msg("refused: %s", err);
		assert_int_equal(d.first_bad_line, c->line);
		text_decoded_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_big5),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_invalid_counted),
		cmocka_unit_test(test_tolerated),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_bad_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
