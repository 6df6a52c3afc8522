#!/usr/bin/env python3
"""Reads a set of generated pages with `bulletin parse --format json` and
checks that every page yields the articles the generator wrote: as many,
with the same headlines (and kickers, with --kickers).

    tests/bench/gen-pages OUT_DIR 3000 --seed 1 --truth
    check-generated.py OUT_DIR [--bulletin PATH] [--kickers] [--show N]

The truth is OUT_DIR/truth.jsonl (gen-pages --truth). Prints each page
that differs (up to --show of them, with what differs), then one line
"N passed, N failed" counting articles, and exits 1 when any differs.
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
    ap.add_argument("--show", type=int, default=10)
    a = ap.parse_args()
    truth = []
    with open(os.path.join(a.out_dir, "truth.jsonl"), encoding="utf-8") as f:
        for line in f:
            truth.append(json.loads(line))
    os.environ.setdefault("BULLETIN_DATA_DIR", os.path.join(TOP, "data"))
    got = read_pages(a.bulletin, a.out_dir, [t["path"] for t in truth])
    passed = failed = shown = 0
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
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
