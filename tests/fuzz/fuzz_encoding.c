/*
 * fuzz_encoding.c — libFuzzer target for encoding detection and conversion
 * (src/text/encoding.c): text_decode() on arbitrary bytes, detected or
 * named, either refuses them with a message or gives strictly valid UTF-8
 * of the length it says, without a NUL inside. The first byte below 8
 * names an encoding (the seeds begin with text and are detected).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		NULL, "UTF-8", "GB18030", "GBK", "BIG5", "UTF-16", "UTF-16LE",
		"UTF-16BE",
	};
	const char *encoding = NULL;
	struct text_decoded dec = {0};
	char err[256] = "";

	if (size > 0 && data[0] < 8) {
		encoding = names[data[0]];
		data++;
		size--;
	}
	if (text_decode((const char *)data, size, encoding, &dec, err,
			sizeof err) != 0) {
		if (!err[0])
			abort(); /* a refusal says why */
		return 0;
	}
	if (!dec.utf8 || dec.utf8[dec.length] != '\0' ||
	    strlen(dec.utf8) != dec.length ||
	    !text_utf8_valid(dec.utf8, dec.length) || !dec.encoding[0])
		abort();
	text_decoded_free(&dec);
	return 0;
}
