#!/usr/bin/env python3
"""Checks an HTML report the way a reader meets it: in Chromium, on screen and printed.

    check_report_page.py PAGE.html OUT_DIR

Drives Debian's chromium through its chromedriver (`which chromedriver`) with Selenium
and prints one JSON object whose lists are empty when the page passes:

- axe: axe-core's violations of the WCAG 2.0/2.1/2.2 A and AA rules (wcag2a, wcag2aa,
  wcag21a, wcag21aa, wcag22aa), from the axe.min.js that the PyPI package
  axe-playwright-python ships (axe-core 4.12), injected into the page.
- contrast: every foreground/background pair the page's CSS declares whose WCAG
  contrast is under 4.5:1, computed here from the style sheet, not taken from axe.
- colourBlind: pairs of RAG fills that come closer than CIELAB distance 20 when seen
  with deuteranopia or protanopia (Machado, Oliveira and Fernandes 2009, severity 1).
- tooWide: elements whose right edge passes the A4 content box (portrait, or
  landscape for a `section.wide`), laid out with print styles at that box's width.
- headingAtFoot: pages of the printed PDF whose last lines are a heading (and its
  note) without the table it heads.

It also writes OUT_DIR/NAME.pdf (Chromium's print to PDF, A4 by the page's @page
rules) and OUT_DIR/NAME-N.png (each printed page at 60 dpi, by poppler's pdftoppm),
for a person to look at.

Exit status: 0 with the JSON (whether or not the page passed), 2 when a tool it needs
is missing (selenium, chromium, chromedriver, axe-playwright-python, poppler-utils).
"""
import base64
import itertools
import json
import math
import os
import re
import shutil
import subprocess
import sys

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MM = 96 / 25.4  # CSS pixels per millimetre
MARGIN_MM = 12  # the report's @page side margins


def fail(message):
    print(f"check_report_page: {message}", file=sys.stderr)
    sys.exit(2)


def axe_source():
    try:
        import axe_playwright_python
    except ImportError:
        fail("needs the PyPI package axe-playwright-python (axe-core 4.12), which .ci/run installs")
    path = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


def browser(window_size=None):
    """Headless Chromium through its chromedriver, at `window_size` ("W,H") if given."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        fail("needs the PyPI package selenium, which .ci/run installs")
    driver_path = shutil.which("chromedriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not driver_path or not chromium:
        fail("needs Debian's chromium and chromium-driver, which .ci/run installs")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    if window_size:
        options.add_argument(f"--window-size={window_size}")
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


# --- colour -----------------------------------------------------------------------

def rgb(text):
    """`#abc`, `#aabbcc` or `rgb(r, g, b)` as three 0-255 integers; None for others."""
    text = text.strip().lower()
    if text in ("#fff", "white"):
        return (255, 255, 255)
    m = re.fullmatch(r"#([0-9a-f]{3})", text)
    if m:
        return tuple(int(c * 2, 16) for c in m.group(1))
    m = re.fullmatch(r"#([0-9a-f]{6})", text)
    if m:
        return tuple(int(m.group(1)[i:i + 2], 16) for i in (0, 2, 4))
    m = re.fullmatch(r"rgb\((\d+),\s*(\d+),\s*(\d+)\)", text)
    return tuple(int(v) for v in m.groups()) if m else None


def linear(channel):
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour):
    r, g, b = (linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def declared_pairs(css):
    """Every (selector, foreground, background) the style sheet declares: a rule's own
    colour on its own background, the body's colour where it sets only a background,
    and its colour on the body's background (white) where it sets only a colour."""
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"@page[^{]*\{[^}]*\}", "", css))
    declarations = []
    for selector, body in rules:
        props = dict((k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d))
        declarations.append((selector.strip().split("\n")[-1].strip(), props))
    body_props = next((p for s, p in declarations if s == "body"), {})
    page_fg = rgb(body_props.get("color", "#000000"))
    page_bg = rgb(body_props.get("background", "#ffffff")) or (255, 255, 255)
    pairs = []
    for selector, props in declarations:
        fg = rgb(props["color"]) if "color" in props else None
        bg = rgb(props["background"]) if "background" in props else None
        if fg is None and bg is None:
            continue
        pairs.append((selector, fg or page_fg, bg or page_bg))
    return pairs


MACHADO = {
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
}


def lab(linear_rgb):
    r, g, b = linear_rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def seen_with(colour, matrix):
    lin = [linear(c) for c in colour]
    return [min(1, max(0, sum(matrix[i][j] * lin[j] for j in range(3)))) for i in range(3)]


def colour_blind_clashes(pairs):
    fills = {s: bg for s, _, bg in pairs if s.startswith(".rag-")}
    clashes = []
    for kind, matrix in MACHADO.items():
        for (a, ca), (b, cb) in itertools.combinations(sorted(fills.items()), 2):
            distance = math.dist(lab(seen_with(ca, matrix)), lab(seen_with(cb, matrix)))
            if distance < 20:
                clashes.append(f"{a} and {b} under {kind}: distance {distance:.1f}")
    return fills, clashes


# --- layout and print ----------------------------------------------------------------

TOO_WIDE = """
const [selector, limit] = arguments;
return [...document.querySelectorAll(selector)].filter(e => e.getBoundingClientRect().right > limit + 0.5)
  .map(e => e.tagName + ":" + Math.round(e.getBoundingClientRect().right) + ":" + e.textContent.slice(0, 40));
"""


def too_wide(driver, page_mm, selector):
    width = math.floor((page_mm - 2 * MARGIN_MM) * MM)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 1200, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_script("document.body.style.margin = '0'")
    limit = driver.execute_script("return document.documentElement.clientWidth")
    found = driver.execute_script(TOO_WIDE, selector, limit)
    driver.execute_script("document.body.style.margin = ''")
    return width, limit, found


def normal(text):
    return re.sub(r"\s+", " ", text).strip()


def headings_at_foot(pdf, headings, notes):
    """Pages whose text ends in a heading, or a heading and its note, with nothing of
    the table after them."""
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, page in enumerate(text.split("\f"), start=1):
        lines = [normal(line) for line in page.split("\n") if line.strip()]
        for line in reversed(lines):
            if any(line in h for h in headings):
                found.append(f"page {number} ends with the heading '{line}'")
                break
            if not any(line in n for n in notes):
                break
    return found


def main():
    if len(sys.argv) != 3:
        fail("usage: check_report_page.py PAGE.html OUT_DIR")
    page, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        fail("needs Debian's poppler-utils (pdftotext, pdftoppm), which .ci/run installs")
    os.makedirs(out, exist_ok=True)
    name = os.path.splitext(os.path.basename(page))[0]
    axe = axe_source()
    driver = browser()
    try:
        driver.set_script_timeout(300)
        driver.get("file://" + page)
        driver.execute_script(axe)
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(r), e => done({error: String(e)}));",
            RULES)
        if "error" in result:
            fail(f"axe-core failed: {result['error']}")
        violations = [
            {"id": v["id"], "help": v["help"], "nodes": len(v["nodes"]), "first": v["nodes"][0]["html"][:200] if v["nodes"] else ""}
            for v in result["violations"]
        ]
        css = driver.execute_script("return [...document.querySelectorAll('style')].map(s => s.textContent).join('\\n')")
        headings = [normal(h) for h in driver.execute_script("return [...document.querySelectorAll('h1, h2')].map(h => h.textContent)")]
        notes = [normal(n) for n in driver.execute_script("return [...document.querySelectorAll('p.note, ul.meta li')].map(p => p.textContent)")]
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        portrait = too_wide(driver, 210, "body *:not(section.wide, section.wide *)")
        landscape = too_wide(driver, 297, "section.wide *")
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True, "displayHeaderFooter": False})
        pdf_path = os.path.join(out, name + ".pdf")
        with open(pdf_path, "wb") as f:
            f.write(base64.b64decode(pdf["data"]))
    finally:
        driver.quit()
    subprocess.run(["pdftoppm", "-png", "-r", "60", pdf_path, os.path.join(out, name)], check=True)
    pairs = declared_pairs(css)
    low = [f"{s}: {contrast(fg, bg):.2f}:1" for s, fg, bg in pairs if contrast(fg, bg) < 4.5]
    fills, clashes = colour_blind_clashes(pairs)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", open(pdf_path, "rb").read()))
    print(json.dumps({
        "axeVersion": result.get("testEngine", {}).get("version"),
        "axe": violations,
        "axePasses": len(result["passes"]),
        "pairs": len(pairs),
        "ragFills": len(fills),
        "contrast": low,
        "colourBlind": clashes,
        "portraitBox": portrait[0],
        "landscapeBox": landscape[0],
        "tooWide": portrait[2] + landscape[2],
        "headings": len(headings),
        "headingAtFoot": headings_at_foot(pdf_path, headings, notes),
        "pages": pages,
        "pdf": pdf_path,
    }, indent=1))


if __name__ == "__main__":
    main()
