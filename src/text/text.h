/*
 * text — the bottom part of bulletin: UTF-8, display width, wrapping with
 * Chinese line-breaking rules, encoding detection and conversion to UTF-8
 * (iconv), folding for matching, and making untrusted text harmless for a
 * terminal. No SQLite, no curses, no output: functions return a status and
 * fill a message the caller can show.
 *
 * Strings are UTF-8 and NUL-terminated unless a length is given. Whoever
 * receives a pointer documented as "allocated" frees it with free().
 */
#ifndef BULLETIN_TEXT_H
#define BULLETIN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFDu

/* ---- UTF-8 ------------------------------------------------------------ */

/* Decodes one code point from s[0..len). Returns the number of bytes used
 * (1–4) and sets *cp, or returns 0 for an invalid or truncated sequence
 * (overlong forms, surrogates and code points above U+10FFFF are invalid),
 * leaving *cp untouched. */
size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encodes cp into out (at least 4 bytes); returns the byte count, 0 if cp is
 * not a Unicode scalar value. */
size_t text_utf8_encode(uint32_t cp, char *out);

/* True when s[0..len) is strictly valid UTF-8 (see text_utf8_decode). */
bool text_utf8_valid(const char *s, size_t len);

/* The byte length of the longest prefix of s[0..len) that ends on a
 * character boundary and holds at most max_chars code points. */
size_t text_utf8_prefix(const char *s, size_t len, size_t max_chars);

/* ---- Character classes and width ------------------------------------- */

/* Han ideographs (CJK Unified, extensions, compatibility). */
bool text_is_han(uint32_t cp);

/* Characters that must never reach a terminal as they are: C0 controls
 * (tab and newline included: callers expand or split them first), DEL, C1,
 * bidi controls (U+061C, U+200E/F, U+202A–202E, U+2066–2069), U+FEFF, line
 * and paragraph separators, and anything glibc gives a negative width. */
bool text_is_unsafe(uint32_t cp);

/* Display columns of one code point as the program draws it: 2 for wide and
 * full-width characters, 0 for combining marks, 1 for the visible mark that
 * replaces an unsafe character. Never negative. */
int text_cp_width(uint32_t cp);

/* Display columns of a NUL-terminated string (invalid bytes count as one
 * replacement character each). */
int text_width(const char *s);

/* ---- JSON (json_string.c) ------------------------------------------------------ */

/* s as a JSON string, quoted and escaped (quote, backslash, controls, and
 * every character text_is_unsafe names, as \uXXXX; invalid bytes as
 * U+FFFD); "null" for NULL. Allocated; NULL only when out of memory. */
char *text_json_string(const char *s);

/* ---- Sanitising ------------------------------------------------------- */

/* An allocated copy of s[0..len) that is safe to draw: invalid bytes become
 * U+FFFD, tabs expand to spaces (to multiples of 8 columns from the start
 * of the line), newlines are kept only when keep_newlines is true, a CR LF
 * pair counts as one newline, and every other unsafe character becomes the
 * visible TEXT_UNSAFE_MARK (one column). Returns NULL only when out of
 * memory. */
#define TEXT_UNSAFE_MARK "\xE2\x8D\xB0" /* U+2370 ⍰ */
char *text_sanitize(const char *s, size_t len, bool keep_newlines);

/* ---- Folding for matching --------------------------------------------- */

/* Full-width ASCII (U+FF01–FF5E) to ASCII, the ideographic space to a space,
 * and ASCII letters to lower case. Other code points are returned as they
 * are. */
uint32_t text_fold(uint32_t cp);

/* An allocated copy of s with text_fold applied to every character. */
char *text_fold_string(const char *s);

/* Traditional Chinese to Simplified, one character for one (OpenCC's
 * TSCharacters, the first reading: 會 -> 会, 後 -> 后, 乾 -> 干), where the
 * two have the same UTF-8 length; other code points are returned as they
 * are. A text folded so keeps every byte offset. */
uint32_t text_fold_han(uint32_t cp);

/* Whether text_fold_han would change any character of s (a C string). */
bool text_fold_han_changes(const char *s);

/* Folds s[0..len) in place with text_fold_han. Returns whether anything
 * changed. */
bool text_fold_han_bytes(char *s, size_t len);

/* What search matches on: text_fold, then text_fold_han. 工會 and 工会,
 * ＣＰＲ and cpr fold alike. A character with several Simplified readings
 * (後 and 后 both give 后) loses no match: text and query fold alike. */
uint32_t text_fold_search(uint32_t cp);

/* The byte length of the text at s[0..len) whose characters fold
 * (text_fold_search) to those of the NUL-terminated term, or 0 when the
 * term is empty or does not match there. Invalid bytes match only the same
 * bytes. */
size_t text_folded_prefix(const char *s, size_t len, const char *term);

/* The characters that text_fold_han folds to cp, cp itself first, into
 * out[0..max); returns how many there are (may exceed max: only max are
 * written). */
size_t text_fold_han_sources(uint32_t cp, uint32_t *out, size_t max);

/* ---- Pinyin ----------------------------------------------------------- */

/* The readings of Han characters, for matching names by what is typed in
 * pinyin (pinyin.c). */
struct text_pinyin;

/* Reads the readings of each character from readings_path (pinyin-data's
 * pinyin.txt: "U+6E5B: zhàn  # 湛") and, when places_path is not NULL, the
 * readings of place names whose characters read otherwise than they
 * mostly do ("长沙 chang sha"). Returns 0 and sets *out (free with
 * text_pinyin_free), or -1 with a message. */
int text_pinyin_load(const char *readings_path, const char *places_path,
		     struct text_pinyin **out, char *err, size_t errlen);
void text_pinyin_free(struct text_pinyin *p);

/* True when typed (ASCII letters and digits; spaces and ' are ignored)
 * is given by a run of name's characters, each by a non-empty beginning of
 * one of its readings without tones (ü as v or u): 湛江 matches zj, zhanj
 * and zhanjiang, 湛江市总工会 matches zgh. Letters and digits of the name
 * stand for themselves. A place name of places_path is read only as it
 * says (长沙: cs, not zs). False when typed holds anything else. */
bool text_pinyin_match(const struct text_pinyin *p, const char *name,
		       const char *typed);

/* ---- Charts (charting.c) ----------------------------------------------- */

/* What the overview charts (stats --chart, the reader's chart view) share:
 * months bucketed to fit a width, counts scaled to blocks and shades,
 * their legend and axis, the grid of the names with most articles. A
 * month is numbered year * 12 + month - 1. */

/* " " then ▁▂▃▄▅▆▇█: a bar's eighths of a row. */
extern const char *const text_chart_blocks[9];

/* " " then ░▒▓█: the shades of the heat map, none for no article. */
#define TEXT_CHART_SHADES 4
extern const char *const text_chart_shades[TEXT_CHART_SHADES + 1];

/* The number of the month "YYYY-MM..." begins with, or -1. */
int text_chart_month(const char *yyyy_mm);

/* Months cut into buckets of one length, to be drawn side by side. */
struct text_chart_plan {
	int first;   /* the first month of the first bucket: a multiple of
			months, so a quarter starts in January, April ... */
	int months;  /* months a bucket: 1, 3, 12, 24, 60, 120 ... */
	int buckets; /* how many */
	int cell;    /* columns a bucket: 2 when there is room, else 1 */
};

/* The finest buckets (a month, a quarter, a year, 2, 5, 10, 20, 50 or 100
 * years) of which the months first..last need at most columns; a bucket
 * is 2 columns wide when twice as many fit. False when none fits (columns
 * < 1) or first..last is no span. */
bool text_chart_plan(int first, int last, int columns,
		     struct text_chart_plan *plan);

/* The bucket (0 ..) a month falls in, or -1 outside the plan. */
int text_chart_bucket(const struct text_chart_plan *p, int month);

/* What a bucket is called: 2023-03, 2023Q1, 2023, 2020–2024. */
void text_chart_label(const struct text_chart_plan *p, int bucket, char *buf,
		      size_t len);

/* What a bucket is: month, quarter, year, 5 years. */
void text_chart_unit(const struct text_chart_plan *p, char *buf, size_t len);

/* count against max in levels steps: 0 for none, levels for max, and at
 * least 1 for any article (rounded up: level k holds the counts above
 * (k-1)/levels of max up to k/levels of it). */
int text_chart_level(int64_t count, int64_t max, int levels);

/* The counts lo..hi that text_chart_level puts at level; false when it
 * puts none there (max smaller than levels). */
bool text_chart_level_range(int level, int64_t max, int levels, int64_t *lo,
			    int64_t *hi);

/* The block of one row of a vertical bar eighths of a row high (row 0 is
 * the bottom one): █ below its top, a part block at its top, blank above. */
const char *text_chart_bar_block(int eighths, int row);

/* The shades and the counts each stands for against max ("░ 1  ▒ 2  ▓ 3–4
 * █ 5–6"), the shades that stand for none left out. */
void text_chart_legend(int64_t max, char *buf, size_t len);

/* A line under the plan's buckets (buckets × cell columns, never more)
 * with the year where each year starts, as many as fit a space apart. */
void text_chart_axis(const struct text_chart_plan *p, char *buf, size_t len);

/* A count of one name (a city) in one month. */
struct text_chart_item {
	const char *name;
	int month;
	int64_t count;
};

/* The names with most articles within a plan, by bucket. */
struct text_chart_heat {
	size_t rows;        /* names shown, the largest total first (then by
			       name) */
	size_t names;       /* names with an article within the plan */
	int buckets;        /* the plan's */
	const char **name;  /* allocated; the strings are the items' */
	int64_t *total;     /* allocated: each row's articles */
	int64_t *cell;      /* allocated: row r, bucket b at r * buckets + b */
	int64_t max;        /* the largest cell */
};

/* The grid of items[0..n) (any order; a name and month may come more
 * than once: added) within plan, at most max_rows names. Returns 0 and
 * fills *out (text_chart_heat_free), or -1 when out of memory. */
int text_chart_heat_make(const struct text_chart_item *items, size_t n,
			 const struct text_chart_plan *plan, size_t max_rows,
			 struct text_chart_heat *out);
void text_chart_heat_free(struct text_chart_heat *h);

/* ---- Wrapping --------------------------------------------------------- */

struct text_line {
	size_t offset; /* byte offset of the line in the wrapped string */
	size_t length; /* byte length, without the break */
	int width;     /* display columns */
};

/* Breaks s into lines of at most `width` columns (width >= 2; less is taken
 * as 2) using Chinese line-breaking rules: a Han character may break
 * anywhere; Latin words and numbers are kept whole when they fit and broken
 * when longer than a line; no line starts with closing punctuation
 * (，。、；：？！”’）》」』】… and half-width ,.;:?!) ) and none ends with an
 * opening one (“‘（《「『【 and half-width ( ). When the rules leave no
 * place to break, the line breaks anyway: no line is ever wider than
 * `width`. Spaces where a line breaks are dropped. Newlines in s force a
 * break (a CR before one is part of it); a final newline starts no empty
 * line. Returns the number of lines and sets *lines to an allocated array
 * (NULL for an empty s, 0 lines), or returns -1 when out of memory. */
int text_wrap(const char *s, int width, struct text_line **lines);

/* ---- Encodings -------------------------------------------------------- */

struct text_decoded {
	char *utf8;           /* allocated, NUL-terminated; BOM removed */
	size_t length;        /* bytes in utf8 */
	char encoding[32];    /* the encoding read: "UTF-8", "GB18030", ... */
	size_t invalid;       /* invalid bytes replaced with U+FFFD */
	size_t characters;    /* characters decoded */
	size_t first_bad_line;/* line (1-based) of the first invalid byte or
			       * control character; 0 when there is none */
};

/* Reads bytes[0..len) as text and converts it to UTF-8. With encoding NULL
 * the encoding is detected: a BOM, then strict UTF-8, then UTF-16 by its NUL
 * pattern, then GB18030 against Big5 by a score of common characters. A
 * given encoding is used as it is (any name iconv knows).
 * Refused (returns -1 and fills err with one line naming the reason) when
 * the input is empty, holds NUL bytes where text should be, has invalid
 * bytes or control characters beyond a trace (about 1 %), or fits no
 * encoding (the message suggests --encoding). The messages: "empty file",
 * "not text: holds NUL bytes", "not text in UTF-8: 7 % of bytes invalid,
 * the first on line 3; try --encoding", "not text: 5 % of characters are
 * control characters, the first on line 1",
 * "cannot tell the encoding (not UTF-8 from line 3); try --encoding GB18030
 * or --encoding BIG5",
 * "unknown encoding: X". Control characters are C0 other than tab, newline,
 * carriage return and form feed, DEL and C1; up to two invalid bytes or
 * controls pass in any page. UTF-8, given or detected, is checked by
 * text_utf8_decode, not by iconv. Conversion runs in fixed-size chunks with
 * a character cut at a chunk's end carried into the next; each invalid byte
 * (a whole code unit in UTF-16) becomes one U+FFFD.
 * On success returns 0 and fills *out (free with text_decoded_free). */
int text_decode(const char *bytes, size_t len, const char *encoding,
		struct text_decoded *out, char *err, size_t errlen);

void text_decoded_free(struct text_decoded *d);

/* ---- String lists ------------------------------------------------------ */

/* A growable list of allocated strings; the list owns them. */
struct text_list {
	char **items;
	size_t count;
	size_t capacity;
};

/* Appends a copy of s[0..len) (len (size_t)-1: up to the NUL). Returns 0, or
 * -1 when out of memory. */
int text_list_add(struct text_list *list, const char *s, size_t len);
bool text_list_has(const struct text_list *list, const char *s);
void text_list_free(struct text_list *list);

#endif
