#!/usr/bin/env python3
"""Uses the partnership server's web pages the way a partner lead does, in Chromium.

    check_web.py URL LEAD_TOKEN ACTION_ID OUT_DIR

URL is a running `csp-ledger serve` (http://127.0.0.1:PORT); LEAD_TOKEN a lead's token
whose partner leads ACTION_ID, an open action. Drives Debian's chromium through its
chromedriver (`which chromedriver`) with Selenium, and prints one JSON object that the
Swift test (Tests/EndToEndTests/WebPageTests.swift) checks:

- signIn: the redirect of a page to the sign-in form, a wrong token's error beside the
  field, and the session cookie's attributes (HttpOnly, SameSite=Strict).
- asOf: the as-of picker (a GET form) used with a date, the number of actions the page
  shows then and now, and the API's count for the same date.
- badValue: a percent of 150 posted through the progress form: its error beside the
  field (aria-describedby), the form keeping what was typed, and the digest before and
  after (from GET /api/digest with the token).
- progress: a progress report posted through the form: the notice, the note in the
  action page's timeline, and the digest before and after.
- keyboard: the first Tab stop is the skip link, with a visible focus outline.
- print: the navigation and the forms hidden under print media.
- axe: axe-core's violations of the wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa
  rules on every page visited (the axe.min.js of the PyPI package
  axe-playwright-python, axe-core 4.12), and its version.
- overflow: each page's width laid out at 360 px (wider than 360 means a sideways scroll).
- screenshots: full-page PNGs at 360 px and 1280 px wide, written to OUT_DIR.

Exit status: 0 with the JSON, 2 when a tool it needs is missing.
"""
import base64
import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_report_page import RULES, axe_source, browser  # noqa: E402  (one way to start Chromium and load axe)

WIDTHS = [360, 1280]


def fail(message):
    print(f"check_web: {message}", file=sys.stderr)
    sys.exit(2)


class Session:
    def __init__(self, url, token, out):
        self.url, self.token, self.out = url.rstrip("/"), token, out
        self.axe = axe_source()
        self.driver = browser(window_size="1280,900")
        self.found = {"axe": {}, "overflow": {}, "screenshots": []}

    # --- the API, for what the pages are checked against -------------------------

    def api(self, path):
        request = urllib.request.Request(self.url + path, headers={"Authorization": "Bearer " + self.token})
        with urllib.request.urlopen(request, timeout=20) as response:
            return json.loads(response.read())

    def digest(self):
        return self.api("/api/digest")["digest"]

    # --- the browser ---------------------------------------------------------------

    def go(self, path):
        self.driver.get(self.url + path)

    def css(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def all(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def path(self):
        return self.driver.execute_script("return location.pathname + location.search")

    def submit(self, button_selector):
        """Clicks a form's button and waits for the next page."""
        old = self.css("html")
        self.css(button_selector).click()
        for _ in range(100):
            try:
                old.tag_name
            except Exception:
                return
            time.sleep(0.05)

    def check(self, name):
        """axe-core on the page as it is, its width at 360 px, and screenshots at both widths."""
        self.driver.execute_script(self.axe)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(r), e => done({error: String(e)}));",
            RULES)
        if "error" in result:
            fail(f"axe-core failed on {name}: {result['error']}")
        self.found["axeVersion"] = result.get("testEngine", {}).get("version")
        self.found["axe"][name] = [
            {"id": v["id"], "help": v["help"], "nodes": len(v["nodes"]), "first": v["nodes"][0]["html"][:200] if v["nodes"] else ""}
            for v in result["violations"]
        ]
        self.found.setdefault("axePasses", {})[name] = len(result["passes"])
        for width in WIDTHS:
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500})
            if width == 360:
                self.found["overflow"][name] = self.driver.execute_script("return document.documentElement.scrollWidth")
            height = min(self.driver.execute_script("return document.documentElement.scrollHeight"), 8000)
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
            path = os.path.join(self.out, f"{name}-{width}.png")
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            self.found["screenshots"].append(path)
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def summary(s):
    """The page's RAG summary: each word with its count, those above zero."""
    counts = {}
    for item in s.all("ul.summary li"):
        word, count = item.text.split()[:2]
        if int(count):
            counts[word] = int(count)
    return counts


def run(session, action):
    s, found = session, session.found

    # A page without a session leads to the sign-in form.
    s.go("/")
    found["signIn"] = {"redirectedTo": s.path()}
    s.check("sign-in")
    s.css("#sign-in-token").send_keys("not-a-token")
    s.submit("main form button[type=submit]")
    error = s.all("#sign-in-token-error")
    found["signIn"]["wrongTokenError"] = error[0].text if error else None
    found["signIn"]["wrongTokenDescribedBy"] = s.css("#sign-in-token").get_attribute("aria-describedby")
    s.check("sign-in-refused")
    from selenium.webdriver.common.keys import Keys
    field = s.css("#sign-in-token")
    field.clear()
    field.send_keys(s.token)
    old = s.css("html")
    field.send_keys(Keys.ENTER)  # the keyboard alone
    for _ in range(100):
        try:
            old.tag_name
            time.sleep(0.05)
        except Exception:
            break
    found["signIn"]["landedOn"] = s.path()
    cookie = next((c for c in s.driver.get_cookies() if c["name"] == "csp_session"), None)
    found["signIn"]["cookie"] = {k: cookie.get(k) for k in ("httpOnly", "sameSite", "secure", "path")} if cookie else None

    # The plan now, and as it stood (the as-of picker).
    found["plan"] = {"badges": sorted({b.text for b in s.all("ul.actions .badge")}), "actions": len(s.all("ul.actions li"))}
    s.check("plan")
    # Keyboard: the first Tab stop is the skip link, and it shows where focus is.
    s.css("body").send_keys(Keys.TAB)
    found["keyboard"] = s.driver.execute_script(
        "const e = document.activeElement; const st = getComputedStyle(e);"
        "return {text: e.textContent.trim(), href: e.getAttribute('href'), outline: st.outlineStyle + ' ' + st.outlineWidth,"
        " visible: e.getBoundingClientRect().left >= 0};")
    now_count = found["plan"]["actions"]
    chosen = None
    for date in ["2022-06-30", "2022-08-31", "2022-10-31", "2022-12-31", "2023-02-28"]:
        actions = s.api(f"/api/state?asOf={date}")["actions"]
        if 0 < len(actions) < now_count:
            chosen = (date, actions)
            break
    if chosen:
        date, actions = chosen
        api_count = len(actions)
        api_rag = {}
        for a in actions:
            api_rag[a["rag"].capitalize()] = api_rag.get(a["rag"].capitalize(), 0) + 1
        s.driver.execute_script("document.getElementById('plan-asOf').value = arguments[0]", date)
        s.submit("form.as-of button[type=submit]")
        found["asOf"] = {
            "date": date, "path": s.path(), "heading": s.css("h1").text, "actions": len(s.all("ul.actions li")),
            "apiActions": api_count, "nowActions": now_count, "pickerValue": s.css("#plan-asOf").get_attribute("value"),
            "apiRag": api_rag, "pageRag": summary(s),
        }
        s.check("plan-as-of")

    # The action page; a refused progress report, then one that is recorded.
    s.go(f"/actions/{action}")
    s.check("action")
    before = s.digest()
    s.css("#progress-percent").send_keys("150")
    s.css("#progress-note").send_keys("Typed before the refusal")
    s.submit("#progress form button[type=submit]")
    error = s.all("#progress-percent-error")
    found["badValue"] = {
        "error": error[0].text if error else None,
        "describedBy": s.css("#progress-percent").get_attribute("aria-describedby"),
        "invalid": s.css("#progress-percent").get_attribute("aria-invalid"),
        "keptPercent": s.css("#progress-percent").get_attribute("value"),
        "keptNote": s.css("#progress-note").get_attribute("value"),
        "digestBefore": before, "digestAfter": s.digest(),
    }
    s.check("action-refused")
    note = f"Reported from the browser at {int(time.time())}"
    from selenium.webdriver.support.ui import Select
    Select(s.css("#progress-status")).select_by_value("at-risk")
    percent = s.css("#progress-percent")
    percent.clear()
    percent.send_keys("55")
    text = s.css("#progress-note")
    text.clear()
    text.send_keys(note)
    before = s.digest()
    s.submit("#progress form button[type=submit]")
    notice = s.all("p.notice")
    found["progress"] = {
        "note": note, "path": s.path(), "notice": notice[0].text if notice else None,
        "inTimeline": note in s.css("ol.timeline").text,
        "credentialLine": s.all("ol.timeline li")[-1].text if s.all("ol.timeline li") else None,
        "digestBefore": before, "digestAfter": s.digest(),
    }
    s.check("action-reported")

    # Print: no navigation, no forms.
    s.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    found["print"] = s.driver.execute_script(
        "return {nav: getComputedStyle(document.querySelector('header.site nav')).display,"
        " forms: [...document.querySelectorAll('form')].every(f => f.offsetParent === null)};")
    s.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # Reports and digest; the reports themselves.
    s.go("/reports")
    found["digest"] = {"page": s.css("#digest-text").text, "api": s.digest()}
    s.check("reports")
    s.submit("form[action='/reports/plan'] button[type=submit]")
    found["planReport"] = {"path": s.path(), "title": s.driver.title}
    s.check("plan-report")
    s.go("/reports")
    s.submit("form[action='/reports/governance'] button[type=submit]")
    found["governanceReport"] = {"path": s.path(), "title": s.driver.title}
    s.check("governance-report")

    # Sign out: the session ends.
    s.go("/")
    s.submit("form.sign-out button[type=submit]")
    found["signOut"] = {"landedOn": s.path(), "notice": (s.all("p.notice") or [None])[0] and s.all("p.notice")[0].text}
    s.go(f"/actions/{action}")
    found["signOut"]["afterwards"] = s.path()


def main():
    if len(sys.argv) != 5:
        fail("usage: check_web.py URL LEAD_TOKEN ACTION_ID OUT_DIR")
    url, token, action, out = sys.argv[1], sys.argv[2], sys.argv[3], os.path.abspath(sys.argv[4])
    os.makedirs(out, exist_ok=True)
    session = Session(url, token, out)
    try:
        run(session, action)
    finally:
        session.driver.quit()
    print(json.dumps(session.found, indent=1))


if __name__ == "__main__":
    main()
