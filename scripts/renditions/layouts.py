#!/usr/bin/env python3
"""Render each seed in three other publishers' layout families (REAL-LAYOUTS.md), from the
seed's own content, so the parser can be tested on layouts we may not commit real minutes of.

The seed's structure comes from `referat parse --json` (the parser's own reading), never from
re-parsing the text here. Output: tests/fixtures/renditions/layouts/<seed>.<family>.txt, held to
the seed's essence by tests/integration/renditions_layouts.rs.

  A  `<forum> (2022-2025) – Referat – 11. november 2024`, labels on their own lines with the value
     below, an agenda list without page numbers, `Sagsnr.` + indented `N. title` numbered on
     from 49 (time slot after the title), `Beslutningstema`/`Beskrivelse af sagen`/`Forslag til
     beslutning`/`Beslutning i <forum> den DD-MM-YYYY`, one participant a line with `- afbud`.
  B  `Referat af møde i <forum>`, `Dato: mandag den 11. november 2024 kl. 13:30`, `Sted:`,
     bullet participants with the party in brackets and an `Afbud` list, `Pkt. N` headings with a
     `Beslutning: ` prefix on every other item and a trailing `(B)`, `Problemstilling`/`Baggrund`/
     `Indstilling fra Administrationen`/`Beslutninger`; Windows-1252 and CRLF.
  C  `REFERAT` alone, capital labels `MØDE`/`STED`/`STARTTIDSPUNKT`/`DELTAGERE` with values below,
     the number glued to the title from 38, titles wrapped at 48 characters, `Sagens kerne`/
     `Sagsgang og sagstype`/`Beslutningspunkter`/`POLITISK BEHANDLING`.

Usage: scripts/renditions/layouts.py [REFERAT_BIN]  (default: `cargo run --release --quiet --`)
"""

import json
import pathlib
import subprocess
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "renditions" / "layouts"
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
NIVEAU_LABELS = {"politisk": "Politisk niveau", "fagligt_strategisk": "Fagligt strategisk niveau"}

HEADINGS = {
    "A": {"resume": "Beslutningstema", "sagsfremstilling": "Beskrivelse af sagen",
          "indstilling": "Forslag til beslutning", "bilag": "Bilag", "fravaerende": "Fraværende"},
    "B": {"resume": "Problemstilling", "sagsfremstilling": "Baggrund",
          "indstilling": "Indstilling fra Administrationen", "beslutning": "Beslutninger",
          "bilag": "Bilag", "fravaerende": "Fraværende"},
    "C": {"resume": "Sagens kerne", "sagsfremstilling": "Sagsgang og sagstype",
          "indstilling": "Beslutningspunkter", "beslutning": "POLITISK BEHANDLING",
          "bilag": "BILAG", "fravaerende": "Fraværende"},
}


def parse_json(binary, seed):
    command = binary + ["parse", "--json", str(seed)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, cwd=ROOT).stdout)


def date_parts(meeting):
    year, month, day = (int(part) for part in meeting["dato"].split("-"))
    return year, month, day


def numeric_date(meeting):
    year, month, day = date_parts(meeting)
    return f"{day:02d}-{month:02d}-{year}"


def worded_date(meeting):
    year, month, day = date_parts(meeting)
    return f"{day}. {MONTHS[month - 1]} {year}"


def weekday(meeting):
    import datetime
    return WEEKDAYS[datetime.date(*date_parts(meeting)).weekday()]


def clock(meeting):
    return meeting["starts_at"][:5] if meeting["starts_at"] else None


def forum_text(meeting):
    """The forum as the seed's title names it: with its niveau when the title states one."""
    label = NIVEAU_LABELS.get(meeting["niveau"])
    if label and "niveau" in meeting["title"].lower():
        return f"{meeting['forum']['name']} - {label}"
    return meeting["forum"]["name"]


def person(participant, party_style):
    name, affiliation = participant["name"], participant["affiliation"]
    if not affiliation:
        return name
    return f"{name} ({affiliation})" if party_style == "brackets" else f"{name}, {affiliation}"


def escaped(text):
    """The parser reads markdown in any text: escape the marks the parsed text still holds
    (`Visionseftermiddag_ (003).pptx`) so they read back as themselves."""
    lines = []
    for line in text.split("\n"):
        bullet = "* " if line.startswith("* ") else ""
        lines.append(bullet + line[len(bullet):].replace("_", "\\_").replace("*", "\\*"))
    return "\n".join(lines)


def section_lines(family, meeting, section):
    kind, text = section["kind"], escaped(section["text"])
    lines = []
    if kind == "fravaerende":
        return [f"Fraværende: {text}" if text else "Fraværende", ""]
    if kind == "beslutning" and family == "A":
        lines += [f"Beslutning i {meeting['forum']['name']} den {numeric_date(meeting)}", ""]
    elif kind != "tekst":
        lines += [HEADINGS[family][kind], ""]
    return lines + [text, ""]


def item_lines(family, meeting, item):
    number, title = item["number"], item["title"]
    case = item["case_number"]
    lines = []
    if family == "A":
        slot = item["time_slot"]
        if slot:
            start, end = slot["start"][:5].replace(":", "."), slot["end"][:5].replace(":", ".")
            title = f"{title}, kl. {start}-{end}"
        if case:
            lines += [f"Sagsnr. {case}", ""]
        lines += [f"    {number + 48}. {title}", ""]
    elif family == "B":
        prefix = "Beslutning: " if number % 2 == 0 else ""
        lines += [f"Pkt. {number} {prefix}{title} (B)", ""]
        if case:
            lines += [f"Sagsnr.: {case}", ""]
    else:
        lines += wrapped(f"{number + 37}{title}") + [""]
        if case:
            lines += [case, ""]
    for section in item["sections"]:
        lines += section_lines(family, meeting, section)
    return lines


def wrapped(heading):
    """A long title over up to three lines, never breaking after `.` or `:` (a continuation
    line ending so would read as a sentence)."""
    lines = textwrap.wrap(heading, width=48) or [heading]
    for at in range(len(lines) - 1):
        if lines[at].endswith((".", ":")):
            head, _, last = lines[at].rpartition(" ")
            lines[at], lines[at + 1] = head, f"{last} {lines[at + 1]}"
    if len(lines) > 3:
        lines = textwrap.wrap(heading, width=len(heading) // 3 + 8)
    return lines


def header_a(meeting):
    lines = [f"{forum_text(meeting)} (2022-2025) – Referat – {worded_date(meeting)}", ""]
    when = numeric_date(meeting) + (f" kl. {clock(meeting)}" if clock(meeting) else "")
    lines += ["Mødedato", when, ""]
    if meeting["place"]:
        lines += ["Mødested", meeting["place"], ""]
    if meeting["participants"]:
        lines += ["Mødedeltagere"]
        for participant in meeting["participants"]:
            suffix = " - afbud" if participant["absent"] else ""
            lines.append(person(participant, "comma") + suffix)
        lines.append("")
    lines += ["Dagsorden", ""]
    lines += [f"{item['number'] + 48}. {item['title']}" for item in meeting["items"]]
    return lines + [""]


def header_b(meeting):
    lines = [f"Referat af møde i {forum_text(meeting)}", ""]
    when = f"{weekday(meeting)} den {worded_date(meeting)}"
    lines += [f"Dato: {when}" + (f" kl. {clock(meeting)}" if clock(meeting) else "")]
    if meeting["place"]:
        lines.append(f"Sted: {meeting['place']}")
    lines.append("")
    present = [p for p in meeting["participants"] if not p["absent"]]
    absent = [p for p in meeting["participants"] if p["absent"]]
    for label, people in (("Deltagere:", present), ("Afbud:", absent)):
        if people:
            lines += [label] + [f"• {person(p, 'brackets')}" for p in people] + [""]
    return lines


def header_c(meeting):
    lines = ["REFERAT", "", "MØDE", forum_text(meeting), ""]
    if meeting["place"]:
        lines += ["STED", meeting["place"], ""]
    when = numeric_date(meeting) + (f" {clock(meeting)}:00" if clock(meeting) else "")
    lines += ["STARTTIDSPUNKT", when, ""]
    if meeting["participants"]:
        lines += ["DELTAGERE"]
        for participant in meeting["participants"]:
            mark = " (Fravær)" if participant["absent"] else ""
            lines.append(person(participant, "comma") + mark)
        lines.append("")
    return lines


def render(family, meeting):
    header = {"A": header_a, "B": header_b, "C": header_c}[family](meeting)
    lines = header + [""]
    for item in meeting["items"]:
        lines += item_lines(family, meeting, item)
    return "\n".join(lines).rstrip("\n") + "\n"


def write(path, family, text):
    if family == "B":
        path.write_bytes(text.replace("\n", "\r\n").encode("windows-1252"))
    else:
        path.write_text(text, encoding="utf-8")


def main():
    binary = sys.argv[1:] or ["cargo", "run", "--release", "--quiet", "--"]
    OUT.mkdir(parents=True, exist_ok=True)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        meeting = parse_json(binary, seed)
        for family in "ABC":
            path = OUT / f"{seed.stem}.{family}.txt"
            write(path, family, render(family, meeting))
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
