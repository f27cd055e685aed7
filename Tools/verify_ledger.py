#!/usr/bin/env python3
"""Check a csp-ledger file without the Swift code.

Usage: python3 Tools/verify_ledger.py LEDGER.sqlite [--digest POSITION:HASH]

Reads the `events` table with Python's standard library only and checks, for every
position from 1:
- the hash chain: positions gapless, prev_hash the previous row's hash (64 zeros for
  position 1), the payload canonical JSON, hash = SHA-256(prev_hash || canonical
  envelope), as Schemas/README.md specifies;
- each column's SQLite storage class (INTEGER or TEXT; never NULL, REAL or BLOB), text
  that is valid UTF-8, and times that are instants from year 1 to 9999;
- each event on its own, without a fold: a known type and schema version, payload keys
  and types as Schemas/events say, ids, text by the rules version in force (position
  1's `rules`, raised by each RulesAdopted), statuses, outcomes, roles, numbers, the
  stream the payload names, stream versions consecutive from 1, recording times never
  going back, effective times, PartnershipEstablished at position 1, RulesAdopted and
  ClockBehindAccepted;
- access tokens and credentials: TokenIssued ids new, expiries after the recording time
  and at most 366 days after it, TokenRevoked of a live token, and each event's
  `credential` (envelope version 2, covered by the hash): a token issued earlier to the
  event's actor, not revoked, not ended by the actor's deactivation, not expired;
- the Merkle tree (RFC 9162) over the chain hashes: each CheckpointSigned records a
  checkpoint of this ledger's origin whose size is the events before it and whose root
  is theirs, recomputed here;
- witnesses: WitnessRegistered keys are cosigner keys (type 0x04) with their right key
  id and registered once, WitnessRemoved names a registered witness not yet removed,
  WitnessThresholdSet asks for no more witnesses than are registered, and each
  CheckpointCosigned holds a C2SP cosignature/v1 of an earlier CheckpointSigned whose
  Ed25519 signature (checked here, in pure Python) is by a witness registered and not
  removed at the time, later than that witness's last one and dated between the
  checkpoint's recording and its own (within 10 minutes either way).

What needs the plan as the events build it (who may write, which records exist,
transitions, back-dated changes against later ones, due dates within the plan, the
projection and snapshots) and the checkpoints' own signatures by registered ledger keys
are left to `csp-ledger verify`, and the output says so.

With --digest (as `csp-ledger digest` prints it), also checks that the log up to
that position still hashes to the published digest, and names the position where
it does not, or says that the log ends before it.

Prints "ok: N events", a line saying what is left to csp-ledger verify, and
"head: position P hash H" (after a line naming a test clock, for a ledger made with
init --test-clock or by demo) and exits 0 when the ledger is sound; otherwise prints
"FAIL: position P: reason" on stderr and exits 65. Exits 1 when the file cannot be
read as a ledger, 64 for malformed arguments or a malformed digest.
"""
import base64
import datetime
import hashlib
import json
import re
import sqlite3
import sys
import unicodedata
import urllib.parse

GENESIS = "0" * 64
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

COLUMNS = ("position", "event_id", "stream_id", "stream_version", "type", "schema_version", "recorded_at",
           "effective_at", "actor_id", "partner_id", "payload", "prev_hash", "hash")
INTEGER_COLUMNS = ("position", "stream_version", "schema_version", "recorded_at", "effective_at")
TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in INTEGER_COLUMNS)
# Envelope version 2 (migration v4-credentials): TEXT, or NULL for a version-1 envelope.
CREDENTIAL = "credential"
TOKEN_ID_PATTERN = re.compile(r"[0-9a-f]{16}", re.ASCII)
SHA256_PATTERN = re.compile(r"[0-9a-f]{64}", re.ASCII)
TOKEN_LONGEST_MS = 366 * 86400 * 1000

# Times are integer milliseconds since 1970 that write as YYYY-MM-DDTHH:MM:SS.mmmZ with
# a year from 1 to 9999, as the ledger's dates and instants are.
MIN_TIME = -62135596800000  # 0001-01-01T00:00:00.000Z
MAX_TIME = 253402300799999  # 9999-12-31T23:59:59.999Z

LATEST_RULES = 2
CLOCK_BEHIND_MS = 10 * 60 * 1000
# The types whose effective time may be earlier than their recording time.
BACKDATABLE = frozenset(["ActionAssigned", "ActionProgressed", "ActionReviewed", "ActionAmended", "ActionCorrected"])

TEST_CLOCK_LINE = ("test clock: the recording times of this ledger were set by its maker (init --test-clock or demo);"
                   " they prove nothing about when events were recorded")
LEFT_TO_SWIFT_LINE = ("not checked here, left to csp-ledger verify: the permissions and roles of each writer, the writer's"
                      " partner, whether the actions, partners, actors, plans and priorities referenced exist, transitions"
                      " (closed actions, reviews, corrections), back-dated changes against later ones, due dates within"
                      " the plan, time zone names, recording times later than the clock, the file's tables, indexes,"
                      " triggers and record of migrations, the projection and snapshots, and the checkpoints' signatures"
                      " by registered ledger keys")


def canonical(value):
    """Canonical JSON: sorted keys, no spaces, minimal escaping, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def iso(milliseconds):
    """Integer milliseconds since 1970 as 2023-03-31T22:59:59.999Z."""
    m = EPOCH + datetime.timedelta(milliseconds=milliseconds)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (m.year, m.month, m.day, m.hour, m.minute, m.second, milliseconds % 1000)


def envelope(row):
    """The canonical bytes of an envelope without its hashes; the payload as stored."""
    credential = row[CREDENTIAL] if CREDENTIAL in row.keys() else None
    return (
        '{"actor":' + canonical(row["actor_id"])
        + (',"credential":' + canonical(credential) if credential is not None else "")
        + ',"effectiveAt":' + canonical(iso(row["effective_at"]))
        + ',"eventId":' + canonical(row["event_id"])
        + ',"partner":' + canonical(row["partner_id"])
        + ',"payload":' + row["payload"]
        + ',"position":' + str(row["position"])
        + ',"recordedAt":' + canonical(iso(row["recorded_at"]))
        + ',"schemaVersion":' + str(row["schema_version"])
        + ',"stream":' + canonical(row["stream_id"])
        + ',"streamVersion":' + str(row["stream_version"])
        + ',"type":' + canonical(row["type"])
        + "}"
    )


# ---------------------------------------------------------------------------
# Storage classes

class BadText:
    """A TEXT value whose bytes are not UTF-8."""

    def __init__(self, data, error):
        self.data, self.error = data, error


def stored_row(raw):
    """A row of SELECT column, typeof(column), ... (text_factory bytes) as a mapping of
    decoded values, with `_types` holding each column's storage class."""
    values, types = {}, {}
    for index, column in enumerate(COLUMNS + (CREDENTIAL,)):
        value, kind = raw[2 * index], raw[2 * index + 1]
        kind = kind.decode("ascii", "replace") if isinstance(kind, bytes) else str(kind)
        if kind == "text" and isinstance(value, bytes):
            try:
                value = value.decode("utf-8")
            except UnicodeDecodeError as error:
                value = BadText(value, error)
        values[column] = value
        types[column] = kind
    values["_types"] = types
    return values


def storage_class(row, column):
    """The SQLite storage class of a column: from `_types` when the row has it, else from
    the Python type sqlite3 returned."""
    keys = row.keys()
    if "_types" in keys:
        return row["_types"][column]
    value = row[column]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "other"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "real"
    if isinstance(value, (str, BadText)):
        return "text"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "blob"
    return "other"


def describe_stored(value, kind):
    if kind == "null":
        return "NULL"
    if kind == "real":
        return "a REAL (%r)" % (value,)
    if kind == "blob":
        return "a BLOB (%d bytes)" % len(value)
    if kind == "text":
        return "TEXT"
    if kind == "integer":
        return "an INTEGER (%d)" % value
    return "a value of storage class %s" % kind


def column_problem(row, column):
    """Why a column's stored value is not of its storage class, or None."""
    if column == CREDENTIAL:
        kind = storage_class(row, column) if column in row.keys() else "null"
        if kind == "null":
            return None
        value = row[column]
        if kind != "text" or not isinstance(value, str) or not TOKEN_ID_PATTERN.fullmatch(value):
            return "column credential holds %s, not NULL or a token id (16 lowercase hexadecimal digits)" % describe_stored(value, kind)
        return None
    want = "integer" if column in INTEGER_COLUMNS else "text"
    kind = storage_class(row, column)
    value = row[column]
    if kind != want:
        return "column %s holds %s, not %s" % (column, describe_stored(value, kind), "an INTEGER" if want == "integer" else "TEXT")
    if want == "text" and isinstance(value, BadText):
        e = value.error
        return "column %s is not valid UTF-8 text (byte 0x%02x at offset %d)" % (column, value.data[e.start], e.start)
    if want == "text" and not isinstance(value, str):
        return "column %s holds a value that is not text" % column
    if want == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
        return "column %s holds a value that is not an integer" % column
    return None


# ---------------------------------------------------------------------------
# Text rules

def hexcode(o):
    return "U+%04X" % o


def is_visible(ch):
    """A letter, mark, number, punctuation or symbol: what a reader can see."""
    return unicodedata.category(ch)[0] in "LMNPS"


def is_noncharacter(o):
    return 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE


def is_emoji_base(ch):
    """An approximation of Unicode's Emoji property with the standard library: symbols
    (emoji are So), and the keycap bases # * 0-9 and the two emoji punctuation marks."""
    return unicodedata.category(ch)[0] == "S" or ch in "#*0123456789\u203c\u2049"


_ASCII_BAD_NAME = re.compile(r"[\x00-\x1f\x7f]")
_ASCII_BAD_LONG = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ASCII_VISIBLE = re.compile(r"[\x21-\x7e]")
_TAG_SPEC = (0xE0020, 0xE007E)
_CANCEL_TAG = 0xE007F


def text_problem(value, field, kind, rules):
    """Why `value` breaks the text rules of version `rules` for `kind` ('name': names and
    titles; 'long': notes, summaries, reasons; 'scope': long text that, given, needs
    something visible), or None."""
    count = len(value)
    limit = 300 if kind == "name" else 10000
    if kind == "name" and count == 0:
        return "%s is empty; names and titles have 1-300 characters" % field
    if count > limit:
        return "%s is %d characters long; the limit is %d" % (field, count, limit)
    if value.isascii():
        bad = (_ASCII_BAD_NAME if kind == "name" else _ASCII_BAD_LONG).search(value)
        if bad:
            return one_scalar_problem(value, bad.start(), field, kind)
        visible = _ASCII_VISIBLE.search(value) is not None
    else:
        visible = False
        index = 0
        while index < count:
            ch = value[index]
            o = ord(ch)
            if o < 0x20 or 0x7F <= o <= 0x9F or 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069:
                if not ((o == 0x0A or o == 0x09) and kind != "name"):
                    return one_scalar_problem(value, index, field, kind)
            elif rules >= 2:
                if o == 0x2028 or o == 0x2029:
                    return "%s contains the separator %s, which rules version 2 refuses" % (field, hexcode(o))
                if is_noncharacter(o):
                    return "%s contains the noncharacter %s, which rules version 2 refuses" % (field, hexcode(o))
                category = unicodedata.category(ch)
                if category == "Cf":
                    if o == 0x200C or o == 0x200D:
                        if not (0 < index < count - 1 and is_visible(value[index - 1]) and is_visible(value[index + 1])):
                            return ("%s contains %s not between two visible characters, which rules version 2 refuses"
                                    % (field, hexcode(o)))
                    elif _TAG_SPEC[0] <= o <= _TAG_SPEC[1]:
                        end = index
                        while end < count and _TAG_SPEC[0] <= ord(value[end]) <= _TAG_SPEC[1]:
                            end += 1
                        if not (index > 0 and is_emoji_base(value[index - 1]) and end < count and ord(value[end]) == _CANCEL_TAG):
                            return ("%s contains the tag character %s outside an emoji tag sequence, which rules version 2"
                                    " refuses" % (field, hexcode(o)))
                        index = end  # the cancel tag that ends the sequence
                    else:
                        return ("%s contains the invisible format character %s, which rules version 2 refuses"
                                % (field, hexcode(o)))
                elif category[0] in "LMNPS":
                    visible = True
            index += 1
    if rules >= 2 and kind != "long" and count > 0 and not visible:
        return "%s has no visible character, which rules version 2 requires" % field
    return None


def one_scalar_problem(value, index, field, kind):
    o = ord(value[index])
    if o == 0x0A or o == 0x09:
        return "%s must be one line: it contains %s" % (field, hexcode(o))
    if 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069:
        return "%s contains the bidirectional control character %s" % (field, hexcode(o))
    return "%s contains the control character %s" % (field, hexcode(o))


# ---------------------------------------------------------------------------
# Payloads

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", re.ASCII)
DATE_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
INSTANT_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z", re.ASCII)

ROLES = ("coordinator", "lead", "contributor", "auditor")
PROGRESS_STATUSES = ("not-started", "on-track", "at-risk", "off-track", "completed")
OUTCOMES = ("continue", "amend", "complete", "withdraw", "carry-forward")

# Value kinds: "id", "name", "long", "scope", "reason" (long, not empty), "date",
# "instant", "bool", "string" (not empty), "ids" (array of ids), "evidence" (up to 50
# names), ("int", min, max), ("enum", values).
REQ, OPT = True, False
SPEC = {
    ("PartnershipEstablished", 1): {"name": (REQ, "name"), "timeZone": (REQ, "string")},
    ("PartnershipEstablished", 2): {"name": (REQ, "name"), "timeZone": (REQ, "string"), "testClock": (REQ, "bool"),
                                    "rules": (REQ, ("int", 1, LATEST_RULES))},
    ("PartnerRegistered", 1): {"partner": (REQ, "id"), "name": (REQ, "name"), "responsibleAuthority": (REQ, "bool")},
    ("ActorRegistered", 1): {"actor": (REQ, "id"), "name": (REQ, "name"), "partner": (REQ, "id"),
                             "role": (REQ, ("enum", ROLES))},
    ("ActorDeactivated", 1): {"actor": (REQ, "id"), "reason": (OPT, "long")},
    ("StrategicAssessmentRecorded", 1): {"assessment": (REQ, "id"), "year": (REQ, ("int", 1900, 9999)),
                                         "title": (REQ, "name"), "summary": (OPT, "long")},
    ("PlanAdopted", 1): {"plan": (REQ, "id"), "title": (REQ, "name"), "from": (REQ, "date"), "to": (REQ, "date"),
                         "assessment": (OPT, "id")},
    ("PriorityAdded", 1): {"priority": (REQ, "id"), "plan": (REQ, "id"), "title": (REQ, "name"), "scope": (OPT, "scope")},
    ("ActionCreated", 1): {"action": (REQ, "id"), "priority": (REQ, "id"), "title": (REQ, "name"), "due": (OPT, "date")},
    ("ActionAssigned", 1): {"action": (REQ, "id"), "lead": (REQ, "id"), "supporting": (REQ, "ids"), "owner": (OPT, "id")},
    ("ActionProgressed", 1): {"action": (REQ, "id"), "status": (REQ, ("enum", PROGRESS_STATUSES)), "note": (OPT, "long"),
                              "percent": (OPT, ("int", 0, 100))},
    ("ActionProgressed", 2): {"action": (REQ, "id"), "status": (REQ, ("enum", PROGRESS_STATUSES)), "note": (OPT, "long"),
                              "percent": (OPT, ("int", 0, 100)), "evidence": (REQ, "evidence")},
    ("ActionReviewed", 1): {"action": (REQ, "id"), "outcome": (REQ, ("enum", OUTCOMES)), "note": (OPT, "long"),
                            "nextReview": (OPT, "date")},
    ("ActionAmended", 1): {"action": (REQ, "id"), "title": (OPT, "name"), "due": (OPT, "date")},
    ("PlanReviewed", 1): {"plan": (REQ, "id"), "note": (REQ, "long"), "confirmed": (REQ, "ids"), "retired": (REQ, "ids")},
    ("ActionCorrected", 1): {"action": (REQ, "id"), "corrects": (REQ, "string"), "original": (REQ, "string"),
                             "originalType": (REQ, ("enum", ("ActionProgressed", "ActionReviewed"))),
                             "originalPosition": (REQ, ("int", 1, None)), "originalEffectiveAt": (REQ, "instant"),
                             "reason": (REQ, "reason"), "status": (OPT, ("enum", PROGRESS_STATUSES)),
                             "note": (OPT, "long"), "percent": (OPT, ("int", 0, 100)),
                             "outcome": (OPT, ("enum", OUTCOMES)), "nextReview": (OPT, "date")},
    ("RulesAdopted", 1): {"version": (REQ, ("int", 2, None))},
    ("ClockBehindAccepted", 1): {"clockAt": (REQ, "instant"), "lastRecordedAt": (REQ, "instant")},
    ("TokenIssued", 1): {"token": (REQ, "token"), "actor": (REQ, "id"), "sha256": (REQ, "sha256"), "expiresAt": (REQ, "instant"),
                         "label": (OPT, "name")},
    ("TokenRevoked", 1): {"token": (REQ, "token"), "reason": (OPT, "long")},
    ("LedgerKeyRegistered", 1): {"key": (REQ, "string")},
    ("LedgerKeyRevoked", 1): {"key": (REQ, "string"), "reason": (OPT, "long")},
    ("CheckpointSigned", 1): {"checkpoint": (REQ, "string")},
    ("WitnessRegistered", 1): {"partner": (REQ, "id"), "key": (REQ, "string")},
    ("WitnessRemoved", 1): {"key": (REQ, "string"), "reason": (OPT, "long")},
    ("WitnessThresholdSet", 1): {"threshold": (REQ, ("int", 1, 100))},
    ("CheckpointCosigned", 1): {"checkpoint": (REQ, "string"), "cosignature": (REQ, "string")},
}
SCHEMA_VERSIONS = {}
for _type, _version in SPEC:
    SCHEMA_VERSIONS.setdefault(_type, []).append(_version)

STREAM_KEY = {
    "PartnershipEstablished": None, "RulesAdopted": None, "ClockBehindAccepted": None,
    "LedgerKeyRegistered": None, "LedgerKeyRevoked": None, "CheckpointSigned": None,
    "WitnessRegistered": None, "WitnessRemoved": None, "WitnessThresholdSet": None, "CheckpointCosigned": None,
    "PartnerRegistered": ("partner-", "partner"),
    "ActorRegistered": ("actor-", "actor"), "ActorDeactivated": ("actor-", "actor"),
    "StrategicAssessmentRecorded": ("assessment-", "assessment"),
    "PlanAdopted": ("plan-", "plan"), "PlanReviewed": ("plan-", "plan"),
    "PriorityAdded": ("priority-", "priority"),
    "ActionCreated": ("action-", "action"), "ActionAssigned": ("action-", "action"),
    "ActionProgressed": ("action-", "action"), "ActionReviewed": ("action-", "action"),
    "ActionAmended": ("action-", "action"), "ActionCorrected": ("action-", "action"),
    "TokenIssued": ("token-", "token"), "TokenRevoked": ("token-", "token"),
}


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def instant_ms(text):
    """Milliseconds of an instant as the ledger writes it in payloads, or None."""
    if not isinstance(text, str) or not INSTANT_PATTERN.fullmatch(text):
        return None
    try:
        moment = datetime.datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        return None
    delta = moment - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1000 + int(text[20:23])


def valid_date(text):
    match = DATE_PATTERN.fullmatch(text)
    if not match:
        return False
    try:
        datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return False
    return True


def value_problem(value, field, kind, rules):
    """Why a payload value is not of its kind, or None."""
    if isinstance(kind, tuple):
        if kind[0] == "int":
            if not is_int(value):
                return "%s is not an integer" % field
            low, high = kind[1], kind[2]
            if value < low or (high is not None and value > high):
                return "%s %d is out of range (%d%s)" % (field, value, low, "-%d" % high if high is not None else " or more")
            return None
        if kind[0] == "enum":
            if isinstance(value, str) and value in kind[1]:
                return None
            if value == "withdrawn" and kind[1] is PROGRESS_STATUSES:
                return "%s is withdrawn, which a progress report never is (a review withdraws an action)" % field
            return "%s %s is not one of %s" % (field, json.dumps(value, ensure_ascii=True)[:80], ", ".join(kind[1]))
    if kind == "bool":
        return None if isinstance(value, bool) else "%s is not true or false" % field
    if kind == "ids":
        if not isinstance(value, list):
            return "%s is not an array" % field
        for index, item in enumerate(value):
            problem = value_problem(item, "%s[%d]" % (field, index), "id", rules)
            if problem:
                return problem
        return None
    if kind == "evidence":
        if not isinstance(value, list):
            return "%s is not an array" % field
        if len(value) > 50:
            return "%s lists %d items; the limit is 50" % (field, len(value))
        for index, item in enumerate(value):
            problem = value_problem(item, "%s[%d]" % (field, index), "name", rules)
            if problem:
                return problem
        return None
    if not isinstance(value, str):
        return "%s is not a string" % field
    if kind == "id":
        if not ID_PATTERN.fullmatch(value):
            return ("%s %s is not an id (1-64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit)"
                    % (field, json.dumps(value, ensure_ascii=True)[:80]))
        return None
    if kind in ("token", "sha256"):
        pattern, what = (TOKEN_ID_PATTERN, "a token id (16") if kind == "token" else (SHA256_PATTERN, "a SHA-256 (64")
        if not pattern.fullmatch(value):
            return "%s %s is not %s lowercase hexadecimal digits)" % (field, json.dumps(value, ensure_ascii=True)[:80], what)
        return None
    if kind == "date":
        return None if valid_date(value) else "%s %s is not a date (YYYY-MM-DD)" % (field, json.dumps(value, ensure_ascii=True)[:40])
    if kind == "instant":
        if instant_ms(value) is None:
            return "%s %s is not an instant as the ledger writes it (YYYY-MM-DDTHH:MM:SS.mmmZ)" % (
                field, json.dumps(value, ensure_ascii=True)[:40])
        return None
    if kind == "string":
        return None if value else "%s is empty" % field
    if kind == "reason":
        if not value:
            return "%s is empty" % field
        return text_problem(value, field, "long", rules)
    return text_problem(value, field, kind, rules)


def payload_problem(event_type, version, payload, rules):
    """Why a decoded payload does not match its type's schema, or None."""
    spec = SPEC[(event_type, version)]
    if not isinstance(payload, dict):
        return "the payload is not a JSON object"
    for key in payload:
        if key not in spec:
            return "%s version %d has no key %s" % (event_type, version, json.dumps(key, ensure_ascii=True)[:80])
    for key, (required, kind) in spec.items():
        if key not in payload:
            if required:
                return "the %s payload lacks the key %s" % (event_type, key)
            continue
        if payload[key] is None:
            return "%s %s is null; an absent value is left out" % (event_type, key)
        problem = value_problem(payload[key], "%s %s" % (event_type, key), kind, rules)
        if problem:
            return problem
    return None


class MerkleFrontier:
    """The right edge of the RFC 9162 Merkle tree over the chain hashes (Schemas/README.md):
    the roots of its complete subtrees, largest first, as (level, hash)."""

    def __init__(self):
        self.edge = []

    def append(self, chain_hash):
        level, node = 0, hashlib.sha256(b"\x00" + chain_hash).digest()
        while self.edge and self.edge[-1][0] == level:
            node = hashlib.sha256(b"\x01" + self.edge.pop()[1] + node).digest()
            level += 1
        self.edge.append((level, node))

    def root(self):
        if not self.edge:
            return hashlib.sha256(b"").digest()
        node = self.edge[-1][1]
        for _, left in reversed(self.edge[:-1]):
            node = hashlib.sha256(b"\x01" + left + node).digest()
        return node


def checkpoint_origin(name, first_hash):
    """csp-ledger/<the name in lowercase letters, digits and hyphens>/<16 hex digits>."""
    slug = ""
    for c in name.lower():
        if "a" <= c <= "z" or "0" <= c <= "9":
            slug += c
        elif slug and not slug.endswith("-"):
            slug += "-"
    return "csp-ledger/%s/%s" % (slug.rstrip("-") or "partnership", first_hash[:16])


def checkpoint_problem(note, position, state):
    """Why a recorded checkpoint (a signed note) is not this ledger's at `position`, or None."""
    text, sep, _ = note.rpartition("\n\n")
    lines = (text + "\n").split("\n") if sep else []
    if len(lines) < 4 or not lines[1].isdigit() or not lines[1].isascii():
        return "CheckpointSigned holds no checkpoint (origin, size, root) as a signed note"
    if lines[0] != state.origin:
        return "CheckpointSigned is of %s, not of this ledger (%s)" % (json.dumps(lines[0])[:100], state.origin)
    if int(lines[1]) != position - 1:
        return "CheckpointSigned covers %s events, not the %d before it" % (lines[1], position - 1)
    root = base64.b64encode(state.tree.root()).decode("ascii")
    if lines[2] != root:
        return "CheckpointSigned has root %s, but the events before it give %s" % (json.dumps(lines[2])[:60], root)
    return None


# ---------------------------------------------------------------------------
# Ed25519 verification (RFC 8032 §5.1.7), with the standard library only

ED_P = 2 ** 255 - 19
ED_L = 2 ** 252 + 27742317777372353535851937790883648493
ED_D = -121665 * pow(121666, ED_P - 2, ED_P) % ED_P
ED_I = pow(2, (ED_P - 1) // 4, ED_P)


def ed_recover_x(y, sign):
    if y >= ED_P:
        return None
    x2 = (y * y - 1) * pow(ED_D * y * y + 1, ED_P - 2, ED_P) % ED_P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (ED_P + 3) // 8, ED_P)
    if (x * x - x2) % ED_P:
        x = x * ED_I % ED_P
    if (x * x - x2) % ED_P:
        return None
    return ED_P - x if (x & 1) != sign else x


def ed_add(p, q):
    a = (p[1] - p[0]) * (q[1] - q[0]) % ED_P
    b = (p[1] + p[0]) * (q[1] + q[0]) % ED_P
    c = 2 * p[3] * q[3] * ED_D % ED_P
    d = 2 * p[2] * q[2] % ED_P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % ED_P, g * h % ED_P, f * g % ED_P, e * h % ED_P)


def ed_multiply(scalar, point):
    result = (0, 1, 1, 0)
    while scalar:
        if scalar & 1:
            result = ed_add(result, point)
        point, scalar = ed_add(point, point), scalar >> 1
    return result


def ed_decompress(data):
    y = int.from_bytes(data, "little")
    x = ed_recover_x(y & ((1 << 255) - 1), y >> 255)
    return None if x is None else (x, y & ((1 << 255) - 1), 1, x * (y & ((1 << 255) - 1)) % ED_P)


ED_BASE = ed_decompress((4 * pow(5, ED_P - 2, ED_P) % ED_P).to_bytes(32, "little"))


def ed25519_verify(public, message, signature):
    """Whether `signature` (64 bytes) is the Ed25519 signature of `message` by `public` (32 bytes)."""
    if len(public) != 32 or len(signature) != 64:
        return False
    a, r = ed_decompress(public), ed_decompress(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= ED_L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % ED_L
    left, right = ed_multiply(s, ED_BASE), ed_add(r, ed_multiply(h, a))
    return (left[0] * right[2] - right[0] * left[2]) % ED_P == 0 and (left[1] * right[2] - right[1] * left[2]) % ED_P == 0


# ---------------------------------------------------------------------------
# Witnesses (C2SP tlog-cosignature/v1)

LATEST_COSIGNATURE_TIME = 253402300799  # 9999-12-31T23:59:59Z


def parse_verifier_key(text):
    """(name, key id, type byte, public key) of a signed-note verifier key NAME+KEYID+BASE64, or None."""
    parts = text.split("+", 2)
    if len(parts) != 3 or not re.fullmatch(r"[0-9a-f]{8}", parts[1]) or not parts[0]:
        return None
    try:
        encoded = base64.b64decode(parts[2], validate=True)
    except ValueError:
        return None
    if len(encoded) != 33 or hashlib.sha256(parts[0].encode("utf-8") + b"\n" + encoded).hexdigest()[:8] != parts[1]:
        return None
    return parts[0], parts[1], encoded[0], encoded[1:]


def parse_cosignature(line):
    """(name, key id in hex, timestamp, signature) of a cosignature line, or None."""
    fields = line.split(" ")
    if len(fields) != 3 or fields[0] != "\u2014" or not fields[1]:
        return None
    try:
        data = base64.b64decode(fields[2], validate=True)
    except ValueError:
        return None
    if len(data) != 76 or base64.b64encode(data).decode("ascii") != fields[2]:
        return None
    timestamp = int.from_bytes(data[4:12], "big")
    return (fields[1], data[:4].hex(), timestamp, data[12:]) if timestamp <= LATEST_COSIGNATURE_TIME else None


class Witness:
    def __init__(self, text):
        self.name, self.key_id, _, self.public = parse_verifier_key(text)
        self.removed = False
        self.last = None


def active_witness(state, name, key_id):
    return next((w for w in state.witnesses.values() if not w.removed and w.name == name and w.key_id == key_id), None)


def witness_registered_problem(state, payload, _recorded):
    key = parse_verifier_key(payload["key"])
    if key is None or key[2] != 4:
        return "WitnessRegistered key is not a witness's verifier key (NAME+KEYID+BASE64 of type 0x04 with its right key id)"
    if payload["key"] in state.witnesses:
        return "WitnessRegistered key %s is already registered" % key[0]
    return None


def witness_removed_problem(state, payload, _recorded):
    witness = state.witnesses.get(payload["key"])
    if witness is None or witness.removed:
        return "WitnessRemoved key was not registered, or was already removed"
    return None


def witness_threshold_problem(state, payload, _recorded):
    active = sum(1 for w in state.witnesses.values() if not w.removed)
    if payload["threshold"] > active:
        return "WitnessThresholdSet threshold %d is more than the %d witnesses registered" % (payload["threshold"], active)
    return None


def cosignature_problem(state, payload, recorded):
    checkpoint = state.checkpoints.get(payload["checkpoint"])
    if checkpoint is None:
        return "CheckpointCosigned checkpoint %s is not the event id of an earlier CheckpointSigned" % (
            json.dumps(payload["checkpoint"], ensure_ascii=True)[:80])
    parsed = parse_cosignature(payload["cosignature"])
    if parsed is None:
        return "CheckpointCosigned cosignature is not a cosignature/v1 line (— NAME BASE64 of a key id, a time and a signature)"
    name, key_id, timestamp, signature = parsed
    witness = active_witness(state, name, key_id)
    if witness is None:
        return "CheckpointCosigned cosignature by %s is not by a witness registered and not removed" % json.dumps(name)[:80]
    message = ("cosignature/v1\ntime %d\n" % timestamp + checkpoint[0]).encode("utf-8")
    if not ed25519_verify(witness.public, message, signature):
        return "CheckpointCosigned cosignature by %s does not verify for the checkpoint it names" % name
    if witness.last is not None and timestamp <= witness.last:
        return "CheckpointCosigned cosignature by %s is not later than its last one" % name
    if not checkpoint[1] - CLOCK_BEHIND_MS <= timestamp * 1000 <= recorded + CLOCK_BEHIND_MS:
        return "CheckpointCosigned cosignature by %s is dated %s, outside the time from the checkpoint's recording to its own" % (
            name, iso(timestamp * 1000))
    return None


WITNESS_CHECKS = {"WitnessRegistered": witness_registered_problem, "WitnessRemoved": witness_removed_problem,
                  "WitnessThresholdSet": witness_threshold_problem, "CheckpointCosigned": cosignature_problem}


class LedgerState:
    """What the checks carry from one event to the next."""

    def __init__(self):
        self.rules = None
        self.test_clock = False
        self.streams = {}
        self.last_recorded = None
        # Token id -> [actor, expiresAt in ms, ended]; the actors deactivated so far.
        self.tokens = {}
        self.deactivated = set()
        self.tree = MerkleFrontier()
        self.origin = None
        # Witness key text -> Witness; CheckpointSigned event id -> (note text, recorded_at).
        self.witnesses = {}
        self.checkpoints = {}


def event_problem(state, row, payload):
    """Why one event breaks a rule checkable without the fold, or None. Updates `state`."""
    position, event_type, version = row["position"], row["type"], row["schema_version"]
    recorded, effective = row["recorded_at"], row["effective_at"]
    if event_type not in SCHEMA_VERSIONS:
        return "the event type %s is not known" % json.dumps(event_type, ensure_ascii=True)[:80]
    if version not in SCHEMA_VERSIONS[event_type]:
        return "schema version %d of %s is not known (known: %s)" % (
            version, event_type, ", ".join(str(v) for v in sorted(SCHEMA_VERSIONS[event_type])))
    if position == 1:
        if event_type != "PartnershipEstablished":
            return "the first event is %s; a ledger begins with PartnershipEstablished" % event_type
        rules = payload.get("rules", 1) if isinstance(payload, dict) else 1
        state.rules = rules if is_int(rules) and 1 <= rules <= LATEST_RULES else LATEST_RULES
    elif event_type == "PartnershipEstablished":
        return "PartnershipEstablished is only ever at position 1"
    problem = payload_problem(event_type, version, payload, state.rules)
    if problem:
        return problem
    for column in ("actor_id", "partner_id"):
        if not ID_PATTERN.fullmatch(row[column]):
            return "%s %s is not an id" % (column, json.dumps(row[column], ensure_ascii=True)[:80])
    if not row["event_id"]:
        return "event_id is empty"
    # The stream.
    key = STREAM_KEY[event_type]
    stream = "partnership" if key is None else key[0] + payload[key[1]]
    if row["stream_id"] != stream:
        return "stream_id %s does not match the payload, which puts this %s in stream %s" % (
            json.dumps(row["stream_id"], ensure_ascii=True)[:80], event_type, stream)
    expected_version = state.streams.get(stream, 0) + 1
    if row["stream_version"] != expected_version:
        return "stream_version %d of stream %s is not the next one (%d)" % (row["stream_version"], stream, expected_version)
    # Times.
    if state.last_recorded is not None and recorded < state.last_recorded:
        return "recorded_at goes backwards (%s after %s)" % (iso(recorded), iso(state.last_recorded))
    if effective > recorded:
        return "effective_at %s is after recorded_at %s" % (iso(effective), iso(recorded))
    if effective != recorded and event_type not in BACKDATABLE:
        return "%s takes effect when recorded, but effective_at %s differs from recorded_at %s" % (
            event_type, iso(effective), iso(recorded))
    problem = credential_problem(state, row)
    if problem:
        return problem
    # Rules within one payload.
    if event_type == "PartnershipEstablished" and version >= 2:
        state.test_clock = payload["testClock"]
    elif event_type == "RulesAdopted":
        if payload["version"] > LATEST_RULES:
            return "rules version %d is not known (the latest is %d)" % (payload["version"], LATEST_RULES)
        if payload["version"] <= state.rules:
            return "RulesAdopted version %d does not raise the rules in force (version %d)" % (payload["version"], state.rules)
    elif event_type == "ClockBehindAccepted":
        clock_at, last = instant_ms(payload["clockAt"]), instant_ms(payload["lastRecordedAt"])
        if last != recorded:
            return "ClockBehindAccepted lastRecordedAt %s is not its recorded_at %s" % (payload["lastRecordedAt"], iso(recorded))
        if state.last_recorded != last:
            return "ClockBehindAccepted lastRecordedAt %s is not the previous event's recorded_at %s" % (
                payload["lastRecordedAt"], iso(state.last_recorded))
        if not clock_at < last - CLOCK_BEHIND_MS:
            return "ClockBehindAccepted clockAt %s is not more than 10 minutes before lastRecordedAt %s" % (
                payload["clockAt"], payload["lastRecordedAt"])
    elif event_type == "TokenIssued":
        expires = instant_ms(payload["expiresAt"])
        if payload["token"] in state.tokens:
            return "TokenIssued token %s is already issued" % payload["token"]
        if not recorded < expires <= recorded + TOKEN_LONGEST_MS:
            return "TokenIssued expiresAt %s is not after its recorded_at %s and at most 366 days after it" % (
                payload["expiresAt"], iso(recorded))
    elif event_type == "TokenRevoked":
        token = state.tokens.get(payload["token"])
        if token is None or token[2]:
            return "TokenRevoked token %s was not issued, or had already ended" % payload["token"]
    elif event_type == "CheckpointSigned":
        problem = checkpoint_problem(payload["checkpoint"], position, state)
        if problem:
            return problem
    elif event_type in WITNESS_CHECKS:
        problem = WITNESS_CHECKS[event_type](state, payload, recorded)
        if problem:
            return problem
    elif event_type == "PlanAdopted":
        if payload["from"] > payload["to"]:
            return "the plan period starts (%s) after it ends (%s)" % (payload["from"], payload["to"])
    elif event_type == "ActionAssigned":
        supporting = payload["supporting"]
        if len(set(supporting)) != len(supporting):
            return "ActionAssigned supporting lists a partner twice"
        if payload["lead"] in supporting:
            return "ActionAssigned supporting includes the lead %s" % payload["lead"]
        if supporting != sorted(supporting):
            return "ActionAssigned supporting is not sorted"
    elif event_type == "ActionReviewed":
        if payload["outcome"] in ("complete", "withdraw") and "nextReview" in payload:
            return "a %s review closes the action, so it has no nextReview" % payload["outcome"]
    elif event_type == "ActionCorrected":
        if payload["originalPosition"] >= position:
            return "ActionCorrected originalPosition %d is not before it" % payload["originalPosition"]
        if instant_ms(payload["originalEffectiveAt"]) > effective:
            return "ActionCorrected takes effect (%s) before the event it corrects (%s)" % (
                iso(effective), payload["originalEffectiveAt"])
    # Only now that the event is sound does it change what later ones are checked against.
    state.streams[stream] = expected_version
    state.last_recorded = recorded
    if position == 1:
        state.origin = checkpoint_origin(payload["name"], row["hash"])
    state.tree.append(bytes.fromhex(row["hash"]))
    if event_type == "RulesAdopted":
        state.rules = payload["version"]
    elif event_type == "TokenIssued":
        state.tokens[payload["token"]] = [payload["actor"], instant_ms(payload["expiresAt"]), False]
    elif event_type == "TokenRevoked":
        state.tokens[payload["token"]][2] = True
    elif event_type == "CheckpointSigned":
        state.checkpoints[row["event_id"]] = (payload["checkpoint"].rpartition("\n\n")[0] + "\n", recorded)
    elif event_type == "WitnessRegistered":
        state.witnesses[payload["key"]] = Witness(payload["key"])
    elif event_type == "WitnessRemoved":
        state.witnesses[payload["key"]].removed = True
    elif event_type == "CheckpointCosigned":
        name, key_id, timestamp, _ = parse_cosignature(payload["cosignature"])
        active_witness(state, name, key_id).last = timestamp
    elif event_type == "ActorDeactivated":
        state.deactivated.add(payload["actor"])
        for token in state.tokens.values():
            if token[0] == payload["actor"]:
                token[2] = True
    return None


def credential_problem(state, row):
    """Why an event's credential does not authorise it, or None (also for no credential)."""
    credential = row[CREDENTIAL] if CREDENTIAL in row.keys() else None
    if credential is None:
        return None
    if row["position"] <= 3:
        return "a ledger's set-up events carry no credential"
    token = state.tokens.get(credential)
    if token is None or token[0] != row["actor_id"] or token[2] or row["recorded_at"] >= token[1] or row["actor_id"] in state.deactivated:
        return "credential %s does not authorise a write by %s at %s: it was not issued to that actor, or it was revoked, ended or expired" % (
            credential, row["actor_id"], iso(row["recorded_at"]))
    return None


# ---------------------------------------------------------------------------
# The walk

class Result:
    def __init__(self, count, position, head, problem, test_clock, rules):
        self.count, self.position, self.head, self.problem = count, position, head, problem
        self.test_clock, self.rules = test_clock, rules


def verify_rows(rows, digest=None):
    """Checks an iterable of rows in position order; returns a Result."""
    prev_hash, expected, count = GENESIS, 1, 0
    state = LedgerState()

    def result(problem):
        return Result(count, expected - 1, prev_hash, problem, state.test_clock, state.rules)

    for row in rows:
        try:
            problem = column_problem(row, "position")
            if problem:
                return result((expected, problem))
            position = row["position"]
            if position != expected:
                return result((expected, "position %d is missing: the next row is at position %d" % (expected, position)))
            for column in COLUMNS[1:] + (CREDENTIAL,):
                problem = column_problem(row, column)
                if problem:
                    return result((position, problem))
            for column in ("recorded_at", "effective_at"):
                if not MIN_TIME <= row[column] <= MAX_TIME:
                    return result((position, "%s %d is out of range: a time is from year 1 to 9999" % (column, row[column])))
            try:
                payload = json.loads(row["payload"])
                payload_ok = canonical(payload) == row["payload"]
            except (ValueError, RecursionError):
                payload_ok = False
            if not payload_ok:
                return result((position, "the payload is not canonical JSON"))
            if row["prev_hash"] != prev_hash:
                return result((position, "prev_hash does not match the hash of position %d" % (position - 1)))
            computed = hashlib.sha256((prev_hash + envelope(row)).encode("utf-8")).hexdigest()
            if computed != row["hash"]:
                return result((position, "the hash does not match the event's contents; the row was altered"))
            if digest and digest[0] == position and digest[1] != computed:
                return result((position, "does not match the published digest: the log up to it was changed since the digest was taken"))
            problem = event_problem(state, row, payload)
            if problem:
                return result((position, problem))
        except Exception as error:  # a value no rule above foresaw: still a failure, never a traceback
            return result((expected, "cannot be checked: %s: %s" % (type(error).__name__, error)))
        prev_hash, expected, count = computed, expected + 1, count + 1
    if digest and digest[0] > count:
        return result((count + 1, "the log ends at position %d, before the published digest's position %d: events were removed" % (count, digest[0])))
    return result(None)


def check(rows, digest=None):
    """Returns (count, head_position, head_hash, problem) for an iterable of rows."""
    r = verify_rows(rows, digest)
    return r.count, r.position, r.head, r.problem


def parse_digest(text):
    """POSITION:HASH (or a line starting with it), or None when malformed."""
    position, _, digest = text.split()[0].partition(":") if text.strip() else ("", "", "")
    if not position.isdigit() or not position.isascii() or int(position) < 1 or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        return None
    return int(position), digest


def read_rows(connection):
    """Every row of the events table in position order, with storage classes."""
    connection.text_factory = bytes
    columns = [row[1] for row in connection.execute("PRAGMA table_info(events)")]
    credential = b"credential" in columns or "credential" in columns
    selected = ["%s, typeof(%s)" % (c, c) for c in COLUMNS]
    # A file written before migration v4-credentials has no credentials: every envelope is version 1.
    selected.append("credential, typeof(credential)" if credential else "NULL, 'null'")
    sql = "SELECT %s FROM events ORDER BY position" % ", ".join(selected)
    return (stored_row(raw) for raw in connection.execute(sql))


def main(argv):
    args = argv[1:]
    if args in (["-h"], ["--help"]):
        print(__doc__.strip())
        return 0
    digest = None
    if len(args) == 3 and args[1] == "--digest":
        digest = parse_digest(args[2])
        if digest is None:
            print("Error: '%s' is not a digest; give it as POSITION:HASH, as csp-ledger digest prints it" % args[2], file=sys.stderr)
            return 64
        args = args[:1]
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    path = args[0]
    try:
        connection = sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(path), uri=True)
        try:
            result = verify_rows(read_rows(connection), digest)
        finally:
            connection.close()
    except (sqlite3.Error, ValueError, OverflowError, MemoryError) as error:
        print("Error: cannot read %s as a csp-ledger ledger: %s" % (path, error), file=sys.stderr)
        return 1
    if result.problem:
        print("FAIL: position %d: %s" % result.problem, file=sys.stderr)
        return 65
    print("ok: %d events" % result.count)
    if result.test_clock:
        print(TEST_CLOCK_LINE)
    print(LEFT_TO_SWIFT_LINE)
    print("head: position %d hash %s" % (result.position, result.head))
    if digest:
        print("digest: the log up to position %d matches %d:%s; %d later events chain from it" % (digest[0], digest[0], digest[1], result.position - digest[0]))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except BrokenPipeError:  # output piped to a reader that stopped early, such as head
        sys.stderr.close()
        sys.exit(1)
