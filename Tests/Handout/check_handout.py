#!/usr/bin/env python3
"""Parses an HTML handout written by `record "x.html"` as a browser would (html5lib, the
WHATWG HTML5 parsing algorithm, strict: any parse error fails) and prints what it found as
JSON, for RecordHTMLTests to check: the title, the statements, the comments shown as text,
how many SVG charts are inline, and anything that could run or fetch (scripts, event
attributes, external references)."""
import json
import sys

import html5lib

HTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


def text(element):
    return "".join(element.itertext()).strip()


def main(path):
    with open(path, "rb") as handle:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
        document = parser.parse(handle)
    found = {
        "title": text(document.find(f".//{HTML}title")),
        "h1": text(document.find(f".//{HTML}h1")),
        "statements": [text(code) for code in document.iterfind(f".//{HTML}h2/{HTML}code")],
        "narrative": [text(p) for p in document.iterfind(f".//{HTML}p[@class='narrative']")],
        "meanings": [text(p) for p in document.iterfind(f".//{HTML}p[@class='meaning']")],
        "cells": [text(td) for td in document.iterfind(f".//{HTML}td")],
        "svg": len(list(document.iterfind(f".//{SVG}svg"))),
        "svg_bars": len([r for r in document.iter(f"{SVG}rect") if r.get("class") == "bar"]),
        "scripts": len(list(document.iter(f"{HTML}script"))) + len(list(document.iter(f"{SVG}script"))),
        "event_attributes": sorted({name for element in document.iter() for name in element.attrib
                                    if name.lower().startswith("on")}),
        "external": sorted({value for element in document.iter() for name, value in element.attrib.items()
                            if name in ("src", "href", "{http://www.w3.org/1999/xlink}href")
                            and not value.startswith("#")}),
        "iframes": len(list(document.iter(f"{HTML}iframe"))),
    }
    print(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1])
