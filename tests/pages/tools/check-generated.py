#!/usr/bin/env python3
"""Reads a set of generated pages with `bulletin parse --format json` and
checks that every page yields the articles the generator wrote: as many,
with the same headlines (and kickers, with --kickers; cities, with
--cities; dates and their precision, with --dates).

    tests/bench/gen-pages OUT_DIR 3000 --seed 1 --truth [--layouts mixed]
    check-generated.py OUT_DIR [--bulletin PATH] [--kickers] [--cities]
                       [--dates] [--show N]

The truth is OUT_DIR/truth.jsonl (gen-pages --truth). Prints each page
that differs (up to --show of them, with what differs), then one line
"N passed, N failed" counting articles (with --cities or --dates, one
more line counting the articles that miss each field), and exits 1 when
any differs. A truth without "city" or "date" (an older gen-pages) is
not checked for them.
"""
import argparse
import json
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def read_pages(bulletin, out_dir, paths):
    """{path: [article, ...]} as read by bulletin, in batches of pages."""
    got = {p: [] for p in paths}
    for s in range(0, len(paths), 200):
        batch = paths[s:s + 200]
        full = [os.path.join(out_dir, p) for p in batch]
        r = subprocess.run([bulletin, "parse", "--format", "json"] + full,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.stderr.write(r.stderr.decode("utf-8", "replace"))
        for line in r.stdout.decode("utf-8").splitlines():
            a = json.loads(line)
            got[os.path.relpath(a["source"], out_dir)].append(a)
    return got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--bulletin", default=os.environ.get(
        "BULLETIN", os.path.join(TOP, "bulletin")))
    ap.add_argument("--kickers", action="store_true")
    ap.add_argument("--cities", action="store_true")
    ap.add_argument("--dates", action="store_true")
    ap.add_argument("--show", type=int, default=10)
    a = ap.parse_args()
    truth = []
    with open(os.path.join(a.out_dir, "truth.jsonl"), encoding="utf-8") as f:
        for line in f:
            truth.append(json.loads(line))
    os.environ.setdefault("BULLETIN_DATA_DIR", os.path.join(TOP, "data"))
    got = read_pages(a.bulletin, a.out_dir, [t["path"] for t in truth])
    passed = failed = shown = 0
    missed = {"headline": 0, "city": 0, "date": 0}
    for t in truth:
        want, have = t["articles"], got[t["path"]]
        diffs = []
        if len(want) != len(have):
            diffs.append("%d articles, expected %d" % (len(have), len(want)))
        # Articles matched in order; when the count differs, every article
        # from the first that differs fails (the rest are shifted).
        shifted = len(want) != len(have)
        bad = 0
        for i, w in enumerate(want):
            h = have[i] if i < len(have) else {}
            ok = h.get("headline") == w["headline"]
            if a.kickers:
                ok = ok and h.get("kicker") == w["kicker"]
            if not ok:
                missed["headline"] += 1
            why = []
            if a.cities and "city" in w and h.get("city") != w["city"]:
                missed["city"] += 1
                why.append("city %s, expected %s" % (h.get("city"), w["city"]))
            if a.dates and "date" in w and (h.get("date"), h.get(
                    "date_precision")) != (w["date"], w["date_precision"]):
                missed["date"] += 1
                why.append("date %s %s, expected %s %s" % (
                    h.get("date"), h.get("date_precision"), w["date"],
                    w["date_precision"]))
            if ok and why and not (shifted and bad):
                failed += 1
                diffs.append("article %d (%s): %s" % (i + 1, w["headline"],
                                                       "; ".join(why)))
                continue
            if ok and not (shifted and bad):
                passed += 1
                continue
            bad += 1
            failed += 1
            diffs.append("article %d: expected %s | %s, read %s | %s" % (
                i + 1, w["kicker"], w["headline"], h.get("kicker"),
                h.get("headline")))
        if diffs and shown < a.show:
            shown += 1
            print("%s:" % t["path"])
            for d in diffs[:4]:
                print("  " + d)
    if a.cities or a.dates:
        print("articles missing: headline %d, city %d, date %d" % (
            missed["headline"], missed["city"], missed["date"]))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
