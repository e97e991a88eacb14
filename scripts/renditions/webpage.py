#!/usr/bin/env python3
"""Render each seed referat as a published web page, the way municipal and regional sites do.

The structure comes from referat itself (`referat parse --json SEED`), never from re-parsing
the text here; the words are the seed's own (title line, labels, item and section headings,
paragraphs), so each page must parse back to the seed's meeting. Around the minutes goes what
real pages carry: a site header with a menu, a search form, breadcrumbs, a cookie banner,
hidden elements, UI text glued to section headings, "til toppen" links, a footer with an
address and an accessibility statement, and scripts.

Two page styles, alternating over the seeds:
  dl     a modern site: UTF-8, <main>/<article>, metadata in a <dl>, "Punkt N:" in a <span>
         before the <h2>, "fold dette punkt ind" glued before each section heading
  table  an older ASP.NET-style site: Windows-1252 declared by http-equiv, no <main>,
         metadata in a <table>, the item number in its own table cell, image arrows in the
         breadcrumb, "Klik her for at folde ud og læse mere" glued after section headings

Usage: scripts/renditions/webpage.py [OUT_DIR]   (default tests/fixtures/renditions/html)
REFERAT=path/to/referat picks the binary (default: cargo run --release).
"""

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]
NUMBERED = re.compile(r"^(\d{1,3})\. (.*)$")


def parse_seed(path):
    """The seed's meeting as referat parses it."""
    binary = os.environ.get("REFERAT")
    command = [binary] if binary else ["cargo", "run", "--quiet", "--release", "--"]
    out = subprocess.run(command + ["parse", "--json", str(path)], cwd=ROOT,
                         check=True, capture_output=True)
    return json.loads(out.stdout)


def esc(text):
    # Not `html.escape`: this script is html.py, so `import html` would import itself.
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        text = text.replace(raw, entity)
    return text


def moededato(meeting):
    """The seed's Mødedato form: "Mandag d. 11. november 2024 kl. 13:30"."""
    day = datetime.date.fromisoformat(meeting["dato"])
    text = f"{WEEKDAYS[day.weekday()]} d. {day.day:02d}. {MONTHS[day.month - 1]} {day.year}"
    if meeting.get("starts_at"):
        text += f" kl. {meeting['starts_at'][:5]}"
    return text


def participants(meeting):
    """The seed's one-line form: "Name, Affiliation (Fravær), …"."""
    people = []
    for person in meeting["participants"]:
        text = person["name"]
        if person.get("affiliation"):
            text += ", " + person["affiliation"]
        if person.get("absent"):
            text += " (Fravær)"
        people.append(text)
    return ", ".join(people)


def header_fields(meeting):
    fields = [("Mødedato", moededato(meeting))]
    if meeting.get("place"):
        fields.append(("Mødested", meeting["place"]))
    if meeting["participants"]:
        fields.append(("Mødedeltagere", participants(meeting)))
    return fields


def item_heading(item):
    """The item title with the seed's time slot or duration: ", kl. 10.30-10.45", "(15 min)"."""
    title = item["title"]
    slot = item.get("time_slot")
    if slot:
        title += f", kl. {slot['start'][:5].replace(':', '.')}-{slot['end'][:5].replace(':', '.')}"
    if item.get("duration_minutes"):
        title += f" ({item['duration_minutes']} min)"
    return title


def line_kind(line):
    if line.startswith("- "):
        return "bullet"
    if "\t" in line:
        return "row"
    if NUMBERED.match(line):
        return "numbered"
    return "plain"


def paragraph_html(paragraph):
    """One paragraph of section text: runs of bullets → <ul>, numbered lines → <ol>, tabbed
    lines → a table, other lines → <p> with <br> between them."""
    lines = paragraph.split("\n")
    out, run = [], []
    for line in lines + [None]:
        if run and (line is None or line_kind(line) != line_kind(run[0])):
            out.append(run_html(run))
            run = []
        if line is not None:
            run.append(line)
    return "\n".join(out)


def run_html(run):
    kind = line_kind(run[0])
    if kind == "bullet":
        return "<ul>" + "".join(f"<li>{esc(l[2:])}</li>" for l in run) + "</ul>"
    if kind == "row":
        rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in l.split("\t")) + "</tr>"
                       for l in run)
        return f"<table class=\"tabel\">{rows}</table>"
    if kind == "numbered":
        return numbered_html(run)
    return "<p>" + "<br>\n".join(esc(l) for l in run) + "</p>"


def numbered_html(run):
    """Numbered lines as <ol start=…>, a new list wherever the numbers do not run on."""
    out, expected = [], None
    for line in run:
        number, text = NUMBERED.match(line).groups()
        if int(number) != expected:
            if out:
                out.append("</ol>")
            out.append(f"<ol start=\"{int(number)}\">")
        out.append(f"<li>{esc(text)}</li>")
        expected = int(number) + 1
    return "".join(out) + "</ol>"


def section_html(section, style):
    heading = section["heading"]
    if section["kind"] == "fravaerende":
        # The seed's inline form: "**Fraværende** Birgitte Ries Møller, PLO".
        return f"<p><strong>{esc(heading)}</strong> {esc(section['text'])}</p>"
    text = "\n".join(paragraph_html(p) for p in section["text"].split("\n\n") if p.strip())
    if not heading:
        return text
    if style == "dl":
        toggle = '<a href="#" class="toggle" data-action="collapse">fold dette punkt ind</a>'
        return f"<h3 class=\"afsnit\">{toggle}{esc(heading)}</h3>\n{text}"
    hint = "<span class=\"hint\">Klik her for at folde ud og læse mere</span>"
    return f"<h3 class=\"afsnit\"><span>{esc(heading)}</span>{hint}</h3>\n{text}"


def item_html(item, style):
    number = f"Punkt {item['number']}:"
    case = f"<p class=\"sagsnr\">{esc(item['case_number'])}</p>\n" if item.get("case_number") else ""
    sections = "\n".join(section_html(s, style) for s in item["sections"])
    if style == "dl":
        head = (f"<div class=\"punkt-top\"><span class=\"nummer\">{number}</span>"
                f"<h2>{esc(item_heading(item))}</h2><span aria-hidden=\"true\">▾</span></div>")
        return f"<section class=\"punkt\" id=\"punkt-{item['number']}\">\n{head}\n{case}{sections}\n</section>"
    head = (f"<table class=\"punkthoved\"><tr><td class=\"nr\">{number}</td>"
            f"<td><h2>{esc(item_heading(item))}</h2></td></tr></table>")
    return (f"<div class=\"dagsordenpunkt\">\n{head}\n{case}{sections}\n"
            f"<div style=\"display: none\">Udskriv punkt {item['number']}</div>\n"
            f"<p class=\"op\"><a href=\"#top\">Til toppen</a></p>\n</div>")


def page_dl(meeting):
    fields = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in header_fields(meeting))
    items = "\n".join(item_html(i, "dl") for i in meeting["items"])
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>{esc(meeting['title'])} | Region Syddanmark</title>
<style>.punkt h2 {{ display: inline; }} .cookie-banner {{ position: fixed; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<a class="skip-link" href="#indhold">Gå til indhold</a>
<header class="site-header">
<div class="logo"><a href="/">Region Syddanmark</a></div>
<nav class="main-menu" aria-label="Hovedmenu"><ul><li><a href="/politik">Politik</a></li><li><a href="/sundhed">Sundhed</a></li><li><a href="/om">Om regionen</a></li></ul></nav>
<form role="search" action="/soeg"><label>Søg på siden</label><input name="q"><button>Søg</button></form>
</header>
<div id="CybotCookiebotDialog" class="cookie-banner"><p>Vi bruger cookies til at forbedre din oplevelse og til statistik.</p><button>Tillad alle</button><button>Kun nødvendige</button></div>
<nav class="breadcrumb" aria-label="Brødkrumme"><ol><li><a href="/">Forside</a> › </li><li><a href="/politik">Politik</a> › </li><li>Referater</li></ol></nav>
<main id="indhold">
<article class="referat">
<h1>{esc(meeting['title'])}</h1>
<dl class="moedeinfo">{fields}</dl>
<div hidden><p>Dagsordenen er ikke offentliggjort endnu.</p></div>
{items}
<p class="tilbage"><a href="#top">Til toppen</a></p>
</article>
</main>
<footer class="site-footer">
<p>Region Syddanmark · Damhaven 12 · 7100 Vejle · Telefon 76 63 10 00</p>
<p><a href="/was">Tilgængelighedserklæring</a> · <a href="/cookies">Cookiepolitik</a></p>
</footer>
<script src="/js/site.js"></script>
</body>
</html>
"""


def page_table(meeting):
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in header_fields(meeting))
    items = "\n".join(item_html(i, "table") for i in meeting["items"])
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252" />
<title>Referat - Dagsordener og referater</title>
<link rel="stylesheet" href="/css/print.css" />
<script type="text/javascript">var _paq = _paq || []; _paq.push(['trackPageView']);</script>
</head>
<body>
<form id="aspnetForm" method="post" action="referat.aspx">
<div id="top">
<a href="/"><img src="/gfx/logo.gif" alt="" /></a>
<ul id="topmenu"><li><a href="/borger">Borger</a></li><li><a href="/erhverv">Erhverv</a></li><li><a href="/politik">Politik</a></li></ul>
</div>
<div id="cookieConsent"><p>Dette website anvender cookies. Ved at klikke videre accepterer du brugen af cookies.</p><a href="#">OK</a></div>
<div class="sti">Du er her: <a href="/">Forside</a><img src="/gfx/pil.gif" alt="pil" /><a href="/politik">Politik</a><img src="/gfx/pil.gif" alt="pil" /><a href="/politik/referater">Dagsordener og referater</a></div>
<div id="venstremenu"><ul><li><a href="/politik/udvalg">Udvalg</a></li><li><a href="/politik/moeder">Møder</a></li></ul></div>
<div id="indhold">
<h1>{esc(meeting['title'])}</h1>
<table class="moedeinfo" summary="Mødeoplysninger">{rows}</table>
{items}
</div>
<div id="footer">
<p>Rådhuset · Torvet 1 · Telefon 70 00 00 00 · post@kommune.invalid</p>
<p><a href="/tilgaengelighed">Tilgængelighedserklæring</a></p>
</div>
<noscript><p>Din browser understøtter ikke JavaScript.</p></noscript>
</form>
<script type="text/javascript">document.getElementById('cookieConsent').style.display = 'block';</script>
</body>
</html>
"""


def main():
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/fixtures/renditions/html"
    out_dir.mkdir(parents=True, exist_ok=True)
    for index, seed in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        meeting = parse_seed(seed)
        style = "dl" if index % 2 == 0 else "table"
        if style == "dl":
            data = page_dl(meeting).encode("utf-8")
        else:
            data = page_table(meeting).encode("windows-1252", errors="xmlcharrefreplace")
        target = out_dir / (seed.stem + ".html")
        target.write_bytes(data)
        print(f"{target.relative_to(ROOT)}: {style}, {len(meeting['items'])} items, {len(data)} bytes")


if __name__ == "__main__":
    main()
