package posnet

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

// TestPeerID: peer ids computed by go-libp2p v0.39 (the version Prysm
// v5.3.3 uses; peer.IDFromPrivateKey of the same secp256k1 keys).
func TestPeerID(t *testing.T) {
	for key, want := range map[string]string{
		"0101010101010101010101010101010101010101010101010101010101010101": "16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi",
		"b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291": "16Uiu2HAmSH2XVgZqYHWucap5kuPzLnt2TsNQkoppVxB5eJGvaXwm",
	} {
		k, err := crypto.HexToECDSA(key)
		if err != nil {
			t.Fatal(err)
		}
		if got := PeerID(&k.PublicKey); got != want {
			t.Errorf("PeerID(%s…) = %s, want %s", key[:8], got, want)
		}
		path := filepath.Join(t.TempDir(), "key")
		if err := WriteBeaconKey(path, k); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(path); err != nil || string(b) != key {
			t.Errorf("key file %q, %v; want the bare hex secret", b, err)
		}
	}
}

func TestBase58(t *testing.T) {
	for in, want := range map[string]string{"": "", "\x00": "1", "\x00\x00\x01": "112", "hello world": "StV1DL6CwTryKyV"} {
		if got := base58([]byte(in)); got != want {
			t.Errorf("base58(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBeaconConfig: forks through Electra at epoch 0, Fulu never, fork
// versions unique and tagged with the chain id, timing as asked.
func TestBeaconConfig(t *testing.T) {
	y := BeaconConfig{ChainID: 6133, Validators: 64, SlotSeconds: 4, SlotsPerEpoch: 6}.YAML()
	for _, want := range []string{
		"PRESET_BASE: mainnet\n", "SECONDS_PER_SLOT: 4\n", "SLOTS_PER_EPOCH: 6\n",
		"MIN_GENESIS_ACTIVE_VALIDATOR_COUNT: 64\n", "DEPOSIT_CHAIN_ID: 6133\n",
		"GENESIS_FORK_VERSION: 0x000017f5\n", "ELECTRA_FORK_VERSION: 0x050017f5\nELECTRA_FORK_EPOCH: 0\n",
		"FULU_FORK_EPOCH: 18446744073709551615\n", "TERMINAL_TOTAL_DIFFICULTY: 0\n",
	} {
		if !strings.Contains(y, want) {
			t.Errorf("config lacks %q:\n%s", want, y)
		}
	}
	var versions []string
	for _, line := range strings.Split(y, "\n") {
		if k, v, ok := strings.Cut(line, "_FORK_VERSION: "); ok {
			if slices.Contains(versions, v) {
				t.Errorf("%s reuses fork version %s", k, v)
			}
			versions = append(versions, v)
		}
		if _, v, ok := strings.Cut(line, "_FORK_EPOCH: "); ok && !strings.HasPrefix(line, "FULU") && v != "0" {
			t.Errorf("%s: want epoch 0", line)
		}
	}
	if len(versions) != 7 {
		t.Errorf("%d fork versions, want 7", len(versions))
	}
}

// TestLayout: interop keys split without gap or overlap, distinct ports.
func TestLayout(t *testing.T) {
	n := &Network{cfg: Config{Dir: t.TempDir(), Pairs: 3, Validators: 64}, chainID: 6133}
	if err := n.layout(); err != nil {
		t.Fatal(err)
	}
	next, seen := 0, map[int]bool{}
	for _, p := range n.pairs {
		if p.FirstKey != next || p.Keys < 21 || p.Keys > 22 {
			t.Errorf("pair %d: keys %d+%d", p.Index, p.FirstKey, p.Keys)
		}
		next += p.Keys
		for _, port := range []int{p.HTTPPort, p.AuthPort, p.GethP2P, p.BeaconP2P, p.BeaconRPC, p.BeaconHTTP} {
			if seen[port] {
				t.Errorf("port %d used twice", port)
			}
			seen[port] = true
		}
		if !strings.HasPrefix(p.PeerID, "16Uiu2HA") {
			t.Errorf("pair %d: peer id %s", p.Index, p.PeerID)
		}
		args := p.BeaconArgs()
		if got := strings.Count(strings.Join(args, " "), "--peer "); got != 2 {
			t.Errorf("pair %d: %d --peer flags, want 2", p.Index, got)
		}
		if slices.Contains(args, PeerAddr(p.BeaconP2P, p.PeerID)) {
			t.Errorf("pair %d peers with itself", p.Index)
		}
	}
	if next != 64 {
		t.Errorf("%d keys held, want 64", next)
	}
}

// TestLayoutSplit: an explicit split gives each pair its keys, in order;
// a split that does not fit the pairs and validators is refused.
func TestLayoutSplit(t *testing.T) {
	n := &Network{cfg: Config{Dir: t.TempDir(), Pairs: 3, Validators: 64, Split: []int{23, 23, 18}}, chainID: 6133}
	if err := n.layout(); err != nil {
		t.Fatal(err)
	}
	for i, want := range [][2]int{{0, 23}, {23, 23}, {46, 18}} {
		if p := n.pairs[i]; p.FirstKey != want[0] || p.Keys != want[1] {
			t.Errorf("pair %d: keys %d+%d, want %d+%d", i, p.FirstKey, p.Keys, want[0], want[1])
		}
	}
	for _, tt := range []struct {
		split []int
		want  string
	}{
		{[]int{32, 32}, "2 entries for 3 pairs"},
		{[]int{32, 32, 0}, "every pair needs a validator"},
		{[]int{22, 22, 22}, "sums to 66, not the 64 validators"},
	} {
		if err := checkSplit(tt.split, 3, 64); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("split %v: %v, want %q", tt.split, err, tt.want)
		}
	}
	if err := checkSplit(nil, 3, 64); err != nil {
		t.Errorf("no split: %v", err)
	}
}
