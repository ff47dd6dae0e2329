"""Units as entities: the printings of one unit resolved to one unit of the archive.

`pipeline.actors.normalize_actor` already makes "UBND tỉnh" and "Ủy ban nhân dân tỉnh" one form. A
unit of the archive goes further, by rules that can be stated (docs/units.md lists the merges they
make over the real documents):

1. the actor fold: abbreviations expanded (extractors/data/abbreviations.csv), case, marks and
   punctuation dropped;
2. the conjunction "và" and the plural "các" are optional: "Sở Khoa học Công nghệ" = "Sở Khoa học và
   Công nghệ", "Các sở, ban, ngành" = "sở, ban, ngành";
3. a place is a scope, not a name: "Ủy ban nhân dân tỉnh Lâm Đồng" is "Ủy ban nhân dân tỉnh" of Lâm
   Đồng; a trailing province name with its level ("tỉnh", "thành phố"), or bare when it is the plan's
   own province, is taken off the name and becomes the unit's province;
4. generic names are resolved within the issuing province: every unit is scoped by the province of
   the plan that names it (its issuer's, else its place's), so "Công an tỉnh" of Lâm Đồng and of Đồng
   Nai are two units — except bodies that exist once in the country (extractors/data/national_units.txt:
   Bộ ..., Chính phủ, Văn phòng Chính phủ, ...), and plans of those central bodies, whose generic
   "Sở Tài chính" means every province's and is not scoped;
5. fuzzy: a name not met before joins a unit of the same scope when rapidfuzz's ratio of the two names
   is at least FUZZY_MIN, and they have the same head ("Sở" never joins "Ban"), the same numbers
   ("khu vực XI" never joins "khu vực XII") and the same level words ("tỉnh" never joins "tối cao").
   It is an OCR or typing slip: "Sở Say dựng" joins "Sở Xây dựng";
6. a name cut after its conjunction ("Sở Nông nghiệp và", a list split at "và") joins the one unit of
   its scope whose name begins with it, when there is exactly one.

Rules 5 and 6 compare a new name with the names already in the archive, most printed first, so a unit
is named by its common printing and a slip joins it, not the other way round.

The archive keeps the printed form on every row (task_actors.actor) and the resolved unit beside it
(task_actors.unit); filters, the units chart and per-unit counts use the unit.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from extractors.lexicon import provinces, unit_heads, words
from pipeline.actors import normalize_actor

FUZZY_MIN = 90  # rapidfuzz ratio (0-100) of two names of one scope and head; 90 = one slip in ten letters
NATIONAL = ""  # the scope of a body that exists once in the country (and of central plans' generic names)
UNKNOWN = "?"  # the scope of a plan whose province is not known: such plans pool their generic names

# "và" between parts of a name and "các" before a plural are optional: "Sở Khoa học (và) Công nghệ",
# "(Các) sở, ban, ngành", "UBND (các) xã, phường"
_OPTIONAL_WORDS = re.compile(r"\b(?:va|cac)\b")
_NUMBERS = re.compile(r"\b(?:\d+|[ivxl]+)\b")
# levels a province name follows; "tp" is how "thành phố" is often abbreviated before a name
_LEVELS = ("thanh pho", "tinh", "tp")
_LOCAL_WORDS = re.compile(r"\b(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|dac khu|dia phuong|co so)\b")
_LEVEL_WORDS = re.compile(r"\b(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|dac khu|toi cao|trung uong|khu vuc)\b")


@lru_cache(maxsize=1)
def _provinces() -> tuple[tuple[str, str, re.Pattern, re.Pattern], ...]:
    """(folded name, code, the name as a word anywhere, the name ending a unit's name after an optional
    level), longest name first, so "thanh pho ho chi minh" wins over "ho chi minh". Compiled once: a
    search per province was most of the ingest writer's unit resolution."""
    out = []
    for name, code in provinces():
        folded = normalize_actor(name)
        out.append((folded, code, re.compile(rf"\b{re.escape(folded)}\b"),
                    re.compile(rf"(?:\b(?P<level>{'|'.join(_LEVELS)})\s+)?\b{re.escape(folded)}$")))
    return tuple(out)


@lru_cache(maxsize=1)
def province_names() -> dict[str, str]:
    """code → the province's name as printed (the longest one listed)."""
    out: dict[str, str] = {}
    for name, code in provinces():  # longest first
        out.setdefault(code, name)
    return out


@lru_cache(maxsize=1)
def _national() -> re.Pattern:
    names = sorted({normalize_actor(w) for w in words("national_units.txt")}, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(n) for n in names) + r")\b")


@lru_cache(maxsize=1)
def _heads() -> re.Pattern:
    """The folded unit heads as one pattern, longest first: a name starts with the longest head it can,
    as a whole word (one match instead of a startswith per head)."""
    heads = sorted({normalize_actor(h) for h in unit_heads()} - {""}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(h) for h in heads) + r")(?= |\Z)")


def is_national(norm: str) -> bool:
    """A body that exists once in the country (a folded name)."""
    return bool(_national().match(norm)) and not _LOCAL_WORDS.search(norm)


def _province_code(folded: str) -> str | None:
    for name, code, anywhere, _ in _provinces():
        if name in folded and anywhere.search(folded):  # the substring test first: most names have none
            return code
    return None


def plan_scope(issuer: str | None, place: str | None) -> str:
    """The province a plan's generic unit names belong to: its issuer's, else its place's; NATIONAL for a
    central body's plan (its place is Hà Nội, its "Sở Tài chính" every province's); UNKNOWN without either."""
    issuer_norm = normalize_actor(issuer)
    if issuer_norm and is_national(issuer_norm):
        return NATIONAL
    return _province_code(issuer_norm) or _province_code(normalize_actor(place)) or UNKNOWN


def head(name: str) -> str:
    """The unit head a name starts with ("so", "ban", "uy ban nhan dan", ...), else its first word."""
    m = _heads().match(name)
    return m.group() if m else name.split(" ", 1)[0]


@dataclass(frozen=True)
class UnitName:
    scope: str  # a province code, NATIONAL or UNKNOWN
    name: str  # the folded name the rules leave
    rule: str  # what the rules did, for the merges report: "optional-words", "own-province", "province:LĐ"
    # joined by "+" ("" when nothing but the fold)

    @property
    def key(self) -> str:
        return f"{self.scope}|{self.name}"


def unit_name(actor_norm: str, scope: str) -> UnitName:
    """Rules 2-4 over a folded actor (normalize_actor) named in a plan of `scope`."""
    rules = []
    name = " ".join(_OPTIONAL_WORDS.sub(" ", actor_norm).split()) or actor_norm
    if name != actor_norm:
        rules.append("optional-words")
    for prov, code, _, ending in _provinces():
        m = ending.search(name) if prov in name else None  # the substring test first, as in _province_code
        if m and (m.group("level") or code == scope) and m.start() > 0:
            # the level stays part of the name: "ủy ban nhân dân tỉnh [Lâm Đồng]"
            name = (name[:m.start()] + (m.group("level") or "")).strip()
            name = name.replace(" tp", " thanh pho") if name.endswith(" tp") else name
            rules.append("own-province" if code == scope else f"province:{code}")
            scope = code
            break
    if is_national(name):
        scope = NATIONAL
    return UnitName(scope, name, "+".join(rules))


def fuzzy_twin(name: str, others: list[str]) -> tuple[str, float] | None:
    """Rule 5: the closest of `others` (names of the same scope) that `name` may join, with its score
    (100 for the same words in another order). rapidfuzz picks the candidates over the ratio threshold
    in C; the guards then run on those few only."""
    same_words = process.extractOne(name, others, scorer=fuzz.token_sort_ratio, score_cutoff=100)
    if same_words and same_words[0] != name:
        return same_words[0], 100.0  # the same words in another order: "huyện, thị xã, thành phố"
    h, numbers, levels = head(name), _NUMBERS.findall(name), _LEVEL_WORDS.findall(name)
    for other, score, _ in process.extract(name, others, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=None):
        # best first: the first that passes the guards is the twin
        if other != name and head(other) == h and _NUMBERS.findall(other) == numbers \
                and _LEVEL_WORDS.findall(other) == levels:
            return other, score
    return None


def unit_label(unit: str, printed: str) -> str:
    """How a unit is shown: its printed name, with its province when it is scoped to one."""
    scope = unit.split("|", 1)[0]
    province = province_names().get(scope)
    if province and normalize_actor(province) not in normalize_actor(printed):
        return f"{printed} · {province}"
    return printed


_LOOKUP_CHUNK = 500  # printings looked up per query, well under any store's limit of parameters


def resolve_units(cur, scope: str, actor_norms) -> dict[str, str]:
    """actor_norm → unit for the actors of one plan of `scope`, through the archive's `units` table
    (`cur`: a write cursor inside the plan's transaction). A printing met before in this scope keeps its
    unit; a new one is resolved by the rules and recorded, so a unit never changes once given: a later
    plan can join an existing unit, never split or rename one."""
    counts = Counter(actor_norms)
    # the printings met before keep their unit: looked up in one query rather than one each (a plan names a
    # dozen, nearly all known)
    out: dict[str, str] = {}
    norms = list(counts)
    for start in range(0, len(norms), _LOOKUP_CHUNK):
        chunk = norms[start:start + _LOOKUP_CHUNK]
        out.update(cur.execute(f"SELECT actor_norm, unit FROM units WHERE scope = ? AND actor_norm IN "
                               f"({', '.join('?' * len(chunk))})", (scope, *chunk)).fetchall())
    # the new ones, most printed first: it names a unit the rarer printings (a typo) then join; names cut
    # after their conjunction last, when the names they may be the start of are known
    new = [n for n in norms if n not in out]
    for norm in sorted(new, key=lambda n: (n.endswith(" va"), -counts[n], n)):
        u = unit_name(norm, scope)
        rule, row = u.rule, cur.execute("SELECT unit FROM units WHERE unit_scope = ? AND name = ? LIMIT 1",
                                        (u.scope, u.name)).fetchone()
        if row:
            unit = row[0]
        else:
            names = [r[0] for r in cur.execute("SELECT DISTINCT name FROM units WHERE unit_scope = ?",
                                               (u.scope,)).fetchall()]
            cut = _cut_after_conjunction(u.name, norm, names)
            twin = (cut, 0.0) if cut else fuzzy_twin(u.name, names)
            completed = None if twin else _completes_a_cut(cur, u)
            if twin:
                unit = cur.execute("SELECT unit FROM units WHERE unit_scope = ? AND name = ? LIMIT 1",
                                   (u.scope, twin[0])).fetchone()[0]
                how = "cut-conjunction" if not twin[1] else "word-order" if twin[1] == 100 else f"fuzzy {twin[1]:.0f}"
                rule = "+".join(r for r in (rule, how) if r)
            elif completed:
                unit, rule = completed, "+".join(r for r in (rule, "cut-conjunction") if r)
            else:
                unit = u.key
        cur.execute("INSERT INTO units (actor_norm, scope, unit_scope, name, unit, rule) VALUES (?, ?, ?, ?, ?, ?)",
                    (norm, scope, u.scope, u.name, unit, rule))
        out[norm] = unit
    return out


def _cut_after_conjunction(name: str, actor_norm: str, others: list[str]) -> str | None:
    """Rule 6: "Sở Nông nghiệp và" (a list cut at its "và") is the one unit of its scope whose name
    begins with what is left ("Sở Nông nghiệp và Môi trường"); with two such units, neither."""
    if not actor_norm.endswith(" va"):
        return None
    longer = [o for o in others if o.startswith(name + " ")]
    return longer[0] if len(longer) == 1 else None


def _completes_a_cut(cur, u: UnitName) -> str | None:
    """Rule 6 the other way: the full name arriving after its cut form ("Sở Nông nghiệp và" stored
    first) joins the cut form's unit, when that unit has no full name yet and no other cut form fits."""
    cuts = [(name, unit) for name, unit in cur.execute(
        "SELECT name, unit FROM units WHERE unit_scope = ? AND actor_norm LIKE '% va'", (u.scope,)).fetchall()
        if u.name.startswith(name + " ")]
    if len(cuts) != 1:
        return None
    name, unit = cuts[0]
    others = cur.execute("SELECT count(DISTINCT name) FROM units WHERE unit = ?", (unit,)).fetchone()[0]
    return unit if others == 1 else None


# -- reading units back ------------------------------------------------------------------------------

def unit_table(archive, role: str | None = None):
    """One row per resolved unit, most tasks first: unit, name (its most printed form, with its province
    when scoped to one), province, tasks (distinct tasks naming it, in `role` when given), printings
    (the distinct printed forms, most frequent first)."""
    import pandas as pd

    where, params = ("WHERE role = ?", (role,)) if role else ("", ())
    printed = archive.sql(f"SELECT unit, actor, count(DISTINCT task_row) AS n FROM task_actors {where} "
                          "GROUP BY unit, actor", params)
    totals = archive.sql(f"SELECT unit, count(DISTINCT task_row) AS n FROM task_actors {where} GROUP BY unit", params)
    forms: dict[str, list[tuple[int, int, str]]] = {}
    for unit, actor, n in printed.itertuples(index=False):
        forms.setdefault(unit, []).append((-int(n), -len(actor), actor))  # ties: the fuller name
    rows = []
    for unit, n in totals.itertuples(index=False):
        names = [a for *_, a in sorted(forms.get(unit, []))]
        scope = unit.split("|", 1)[0]
        rows.append({"unit": unit, "name": unit_label(unit, names[0]) if names else unit,
                     "province": province_names().get(scope, "(toàn quốc)" if scope == NATIONAL else ""),
                     "tasks": int(n), "printings": names})
    frame = pd.DataFrame(rows, columns=["unit", "name", "province", "tasks", "printings"])
    return frame.sort_values(["tasks", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def unit_merges(archive):
    """The merges the archive holds: each unit printed in more than one way (beyond letter case), with
    each printing, its tasks and the rules that took it to the unit's name ("fold": abbreviations, case
    and marks only; see the module's list), its most printed form first."""
    import pandas as pd

    rows = archive.sql("SELECT unit, actor, actor_norm, count(DISTINCT task_row) AS tasks FROM task_actors "
                       "GROUP BY unit, actor, actor_norm")
    rule_of: dict[tuple[str, str], set[str]] = {}
    for unit, norm, rule in archive.sql("SELECT unit, actor_norm, rule FROM units").itertuples(index=False):
        rule_of.setdefault((unit, norm), set()).add(rule or "fold")
    per_unit: dict[str, dict[str, dict]] = {}
    for unit, actor, norm, tasks in rows.itertuples(index=False):
        forms = per_unit.setdefault(unit, {})
        form = forms.setdefault(actor.lower(), {"unit": unit, "printed": actor, "actor_norm": norm, "tasks": 0,
                                                "rule": "; ".join(sorted(rule_of.get((unit, norm), {"fold"})))})
        form["tasks"] += int(tasks)
    out = []
    for unit, forms in per_unit.items():
        if len(forms) > 1:
            members = sorted(forms.values(), key=lambda m: (-m["tasks"], -len(m["printed"]), m["printed"]))
            label = unit_label(unit, members[0]["printed"])
            out += [{"name": label, **m} for m in members]
    columns = ["name", "unit", "printed", "actor_norm", "tasks", "rule"]
    return pd.DataFrame(out, columns=columns).sort_values(["name"], kind="stable").reset_index(drop=True)
