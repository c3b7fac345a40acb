"""The run report as one self-contained HTML page: every picture embedded (data: URIs), the
CSS inline, print-friendly (A4 pages, the major sections on a new page)."""

from __future__ import annotations

import base64
import html

from tlstudio.core.outputs.report_document import Block, ReportDocument
from tlstudio.core.outputs.report_texts import texts

_CSS = """
:root { --ink: #1d2733; --muted: #5b6673; --rule: #d5dbe1; --accent: #1f6fb2; --soft: #f3f6f9; }
* { box-sizing: border-box; }
body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 960px; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.5; font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; color: var(--accent); }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
p { margin: .4rem 0 .7rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .7rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:last-child td { border-bottom: 2px solid var(--rule); }
figure { margin: .6rem 0 1.2rem; text-align: center; }
figure img { max-width: 100%; height: auto; }
pre { background: var(--soft); padding: .8rem 1rem; font-size: .8rem; overflow-x: auto; border-radius: 4px; }
details { margin: .4rem 0 1rem; }
summary { cursor: pointer; color: var(--accent); }
details table { font-size: .8rem; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: .8rem; }
.mistake { border: 1px solid var(--rule); border-radius: 4px; padding: .4rem; text-align: center; }
.mistake img { width: 48%; height: auto; }
.mistake p { font-size: .8rem; margin: .3rem 0 0; white-space: pre-line; word-break: break-all; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h2.major { break-before: page; page-break-before: always; }
  tr, figure, .mistake, img { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  details > summary { display: none; }
  details:not([open]) { display: none; }
  pre { white-space: pre-wrap; }
}
"""


def _data_uri(data: bytes) -> str:
    mime = "image/png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _html_table(block: Block, classes: str = "") -> str:
    def cell(tag: str, text: str, right: bool) -> str:
        attr = ' class="num"' if right else ""
        return f"<{tag}{attr}>{html.escape(text)}</{tag}>"

    right = block.right or (False,) * len(block.header)
    head = "".join(cell("th", h, r) for h, r in zip(block.header, right))
    body = "\n".join("<tr>" + "".join(cell("td", c, r) for c, r in zip(row, right)) + "</tr>" for row in block.rows)
    caption = f"<caption>{html.escape(block.caption)}</caption>" if block.caption else ""
    attr = f' class="{classes}"' if classes else ""
    return f"<table{attr}>{caption}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"


#: Sections that start a new printed page.
_MAJOR = ("config", "mistakes")


def render_html(doc: ReportDocument) -> str:
    """The document as one self-contained HTML page (pictures as data: URIs, CSS inline)."""
    t = texts(doc.language)
    major = {t[k] for k in _MAJOR}
    parts = [f"<h1>{html.escape(doc.title)}</h1>", f'<p class="subtitle">{html.escape(doc.subtitle)}</p>']
    for block in doc.blocks:
        if block.kind == "h2":
            cls = ' class="major"' if block.text in major else ""
            parts.append(f"<h2{cls}>{html.escape(block.text)}</h2>")
        elif block.kind in ("h1", "h3"):
            parts.append(f"<{block.kind}>{html.escape(block.text)}</{block.kind}>")
        elif block.kind == "p":
            parts.append(f"<p>{html.escape(block.text)}</p>")
        elif block.kind == "pre":
            parts.append(f"<pre>{html.escape(block.text)}</pre>")
        elif block.kind == "table":
            parts.append(_html_table(block))
        elif block.kind == "figure":
            style = f' style="max-width:{block.width * 100:.0f}%"' if block.width < 1 else ""
            caption = f"<figcaption>{html.escape(block.caption)}</figcaption>" if block.caption else ""
            parts.append(f'<figure><img src="{_data_uri(block.image)}" alt=""{style}>{caption}</figure>')
        elif block.kind == "gallery":
            cards = []
            for picture, overlay, caption in block.items:
                imgs = f'<img src="{_data_uri(picture)}" alt="">'
                if overlay is not None:
                    imgs += f' <img src="{_data_uri(overlay)}" alt="Grad-CAM">'
                cards.append(f'<div class="mistake">{imgs}<p>{html.escape(caption)}</p></div>')
            parts.append('<div class="gallery">' + "\n".join(cards) + "</div>")
        elif block.kind == "files":
            table = _html_table(Block("table", header=block.header, rows=doc.files_shown()))
            parts.append(f"<details><summary>{html.escape(block.caption)}</summary>{table}</details>")
    body = "\n".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(doc.language.replace("_", "-"))}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(doc.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")
