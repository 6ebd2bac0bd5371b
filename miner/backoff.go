package miner

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/rpc"
)

// Backoff retries operations that failed for transport reasons, waiting
// Initial, 2×Initial, 4×Initial, … (at most Max) between tries.
type Backoff struct {
	Initial  time.Duration // first wait
	Max      time.Duration // longest wait
	Attempts int           // total tries, the first included (at least 1)
	// Sleep waits d or until ctx ends; nil means a timer. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// OnRetry, when set, is called before each wait.
	OnRetry func(attempt int, delay time.Duration, err error)
}

// DefaultBackoff waits 250 ms, 0.5 s, 1 s, 2 s, 4 s: six tries over about
// 8 s before a transport error is given up on.
func DefaultBackoff() Backoff {
	return Backoff{Initial: 250 * time.Millisecond, Max: 8 * time.Second, Attempts: 6}
}

// Delay returns the wait after failed try number retry (0-based).
func (b Backoff) Delay(retry int) time.Duration {
	d := b.Initial
	if d <= 0 {
		d = time.Millisecond
	}
	for i := 0; i < retry; i++ {
		if b.Max > 0 && d >= b.Max/2 {
			d = b.Max
			break
		}
		d *= 2
	}
	if b.Max > 0 && d > b.Max {
		d = b.Max
	}
	return d
}

// Do runs op until it succeeds, fails with an error that IsTransient does
// not accept, ctx ends, or the tries are used up; it returns op's last
// error.
func (b Backoff) Do(ctx context.Context, op func(ctx context.Context) error) error {
	attempts := max(b.Attempts, 1)
	sleep := b.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	var err error
	for i := 0; i < attempts; i++ {
		if err = op(ctx); err == nil || !IsTransient(err) || ctx.Err() != nil {
			return err
		}
		if i == attempts-1 {
			break
		}
		d := b.Delay(i)
		if b.OnRetry != nil {
			b.OnRetry(i+1, d, err)
		}
		if serr := sleep(ctx, d); serr != nil {
			return err
		}
	}
	return err
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// IsTransient reports whether err is a transport failure worth retrying: a
// network error, a dropped connection, a timeout, or an HTTP 429/5xx. An
// answer from the node (a JSON-RPC error, a revert) is never transient, and
// neither is a cancelled context.
func IsTransient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var httpErr rpc.HTTPError
	if errors.As(err, &httpErr) {
		return httpErr.StatusCode == http.StatusTooManyRequests || httpErr.StatusCode >= 500
	}
	var rpcErr rpc.Error
	if errors.As(err, &rpcErr) {
		return false
	}
	var dataErr rpc.DataError
	if errors.As(err, &dataErr) {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var netErr net.Error
	return errors.As(err, &netErr)
}
