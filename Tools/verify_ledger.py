#!/usr/bin/env python3
"""Recompute a csp-ledger hash chain without the Swift code.

Usage: python3 Tools/verify_ledger.py LEDGER.sqlite [--digest POSITION:HASH]

Reads the `events` table with Python's standard library only (sqlite3, hashlib,
json) and checks, for every position from 1: that positions are gapless, that
prev_hash is the previous row's hash (64 zeros for position 1), that the payload is
canonical JSON, and that hash = SHA-256(prev_hash || canonical envelope), as
specified in Schemas/README.md.

With --digest (as `csp-ledger digest` prints it), also checks that the log up to
that position still hashes to the published digest, and names the position where
it does not, or says that the log ends before it.

Prints "ok: N events" and "head: position P hash H" and exits 0 when the chain is
sound; otherwise prints "FAIL: position P: reason" on stderr and exits 65. Exits 1
when the file cannot be read as a ledger, 64 for a malformed digest.
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
    m = EPOCH + datetime.timedelta(milliseconds=milliseconds)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (m.year, m.month, m.day, m.hour, m.minute, m.second, milliseconds % 1000)


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


def check(rows, digest=None):
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
        computed = hashlib.sha256((prev_hash + envelope(row)).encode("utf-8")).hexdigest()
        if computed != row["hash"]:
            return count, expected - 1, prev_hash, (position, "the hash does not match the event's contents; the row was altered")
        if digest and digest[0] == position and digest[1] != computed:
            return count, expected - 1, prev_hash, (position, "does not match the published digest: the log up to it was changed since the digest was taken")
        prev_hash, expected, count = computed, expected + 1, count + 1
    if digest and digest[0] > count:
        return count, count, prev_hash, (count + 1, "the log ends at position %d, before the published digest's position %d: events were removed" % (count, digest[0]))
    return count, expected - 1, prev_hash, None


def parse_digest(text):
    """POSITION:HASH (or a line starting with it), or None when malformed."""
    position, _, digest = text.split()[0].partition(":") if text.strip() else ("", "", "")
    if not position.isdigit() or int(position) < 1 or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        return None
    return int(position), digest


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
        connection = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        connection.row_factory = sqlite3.Row
        connection.text_factory = lambda data: data.decode("utf-8")
        rows = connection.execute(
            "SELECT position, event_id, stream_id, stream_version, type, schema_version, recorded_at,"
            " effective_at, actor_id, partner_id, payload, prev_hash, hash FROM events ORDER BY position")
        count, position, head, problem = check(rows, digest)
    except (sqlite3.Error, UnicodeDecodeError) as error:
        print("Error: cannot read %s as a csp-ledger ledger: %s" % (path, error), file=sys.stderr)
        return 1
    if problem:
        print("FAIL: position %d: %s" % problem, file=sys.stderr)
        return 65
    print("ok: %d events" % count)
    print("head: position %d hash %s" % (position, head))
    if digest:
        print("digest: the log up to position %d matches %d:%s; %d later events chain from it" % (digest[0], digest[0], digest[1], position - digest[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
