"""`kehoach audit [FILE]`: citation findings of the archive, or of one file alone (docs/audit.md)."""
from __future__ import annotations

import math
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from pipeline.commands import DB_HELP, output_file
from pipeline.errors import KehoachError

FORMATS = ("table", "csv", "json", "html")
_SUFFIX_FORMAT = {".csv": "csv", ".json": "json", ".html": "html", ".htm": "html", ".txt": "table"}
MAX_GRAPH_NODES = 150  # beyond this the drawing is a hairball; the most connected nodes are kept


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "audit", help="check citations: conflicting dates/titles/issuers, number variants, unresolved, ...",
        description="Findings over every citation of the archive (--db), or, given FILE without --db, of that "
                    "file's record alone. With FILE and --db: the archive's findings that involve FILE. Order: "
                    "conflicts (date, title, issuer), future dates, number variants, unresolved directives "
                    "(most mentioned first), cut-off numbers.")
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument("--db", help=DB_HELP.replace("(default:", "(default without FILE:"))
    p.add_argument("--registry", metavar="FILE", help="also treat the entries of this CSV/JSON as known directives")
    p.add_argument("--format", choices=FORMATS, help="output format (default: from -o's suffix, else table)")
    p.add_argument("-o", "--output", metavar="FILE", type=output_file, help="write to FILE instead of standard output")
    p.add_argument("--columns", metavar="A,B,...", help="table/csv/json: only these columns, in this order")
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.link import audit_file, link_archive, read_registry_file

    extra = read_registry_file(args.registry) if args.registry else []
    if args.file and not args.db:
        linked = audit_file(args.file, extra)
        graph, title = _graph(linked, None), f"Citation audit of {args.file}"
    else:
        from pipeline.archive import Archive
        from pipeline.link import find_documents

        with Archive(args.db) as archive:
            linked = link_archive(archive, extra)
            documents = archive.sql("SELECT id, path, number, date FROM documents")
            graph, title = _graph(linked, documents), f"Citation audit of {archive.location}"
            if args.file:
                ids = {int(t.split(":")[1]) for t in find_documents(archive, args.file) if t.startswith("document:")}
                if not ids:
                    raise KehoachError(f"{args.file}: not in the archive {archive.location}")
                paths = set(documents.loc[documents["id"].isin(ids), "path"])
                linked.findings = [f for f in linked.findings if any(m["document"] in paths for m in f.mentions)]
                title += f", findings involving {args.file}"
    write(linked, graph, title, args.format, args.output, args)
    return 0


def _graph(linked, documents):
    from pipeline.link import graph_of

    return graph_of(linked, documents)


def write(linked, graph, title: str, fmt: str | None, output, args=None) -> None:
    from pipeline.commands.tasks import write_frame
    from pipeline.link import findings_json

    if not fmt:
        fmt = _SUFFIX_FORMAT.get(Path(output).suffix.lower(), "table") if output else "table"
    if fmt in ("table", "csv") or (fmt == "json" and getattr(args, "columns", None)):
        write_frame(linked.findings_frame(), fmt, output, args)
        return
    text = findings_json(linked.findings) if fmt == "json" else render_html(linked.findings, graph, title)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


# -- HTML ---------------------------------------------------------------------

_TEMPLATE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 75em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
.summary span { display: inline-block; margin: 0 .6em .4em 0; padding: .15em .6em; border-radius: 1em; background: #eee; }
table { border-collapse: collapse; width: 100%; } td { overflow-wrap: anywhere; } td, th { border-top: 1px solid #ddd; padding: .35em .5em; vertical-align: top; text-align: left; }
.kind { font-weight: 600; white-space: nowrap; }
.k-date-conflict, .k-future-date { color: #b00020; } .k-unresolved { color: #8a5a00; } .k-partial { color: #6a1b9a; }
.k-number-variant, .k-title-conflict, .k-issuer-conflict { color: #0b5394; }
ul { margin: 0; padding-left: 1.1em; } .doc { color: #555; } code { font-size: .92em; }
svg { border: 1px solid #ddd; background: #fcfcfc; max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: #333; }
.legend span { margin-right: 1.2em; } .dot { display: inline-block; width: .8em; height: .8em; border-radius: 50%; }
</style></head><body>
<h1>{{ title }}</h1>
<p>Generated {{ generated }} by <code>kehoach audit</code>: {{ findings|length }} finding{{ "" if findings|length == 1 else "s" }}.</p>
<p class="summary">{% for kind, n in counts %}<span class="k-{{ kind }}">{{ kind }}: {{ n }}</span>{% endfor %}</p>
<h2>Findings</h2>
{% if findings %}<table><tr><th>#</th><th>Finding</th><th>Directive</th><th>Mentions (document, page, printed text)</th></tr>
{% for f in findings %}<tr><td>{{ loop.index }}</td><td class="kind k-{{ f.kind }}">{{ f.kind }}</td>
<td><strong>{{ f.label }}</strong><br>{{ f.message }}{% if f.directive %}<br><code>{{ f.directive }}</code>{% endif %}</td>
<td><ul>{% for m in f.mentions %}<li><span class="doc">{{ m.document }}, p. {{ m.page if m.page is not none else "?" }}:</span> {{ m.text }}</li>{% endfor %}</ul></td></tr>
{% endfor %}</table>{% else %}<p>No findings.</p>{% endif %}
<h2>Citation graph</h2>
<p class="legend">{% for kind, colour in legend %}<span><span class="dot" style="background: {{ colour }}"></span> {{ kind }}</span>{% endfor %}
{% if clipped %}<br>Showing the {{ nodes|length }} most connected of {{ clipped }} nodes.{% endif %}</p>
{% if nodes %}<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{ width }} {{ height }}" width="{{ width }}" height="{{ height }}" role="img" aria-label="citation graph">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#888"/></marker></defs>
{% for e in edges %}<line x1="{{ e.x1 }}" y1="{{ e.y1 }}" x2="{{ e.x2 }}" y2="{{ e.y2 }}" stroke="#999" stroke-width="{{ e.width }}" marker-end="url(#arrow)"><title>{{ e.title }}</title></line>
{% endfor %}{% for n in nodes %}<g><circle cx="{{ n.x }}" cy="{{ n.y }}" r="{{ radius }}" fill="{{ n.colour }}"><title>{{ n.title }}</title></circle>
<text x="{{ n.x + radius + 3 }}" y="{{ n.y + 4 }}">{{ n.label }}</text></g>
{% endfor %}</svg>{% else %}<p>No citations.</p>{% endif %}
</body></html>
"""

_COLOURS = {"document": "#3b6fb6", "registry": "#3c9a5f", "unresolved": "#d08a1e"}


def render_html(findings, graph, title: str) -> str:
    """One self-contained page: findings table and the citation graph as inline SVG.

    jinja2's autoescape escapes every string that reaches the page (labels, printed
    citations and file names come from documents and must not become markup)."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    nodes, edges, clipped, width, height, radius = _layout(graph)
    return env.from_string(_TEMPLATE).render(
        title=title, generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), findings=findings,
        counts=[(k, n) for k, n in Counter(f.kind for f in findings).items()], legend=list(_COLOURS.items()),
        nodes=nodes, edges=edges, clipped=clipped, width=width, height=height, radius=radius)


def _layout(graph, width: int = 1000, height: int = 700, radius: int = 6, margin: int = 40):
    """Node and edge coordinates in SVG units from a networkx spring layout."""
    import networkx as nx

    clipped = 0
    if graph.number_of_nodes() > MAX_GRAPH_NODES:
        clipped = graph.number_of_nodes()
        keep = sorted(graph.nodes, key=lambda n: -graph.degree(n))[:MAX_GRAPH_NODES]
        graph = graph.subgraph(keep)
    if graph.number_of_nodes() == 0:
        return [], [], clipped, width, height, radius
    pos = nx.spring_layout(graph, seed=7)  # a fixed seed: the same archive draws the same picture
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    # leave room on the right for the labels
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def at(n):
        x, y = pos[n]
        return (round(margin + (x - min(xs)) / span_x * (width - 2 * margin - 160), 1),
                round(margin + (y - min(ys)) / span_y * (height - 2 * margin), 1))

    nodes = []
    for n, data in graph.nodes(data=True):
        x, y = at(n)
        label = str(data.get("label") or n)
        nodes.append({"x": x, "y": y, "colour": _COLOURS.get(data.get("kind"), "#777"),
                      "label": label if len(label) <= 40 else label[:39] + "…",
                      "title": f"{label} ({data.get('kind')})" + (f" — {data['path']}" if data.get("path") else "")})
    edges = []
    for a, b, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = at(a), at(b)
        d = math.hypot(x2 - x1, y2 - y1) or 1.0
        # stop the line at the circle's edge so the arrowhead shows
        x2, y2 = x2 - (x2 - x1) / d * (radius + 1), y2 - (y2 - y1) / d * (radius + 1)
        n = data.get("mentions", 1)
        pages = ", ".join(str(p) for p in data.get("pages", []) if p is not None)
        edges.append({"x1": x1, "y1": y1, "x2": round(x2, 1), "y2": round(y2, 1), "width": min(1 + n, 4),
                      "title": f"{graph.nodes[a].get('label')} → {graph.nodes[b].get('label')}: {n} mention"
                               f"{'' if n == 1 else 's'}" + (f" (p. {pages})" if pages else "")})
    return nodes, edges, clipped, width, height, radius
