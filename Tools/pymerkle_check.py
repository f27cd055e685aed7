#!/usr/bin/env python3
"""Checks the ledger's Merkle roots and proofs with pymerkle 7, a second implementation.

Reads the commands of Tools/tlogcheck/main.go on standard input (leaf, root, inclusion,
consistency; the others are Go's alone and skipped) and prints "ok" or "FAIL reason" for
each check; exits 1 if any failed. pymerkle's InmemoryTree(algorithm='sha256') hashes
leaves and nodes as RFC 9162 does. Its inclusion path is the leaf's hash followed by the
RFC's audit path, compared exactly. Its consistency proofs take another form (two
leaves where the RFC gives their parent), so there it checks that its own proof links
the two roots, which the root lines compare.
"""
import base64
import sys
import warnings

from pymerkle import InmemoryTree, verify_consistency, verify_inclusion

warnings.simplefilter("ignore", DeprecationWarning)


def hashes(field):
    return [] if field == "-" else [base64.b64decode(h) for h in field.split(",")]


def main():
    tree = InmemoryTree(algorithm="sha256")
    failed = False
    for line in sys.stdin:
        f = line.split()
        if not f:
            continue
        try:
            if f[0] == "leaf":
                tree.append_entry(bytes.fromhex("".join(f[1:])))  # a leaf of no bytes has no second field
                continue
            if f[0] == "root":
                root = tree.get_state(int(f[1]))
                if root != base64.b64decode(f[2]):
                    raise ValueError(f"root of {f[1]} is {base64.b64encode(root).decode()}, not {f[2]}")
            elif f[0] == "inclusion":
                n, i, given = int(f[1]), int(f[2]), hashes(f[3])
                proof = tree.prove_inclusion(i + 1, n)
                path = [bytes.fromhex(h) for h in proof.serialize()["path"]]
                if path[1:] != given:
                    raise ValueError(f"proof of {i} in {n} differs from pymerkle's")
                verify_inclusion(path[0], tree.get_state(n), proof)
            elif f[0] == "consistency":
                old, new, given = int(f[1]), int(f[2]), hashes(f[3])
                if old == new:
                    if given:
                        raise ValueError("a proof between equal sizes is empty")
                else:
                    proof = tree.prove_consistency(old, new)
                    verify_consistency(tree.get_state(old), tree.get_state(new), proof)
            else:
                continue
            print("ok")
        except Exception as error:  # every failure is reported, and the run goes on
            print(f"FAIL {f[0]}: {error}")
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
