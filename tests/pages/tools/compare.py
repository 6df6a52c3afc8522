#!/usr/bin/env python3
"""Compares what `bulletin parse --format json` read on a page with the
page's expected reading (NAME.expected.json), and prints one PASS:/FAIL:
line per article and field, so that a failure says what differs.

    compare.py EXPECTED.json ACTUAL.jsonl NAME

Expected fields (all optional but headline): kicker, lead_in, headline,
date, date_precision, city, county, unions, reporters ([role, name] pairs),
authors, paragraphs (a count), body_contains and body_lacks (substrings of
the paragraphs joined by newlines), captions, credits, topics_include (a
subset of topics). Fields whose names start with "about" or end in "_note"
are comments.
"""
import json
import sys

EXACT = ["kicker", "lead_in", "headline", "date", "date_precision", "city",
         "county", "unions", "authors", "captions", "credits"]


def say(ok, name, expected=None, actual=None):
    if ok:
        print("PASS: %s" % name)
    else:
        print("FAIL: %s" % name)
        print("  expected: %s" % json.dumps(expected, ensure_ascii=False))
        print("  actual:   %s" % json.dumps(actual, ensure_ascii=False))


def main():
    expected_path, actual_path, name = sys.argv[1:4]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)["articles"]
    actual = []
    with open(actual_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                actual.append(json.loads(line))
            except ValueError as e:
                say(False, "%s: output line %d is JSON" % (name, n),
                    "JSON", str(e))
                return
    say(len(actual) == len(expected), "%s: article count" % name,
        len(expected), len(actual))
    for i, want in enumerate(expected):
        label = "%s: article %d (%s)" % (name, i + 1, want.get("headline"))
        if i >= len(actual):
            say(False, label + ": present", want.get("headline"), None)
            continue
        got = actual[i]
        for field in EXACT:
            if field in want:
                say(got.get(field) == want[field], "%s: %s" % (label, field),
                    want[field], got.get(field))
        if "reporters" in want:
            pairs = [[r.get("role"), r.get("name")]
                     for r in got.get("reporters", [])]
            say(pairs == want["reporters"], label + ": reporters",
                want["reporters"], pairs)
        paragraphs = got.get("paragraphs", [])
        if "paragraphs" in want:
            say(len(paragraphs) == want["paragraphs"],
                label + ": paragraphs", want["paragraphs"], len(paragraphs))
        body = "\n".join(paragraphs)
        for s in want.get("body_contains", []):
            say(s in body, "%s: body contains %s" % (label, s), s, body)
        for s in want.get("body_lacks", []):
            say(s not in body, "%s: body lacks %s" % (label, s), None, s)
        if "topics_include" in want:
            topics = got.get("topics", [])
            missing = [t for t in want["topics_include"] if t not in topics]
            say(not missing, label + ": topics include",
                want["topics_include"], topics)


if __name__ == "__main__":
    main()
