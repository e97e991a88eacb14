#!/usr/bin/env python3
"""Render each seed as the publisher prints it, then print that to PDF with headless Chromium.

The layout follows a FirstAgenda export: the title line, Mødedato / Mødested / Mødedeltagere,
an Indholdsfortegnelse with dot leaders and page numbers, `Punkt N: title` headings (long ones
wrap over two lines), the case number and the sections. Chromium's own print header and footer
(print date, document title, file address, "N/M") are left on: they are the running page
furniture the PDF reader must remove.

The seed's structure comes from `referat parse --json`, never from re-parsing the text here.

    scripts/renditions/pdf.py [OUT_DIR] [SEED ...]

REFERAT names the binary (default: `cargo run --release --quiet --`); CHROMIUM the browser.
"""

import html
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]

STYLE = """
@page { size: A4; margin: 22mm 18mm; }
body { font-family: "Liberation Sans", sans-serif; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 12pt; margin: 0 0 12pt; white-space: nowrap; }
h2 { font-size: 14pt; margin: 16pt 0 6pt; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
p { margin: 0 0 7pt; white-space: pre-wrap; }
.field b { display: inline-block; min-width: 30mm; }
.toc { margin: 0 0 7pt; }
.toc div { display: flex; align-items: baseline; }
.toc .title { flex: 0 1 auto; }
.toc .dots { flex: 1 0 8mm; overflow: hidden; white-space: nowrap; }
.toc .dots::after { content: "........................................................................................................................................................................................................"; }
.toc .page { flex: 0 0 auto; padding-left: 2mm; }
.item { break-before: page; }
.nw { white-space: nowrap; }
"""


def parse_json(seed):
    """The seed as `referat parse --json` reads it."""
    command = shlex.split(os.environ.get("REFERAT", "cargo run --release --quiet --"))
    out = subprocess.run(command + ["parse", "--json", str(seed)], check=True,
                         capture_output=True, cwd=ROOT).stdout
    return json.loads(out)


def text(value):
    """Escaped text whose words with inner punctuation never break at a line end: Chromium
    breaks after a hyphen or a slash, and the text export did not."""
    def keep(match):
        word = match.group(0)
        if re.search(r"[^\w.,;:!?()\"'%]", word[:-1]):
            return f'<span class="nw">{html.escape(word)}</span>'
        return html.escape(word)
    return re.sub(r"[^\s]+", keep, value)


def meeting_date(meeting):
    day = date.fromisoformat(meeting["dato"])
    line = f"{WEEKDAYS[day.weekday()]} d. {day.day}. {MONTHS[day.month - 1]} {day.year}"
    if meeting.get("starts_at"):
        line += " kl. " + meeting["starts_at"][:5]
    return line


def participant(person):
    line = person["name"]
    if person.get("affiliation"):
        line += ", " + person["affiliation"]
    if person.get("absent"):
        line += " (Fravær)"
    return line


def heading(item):
    line = f"Punkt {item['number']}: {item['title']}"
    slot = item.get("time_slot")
    if slot:
        line += f", kl. {slot['start'][:5].replace(':', '.')}-{slot['end'][:5].replace(':', '.')}"
    if item.get("duration_minutes"):
        line += f" ({item['duration_minutes']} min)"
    return line


def header_html(meeting):
    parts = [f"<h1>{text(meeting['title'])}</h1>",
             f'<p class="field"><b>Mødedato</b> {text(meeting_date(meeting))}</p>']
    if meeting.get("place"):
        parts.append(f'<p class="field"><b>Mødested</b> {text(meeting["place"])}</p>')
    if meeting["participants"]:
        people = ", ".join(participant(p) for p in meeting["participants"])
        parts.append(f'<p class="field"><b>Mødedeltagere</b> {text(people)}</p>')
    parts.append("<h2>Indholdsfortegnelse</h2><div class=\"toc\">")
    # The seed's own table of contents (titles cut short as FirstAgenda cuts them) when it
    # lists every item; else one entry per item.
    toc = meeting["toc"]
    if len(toc) != len(meeting["items"]):
        toc = [{"title": heading(item).split(": ", 1)[1], "page": index + 3}
               for index, item in enumerate(meeting["items"])]
    for entry in toc:
        title, page = entry["title"], entry["page"]
        parts.append(f'<div><span class="title">{text(title)}</span>'
                     f'<span class="dots"></span><span class="page">{page}</span></div>')
    parts.append("</div>")
    return "\n".join(parts)


def item_html(item):
    parts = [f'<div class="item"><h2>{text(heading(item))}</h2>']
    if item.get("case_number"):
        parts.append(f"<p>{text(item['case_number'])}</p>")
    for section in item["sections"]:
        if section["kind"] == "fravaerende" and "\n" not in section["text"]:
            # Printed as a label with its names on one line, as FirstAgenda does.
            parts.append(f'<p><b>{text(section["heading"])}</b> {text(section["text"])}</p>')
            continue
        if section.get("heading"):
            parts.append(f"<h3>{text(section['heading'])}</h3>")
        for paragraph in section["text"].split("\n\n"):
            if paragraph.strip():
                parts.append(f"<p>{text(paragraph)}</p>")
    parts.append("</div>")
    return "\n".join(parts)


def page_html(meeting):
    forum_date = meeting["title"].replace("REFERAT ", "Referat ").replace(" d. ", " ")
    body = header_html(meeting) + "\n" + "\n".join(item_html(i) for i in meeting["items"])
    return (f'<!doctype html><html lang="da"><head><meta charset="utf-8">'
            f"<title>{html.escape(forum_date)}</title><style>{STYLE}</style></head>"
            f"<body>{body}</body></html>")


def print_pdf(page, out):
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    # A fixed address, so the footer Chromium prints is the same on every run.
    pages = Path(tempfile.gettempdir()) / "referat-renditions"
    pages.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        source = pages / (out.stem + ".html")
        source.write_text(page, encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={profile}",
                        f"--print-to-pdf={out}", source.as_uri()],
                       check=True, capture_output=True)


def main():
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/fixtures/renditions/pdf"
    seeds = [Path(s) for s in sys.argv[2:]] or sorted((ROOT / "seeds").glob("*.txt"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        out = out_dir / (seed.stem + ".pdf")
        print_pdf(page_html(parse_json(seed.resolve())), out.resolve())
        print(out)


if __name__ == "__main__":
    main()
