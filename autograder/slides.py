"""A slide deck per day, generated from the day's pages so the slides never drift from the lessons.

Each deck is one self-contained HTML file (inline CSS, a few lines of inline JS for the keyboard, images as data
URIs): the day's title, its Questions and Objectives (days/<day>/index.md), its sessions table, one or two slides
per core unit in teaching order (days/schedule.toml) with the unit's Questions, Objectives and Key points from its
README and its first mermaid or image diagram, the lab, and the day's Key points. Instructor notes are never shown.
"""
from __future__ import annotations

import base64
import html
import mimetypes
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from autograder.units import ROOT, Unit, all_units

MAX_ITEMS = 6  # list items per slide; a longer list continues on the next slide
ADMONITION = re.compile(r'^!!!\s+[\w-]+\s+"(?P<title>[^"]*)"\s*$')
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")  # closed by a run of the same length
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
FENCE = re.compile(r"^```(?P<lang>\w*)\s*$")


@dataclass(frozen=True)
class Slide:
    title: str
    body: str              # HTML
    kind: str = "content"  # a CSS class: title, content, table, diagram
    note: str = ""         # a small footer line (unit name, minutes)


# --- Markdown, the little of it the pages' admonitions and tables use ------------------------------------------

def inline(text: str) -> str:
    """One line of Markdown as HTML: code spans, bold and emphasis kept; links shown as their text (a lesson's
    relative link does not resolve from the deck)."""
    parts = CODE_SPAN.split(text)
    out = []
    for i in range(0, len(parts), 3):
        plain = html.escape(LINK.sub(r"\1", parts[i]), quote=False)
        plain = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", plain)
        plain = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", plain)
        out.append(plain)
        if i + 2 < len(parts):
            out.append(f"<code>{html.escape(parts[i + 2].strip(), quote=False)}</code>")
    return "".join(out)


def blocks(body: str) -> list[tuple[str, list[str]]]:
    """An admonition's body as ("p", [text]) paragraphs and ("ul" | "ol", [item, ...]) lists."""
    found: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        item = re.match(r"^(?:(-|\*)|\d+\.)\s+(.*)$", line)
        if not line.strip():
            if found and found[-1][0] == "p":
                found.append(("", []))  # a blank line ends a paragraph
        elif item:
            kind = "ul" if item.group(1) else "ol"
            if not found or found[-1][0] != kind:
                found.append((kind, []))
            found[-1][1].append(item.group(2).strip())
        elif line.startswith((" ", "\t")) and found and found[-1][0] in ("ul", "ol"):
            found[-1][1][-1] += " " + line.strip()
        elif found and found[-1][0] == "p":
            found[-1][1][0] += " " + line.strip()
        else:
            found.append(("p", [line.strip()]))
    return [(kind, items) for kind, items in found if kind]


def render(parts: list[tuple[str, list[str]]]) -> str:
    out = []
    for kind, items in parts:
        if kind == "p":
            out.append(f"<p>{inline(items[0])}</p>")
        else:
            out.append(f"<{kind}>" + "".join(f"<li>{inline(item)}</li>" for item in items) + f"</{kind}>")
    return "\n".join(out)


def admonitions(markdown: str) -> dict[str, str]:
    """Each top-level admonition's body (dedented), by its title; the first one of a title wins."""
    found: dict[str, str] = {}
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        match = ADMONITION.match(line)
        if not match:
            continue
        body = []
        for following in lines[i + 1:]:
            if following.strip() and not following.startswith(("    ", "\t")):
                break
            body.append(following[4:] if following.startswith("    ") else following.lstrip("\t"))
        found.setdefault(match["title"], "\n".join(body).strip("\n"))
    return found


def title_of(markdown: str) -> str:
    return next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), "")


def section(markdown: str, heading: str) -> str:
    """The text under `## heading`, up to the next heading of level 1 or 2."""
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^#{{1,2}} |\Z)", markdown, flags=re.M | re.S)
    return match.group(1).strip("\n") if match else ""


def first_fence(markdown: str, languages: tuple[str, ...]) -> str | None:
    """The body of the first fenced block in one of `languages`, or None."""
    inside, lang, body = False, "", []
    for line in markdown.splitlines():
        fence = FENCE.match(line.strip())
        if fence and not inside:
            inside, lang, body = True, fence["lang"], []
        elif line.strip() == "```" and inside:
            if lang in languages:
                return "\n".join(body)
            inside = False
        elif inside:
            body.append(line)
    return None


def table_rows(markdown: str) -> list[list[str]]:
    """The rows of the first Markdown table in `markdown`, header first, without the |---| line."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                rows.append(cells)
        elif rows:
            break
    return rows


# --- Slides ----------------------------------------------------------------------------------------------------

def list_slides(title: str, body: str, note: str = "") -> list[Slide]:
    """An admonition on one slide, or on several when its lists are longer than MAX_ITEMS."""
    parts = blocks(body)
    pages: list[list[tuple[str, list[str]]]] = [[]]
    count = 0
    for kind, items in parts:
        if kind == "p":
            pages[-1].append((kind, items))
            continue
        for start in range(0, len(items), MAX_ITEMS):
            chunk = items[start:start + MAX_ITEMS]
            if count and count + len(chunk) > MAX_ITEMS:
                pages.append([])
                count = 0
            pages[-1].append((kind, chunk))
            count += len(chunk)
    if len(pages) == 1:
        return [Slide(title, render(pages[0]), note=note)]
    return [Slide(f"{title} ({n} of {len(pages)})", render(page), note=note) for n, page in enumerate(pages, 1)]


def sessions_slides(index: str) -> list[Slide]:
    rows = table_rows(section(index, "Sessions"))
    if not rows:
        return []
    header, rows = rows[0], rows[1:]
    lunch = next((i for i, row in enumerate(rows) if row[1].lower().startswith("lunch")), None)
    halves = [("Sessions", rows)] if lunch is None else [("Sessions: morning", rows[:lunch]),
                                                          ("Sessions: afternoon", rows[lunch:])]

    def table(body: list[list[str]]) -> str:
        head = "".join(f"<th>{inline(cell)}</th>" for cell in header)
        lines = "".join("<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in body)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table>"

    return [Slide(title, table(part), kind="table") for title, part in halves if part]


def diagram(readme: Path) -> str | None:
    """The lesson's first diagram as HTML: a mermaid block (as its source) or a local image (as a data URI)."""
    text = readme.read_text(encoding="utf-8")
    mermaid = first_fence(text, ("mermaid",))
    image = IMAGE.search(text)
    mermaid_at = text.find("```mermaid") if mermaid is not None else -1
    if image and (mermaid_at < 0 or image.start() < mermaid_at):
        path = (readme.parent / image["src"]).resolve()
        if path.is_file() and path.is_relative_to(readme.parent.resolve()):
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            return f'<img alt="{html.escape(image["alt"])}" src="data:{mime};base64,{data}">'
    if mermaid is not None:
        return f'<pre class="mermaid">{html.escape(mermaid, quote=False)}</pre>'
    return None


def unit_slides(unit: Unit) -> list[Slide]:
    readme = unit.path / "README.md"
    text = readme.read_text(encoding="utf-8")
    boxes = admonitions(text)
    meta = unit.metadata
    note = f"{unit.name} · {meta.minutes_in_class} min in class" if meta else unit.name
    title = title_of(text) or unit.title
    first = "".join(f"<h3>{heading}</h3>\n{render(blocks(boxes[heading]))}\n"
                    for heading in ("Questions", "Objectives") if heading in boxes)
    slides = [Slide(title, first, note=note)] if first else []
    second = [render(blocks(boxes["Key points"]))] if "Key points" in boxes else []
    if (picture := diagram(readme)) is not None:
        second.append(f'<div class="diagram">{picture}</div>')
    if second:
        heading = f"{title}: key points" if "Key points" in boxes else title
        slides.append(Slide(heading, "\n".join(second), kind="diagram" if picture else "content", note=note))
    return slides or [Slide(title, f"<p>{inline(unit.title)}</p>", note=note)]


def lab_slides(unit: Unit) -> list[Slide]:
    text = (unit.path / "README.md").read_text(encoding="utf-8")
    title, boxes = title_of(text) or unit.title, admonitions(text)
    note = f"{unit.name} · {unit.metadata.minutes_in_class} min in class" if unit.metadata else unit.name
    if "Objectives" in boxes:
        body = render(blocks(boxes["Objectives"]))
    else:
        body = render(blocks(section(text, "Objective")))
    slides = [Slide(title, body or f"<p>{inline(unit.title)}</p>", note=note)]
    built = first_fence(section(text, "What you build"), ("text", ""))
    if built is not None:
        slides.append(Slide(f"{title}: what you build", f'<pre class="plan">{html.escape(built, quote=False)}</pre>',
                            kind="diagram", note=note))
    return slides


# --- Days ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Day:
    number: int
    folder: Path       # days/dayN-...
    units: list[Unit]  # core units in teaching order, labs included

    @property
    def slug(self) -> str:
        return f"day{self.number}"


def days(root: Path = ROOT) -> list[Day]:
    """Every day of days/schedule.toml with its folder and its core units, in the order they are taught."""
    schedule = tomllib.loads((root / "days" / "schedule.toml").read_text(encoding="utf-8"))
    units = {unit.name: unit for unit in all_units(root)}
    found = []
    for day in schedule["day"]:
        folder = next(iter(sorted((root / "days").glob(f"day{day['number']}-*/index.md"))), None)
        if folder is None:
            continue
        order: list[str] = []
        for session in day.get("session", []):
            order += [name for name in session.get("units", []) if name not in order]
        core = [u for u in units.values() if u.metadata and u.metadata.day == day["number"]
                and u.metadata.level == "core" and u.name not in order]
        taught = [units[name] for name in order if name in units] + sorted(core, key=lambda u: str(u.path))
        found.append(Day(day["number"], folder.parent, taught))
    return found


def find_day(name: str, root: Path = ROOT) -> Day:
    """A day by its number (`3`), slug (`day3`) or folder name (`day3-agents`)."""
    for day in days(root):
        if name.strip().lower() in (str(day.number), day.slug, day.folder.name):
            return day
    known = ", ".join(str(day.number) for day in days(root))
    raise LookupError(f"no day {name!r}; known days: {known}")


def day_slides(day: Day) -> list[Slide]:
    index = (day.folder / "index.md").read_text(encoding="utf-8")
    boxes = admonitions(index)
    intro = next((part for part in re.split(r"\n\s*\n", index.split("\n", 1)[-1]) if part.strip()
                  and not part.lstrip().startswith(("!!!", "#", "|", "-"))), "")
    slides = [Slide(title_of(index) or f"Day {day.number}", f"<p>{inline(' '.join(intro.split()))}</p>",
                    kind="title", note=f"Day {day.number}")]
    for heading in ("Questions", "Objectives"):
        if heading in boxes:
            slides += list_slides(heading, boxes[heading])
    slides += sessions_slides(index)
    labs = [unit for unit in day.units if unit.path.parent.name == "labs"]
    for unit in day.units:
        if unit not in labs:
            slides += unit_slides(unit)
    for unit in labs:
        slides += lab_slides(unit)
    if "Key points" in boxes:
        slides += list_slides("Key points", boxes["Key points"])
    return slides


STYLE = """
*{box-sizing:border-box}html,body{margin:0;height:100%;background:#1a1f36;font-family:system-ui,-apple-system,
"Segoe UI",Roboto,sans-serif;color:#1d1d1f}
.slide{display:none;position:absolute;inset:2vh 2vw;background:#fff;border-radius:8px;padding:4vh 5vw 6vh;
overflow:auto;font-size:clamp(14px,2.3vh,28px);line-height:1.4}
.slide.active{display:block}
.slide h2{margin:0 0 2vh;color:#283593;font-size:1.8em;border-bottom:3px solid #3f51b5;padding-bottom:1vh}
.slide h3{margin:1.4vh 0 .6vh;color:#3f51b5;font-size:1.1em}
.slide li{margin:.5vh 0}
.slide code{background:#eef0f8;padding:0 .2em;border-radius:3px;font-size:.9em}
.slide.title{display:none;background:#283593;color:#fff}.slide.title.active{display:flex;flex-direction:column;
justify-content:center}.slide.title h2{color:#fff;border-color:#fff;font-size:2.6em}
.slide.title p{font-size:1.05em;max-width:60em}
.slide.table{font-size:clamp(11px,1.75vh,22px)}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccd;padding:.5vh .6vw;text-align:left;
vertical-align:top}th{background:#eef0f8}
pre{font-size:.85em;background:#f6f7fb;padding:1.5vh 1.5vw;border-radius:6px;overflow:auto;line-height:1.25}
.diagram img{max-width:100%;max-height:45vh;border:1px solid #ccd}
.note{position:absolute;left:5vw;bottom:1.5vh;font-size:.65em;color:#667}
.slide.title .note{color:#c5cae9}
#counter{position:fixed;right:3vw;bottom:3vh;font-size:14px;color:#667;z-index:2}
@media print{html,body{background:#fff;height:auto}.slide,.slide.title{display:block!important;position:relative;
inset:auto;height:auto;min-height:0;break-after:page;border-radius:0}#counter{display:none}}
"""

SCRIPT = """
const slides=[...document.querySelectorAll('.slide')],counter=document.getElementById('counter');let at=0;
function show(n){at=Math.max(0,Math.min(slides.length-1,n));slides.forEach((s,i)=>s.classList.toggle('active',
i===at));counter.textContent=(at+1)+' / '+slides.length;history.replaceState(null,'','#'+(at+1));}
document.addEventListener('keydown',e=>{const k=e.key;if(['ArrowRight','ArrowDown','PageDown',' ','Enter']
.includes(k)){show(at+1)}else if(['ArrowLeft','ArrowUp','PageUp','Backspace'].includes(k)){show(at-1)}
else if(k==='Home'){show(0)}else if(k==='End'){show(slides.length-1)}else{return}e.preventDefault();});
document.addEventListener('click',e=>{if(!e.target.closest('a,pre,table'))show(at+(e.clientX<innerWidth/3?-1:1))});
show((parseInt(location.hash.slice(1))||1)-1);
"""


def deck(day: Day) -> str:
    """The day's deck as one HTML document."""
    slides = day_slides(day)
    title = html.escape(f"Day {day.number}: {title_of((day.folder / 'index.md').read_text(encoding='utf-8'))}")
    sections = []
    for n, slide in enumerate(slides, 1):
        heading = f"<h2>{inline(slide.title)}</h2>"
        note = f'<p class="note">{html.escape(slide.note)}</p>' if slide.note else ""
        sections.append(f'<section class="slide {slide.kind}" id="s{n}">\n{heading}\n{slide.body}\n{note}\n</section>')
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
            f"<title>{title} (slides)</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(sections)
            + f'\n<div id="counter"></div>\n<script>{SCRIPT}</script>\n</body>\n</html>\n')


def decks(root: Path = ROOT, only: str | None = None) -> dict[str, str]:
    """File name -> HTML, for every day or for the day named by `only`."""
    chosen = [find_day(only, root)] if only else days(root)
    return {f"{day.slug}.html": deck(day) for day in chosen}


def write(out: Path, only: str | None = None, root: Path = ROOT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in decks(root, only).items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written
