#!/usr/bin/env python3
"""Lays a golden page out again, as other papers and tools would have
printed the same articles, and judges what the reader makes of it. Used by
tests/pages/tools/layout-check.

    relayout.py write PAGE EXPECTED.json OUT_DIR
        Writes OUT_DIR/VARIANT/BASENAME for each variant (pdf22, pdf24,
        pdf26, nodateline, noauthor, crlf, gb18030, utf16) and
        OUT_DIR/VARIANT.drop.json: per article, the expected fields the
        change took out of the text (they are not compared).
    relayout.py compare EXPECTED.json ACTUAL.jsonl [DROP.json] [BASE.jsonl]
        Prints what differs from the expected reading, one line per field,
        and with BASE (the reading of the unchanged page) marks what the
        layout broke that the unchanged page read right ("new:").
        Exits 1 when anything differs.
    relayout.py wrap N < TEXT
        Lays plain text (one paragraph or headline a line; a line that
        starts with two U+3000 is a paragraph) out as pdftotext does.

The page is first cut into units without the reader's help: every line of
a page set with one paragraph a line, or the wrapped lines of a page that
pdftotext wrote joined where a paragraph goes on. Lines that are part of an
expected headline or kicker are headlines; a paragraph that the layout
broke (the expected body_contains spans the break) is mended first.
"""
import json
import os
import re
import sys
import unicodedata

STOPS = "。！？!?…"
CLOSERS = "”’」』）)】》〉"
HANG = "，。、；：！？,.;:!?）)”’」』】》…\""
MARKS = "■▲△◆□"
VARIANTS = ("pdf22", "pdf24", "pdf26", "nodateline", "noauthor", "crlf",
            "gb18030", "utf16")


# ---- reading and writing the bytes ----------------------------------------

def decode(data, name):
    """The page's text: UTF-16 or UTF-8 by BOM, else UTF-8, else Big5 when
    the file name says so, else GB18030."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if "big5" in name.lower():
        return data.decode("big5")
    return data.decode("gb18030")


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def wrap(text, n):
    """Lines of at most n full-width columns (2n display columns); a
    closing punctuation mark may hang past the edge, as pdftotext gives a
    justified column; a run of Latin letters and digits is not broken."""
    limit = 2 * n
    tokens = re.findall(r"[A-Za-z0-9.:%]+|.", text)
    lines, cur, w = [], "", 0
    for t in tokens:
        tw = width(t)
        if w + tw > limit and cur.strip() and t not in HANG:
            lines.append(cur)
            cur, w = "", 0
        cur += t
        w += tw
    if cur:
        lines.append(cur)
    return lines


def norm(s):
    return re.sub(r"\s+", "", s or "")


# ---- cutting a page into units ----------------------------------------------

class Unit:
    """kind: furniture (page header and the like), head (a line of a
    headline zone: kicker, lead-in, headline, 副题), para (body text),
    caption, line (bylines, credits, trailers, crossheads set flush);
    article: index of the expected article it belongs to, or None."""

    def __init__(self, kind, text, indented=False):
        self.kind, self.text, self.indented = kind, text, indented
        self.article = None

    def __repr__(self):
        return "%s:%s" % (self.kind, self.text[:20])


def heads_of(expected):
    out = []
    for i, a in enumerate(expected):
        for f in ("kicker", "lead_in", "headline"):
            if a.get(f):
                out.append((i, norm(a[f])))
    return out


ITEM_NO = re.compile(r"^[一二三四五六七八九十]+、")


def head_of(line, heads):
    """The article whose headings hold this line, or None."""
    t = ITEM_NO.sub("", norm(line))
    if len(t) < 2:
        return None
    for i, h in heads:
        if t == h or (len(t) >= 4 and t in h) or (len(h) >= 4 and h in t and len(t) - len(h) <= 2):
            return i
    return None


def is_header_line(line):
    s = line.strip()
    return bool(re.match(r"^\d{1,3}$", s)) or (
        bool(re.search(r"\d{4}年\d{1,2}月\d{1,2}日", s)) and
        bool(re.search(r"星期|第\s*\d+\s*版|第0\d版", s)) and len(s) < 50)


def wrapped(lines):
    """Does the page look like pdftotext's (runs of wrapped lines of one
    width, paragraphs indented, no blank line between them)?"""
    run = best = 0
    for l in lines:
        if l.strip() and width(l) >= 36 and width(l) <= 60:
            run += 1
            best = max(best, run)
        else:
            run = 0
    return best >= 4


def units_of(text, expected):
    heads = heads_of(expected)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [l for l in (x.replace("\f", "") for x in lines)]
    units = []
    first_header = None
    pdf = wrapped(lines)
    col = max((width(l) for l in lines if l.strip()), default=0)
    open_para = None        # a para of a wrapped page that goes on
    pending = []            # captions met inside it
    for raw in lines:
        s = raw.strip()
        if not s:
            continue
        indented = raw[:1] in (" ", "\u3000", "\t")
        if is_header_line(s) and not units_of_article(units):
            if first_header is None:
                first_header = s
            units.append(Unit("furniture", s))
            continue
        if is_header_line(s) or (first_header and s == first_header):
            continue        # a running header or page number
        if s[0] in MARKS:
            u = Unit("caption", s)
            if open_para is not None:
                pending.append(u)
            else:
                units.append(u)
            continue
        if pending and not indented and open_para is not None and \
                len(pending) == 1 and width(s) < 40 and \
                re.search(r"(供图|摄|提供|/摄)$", s):
            pending.append(Unit("line", s))
            continue
        h = head_of(s, heads)
        if h is not None and not indented:
            flush(units, pending)
            open_para = None
            u = Unit("head", s)
            u.article = h
            units.append(u)
            continue
        if pdf and open_para is not None and not indented:
            prev = open_para.last
            ended = prev.rstrip()[-1:] in STOPS + CLOSERS
            short = width(prev) < col - 4
            if not (ended and short):
                open_para.text += s
                open_para.last = s
                continue
        flush(units, pending)
        if re.fullmatch(r"[（(][^（(]*[）)]", s) and width(s) < 70:
            units.append(Unit("line", s, indented))     # a bracket: byline, author, source
            open_para = None
        elif indented or width(s) > 52 or (s[-1] in STOPS + CLOSERS and width(s) > 24):
            u = Unit("para", s, indented)
            u.last = s
            units.append(u)
            open_para = u if pdf else None
        else:
            units.append(Unit("line", s, indented))
            open_para = None
    flush(units, pending)
    # each unit to its article: from a headline on
    cur = None
    for u in units:
        if u.kind == "head":
            cur = u.article
        elif u.kind != "furniture":
            u.article = cur
    mend(units, expected)
    return units


def units_of_article(units):
    return any(u.kind != "furniture" for u in units)


def flush(units, pending):
    units.extend(pending)
    del pending[:]


def mend(units, expected):
    """Joins two pieces of a paragraph that the layout broke, where the
    expected body text runs over the break; a caption and its credit
    between them go after."""
    changed = True
    while changed:
        changed = False
        for i, u in enumerate(units):
            if u.kind not in ("para", "line") or u.article is None:
                continue
            j = i + 1
            while j < len(units) and units[j].article == u.article and (
                    units[j].kind == "caption" or
                    (units[j].kind == "line" and units[j - 1].kind == "caption")):
                j += 1
            if j >= len(units) or units[j].kind not in ("para", "line") or \
                    units[j].article != u.article:
                continue
            a, b = norm(u.text), norm(units[j].text)
            for s in expected[u.article].get("body_contains", []):
                s = norm(s)
                if s in a + b and s not in a and s not in b:
                    u.text += units[j].text.strip()
                    u.kind = "para"
                    middle = units[i + 1:j]
                    units[i + 1:j + 1] = middle
                    changed = True
                    break
            if changed:
                break


# ---- the variants -----------------------------------------------------------

def page_date(text, name):
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", name)
    if m:
        return "%d年%d月%d日" % tuple(int(x) for x in m.groups())
    for l in text.split("\n")[:8]:
        m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", l)
        if m and is_header_line(l):
            return m.group(0)
    return None


def weekday(date):
    import datetime
    y, m, d = (int(x) for x in re.findall(r"\d+", date))
    return "星期" + "一二三四五六日"[datetime.date(y, m, d).weekday()]


def pdf_layout(units, n, date, n_articles, expected=None):
    """pdftotext's page: every line wrapped at n, paragraphs indented with
    two U+3000, no blank lines; a form feed, the running header and a page
    number inside the body of the middle article. A kicker or lead-in is a
    text block of its own, set in another size than the headline: pdftotext
    parts it from the headline with a blank line, as it does a headline from
    its text."""
    if date:
        header = "工会新闻　%s　%s" % (date, weekday(date))
    else:
        header = "工会新闻　第2版"
    middle = n_articles // 2
    paras = [k for k, u in enumerate(units) if u.kind == "para" and u.article == middle]
    # the longest paragraph of the middle article takes the break
    brk = max(paras, key=lambda k: len(units[k].text)) if paras else None
    out = []
    for k, u in enumerate(units):
        if u.kind == "furniture":
            out.append(u.text)
        elif u.kind == "para":
            lines = wrap("\u3000\u3000" + u.text.strip(), n)
            if k == brk:
                at = max(1, len(lines) // 2)
                lines[at:at] = ["\f" + header, "3"]
            out.extend(lines)
        else:
            out.extend(wrap(("\u3000\u3000" if u.indented else "") + u.text.strip(), n))
            if u.kind == "head" and expected and u.article is not None:
                a = expected[u.article]
                above = [norm(a.get(f) or "") for f in ("kicker", "lead_in")]
                if ITEM_NO.sub("", norm(u.text)) in above:
                    out.append("")
    return "\n".join(out) + "\n\f"


DATE = r"(?:\d{1,2}月)?\d{1,2}日(?:(?:至|-)(?:\d{1,2}月)?\d{1,2}日)?(?:上午|下午|晚上|晚|早上|中午)?(?:\d{1,2}[:：]\d{2})?"
DATELINE = re.compile(
    r"^(?:\[[^\]]{1,20}\]\s*"                                  # [Newtalk新聞]
    r"|据[^，,。]{1,12}消息[，,：:]?"                            # 据浙江工人日报消息，
    r"|新华社[^\s（(]{0,6}\d{1,2}月\d{1,2}日电\s*(?:[（(][^）)]*[）)])?"
    r"|[^\s，,。（(“]{0,14}?(?:\d{1,2}月\d{1,2}日)?[讯訊](?:\s*记者[^，,：:]{1,30}报道[：:])?"
    r"\s*(?:[（(][^）)]{0,60}[）)])?\s*"
    r"(?:" + DATE + r"|日前|近日|近期|昨[（(]\d{1,2}[）)]日)?[，,]?"
    r")")


def drop_dateline(text):
    """The paragraph without its dateline (agency, byline, date), or None
    when it has none."""
    m = DATELINE.match(text.strip())
    if not m or not m.group(0).strip():
        return None
    if not re.search(r"[讯訊电消息\]]", m.group(0)):
        return None
    rest = text.strip()[m.end():].lstrip()
    return rest or None


def drop_author(u, names):
    """The unit without its author line (None when it was nothing else)."""
    t = u.text.strip()
    alt = "|".join(re.escape(n) for n in names)
    people = r"(?:%s)(?:[\s、　]+(?:%s))*" % (alt, alt)
    if re.fullmatch(r"[（(]?(?:文\s*|供稿[：:][^　\s]*[　\s]+)?%s[）)]?" % people, t) or \
            re.fullmatch(r"作者[：:]\s*%s.*" % people, t):
        return None
    t2 = re.sub(r"([。！？!?”」）)])\s*[（(]?(?:文\s*)?%s[）)]?$" % people, r"\1", t)
    if t2 != t:
        u.text = t2
    return u


def variants(text, name, expected):
    units = units_of(text, expected)
    date = page_date(text, name)
    out = {}
    for n in (22, 24, 26):
        out["pdf%d" % n] = (pdf_layout(units, n, date, len(expected), expected), {})
    lines = text.replace("\r\n", "\n").split("\n")
    if wrapped(lines):
        return variants_wrapped(units, date, expected, lines, out)
    # without datelines, and without author lines: cut out of the page as
    # it is, whatever its layout
    body = text.replace("\r\n", "\n")
    drop, pos, seen = {}, 0, set()
    for u in units:
        if u.kind == "para" and u.article is not None and u.article not in seen:
            seen.add(u.article)
            rest = drop_dateline(u.text)
            if rest is None:
                continue
            line = u.text.strip()
            cut = line[:len(line) - len(rest)]
            body, pos = cut_out(body, cut, pos)
            drop[u.article] = ["date", "date_precision", "reporters"]
    out["nodateline"] = (body, drop)
    body = text.replace("\r\n", "\n")
    drop, pos = {}, 0
    for u in units:
        names = expected[u.article].get("authors") if u.article is not None else None
        if not names or u.kind not in ("para", "line"):
            continue
        v = drop_author(Unit(u.kind, u.text, u.indented), names)
        if v is None:
            body, pos = cut_out(body, u.text.strip(), pos, whole_line=True)
        elif v.text != u.text:
            body, pos = cut_out(body, u.text.strip()[len(v.text.strip()):], pos)
        else:
            continue
        drop[u.article] = ["authors"]
    out["noauthor"] = (body, drop)
    return out


def variants_wrapped(units, date, expected, lines, out):
    """The variants without datelines and without author lines of a page
    that pdftotext wrote: its paragraphs laid out again at its own column,
    as the paper would have printed them."""
    import copy
    n = max((width(l) for l in lines if l.strip()), default=48) // 2
    nodate, drop, seen = copy.deepcopy(units), {}, set()
    for u in nodate:
        if u.kind == "para" and u.article is not None and u.article not in seen:
            seen.add(u.article)
            rest = drop_dateline(u.text)
            if rest is not None:
                u.text = rest
                drop[u.article] = ["date", "date_precision", "reporters"]
    out["nodateline"] = (pdf_layout(nodate, n, date, len(expected), expected), drop)
    noauthor, drop = [], {}
    for u in copy.deepcopy(units):
        names = expected[u.article].get("authors") if u.article is not None else None
        if names and u.kind in ("para", "line"):
            v = drop_author(u, names)
            drop[u.article] = ["authors"]
            if v is None:
                continue
        noauthor.append(u)
    out["noauthor"] = (pdf_layout(noauthor, n, date, len(expected), expected), drop)
    return out


def cut_out(text, piece, pos, whole_line=False):
    """The text without the first occurrence of piece at or after pos
    (its characters may be wrapped over lines), and where it was."""
    chars = [c for c in piece if not c.isspace()]
    if not chars:
        return text, pos
    rx = r"[ \t\u3000\n\f]*".join(re.escape(c) for c in chars)
    if whole_line:
        rx = r"(?m)^[ \t\u3000]*" + rx + r"[ \t\u3000]*\n?"
    m = re.compile(rx).search(text, pos)
    if not m:
        return text, pos
    return text[:m.start()] + text[m.end():], m.start()


def write(page, expected_path, out_dir):
    with open(page, "rb") as f:
        data = f.read()
    base = os.path.basename(page)
    text = decode(data, base)
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)["articles"]
    vs = variants(text, base, expected)
    vs["crlf"] = (text.replace("\r\n", "\n").replace("\n", "\r\n"), {})
    vs["gb18030"] = (text, {})
    vs["utf16"] = (text, {})
    for v, (t, drop) in vs.items():
        d = os.path.join(out_dir, v)
        os.makedirs(d, exist_ok=True)
        if v == "gb18030":
            b = t.encode("gb18030")
        elif v == "utf16":
            b = b"\xff\xfe" + t.encode("utf-16-le")
        else:
            b = t.encode("utf-8")
        with open(os.path.join(d, base), "wb") as f:
            f.write(b)
        # fields whose words the change took out of the text
        flat = norm(t)
        for i, a in enumerate(expected):
            gone = set(drop.get(i, []))
            for r in a.get("reporters", []):
                if norm(r[1]) not in flat:
                    gone.add("reporters")
            for s in a.get("authors", []):
                if norm(s) not in flat:
                    gone.add("authors")
            if "authors" in gone:
                # names of authors that were also reporters go with them
                if any(r[1] in a.get("authors", []) for r in a.get("reporters", [])):
                    gone.add("reporters")
            for s in a.get("body_contains", []):
                if norm(s) not in flat:
                    gone.add("body_contains:" + s)
            if gone:
                drop[i] = sorted(gone)
        with open(os.path.join(out_dir, v + ".drop.json"), "w", encoding="utf-8") as f:
            json.dump({str(k): v2 for k, v2 in drop.items()}, f, ensure_ascii=False)


# ---- judging a reading ------------------------------------------------------

FIELDS = ("kicker", "headline", "date", "date_precision", "city", "county",
          "unions", "reporters", "authors", "paragraphs", "captions",
          "credits")


def misses(expected, got, drop):
    """[(article, field, expected, read)] for each field that differs;
    articles matched by headline in page order (one merged or split
    article does not shift the others)."""
    import difflib
    out = []
    match, j0 = [], 0
    for e in expected:
        best, bj = 0.0, None
        for j in range(j0, len(got)):
            r = difflib.SequenceMatcher(None, norm(e["headline"]),
                                        norm(got[j].get("headline"))).ratio()
            if r > best:
                best, bj = r, j
        if bj is not None and best >= 0.6:
            match.append(bj)
            j0 = bj + 1
        else:
            match.append(None)
    if len(got) != len(expected):
        out.append((None, "article count", len(expected), len(got)))
    for i, e in enumerate(expected):
        gone = set(drop.get(str(i), []))
        if match[i] is None:
            out.append((i, "found", e["headline"], None))
            continue
        g = got[match[i]]
        for f in FIELDS:
            if f not in e or f in gone:
                continue
            want = e[f]
            have = g.get(f)
            if f == "reporters":
                have = [[r.get("role"), r.get("name")] for r in have or []]
            elif f == "paragraphs":
                have = len(have or [])
            if have != want:
                out.append((i, f, want, have))
        body = "\n".join(g.get("paragraphs") or [])
        for s in e.get("body_contains", []):
            if "body_contains:" + s not in gone and norm(s) not in norm(body):
                out.append((i, "body has " + s, True, False))
        for s in e.get("body_lacks", []):
            if s in body:
                out.append((i, "body lacks " + s, True, False))
    return out


def read_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
    return out


def compare(expected_path, actual_path, drop_path=None, base_path=None):
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)["articles"]
    drop = {}
    if drop_path and os.path.exists(drop_path):
        with open(drop_path, encoding="utf-8") as f:
            drop = json.load(f)
    got = read_jsonl(actual_path)
    diff = misses(expected, got, drop)
    before = set()
    if base_path:
        before = {(i, f) for i, f, _, _ in misses(expected, read_jsonl(base_path), drop)}
    for i, f, want, have in diff:
        new = "new: " if base_path and (i, f) not in before else ""
        where = "page" if i is None else "article %d (%s)" % (i + 1, expected[i]["headline"][:24])
        print("  %s%s: %s: expected %s, read %s" % (
            new, where, f, json.dumps(want, ensure_ascii=False),
            json.dumps(have, ensure_ascii=False)))
    return 1 if diff else 0


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3], sys.argv[4])
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == "compare":
        return compare(*sys.argv[2:6])
    if len(sys.argv) == 3 and sys.argv[1] == "wrap":
        n = int(sys.argv[2])
        for line in sys.stdin.read().split("\n"):
            if line.strip():
                print("\n".join(wrap(line.rstrip(), n)))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
