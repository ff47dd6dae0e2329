"""Documents a plan cites, how a mention of one is printed, and its gold.

A `Doc` is one document; `mention()` prints it one of several ways and
returns the gold citation(s) for exactly what was printed (a nested document
named inside the title is its own mention, after the outer one). Keys follow
docs/gold-conventions.md: two spellings of one number share a key.
"""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from . import data

KIND_CODE = {"Luật": "LUAT", "Nghị quyết": "NQ", "Nghị định": "ND", "Quyết định": "QD", "Chỉ thị": "CT",
             "Thông tư": "TT", "Kế hoạch": "KH", "Chương trình": "CTR", "Đề án": "DA", "Kết luận": "KL",
             "Quy định": "QDI", "Hướng dẫn": "HD", "Công văn": "CV"}


def slug(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


@dataclass
class Doc:
    kind: str
    number: str | None          # as printed in a careful mention
    sloppy: str | None          # the same number printed the other way (02-CT/UBND vs 02/CT-UBND)
    date: date | None
    issuers: list[str]          # printed variants of the issuing body
    title: str | None           # "về ..." phrase, or the name of a named document
    key: str
    inner: "Doc | None" = None  # a document named inside the title
    named: bool = False         # cited by name, not number (Luật X, Đề án "...")
    variants: list[str] | None = None  # printed forms of a law's name
    names: list | None = None   # (kind, name) of documents named inside the title, cited by name


def _dmy(d: date, rng: random.Random) -> str:
    if rng.random() < 0.08:
        return f"{d.day:02d} tháng {d.month:02d} năm {d.year}"
    dd = f"{d.day:02d}" if d.day < 10 and rng.random() < 0.7 else str(d.day)
    mm = f"{d.month:02d}" if d.month < 10 and rng.random() < 0.5 else str(d.month)
    return f"{dd}/{mm}/{d.year}"


def national_docs(topic: str, before: date) -> list[Doc]:
    out = []
    for d in data.directives()["national"]:
        when = date.fromisoformat(d["date"])
        if when >= before or (topic not in d["topics"] and "*" not in d["topics"]):
            continue
        n = d["number"]
        num, code = n.split("/", 1)[0].split("-")[0], re.sub(r"^[0-9]+[-/]", "", n)
        code = re.sub(r"^\d{4}/", "", code)  # 98/2023/NĐ-CP -> NĐ-CP
        key = f"{KIND_CODE[d['kind']]}-{slug(code).upper()}/{num}/{when.year}"
        out.append(Doc(d["kind"], n, None, when, list(d["issuers"]), d["title"], key,
                       names=[tuple(x) for x in d.get("names", [])]))
    return out


def named_docs(topic: str, fill: dict, year: int) -> list[Doc]:
    out = []
    for d in data.directives()["named"]:
        if topic not in d["topics"] and "*" not in d["topics"]:
            continue
        if not data.in_years(d, year):
            continue
        name = d["name"].format(**fill)
        key = f"{KIND_CODE[d['kind']]}/{slug(d['name'].format(**fill))}"
        issuer = d.get("issuer")
        variants = [v.format(**fill) for v in d.get("variants", [name])]
        out.append(Doc(d["kind"], None, None, None, [issuer] if issuer else [], name, key, named=True,
                       variants=variants))
    return out


def local_docs(rng: random.Random, fill: dict, prov_code: str, plan_date: date,
               pool: list[Doc], count: int) -> list[Doc]:
    """Documents of the plan's own province, issued in the months before it."""
    out: list[Doc] = []
    used: set = set()
    specs = data.directives()["local"]
    for _ in range(count * 3):
        if len(out) >= count:
            break
        s = rng.choice(specs)
        when = date.fromordinal(plan_date.toordinal() - rng.randint(20, 420))
        n = rng.randint(1, 60) if s["body"] == "TU" else rng.randint(2, 4800)
        n_txt = f"{n:02d}" if n < 10 else str(n)
        key = f"{s['code'].upper()}-{s['body']}-{slug(prov_code).upper()}/{n}/{when.year}"
        if key in used:
            continue
        used.add(key)
        inner = None
        title = rng.choice(s["titles"])
        if s.get("nested"):
            older = [d for d in pool if d.date and d.date < when and d.kind in ("Nghị quyết", "Chỉ thị", "Kết luận")]
            if not older:
                continue
            inner = rng.choice(older)
        issuers = [i.format(**fill) for i in s["issuers"]]
        out.append(Doc(s["kind"], s["number"].format(n=n_txt), s["sloppy"].format(n=n_txt), when, issuers,
                       title.format(**fill, ref="{ref}"), key, inner))
    return out


def mention(doc: Doc, rng: random.Random, *, full: bool = True, sloppy: bool = False,
            with_title: bool = True) -> tuple[str, list[dict]]:
    """Print one mention of `doc`; return the printed text and its gold citations."""
    if doc.named:
        return _mention_named(doc, rng)
    number = doc.sloppy if (sloppy and doc.sloppy) else doc.number
    so = "số " if rng.random() < 0.93 else ""
    head = f"{doc.kind} {so}{number}"
    gold = {"text": None, "kind": doc.kind, "number": number, "date": None, "issuer": None,
            "title": None, "key": doc.key}
    if full:
        assert doc.date is not None  # a mention printed in full has a dated document
        sep = ", ngày " if rng.random() < 0.4 else " ngày "
        head += sep + _dmy(doc.date, rng)
        gold["date"] = doc.date.isoformat()
        issuer = rng.choice(doc.issuers)
        head += f" của {issuer}"
        gold["issuer"] = issuer
    elif rng.random() < 0.3:
        issuer = rng.choice(doc.issuers)
        head += f" của {issuer}"
        gold["issuer"] = issuer
    gold["text"] = head
    extra: list[dict] = []
    text = head
    if full and with_title and doc.title:
        title = doc.title
        if doc.inner is not None and "{ref}" in title:
            inner_text, extra = mention(doc.inner, rng, full=True, with_title=True)
            title = title.replace("{ref}", inner_text)
        gold["title"] = title
        text = f"{head} {title}"
        for kind, name in doc.names or []:  # "phê duyệt Chương trình Chuyển đổi số quốc gia ...": a mention too
            if f"{kind} {name}" in title:
                extra.append({"text": f"{kind} {name}", "kind": kind, "number": None, "date": None, "issuer": None,
                              "title": name, "key": f"{KIND_CODE[kind]}/{slug(name)}"})
    return text, [gold] + extra


def _mention_named(doc: Doc, rng: random.Random) -> tuple[str, list[dict]]:
    gold = {"kind": doc.kind, "number": None, "date": None, "issuer": None, "title": doc.title, "key": doc.key}
    if doc.kind == "Luật":
        assert doc.variants is not None  # every Luật of the lexicon lists its printed forms
        name = rng.choice(doc.variants)
        gold["title"] = name
        text = f"Luật {name}"
    elif doc.kind == "Nghị quyết":  # Nghị quyết Đại hội ...: the congress is both issuer and title
        text = f"Nghị quyết {doc.title}"
        gold["issuer"] = doc.title
    else:  # Đề án / Chương trình "name" của X
        text = f"{doc.kind} “{doc.title}”"
        if doc.issuers:
            text += f" của {doc.issuers[0]}"
            gold["issuer"] = doc.issuers[0]
    gold["text"] = text
    return text, [{"text": gold.pop("text"), **gold}]
