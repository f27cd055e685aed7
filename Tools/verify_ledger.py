#!/usr/bin/env python3
"""Recompute a csp-ledger hash chain without the Swift code.

Usage: python3 Tools/verify_ledger.py LEDGER.sqlite

Reads the `events` table with Python's standard library only (sqlite3, hashlib,
json) and checks, for every position from 1: that positions are gapless, that
prev_hash is the previous row's hash (64 zeros for position 1), that the payload is
canonical JSON, and that hash = SHA-256(prev_hash || canonical envelope), as
specified in Schemas/README.md.

Prints "ok: N events" and "head: position P hash H" and exits 0 when the chain is
sound; otherwise prints "FAIL: position P: reason" on stderr and exits 65. Exits 1
when the file cannot be read as a ledger.
"""
import datetime
import hashlib
import json
import sqlite3
import sys

GENESIS = "0" * 64
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def canonical(value):
    """Canonical JSON: sorted keys, no spaces, minimal escaping, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def iso(milliseconds):
    """Integer milliseconds since 1970 as 2023-03-31T22:59:59.999Z."""
    moment = EPOCH + datetime.timedelta(milliseconds=milliseconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (milliseconds % 1000) + "Z"


def envelope(row):
    """The canonical bytes of an envelope without its hashes; the payload as stored."""
    return (
        '{"actor":' + canonical(row["actor_id"])
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


def check(rows):
    """Returns (count, head_position, head_hash, problem) for an iterable of rows."""
    prev_hash, expected, count = GENESIS, 1, 0
    for row in rows:
        position = row["position"]
        if position != expected:
            return count, expected - 1, prev_hash, (expected, "position %d is missing: the next row is at position %d" % (expected, position))
        try:
            payload_ok = canonical(json.loads(row["payload"])) == row["payload"]
        except ValueError:
            payload_ok = False
        if not payload_ok:
            return count, expected - 1, prev_hash, (position, "the payload is not canonical JSON")
        if row["prev_hash"] != prev_hash:
            return count, expected - 1, prev_hash, (position, "prev_hash does not match the hash of position %d" % (position - 1))
        digest = hashlib.sha256((prev_hash + envelope(row)).encode("utf-8")).hexdigest()
        if digest != row["hash"]:
            return count, expected - 1, prev_hash, (position, "the hash does not match the event's contents; the row was altered")
        prev_hash, expected, count = digest, expected + 1, count + 1
    return count, expected - 1, prev_hash, None


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) == 2 else 64
    path = argv[1]
    try:
        connection = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        connection.row_factory = sqlite3.Row
        connection.text_factory = lambda data: data.decode("utf-8")
        rows = connection.execute(
            "SELECT position, event_id, stream_id, stream_version, type, schema_version, recorded_at,"
            " effective_at, actor_id, partner_id, payload, prev_hash, hash FROM events ORDER BY position")
        count, position, head, problem = check(rows)
    except (sqlite3.Error, UnicodeDecodeError) as error:
        print("Error: cannot read %s as a csp-ledger ledger: %s" % (path, error), file=sys.stderr)
        return 1
    if problem:
        print("FAIL: position %d: %s" % problem, file=sys.stderr)
        return 65
    print("ok: %d events" % count)
    print("head: position %d hash %s" % (position, head))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
