package federated

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Rule combines the accepted updates of a round (Q32.32 deltas of equal
// length, in participant-id order) into one delta. Every rule is a pure
// function of its input: same updates in the same order, same bytes out.
type Rule interface {
	// Name is the rule with its parameters, e.g. "trimmed-mean:2000";
	// ParseRule(r.Name()) returns an equal rule.
	Name() string
	// Aggregate returns the aggregate delta.
	Aggregate(updates [][]int64) ([]int64, error)
}

// Frozen is implemented by rules whose parameters depend on the number of
// updates. Frozen(n) returns the rule with those parameters fixed as for n
// updates, so that leave-one-out scoring compares like with like (one update
// fewer must not change how many others are trimmed or selected).
type Frozen interface {
	Frozen(n int) Rule
}

// ErrTooFewUpdates: a rule needs more updates than it was given.
var ErrTooFewUpdates = errors.New("federated: too few updates for the aggregation rule")

// FedAvg is the plain mean of the updates (McMahan et al., 2017), with equal
// weights: a participant's sample count cannot be verified, so weighting by
// it would reward lying. Not robust: one unbounded update moves it anywhere
// (norm clipping bounds how far).
type FedAvg struct{}

// Median is the coordinate-wise median (Yin et al., 2018); for an even
// count the floor of the mean of the two middle values.
type Median struct{}

// TrimmedMean drops, per coordinate, the k largest and k smallest values,
// k = floor(n × TrimBps / 10000), and averages the rest (Yin et al., 2018).
type TrimmedMean struct{ TrimBps uint32 }

// TrimmedMean with a fixed count.
type trimmedK struct{ k int }

// MultiKrum with fixed f and m (the number averaged).
type krumFixed struct{ f, m int }

func (r TrimmedMean) Frozen(n int) Rule { return trimmedK{r.trim(n)} }
func (r MultiKrum) Frozen(n int) Rule {
	f := r.f(n)
	return krumFixed{f, n - f}
}

func (r trimmedK) Name() string  { return fmt.Sprintf("trimmed-mean-k:%d", r.k) }
func (r krumFixed) Name() string { return fmt.Sprintf("multi-krum-fm:%d:%d", r.f, r.m) }

func (r trimmedK) Aggregate(updates [][]int64) ([]int64, error) { return trimmedMean(updates, r.k) }
func (r krumFixed) Aggregate(updates [][]int64) ([]int64, error) {
	sel, err := krumSelect(updates, r.f, min(r.m, len(updates)-r.f))
	if err != nil {
		return nil, err
	}
	return averageOf(updates, sel), nil
}

// MultiKrum (Blanchard et al., 2017) assumes at most f = floor(n ×
// ByzantineBps / 10000) Byzantine updates, scores each update by the sum of
// squared distances to its n−f−2 nearest others, and averages the n−f
// updates with the lowest scores (ties broken by position).
type MultiKrum struct{ ByzantineBps uint32 }

func (FedAvg) Name() string { return "fedavg" }
func (Median) Name() string { return "median" }
func (r TrimmedMean) Name() string {
	return "trimmed-mean:" + strconv.FormatUint(uint64(r.TrimBps), 10)
}
func (r MultiKrum) Name() string {
	return "multi-krum:" + strconv.FormatUint(uint64(r.ByzantineBps), 10)
}

// ParseRule parses a rule name: fedavg, median, trimmed-mean:BPS or
// multi-krum:BPS (BPS in basis points, below 5000).
func ParseRule(s string) (Rule, error) {
	name, arg, hasArg := strings.Cut(s, ":")
	bps := uint64(0)
	if hasArg {
		v, err := strconv.ParseUint(arg, 10, 32)
		if err != nil || v >= 5000 {
			return nil, fmt.Errorf("federated: rule %q: parameter must be basis points below 5000", s)
		}
		bps = v
	}
	switch {
	case name == "fedavg" && !hasArg:
		return FedAvg{}, nil
	case name == "median" && !hasArg:
		return Median{}, nil
	case name == "trimmed-mean" && hasArg:
		return TrimmedMean{TrimBps: uint32(bps)}, nil
	case name == "multi-krum" && hasArg:
		return MultiKrum{ByzantineBps: uint32(bps)}, nil
	}
	return nil, fmt.Errorf("federated: unknown aggregation rule %q (fedavg, median, trimmed-mean:BPS, multi-krum:BPS)", s)
}

func checkUpdates(updates [][]int64, need int) (int, error) {
	if len(updates) < need || len(updates) == 0 {
		return 0, fmt.Errorf("%w: %d, need %d", ErrTooFewUpdates, len(updates), max(need, 1))
	}
	d := len(updates[0])
	for i, u := range updates {
		if len(u) != d {
			return 0, fmt.Errorf("federated: update %d has %d values, update 0 has %d", i, len(u), d)
		}
	}
	return d, nil
}

func mean(updates [][]int64, d int) []int64 {
	out := make([]int64, d)
	n := int64(len(updates))
	for j := range out {
		var s int64
		for _, u := range updates {
			s += u[j]
		}
		out[j] = divFloor(s, n)
	}
	return out
}

func (FedAvg) Aggregate(updates [][]int64) ([]int64, error) {
	d, err := checkUpdates(updates, 1)
	if err != nil {
		return nil, err
	}
	return mean(updates, d), nil
}

// column returns coordinate j of every update, sorted.
func column(updates [][]int64, j int, buf []int64) []int64 {
	buf = buf[:0]
	for _, u := range updates {
		buf = append(buf, u[j])
	}
	slices.Sort(buf)
	return buf
}

func (Median) Aggregate(updates [][]int64) ([]int64, error) {
	d, err := checkUpdates(updates, 1)
	if err != nil {
		return nil, err
	}
	n := len(updates)
	out := make([]int64, d)
	buf := make([]int64, 0, n)
	for j := range out {
		c := column(updates, j, buf)
		if n%2 == 1 {
			out[j] = c[n/2]
		} else {
			out[j] = divFloor(c[n/2-1]+c[n/2], 2)
		}
	}
	return out, nil
}

func (r TrimmedMean) trim(n int) int { return n * int(r.TrimBps) / 10000 }

func (r TrimmedMean) Aggregate(updates [][]int64) ([]int64, error) {
	return trimmedMean(updates, r.trim(len(updates)))
}

func trimmedMean(updates [][]int64, k int) ([]int64, error) {
	d, err := checkUpdates(updates, 2*k+1)
	if err != nil {
		return nil, err
	}
	n := len(updates)
	out := make([]int64, d)
	buf := make([]int64, 0, n)
	for j := range out {
		c := column(updates, j, buf)
		var s int64
		for _, v := range c[k : n-k] {
			s += v
		}
		out[j] = divFloor(s, int64(n-2*k))
	}
	return out, nil
}

// Selected returns the positions of the updates Multi-Krum averages, in
// ascending position order.
func (r MultiKrum) Selected(updates [][]int64) ([]int, error) {
	f := r.f(len(updates))
	return krumSelect(updates, f, len(updates)-f)
}

func (r MultiKrum) f(n int) int { return n * int(r.ByzantineBps) / 10000 }

// krumSelect returns the positions of the m updates with the lowest Krum
// scores under f, ascending.
func krumSelect(updates [][]int64, f, m int) ([]int, error) {
	n := len(updates)
	if _, err := checkUpdates(updates, 2*f+3); err != nil {
		return nil, err
	}
	dist := make([][]float64, n)
	for i := range dist {
		dist[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for k := i + 1; k < n; k++ {
			var s float64
			for j := range updates[i] {
				// |difference| < 2^53 (updates are norm-bounded), so the
				// conversion is exact; every product and sum is rounded
				// explicitly, in coordinate order.
				x := float64(updates[i][j] - updates[k][j])
				s = float64(s + float64(x*x))
			}
			dist[i][k], dist[k][i] = s, s
		}
	}
	type scored struct {
		score float64
		i     int
	}
	scores := make([]scored, n)
	near := make([]float64, 0, n-1)
	for i := 0; i < n; i++ {
		near = near[:0]
		for k := 0; k < n; k++ {
			if k != i {
				near = append(near, dist[i][k])
			}
		}
		slices.Sort(near)
		var s float64
		for _, v := range near[:n-f-2] {
			s = float64(s + v)
		}
		scores[i] = scored{s, i}
	}
	slices.SortFunc(scores, func(a, b scored) int {
		switch {
		case a.score < b.score:
			return -1
		case a.score > b.score:
			return 1
		}
		return a.i - b.i
	})
	if m < 1 {
		return nil, fmt.Errorf("%w: Multi-Krum averages %d updates", ErrTooFewUpdates, m)
	}
	sel := make([]int, m)
	for k := range sel {
		sel[k] = scores[k].i
	}
	slices.Sort(sel)
	return sel, nil
}

func (r MultiKrum) Aggregate(updates [][]int64) ([]int64, error) {
	sel, err := r.Selected(updates)
	if err != nil {
		return nil, err
	}
	return averageOf(updates, sel), nil
}

func averageOf(updates [][]int64, sel []int) []int64 {
	chosen := make([][]int64, len(sel))
	for k, i := range sel {
		chosen[k] = updates[i]
	}
	return mean(chosen, len(updates[0]))
}
