package apikey

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/pars-network/aimining/gateway"
)

// reloadEvery is how often the guard looks at the key file for changes.
const reloadEvery = time.Second

// Guard admits HTTP requests that bear a live key and keeps each key's
// rate limit. It reloads the key file when it changes, so keys added or
// revoked with `pars-gateway apikey` take effect within about a second.
type Guard struct {
	path  string
	log   *slog.Logger
	clock func() time.Time

	mu        sync.Mutex
	keys      map[string]Key // by SHA-256
	stamp     fileStamp
	checked   time.Time
	buckets   map[string]*bucket // by key id
	openPaths map[string]bool
}

type fileStamp struct {
	mod  time.Time
	size int64
}

// NewGuard loads the key file at path (which must exist).
func NewGuard(path string, log *slog.Logger, clock func() time.Time) (*Guard, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if clock == nil {
		clock = time.Now
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("api keys: %w (create keys with `pars-gateway apikey add --keys %s`)", err, path)
	}
	g := &Guard{path: path, log: log, clock: clock, buckets: map[string]*bucket{}, openPaths: map[string]bool{"/healthz": true}}
	if err := g.reload(); err != nil {
		return nil, err
	}
	return g, nil
}

// Live returns the number of keys that are not revoked.
func (g *Guard) Live() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, k := range g.keys {
		if k.Revoked == nil {
			n++
		}
	}
	return n
}

func (g *Guard) reload() error {
	st, err := os.Stat(g.path)
	if err != nil {
		return fmt.Errorf("api keys: %w", err)
	}
	f, err := Load(g.path)
	if err != nil {
		return err
	}
	keys := make(map[string]Key, len(f.Keys))
	for _, k := range f.Keys {
		keys[k.SHA256] = k
	}
	g.mu.Lock()
	g.keys, g.stamp = keys, fileStamp{st.ModTime(), st.Size()}
	g.mu.Unlock()
	return nil
}

// maybeReload re-reads the file when it changed, at most every reloadEvery.
func (g *Guard) maybeReload(now time.Time) {
	g.mu.Lock()
	if now.Sub(g.checked) < reloadEvery {
		g.mu.Unlock()
		return
	}
	g.checked = now
	stamp := g.stamp
	g.mu.Unlock()
	st, err := os.Stat(g.path)
	if err != nil || (st.ModTime().Equal(stamp.mod) && st.Size() == stamp.size) {
		return
	}
	if err := g.reload(); err != nil {
		g.log.Error("api key file not reloaded; keeping the keys read before", "err", err)
		return
	}
	g.log.Info("api key file reloaded", "path", g.path, "live_keys", g.Live())
}

type ctxKey struct{}

// KeyID returns the id of the key that authorised a request ("" if none).
func KeyID(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

// Wrap returns next guarded: /healthz is open; every other request needs
// "Authorization: Bearer <key>" with a live key (else 401), within the
// key's rate (else 429), both with OpenAI's error body.
func (g *Guard) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if g.openPaths[r.URL.Path] {
			next.ServeHTTP(w, r)
			return
		}
		now := g.clock()
		g.maybeReload(now)
		secret := bearer(r.Header.Get("Authorization"))
		if secret == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="pars-gateway"`)
			gateway.WriteError(w, http.StatusUnauthorized, "invalid_request_error", "missing_api_key", "",
				"You didn't provide an API key. Send it as \"Authorization: Bearer sk-pars-…\" (the gateway's operator makes keys with `pars-gateway apikey add`).")
			return
		}
		g.mu.Lock()
		k, ok := g.keys[Hash(secret)]
		g.mu.Unlock()
		if !ok || k.Revoked != nil {
			hint := secret
			if len(hint) > 12 {
				hint = hint[:12] + "…"
			}
			w.Header().Set("WWW-Authenticate", `Bearer realm="pars-gateway", error="invalid_token"`)
			gateway.WriteError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key", "",
				fmt.Sprintf("Incorrect API key provided: %s. Ask the gateway's operator for a valid key.", hint))
			return
		}
		if wait, ok := g.take(k, now); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			gateway.WriteError(w, http.StatusTooManyRequests, "requests", "rate_limit_exceeded", "",
				fmt.Sprintf("Rate limit reached for API key %s: %d requests per minute. Retry in %.1f s.", k.ID, k.RatePerMinute, wait.Seconds()))
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, k.ID)))
	})
}

// bucket is a token bucket of a key's requests.
type bucket struct {
	tokens float64
	at     time.Time
	rate   int
}

// take spends one request of k's rate; when none is left it returns how
// long until one is.
func (g *Guard) take(k Key, now time.Time) (time.Duration, bool) {
	if k.RatePerMinute <= 0 {
		return 0, true
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	b := g.buckets[k.ID]
	capacity := float64(k.RatePerMinute)
	if b == nil || b.rate != k.RatePerMinute {
		b = &bucket{tokens: capacity, at: now, rate: k.RatePerMinute}
		g.buckets[k.ID] = b
	}
	perSec := capacity / 60
	if el := now.Sub(b.at).Seconds(); el > 0 {
		b.tokens = math.Min(capacity, b.tokens+el*perSec)
	}
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return 0, true
	}
	return time.Duration((1 - b.tokens) / perSec * float64(time.Second)), false
}
