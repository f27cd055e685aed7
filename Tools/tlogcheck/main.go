// Command tlogcheck checks the ledger's Merkle trees, proofs and signed checkpoints
// with Go's reference implementation (golang.org/x/mod/sumdb/tlog and sumdb/note), so
// that the tests hold the Swift code to a second, independent implementation.
//
// It reads commands from standard input, one a line, and prints one line for each
// check: "ok" or "FAIL <reason>". It exits 1 if any check failed.
//
//	leaf HEX                     append a record whose data is HEX (Go computes its hash)
//	root N BASE64                the tree of the first N records has this root
//	inclusion N I B64,B64,...    this is Go's proof of record I in tree N, and it checks
//	consistency OLD NEW B64,...  this is Go's proof that tree OLD is a prefix of tree NEW
//	reject-inclusion N I ROOT LEAFHEX B64,...    Go refuses this record proof
//	reject-consistency OLD NEW OLDROOT NEWROOT B64,...   Go refuses this tree proof
//	note VKEY BASE64(NOTE)       the signed note opens with the verifier key, and its text
//	                             is a checkpoint; prints "ok ORIGIN SIZE ROOT"
//
// Build and run offline in GOPATH mode: GOPATH=/usr/share/gocode GO111MODULE=off go run main.go
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type store struct{ hashes []tlog.Hash }

func (s *store) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x >= int64(len(s.hashes)) {
			return nil, fmt.Errorf("no stored hash %d", x)
		}
		out[i] = s.hashes[x]
	}
	return out, nil
}

func parseHashes(field string) ([]tlog.Hash, error) {
	if field == "-" {
		return nil, nil
	}
	var out []tlog.Hash
	for _, b := range strings.Split(field, ",") {
		h, err := tlog.ParseHash(b)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

func equal(a, b []tlog.Hash) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// agree checks that the proof in field is the one Go makes, and that Go's check passes it.
func agree(field, what string, prove func() ([]tlog.Hash, error), check func([]tlog.Hash) error) error {
	given, err := parseHashes(field)
	if err != nil {
		return err
	}
	proof, err := prove()
	if err != nil {
		return err
	}
	if !equal(proof, given) {
		return fmt.Errorf("%s differs from Go's", what)
	}
	return check(given)
}

func atoi(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return n
}

func run(s *store, records *int64, f []string) error {
	switch f[0] {
	case "leaf":
		// A leaf of no bytes has no second field.
		data, err := hex.DecodeString(strings.Join(f[1:], ""))
		if err != nil {
			return err
		}
		hashes, err := tlog.StoredHashes(*records, data, s)
		if err != nil {
			return err
		}
		s.hashes = append(s.hashes, hashes...)
		*records++
		return nil
	case "root":
		h, err := tlog.TreeHash(atoi(f[1]), s)
		if err != nil {
			return err
		}
		if h.String() != f[2] {
			return fmt.Errorf("root of %s is %s, not %s", f[1], h, f[2])
		}
	case "inclusion":
		n, i := atoi(f[1]), atoi(f[2])
		root, _ := tlog.TreeHash(n, s)
		leaf, _ := s.ReadHashes([]int64{tlog.StoredHashIndex(0, i)})
		err := agree(f[3], fmt.Sprintf("proof of %d in %d", i, n),
			func() ([]tlog.Hash, error) { return tlog.ProveRecord(n, i, s) },
			func(p []tlog.Hash) error { return tlog.CheckRecord(p, n, root, i, leaf[0]) })
		if err != nil {
			return err
		}
	case "consistency":
		old, new := atoi(f[1]), atoi(f[2])
		oldRoot, _ := tlog.TreeHash(old, s)
		newRoot, _ := tlog.TreeHash(new, s)
		err := agree(f[3], fmt.Sprintf("proof from %d to %d", old, new),
			func() ([]tlog.Hash, error) { return tlog.ProveTree(new, old, s) },
			func(p []tlog.Hash) error { return tlog.CheckTree(p, new, newRoot, old, oldRoot) })
		if err != nil {
			return err
		}
	case "reject-inclusion":
		root, err := tlog.ParseHash(f[3])
		if err != nil {
			return err
		}
		data, err := hex.DecodeString(f[4])
		if err != nil {
			return err
		}
		given, err := parseHashes(f[5])
		if err != nil {
			return err
		}
		if tlog.CheckRecord(given, atoi(f[1]), root, atoi(f[2]), tlog.RecordHash(data)) == nil {
			return fmt.Errorf("Go accepted a bad record proof")
		}
	case "reject-consistency":
		oldRoot, err1 := tlog.ParseHash(f[3])
		newRoot, err2 := tlog.ParseHash(f[4])
		given, err3 := parseHashes(f[5])
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("unreadable hashes")
		}
		if tlog.CheckTree(given, atoi(f[2]), newRoot, atoi(f[1]), oldRoot) == nil {
			return fmt.Errorf("Go accepted a bad tree proof")
		}
	case "note":
		verifier, err := note.NewVerifier(f[1])
		if err != nil {
			return err
		}
		msg, err := base64.StdEncoding.DecodeString(f[2])
		if err != nil {
			return err
		}
		n, err := note.Open(msg, note.VerifierList(verifier))
		if err != nil {
			return err
		}
		lines := strings.Split(n.Text, "\n")
		if len(lines) < 4 || lines[len(lines)-1] != "" {
			return fmt.Errorf("the note's text is not a checkpoint")
		}
		size, err := strconv.ParseInt(lines[1], 10, 64)
		if err != nil || strconv.FormatInt(size, 10) != lines[1] {
			return fmt.Errorf("the checkpoint's size %q is not a decimal number", lines[1])
		}
		if _, err := tlog.ParseHash(lines[2]); err != nil {
			return fmt.Errorf("the checkpoint's root: %v", err)
		}
		fmt.Printf("ok %s %d %s\n", lines[0], size, lines[2])
		return errPrinted
	default:
		return fmt.Errorf("unknown command %q", f[0])
	}
	fmt.Println("ok")
	return errPrinted
}

var errPrinted = fmt.Errorf("printed")

func main() {
	s := &store{}
	var records int64
	failed := false
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	for in.Scan() {
		f := strings.Fields(in.Text())
		if len(f) == 0 {
			continue
		}
		if err := run(s, &records, f); err != nil && err != errPrinted {
			fmt.Printf("FAIL %s: %v\n", f[0], err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}
