package operatortest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
)

// operatorSection is the README section these tests hold to the binaries.
const operatorSection = "## Enabling `0x0300` on another chain"

// readmeSection returns the README's section that starts with heading, up
// to the next heading of the same level.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README.md has no heading %q", heading)
	}
	s = s[i+1+len(heading):]
	if j := strings.Index(s, "\n## "); j >= 0 {
		s = s[:j]
	}
	return s
}

// shellLines returns the command lines of the ```sh blocks in section,
// without trailing comments (two spaces, then #).
func shellLines(section string) []string {
	var lines []string
	in := false
	for _, l := range strings.Split(section, "\n") {
		switch {
		case strings.HasPrefix(l, "```sh"):
			in = true
		case strings.HasPrefix(l, "```"):
			in = false
		case in && strings.TrimSpace(l) != "":
			if i := strings.Index(l, "  #"); i >= 0 {
				l = l[:i]
			}
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	return lines
}

// TestREADMEGenesisCommands runs the section's commands as documented, in
// a folder where bin/ is the repository's, and checks what they wrote.
func TestREADMEGenesisCommands(t *testing.T) {
	bin := parsGenesis(t)
	dir := t.TempDir()
	if err := os.Symlink(filepath.Dir(bin), filepath.Join(dir, "bin")); err != nil {
		t.Fatal(err)
	}
	lines := shellLines(readmeSection(t, operatorSection))
	if len(lines) < 4 {
		t.Fatalf("the section documents %d commands: %q", len(lines), lines)
	}
	var checked string
	for _, l := range lines {
		if !strings.HasPrefix(l, "bin/pars-genesis ") && !strings.HasPrefix(l, "echo ") {
			t.Fatalf("undocumented kind of command %q: teach this test to run it", l)
		}
		r := runIn(t, dir, "/bin/sh", "-e", "-c", l)
		if r.code != 0 {
			t.Fatalf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", l, r.code, r.stdout, r.stderr)
		}
		if strings.Contains(l, "params --check") {
			checked = r.stdout
		}
		t.Logf("ran %s", l)
	}

	// The documented partial file: two fields changed, the rest default.
	want := precompile.DefaultParams(gov)
	want.BaseReward = uint256.NewInt(2_000_000_000_000)
	want.EpochLength = 600
	var got precompile.Params
	if err := json.Unmarshal([]byte(checked), &got); err != nil {
		t.Fatalf("params --check printed %q: %v", checked, err)
	}
	if !sameAccount(wantAccount(t, got), wantAccount(t, want)) {
		t.Errorf("params --check printed\n%s", checked)
	}
	b, err := os.ReadFile(filepath.Join(dir, "genesis.json"))
	if err != nil {
		t.Fatal(err)
	}
	g, acc := precompileAccount(t, b)
	if g.Config.ChainID.Uint64() != genesis.LuxChainID {
		t.Errorf("genesis chain id %v", g.Config.ChainID)
	}
	if !sameAccount(acc, wantAccount(t, want)) {
		t.Errorf("0x0300 entry %+v", acc)
	}
	b, err = os.ReadFile(filepath.Join(dir, "upgrade.json"))
	if err != nil {
		t.Fatal(err)
	}
	var up genesis.Upgrade
	if err := json.Unmarshal(b, &up); err != nil {
		t.Fatal(err)
	}
	p, err := genesis.ParseParams(up.ParsAIMiningParams, common.Address{})
	if err != nil || up.ParsAIMiningTime != 1767225600 || !sameAccount(wantAccount(t, p), wantAccount(t, want)) {
		t.Errorf("upgrade.json %s (%v)", b, err)
	}
}

// TestREADMEParamsTable holds the README's parameter table to
// precompile.Params and to `pars-genesis params --print`: one row per
// field, in order, and each scalar default as the template prints it.
func TestREADMEParamsTable(t *testing.T) {
	bin := parsGenesis(t)
	section := readmeSection(t, operatorSection)
	var rows [][]string
	for _, l := range strings.Split(section, "\n") {
		if !strings.HasPrefix(l, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) != 4 {
			t.Fatalf("table row %q has %d cells, want 4 (field, unit, default, bounds)", l, len(cells))
		}
		rows = append(rows, cells)
	}
	fields := paramFields(t)
	if len(rows) != len(fields) {
		t.Errorf("the table has %d rows, precompile.Params %d fields", len(rows), len(fields))
	}
	r := runIn(t, "", bin, "params", "--print", "--governance", gov.Hex())
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	var template map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &template); err != nil {
		t.Fatal(err)
	}
	for i, name := range fields {
		if i >= len(rows) {
			t.Errorf("field %q has no row", name)
			continue
		}
		row := rows[i]
		if row[0] != "`"+name+"`" {
			t.Errorf("row %d documents %s, want `%s` (rows follow precompile.Params)", i, row[0], name)
			continue
		}
		if row[1] == "" || row[3] == "" {
			t.Errorf("%s: unit or bounds missing", name)
		}
		if _, ok := template[name]; !ok || name == "governance" {
			continue // governance has no default; lists empty by default are left out
		}
		var v any
		if err := json.Unmarshal(template[name], &v); err != nil {
			t.Fatal(err)
		}
		var def string
		switch v := v.(type) {
		case string:
			def = v
		case float64:
			def = string(template[name])
		default:
			continue // lists and objects are described, not quoted
		}
		if !strings.Contains(row[2], "`"+def+"`") {
			t.Errorf("%s: the table's default %q does not quote the template's `%s`", name, row[2], def)
		}
	}
}

// TestREADMEShellLines checks the extraction the tests above rely on.
func TestREADMEShellLines(t *testing.T) {
	got := shellLines("text\n```sh\na b   # c\n\nd\n```\n```go\nx\n```\n")
	if want := []string{"a b", "d"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("shellLines = %q, want %q", got, want)
	}
}
