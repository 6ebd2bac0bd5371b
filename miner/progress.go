package miner

import (
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Progress of long operations (hashing a weights file, the first GPU
// evidence collection, waiting for a transaction): a progress bar on w
// when w is a terminal, else a plain log line every progressLogEvery.

// progressLogEvery is how often a long operation logs its progress when
// standard error is not a terminal.
const progressLogEvery = 10 * time.Second

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Progress follows one long operation. Its methods are safe for
// concurrent use; a nil *Progress does nothing.
type Progress struct {
	what  string
	total int64 // bytes; -1 when unknown (a wait)
	log   *slog.Logger
	bar   *progressbar.ProgressBar
	every time.Duration

	mu       sync.Mutex
	done     int64
	start    time.Time
	lastLog  time.Time
	stopSpin chan struct{}
	spun     sync.WaitGroup
}

// NewProgress starts following an operation described by what over total
// bytes (-1: unknown, shown as a spinner). On a terminal w it draws a
// progress bar; otherwise it logs on log (nil: nothing).
func NewProgress(w io.Writer, log *slog.Logger, what string, total int64) *Progress {
	return newProgress(w, isTerminal(w), log, what, total, progressLogEvery)
}

func newProgress(w io.Writer, bar bool, log *slog.Logger, what string, total int64, every time.Duration) *Progress {
	now := time.Now()
	p := &Progress{what: what, total: total, log: log, every: every, start: now, lastLog: now}
	if bar {
		opts := []progressbar.Option{
			progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
			progressbar.OptionThrottle(100 * time.Millisecond), progressbar.OptionClearOnFinish(),
			progressbar.OptionShowElapsedTimeOnFinish(), progressbar.OptionSetWidth(30),
		}
		if total >= 0 {
			opts = append(opts, progressbar.OptionShowBytes(true))
		} else {
			// The bar turns its spinner itself; drawn once here, before its
			// ticker starts, so that the ticker only reads its start time.
			opts = append(opts, progressbar.OptionSpinnerType(14), progressbar.OptionSetRenderBlankState(true))
		}
		p.bar = progressbar.NewOptions64(total, opts...)
	}
	return p
}

// Write counts len(b) bytes done, for io.TeeReader and io.MultiWriter.
func (p *Progress) Write(b []byte) (int, error) {
	p.Add(int64(len(b)))
	return len(b), nil
}

// Add counts n more bytes done.
func (p *Progress) Add(n int64) {
	if p == nil {
		return
	}
	if p.bar != nil {
		_ = p.bar.Add64(n)
	}
	p.mu.Lock()
	p.done += n
	p.maybeLog()
	p.mu.Unlock()
}

// maybeLog logs a progress line when one is due. p.mu is held.
func (p *Progress) maybeLog() {
	if p.bar != nil || p.log == nil || time.Since(p.lastLog) < p.every {
		return
	}
	p.lastLog = time.Now()
	elapsed := time.Since(p.start).Round(time.Second).String()
	if p.total > 0 {
		p.log.Info(p.what, "done_bytes", p.done, "total_bytes", p.total, "percent", p.done*100/p.total, "elapsed", elapsed)
		return
	}
	p.log.Info(p.what+" (still waiting)", "elapsed", elapsed)
}

// Spin keeps a progress of unknown length going (a log line every
// interval off a terminal; on one the bar turns its spinner) until Finish.
func (p *Progress) Spin() *Progress {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopSpin != nil {
		return p
	}
	p.stopSpin = make(chan struct{})
	p.spun.Add(1)
	go func(stop chan struct{}) {
		defer p.spun.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				p.mu.Lock()
				p.maybeLog()
				p.mu.Unlock()
			}
		}
	}(p.stopSpin)
	return p
}

// Finish ends the progress: the bar is cleared from the terminal.
func (p *Progress) Finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	stop := p.stopSpin
	p.stopSpin = nil
	p.mu.Unlock()
	if stop != nil {
		close(stop)
		p.spun.Wait()
	}
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
