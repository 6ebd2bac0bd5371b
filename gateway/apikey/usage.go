package apikey

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/pars-network/aimining/gateway"
)

// Entry is one answered request in the usage record (one JSON line).
type Entry struct {
	Time             time.Time `json:"time"`
	KeyID            string    `json:"key_id"`
	Endpoint         string    `json:"endpoint"`
	Model            string    `json:"model"`
	PromptTokens     uint32    `json:"prompt_tokens"`
	CompletionTokens uint32    `json:"completion_tokens"`
	Jobs             int       `json:"jobs"`
	Stream           bool      `json:"stream,omitempty"`
}

// UsageLog appends an Entry per answered request to a file.
type UsageLog struct {
	mu    sync.Mutex
	f     *os.File
	clock func() time.Time
}

// OpenUsageLog opens (creating) the usage record at path for appending.
func OpenUsageLog(path string, clock func() time.Time) (*UsageLog, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("usage record: %w", err)
	}
	if clock == nil {
		clock = time.Now
	}
	return &UsageLog{f: f, clock: clock}, nil
}

// Record implements gateway.Config.OnUsage: the key comes from the
// request's context (Guard.Wrap puts it there).
func (u *UsageLog) Record(r *http.Request, us gateway.Usage) error {
	b, err := json.Marshal(Entry{Time: u.clock().UTC(), KeyID: KeyID(r.Context()), Endpoint: us.Endpoint, Model: us.Model,
		PromptTokens: us.PromptTokens, CompletionTokens: us.CompletionTokens, Jobs: us.Jobs, Stream: us.Stream})
	if err != nil {
		return err
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	_, err = u.f.Write(append(b, '\n'))
	return err
}

// Close closes the file.
func (u *UsageLog) Close() error { return u.f.Close() }

// Totals sums one key's usage.
type Totals struct {
	Requests         int
	PromptTokens     uint64
	CompletionTokens uint64
	Last             time.Time
}

// ReadTotals sums the usage record at path by key id; a missing file is
// no usage. A malformed line is an error naming it.
func ReadTotals(path string) (map[string]*Totals, error) {
	out := map[string]*Totals{}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, n, err)
		}
		t := out[e.KeyID]
		if t == nil {
			t = &Totals{}
			out[e.KeyID] = t
		}
		t.Requests++
		t.PromptTokens += uint64(e.PromptTokens)
		t.CompletionTokens += uint64(e.CompletionTokens)
		if e.Time.After(t.Last) {
			t.Last = e.Time
		}
	}
	return out, sc.Err()
}
