#!/usr/bin/env python3
"""Prints, for each line of standard input that holds one of the given
strings, the display column (East Asian wide = 2) where that string starts.
Used by the reader's tests to see that columns line up by display width."""
import sys
import unicodedata


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in s)


lines = sys.stdin.read().split("\n")
for needle in sys.argv[1:]:
    found = [ln for ln in lines if needle in ln]
    if not found:
        print("missing")
        continue
    ln = found[0]
    print(width(ln[:ln.index(needle)]))
