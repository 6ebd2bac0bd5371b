package precompile

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/proof"
)

// TestTeleportSignerSetDoesNotAliasSigner is the collision that unframed
// slot derivation allowed: the signer-set header of Zoo (200200) was the
// slot of signer 8 of chain 0x7300030e (1929380622), so configuring that
// chain overwrote Zoo's set.
func TestTeleportSignerSetDoesNotAliasSigner(t *testing.T) {
	const zoo, attacker = 200200, 1929380622
	if TeleportSignerSetSlot(zoo) == TeleportSignerSlot(attacker, 8) {
		t.Fatal("Zoo's signer-set header is signer 8 of chain 1929380622")
	}
	// The general form: the header of chain C against signer C&0xff of
	// chain 0x73‖C>>8, for a spread of chain ids.
	for _, c := range []uint32{1, 6133, 36963, 96369, 200200, 0xffffffff} {
		alias := 0x73000000 | c>>8
		if TeleportSignerSetSlot(c) == TeleportSignerSlot(alias, uint8(c)) {
			t.Errorf("signer-set header of chain %d aliases signer %d of chain %d", c, uint8(c), alias)
		}
	}
}

// slotKey is one derived slot under test: the function that made it and
// the arguments it was given.
type slotKey struct {
	fn   string
	args string
}

// TestDerivedSlotsDistinct derives every kind of slot over keys chosen to
// line up byte-for-byte when concatenated (tags that prefix each other,
// parts whose bytes spill from one field into the next) and requires that
// no two different (kind, key) pairs meet, nor meet a fixed slot.
func TestDerivedSlotsDistinct(t *testing.T) {
	hashes := []common.Hash{{}, {31: 0xff}, {0: 0x73, 31: 0x01}, common.HexToHash("0x7300030e08")}
	addrs := []common.Address{{}, common.HexToAddress("0x2d"), common.HexToAddress("0x736967"), {19: 8}}
	u32s := []uint32{0, 8, 200200, 1929380622, 0x73000000, 0xffffffff}
	u64s := []uint64{0, 8, 200200, 0x6d6f64656c, 1 << 63}
	bytesV := []byte{0, 1, 8, 0x73, 0xff}

	seen := map[common.Hash]slotKey{}
	add := func(fn string, h common.Hash, args ...any) {
		t.Helper()
		k := slotKey{fn, fmtArgs(args...)}
		if prev, ok := seen[h]; ok && prev != k {
			t.Fatalf("%s(%s) and %s(%s) derive the same slot %s", prev.fn, prev.args, k.fn, k.args, h)
		}
		seen[h] = k
	}
	for n := 0; n < 64; n++ {
		add("numSlot", numSlot(byte(n)), n)
	}
	for _, a := range addrs {
		add("BalanceSlot", BalanceSlot(a), a)
		add("PendingCountSlot", PendingCountSlot(a), a)
		add("AggregatorSlot", AggregatorSlot(a), a)
		for _, k := range bytesV {
			add("PendingSlot", PendingSlot(a, k), a, k)
		}
	}
	for _, h := range hashes {
		add("TeleportRecordSlot", TeleportRecordSlot(proof.Hash(h)), h)
		add("TeleportAmountSlot", TeleportAmountSlot(proof.Hash(h)), h)
		add("GatewaySlot", GatewaySlot(h), h)
		add("TicketSlot", TicketSlot(h), h)
		for _, b := range bytesV {
			add("DeviceSlot", DeviceSlot(h, b), h, b)
			add("AllowlistSlot", AllowlistSlot(b, h), b, h)
		}
	}
	for _, h := range hashes {
		add("ModelSlot", ModelSlot(h), h)
		add("DeviceEpochSlot", DeviceEpochSlot(h), h)
		add("GatewayBudgetSlot", GatewayBudgetSlot(h), h)
		for _, b := range bytesV {
			add("BondSlot", BondSlot(h, b), h, b)
			add("WorkSlot", WorkSlot(h, b), h, b)
			add("AuditSlot", AuditSlot(h, b), h, b)
			for _, b2 := range bytesV {
				add("VoteSlot", VoteSlot(h, b, b2), h, b, b2)
			}
		}
	}
	for _, a := range addrs {
		for _, b := range bytesV {
			add("VerifierSlot", VerifierSlot(a, b), a, b)
		}
	}
	for _, n := range u64s {
		add("VerifierListSlot", VerifierListSlot(n), n)
	}
	for _, c := range u32s {
		add("TeleportSignerSetSlot", TeleportSignerSetSlot(c), c)
		for _, b := range bytesV {
			add("TeleportSignerSlot", TeleportSignerSlot(c, b), c, b)
		}
	}
	for _, r := range u64s {
		add("RoundSlot", RoundSlot(r), r)
		add("RoundModelSlot", RoundModelSlot(r), r)
		add("RoundRootSlot", RoundRootSlot(r), r)
		add("RoundTotalSlot", RoundTotalSlot(r), r)
		add("RoundClaimedSlot", RoundClaimedSlot(r), r)
		for _, a := range addrs {
			add("RoundClaimSlot", RoundClaimSlot(r, a), r, a)
		}
	}
}

func fmtArgs(args ...any) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		switch v := a.(type) {
		case common.Hash:
			b.WriteString(v.Hex())
		case common.Address:
			b.WriteString(v.Hex())
		default:
			b.WriteString(strconv.Quote(strings.TrimSpace(fmtAny(v))))
		}
	}
	return b.String()
}

func fmtAny(v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case uint8:
		return strconv.Itoa(int(x))
	case uint32:
		return strconv.FormatUint(uint64(x), 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	}
	return "?"
}

// TestDerivedSlotTagsUnique reads the package's source and enumerates every
// slot derivation: each derivedSlot call must name its kind with a string
// literal used nowhere else, and nothing but derivedSlot may hash under
// DomainStorage. With proof.StorageSlot's length framing that makes every
// derivation's preimage distinct from every other's.
func TestDerivedSlotTagsUnique(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	tags := map[string]string{}
	calls := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SelectorExpr:
				if (x.Sel.Name == "DomainStorage" || x.Sel.Name == "StorageSlot") && name != "slots.go" {
					t.Errorf("%s: %s used outside derivedSlot", fset.Position(x.Pos()), x.Sel.Name)
				}
			case *ast.CallExpr:
				id, ok := x.Fun.(*ast.Ident)
				if !ok || id.Name != "derivedSlot" {
					return true
				}
				calls++
				lit, ok := x.Args[0].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Errorf("%s: derivedSlot's tag is not a string literal", fset.Position(x.Pos()))
					return true
				}
				tag, _ := strconv.Unquote(lit.Value)
				pos := fset.Position(x.Pos()).String()
				if prev, dup := tags[tag]; dup {
					t.Errorf("tag %q used at %s and %s", tag, prev, pos)
				}
				tags[tag] = pos
			}
			return true
		})
	}
	if calls < 18 {
		t.Fatalf("found %d derivedSlot calls; the scan is not seeing the package", calls)
	}
}
