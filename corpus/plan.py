"""Build one abstract plan (blocks) and its gold record from the data files.

The gold is written at the same moment as the text it describes, in document
order, so it is right by construction: a task's units are the very list that
was joined into its field line, a citation's key is the key of the document
that was printed, a timeline's dates come from the period that was printed.
Conventions: ../docs/gold-conventions.md.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from . import citations, data, timeline
from .model import Bullet, Field, Header, Heading, Item, Para, Signature, Table, Title, plain

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "abcd"  # Word's automatic lower-letter numbering has no "đ": numbered lists stay within a-d
FIELD_LETTERS = "abcdđeg"  # lettered field lines are typed by hand: Vietnamese order, with "đ"


@dataclass
class Plan:
    blocks: list
    gold: dict          # the plan record without "source" (added once rendered)
    running_head: str   # short line for the PDF running header


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _weighted(rng: random.Random, rows: list[dict]):
    return rng.choices(rows, weights=[r.get("weight", 1) for r in rows])[0]


def _join(rng: random.Random, units: list[str]) -> str:
    """Print a list of units the ways plans do: commas, semicolons, a final "và"."""
    if len(units) == 1:
        return units[0]
    if rng.random() < 0.35:
        return "; ".join(units)
    if rng.random() < 0.45:
        return ", ".join(units[:-1]) + " và " + units[-1]
    return ", ".join(units)


def _marker(fmt: str, i: int, parent: int = 0) -> tuple[str, str]:
    """(printed marker, id part) of the i-th item (1-based) in numbering style `fmt`."""
    if fmt == "1.":
        return f"{i}.", str(i)
    if fmt == "1-":
        return f"{i}-", str(i)
    if fmt == "(1)":
        return f"({i})", str(i)
    if fmt == "1.1.":
        return f"{parent}.{i}.", str(i)
    if fmt == "1.1-":
        return f"{parent}.{i}-", str(i)
    if fmt == "a)":
        return f"{LETTERS[i - 1]})", LETTERS[i - 1]
    raise ValueError(fmt)


class Builder:
    """Holds the blocks and gold lists while a plan is written top to bottom."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.blocks: list = []
        self.citations: list[dict] = []
        self.tasks: list[dict] = []
        self.targets: list[dict] = []
        self.sections: list[dict] = []
        self.lists = 0

    def new_list(self) -> int:
        self.lists += 1
        return self.lists

    # --- citations -----------------------------------------------------------
    def cite(self, doc: citations.Doc, **kw) -> str:
        text, golds = citations.mention(doc, self.rng, **kw)
        self.citations.extend(golds)
        return text


def build(rng: random.Random) -> Plan:
    b = Builder(rng)
    iss_all = data.issuers()
    year = rng.choices([2023, 2024, 2025, 2026], weights=[2, 4, 3, 2])[0]
    issuer = _weighted(rng, [i for i in iss_all["issuer"] if i.get("max_year", 9999) >= year])
    prov = rng.choice([p for p in data.provinces() if (p["until_year"] or 9999) >= year])
    month = rng.randint(1, 12) if year < 2026 else rng.randint(1, 5)
    plan_date = date(year, month, rng.randint(1, 28))

    city = prov["type"] == "thành phố"
    fill = {
        "p": prov["name"], "P": prov["name"].upper(),
        "type": prov["type"], "TYPE": prov["type"].upper(),
        "h": rng.choice(prov["districts"]), "x": rng.choice(prov["communes"]),
        "Uy": "Thành ủy" if city else "Tỉnh ủy", "type_uy": "Thành ủy" if city else "Tỉnh ủy",
        "TYPE_UY": "THÀNH ỦY" if city else "TỈNH ỦY", "CODE_UY": "TU", "y": year,
    }
    fill["H"], fill["X"] = fill["h"].upper(), fill["x"].upper()
    if issuer.get("bodies"):
        body = rng.choice([u for u in data.units() if u["body"] == issuer["bodies"] and data.in_years(u, year)])
        fill.update(unit=body["name"].format(**fill), UNIT=body["name"].format(**fill).upper(), UNITCODE=body["code"])
    f = lambda s: s.format(**fill)  # noqa: E731

    topic_id = rng.choice(issuer["topics"])
    topic = data.topics()[topic_id]
    kind = rng.choices(topic["kinds"], weights=[5] + [1] * (len(topic["kinds"]) - 1))[0]
    party = issuer["number"] == "party"
    issuer_name = f(issuer["name"])
    short = f(issuer["short"])
    if issuer["id"] == "ubnd_tinh":
        short = "UBND " + fill["type"]

    # --- header: số/ký hiệu, place and date ------------------------------------
    kcode = "KH" if kind == "Kế hoạch" else "CTr"
    code = f(issuer["code"])
    n = rng.randint(1, 180) if party else rng.randint(2, 480)
    n_txt = f"{n:02d}" if n < 10 else str(n)
    number = f"{n_txt}-{kcode}/{code}" if party else f"{n_txt}/{kcode}-{code}"
    blank_number = rng.random() < 0.06  # drafts leave the number blank
    if blank_number:
        shown = ("       -" + f"{kcode}/{code}") if party else f"       /{kcode}-{code}"
    else:
        shown = number
    number_line = (f"Số {shown}" if rng.random() < 0.7 else f"Số: {shown}") if party else f"Số: {shown}"
    place = {"province": fill["p"], "district": fill["h"], "commune": fill["x"],
             "capital_or_province": rng.choice([prov["capital"], fill["p"]])}[issuer["place"]]
    blank_date = rng.random() < 0.05
    dd = f"{plan_date.day:02d}" if plan_date.day < 10 else str(plan_date.day)
    mm = f"{plan_date.month:02d}" if plan_date.month < 3 else str(plan_date.month)  # Nghị định 30: 0 before day<10, month<3
    if blank_date:
        place_date = f"{place}, ngày      tháng {plan_date.month} năm {year}"
    else:
        place_date = f"{place}, ngày {dd} tháng {mm} năm {year}"
    left = [f(line) for line in issuer["header"]]
    b.blocks.append(Header(left, issuer["bold_from"], bool(issuer.get("star")), number_line,
                           list(iss_all["national"][issuer["national"]]), place_date))

    title = f(rng.choice(topic["titles"]))
    if rng.random() < 0.4:
        title = _cap(title)
    b.blocks.append(Title(kind.upper(), _wrap(title, rng)))

    # --- the documents this plan may cite ---------------------------------------
    national = citations.national_docs(topic_id, plan_date)
    named = citations.named_docs(topic_id, fill, year)
    local = citations.local_docs(rng, fill, prov["code"], plan_date, national, rng.randint(2, 3))
    cited_local: list[citations.Doc] = []

    # --- preamble: căn cứ ----------------------------------------------------------
    bases = rng.sample(national, min(len(national), rng.randint(1, 3))) + local[: rng.randint(1, len(local))]
    laws = [d for d in named if d.kind == "Luật"]
    if laws and rng.random() < 0.5:
        bases.insert(0, rng.choice(laws))  # laws come first in a căn cứ list
    self_name = {"tinh_uy": f"Ban Thường vụ {fill['Uy']}"}.get(issuer["id"], issuer_name)
    kind_lower = kind
    style = rng.random()
    if style < 0.55:  # one "Căn cứ ...;" paragraph each
        for d in bases:
            b.blocks.append(Para(f"Căn cứ {b.cite(d)};"))
            if d in local:
                cited_local.append(d)
    else:  # one running paragraph, as in the dev example
        parts = []
        for d in bases:
            parts.append(b.cite(d))
            if d in local:
                cited_local.append(d)
        verb = "Căn cứ" if style < 0.8 else "Thực hiện"
        b.blocks.append(Para(f"{verb} " + "; ".join(parts) + ";"))
    closes = data.phrases()["preamble"]["party_close" if party else "state_close"]
    b.blocks.append(Para(rng.choice(closes).format(self=self_name, kind=kind_lower, title=plain(title))))

    # --- sections -------------------------------------------------------------------
    sec_style = rng.choice(data.phrases()["sections"]["styles"])
    upper = rng.random() < 0.65
    fmt0 = rng.choice(["1.", "1.", "1-", "(1)"])
    fmt1 = rng.choice(["1.1.", "1.1-", "a)"])
    field_bullet = rng.choice(data.phrases()["bullets"]["field"])
    labels = {role: rng.choice(v) for role, v in data.phrases()["labels"].items()}
    actors = [f(u["name"]) for u in data.units()
              if set(u["scopes"]) & set(issuer["units"]) and data.in_years(u, year)]
    actors = [a for a in actors if a != issuer_name]
    ctx = dict(b=b, rng=rng, fill=fill, year=year, actors=actors, labels=labels, field_bullet=field_bullet,
               fmt=(fmt0, fmt1), short=short, local=cited_local or local, national=national, named=named,
               topic=topic, kind=kind, title=plain(title))

    sec_no = 0

    def section(key: str) -> str:
        nonlocal sec_no
        sec_no += 1
        r = ROMAN[sec_no - 1]
        text = rng.choice(data.phrases()["sections"][key])
        text = text.upper() if upper else text
        if sec_style == "PHẦN {r}":
            b.blocks.append(Heading(f"PHẦN {r}", text, newline=rng.random() < 0.5))
        else:
            b.blocks.append(Heading(sec_style.format(r=r), text))
        b.sections.append({"id": r, "title": text})
        return r

    targets_where = rng.choices(["section", "purpose", "none"], weights=[4, 3, 2])[0]
    sid = section("purpose_targets" if targets_where == "purpose" else "purpose")
    _purpose(ctx, sid, with_targets=targets_where == "purpose")
    if targets_where == "section":
        sid = section("targets")
        _targets(ctx, sid)
    sid = section("tasks")
    _tasks(ctx, sid)
    sid = section("org")
    _org(ctx, sid)
    if rng.random() < 0.35:
        section("budget")
        b.blocks.append(Para(rng.choice(data.phrases()["preamble"]["budget"])))
    closing = rng.choice(data.phrases()["preamble"]["closing"]).format(kind=kind, title=plain(title), short=short)
    b.blocks.append(Para(closing))

    # --- signature and Nơi nhận --------------------------------------------------------
    signer = _weighted(rng, issuer["signers"])
    nm = data.names()
    name = f"{rng.choice(nm['ho'])} {rng.choice(nm['dem'])} {rng.choice(nm['ten'])}"
    pool = [f(r) for r in issuer["recipients"]]
    keep = sorted(rng.sample(range(len(pool) - 1), rng.randint(3, min(6, len(pool) - 1))))
    recipients = [pool[i] for i in keep] + [pool[-1]]
    printed = [r + ";" for r in recipients[:-1]] + [recipients[-1] + "."]
    b.blocks.append(Signature(printed, signer["authority"].upper(), signer["position"].upper(), name,
                              signed_note=rng.random() < 0.2))

    gold = {
        "schema": "kehoach.plan/1",
        "document": {
            "kind": kind,
            "number": None if blank_number else number,
            "issuer": issuer_name,
            "place": place,
            "date": None if blank_date else plan_date.isoformat(),
            "title": plain(title),
            "signer": {"name": name, "position": signer["position"] or None,
                       "authority": signer["authority"] or None},
            "recipients": recipients,
        },
        "sections": b.sections,
        "tasks": b.tasks,
        "targets": b.targets,
        "citations": b.citations,
        "warnings": [],
    }
    head = f"{short} - {kind} số {number}" if not blank_number else f"{short} - {kind}"
    return Plan(b.blocks, gold, head)


def _wrap(title: str, rng: random.Random) -> list[str]:
    """Long trích yếu are printed on two centred lines; the gold joins them."""
    words = title.split()
    if len(title) < 60 or rng.random() < 0.3:
        return [title]
    cut = len(words) // 2
    return [" ".join(words[:cut]), " ".join(words[cut:])]


# --- parts of the body ------------------------------------------------------------

def _purpose(ctx, sid: str, with_targets: bool) -> None:
    b, rng, topic = ctx["b"], ctx["rng"], ctx["topic"]
    fmt0 = ctx["fmt"][0]
    purposes = [p.format(**ctx["fill"]) for p in topic["purposes"]]
    lid = b.new_list()
    if not with_targets and rng.random() < 0.5:  # dev style: "1- Nhằm ...", "2- ..." directly
        for i, p in enumerate(rng.sample(purposes, min(3, len(purposes))), 1):
            b.blocks.append(Item(_marker(fmt0, i)[0], p, lid, 0, ctx["fmt"]))
        return
    ph = data.phrases()["sections"]
    subs = [("goal_sub" if with_targets else "purpose_sub", purposes[: len(purposes) // 2 + 1]),
            ("requirement_sub", purposes[len(purposes) // 2 + 1:] or purposes[:1])]
    if with_targets:
        subs = subs[:1]
    for i, (key, sentences) in enumerate(subs, 1):
        b.blocks.append(Item(_marker(fmt0, i)[0], rng.choice(ph[key]), lid, 0, ctx["fmt"], bold=True))
        if rng.random() < 0.5:
            for s in sentences:
                b.blocks.append(Bullet("-", s))
        else:
            b.blocks.append(Para(" ".join(sentences)))
    if with_targets:
        i = len(subs) + 1
        mk, part = _marker(fmt0, i)
        b.blocks.append(Item(mk, rng.choice(ph["target_sub"]), lid, 0, ctx["fmt"], bold=True))
        _target_list(ctx, f"{sid}.{part}")


def _targets(ctx, sid: str) -> None:
    b, rng = ctx["b"], ctx["rng"]
    if rng.random() < 0.6:
        b.blocks.append(Para(rng.choice(data.phrases()["preamble"]["target_intro"]).format(y=ctx["year"])))
    _target_list(ctx, sid)


def _figure(rng) -> tuple[str, float | int]:
    v = rng.choice([100, 100, 100, 98, 95, 90, 85, 80, 70, 60, 98.5, 99.5])
    return (str(v).replace(".", ","), v)


def _target_list(ctx, path: str) -> None:
    """Chỉ tiêu: each with its figure (the first number in its text)."""
    b, rng, fill = ctx["b"], ctx["rng"], ctx["fill"]
    texts = rng.sample(ctx["topic"]["targets"], rng.randint(2, min(4, len(ctx["topic"]["targets"]))))
    style = rng.choice(data.phrases()["bullets"]["target"])
    items = []
    for t in texts:
        value, unit = None, None
        if "{pct}" in t:
            shown, value = _figure(rng)
            t = t.replace("{pct}", shown)
            unit = "%"
        elif "{num}" in t:
            value = rng.choice([2, 3, 5, 10, 15, 20])
            t = t.replace("{num}", f"{value:02d}")
            after = t.split(f"{value:02d} ", 1)[1]
            unit = next((u for u in data.phrases()["targets"]["count_units"] if after.startswith(u)),
                        after.split()[0].strip(",;."))
        items.append((t.format(**fill), value, unit))
    inline = []
    for i, (t, value, unit) in enumerate(items, 1):
        last = i == len(items)
        if style == "inline" or style == "(1)-":
            mk, part = f"({i})-", str(i)
        elif style == "a)":
            mk, part = f"{LETTERS[i - 1]})", LETTERS[i - 1]
        elif style == "1.":
            mk, part = f"{i}.", str(i)
        else:
            mk, part = "-", str(i)
        b.targets.append({"id": f"{path}.{part}", "text": t, "value": value, "unit": unit})
        end = "." if last else ";"
        if style == "inline":
            inline.append(f"{mk} {t}{end}")
        else:
            b.blocks.append(Bullet(mk, t + end))
    if inline:
        lead = "Phấn đấu đạt các chỉ tiêu: " if rng.random() < 0.7 else ""
        b.blocks.append(Para(lead + " ".join(inline)))


def _units(ctx, k: int, exclude=()) -> list[str]:
    pool = [a for a in ctx["actors"] if a not in exclude]
    return ctx["rng"].sample(pool, min(k, len(pool)))


def _task_text(ctx, raw: str) -> tuple[str, list[int]]:
    """Fill a task text; a {cite} there (or an appended reference) is a citation mention."""
    b, rng = ctx["b"], ctx["rng"]
    first = len(b.citations)
    text = raw.replace("{cite}", "\x00").format(**ctx["fill"])
    if "\x00" in text:
        text = text.replace("\x00", _some_mention(ctx))
    elif rng.random() < 0.2:
        text += ", bảo đảm đúng tinh thần " + _some_mention(ctx)
    return text, list(range(first, len(b.citations)))


def _some_mention(ctx) -> str:
    """A mention inside running text: often a document already cited, printed differently."""
    b, rng = ctx["b"], ctx["rng"]
    if ctx["local"] and rng.random() < 0.5:
        d = rng.choice(ctx["local"])
        return b.cite(d, full=rng.random() < 0.3, sloppy=rng.random() < 0.6, with_title=False)
    pool = ctx["national"] + [d for d in ctx["named"] if d.kind != "Nghị quyết"]
    d = rng.choice(pool)
    return b.cite(d, full=rng.random() < 0.6, with_title=False)


def _fields(ctx, roles: dict, time: timeline.Time | None) -> None:
    b, rng = ctx["b"], ctx["rng"]
    bullet = ctx["field_bullet"]
    order = ["lead", "advisors", "implementers", "coordinators"]
    n = 0
    for role in order + ["timeline"]:
        if role == "timeline":
            if time is None:
                continue
            value = time.text
        else:
            if not roles.get(role):
                continue
            value = _join(rng, roles[role])
        n += 1
        label = ctx["labels"][role] if rng.random() < 0.85 else rng.choice(data.phrases()["labels"][role])
        mk = f"{FIELD_LETTERS[n - 1]})" if bullet == "a)" else bullet
        end = "." if rng.random() < 0.5 else ""
        b.blocks.append(Field(mk, label, value + end, colon=rng.random() < 0.95))


def _task_roles(ctx) -> dict:
    rng = ctx["rng"]
    roles: dict[str, list[str]] = {}
    used: list[str] = []
    if rng.random() < 0.85:
        roles["lead"] = _units(ctx, rng.choice([1, 1, 1, 2, 3]))
        used += roles["lead"]
    if rng.random() < 0.2:
        roles["advisors"] = _units(ctx, rng.choice([1, 2]), used)
        used += roles["advisors"]
    if rng.random() < (0.25 if roles else 1.0):
        roles["implementers"] = _units(ctx, rng.choice([1, 2, 3]), used)
        used += roles["implementers"]
    if rng.random() < 0.6:
        roles["coordinators"] = _units(ctx, rng.choice([1, 2, 3]), used)
    return roles


def _add_item_task(ctx, tid: str, text: str, cites: list[int], roles: dict, time) -> None:
    empty: dict = {"text": None, "start": None, "end": None, "recurrence": []}
    ctx["b"].tasks.append({
        "id": tid, "origin": "item", "text": plain(text),
        "lead": roles.get("lead", []), "advisors": roles.get("advisors", []),
        "implementers": roles.get("implementers", []), "coordinators": roles.get("coordinators", []),
        "timeline": time.gold() if time else empty, "citations": cites,
    })


def _tasks(ctx, sid: str) -> None:
    b, rng, topic = ctx["b"], ctx["rng"], ctx["topic"]
    shape = rng.choices(["items", "grouped", "table", "items+table"], weights=[4, 3, 3, 1])[0]
    groups = rng.sample(topic["groups"], min(len(topic["groups"]), rng.randint(2, 3)))
    fmt0, fmt1 = ctx["fmt"]
    if shape in ("items", "items+table"):
        lid = b.new_list()
        pool = [t for g in groups for t in g["tasks"]]
        rng.shuffle(pool)
        count = rng.randint(3, 6) if shape == "items" else 3
        parent_at = rng.randint(1, count) if rng.random() < 0.3 else 0
        for i in range(1, count + 1):
            mk, part = _marker(fmt0, i)
            if i == parent_at:  # a heading item whose sub-items carry the fields (dev "5." / "5.1-")
                g = rng.choice(groups)
                b.blocks.append(Item(mk, g["title"].format(**ctx["fill"]), lid, 0, ctx["fmt"]))
                for j, raw in enumerate(rng.sample(g["tasks"], 2), 1):
                    _item_task(ctx, lid, 1, _marker(fmt1, j, i), f"{sid}.{part}", raw)
                continue
            if not pool:
                break
            _item_task(ctx, lid, 0, (mk, part), sid, pool.pop())
        if shape == "items+table":  # the table hangs under one more item, so its row ids stay distinct
            mk, part = _marker(fmt0, count + 1)
            b.blocks.append(Item(mk, "Phân công thực hiện các nhiệm vụ cụ thể", lid, 0, ctx["fmt"], bold=True))
            _table(ctx, f"{sid}.{part}", groups, offset=0, intro=False)
    elif shape == "grouped":
        lid = b.new_list()
        for i, g in enumerate(groups, 1):
            mk, part = _marker(fmt0, i)
            b.blocks.append(Item(mk, g["title"].format(**ctx["fill"]), lid, 0, ctx["fmt"], bold=True))
            for j, raw in enumerate(rng.sample(g["tasks"], min(len(g["tasks"]), rng.randint(2, 3))), 1):
                _item_task(ctx, lid, 1, _marker(fmt1, j, i), f"{sid}.{part}", raw)
    else:
        _table(ctx, sid, groups, offset=0, intro=True)
    # the directive cited in the preamble, mentioned again with its number spelled
    # the other way ("02-CT/UBND" / "02/CT-UBND"): one document, one key
    if ctx["local"]:
        d = next((d for d in ctx["local"] if d.sloppy != d.number), ctx["local"][0])
        tail = b.cite(d, full=rng.random() < 0.3, sloppy=True, with_title=False)
        b.blocks.append(Para(f"Việc triển khai các nhiệm vụ nêu trên phải bảo đảm đúng tinh thần {tail}."))


def _item_task(ctx, lid: int, level: int, marker: tuple[str, str], path: str, raw: str) -> None:
    b, rng = ctx["b"], ctx["rng"]
    mk, part = marker
    text, cites = _task_text(ctx, raw)
    text += "."
    b.blocks.append(Item(mk, text, lid, level, ctx["fmt"]))
    roles = _task_roles(ctx)
    time = timeline.field_value(rng, ctx["year"]) if rng.random() < 0.9 else None
    _fields(ctx, roles, time)
    _add_item_task(ctx, f"{path}.{part}", text, cites, roles, time)


def _table(ctx, sid: str, groups: list[dict], offset: int, intro: bool) -> None:
    b, rng, fill = ctx["b"], ctx["rng"], ctx["fill"]
    tp = data.phrases()["table"]
    if intro:
        b.blocks.append(Para(rng.choice(data.phrases()["preamble"]["table_intro"])))
    cols = ["no", "task", "lead", "coordinators", "timeline"]
    with_products = rng.random() < 0.6
    if with_products:
        cols.insert(rng.choice([2, 5]), "products")
    header = [rng.choice(tp[c]) for c in cols]
    widths = {"no": 0.6, "task": 4.2, "lead": 1.8, "coordinators": 2.0, "timeline": 1.5, "products": 1.5}
    rows: list[list[str]] = []
    group_rows: set[int] = set()
    vmerge: list = []
    use_groups = len(groups) > 1 and rng.random() < 0.65
    stt = offset
    for gi, g in enumerate(groups):
        if use_groups:
            group_rows.add(len(rows))
            row = [""] * len(cols)
            row[0], row[1] = ROMAN[gi], g["title"].format(**fill)
            rows.append(row)
        prev_lead, run_start = None, None
        for raw in rng.sample(g["tasks"], min(len(g["tasks"]), rng.randint(2, 4))):
            stt += 1
            text, cites = _task_text(ctx, raw)
            lead = prev_lead if (prev_lead and rng.random() < 0.3) else _units(ctx, rng.choice([1, 1, 2]))
            coord = _units(ctx, rng.choice([0, 1, 2, 3]), lead)
            time = timeline.cell_value(rng, ctx["year"])
            product = rng.choice(tp["product_values"]).format(**fill)
            cells = {"no": str(stt), "task": text, "lead": "; ".join(lead) if rng.random() < 0.7 else ", ".join(lead),
                     "coordinators": "; ".join(coord), "timeline": time.text, "products": product}
            # a lead cell repeated on consecutive rows is one merged cell in docx/pdf
            if lead == prev_lead:
                if run_start is None:
                    run_start = len(rows) - 1
                if vmerge and vmerge[-1][1] == run_start:
                    vmerge[-1] = (cols.index("lead"), run_start, len(rows))
                else:
                    vmerge.append((cols.index("lead"), run_start, len(rows)))
            else:
                run_start = None
            prev_lead = lead
            rows.append([cells[c] for c in cols])
            b.tasks.append({
                "id": f"{sid}.{stt}", "origin": "table", "text": plain(text), "lead": lead, "advisors": [],
                "implementers": [], "coordinators": coord, "timeline": time.gold(), "citations": cites,
                "products": product,
            })
    b.blocks.append(Table(header, rows, group_rows, vmerge, [widths[c] for c in cols]))


def _org(ctx, sid: str) -> None:
    """Tổ chức thực hiện: assignments in running prose."""
    b, rng = ctx["b"], ctx["rng"]
    shape = rng.choices(["bullets", "units", "numbered"], weights=[4, 3, 2])[0]
    pr = data.phrases()["prose"]
    if shape == "units":
        lid = b.new_list()
        heads = _units(ctx, rng.randint(2, 3))
        for i, unit in enumerate(heads, 1):
            mk, part = _marker(ctx["fmt"][0], i)
            b.blocks.append(Item(mk, unit + (":" if rng.random() < 0.7 else ""), lid, 0, ctx["fmt"], bold=True))
            bullet = rng.choice(["-", "-", "+"])
            for k, pattern in enumerate(rng.sample(pr["unit_bullets"], rng.randint(1, 3)), 1):
                text, gold = _prose(ctx, pattern, [unit], implied=True)
                assert gold is not None  # implied: the sentence assigns work to the unit
                b.blocks.append(Bullet(bullet, text))
                b.tasks.append({"id": f"{sid}.{part}.{k}", **gold})
        return
    patterns = [rng.choice(pr["giao"]), rng.choice(pr["de_nghi"]), rng.choice(pr["trach_nhiem"])]
    patterns += rng.sample(pr["giao"] + pr["trach_nhiem"], rng.randint(0, 2))
    rng.shuffle(patterns)
    if rng.random() < 0.4:
        patterns.insert(rng.randint(0, len(patterns)), rng.choice(pr["plain"]))
    lid = b.new_list()
    for k, pattern in enumerate(patterns, 1):
        lead = _units(ctx, rng.choice([1, 1, 2]))
        text, gold = _prose(ctx, pattern, lead, implied=False)
        if shape == "numbered":
            mk, part = _marker(ctx["fmt"][0], k)
            b.blocks.append(Item(mk, text, lid, 0, ctx["fmt"]))
        else:
            part = str(k)
            b.blocks.append(Bullet("-", text))
        if gold is not None:
            b.tasks.append({"id": f"{sid}.{part}", **gold})


def _prose(ctx, pattern: str, lead: list[str], implied: bool) -> tuple[str, dict | None]:
    """Fill an assignment sentence; return it and its gold task (None if it assigns nothing)."""
    rng = ctx["rng"]
    first = len(ctx["b"].citations)
    if "{lead}" not in pattern and not implied:
        return pattern, None
    lead_txt = _join(rng, lead)
    if pattern.startswith("{lead}"):
        lead = [_cap(lead[0])] + lead[1:]
        lead_txt = _cap(lead_txt)
    coord = _units(ctx, rng.choice([1, 2]), lead) if "{coord}" in pattern else []
    time = timeline.prose_phrase(rng, ctx["year"]) if "{time}" in pattern else None
    text = pattern.replace("{cite}", "\x00").format(
        lead=lead_txt, coord=_join(rng, coord) if coord else "", short=ctx["short"],
        time=time.text if time else "")
    if "\x00" in text:
        text = text.replace("\x00", _some_mention(ctx))
    empty: dict = {"text": None, "start": None, "end": None, "recurrence": []}
    return text, {"origin": "prose", "text": plain(text), "lead": lead, "advisors": [], "implementers": [],
                  "coordinators": coord, "timeline": time.gold() if time else empty,
                  "citations": list(range(first, len(ctx["b"].citations)))}
