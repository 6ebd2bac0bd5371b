package operatortest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const (
	embeddingGuide = "../../precompile/EMBEDDING.md"
	patchFile      = "../patches/go-ethereum-v1.17.10.patch"
)

// patchHunks returns the number of hunks per file of the patch.
func patchHunks(t *testing.T) map[string]int {
	t.Helper()
	b, err := os.ReadFile(patchFile)
	if err != nil {
		t.Fatal(err)
	}
	hunks := map[string]int{}
	file := ""
	for _, l := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(l, "+++ b/"):
			file = strings.TrimPrefix(l, "+++ b/")
		case strings.HasPrefix(l, "@@ "):
			hunks[file]++
		}
	}
	return hunks
}

func readGuide(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(embeddingGuide)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEmbeddingGuidePortTable: the guide's table of what to port names
// every file of the patch, with its number of hunks for existing files.
func TestEmbeddingGuidePortTable(t *testing.T) {
	guide := readGuide(t)
	for file, n := range patchHunks(t) {
		re := regexp.MustCompile("`" + regexp.QuoteMeta(file) + "` \\((new|\\d+)\\)")
		m := re.FindStringSubmatch(guide)
		switch {
		case m == nil:
			t.Errorf("the guide's port table does not list %s", file)
		case m[1] == "new":
			if n != 1 {
				t.Errorf("%s is listed as new but has %d hunks", file, n)
			}
		case m[1] != strconv.Itoa(n):
			t.Errorf("%s: the guide says %s hunks, the patch has %d", file, m[1], n)
		}
	}
}

// TestEmbeddingGuideOlderRelease runs the guide's dry-run command on
// go-ethereum v1.16.8 and holds the guide's count of failing hunks to it.
// It needs v1.16.8 in the module cache (`go mod download
// github.com/ethereum/go-ethereum@v1.16.8`) and is skipped without it.
func TestEmbeddingGuideOlderRelease(t *testing.T) {
	if _, err := exec.LookPath("patch"); err != nil {
		t.Skip("no patch(1)")
	}
	cmd := exec.Command("go", "mod", "download", "-json", "github.com/ethereum/go-ethereum@v1.16.8")
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod")
	out, err := cmd.Output()
	var mod struct{ Dir string }
	if err != nil || json.Unmarshal(out, &mod) != nil || mod.Dir == "" {
		t.Skip("go-ethereum v1.16.8 is not in the module cache")
	}
	guide := readGuide(t)
	var lines []string
	for _, l := range shellLines(guide) {
		if strings.Contains(l, "/path/to/your-fork /tmp/fork") || strings.Contains(l, "--dry-run") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("the guide's dry-run commands: %q", lines)
	}
	fork := filepath.Join(t.TempDir(), "fork")
	patch, err := filepath.Abs(patchFile)
	if err != nil {
		t.Fatal(err)
	}
	script := strings.NewReplacer("/path/to/your-fork", mod.Dir, "/tmp/fork", fork,
		"evmpatch/patches/go-ethereum-v1.17.10.patch", patch).Replace(strings.Join(lines, "\n"))
	r := runIn(t, "", "/bin/sh", "-c", script)
	if r.code != 1 {
		t.Fatalf("the dry run exited %d, want 1 (hunks fail)\n%s%s", r.code, r.stdout, r.stderr)
	}

	// Failing hunks per file, from patch's "checking file F" / "N out of M
	// hunks FAILED" lines.
	failed := map[string]int{}
	total := 0
	file := ""
	for _, l := range strings.Split(r.stdout, "\n") {
		if f, ok := strings.CutPrefix(l, "checking file "); ok {
			file = f
		}
		if n, ok := failedHunks(l); ok {
			failed[file] = n
			total += n
		}
	}
	hunks := patchHunks(t)
	all := 0
	for _, n := range hunks {
		all += n
	}
	want := regexp.MustCompile(`\*\*(\d+) of the (\d+) hunks fail\*\*`).FindStringSubmatch(guide)
	if want == nil || want[1] != strconv.Itoa(total) || want[2] != strconv.Itoa(all) {
		t.Errorf("the guide says %q; the dry run fails %d of %d hunks", want, total, all)
	}
	for f, n := range failed {
		re := regexp.MustCompile("`" + regexp.QuoteMeta(f) + "` " + strconv.Itoa(n) + " of " + strconv.Itoa(hunks[f]))
		if !re.MatchString(guide) {
			t.Errorf("the guide does not say `%s` %d of %d", f, n, hunks[f])
		}
	}
	t.Logf("v1.16.8: %d of %d hunks fail: %v", total, all, failed)
}

// failedHunksLine is patch's summary of a file whose hunks failed.
var failedHunksLine = regexp.MustCompile(`^(\d+) out of \d+ hunks? FAILED`)

// failedHunks returns N of a "N out of M hunks FAILED" line.
func failedHunks(l string) (int, bool) {
	g := failedHunksLine.FindStringSubmatch(l)
	if g == nil {
		return 0, false
	}
	n, err := strconv.Atoi(g[1])
	return n, err == nil
}
