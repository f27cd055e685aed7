#!/usr/bin/env python3
"""Validate csp-ledger output against Schemas/ with an independent validator.

Usage:
  python3 Tools/check_schemas.py events FILE   # a JSON array, as `log --format json` prints
  python3 Tools/check_schemas.py state FILE    # one object, as `state --format json` prints
  python3 Tools/check_schemas.py plan FILE     # a plan file in JSON
  python3 Tools/check_schemas.py export FILE   # JSON Lines, as `export` writes
  python3 Tools/check_schemas.py evidence FILE # an evidence pack, as `evidence` writes

Each envelope is checked against Schemas/envelope.schema.json and its payload
against Schemas/events/TYPE.vN.schema.json (N: the line's schemaVersion, or the
latest version, to which history and log upcast payloads) (JSON Schema draft 2020-12, Python's
`jsonschema` package). Exits 0 when everything is valid, 1 naming the first
invalid item otherwise.
"""
import json
import os
import sys

import jsonschema

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Schemas")


def load(relative):
    with open(os.path.join(SCHEMAS, relative), encoding="utf-8") as handle:
        return json.load(handle)


def validator(relative, registry=None):
    schema = load(relative)
    jsonschema.Draft202012Validator.check_schema(schema)
    if registry is None:
        return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker(), registry=registry)


def evidence_validator():
    """The evidence pack's schema, which refers to the state's by its $id."""
    import referencing
    state = load("state.schema.json")
    registry = referencing.Registry().with_resource(state["$id"], referencing.Resource.from_contents(state))
    return validator("evidence.schema.json", registry)


def latest(event_type):
    """The highest schema version with a schema file: history and log print payloads upcast to it."""
    versions = [int(name.split(".v")[1].split(".")[0]) for name in os.listdir(os.path.join(SCHEMAS, "events"))
                if name.startswith(event_type + ".v")]
    return max(versions)


def fail(where, error):
    print("invalid %s: %s at %s" % (where, error.message, "/".join(str(p) for p in error.absolute_path)), file=sys.stderr)
    return 1


def main(argv):
    if len(argv) != 3 or argv[1] not in ("events", "state", "plan", "export", "evidence"):
        print(__doc__.strip(), file=sys.stderr)
        return 64
    with open(argv[2], encoding="utf-8") as handle:
        document = [json.loads(line) for line in handle] if argv[1] == "export" else json.load(handle)
    if argv[1] == "state":
        for error in validator("state.schema.json").iter_errors(document):
            return fail("state", error)
        print("ok: state valid (%d actions)" % len(document["actions"]))
        return 0
    if argv[1] == "evidence":
        for error in evidence_validator().iter_errors(document):
            return fail("evidence", error)
        print("ok: evidence valid (%d events)" % len(document["events"]))
        return 0
    if argv[1] == "plan":
        for error in validator("plan.schema.json").iter_errors(document):
            return fail("plan", error)
        print("ok: plan valid")
        return 0
    envelope = validator("export-line.schema.json" if argv[1] == "export" else "envelope.schema.json")
    payloads = {}
    for event in document:
        for error in envelope.iter_errors(event):
            return fail("envelope at position %s" % event.get("position"), error)
        key = "events/%s.v%d.schema.json" % (event["type"], event.get("schemaVersion") or latest(event["type"]))
        if key not in payloads:
            payloads[key] = validator(key)
        for error in payloads[key].iter_errors(event["payload"]):
            return fail("%s payload at position %s" % (event["type"], event["position"]), error)
    print("ok: %d events valid, %d event types" % (len(document), len(payloads)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
