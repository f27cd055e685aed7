#!/usr/bin/env python3
"""Checks a csp-ledger workbook (--format xlsx) against the same command's JSON output.

Reads the workbook with openpyxl (PyPI), a reader that shares nothing with the writer,
and derives every sheet's expected cells from the JSON independently: numbers must be
numbers, booleans booleans, dates and instants spreadsheet dates holding the
partnership's local wall time (JSON's UTC instants converted with zoneinfo), text text
(never a formula). Every sheet has a frozen header row; a header of a column of instants
names the zone.

    check_xlsx.py state|log|diff WORKBOOK ZONE COMMAND.json
    check_xlsx.py governance|plan WORKBOOK ZONE COMMAND.json STATE.json
    check_xlsx.py dump WORKBOOK        # every sheet's cells as JSON, for tests

Prints `ok: N sheets, M cells` and exits 0, or lists the differences and exits 1.
Exit 3 when openpyxl is missing.
"""

import datetime
import json
import sys
import zoneinfo

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed (python3 -m pip install openpyxl)", file=sys.stderr)
    sys.exit(3)

INSTANT_FIELDS = {"lastProgressAt", "lastReviewAt", "createdAt"}
DATE_FIELDS = {"due", "nextReview", "from", "to"}


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def stamp(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (moment.microsecond // 1000)


class Expect:
    """Typed expected cells: ("s", text), ("n", number), ("b", bool), ("d", local time)."""

    def __init__(self, zone):
        self.zone = zoneinfo.ZoneInfo(zone)
        self.zone_name = zone

    def instant(self, text):
        if text is None:
            return None
        utc = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return ("d", stamp(utc.astimezone(self.zone).replace(tzinfo=None)))

    @staticmethod
    def date(text):
        return None if text is None else ("d", text + " 00:00:00.000")

    @staticmethod
    def text(value):
        return None if value is None or value == "" else ("s", value)

    @staticmethod
    def number(value):
        return None if value is None else ("n", value)

    @staticmethod
    def boolean(value):
        return ("b", value)

    def value(self, field, value):
        """A value of state's JSON, typed by its field, as diff and the governance report show it."""
        if value is None:
            return None
        if isinstance(value, bool):
            return ("b", value)
        if isinstance(value, int):
            return ("n", value)
        if isinstance(value, str):
            if field in INSTANT_FIELDS:
                return self.instant(value)
            if field in DATE_FIELDS:
                return self.date(value)
            return self.text(value)
        return ("s", canonical(value))

    def header(self, columns, rows, instant_columns):
        """The header: a column of instants names the zone, when it holds one."""
        out = []
        for index, name in enumerate(columns):
            holds = name in instant_columns and any(len(r) > index and r[index] and r[index][0] == "d" for r in rows)
            out.append(("s", f"{name} ({self.zone_name})" if holds else name))
        return out


def actual(cell):
    if cell.data_type == "f":
        return ("formula", cell.value)
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, datetime.datetime):
        return ("d", stamp(value))
    if isinstance(value, (int, float)):
        return ("n", value)
    return ("s", value)


def read(path):
    """Every sheet: (name, frozen pane, rows of typed cells, number formats by cell)."""
    book = openpyxl.load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        rows = [[actual(c) for c in row] for row in sheet.iter_rows()]
        formats = {(c.row, c.column): c.number_format for row in sheet.iter_rows() for c in row}
        sheets.append((sheet.title, sheet.freeze_panes, rows, formats))
    return sheets


def trim(row):
    row = list(row)
    while row and row[-1] is None:
        row.pop()
    return row


class Checker:
    def __init__(self, path, zone):
        self.sheets = read(path)
        self.expect = Expect(zone)
        self.problems = []
        self.cells = 0

    def sheet(self, index, name, columns, rows, instant_columns=()):
        if index >= len(self.sheets):
            self.problems.append(f"sheet {index + 1} ({name}) is missing")
            return
        title, frozen, got, formats = self.sheets[index]
        if name is not None and title != name:
            self.problems.append(f"sheet {index + 1} is named {title!r}, not {name!r}")
        if frozen != "A2":
            self.problems.append(f"sheet {title!r}: the header row is not frozen ({frozen})")
        want = [self.expect.header(columns, rows, set(instant_columns))] + [list(r) for r in rows]
        if len(got) != len(want):
            self.problems.append(f"sheet {title!r}: {len(got)} rows, expected {len(want)}")
        for number, (g, w) in enumerate(zip(got, want), start=1):
            g, w = trim(g), trim(w)
            self.cells += len(w)
            if g != w:
                for column in range(max(len(g), len(w))):
                    a = g[column] if column < len(g) else None
                    b = w[column] if column < len(w) else None
                    if a != b:
                        self.problems.append(f"sheet {title!r} row {number} column {column + 1}: {a!r}, expected {b!r}")
        for (row, column), form in formats.items():
            cell = got[row - 1][column - 1] if row - 1 < len(got) and column - 1 < len(got[row - 1]) else None
            if cell and cell[0] == "d" and not any(part in form for part in ("yy", "dd")):
                self.problems.append(f"sheet {title!r} row {row} column {column}: a date without a date format ({form})")

    def finish(self):
        if len(self.sheets) and not self.problems:
            print(f"ok: {len(self.sheets)} sheets, {self.cells} cells")
            return 0
        for problem in self.problems[:40]:
            print(problem)
        print(f"{len(self.problems)} differences")
        return 1


def check_state(c, state):
    e = c.expect
    actors = {a["id"]: a for a in state["actors"]}
    c.sheet(0, "Partners", ["id", "name", "responsible authority"],
            [[e.text(p["id"]), e.text(p["name"]), e.boolean(p["responsibleAuthority"])] for p in state["partners"]])
    c.sheet(1, "Actors", ["id", "name", "partner", "role", "active"],
            [[e.text(a["id"]), e.text(a["name"]), e.text(a["partner"]), e.text(a["role"]), e.boolean(a["active"])]
             for a in state["actors"]])
    c.sheet(2, "Plans", ["id", "title", "from", "to", "assessment"],
            [[e.text(p["id"]), e.text(p["title"]), e.date(p["from"]), e.date(p["to"]), e.text(p["assessment"])]
             for p in state["plans"]])
    c.sheet(3, "Priorities", ["id", "plan", "title", "retired"],
            [[e.text(p["id"]), e.text(p["plan"]), e.text(p["title"]), e.boolean(p["retired"])] for p in state["priorities"]])
    c.sheet(4, "Actions",
            ["id", "priority", "status", "rag", "lead", "supporting", "owner", "due", "version", "title", "percent",
             "owner name", "next review", "closed", "last progress", "last progress note"],
            [[e.text(a["id"]), e.text(a["priority"]), e.text(a["status"]), e.text(a["rag"]), e.text(a["lead"]),
              e.text(" ".join(a["supporting"])), e.text(a["owner"]), e.date(a["due"]), e.number(a["version"]),
              e.text(a["title"]), e.number(a["percent"]), e.text(actors[a["owner"]]["name"] if a["owner"] else None),
              e.date(a["nextReview"]), e.boolean(a["closed"]), e.instant(a["lastProgressAt"]), e.text(a["lastProgressNote"])]
             for a in state["actions"]],
            instant_columns={"last progress"})
    if len(c.sheets) != 5:
        c.problems.append(f"{len(c.sheets)} sheets, expected 5")


def check_log(c, events):
    e = c.expect
    c.sheet(0, "Log", ["position", "recordedAt", "effectiveAt", "actor", "partner", "type", "stream", "payload"],
            [[e.number(v["position"]), e.instant(v["recordedAt"]), e.instant(v["effectiveAt"]), e.text(v["actor"]),
              e.text(v["partner"]), e.text(v["type"]), e.text(v["stream"]), e.text(canonical(v["payload"]))] for v in events],
            instant_columns={"recordedAt", "effectiveAt"})


def check_diff(c, diff):
    e = c.expect
    c.sheet(0, "Changes", ["kind", "id", "category", "field", "before", "after", "by", "partner", "recordedAt"],
            [[e.text(x["kind"]), e.text(x["id"]), e.text(x["category"]), e.text(x["field"]), e.value(x["field"], x["before"]),
              e.value(x["field"], x["after"]), e.text(x["by"]), e.text(x["partner"]), e.instant(x["recordedAt"])]
             for x in diff["changes"]],
            instant_columns={"before", "after", "recordedAt"})


def about(c, title, sections):
    """The first sheet of a report: the report's title, and each sheet's name beside its full title."""
    if not c.sheets:
        return
    name, frozen, rows, _ = c.sheets[0]
    if name != "About this report" or frozen != "A2":
        c.problems.append(f"the first sheet is {name!r} (frozen {frozen}), not the report's About sheet")
    if trim(rows[0]) != [("s", "sheet"), ("s", title)]:
        c.problems.append(f"About header {rows[0]!r}, expected the report's title {title!r}")
    listed = [(r[0][1], r[1][1]) for r in rows[1:] if r and r[0]]
    names = [s[0] for s in c.sheets[1:]]
    if [n for n, _ in listed] != names:
        c.problems.append(f"About lists sheets {[n for n, _ in listed]}, the workbook has {names}")
    for (_, text), section in zip(listed, sections):
        if not text.startswith(section):
            c.problems.append(f"About says {text[:60]!r} for the sheet of {section!r}")


def check_governance(c, report, state):
    e = c.expect
    actors = {a["id"]: a for a in state["actors"]}
    partners = {p["id"]: p for p in state["partners"]}
    actions = {a["id"]: a for a in state["actions"]}
    events = report["events"]
    sections = ["Changes per partner", "Changes per actor", "How writers were identified", "Access tokens issued and revoked",
                "Back-dated changes", "Corrections", "Changes by someone outside the action's partners",
                "Clocks accepted although behind", "Actions without a progress report for more than",
                "Reviews overdue", "Actions past their due date", "Every change"]
    about(c, f"Governance report: {report['partnership']}", sections)

    def flagged(flag):
        return [x for x in events if flag in x["flags"]]

    def milliseconds_between(later, earlier):
        a = datetime.datetime.fromisoformat(later.replace("Z", "+00:00"))
        b = datetime.datetime.fromisoformat(earlier.replace("Z", "+00:00"))
        return round((a - b).total_seconds() * 1000)

    c.sheet(1, None, ["partner", "name", "events"],
            [[e.text(p["partner"]), e.text(partners.get(p["partner"], {}).get("name")), e.number(p["events"])]
             for p in report["perPartner"]])
    c.sheet(2, None, ["actor", "name", "partner", "role", "events"],
            [[e.text(a["actor"]), e.text(actors[a["actor"]]["name"]), e.text(actors[a["actor"]]["partner"]),
              e.text(actors[a["actor"]]["role"]), e.number(a["events"])] for a in report["perActor"]])
    c.sheet(3, None, ["actor", "partner", "credentialed", "declared"],
            [[e.text(a["actor"]), e.text(actors[a["actor"]]["partner"]), e.number(a["credentialed"]), e.number(a["declared"])]
             for a in report["identified"]])
    c.sheet(4, None, ["position", "recorded", "by", "event", "token", "for", "expires", "label or reason"],
            [[e.number(t["position"]), e.instant(t["recordedAt"]), e.text(t["by"]), e.text(t["type"]), e.text(t["token"]),
              e.text(t["actor"]), e.instant(t["expiresAt"]), e.text(t["label"] if t["type"] == "TokenIssued" else t["reason"])]
             for t in report["tokens"]],
            instant_columns={"recorded", "expires"})
    c.sheet(5, None, ["position", "type", "stream", "effective", "recorded", "days late", "actor"],
            [[e.number(x["event"]["position"]), e.text(x["event"]["type"]), e.text(x["event"]["stream"]),
              e.instant(x["event"]["effectiveAt"]), e.instant(x["event"]["recordedAt"]),
              e.number(milliseconds_between(x["event"]["recordedAt"], x["event"]["effectiveAt"]) // 86_400_000), e.text(x["event"]["actor"])]
             for x in flagged("back-dated")],
            instant_columns={"effective", "recorded"})
    c.sheet(6, None, ["position", "recorded", "actor", "action", "corrects", "reason"],
            [[e.number(x["event"]["position"]), e.instant(x["event"]["recordedAt"]), e.text(x["event"]["actor"]),
              e.text(x["event"]["payload"]["action"]), e.text(x["event"]["payload"]["corrects"]),
              e.text(x["event"]["payload"]["reason"])] for x in flagged("correction")],
            instant_columns={"recorded"})
    c.sheet(7, None, ["position", "recorded", "actor", "role", "partner", "type", "stream"],
            [[e.number(x["event"]["position"]), e.instant(x["event"]["recordedAt"]), e.text(x["event"]["actor"]),
              e.text(actors[x["event"]["actor"]]["role"]), e.text(x["event"]["partner"]), e.text(x["event"]["type"]),
              e.text(x["event"]["stream"])] for x in flagged("outside partners")],
            instant_columns={"recorded"})
    behind = [x["event"] for x in events if x["event"]["type"] == "ClockBehindAccepted"]
    c.sheet(8, None, ["position", "recorded", "actor", "partner", "clock read", "minutes behind"],
            [[e.number(v["position"]), e.instant(v["recordedAt"]), e.text(v["actor"]), e.text(v["partner"]),
              e.instant(v["payload"]["clockAt"]),
              e.number(milliseconds_between(v["payload"]["lastRecordedAt"], v["payload"]["clockAt"]) // 60_000)] for v in behind],
            instant_columns={"recorded", "clock read"})
    stale_rows = []
    for s in report["staleActions"]:
        action = actions[s["action"]]
        last = e.instant(s["since"]) if action["lastProgressAt"] else "never"
        stale_rows.append([e.text(s["action"]), e.text(s["title"]), e.text(s["lead"]),
                           e.text(action["status"].replace("-", " ")), last, e.number(s["days"])])
    # "never (created …)" is text whose time is written as the report writes times: only its start is checked.
    for index, row in enumerate(stale_rows):
        if row[4] == "never":
            got = c.sheets[9][2][index + 1][4] if len(c.sheets) > 9 and len(c.sheets[9][2]) > index + 1 else None
            row[4] = got if got and got[0] == "s" and got[1].startswith("never (created ") else ("s", "never (created …)")
    c.sheet(9, None, ["action", "title", "lead", "status", "last report", "days"], stale_rows, instant_columns={"last report"})
    c.sheet(10, None, ["action", "title", "lead", "next review", "days overdue"],
            [[e.text(r["action"]), e.text(r["title"]), e.text(r["lead"]), e.date(r["nextReview"]), e.number(r["days"])]
             for r in report["overdueReviews"]])
    c.sheet(11, None, ["action", "title", "due", "owner", "lead partner", "days overdue"],
            [[e.text(r["action"]), e.text(r["title"]), e.date(r["due"]),
              e.text(actors[r["owner"]]["name"] if r["owner"] else None),
              e.text(partners[r["lead"]]["name"] if r["lead"] else None), e.number(r["days"])]
             for r in report["overdueActions"]])
    every = []
    for x in events:
        v = x["event"]
        head = [e.number(v["position"]), e.instant(v["recordedAt"]), e.instant(v["effectiveAt"]), e.text(v["actor"]),
                e.text(v["partner"]), e.text(v["type"])]
        flags = e.text("; ".join(x["flags"]))
        if not x["changes"]:
            every.append(head + [e.text(v["stream"]), None, None, None, flags])
        for ch in x["changes"]:
            every.append(head + [e.text(f"{ch['kind']} {ch['id']}"), e.text(ch["field"]), e.value(ch["field"], ch["before"]),
                                 e.value(ch["field"], ch["after"]), flags])
    c.sheet(12, "Every change",
            ["position", "recorded", "effective", "actor", "partner", "type", "subject", "field", "before", "after", "flags"],
            every, instant_columns={"recorded", "effective", "before", "after"})
    if len(c.sheets) != 13:
        c.problems.append(f"{len(c.sheets)} sheets, expected 13")


def check_plan(c, report, state):
    e = c.expect
    actors = {a["id"]: a for a in state["actors"]}
    partners = {p["id"]: p for p in state["partners"]}
    priorities = report["priorities"]
    sections = ["RAG summary"] + (["RAG by quarter"] if report["quarters"] else []) + [
        f"{p['id']}: {p['title']}" for p in priorities]
    about(c, f"Action plan status: {report['partnership'] or ''}", sections)
    header = [cell[1] for cell in trim(c.sheets[1][2][0])] if len(c.sheets) > 1 else []
    rags = header[3:]
    if sorted(rags) != sorted(priorities[0]["rag"].keys() if priorities else ["red", "amber", "green", "blue", "grey"]):
        c.problems.append(f"RAG summary columns {header}")
    c.sheet(1, "RAG summary", ["priority", "title", "actions"] + rags,
            [[e.text(p["id"]), e.text(p["title"]), e.number(sum(p["rag"].values()))] + [e.number(p["rag"][r]) for r in rags]
             for p in priorities])
    index = 2
    if report["quarters"]:
        c.sheet(2, "RAG by quarter", ["quarter", "priority"] + rags,
                [[e.text(q["quarter"]), e.text(p["id"])] + [e.number(q["priorities"][p["id"]][r]) for r in rags]
                 for q in report["quarters"] for p in priorities if p["id"] in q["priorities"]])
        index = 3
    for p in priorities:
        rows = []
        got_rows = c.sheets[index][2] if index < len(c.sheets) else []
        for number, a in enumerate(p["actions"], start=1):
            got = trim(got_rows[number]) if number < len(got_rows) else []
            got += [None] * (12 - len(got))
            progress, review = got[9], got[10]
            # The last progress and review cells join a time written for people with a note: their text is
            # checked to end with the note, and to be text.
            if a["lastProgressAt"] and not (progress and progress[0] == "s" and progress[1].endswith(": " + (a["lastProgressNote"] or ""))):
                progress = ("s", f"…: {a['lastProgressNote']}")
            if not a["lastProgressAt"]:
                progress = None
            if a["lastReviewAt"] and not (review and review[0] == "s" and a["lastReviewOutcome"].replace("-", " ") in review[1]):
                review = ("s", f"…: {a['lastReviewOutcome']}")
            if not a["lastReviewAt"]:
                review = None
            rows.append([e.text(a["id"]), e.text(a["title"]), e.text(actors[a["owner"]]["name"] if a["owner"] else None),
                         e.text(partners[a["lead"]]["name"] if a["lead"] else None),
                         e.text(", ".join(partners[s]["name"] for s in a["supporting"])), e.date(a["due"]),
                         e.text(a["status"].replace("-", " ")), e.text(a["rag"]), e.number(a["percent"]), progress, review,
                         e.date(a["nextReview"])])
            if a["percent"] is not None and number < len(got_rows):
                form = c.sheets[index][3].get((number + 1, 9))
                if form != '0"%"':
                    c.problems.append(f"sheet {p['id']}: percent of {a['id']} has format {form!r}")
        c.sheet(index, None,
                ["action", "title", "owner", "lead partner", "supporting partners", "due", "status", "rag", "percent",
                 "last progress", "last review", "next review"], rows)
        index += 1
    if len(c.sheets) != index:
        c.problems.append(f"{len(c.sheets)} sheets, expected {index}")


def main(argv):
    kind = argv[1]
    if kind == "dump":
        print(json.dumps({name: {"frozen": frozen, "rows": rows} for name, frozen, rows, _ in read(argv[2])}, ensure_ascii=False))
        return 0
    checker = Checker(argv[2], argv[3])
    with open(argv[4], encoding="utf-8") as f:
        document = json.load(f)
    extra = None
    if len(argv) > 5:
        with open(argv[5], encoding="utf-8") as f:
            extra = json.load(f)
    {"state": lambda: check_state(checker, document), "log": lambda: check_log(checker, document),
     "diff": lambda: check_diff(checker, document), "governance": lambda: check_governance(checker, document, extra),
     "plan": lambda: check_plan(checker, document, extra)}[kind]()
    return checker.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
