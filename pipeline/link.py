"""link: citations across documents — which directive each mention names, what it
resolves to (an archived plan or a registry entry), and the audit findings.

The core is `link(documents, citations, registry)` over plain dicts, so one file's
record audits the same way as a whole archive:

    from pipeline.link import link_archive, citation_graph
    linked = link_archive(Archive("kehoach.db"))
    linked.mentions            # one row per mention, with its `directive` and `target`
    linked.findings            # [Finding(kind, directive, label, message, mentions)]
    linked.cites("02/CT-UBND") # DataFrame: every mention of that directive
    citation_graph(archive)    # networkx.DiGraph, document → directive

A *directive* is one cited document. Its id is a canonical key
(extractors.citations.canonical_key); keys that name the same document are joined:
unnumbered names of one kind whose slugs are ≥ KEY_SIMILAR alike, and a key without
a year with the single dated key of the same number. Documents in the archive get
their own key from their header with the same function, so a plan's mention of
another archived plan meets it.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import networkx as nx
import pandas as pd
from rapidfuzz import fuzz, process

from extractors.citations import canonical_key, slug
from extractors.grammar import (NUMERIC_DATE, WHOLE_NUMBER, home_province as _home_province_name, kind_at_start,
                                kind_words, number_id, province_code, split_number, strip_kind)
from pipeline.actors import fold, normalize_actor
from pipeline.errors import KehoachError

KEY_SIMILAR = 90  # two unnumbered names (slugs, rapidfuzz ratio) this alike and of one kind are one document
TEXT_SIMILAR = 80  # two titles or issuers (folded, token_set_ratio) this alike are one wording, not a conflict

# in the order an auditor reads them: what contradicts itself first, then numbers printed
# several ways, then what the archive cannot check (unresolved, by directive, most cited first)
FINDING_KINDS = ("date-conflict", "title-conflict", "issuer-conflict", "future-date", "number-variant",
                 "unresolved", "partial")

# The registry lives in the archive file but belongs to this module: it is created on
# first load, and readers treat a missing table as an empty registry.
REGISTRY_SCHEMA = """
CREATE TABLE IF NOT EXISTS registry (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    number TEXT,
    date TEXT,
    issuer TEXT,
    title TEXT,
    key TEXT NOT NULL,
    source TEXT,
    loaded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS registry_key ON registry (key);
"""
REGISTRY_COLUMNS = ("number", "kind", "date", "issuer", "title")
# kinds usually cited by name rather than number ("Luật Thi đua, khen thưởng", Đề án "..."): a registry
# entry of these kinds is also found by its title
NAMED_KINDS = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Đề án", "Chương trình")


@dataclass
class Finding:
    kind: str  # one of FINDING_KINDS
    directive: str | None  # the directive's key (None for a mention too broken to key)
    label: str  # the directive as a reader names it: "Chỉ thị 02-CT/UBND (2024)"
    message: str
    mentions: list[dict] = field(default_factory=list)  # {document, page, text}


@dataclass
class Linked:
    mentions: pd.DataFrame  # one row per mention (see MENTION_COLUMNS)
    targets: pd.DataFrame  # archived documents and registry entries a mention can resolve to
    labels: dict[str, str]  # directive → label
    resolved: dict[str, dict]  # directive → its target row
    findings: list[Finding]

    def cites(self, query: str) -> pd.DataFrame:
        """Every mention of the directive(s) `query` names: a key, a number in any printing, or a name."""
        wanted = self.directives_of(query)
        rows = self.mentions[self.mentions["directive"].isin(wanted)]
        return _in_order(rows)[CITES_COLUMNS].reset_index(drop=True)

    def directives_of(self, query: str) -> set[str]:
        q = query.strip()
        m = self.mentions
        if q in self.labels or q in set(m["key"]):  # a key (as printed by `cites`/`audit`)
            return {q} if q in self.labels else set(m.loc[m["key"] == q, "directive"])
        wanted = number_id(q) or _number_in(q)
        if wanted:
            found = {d for n, d in zip(m["number"], m["directive"]) if n and number_id(n) == wanted}
            found |= {t["directive"] for t in self.targets.to_dict("records") if t["number"] and number_id(t["number"]) == wanted}
            return found
        # a name: "Luật Thi đua, khen thưởng" (that kind only), or the name without its kind word
        kind = kind_at_start(q)
        code = canonical_key(kind, None, None, "").split("/")[0] if kind else None
        name = slug(strip_kind(q))
        keys = {k for k in set(m["key"].dropna()) | set(self.labels) if not _numbered_key(k)}
        hits = {k for k in keys if (code is None or k.split("/")[0] == code)
                and fuzz.ratio(name, k.split("/", 1)[1]) >= KEY_SIMILAR and _numerals(name) == _numerals(k.split("/", 1)[1])}
        return {d for k, d in zip(m["key"], m["directive"]) if k in hits} | (hits & set(self.labels))

    def cited_by(self, target_ids: set[str]) -> pd.DataFrame:
        """Mentions, in other documents, of the targets ("document:ID" / "registry:ID") given."""
        directives = {d for d, t in self.resolved.items() if t["id"] in target_ids}
        rows = self.mentions[self.mentions["directive"].isin(directives)]
        own = {int(t.split(":")[1]) for t in target_ids if t.startswith("document:")}
        rows = rows[~rows["document_id"].isin(own)]  # a plan is not cited by itself
        return _in_order(rows)[CITED_BY_COLUMNS].reset_index(drop=True)

    def findings_frame(self) -> pd.DataFrame:
        return findings_frame(self.findings)


MENTION_COLUMNS = ["document_id", "document", "document_number", "document_date", "idx", "page", "line", "span_start",
                   "text", "kind", "number", "date", "issuer", "title", "key", "directive", "target"]
TARGET_COLUMNS = ["id", "source", "kind", "number", "date", "issuer", "title", "key", "alias", "path", "directive"]
CITES_COLUMNS = ["directive", "document", "document_number", "page", "line", "text"]
CITED_BY_COLUMNS = ["document", "document_number", "document_date", "page", "line", "text", "directive"]
FINDING_COLUMNS = ["finding", "kind", "directive", "message", "document", "page", "line", "text"]


# -- keys -------------------------------------------------------------------

def _number_in(text: str) -> tuple | None:
    """The number a query names in words, as a citation of it would be read: "Nghị quyết
    76/NQ-CP", "Chỉ thị số 36-CT/TW ngày 16/8/2019" → the identity of 76/NQ-CP, 36-CT/TW."""
    from extractors.citations import find_citations

    for c in find_citations(text):
        if number_id(c.number):
            return number_id(c.number)
    for token in re.findall(r"\d+[\w./-]*[/-][^\W\d_][\w./-]*", text):  # the number alone, wherever it is
        if number_id(token):
            return number_id(token)
    return None


def _numbered_key(key: str) -> bool:
    # numbered keys are KIND-ISSUER/SERIAL[/YEAR]; unnumbered ones KIND/slug
    return "-" in key.split("/", 1)[0]


def home_province(doc: dict) -> str | None:
    """The province code of a document's own place, as pipeline.extract finds it for its citations."""
    return province_code(_home_province_name(doc.get("issuer"), doc.get("place"), doc.get("text") or ""))


def document_key(kind: str | None, number: str | None, date_: str | None, issuer: str | None,
                 home: str | None = None, title: str | None = None) -> str | None:
    """The key a mention of this document carries: numbered when it has a number, else by name."""
    if not kind:
        return None
    if number and number_id(number):
        year = split_number(number)[1] or (date_[:4] if date_ else None)
        return canonical_key(kind, number, year, None, issuer, home)
    if title:
        return canonical_key(kind, None, None, strip_kind(title, kind))
    return None


class _Groups:
    """Union-find over keys: the keys that name one directive end up with one root."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def add(self, k: str) -> None:
        self.parent.setdefault(k, k)

    def find(self, k: str) -> str:
        self.add(k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


_NUMERAL = re.compile(r"^(?:\d+|[ivxlc]+)$")


def _numerals(s: str) -> set[str]:
    # "lan-thu-xiii" and "lan-thu-xii", "2021-2025" and "2016-2020" are ≥ 90 alike yet name
    # different documents; a name's figures and roman numerals must agree exactly
    return {t for t in s.split("-") if _NUMERAL.match(t)}


def _join_names(keys: set[str], groups: _Groups) -> None:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        by_kind[k.split("/", 1)[0]].append(k)
    for ks in by_kind.values():
        ks.sort()
        slugs = [k.split("/", 1)[1] for k in ks]
        scores = process.cdist(slugs, slugs, scorer=fuzz.ratio, score_cutoff=KEY_SIMILAR)
        for i, j in zip(*scores.nonzero()):
            if i < j and _numerals(slugs[i]) == _numerals(slugs[j]):
                groups.union(ks[i], ks[j])


def _join_years(keys: set[str], groups: _Groups) -> None:
    # "KH-UBND-BT/4088" (printed without a date anywhere in its plan) is "KH-UBND-BT/4088/2021"
    # when the archive knows exactly one dated 4088/KH-UBND of Bình Thuận
    dated: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        head, _, tail = k.rpartition("/")
        if re.fullmatch(r"\d{4}", tail) and head.count("/") == 1:
            dated[head].add(groups.find(k))
    for k in keys:
        if k.count("/") == 1 and len(dated.get(k, ())) == 1:
            groups.union(next(iter(dated[k])), k)


# -- linking ----------------------------------------------------------------

def link(documents: list[dict], citations: list[dict], registry: Sequence[dict] = ()) -> Linked:
    """Resolve every citation and audit them.

    documents: {id, path, kind, number, issuer, place, date, title, text?, sha256?} — the citing plans,
    which are also what a mention can resolve to; citations: {document_id, idx, text, kind, number, date,
    issuer, title, key?, page, span_start?, span_end?}; registry: {id?, kind, number, date, issuer, title}.
    """
    docs = {d["id"]: d for d in documents}
    homes = {i: home_province(d) for i, d in docs.items()}

    targets: list[dict] = []
    for d in documents:
        key = document_key(d.get("kind"), d.get("number"), d.get("date"), d.get("issuer"), homes[d["id"]])
        if key and _numbered_key(key):  # a plan without a number cannot be cited by one
            targets.append({"id": f"document:{d['id']}", "source": "document", "kind": d.get("kind"),
                            "number": d.get("number"), "date": d.get("date"), "issuer": d.get("issuer"),
                            "title": d.get("title"), "key": key, "alias": None, "path": d.get("path")})
    for i, r in enumerate(registry):
        key = document_key(r.get("kind"), r.get("number"), r.get("date"), r.get("issuer"), None, r.get("title"))
        if not key:
            continue
        # a registry entry is also found by its name: Luật are cited by name, seldom by number
        alias = document_key(r["kind"], None, None, None, None, r.get("title")) \
            if r.get("title") and r["kind"] in NAMED_KINDS else None
        targets.append({"id": f"registry:{r.get('id', i + 1)}", "source": "registry", "kind": r.get("kind"),
                        "number": r.get("number"), "date": r.get("date"), "issuer": r.get("issuer"),
                        "title": r.get("title"), "key": key, "alias": alias if alias != key else None,
                        "path": None})

    rows: list[dict] = []
    for c in citations:
        d = docs.get(c["document_id"], {})
        key = c.get("key") or document_key(c.get("kind"), c.get("number"), c.get("date"), c.get("issuer"),
                                           homes.get(c["document_id"]), c.get("title") or c.get("text"))
        rows.append({"document_id": c["document_id"], "document": d.get("path"), "document_number": d.get("number"),
                     "document_date": d.get("date"), "idx": c.get("idx"), "page": c.get("page"),
                     "line": _line_of(d.get("text"), c.get("span_start")),
                     "span_start": c.get("span_start"), "text": c.get("text"), "kind": c.get("kind"),
                     "number": c.get("number"), "date": c.get("date"), "issuer": c.get("issuer"),
                     "title": c.get("title"), "key": key})

    groups = _Groups()
    all_keys: set[str] = {r["key"] for r in rows if r["key"]} | {t["key"] for t in targets} | \
        {t["alias"] for t in targets if t["alias"]}
    for k in all_keys:
        groups.add(k)
    # a Luật cited by name and by number is one directive; when the registry holds several
    # versions of one name, the name means the latest
    latest: dict[str, dict] = {}
    for t in targets:
        if t["alias"] and (t["alias"] not in latest or (t["date"] or "") > (latest[t["alias"]]["date"] or "")):
            latest[t["alias"]] = t
    for alias, t in latest.items():
        groups.union(t["key"], alias)
    _join_names({k for k in all_keys if not _numbered_key(k)}, groups)
    _join_years({k for k in all_keys if _numbered_key(k)}, groups)

    # each group is named by its best key: an archived plan's, a registry entry's, else its most cited
    members: dict[str, list[str]] = defaultdict(list)
    for k in sorted(all_keys):
        members[groups.find(k)].append(k)
    counts = Counter(r["key"] for r in rows)
    resolved: dict[str, dict] = {}
    name_of: dict[str, str] = {}
    for root, keys in members.items():
        own = sorted((t for t in targets if t["key"] in keys), key=lambda t: t["source"] != "document")
        best = own[0]["key"] if own else max(keys, key=lambda k: (counts[k], k.count("/"), len(k)))
        name_of[root] = best
        if own:
            resolved[best] = own[0]
    for t in targets:
        t["directive"] = name_of[groups.find(t["key"])]
    for r in rows:
        r["directive"] = name_of[groups.find(r["key"])] if r["key"] else None
        target = resolved.get(r["directive"])
        r["target"] = target["id"] if target else None

    mentions = _frame(rows, MENTION_COLUMNS)
    borrowed = {(c["document_id"], c.get("idx")) for c in citations
                if c.get("date") and _inside_amending_law(docs.get(c["document_id"], {}).get("text"), c.get("span_start"))}
    rows_of: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        rows_of[r["directive"]].append(r)
    labels = {d: _label(d, resolved.get(d), rows_of[d]) for d in set(name_of.values())}
    findings = sort_findings(_findings(mentions, resolved, labels, borrowed) + partial_findings(documents, citations))
    return Linked(mentions=mentions, targets=_frame(targets, TARGET_COLUMNS), labels=labels, resolved=resolved,
                  findings=findings)


def _in_order(rows: pd.DataFrame) -> pd.DataFrame:
    """Oldest citing document first, then its mentions in reading order."""
    order = rows.assign(_date=rows["document_date"].fillna(""), _idx=rows["idx"].fillna(0))
    return order.sort_values(["_date", "document", "_idx"], kind="stable")


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    # object columns holding None, not NaN: a missing number must stay falsy for the code reading it
    frame = pd.DataFrame(rows, columns=columns).astype(object)
    return frame.where(frame.notna(), None)


def _label(directive: str, target: dict | None, rows: list[dict]) -> str:
    src = [target] if target else rows
    for r in src:
        if r.get("number"):
            year = split_number(r["number"])[1] or (r["date"] or "")[:4] or \
                (directive.rsplit("/", 1)[1] if directive.count("/") == 2 else "")
            return f"{r['kind']} {r['number']}" + (f" ({year})" if year else "")
    for r in src:
        if r.get("title"):
            return f"{r['kind']} {strip_kind(r['title'], r['kind'])}"
    return directive


# -- findings ---------------------------------------------------------------

def _line_of(text: str | None, offset) -> int | None:
    """The line (1-based) of the document's normalised text a mention starts on."""
    if not text or offset is None or pd.isna(offset):
        return None
    return text.count("\n", 0, int(offset)) + 1


def _mention(r: dict, **extra) -> dict:
    page, line = r.get("page"), r.get("line")
    return {"document": r["document"], "page": None if page is None or pd.isna(page) else int(page),
            "line": None if line is None or pd.isna(line) else int(line), "text": r["text"], **extra}


def _words(s: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(s)).split())


def _dissimilar(values: list[str], norm) -> bool:
    """True when two of the values are worded too differently to be one (fuzzy, after `norm`)."""
    forms = sorted({norm(v) for v in values if v and norm(v)})
    return any(fuzz.token_set_ratio(a, b) < TEXT_SIMILAR for i, a in enumerate(forms) for b in forms[i + 1:])


# "Luật sửa đổi, bổ sung (một số điều) của Luật A, Luật B và <mention> ngày D", folded (so OCR's "sửa đôi"
# is "sua doi" too): the mention names a law the amending law amends, and D is the amending law's date.
# After "bởi"/"theo" the mention is the amending law itself and the date its own.
_AMENDING_OF = re.compile(r"\bsua doi\W+bo sung(?:\s+mot so dieu)?\s+cua\b(?!.*\b(?:boi|theo)\b)")
_CLAUSE_BACK = 400  # how far back a clause may begin (a "Căn cứ" line is seldom longer)


def _inside_amending_law(text: str | None, start) -> bool:
    """True when the citation at `start` is named inside an amending law's title in the same clause
    (from the last ";" or line break): the date printed after it belongs to the amending law."""
    if not text or start is None or pd.isna(start):
        return False
    start = int(start)
    window = text[max(0, start - _CLAUSE_BACK):start]
    clause = re.split(r"[;\n]", window)[-1]
    return bool(_AMENDING_OF.search(fold(clause)))


def _findings(mentions: pd.DataFrame, resolved: dict[str, dict], labels: dict[str, str],
              borrowed: set | frozenset = frozenset()) -> list[Finding]:
    """borrowed: (document_id, idx) of mentions whose date is an amending law's (not theirs to conflict)."""
    out: list[Finding] = []
    rows = mentions.astype(object).where(mentions.notna(), None).to_dict("records")
    for r in rows:
        if (r["document_id"], r["idx"]) in borrowed:
            r["date"] = None
    by_directive: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["directive"]:
            by_directive[r["directive"]].append(r)
    for d, ms in by_directive.items():
        target, label = resolved.get(d), labels[d]
        where = f"{target['source']}: " if target else ""

        dates = sorted({m["date"] for m in ms if m["date"]} | ({target["date"]} if target and target["date"] else set()))
        if len(dates) > 1:
            known = f"; {where}{target['date']}" if target and target["date"] else ""
            out.append(Finding("date-conflict", d, label, f"{label} is cited with {len(dates)} dates: "
                               f"{', '.join(dates)}{known}",
                               [_mention(m, date=m["date"]) for m in ms if m["date"]]))
        for field_, norm in (("title", _words), ("issuer", normalize_actor)):
            values = [m[field_] for m in ms if m[field_]]
            official = target.get(field_) if target else None
            if official and target and field_ == "title":
                official = strip_kind(official, target["kind"])
            if len(set(values) | ({official} if official else set())) > 1 and \
                    _dissimilar(values + ([official] if official else []), norm):
                extra = f"; {where}{official!r}" if official else ""
                out.append(Finding(f"{field_}-conflict", d, label,
                                   f"{label} is cited with different {field_}s{extra}",
                                   [_mention(m, **{field_: m[field_]}) for m in ms if m[field_]]))
        numbers = sorted({m["number"] for m in ms if m["number"]})
        if len(numbers) > 1:
            out.append(Finding("number-variant", d, label, f"{label} is printed as " + " and ".join(
                f'"{n}"' for n in numbers), [_mention(m, number=m["number"]) for m in ms if m["number"]]))
        if target is None:
            out.append(Finding("unresolved", d, label, f"{label} is neither archived nor in the registry",
                               [_mention(m) for m in ms]))

        # a plan cannot implement a directive issued after it: the date is wrong, or the plan's
        by_doc: dict[str, list[dict]] = defaultdict(list)
        for m in ms:
            cited = m["date"] or (target["date"] if target else None)
            if cited and m["document_date"] and cited > m["document_date"]:
                by_doc[m["document"]].append(_mention(m, date=cited, document_date=m["document_date"]))
        for doc, found in by_doc.items():
            out.append(Finding("future-date", d, label, f"{doc} (dated {found[0]['document_date']}) cites {label} "
                               f"dated {found[0]['date']}", found))
    return out


# a kind word with "số" and then anything: the number after it decides whether the mention is whole
_SO = re.compile(r"(?<!\w)(?P<kind>" + kind_words() + r")(?:\s+(?:liên tịch|liên bộ))?\s+số\s*:?[ \t]*(?P<rest>[^\s,;]*)")
_DATE_AFTER = re.compile(r"\s*,?\s*" + NUMERIC_DATE)


def partial_findings(documents: list[dict], citations: list[dict], page_at=None) -> list[Finding]:
    """Mentions the citation grammar could only partly read: "Chỉ thị số 02- ngày ...", "Quyết định
    số ..., ngày ...", "Kế hoạch số 15 ngày ..." (a serial without its symbol looks cut off).

    They are not in the record (the extractor keeps only whole citations), so they are found
    in each document's text, outside every recorded citation. page_at(offset) gives the page;
    without it the page is that of the nearest citation before the mention.
    """
    spans = defaultdict(list)
    for c in citations:
        if c.get("span_start") is not None and not pd.isna(c.get("span_start")):
            spans[c["document_id"]].append((int(c["span_start"]), int(c["span_end"]), c.get("page")))
    out = []
    for d in documents:
        text = d.get("text") or ""
        taken = sorted(spans[d["id"]])
        for m in _SO.finditer(text):
            if any(s <= m.start() < e for s, e, _ in taken):
                continue
            if WHOLE_NUMBER.match(text, m.start("rest")):
                continue  # a whole number: a citation the extractor kept, or the plan citing itself
            rest = m.group("rest")
            if not (rest == "" or rest[:1] in "0123456789./…" or fold(rest) in ("ngay", "cua", "do", "ve")):
                continue  # "Kế hoạch số hóa ...": "số" is a word here, not a number to come
            end = m.end("rest") if rest[:1] in "0123456789./…" else m.end("kind") + len(text[m.end("kind"):m.start("rest")].rstrip())
            date_m = _DATE_AFTER.match(text, end)
            printed = " ".join(text[m.start():date_m.end() if date_m else end].split())
            if page_at is not None:
                page = page_at(m.start())
            else:
                before = [p for s, _, p in taken if s <= m.start() and p is not None and not pd.isna(p)]
                page = int(before[-1]) if before else 1
            out.append(Finding("partial", None, printed, f"{printed!r} in {d.get('path')}: the number is "
                               "missing or cut off", [{"document": d.get("path"), "page": page,
                                                        "line": _line_of(text, m.start()), "text": printed}]))
    return out


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Conflicts, then future dates, number variants, unresolved directives (the most
    mentioned first) and cut-off numbers; within a kind, by directive label."""
    rank = {k: i for i, k in enumerate(FINDING_KINDS)}
    return sorted(findings, key=lambda f: (rank.get(f.kind, len(rank)),
                                           -len(f.mentions) if f.kind == "unresolved" else 0,
                                           fold(f.label or ""), f.directive or ""))


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """One row per (finding, mention): the table/CSV form of an audit."""
    rows = [{"finding": i, "kind": f.kind, "directive": f.directive, "message": f.message,
             "document": m["document"], "page": m["page"], "line": m.get("line"), "text": m["text"]}
            for i, f in enumerate(findings, 1) for m in f.mentions]
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def findings_json(findings: list[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=1) + "\n"


# -- archive and record inputs ----------------------------------------------

def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def has_registry(archive) -> bool:
    return archive.has_table("registry")


def registry_frame(archive) -> pd.DataFrame:
    if not has_registry(archive):
        return pd.DataFrame(columns=["id", *REGISTRY_COLUMNS, "key", "source", "loaded_at"])
    return archive.sql("SELECT id, number, kind, date, issuer, title, key, source, loaded_at FROM registry ORDER BY id")


def link_archive(archive, registry: list[dict] | None = None) -> Linked:
    """Link every citation of the archive (and its registry, plus `registry` rows if given)."""
    documents = _records(archive.sql("SELECT id, sha256, path, kind, number, issuer, place, date, title, text "
                                     "FROM documents ORDER BY id"))
    citations = _records(archive.sql("SELECT document_id, idx, text, kind, number, date, issuer, title, key, page, "
                                     "span_start, span_end FROM citations ORDER BY document_id, idx"))
    entries = _records(registry_frame(archive)) + list(registry or [])
    return link(documents, citations, entries)


def record_inputs(record: dict, doc_id: int = 1) -> tuple[list[dict], list[dict]]:
    """A plan record (contract JSON, with "text" when available) as link()'s documents and citations."""
    doc, src = record.get("document") or {}, record.get("source") or {}
    documents = [{"id": doc_id, "sha256": src.get("sha256"), "path": src.get("path"), "kind": doc.get("kind"),
                  "number": doc.get("number"), "issuer": doc.get("issuer"), "place": doc.get("place"),
                  "date": doc.get("date"), "title": doc.get("title"), "text": record.get("text")}]
    citations = [{"document_id": doc_id, "idx": i, **{k: c.get(k) for k in
                  ("text", "kind", "number", "date", "issuer", "title", "key")},
                  "page": (c.get("span") or {}).get("page"), "span_start": (c.get("span") or {}).get("start"),
                  "span_end": (c.get("span") or {}).get("end")}
                 for i, c in enumerate(record.get("citations") or [])]
    return documents, citations


def audit_file(path, registry: Sequence[dict] = ()) -> Linked:
    """Extract one file and audit its citations alone (with `registry` entries as known documents)."""
    from pipeline.extract import extract_text
    from pipeline.normalize import normalize
    from pipeline.readers import read

    source = read(Path(path))
    text = normalize(source)  # kept: its page_at gives a partial mention's page
    record = extract_text(text, source).to_dict(with_text=True)
    documents, citations = record_inputs(record)
    linked = link(documents, citations, registry)
    # redo the partial scan with real pages instead of estimates
    linked.findings = sort_findings([f for f in linked.findings if f.kind != "partial"]
                                    + partial_findings(documents, citations, page_at=text.page_at))
    return linked


# -- registry ---------------------------------------------------------------

def read_registry_file(path) -> list[dict]:
    """Rows of a registry file: CSV with a header, or JSON (a list of objects), columns
    number, kind, date, issuer, title. A row needs a kind and a number or a title."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise KehoachError(f"{path}: {exc.strerror or exc}") from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise KehoachError(f"{path}: not JSON ({exc})") from exc
        if isinstance(data, dict):
            data = data.get("registry") or data.get("documents") or []
        if not isinstance(data, list):
            raise KehoachError(f"{path}: expected a list of objects")
    else:
        data = list(csv.DictReader(io.StringIO(raw)))
    rows = []
    for n, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise KehoachError(f"{path}: entry {n} is not an object")
        row = {c: (str(item.get(c)).strip() or None) if item.get(c) is not None else None for c in REGISTRY_COLUMNS}
        if not row["kind"] and row["title"]:
            row["kind"] = kind_at_start(row["title"])
        if not row["kind"] or not (row["number"] or row["title"]):
            raise KehoachError(f"{path}: entry {n} needs a kind and a number or a title")
        row["date"] = _iso_date(row["date"], f"{path}: entry {n}")
        rows.append(row)
    return rows


def _iso_date(value: str | None, where: str) -> str | None:
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value) or re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value)
    if not m:
        raise KehoachError(f"{where}: date {value!r}: expected YYYY-MM-DD or DD/MM/YYYY")
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if len(m.group(1)) == 4 else (m.group(3), m.group(2), m.group(1))
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except ValueError as exc:
        raise KehoachError(f"{where}: date {value!r}: {exc}") from exc


def load_registry(archive, rows: list[dict], source: str | None = None) -> int:
    """Add registry entries to the archive; an entry with the key of an earlier one replaces it
    (reloading a corrected file does not duplicate). Returns how many were stored."""
    archive.create(REGISTRY_SCHEMA)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with archive.transaction() as cur:
        for r in rows:
            key = document_key(r["kind"], r.get("number"), r.get("date"), r.get("issuer"), None, r.get("title"))
            cur.execute("DELETE FROM registry WHERE key = ?", (key,))
            cur.execute("INSERT INTO registry (kind, number, date, issuer, title, key, source, loaded_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (r["kind"], r.get("number"), r.get("date"), r.get("issuer"), r.get("title"), key, source, now))
    return len(rows)


# -- the Python API over an archive -------------------------------------------

def cites(archive, query: str) -> pd.DataFrame:
    """Every mention of the directive `query` names (key, number in any printing, or name)."""
    return link_archive(archive).cites(query)


def find_documents(archive, file_or_number: str) -> set[str]:
    """Targets ("document:ID", "registry:ID") named by a file (its content, path or file name) or a number."""
    from pipeline.readers import sha256_of

    docs = archive.sql("SELECT id, sha256, path, number FROM documents")
    p = Path(file_or_number)
    if p.is_file():
        sha = sha256_of(p)
        hit = docs[docs["sha256"] == sha]
        if not hit.empty:
            return {f"document:{i}" for i in hit["id"]}
    hit = docs[(docs["path"] == file_or_number) | (docs["path"].map(lambda s: Path(s).name) == p.name)]
    if not hit.empty:
        return {f"document:{i}" for i in hit["id"]}
    wanted = number_id(file_or_number) or _number_in(file_or_number)
    if not wanted:
        return set()
    found = {f"document:{i}" for i, n in zip(docs["id"], docs["number"]) if number_id(n) == wanted}
    reg = registry_frame(archive)
    return found | {f"registry:{i}" for i, n in zip(reg["id"], reg["number"]) if n and number_id(n) == wanted}


def cited_by(archive, file_or_number: str) -> pd.DataFrame:
    """The mentions, in other archived documents, of the plan (or registry entry) given."""
    targets = find_documents(archive, file_or_number)
    if not targets:
        raise KehoachError(f"{file_or_number}: no archived document or registry entry by that file or number")
    return link_archive(archive).cited_by(targets)


def audit(archive) -> pd.DataFrame:
    """The audit findings of the whole archive, one row per (finding, mention)."""
    return link_archive(archive).findings_frame()


def graph_of(linked: Linked, documents: pd.DataFrame | None = None) -> nx.DiGraph:
    """document → directive edges; a directive that is an archived plan is that plan's node."""
    g = nx.DiGraph()
    if documents is not None:
        for d in _records(documents):
            g.add_node(f"document:{d['id']}", kind="document", label=d.get("number") or Path(d["path"]).name,
                       path=d["path"], date=d.get("date"))
    for r in _records(linked.mentions):
        src = f"document:{r['document_id']}"
        if src not in g:
            g.add_node(src, kind="document", label=r["document_number"] or Path(r["document"] or "?").name,
                       path=r["document"], date=r["document_date"])
        if not r["directive"]:
            continue
        target = linked.resolved.get(r["directive"])
        dst = target["id"] if target and target["source"] == "document" else r["directive"]
        if dst not in g:
            g.add_node(dst, kind=target["source"] if target else "unresolved", label=linked.labels[r["directive"]],
                       key=r["directive"])
        if dst == src:
            continue
        if g.has_edge(src, dst):
            g[src][dst]["mentions"] += 1
            g[src][dst]["pages"].append(r["page"])
        else:
            g.add_edge(src, dst, mentions=1, pages=[r["page"]], directive=r["directive"])
    return g


def citation_graph(archive) -> nx.DiGraph:
    """The archive's citations as a graph: nodes labelled ("label", "kind": document | registry |
    unresolved), an edge per citing document and directive with its mention count and pages."""
    return graph_of(link_archive(archive), archive.sql("SELECT id, path, number, date FROM documents"))
