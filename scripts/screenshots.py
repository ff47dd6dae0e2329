"""Screenshots of every page of the web view, into docs/screenshots/ (README and docs/ show them).

    python3 scripts/screenshots.py                 # all pages, from the repo's sample documents
    python3 scripts/screenshots.py --out /tmp/shots --lang en

The archive is built in a temporary folder from corpus/samples/docs (the text-layer files:
the scans would add minutes of OCR and nothing to the pictures), served on a free loopback
port, and each page is opened in headless Chromium (playwright, as the browser tests do).
Needs the [web] extra, playwright and /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "corpus" / "samples" / "docs"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def build_archive(db: Path) -> None:
    """The sample documents with a text layer, extracted and stored under their repo paths."""
    from pipeline.archive import Archive
    from pipeline.extract import extract_file

    with Archive(db) as archive:
        for path in sorted(SAMPLES.iterdir()):
            if "_scan" in path.stem:
                continue
            archive.put(extract_file(path), path=str(path.relative_to(ROOT)))


def pages(client) -> list[tuple[str, str, bool]]:
    """(file name, address, whole page?) of each picture, with ids read from the JSON twins."""
    tasks = client.get("/tasks.json?sort=end&order=desc").get_json()["rows"]
    task = next((r for r in tasks if r["lead"]), tasks[0])
    doc_id = client.get("/documents.json").get_json()["docs"][0]["id"]
    directive = client.get("/directives.json").get_json()["rows"][0]["key"]
    year = next(iter(client.get("/tasks.json").get_json()["facets"]["year"]), {"value": ""})["value"]
    return [("documents", "/", False),
            ("tasks", "/tasks?sort=end&order=desc", False),
            ("tasks-filtered", f"/tasks?year={year}&role=lead&sort=issuer", False),
            ("tasks-search", "/tasks?q=tuyen+truyen", False),
            ("task", f"/tasks/{task['task_row']}#task-start", False),
            ("document", f"/documents/{doc_id}", False),
            ("directives", "/directives?sort=n_documents&order=desc", False),
            ("directive", f"/directives/{directive}", False),
            ("timeline", "/timeline", True),
            ("units", "/units", True),
            ("audit", "/audit", False)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="folder for the .png files")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the pages (default vi)")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"screenshots: {CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 1
    if not args.out.is_dir():
        print(f"screenshots: {args.out}: no such folder", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    from pipeline.web.app import create_app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per picture, not per request
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kehoach.db"
        build_archive(db)
        app = create_app(db, lang=args.lang)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                for name, address, whole in pages(app.test_client()):
                    page.goto(base + address)
                    target = args.out / f"{name}.png"
                    page.screenshot(path=str(target), full_page=whole)
                    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}  ← {address}")
                browser.close()
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
