package apikey

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func status(t *testing.T, h http.Handler, key string) int {
	t.Helper()
	r := httptest.NewRequest("GET", "/v1/models", nil)
	if key != "" {
		r.Header.Set("Authorization", "Bearer "+key)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code
}

// TestGuardRateAndReload: a key's bucket refills at its rate; a key added
// or revoked in the file takes effect once the guard rereads it.
func TestGuardRateAndReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	limited, lk, err := f.Add("limited", 60, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Save(path); err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Unix(1_700_000_000, 0)}
	g, err := NewGuard(path, nil, clk.now)
	if err != nil {
		t.Fatal(err)
	}
	var seen string
	h := g.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = KeyID(r.Context()) }))
	// 60 per minute: a burst of 60, then one per second.
	for i := 0; i < 60; i++ {
		if c := status(t, h, limited); c != 200 {
			t.Fatalf("request %d: %d", i, c)
		}
	}
	if seen != lk.ID {
		t.Fatalf("key id in context %q, want %q", seen, lk.ID)
	}
	for _, step := range []struct {
		advance time.Duration
		want    int
	}{{0, 429}, {500 * time.Millisecond, 429}, {600 * time.Millisecond, 200}, {0, 429}, {2 * time.Second, 200}, {0, 200}, {0, 429}} {
		clk.t = clk.t.Add(step.advance)
		if c := status(t, h, limited); c != step.want {
			t.Fatalf("after +%v: %d, want %d", step.advance, c, step.want)
		}
	}

	// A key added to the file is unknown until the guard rereads it.
	f, _ = Load(path)
	fresh, _, _ := f.Add("fresh", 0, time.Now(), nil)
	if _, err := f.Revoke(lk.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(path); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(2 * reloadEvery)
	if c := status(t, h, fresh); c != 200 {
		t.Fatalf("added key: %d", c)
	}
	if c := status(t, h, limited); c != 401 {
		t.Fatalf("revoked key: %d", c)
	}
	// A broken file keeps the keys read before.
	if err := os.WriteFile(path, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(2 * reloadEvery)
	if c := status(t, h, fresh); c != 200 {
		t.Fatalf("after a broken file: %d", c)
	}
}

// TestKeyFile: secrets have the prefix and enough entropy, the file keeps
// hashes only, and malformed files are refused.
func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	f := &File{Version: fileVersion}
	s1, k1, err := f.Add("a", 0, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	s2, _, _ := f.Add("b", 0, time.Now(), nil)
	if !strings.HasPrefix(s1, SecretPrefix) || len(s1) != len(SecretPrefix)+43 || s1 == s2 {
		t.Fatalf("secrets %q %q", s1, s2)
	}
	if k1.SHA256 != Hash(s1) || k1.Hint != s1[:12] {
		t.Fatalf("record %+v", k1)
	}
	if _, _, err := f.Add("neg", -1, time.Now(), nil); err == nil {
		t.Fatal("negative rate accepted")
	}
	if _, err := f.Revoke("key_nope", time.Now()); err == nil {
		t.Fatal("unknown id revoked")
	}
	for _, tc := range []struct{ name, body string }{
		{"not json", "{"},
		{"version", `{"version":2,"keys":[]}`},
		{"short hash", `{"version":1,"keys":[{"id":"key_1","sha256":"00"}]}`},
		{"duplicate id", `{"version":1,"keys":[{"id":"k","sha256":"` + strings.Repeat("0", 64) + `"},{"id":"k","sha256":"` + strings.Repeat("1", 64) + `"}]}`},
	} {
		p := filepath.Join(dir, tc.name+".json")
		os.WriteFile(p, []byte(tc.body), 0o600)
		if _, err := Load(p); err == nil {
			t.Errorf("%s: loaded", tc.name)
		}
	}
	for _, tc := range []struct{ header, want string }{
		{"Bearer sk-pars-x", "sk-pars-x"}, {"bearer  sk-pars-x ", "sk-pars-x"}, {"Basic abc", ""}, {"sk-pars-x", ""}, {"", ""},
	} {
		if got := bearer(tc.header); got != tc.want {
			t.Errorf("bearer(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}
