#!/usr/bin/env python3
"""Replay a csp-ledger export with a fold of its own, without the Swift code.

Usage: python3 Tools/verify_evidence.py --replay EXPORT.jsonl --at AS-OF[/EFFECTIVE] [--at ...]

Reads the lines of `csp-ledger export` (Schemas/export-line.schema.json; envelope
version 2's `credential` included), checks their hash chain and each payload against its schema as Tools/verify_ledger.py does, and
prints, for each --at, the plan as `csp-ledger state --as-of AS-OF [--effective
EFFECTIVE] --format json` prints it, byte for byte: one pretty JSON document per --at,
in the order given. AS-OF and EFFECTIVE are instants with `Z` or an offset.

The fold here is a second definition of what the events mean, written apart from
`PlanState.apply` on purpose: an auditor who reproduces the ledger's answer with it
has trusted no Swift code. Its meaning, in brief:
- as of T, the events recorded at or before T count, and the answer's position is the
  last of them; with an effective cut-off E, of those only the ones that took effect
  at or before E change the plan (the position stays that of T);
- events are read at their schema version and upcast: ActionProgressed v1 has no
  evidence, PartnershipEstablished v1 no test clock and rules version, neither of
  which the plan shows;
- an action's fields come in groups (title, due, status, assignment, percent,
  progress, review), each set by the fact with the latest (effective time, position):
  a back-dated report takes its place in the action's history instead of overriding
  what took effect after it;
- a correction carries the whole corrected report and counts in the place (effective
  time, position) of the original report at the root of its chain;
- every event about an existing action adds one to its version; a review that
  completes or withdraws closes it, carry-forward marks it.

The chain shows that the lines belong together, not that they are the ledger's: a
whole history rewritten and re-chained replays as well as the real one. Compare the
hash of the last line counted with a digest or checkpoint published in the papers.

Exits 0 when every line checks, 65 (with "FAIL: position P: reason" on stderr) when
the export is broken, 64 for malformed arguments, 1 when a file cannot be read.
"""
import datetime
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify_ledger  # noqa: E402  (beside this file: the canonical bytes and the payload rules)

# The types whose events leave the plan as `state` shows it unchanged (the ledger
# keeps tokens for signing in, keys for signing checkpoints and witnesses for
# cosigning them, which `state` does not show).
PLAN_NEUTRAL = frozenset(["RulesAdopted", "ClockBehindAccepted", "TokenIssued", "TokenRevoked", "LedgerKeyRegistered",
                          "LedgerKeyRevoked", "CheckpointSigned", "WitnessRegistered", "WitnessRemoved",
                          "WitnessThresholdSet", "CheckpointCosigned"])
RAG = {"not-started": "grey", "on-track": "green", "at-risk": "amber", "off-track": "red", "completed": "blue",
       "withdrawn": "grey"}
CLOSING = {"complete": "completed", "withdraw": "withdrawn"}
GROUPS = ("title", "due", "status", "assignment", "percent", "progress", "review")


class Broken(Exception):
    """The input is not what it claims to be: exit 65 with where and why."""

    def __init__(self, where, reason):
        super().__init__("%s: %s" % (where if isinstance(where, str) else "position %d" % where, reason))


# ---------------------------------------------------------------------------
# Times

INSTANT_ARGUMENT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,3}))?)?(Z|[+-][0-9]{2}:[0-9]{2})",
    re.ASCII)


def instant_argument(text):
    """Milliseconds of an ISO-8601 instant with `Z` or an offset, as the ledger reads one."""
    match = INSTANT_ARGUMENT.fullmatch(text)
    if not match:
        raise ValueError("'%s' is not an instant; write it as ISO-8601 with an offset, e.g. 2023-03-31T23:59:59Z" % text)
    year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
    second = int(match.group(6) or 0)
    millis = int((match.group(7) or "0").ljust(3, "0"))
    zone = match.group(8)
    offset = 0 if zone == "Z" else (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 60 + int(zone[4:6]))
    try:
        moment = datetime.datetime(year, month, day, hour, minute, second, tzinfo=datetime.timezone.utc)
    except ValueError as error:
        raise ValueError("'%s' is not an instant: %s" % (text, error))
    delta = moment - verify_ledger.EPOCH
    return (delta.days * 86400 + delta.seconds) * 1000 + millis - offset * 60000


# ---------------------------------------------------------------------------
# Export lines

def read_export(text):
    """The events of an export, checked: JSON lines of the export-line shape, positions
    from 1 without gaps, each hash SHA-256 of the previous hash and the canonical
    envelope, each payload as its schema version says. Returns them as dictionaries,
    with `recordedMs` and `effectiveMs` added."""
    events = []
    previous = verify_ledger.GENESIS
    rules = 1
    for number, line in enumerate(text.split("\n"), start=1):
        if line == "":
            continue
        try:
            event = json.loads(line)
        except ValueError as error:
            raise Broken("line %d" % number, "not JSON: %s" % error)
        if not isinstance(event, dict) or not EXPORT_KEYS <= set(event) <= EXPORT_KEYS | {"credential"}:
            raise Broken("line %d" % number, "not an export line: its keys must be %s, and credential if the write had one"
                         % ", ".join(sorted(EXPORT_KEYS)))
        position = event["position"]
        if not verify_ledger.is_int(position) or position != len(events) + 1:
            raise Broken("line %d" % number, "expected position %d: the positions must run from 1 without a gap"
                         % (len(events) + 1))
        wrong = sorted(k for k in set(event) & (EXPORT_KEYS | {"credential"}) if not isinstance(event[k], NON_STRING_KEYS.get(k, str))
                       or (NON_STRING_KEYS.get(k) is int and not verify_ledger.is_int(event[k])))
        if wrong:
            kind = NON_STRING_KEYS.get(wrong[0], str)
            raise Broken(position, "%s must be %s" % (wrong[0], {int: "an integer", dict: "an object"}.get(kind, "a string")))
        if (event["type"], event["schemaVersion"]) not in verify_ledger.SPEC:
            raise Broken(position, "%s version %d is not an event type this verifier knows"
                         % (json.dumps(event["type"], ensure_ascii=True)[:80], event["schemaVersion"]))
        if event["prevHash"] != previous:
            raise Broken(position, "prevHash is not the hash of the event before it")
        event["recordedMs"] = verify_ledger.instant_ms(event["recordedAt"])
        event["effectiveMs"] = verify_ledger.instant_ms(event["effectiveAt"])
        if event["recordedMs"] is None or event["effectiveMs"] is None:
            raise Broken(position, "recordedAt and effectiveAt must be instants like 2023-03-31T22:59:59.999Z")
        if event["type"] == "PartnershipEstablished" and event["schemaVersion"] >= 2 and position == 1:
            rules = event["payload"].get("rules", rules)
        if hashlib.sha256((previous + envelope(event)).encode("utf-8")).hexdigest() != event["hash"]:
            raise Broken(position, "hash does not match the event: it has been changed")
        problem = verify_ledger.payload_problem(event["type"], event["schemaVersion"], event["payload"], rules)
        if problem:
            raise Broken(position, problem)
        if event["type"] == "RulesAdopted":
            rules = max(rules, event["payload"]["version"])
        previous = event["hash"]
        events.append(event)
    return events


EXPORT_KEYS = frozenset(["actor", "effectiveAt", "eventId", "hash", "partner", "payload", "position", "prevHash",
                         "recordedAt", "schemaVersion", "stream", "streamVersion", "type"])
# The keys whose values are not strings, and what they are.
NON_STRING_KEYS = {"position": int, "schemaVersion": int, "streamVersion": int, "payload": dict}


def envelope(event):
    """The canonical envelope of an export line, as the chain hashes it."""
    return verify_ledger.envelope({
        "actor_id": event["actor"], "effective_at": event["effectiveMs"], "event_id": event["eventId"],
        "partner_id": event["partner"], "payload": verify_ledger.canonical(event["payload"]),
        "position": event["position"], "recorded_at": event["recordedMs"], "schema_version": event["schemaVersion"],
        "stream_id": event["stream"], "stream_version": event["streamVersion"], "type": event["type"],
        verify_ledger.CREDENTIAL: event.get("credential")})


# ---------------------------------------------------------------------------
# The fold

class Plan:
    """The plan as the events folded so far leave it."""

    def __init__(self):
        self.partners, self.actors, self.plans, self.priorities, self.actions = {}, {}, {}, {}, {}

    def apply(self, event):
        kind, p = event["type"], event["payload"]
        key = (event["effectiveMs"], event["position"])
        if kind in PLAN_NEUTRAL or kind == "PartnershipEstablished":
            return
        if kind == "PartnerRegistered":
            self.partners[p["partner"]] = {"id": p["partner"], "name": p["name"],
                                           "responsibleAuthority": p["responsibleAuthority"]}
        elif kind == "ActorRegistered":
            self.actors[p["actor"]] = {"id": p["actor"], "name": p["name"], "partner": p["partner"], "role": p["role"],
                                       "active": True}
        elif kind == "ActorDeactivated":
            if p["actor"] in self.actors:
                self.actors[p["actor"]]["active"] = False
        elif kind == "StrategicAssessmentRecorded":
            pass  # kept by the ledger, not shown by `state`
        elif kind == "PlanAdopted":
            self.plans[p["plan"]] = {"id": p["plan"], "title": p["title"], "from": p["from"], "to": p["to"],
                                     "assessment": p.get("assessment"), "lastReviewAt": None, "lastReviewNote": None}
        elif kind == "PlanReviewed":
            if p["plan"] in self.plans:
                self.plans[p["plan"]]["lastReviewAt"] = verify_ledger.iso(event["effectiveMs"])
                self.plans[p["plan"]]["lastReviewNote"] = p["note"]
            for priority in p["retired"]:
                if priority in self.priorities:
                    self.priorities[priority]["retired"] = True
        elif kind == "PriorityAdded":
            self.priorities[p["priority"]] = {"id": p["priority"], "plan": p["plan"], "title": p["title"],
                                              "scope": p.get("scope"), "retired": False}
        elif kind == "ActionCreated":
            self.actions[p["action"]] = Action(p, key)
        elif kind in ACTION_CHANGES:
            action = self.actions.get(p["action"])
            if action is not None:
                action.version += 1
                ACTION_CHANGES[kind](action, p, key)
        else:
            raise Broken(event["position"], "the event type %s is not known to this verifier" % kind)


class Action:
    """An action, with the (effective time, position) of the fact behind each field group."""

    def __init__(self, p, key):
        self.id, self.priority, self.title, self.due = p["action"], p["priority"], p["title"], p.get("due")
        self.status, self.lead, self.supporting, self.owner, self.percent = "not-started", None, [], None, None
        self.last_progress_at = self.last_progress_note = None
        self.last_review_at = self.last_review_outcome = self.last_review_note = self.next_review = None
        self.closed = self.carry_forward = False
        self.version = 1
        self.created_at = key[0]
        self.keys = dict.fromkeys(GROUPS)
        self.keys.update(title=key, due=key, status=key)

    def later(self, group, key):
        """Whether a fact at `key` replaces the group's value, and if so, claims it."""
        existing = self.keys[group]
        if existing is not None and existing > key:
            return False
        self.keys[group] = key
        return True

    def assign(self, p, key):
        if self.later("assignment", key):
            self.lead, self.supporting, self.owner = p["lead"], sorted(p["supporting"]), p.get("owner")

    def progress(self, p, key):
        if self.later("status", key):
            self.status = p["status"]
        if self.later("progress", key):
            self.last_progress_at, self.last_progress_note = key[0], p.get("note")
        if p.get("percent") is not None and self.later("percent", key):
            self.percent = p["percent"]

    def review(self, p, key):
        if self.later("review", key):
            self.last_review_at, self.last_review_outcome = key[0], p["outcome"]
            self.last_review_note, self.next_review = p.get("note"), p.get("nextReview")
        if p["outcome"] in CLOSING:
            if self.later("status", key):
                self.status = CLOSING[p["outcome"]]
            self.closed = True
        if p["outcome"] == "carry-forward":
            self.carry_forward = True

    def amend(self, p, key):
        if p.get("title") is not None and self.later("title", key):
            self.title = p["title"]
        if p.get("due") is not None and self.later("due", key):
            self.due = p["due"]

    def correct(self, p, _key):
        original = (verify_ledger.instant_ms(p["originalEffectiveAt"]), p["originalPosition"])
        if p.get("status") is not None:
            self.progress(p, original)
        elif p.get("outcome") is not None:
            self.review(p, original)

    def json(self):
        instant = lambda ms: None if ms is None else verify_ledger.iso(ms)  # noqa: E731
        return {
            "id": self.id, "priority": self.priority, "title": self.title, "status": self.status,
            "rag": RAG[self.status], "lead": self.lead, "supporting": self.supporting, "owner": self.owner,
            "due": self.due, "version": self.version, "percent": self.percent,
            "lastProgressAt": instant(self.last_progress_at), "lastProgressNote": self.last_progress_note,
            "lastReviewAt": instant(self.last_review_at), "lastReviewOutcome": self.last_review_outcome,
            "lastReviewNote": self.last_review_note, "nextReview": self.next_review, "closed": self.closed,
            "carryForward": self.carry_forward, "createdAt": instant(self.created_at)}


ACTION_CHANGES = {"ActionAssigned": Action.assign, "ActionProgressed": Action.progress,
                  "ActionReviewed": Action.review, "ActionAmended": Action.amend, "ActionCorrected": Action.correct}


def answer(events, as_of, effective=None):
    """The plan as of `as_of` (recorded by), changed only by what took effect by
    `effective` (milliseconds; None: no cut-off), as `state --format json` writes it."""
    plan = Plan()
    head = (None, 0)
    for event in events:
        if event["recordedMs"] > as_of:
            continue
        head = max(head, (event["recordedMs"], event["position"]), key=lambda h: (h[0] is not None, h))
        if effective is None or event["effectiveMs"] <= effective:
            plan.apply(event)
    by_id = lambda records: [records[k] for k in sorted(records)]  # noqa: E731
    return {
        "position": head[1], "asOf": verify_ledger.iso(as_of),
        "effective": None if effective is None else verify_ledger.iso(effective),
        "partners": by_id(plan.partners), "actors": by_id(plan.actors), "plans": by_id(plan.plans),
        "priorities": by_id(plan.priorities), "actions": [a.json() for a in by_id(plan.actions)]}


# ---------------------------------------------------------------------------
# Writing JSON as the ledger prints it for people

def pretty(value, indent=""):
    """Keys sorted by their UTF-8 bytes, two-space indentation, `: ` after keys, empty
    arrays and objects as [] and {}; strings escaped as the ledger escapes them."""
    if isinstance(value, dict) and value:
        inner = indent + "  "
        keys = sorted(value, key=lambda k: k.encode("utf-8"))
        items = [inner + string(k) + ": " + pretty(value[k], inner) for k in keys]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value:
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + pretty(v, inner) for v in value) + "\n" + indent + "]"
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    if isinstance(value, str):
        return string(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f]')


def string(text):
    """A JSON string with quotes, backslashes and controls (C0, DEL, C1) escaped."""
    return '"' + NEEDS_ESCAPE.sub(
        lambda m: SHORT_ESCAPES.get(m.group(0)) or "\\u%04x" % ord(m.group(0)), text) + '"'


# ---------------------------------------------------------------------------

def main(argv):
    usage = "usage: verify_evidence.py --replay EXPORT.jsonl --at AS-OF[/EFFECTIVE] [--at ...]"
    if len(argv) < 4 or argv[0] != "--replay" or len(argv) % 2 != 0 or any(a != "--at" for a in argv[2::2]):
        print(usage, file=sys.stderr)
        return 64
    try:
        queries = [tuple(instant_argument(t) for t in at.split("/", 1)) for at in argv[3::2]]
    except ValueError as error:
        print("error: %s" % error, file=sys.stderr)
        return 64
    try:
        with open(argv[1], encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        print("error: cannot read %s: %s" % (argv[1], error), file=sys.stderr)
        return 1
    try:
        events = read_export(text)
        out = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)
        for query in queries:
            out.write(pretty(answer(events, *query)) + "\n")
        out.flush()
    except Broken as error:
        print("FAIL: %s" % error, file=sys.stderr)
        return 65
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
