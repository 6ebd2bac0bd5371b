package operatortest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
)

// gov is the governance address the tests (and the README) use.
var gov = common.HexToAddress("0x8ba1f109551bD432803012645Ac136ddd64DBA72")

func parsGenesis(t *testing.T) string {
	t.Helper()
	return nodeharness.Binary(t, "pars-genesis", "PARS_GENESIS", "make pars-genesis")
}

// paramFields returns the JSON names of precompile.Params' fields, in order.
func paramFields(t *testing.T) []string {
	t.Helper()
	var names []string
	typ := reflect.TypeFor[precompile.Params]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			t.Fatalf("precompile.Params.%s has no JSON name", typ.Field(i).Name)
		}
		names = append(names, name)
	}
	return names
}

// precompileAccount decodes a genesis and returns its 0x0300 entry.
func precompileAccount(t *testing.T, genesisJSON []byte) (*core.Genesis, types.Account) {
	t.Helper()
	var g core.Genesis
	if err := json.Unmarshal(genesisJSON, &g); err != nil {
		t.Fatalf("genesis does not decode: %v\n%s", err, genesisJSON)
	}
	acc, ok := g.Alloc[precompile.Address]
	if !ok {
		t.Fatal("genesis has no 0x0300 entry")
	}
	return &g, acc
}

// wantAccount is the 0x0300 entry for p.
func wantAccount(t *testing.T, p precompile.Params) types.Account {
	t.Helper()
	acc, err := precompile.GenesisAccount(p)
	if err != nil {
		t.Fatal(err)
	}
	return acc
}

// sameAccount reports whether two accounts hold the same nonce, code,
// balance and storage (a balance decoded from JSON is not DeepEqual to
// new(big.Int)).
func sameAccount(a, b types.Account) bool {
	return a.Nonce == b.Nonce && bytes.Equal(a.Code, b.Code) && a.Balance.Cmp(b.Balance) == 0 && reflect.DeepEqual(a.Storage, b.Storage)
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestGenesisRefusals(t *testing.T) {
	bin := parsGenesis(t)
	dir := t.TempDir()
	writeFile(t, dir, "unknown.json", `{"epochLenght": 600}`)
	writeFile(t, dir, "bounds.json", `{"maxBatchSize": 300}`)
	writeFile(t, dir, "trailing.json", `{"epochLength": 600} {}`)
	writeFile(t, dir, "notjson.json", `epochLength = 600`)
	writeFile(t, dir, "nogov.json", `{"epochLength": 600}`)
	g := gov.Hex()
	for _, tc := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"short governance", []string{"--governance", "0x123"}, `--governance "0x123": not a 20-byte address`},
		{"governance without 0x", []string{"--governance", strings.TrimPrefix(g, "0x")}, "not a 20-byte address"},
		{"governance too long", []string{"--governance", g + "00"}, "not a 20-byte address"},
		{"params --check, short governance", []string{"params", "--check", "unknown.json", "--governance", "0xabc"}, "not a 20-byte address"},
		{"alloc address", []string{"--governance", g, "--alloc", "0x12=5"}, `--alloc "0x12": not a 20-byte address`},
		{"alloc balance", []string{"--governance", g, "--alloc", g + "=-1"}, "not a non-negative integer of wei"},
		{"alloc without balance", []string{"--governance", g, "--alloc", g}, "want 0xADDRESS=BALANCE_IN_WEI"},
		{"no governance", nil, "--governance 0xADDRESS is required"},
		{"params without governance", []string{"--params", "nogov.json"}, "no governance address"},
		{"unknown field", []string{"--governance", g, "--params", "unknown.json"}, `unknown field "epochLenght"`},
		{"out of bounds", []string{"--governance", g, "--params", "bounds.json"}, "maxBatchSize must be 1..256"},
		{"trailing data", []string{"--governance", g, "--params", "trailing.json"}, "trailing data"},
		{"not JSON", []string{"--governance", g, "--params", "notjson.json"}, "notjson.json: parameters: invalid character"},
		{"missing file", []string{"--governance", g, "--params", "none.json"}, "read parameters: open none.json"},
		{"params without a mode", []string{"params"}, "give --print"},
		{"params with both modes", []string{"params", "--print", "--check", "bounds.json"}, "give one of --print and --check"},
		{"stray argument", []string{"--governance", g, "genesis.json"}, `unexpected argument "genesis.json"`},
		{"unknown last fork", []string{"--governance", g, "--last-fork", "cancun"}, `unknown last fork "cancun"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runIn(t, dir, bin, tc.args...)
			if r.code != 1 || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
				t.Fatalf("exit %d, want 1 with %q in stderr and nothing on stdout\nstdout:\n%s\nstderr:\n%s", r.code, tc.want, r.stdout, r.stderr)
			}
		})
	}
}

func TestParamsTemplateHasEveryField(t *testing.T) {
	bin := parsGenesis(t)
	for _, tc := range []struct {
		name string
		args []string
		gov  bool
	}{
		{"without governance", []string{"params", "--print"}, false},
		{"with governance", []string{"params", "--print", "--governance", gov.Hex()}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runIn(t, "", bin, tc.args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			var fields map[string]json.RawMessage
			if err := json.Unmarshal([]byte(r.stdout), &fields); err != nil {
				t.Fatalf("template is not a JSON object: %v\n%s", err, r.stdout)
			}
			// Every field is there but governance without --governance and
			// the lists that are empty by default (omitempty).
			p := precompile.DefaultParams(gov)
			want := map[string]bool{"governance": tc.gov, "bonds": len(p.Bonds) > 0, "models": len(p.Models) > 0}
			for _, name := range paramFields(t) {
				w, special := want[name]
				_, ok := fields[name]
				if !special {
					w = true
				}
				if ok != w {
					t.Errorf("field %q in the template: %v, want %v", name, ok, w)
				}
				delete(fields, name)
			}
			if len(fields) != 0 {
				t.Errorf("template has fields precompile.Params lacks: %v", fields)
			}
		})
	}
}

func TestParamsDefaults(t *testing.T) {
	bin := parsGenesis(t)
	dir := t.TempDir()
	// The template fed back gives the default parameters.
	r := runIn(t, dir, bin, "params", "--print")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	writeFile(t, dir, "template.json", r.stdout)
	writeFile(t, dir, "empty.json", `{}`)
	writeFile(t, dir, "partial.json", `{"baseReward": "0x1d1a94a2000", "epochLength": 600, "maxBatchSize": 8}`)
	writeFile(t, dir, "withgov.json", `{"governance": "0x00000000000000000000000000000000000000aa", "timeWindowPast": 900}`)

	partial := precompile.DefaultParams(gov)
	partial.BaseReward = uint256.NewInt(2_000_000_000_000)
	partial.EpochLength, partial.MaxBatchSize = 600, 8
	fileGov := precompile.DefaultParams(common.HexToAddress("0xaa"))
	fileGov.TimeWindowPast = 900
	overridden := fileGov
	overridden.Governance = gov

	for _, tc := range []struct {
		name string
		args []string
		want precompile.Params
	}{
		{"no --params", []string{"--governance", gov.Hex()}, precompile.DefaultParams(gov)},
		{"the template", []string{"--governance", gov.Hex(), "--params", "template.json"}, precompile.DefaultParams(gov)},
		{"an empty object", []string{"--governance", gov.Hex(), "--params", "empty.json"}, precompile.DefaultParams(gov)},
		{"some fields", []string{"--governance", gov.Hex(), "--params", "partial.json"}, partial},
		{"the file's governance", []string{"--params", "withgov.json"}, fileGov},
		{"--governance over the file's", []string{"--params", "withgov.json", "--governance", gov.Hex()}, overridden},
		{"--prefund-dev governance", []string{"--prefund-dev", "--params", "partial.json"}, func() precompile.Params {
			p := partial
			p.Governance = genesis.DevAddress
			return p
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runIn(t, dir, bin, tc.args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			_, acc := precompileAccount(t, []byte(r.stdout))
			if want := wantAccount(t, tc.want); !sameAccount(acc, want) {
				t.Fatalf("0x0300 entry\n got %+v\nwant %+v", acc, want)
			}
			// --upgrade prints the same parameters into the chain config.
			r = runIn(t, dir, bin, append(tc.args, "--upgrade", "--activation-time", "1767225600")...)
			if r.code != 0 {
				t.Fatalf("--upgrade: exit %d: %s", r.code, r.stderr)
			}
			var up genesis.Upgrade
			if err := json.Unmarshal([]byte(r.stdout), &up); err != nil {
				t.Fatal(err)
			}
			got, err := genesis.ParseParams(up.ParsAIMiningParams, common.Address{})
			if err != nil || up.ParsAIMiningTime != 1767225600 {
				t.Fatalf("upgrade %s: %v", r.stdout, err)
			}
			if !sameAccount(wantAccount(t, got), wantAccount(t, tc.want)) {
				t.Fatalf("--upgrade parameters differ: %s", up.ParsAIMiningParams)
			}
		})
	}
	// params --check prints what a file gives, defaults filled in.
	r = runIn(t, dir, bin, "params", "--check", "partial.json", "--governance", gov.Hex())
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	var checked precompile.Params
	if err := json.Unmarshal([]byte(r.stdout), &checked); err != nil {
		t.Fatal(err)
	}
	if !sameAccount(wantAccount(t, checked), wantAccount(t, partial)) {
		t.Fatalf("params --check printed\n%s", r.stdout)
	}
}

func TestLastFork(t *testing.T) {
	bin := parsGenesis(t)
	for _, tc := range []struct {
		fork          string
		osaka, bogota bool
	}{{"prague", false, false}, {"osaka", true, false}, {"bogota", true, true}, {"", true, true}} {
		t.Run(tc.fork, func(t *testing.T) {
			args := []string{"--governance", gov.Hex(), "--timestamp", "1767225600"}
			if tc.fork != "" {
				args = append(args, "--last-fork", tc.fork)
			}
			r := runIn(t, "", bin, args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			g, _ := precompileAccount(t, []byte(r.stdout))
			if (g.Config.OsakaTime != nil) != tc.osaka || (g.Config.BogotaTime != nil) != tc.bogota || g.Config.PragueTime == nil || g.Timestamp != 1767225600 {
				t.Fatalf("--last-fork %q: prague %v osaka %v bogota %v, timestamp %d", tc.fork, g.Config.PragueTime, g.Config.OsakaTime, g.Config.BogotaTime, g.Timestamp)
			}
		})
	}
}
