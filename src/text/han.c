/*
 * han.c — which code points are Han ideographs. Wrapping lets a line break
 * between any two of them, and the page reader counts them to tell a
 * Chinese sentence from a line of Latin text or numbers.
 */
#include "text/text.h"

/* The ranges of the CJK Unified Ideographs block and its extensions A to I,
 * the compatibility ideographs and their supplement, plus U+3007 〇, the
 * ideographic zero of dates written 二〇二三. Unassigned gaps inside the
 * supplementary planes are included: nothing else is ever assigned there. */
bool text_is_han(uint32_t cp)
{
	if (cp < 0x3007)
		return false;
	return cp == 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0x30000 && cp <= 0x323AF);
}
