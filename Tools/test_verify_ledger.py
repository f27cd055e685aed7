#!/usr/bin/env python3
"""Tests of Tools/verify_ledger.py, with Python's standard library only.

Run: python3 Tools/test_verify_ledger.py   (exits non-zero when a test fails)

Each test builds a small ledger with sqlite3 (the `events` table of
Sources/LedgerStore/Schema/LedgerSchema.swift, without its triggers, so that bad values
can be planted), hashes it with verify_ledger's own envelope function, and runs
verify_ledger.py on it as a separate process, as an auditor would.
"""
import contextlib
import copy
import datetime
import glob
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

TOOLS = os.path.dirname(os.path.abspath(__file__))
VERIFY = os.path.join(TOOLS, "verify_ledger.py")
SCHEMAS = os.path.join(TOOLS, "..", "Schemas")
sys.path.insert(0, TOOLS)
import verify_ledger as v  # noqa: E402

# The `events` table exactly as a ledger defines it (read from the checked-in version-1
# ledger, so there is no second copy of its definition), without its triggers.
FIXTURE = os.path.join(TOOLS, "..", "Tests", "LedgerStoreTests", "Fixtures", "v1-ledger.sqlite")
with contextlib.closing(sqlite3.connect("file:%s?mode=ro&immutable=1" % FIXTURE, uri=True)) as _fixture:
    EVENT_LOG_SQL = _fixture.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0] + ";"
# The same columns without NOT NULL, CHECK, UNIQUE or a declared type (so without
# affinity), to plant what those forbid: NULLs, duplicates, an INTEGER in a text column.
LOOSE_SQL = """
CREATE TABLE events (
  position INTEGER PRIMARY KEY, event_id, stream_id, stream_version, type, schema_version, recorded_at,
  effective_at, actor_id, partner_id, payload, prev_hash, hash
);
"""

MINUTE = 60 * 1000
T0 = 1680336000000  # 2023-04-01T08:00:00.000Z

WOMAN_HEALTH_WORKER = "\U0001F469\u200D\u2695\uFE0F"
ENGLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"
PERSIAN = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"  # "می‌خواهم", with a ZWNJ


def stream_of(event_type, payload):
    """The stream of an event, as Event.streamID says."""
    prefixes = {"PartnerRegistered": "partner", "ActorRegistered": "actor", "ActorDeactivated": "actor",
                "StrategicAssessmentRecorded": "assessment", "PlanAdopted": "plan", "PlanReviewed": "plan",
                "PriorityAdded": "priority"}
    if event_type in ("PartnershipEstablished", "RulesAdopted", "ClockBehindAccepted"):
        return "partnership"
    if event_type.startswith("Token"):
        return "token-" + payload["token"]
    if event_type.startswith("Action"):
        return "action-" + payload["action"]
    kind = prefixes[event_type]
    return "%s-%s" % (kind, payload[kind])


def event(event_type, payload, at, schema=1, effective=None, actor="coord", partner="council", **columns):
    e = {"type": event_type, "payload": payload, "schema": schema, "recorded": at,
         "effective": at if effective is None else effective, "actor": actor, "partner": partner}
    e.update(columns)
    return e


def founding(rules=2, test_clock=True, name="Canterbury Community Safety Partnership"):
    """Positions 1-5: the partnership, two partners, a coordinator and a lead."""
    if rules is None:
        established = event("PartnershipEstablished", {"name": name, "timeZone": "Europe/London"}, T0)
    else:
        established = event("PartnershipEstablished", {"name": name, "timeZone": "Europe/London", "testClock": test_clock,
                                                       "rules": rules}, T0, schema=2)
    return [
        established,
        event("PartnerRegistered", {"partner": "council", "name": "Canterbury City Council", "responsibleAuthority": True}, T0),
        event("ActorRegistered", {"actor": "coord", "name": "Alex Morgan", "partner": "council", "role": "coordinator"}, T0),
        event("PartnerRegistered", {"partner": "kent-police", "name": "Kent Police", "responsibleAuthority": True}, T0 + MINUTE),
        event("ActorRegistered", {"actor": "police.lead", "name": "Dee Okafor", "partner": "kent-police", "role": "lead"},
              T0 + MINUTE),
    ]


def plan(at):
    """Positions 6-10 after founding: an assessment, a plan, a priority, an action, its assignment."""
    return [
        event("StrategicAssessmentRecorded", {"assessment": "SA-2023", "year": 2023, "title": "Strategic assessment 2023",
                                              "summary": "Findings:\n\tASB up; O'Brien's \"quote\" 🚓 שלום"}, at),
        event("PlanAdopted", {"plan": "CSP-2023-24", "title": "Plan 2023/24", "from": "2023-04-01", "to": "2024-03-31",
                              "assessment": "SA-2023"}, at),
        event("PriorityAdded", {"priority": "SOC", "plan": "CSP-2023-24", "title": "Serious organised crime",
                                "scope": "County lines"}, at),
        event("ActionCreated", {"action": "SOC-1", "priority": "SOC", "title": "Disrupt county lines", "due": "2024-03-31"},
              at + MINUTE),
        event("ActionAssigned", {"action": "SOC-1", "lead": "kent-police", "supporting": ["council"], "owner": "police.lead"},
              at + MINUTE),
    ]


def progress(at, note="On track", status="on-track", percent=None, effective=None, schema=2, actor="police.lead",
             partner="kent-police", action="SOC-1", **extra):
    payload = {"action": action, "status": status, "note": note}
    if schema == 2:
        payload["evidence"] = extra.pop("evidence", [])
    if percent is not None:
        payload["percent"] = percent
    if note is None:
        del payload["note"]
    payload.update(extra)
    return event("ActionProgressed", payload, at, schema=schema, effective=effective, actor=actor, partner=partner)


def sound_events():
    """A rules-2, test-clock ledger of 18 events that uses every type."""
    events = founding() + plan(T0 + 10 * MINUTE)
    t = T0 + 60 * MINUTE
    events += [
        # 11: back-dated an hour, with evidence and the characters rules 2 keeps.
        progress(t, note="Met the team " + WOMAN_HEALTH_WORKER + " " + ENGLAND + " " + PERSIAN, percent=40,
                 effective=t - 60 * MINUTE, evidence=["Minutes of 12 April", PERSIAN]),
        event("ActionReviewed", {"action": "SOC-1", "outcome": "continue", "note": "Keep going", "nextReview": "2023-07-01"},
              t + MINUTE),
        # 13-14: a clock 11 minutes behind, accepted; the write is stamped with the last time.
        event("ClockBehindAccepted", {"clockAt": v.iso(t + MINUTE - 11 * MINUTE), "lastRecordedAt": v.iso(t + MINUTE)},
              t + MINUTE),
        progress(t + MINUTE, note="Reported from a slow clock", actor="coord", partner="council"),
    ]
    events.append(event("ActionCorrected", {
        "action": "SOC-1", "corrects": "evt-11", "original": "evt-11", "originalType": "ActionProgressed",
        "originalPosition": 11, "originalEffectiveAt": v.iso(t - 60 * MINUTE), "reason": "Wrong percent",
        "status": "on-track", "percent": 45, "note": "Met the team"}, t + 2 * MINUTE))
    events.append(event("ActionAmended", {"action": "SOC-1", "title": "Disrupt county lines " + ENGLAND},
                        t + 3 * MINUTE, effective=t + 2 * MINUTE))
    events.append(event("PlanReviewed", {"plan": "CSP-2023-24", "note": "Annual review", "confirmed": ["SOC"], "retired": []},
                        t + 4 * MINUTE))
    events.append(event("ActorDeactivated", {"actor": "police.lead", "reason": "Left"}, t + 5 * MINUTE))
    return events


def rules_one_events(note_after_adoption="Fine"):
    """A ledger begun under rules 1 (PartnershipEstablished version 1) that adopts rules 2
    at position 12."""
    events = founding(rules=None) + plan(T0 + 10 * MINUTE)
    t = T0 + 60 * MINUTE
    events += [
        progress(t, note="Zero\u200bwidth space, fine under rules 1", schema=1),   # 11
        event("RulesAdopted", {"version": 2}, t + MINUTE),                         # 12
        progress(t + MINUTE, note=note_after_adoption),                             # 13
    ]
    return events


def row_values(position, e, prev_hash, streams):
    payload = e["payload"] if isinstance(e["payload"], str) else v.canonical(e["payload"])
    stream = e.get("stream") or stream_of(e["type"], e["payload"])
    streams[stream] = streams.get(stream, 0) + 1
    row = {
        "position": position, "event_id": e.get("event_id", "evt-%d" % position), "stream_id": stream,
        "stream_version": e.get("stream_version", streams[stream]), "type": e["type"], "schema_version": e["schema"],
        "recorded_at": e["recorded"], "effective_at": e["effective"], "actor_id": e["actor"], "partner_id": e["partner"],
        "payload": payload, "prev_hash": prev_hash,
    }
    if e.get("credential"):
        row["credential"] = e["credential"]
    row["hash"] = hashlib.sha256((prev_hash + v.envelope(row)).encode("utf-8")).hexdigest()
    return row


def write_ledger(path, events, loose=False):
    """Writes `events` with a sound hash chain; returns the rows."""
    db = sqlite3.connect(path)
    db.executescript(LOOSE_SQL if loose else EVENT_LOG_SQL)
    if any(e.get("credential") for e in events):
        # Migration v4-credentials; a file without it has only version-1 envelopes.
        db.execute("ALTER TABLE events ADD COLUMN credential TEXT")
    db.execute("PRAGMA ignore_check_constraints = ON")
    prev, streams, rows = v.GENESIS, {}, []
    for position, e in enumerate(events, 1):
        row = row_values(position, e, prev, streams)
        db.execute("INSERT INTO events (%s) VALUES (%s)" % (", ".join(row), ", ".join("?" * len(row))), list(row.values()))
        prev = row["hash"]
        rows.append(row)
    db.commit()
    db.close()
    return rows


def plant(path, sql, *parameters):
    db = sqlite3.connect(path)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute(sql, parameters)
    db.commit()
    db.close()


class Base(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.count = 0

    def tearDown(self):
        self.directory.cleanup()

    def ledger(self, events, loose=False):
        self.count += 1
        path = os.path.join(self.directory.name, "ledger-%d.sqlite" % self.count)
        write_ledger(path, events, loose)
        return path

    def verify(self, path, *arguments):
        return subprocess.run([sys.executable, VERIFY, path] + list(arguments), capture_output=True, text=True)

    def assertPasses(self, path, *arguments):
        result = self.verify(path, *arguments)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        return result

    def assertFails(self, path, position, *fragments):
        result = self.verify(path)
        self.assertEqual(result.returncode, 65, "stdout: %s stderr: %s" % (result.stdout, result.stderr))
        self.assertNotIn("Traceback", result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertTrue(result.stderr.startswith("FAIL: position %d: " % position), result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        for fragment in fragments:
            self.assertIn(fragment, result.stderr)
        return result


class SoundLedgers(Base):
    def test_a_sound_rules_2_ledger_passes_and_says_what_it_leaves_out(self):
        path = self.ledger(sound_events())
        lines = self.assertPasses(path).stdout.splitlines()
        self.assertEqual(lines[0], "ok: 18 events")
        self.assertEqual(lines[1], v.TEST_CLOCK_LINE)
        self.assertIn("left to csp-ledger verify", lines[2])
        for part in ("permissions and roles", "writer's partner", "exist", "transitions", "back-dated", "due dates",
                     "projection and snapshots"):
            self.assertIn(part, lines[2])
        # The head stays the last line, as csp-ledger verify prints it.
        self.assertTrue(lines[-1].startswith("head: position 18 hash "))

    def test_a_ledger_with_the_system_clock_names_no_test_clock(self):
        events = sound_events()
        events[0]["payload"]["testClock"] = False
        result = self.assertPasses(self.ledger(events))
        self.assertNotIn("test clock", result.stdout)

    def test_a_rules_1_ledger_that_adopts_rules_2_passes(self):
        result = self.assertPasses(self.ledger(rules_one_events()))
        self.assertIn("ok: 13 events", result.stdout)
        self.assertNotIn("test clock", result.stdout)

    def test_a_digest_is_checked(self):
        events = sound_events()
        path = self.ledger(events)
        rows = write_ledger(os.path.join(self.directory.name, "copy.sqlite"), events)
        result = self.assertPasses(path, "--digest", "12:%s" % rows[11]["hash"])
        self.assertIn("digest: the log up to position 12 matches", result.stdout.splitlines()[-1])
        wrong = self.verify(path, "--digest", "12:" + "0" * 64)
        self.assertEqual(wrong.returncode, 65)
        self.assertIn("position 12", wrong.stderr)
        self.assertEqual(self.verify(path, "--digest", "nonsense").returncode, 64)

    def test_times_before_1970_back_to_year_1_pass(self):
        events = founding()
        year_999 = int((datetime.datetime(999, 6, 1, tzinfo=datetime.timezone.utc) - v.EPOCH).total_seconds()) * 1000
        for e in events:
            e["recorded"] = e["effective"] = year_999
        self.assertEqual(v.iso(year_999), "0999-06-01T00:00:00.000Z")
        self.assertPasses(self.ledger(events))

    def test_the_module_works_as_digest_tests_use_it(self):
        # DigestTests.swift forges a chain with v.GENESIS, v.hashlib and v.envelope over
        # sqlite3.Row rows read with the default text factory; check() takes such rows too.
        path = self.ledger(sound_events())
        db = sqlite3.connect(path)
        db.row_factory = sqlite3.Row
        prev = v.GENESIS
        for row in db.execute("SELECT * FROM events ORDER BY position").fetchall():
            self.assertEqual(v.hashlib.sha256((prev + v.envelope(row)).encode()).hexdigest(), row["hash"])
            prev = row["hash"]
        count, position, head, problem = v.check(db.execute("SELECT * FROM events ORDER BY position"))
        self.assertEqual((count, position, head, problem), (18, 18, prev, None))
        db.close()
        self.assertEqual(v.parse_digest("18:" + prev + " 2023-04-01"), (18, prev))

    def test_a_file_that_is_not_a_ledger_exits_1_and_bad_arguments_64(self):
        other = os.path.join(self.directory.name, "other.sqlite")
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
        for path in (other, os.path.join(self.directory.name, "missing.sqlite"), VERIFY):
            result = self.verify(path)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertNotIn("Traceback", result.stderr)
        self.assertEqual(subprocess.run([sys.executable, VERIFY], capture_output=True).returncode, 64)
        self.assertEqual(subprocess.run([sys.executable, VERIFY, "a", "b"], capture_output=True).returncode, 64)


class StorageClasses(Base):
    """Both verifiers read the same bytes the same way: a wrong storage class is refused."""

    def test_a_real_stream_version(self):
        path = self.ledger(sound_events())
        plant(path, "UPDATE events SET stream_version = 13.5 WHERE position = 12")
        self.assertFails(path, 12, "stream_version", "REAL", "13.5")

    def test_an_integral_real_is_still_a_real(self):
        path = self.ledger(sound_events())
        plant(path, "UPDATE events SET recorded_at = CAST(recorded_at AS REAL) + 0.5 WHERE position = 3")
        self.assertFails(path, 3, "recorded_at", "REAL")

    def test_a_blob_payload(self):
        path = self.ledger(sound_events())
        plant(path, "UPDATE events SET payload = CAST(payload AS BLOB) WHERE position = 7")
        self.assertFails(path, 7, "payload", "BLOB")

    def test_text_in_an_integer_column(self):
        path = self.ledger(sound_events())
        plant(path, "UPDATE events SET schema_version = 'one' WHERE position = 4")
        self.assertFails(path, 4, "schema_version", "TEXT")

    def test_an_integer_in_a_text_column(self):
        # TEXT affinity turns 42 into '42', so only a table without it can hold this.
        path = self.ledger(sound_events(), loose=True)
        plant(path, "UPDATE events SET actor_id = 42 WHERE position = 4")
        self.assertFails(path, 4, "actor_id", "INTEGER")

    def test_null_in_any_column(self):
        for column in v.COLUMNS[1:]:
            with self.subTest(column=column):
                path = self.ledger(sound_events(), loose=True)
                plant(path, "UPDATE events SET %s = NULL WHERE position = 9" % column)
                self.assertFails(path, 9, column, "NULL")

    def test_invalid_utf8_in_text(self):
        for column in ("actor_id", "payload", "stream_id", "hash"):
            with self.subTest(column=column):
                path = self.ledger(sound_events())
                plant(path, "UPDATE events SET %s = CAST(x'61ff62' AS TEXT) WHERE position = 6" % column)
                self.assertFails(path, 6, column, "UTF-8")

    def test_recorded_at_far_in_the_future(self):
        path = self.ledger(sound_events())
        plant(path, "UPDATE events SET recorded_at = ? WHERE position = 18", 2 ** 62)
        self.assertFails(path, 18, "recorded_at", "out of range")

    def test_negative_times_out_of_range(self):
        for column, value in (("effective_at", -2 ** 62), ("effective_at", -(2 ** 63)), ("recorded_at", -2 ** 62)):
            with self.subTest(column=column, value=value):
                path = self.ledger(sound_events())
                plant(path, "UPDATE events SET %s = ? WHERE position = 5" % column, value)
                self.assertFails(path, 5, column, "out of range")

    def test_the_largest_integers(self):
        path = self.ledger(sound_events())
        plant(path, "UPDATE events SET stream_version = ? WHERE position = 10", 2 ** 63 - 1)
        self.assertFails(path, 10)


class Payloads(Base):
    def fails_at(self, events, position, *fragments):
        return self.assertFails(self.ledger(events), position, *fragments)

    def test_a_payload_that_is_not_json(self):
        events = sound_events()
        events[8]["payload"] = '{"action":"SOC-1",'
        events[8]["stream"] = "action-SOC-1"
        self.fails_at(events, 9, "not canonical JSON")

    def test_a_payload_nested_too_deep_for_python(self):
        events = sound_events()
        events[8]["payload"] = "[" * 100000 + "]" * 100000
        events[8]["stream"] = "action-SOC-1"
        self.fails_at(events, 9)

    def test_a_payload_that_is_not_an_object(self):
        events = sound_events()
        events[8]["payload"] = '["SOC-1"]'
        events[8]["stream"] = "action-SOC-1"
        self.fails_at(events, 9, "not a JSON object")

    def test_an_unknown_type(self):
        events = sound_events()
        events[8]["type"] = "ActionDeleted"
        events[8]["stream"] = "action-SOC-1"
        self.fails_at(events, 9, "ActionDeleted", "not known")

    def test_an_unknown_schema_version(self):
        for position, schema in ((9, 2), (11, 3), (1, 3), (13, 2), (16, 0)):
            with self.subTest(position=position):
                events = sound_events()
                events[position - 1]["schema"] = schema
                self.fails_at(events, position, "schema version %d" % schema, "not known")

    def test_keys_as_the_schemas_say(self):
        cases = [
            (9, lambda p: p.pop("title"), "lacks the key title"),
            (9, lambda p: p.update(colour="red"), "no key \"colour\""),
            (11, lambda p: p.pop("evidence"), "lacks the key evidence"),
            (1, lambda p: p.pop("rules"), "lacks the key rules"),
            (1, lambda p: p.update(testClock="yes"), "testClock is not true or false"),
            (1, lambda p: p.update(rules=3), "rules 3 is out of range"),
            (2, lambda p: p.update(responsibleAuthority=1), "not true or false"),
            (3, lambda p: p.update(role="admin"), "role \"admin\" is not one of"),
            (6, lambda p: p.update(year=1899), "year 1899 is out of range"),
            (6, lambda p: p.update(year=2023.0), "year is not an integer"),
            (7, lambda p: p.update(to="2024-02-30"), "not a date"),
            (7, lambda p: p.update(to="2023-03-31"), "starts (2023-04-01) after it ends"),
            (10, lambda p: p.update(supporting=["kent-police"]), "includes the lead"),
            (10, lambda p: p.update(supporting=["x", "council"]), "not sorted"),
            (10, lambda p: p.update(supporting=["council", "council"]), "twice"),
            (11, lambda p: p.update(percent=True), "percent is not an integer"),
            (11, lambda p: p.update(percent=10 ** 30), "out of range"),
            (11, lambda p: p.update(note=None), "null"),
            (11, lambda p: p.update(evidence=["e"] * 51), "the limit is 50"),
            (12, lambda p: p.update(outcome="complete"), "closes the action"),
            (12, lambda p: p.update(outcome="finish"), "not one of"),
            (13, lambda p: p.update(clockAt="2023-04-01T09:00:00Z"), "not an instant"),
            (15, lambda p: p.update(reason=""), "reason is empty"),
            (15, lambda p: p.update(originalPosition=15), "not before it"),
            (15, lambda p: p.update(status="withdrawn"), "withdrawn"),
            (16, lambda p: p.update(title=""), "title is empty"),
            (16, lambda p: p.update(title="x" * 301), "301 characters long"),
            (17, lambda p: p.update(note="n" * 10001), "10001 characters long"),
            (18, lambda p: p.update(reason=7), "not a string"),
        ]
        for position, change, fragment in cases:
            with self.subTest(position=position, fragment=fragment):
                events = sound_events()
                e = events[position - 1]
                e["stream"] = stream_of(e["type"], e["payload"])
                change(e["payload"])
                self.fails_at(events, position, fragment)

    def test_a_float_percent_is_not_an_integer(self):
        events = sound_events()
        events[10]["payload"] = v.canonical(events[10]["payload"]).replace('"percent":40', '"percent":40.0')
        events[10]["stream"] = "action-SOC-1"
        self.fails_at(events, 11, "percent is not an integer")

    def test_percent_500(self):
        events = sound_events()
        events[10]["payload"]["percent"] = 500
        self.fails_at(events, 11, "percent 500 is out of range")

    def test_progress_never_reports_withdrawn(self):
        events = sound_events()
        events[13]["payload"]["status"] = "withdrawn"
        self.fails_at(events, 14, "status", "withdrawn")

    def test_ids(self):
        for bad in ("", "-x", "x" * 65, "a b", "ä", "a/b"):
            with self.subTest(id=bad):
                events = sound_events()
                events[8]["payload"]["action"] = bad
                events[8]["stream"] = "action-" + bad
                self.fails_at(events, 9, "not an id")
        events = sound_events()
        events[8]["actor"] = "co ord"
        self.fails_at(events, 9, "actor_id", "not an id")
        events = sound_events()
        events[8]["partner"] = ""
        self.fails_at(events, 9, "partner_id", "not an id")


class TextRules(Base):
    def test_a_zero_width_space_in_a_note_under_rules_2_fails(self):
        events = sound_events()
        events[10]["payload"]["note"] = "Zero\u200bwidth"
        self.assertFails(self.ledger(events), 11, "U+200B", "rules version 2")

    def test_the_same_note_passes_under_rules_1_and_fails_after_rules_2_are_adopted(self):
        note = "Zero\u200bwidth"
        events = rules_one_events()
        self.assertIn("\u200b", events[10]["payload"]["note"])
        self.assertPasses(self.ledger(events))
        self.assertFails(self.ledger(rules_one_events(note_after_adoption=note)), 13, "U+200B")
        # Without the RulesAdopted event the rules-1 ledger keeps rules 1 throughout.
        events = rules_one_events(note_after_adoption=note)
        del events[11]
        self.assertPasses(self.ledger(events))

    def test_a_line_separator_in_a_title(self):
        events = sound_events()
        events[8]["payload"]["title"] = "Disrupt\u2028county lines"
        self.assertFails(self.ledger(events), 9, "U+2028")

    def test_a_title_of_spaces_only(self):
        events = sound_events()
        events[8]["payload"]["title"] = "   "
        self.assertFails(self.ledger(events), 9, "no visible character")
        # Rules 1 only asked for one character.
        events = founding(rules=None) + plan(T0 + 10 * MINUTE)
        events[8]["payload"]["title"] = "   "
        self.assertPasses(self.ledger(events))

    def test_a_control_character(self):
        for rules in (None, 2):
            with self.subTest(rules=rules):
                events = founding(rules=rules) + plan(T0 + 10 * MINUTE)
                events[8]["payload"]["title"] = "Bell\u0007"
                self.assertFails(self.ledger(events), 9, "control character U+0007")

    def test_a_partnership_name_is_checked_by_its_own_rules(self):
        self.assertFails(self.ledger(founding(name="\u200b")), 1, "U+200B")
        self.assertPasses(self.ledger(founding(rules=None, name="Name\u200b")))

    def test_emoji_sequences_and_persian_pass_under_rules_2(self):
        events = sound_events()
        events[8]["payload"]["title"] = WOMAN_HEALTH_WORKER
        events[7]["payload"]["scope"] = ENGLAND
        events[2]["payload"]["name"] = PERSIAN
        events[16]["payload"]["note"] = "Line one\nline two\tand a tab " + ENGLAND + WOMAN_HEALTH_WORKER
        self.assertPasses(self.ledger(events))

    def test_the_text_rules_one_by_one(self):
        refused_by_both = [
            ("name", "a\tb"), ("name", "a\nb"), ("long", "a\rb"), ("long", "\x00"), ("long", "\x7f"), ("long", "\x85"),
            ("long", "\u202e"), ("long", "\u2066x"), ("name", ""), ("name", "x" * 301), ("long", "x" * 10001),
        ]
        refused_by_2 = [
            ("long", "\u2028"), ("long", "\u2029"), ("long", "\ufdd0"), ("long", "\ufffe"), ("long", "\U0010ffff"),
            ("long", "\U0001fffe"), ("long", "\u200b"), ("long", "soft\u00adhyphen"), ("long", "\ufeffbom"),
            ("long", "\u200eLRM"), ("long", "\u2060"), ("long", "\u200d" + "a"), ("long", "a\u200d"), ("long", "a \u200db"),
            ("long", "a\u200c\u200cb"), ("long", "\U000e0067\U000e007f"), ("long", "\U0001f3f4\U000e0067"),
            ("long", "\U0001f3f4\U000e007f"), ("long", "a\U000e0067\U000e007f"), ("long", "\U0001f3f4\U000e0001\U000e007f"),
            ("name", " "), ("name", "\u00a0\u3000"), ("scope", " "), ("name", "\ue000"),
        ]
        allowed_by_2 = [
            ("name", WOMAN_HEALTH_WORKER), ("name", ENGLAND), ("name", PERSIAN), ("long", "a\nb\tc"), ("long", ""),
            ("scope", ""), ("name", "x" * 300), ("name", "\U0001f600" * 300), ("long", "x" * 10000),
            ("name", "\u2764\ufe0f\u200d\U0001f525"), ("name", "O'Brien; DROP TABLE events; --"),
            ("name", "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"), ("name", "a\u0378b"),
            ("name", "a \ue000"),
        ]
        for kind, text in refused_by_both:
            for rules in (1, 2):
                self.assertIsNotNone(v.text_problem(text, "t", kind, rules), (kind, text, rules))
        for kind, text in refused_by_2:
            self.assertIsNotNone(v.text_problem(text, "t", kind, 2), (kind, text))
            self.assertIsNone(v.text_problem(text, "t", kind, 1), (kind, text))
        for kind, text in allowed_by_2:
            self.assertIsNone(v.text_problem(text, "t", kind, 2), (kind, text))


class StreamsAndTimes(Base):
    def test_a_stream_version_gap(self):
        events = sound_events()
        events[11]["stream_version"] = 5
        self.assertFails(self.ledger(events, loose=True), 12, "stream_version 5", "not the next one (4)")

    def test_a_stream_that_does_not_start_at_1(self):
        events = sound_events()
        events[8]["stream_version"] = 2
        self.assertFails(self.ledger(events, loose=True), 9, "not the next one (1)")

    def test_recorded_at_going_backwards(self):
        events = sound_events()
        events[11]["recorded"] = events[11]["effective"] = events[10]["recorded"] - 1
        self.assertFails(self.ledger(events), 12, "recorded_at goes backwards")

    def test_effective_after_recorded(self):
        events = sound_events()
        events[10]["effective"] = events[10]["recorded"] + 1
        self.assertFails(self.ledger(events), 11, "effective_at", "after recorded_at")

    def test_a_back_dated_partner_registration(self):
        events = sound_events()
        events[3]["effective"] = events[3]["recorded"] - MINUTE
        self.assertFails(self.ledger(events), 4, "PartnerRegistered takes effect when recorded")

    def test_only_action_changes_may_be_back_dated(self):
        for position in (6, 7, 8, 9, 13, 17, 18):
            with self.subTest(position=position):
                events = sound_events()
                events[position - 1]["effective"] = events[position - 1]["recorded"] - 1
                self.assertFails(self.ledger(events), position, "takes effect when recorded")

    def test_a_stream_id_that_does_not_match_the_payload(self):
        for position, stream in ((2, "partner-kent-police"), (3, "action-coord"), (9, "action-SOC-2"), (13, "clock"),
                                 (1, "partnership-1"), (6, "assessment-sa-2023")):
            with self.subTest(position=position):
                events = sound_events()
                events[position - 1]["stream"] = stream
                self.assertFails(self.ledger(events), position, "does not match the payload")

    def test_the_first_event_is_the_partnership_and_only_the_first(self):
        events = sound_events()[1:]
        self.assertFails(self.ledger(events), 1, "begins with PartnershipEstablished")
        events = sound_events()
        extra = copy.deepcopy(events[0])
        extra["recorded"] = extra["effective"] = events[-1]["recorded"]
        events.append(extra)
        self.assertFails(self.ledger(events), 19, "only ever at position 1")

    def test_rules_adopted_must_raise_the_rules(self):
        events = sound_events()
        events.append(event("RulesAdopted", {"version": 2}, events[-1]["recorded"]))
        self.assertFails(self.ledger(events), 19, "does not raise the rules in force")
        events = rules_one_events()
        events[11]["payload"]["version"] = 3
        self.assertFails(self.ledger(events), 12, "rules version 3 is not known")
        events = rules_one_events()
        events[11]["payload"]["version"] = 1
        self.assertFails(self.ledger(events), 12, "version 1 is out of range")

    def test_clock_behind_accepted(self):
        def changed(change):
            events = sound_events()
            change(events[12])
            return events
        last = sound_events()[12]["recorded"]
        cases = [
            (lambda e: e["payload"].update(clockAt=v.iso(last - 10 * MINUTE)), "not more than 10 minutes before"),
            (lambda e: e["payload"].update(clockAt=v.iso(last - 5 * MINUTE)), "not more than 10 minutes before"),
            (lambda e: e["payload"].update(lastRecordedAt=v.iso(last - 1)), "is not its recorded_at"),
            (lambda e: e.update(recorded=last + 1, effective=last + 1), "is not its recorded_at"),
            (lambda e: (e.update(recorded=last + 1, effective=last + 1), e["payload"].update(lastRecordedAt=v.iso(last + 1))),
             "previous event's recorded_at"),
        ]
        for change, fragment in cases:
            with self.subTest(fragment=fragment):
                events = changed(change)
                if events[12]["recorded"] > events[13]["recorded"]:
                    for e in events[13:]:
                        e["recorded"] += MINUTE
                        e["effective"] += MINUTE
                self.assertFails(self.ledger(events), 13, fragment)
        events = changed(lambda e: e["payload"].update(clockAt=v.iso(last - 10 * MINUTE - 1)))
        self.assertPasses(self.ledger(events))


class Tampering(Base):
    def test_a_change_to_any_column_at_any_position_is_named(self):
        # As TamperTests.swift does it: every column of one row changed, the rest kept.
        base = self.ledger(sound_events())
        for position in (1, 5, 11, 13, 18):
            for column in v.COLUMNS:
                with self.subTest(position=position, column=column):
                    path = os.path.join(self.directory.name, "t-%d-%s.sqlite" % (position, column))
                    with open(base, "rb") as source, open(path, "wb") as target:
                        target.write(source.read())
                    if column in v.TEXT_COLUMNS:
                        change = "%s = CASE WHEN substr(%s, 1, 1) = 'a' THEN 'b' ELSE 'a' END || substr(%s, 2)" % (
                            column, column, column)
                    else:
                        change = "%s = %s %s %d" % (column, column, "-" if column == "effective_at" else "+",
                                                    100000 if column == "position" else 1000)
                    plant(path, "UPDATE events SET %s WHERE position = %d" % (change, position))
                    self.assertFails(path, position)


TOKEN = "0123456789abcdef"
DAY = 86400 * 1000


def token_events(expires=90 * DAY, credential=TOKEN, actor="police.lead"):
    """Founding, a plan, a token for the lead, and a progress report it authorises (position 12)."""
    t = T0 + 60 * MINUTE
    events = founding() + plan(T0 + 10 * MINUTE)
    events.append(event("TokenIssued", {"token": TOKEN, "actor": "police.lead", "sha256": "ab" * 32,
                                        "expiresAt": v.iso(t + expires), "label": "Browser"}, t))
    report = progress(t + MINUTE, actor=actor, partner="kent-police" if actor == "police.lead" else "council")
    report["credential"] = credential
    events.append(report)
    return events


class Credentials(Base):
    def test_a_credentialed_write_passes_and_hashes_its_credential(self):
        path = self.ledger(token_events())
        self.assertPasses(path)
        rows = write_ledger(os.path.join(self.directory.name, "copy.sqlite"), token_events())
        self.assertIn('"credential":"%s"' % TOKEN, v.envelope(rows[11]))
        self.assertNotIn("credential", v.envelope(rows[10]))

    def test_stripping_or_adding_a_credential_breaks_the_hash(self):
        stripped = self.ledger(token_events())
        plant(stripped, "UPDATE events SET credential = NULL WHERE position = 12")
        self.assertFails(stripped, 12, "hash does not match")
        added = self.ledger(token_events())
        plant(added, "UPDATE events SET credential = ? WHERE position = 11", TOKEN)
        self.assertFails(added, 11, "hash does not match")

    def test_a_credential_must_be_a_live_token_of_the_events_actor(self):
        self.assertFails(self.ledger(token_events(credential="fedcba9876543210")), 12, "does not authorise")
        self.assertFails(self.ledger(token_events(actor="coord")), 12, "does not authorise")
        self.assertFails(self.ledger(token_events(expires=MINUTE)), 12, "does not authorise")
        revoked = token_events()
        revoked.insert(11, event("TokenRevoked", {"token": TOKEN, "reason": "Lost laptop"}, T0 + 60 * MINUTE))
        self.assertFails(self.ledger(revoked), 13, "does not authorise")
        deactivated = token_events()
        deactivated.insert(11, event("ActorDeactivated", {"actor": "police.lead"}, T0 + 60 * MINUTE))
        self.assertFails(self.ledger(deactivated), 13, "does not authorise")

    def test_token_rules(self):
        self.assertFails(self.ledger(token_events(expires=0)), 11, "expiresAt")
        self.assertFails(self.ledger(token_events(expires=367 * DAY)), 11, "366 days")
        again = token_events()
        again.insert(11, again[10])
        self.assertFails(self.ledger(again), 12, "already issued")
        bad = token_events()
        bad[10]["payload"]["sha256"] = "not a hash"
        self.assertFails(self.ledger(bad), 11, "SHA-256")
        twice = token_events()[:11] + [event("TokenRevoked", {"token": TOKEN}, T0 + 61 * MINUTE)] * 2
        self.assertFails(self.ledger(twice), 13, "already ended")
        wrong = token_events()
        wrong[11]["credential"] = "NOT-A-TOKEN"
        self.assertFails(self.ledger(wrong), 12, "column credential")


class SchemasAgree(unittest.TestCase):
    """verify_ledger.SPEC says what Schemas/events says."""

    def test_every_schema_file_and_only_those(self):
        files = {}
        for name in glob.glob(os.path.join(SCHEMAS, "events", "*.schema.json")):
            base = os.path.basename(name)[: -len(".schema.json")]
            event_type, version = base.rsplit(".v", 1)
            with open(name, encoding="utf-8") as handle:
                files[(event_type, int(version))] = json.load(handle)
        self.assertEqual(set(files), set(v.SPEC))
        for key, schema in files.items():
            with self.subTest(schema=key):
                spec = v.SPEC[key]
                self.assertEqual(set(schema["properties"]), set(spec))
                self.assertEqual(set(schema["required"]), {k for k, (required, _) in spec.items() if required})
                self.assertFalse(schema["additionalProperties"])
                self.assertEqual(schema["title"], key[0])

    def test_the_envelope_schemas_name_every_type(self):
        types = {t for t, _ in v.SPEC}
        for name in ("envelope.schema.json", "export-line.schema.json"):
            with open(os.path.join(SCHEMAS, name), encoding="utf-8") as handle:
                self.assertEqual(set(json.load(handle)["properties"]["type"]["enum"]), types, name)

    def test_the_check_function_runs_in_process_too(self):
        with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
            status = v.main(["verify_ledger.py", "--help"])
        self.assertEqual(status, 0)
        self.assertIn("Usage", out.getvalue())
        self.assertEqual(err.getvalue(), "")


if __name__ == "__main__":
    unittest.main()
