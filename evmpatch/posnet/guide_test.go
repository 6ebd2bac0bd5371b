package posnet

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/core"
	"github.com/pars-network/aimining/evmpatch/genesis"
)

// guideSection is the README section holding the validator guide.
const guideSection = "## Running validators (proof of stake)"

// guideCommands returns the shell commands of the guide's sh blocks, one
// per command line (backslash continuations joined, a trailing
// redirection dropped), split into words.
func guideCommands(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, guideSection)
	if i < 0 {
		t.Fatalf("README.md has no %q section", guideSection)
	}
	s = s[i+len(guideSection):]
	if j := strings.Index(s, "\n## "); j >= 0 {
		s = s[:j]
	}
	var cmds [][]string
	for _, block := range strings.Split(s, "```sh\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		block = strings.ReplaceAll(block, "\\\n", " ")
		for _, line := range strings.Split(block, "\n") {
			line, _, _ = strings.Cut(line, "#")
			line, _, _ = strings.Cut(line, ">")
			if f := strings.Fields(line); len(f) > 0 {
				cmds = append(cmds, f)
			}
		}
	}
	return cmds
}

// parsedArgs is a command line as flags (each with its values, in order)
// and positional words.
type parsedArgs struct {
	flags      map[string][]string
	positional []string
}

var (
	loopbackPort = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	peerAddr     = regexp.MustCompile(`^/ip4/127\.0\.0\.1/tcp/\d+/p2p/\S+$`)
)

// normalise maps the values that differ between the guide and a run to
// one form: ports to PORT, absolute paths to their base name (the guide
// uses the names posnet gives its files), peer multiaddrs to their shape.
// Shell variables ($…) become "*", matching anything.
func normalise(flag, v string) string {
	switch {
	case strings.Contains(v, "$"):
		return "*"
	case peerAddr.MatchString(v):
		return "/ip4/127.0.0.1/tcp/PORT/p2p/ID"
	case strings.HasSuffix(flag, "port"):
		if _, err := strconv.Atoi(v); err == nil {
			return "PORT"
		}
	case filepath.IsAbs(v):
		return filepath.Base(v)
	}
	return loopbackPort.ReplaceAllString(v, "127.0.0.1:PORT")
}

// parse reads args: a word starting with "--" is a flag, taking the next
// word as its value unless that is a flag too.
func parse(args []string) parsedArgs {
	p := parsedArgs{flags: map[string][]string{}}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "--") {
			p.positional = append(p.positional, normalise("", a))
			continue
		}
		v := ""
		if i+1 < len(args) && !strings.HasPrefix(args[i+1], "--") {
			i++
			v = args[i]
		}
		p.flags[a] = append(p.flags[a], normalise(a, v))
	}
	return p
}

// sameCommand reports how the guide's words differ from the arguments
// the code passes: flags on one side only, a different literal value, or
// different positional words.
func sameCommand(t *testing.T, name string, guide, code []string) {
	t.Helper()
	g, c := parse(guide), parse(code)
	if !slices.Equal(g.positional, c.positional) {
		t.Errorf("%s: guide has words %v, the code %v", name, g.positional, c.positional)
	}
	for f, gv := range g.flags {
		cv, ok := c.flags[f]
		if !ok {
			t.Errorf("%s: guide passes %s, the code does not", name, f)
			continue
		}
		for _, v := range gv {
			if v != "*" && !slices.Contains(cv, v) {
				t.Errorf("%s %s: guide says %q, the code %q", name, f, v, cv)
			}
		}
	}
	for f := range c.flags {
		if _, ok := g.flags[f]; !ok {
			t.Errorf("%s: the code passes %s, the guide does not", name, f)
		}
	}
}

// TestGuideCommands: the README's validator guide shows exactly the
// commands the network runs (pair 0 of a three-pair network with 64
// validators): the same flags with the same literal values (ports, paths
// and shell variables aside), and its pars-genesis command, run here,
// writes the execution genesis the network writes.
func TestGuideCommands(t *testing.T) {
	dir := t.TempDir()
	n := &Network{
		cfg: Config{Dir: dir, Pairs: 3, Validators: 64}, chainID: genesis.ParsChainID,
		execGenesis: filepath.Join(dir, "genesis.json"), beaconCfg: filepath.Join(dir, "config.yml"),
		genesisSSZ: filepath.Join(dir, "genesis.ssz"),
	}
	if err := n.layout(); err != nil {
		t.Fatal(err)
	}
	p := n.pairs[0]
	code := map[string][][]string{
		GethBinary:   {InitArgs(p.gethDir(), n.execGenesis), p.GethArgs()},
		BeaconBinary: {p.BeaconArgs()}, ValidatorBinary: {p.ValidatorArgs()},
		PrysmctlBinary: {GenesisArgs(GenesisFlags{
			ChainConfig: n.beaconCfg, Validators: 64, GenesisTime: 1, ExecutionGenesis: n.execGenesis, Out: n.genesisSSZ,
		})},
	}
	seen := map[string]int{}
	var parsGenesis []string
	for _, cmd := range guideCommands(t) {
		name := cmd[0]
		if name == "pars-genesis" {
			parsGenesis = cmd[1:]
			continue
		}
		want, ok := code[name]
		if !ok {
			continue // GENESIS_TIME=…
		}
		if seen[name] >= len(want) {
			t.Errorf("guide runs %s more often than the network", name)
			continue
		}
		sameCommand(t, name, cmd[1:], want[seen[name]])
		seen[name]++
	}
	for name, want := range code {
		if seen[name] != len(want) {
			t.Errorf("guide shows %s %d times, the network runs it %d times", name, seen[name], len(want))
		}
	}
	if parsGenesis == nil {
		t.Fatal("guide has no pars-genesis command")
	}

	// The guide's pars-genesis with its variables filled in.
	const ts = 1_767_225_600
	args := []string{"run", "../cmd/pars-genesis"}
	for _, a := range parsGenesis {
		a = strings.ReplaceAll(a, "$GENESIS_TIME", strconv.Itoa(ts))
		a = strings.ReplaceAll(a, "$GOVERNANCE", genesis.DevAddress.Hex())
		args = append(args, a)
	}
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, &stderr)
	}
	var got core.Genesis
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want, err := ExecutionGenesis(genesis.Options{ChainID: genesis.ParsChainID, Governance: genesis.DevAddress}, ts)
	if err != nil {
		t.Fatal(err)
	}
	if got.ToBlock().Hash() != want.ToBlock().Hash() {
		t.Errorf("guide's pars-genesis writes genesis block %v, the network %v", got.ToBlock().Hash(), want.ToBlock().Hash())
	}
	gc, _ := json.Marshal(got.Config)
	wc, _ := json.Marshal(want.Config)
	if !bytes.Equal(gc, wc) {
		t.Errorf("guide's pars-genesis writes config\n%s\nthe network\n%s", gc, wc)
	}
}
