#!/usr/bin/env python3
"""Replay a csp-ledger export with a fold of its own, without the Swift code.

Usage: python3 Tools/verify_evidence.py PACK.json [--checkpoint CHECKPOINT]
       python3 Tools/verify_evidence.py --replay EXPORT.jsonl --at AS-OF[/EFFECTIVE] [--at ...]

With PACK.json (as `csp-ledger evidence` writes it, Schemas/evidence.schema.json) it
checks one as-of answer offline, trusting no Swift code and no server:
- the events' chain and payloads, as below, and that the state in the pack is what
  its own fold (below) gives as of the pack's time, byte for byte;
- the checkpoint: its origin is the log's (from its first event), it is signed by a
  ledger key whose registration (an event in the pack, with its inclusion proof in the
  checkpoint's tree) it proves, and each cosignature is a valid C2SP cosignature/v1 by
  a witness whose registration it proves likewise (Ed25519, with `cryptography`);
- that the events are the checkpoint's first ones: the root of their tree, recomputed
  here from their hashes, is consistent (RFC 9162) with the checkpoint's root;
- that none recorded by the as-of time was left out: the next event, chained to the last
  one, was recorded after it and is in the checkpoint's tree (inclusion proof), or the
  checkpoint ends at the last event.
With --checkpoint (a checkpoint from the papers), the pack's checkpoint must be it.
Prints what it proved and exits 0, or "FAIL: reason" on stderr and exits 65.

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
import base64
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

# ---------------------------------------------------------------------------
# The evidence pack

def tree_hash_leaf(chain_hash):
    return hashlib.sha256(b"\x00" + bytes.fromhex(chain_hash)).digest()


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(leaf, index, size, proof, root):
    """RFC 9162 §2.1.3.2."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(old, new, proof, old_root, new_root):
    """RFC 9162 §2.1.4.2."""
    if not 0 < old <= new:
        return False
    if old == new:
        return not proof and old_root == new_root
    path = [old_root] + proof if old & (old - 1) == 0 else list(proof)
    if not path:
        return False
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root


def hashes(values, what):
    """Base64 hashes of 32 bytes."""
    try:
        decoded = [base64.b64decode(v, validate=True) for v in values]
    except (ValueError, TypeError):
        raise Broken("pack", "%s holds something that is not a base64 hash" % what)
    if any(len(d) != 32 for d in decoded):
        raise Broken("pack", "%s holds a hash that is not 32 bytes" % what)
    return decoded


def proven_event(entry, size, root, what):
    """One export line with its inclusion proof in the checkpoint's tree: checked and returned."""
    if not isinstance(entry, dict) or set(entry) != {"event", "inclusion"} or not isinstance(entry["event"], str):
        raise Broken("pack", "%s is not an event with its inclusion proof" % what)
    try:
        event = json.loads(entry["event"])
    except ValueError:
        raise Broken("pack", "%s is not an export line" % what)
    if not isinstance(event, dict) or not EXPORT_KEYS <= set(event) <= EXPORT_KEYS | {"credential"}:
        raise Broken("pack", "%s is not an export line" % what)
    event["recordedMs"] = verify_ledger.instant_ms(event.get("recordedAt", ""))
    event["effectiveMs"] = verify_ledger.instant_ms(event.get("effectiveAt", ""))
    try:
        recomputed = hashlib.sha256((event["prevHash"] + envelope(event)).encode("utf-8")).hexdigest()
    except (TypeError, KeyError, AttributeError):
        raise Broken("pack", "%s is not an export line" % what)
    if recomputed != event["hash"]:
        raise Broken("pack", "%s (position %s) does not hash to its hash: it has been changed" % (what, event["position"]))
    position = event["position"]
    if not verify_ledger.is_int(position) or not verify_inclusion(
            tree_hash_leaf(event["hash"]), position - 1, size, hashes(entry["inclusion"], what + "'s inclusion proof"), root):
        raise Broken("pack", "%s (position %s) is not in the checkpoint's tree: its inclusion proof does not check" % (what, position))
    return event


def ed25519_valid(public, signature, message):
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def signature_lines(note):
    """(text, [(name, key id hex, signature bytes)]) of a signed note, or Broken."""
    text, sep, signatures = note.rstrip("\n").rpartition("\n\n")
    if not sep:
        raise Broken("pack", "the checkpoint is not a signed note (text, a blank line, signatures)")
    lines = []
    for line in signatures.split("\n"):
        fields = line.split(" ")
        try:
            data = base64.b64decode(fields[2], validate=True) if len(fields) == 3 and fields[0] == "\u2014" else b""
        except ValueError:
            data = b""
        if len(data) <= 4:
            raise Broken("pack", "the checkpoint's line %s is not a signature line" % json.dumps(line)[:100])
        lines.append((fields[1], data[:4].hex(), data[4:]))
    return text + "\n", lines


def check_pack(pack, papers=None):
    """Checks an evidence pack; returns the lines saying what it proved, or raises Broken."""
    keys = {"format", "asOf", "effective", "position", "events", "state", "checkpoint", "consistency", "next",
            "registrations"}
    if not isinstance(pack, dict) or set(pack) != keys or pack["format"] != "csp-ledger-evidence/1":
        raise Broken("pack", "not an evidence pack of format csp-ledger-evidence/1 (Schemas/evidence.schema.json)")
    if not isinstance(pack["events"], list) or not all(isinstance(e, str) for e in pack["events"]):
        raise Broken("pack", "events must be export lines")
    events = read_export("\n".join(pack["events"]))
    position = pack["position"]
    if not verify_ledger.is_int(position) or position != len(events):
        raise Broken("pack", "the pack says the answer rests on %s events but holds %d" % (position, len(events)))
    # The checkpoint.
    if not isinstance(pack["checkpoint"], str):
        raise Broken("pack", "checkpoint must be a signed note")
    text, signatures = signature_lines(pack["checkpoint"])
    lines = text.split("\n")
    if len(lines) < 4 or not lines[1].isdigit() or not lines[1].isascii():
        raise Broken("checkpoint", "its text is not a checkpoint (origin, size, root)")
    origin, size, root = lines[0], int(lines[1]), hashes([lines[2]], "the checkpoint's root")[0]
    if papers is not None and papers.rstrip("\n").rpartition("\n\n")[0] + "\n" != text:
        raise Broken("checkpoint", "the pack's checkpoint is not the one given with --checkpoint")
    if size < position:
        raise Broken("checkpoint", "it covers %d events, fewer than the %d the answer rests on" % (size, position))
    # Completeness: the next event, or a checkpoint ending at the last one.
    as_of = verify_ledger.instant_ms(pack["asOf"]) if isinstance(pack["asOf"], str) else None
    if as_of is None:
        raise Broken("pack", "asOf must be an instant like 2023-03-31T22:59:59.999Z")
    last_hash = events[-1]["hash"] if events else verify_ledger.GENESIS
    if pack["next"] is None:
        if size != position:
            raise Broken("pack", "no next event is given, but the checkpoint covers %d events after the %d of the answer: "
                         "events recorded by then may have been left out" % (size - position, position))
        first = events[0] if events else None
    else:
        following = proven_event(pack["next"], size, root, "the next event")
        if following["position"] != position + 1 or following["prevHash"] != last_hash:
            raise Broken("pack", "the next event (position %s) is not the one after the answer's last: an event was left out"
                         % following["position"])
        if following["recordedMs"] is None or following["recordedMs"] <= as_of:
            raise Broken("pack", "the next event was recorded at %s, not after %s: it belongs in the answer" % (
                following["recordedAt"], pack["asOf"]))
        first = events[0] if events else following
    if first is None or first["type"] != "PartnershipEstablished":
        raise Broken("pack", "the log's first event is not in the pack")
    log_origin = verify_ledger.checkpoint_origin(first["payload"]["name"], first["hash"])
    if origin != log_origin:
        raise Broken("checkpoint", "it is of %s, not of this log (%s)" % (json.dumps(origin)[:100], log_origin))
    # The events are the checkpoint's first ones.
    if events:
        tree = verify_ledger.MerkleFrontier()
        for event in events:
            tree.append(bytes.fromhex(event["hash"]))
        if not isinstance(pack["consistency"], list) or not verify_consistency(
                position, size, hashes(pack["consistency"], "the consistency proof"), tree.root(), root):
            raise Broken("checkpoint", "the consistency proof does not show the %d events to be the first of its tree: "
                         "an event or a proof hash was changed" % position)
    # Keys: registered within the checkpoint, by events it proves.
    ledger_keys, witnesses = {}, {}
    if not isinstance(pack["registrations"], list):
        raise Broken("pack", "registrations must be a list")
    for index, entry in enumerate(pack["registrations"]):
        event = proven_event(entry, size, root, "registration %d" % (index + 1))
        if event["type"] not in ("LedgerKeyRegistered", "WitnessRegistered") or not isinstance(event["payload"].get("key"), str):
            raise Broken("pack", "registration %d is a %s, not a key's registration" % (index + 1, event["type"]))
        key = verify_ledger.parse_verifier_key(event["payload"]["key"])
        if key is None:
            raise Broken("pack", "registration %d holds no verifier key" % (index + 1))
        (ledger_keys if key[2] == 1 else witnesses)[(key[0], key[1])] = (key[3], event["payload"].get("partner", key[0]))
    signer, cosigners = None, []
    for name, key_id, signature in signatures:
        if (name, key_id) in ledger_keys and signer is None:
            if not ed25519_valid(ledger_keys[(name, key_id)][0], signature, text.encode("utf-8")):
                raise Broken("checkpoint", "the ledger's signature by %s does not verify: the checkpoint was changed" % name)
            signer = name
        elif (name, key_id) in witnesses:
            if len(signature) != 72:
                raise Broken("checkpoint", "the cosignature by %s is not a cosignature/v1" % name)
            timestamp = int.from_bytes(signature[:8], "big")
            message = ("cosignature/v1\ntime %d\n" % timestamp + text).encode("utf-8")
            if not ed25519_valid(witnesses[(name, key_id)][0], signature[8:], message):
                raise Broken("checkpoint", "the cosignature by %s does not verify for this checkpoint" % name)
            cosigners.append((witnesses[(name, key_id)][1], verifier_time(timestamp)))
        else:
            raise Broken("checkpoint", "the signature by %s is by no key whose registration the pack proves" % name)
    if signer is None:
        raise Broken("checkpoint", "it carries no signature by a ledger key whose registration the pack proves")
    if not cosigners:
        raise Broken("checkpoint", "no witness cosigned it")
    # The answer, replayed.
    effective = pack["effective"]
    cut = None if effective is None else verify_ledger.instant_ms(effective) if isinstance(effective, str) else None
    if effective is not None and cut is None:
        raise Broken("pack", "effective must be null or an instant")
    ours, theirs = pretty(answer(events, as_of, cut)), pretty(pack["state"])
    if ours != theirs:
        for number, (a, b) in enumerate(zip(ours.split("\n") + [""], theirs.split("\n") + [""]), start=1):
            if a != b:
                raise Broken("state", "differs from the replay of the events at line %d: the pack says %s, the events give %s"
                             % (number, b.strip()[:120], a.strip()[:120]))
    return [
        "ok: the plan as of %s%s, position %d: the state in the pack is the replay of its %d events, byte for byte" % (
            pack["asOf"], "" if effective is None else " (effective by %s)" % effective, position, position),
        "checkpoint: %s, %d events, root %s, signed by %s" % (origin, size, base64.b64encode(root).decode("ascii"), signer),
        "witnessed by %d: %s" % (len(cosigners), ", ".join("%s (%s)" % c for c in cosigners)),
        "the %d events are its first (consistency proof); %s" % (
            position, "the next event, recorded after the as-of time, is in it (inclusion proof): none was left out"
            if pack["next"] is not None else "it ends at the last of them: none was left out"),
    ]


def verifier_time(timestamp):
    return verify_ledger.iso(timestamp * 1000)


def main(argv):
    if argv and argv[0] != "--replay":
        return main_pack(argv)
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


def main_pack(argv):
    usage = "usage: verify_evidence.py PACK.json [--checkpoint CHECKPOINT]"
    if len(argv) not in (1, 3) or (len(argv) == 3 and argv[1] != "--checkpoint"):
        print(usage, file=sys.stderr)
        return 64
    texts = []
    for path in [argv[0]] + argv[2:]:
        try:
            with open(path, encoding="utf-8") as file:
                texts.append(file.read())
        except (OSError, UnicodeDecodeError) as error:
            print("error: cannot read %s: %s" % (path, error), file=sys.stderr)
            return 1
    try:
        try:
            pack = json.loads(texts[0])
        except ValueError as error:
            raise Broken("pack", "not JSON: %s" % error)
        for line in check_pack(pack, texts[1] if len(texts) > 1 else None):
            print(line)
    except Broken as error:
        print("FAIL: %s" % error, file=sys.stderr)
        return 65
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
