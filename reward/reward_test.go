package reward

import (
	"math"
	"testing"

	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"
)

func TestConstants(t *testing.T) {
	require.Equal(t, "1000000000000000000", One().Dec())
	require.Equal(t, "1000000000000", MinAdjustment().Dec())
	require.Equal(t, "1000000000000000000000000", MaxAdjustment().Dec())
	require.Equal(t, "10000000000000000000000", rewardDivisor.Dec())
	require.Equal(t, uint16(BpsDenominator), TrustAttestedBps)
	require.Equal(t, uint16(6000), TrustSoftwareBps)

	// Callers get copies: changing them changes nothing here.
	One().SetUint64(7)
	MinAdjustment().Clear()
	MaxAdjustment().SetAllOne()
	require.Equal(t, "1000000000000000000", One().Dec())
	require.Equal(t, "1000000000000", MinAdjustment().Dec())
	require.Equal(t, "1000000000000000000000000", MaxAdjustment().Dec())
	require.NotSame(t, One(), One())
}

func TestReward(t *testing.T) {
	const token = "1000000000000000000" // 1e18 base units
	tests := []struct {
		name    string
		base    *uint256.Int
		cu      uint64
		adj     *uint256.Int
		trust   uint16
		want    string
		wantErr error
	}{
		{name: "attested, adjustment 1.0", base: u(token), cu: 100, adj: One(), trust: TrustAttestedBps, want: "100000000000000000000"},
		{name: "software-only, adjustment 1.0", base: u(token), cu: 100, adj: One(), trust: TrustSoftwareBps, want: "60000000000000000000"},
		{name: "all factors fractional", base: u("2000000000000000000"), cu: 7, adj: u("1500000000000000000"), trust: TrustSoftwareBps, want: "12600000000000000000"},
		{name: "minimum adjustment", base: u(token), cu: 1, adj: MinAdjustment(), trust: TrustAttestedBps, want: "1000000000000"},
		{name: "maximum adjustment", base: u(token), cu: 3, adj: MaxAdjustment(), trust: TrustAttestedBps, want: "3000000000000000000000000"},
		{name: "rounds down below one unit", base: u("1"), cu: 1, adj: One(), trust: 9999, want: "0"},
		{name: "rounds down once, at the end", base: u("10"), cu: 3, adj: u("333333333333333333"), trust: TrustAttestedBps, want: "9"},
		{name: "no intermediate rounding", base: u("1"), cu: 1, adj: u("1900000000000000000"), trust: TrustSoftwareBps, want: "1"}, // 1.9 × 0.6; rounding 1.9 first would give 0
		{name: "max uint64 compute units", base: u(token), cu: math.MaxUint64, adj: MaxAdjustment(), trust: TrustAttestedBps,
			want: "18446744073709551615000000000000000000000000"},
		{name: "product exactly 2^256-1", base: maxU256(), cu: 1, adj: u("1"), trust: 1,
			want: new(uint256.Int).Div(maxU256(), u("10000000000000000000000")).Dec()},
		{name: "zero compute units", base: maxU256(), cu: 0, adj: maxU256(), trust: TrustAttestedBps, want: "0"},
		{name: "zero trust", base: maxU256(), cu: math.MaxUint64, adj: maxU256(), trust: 0, want: "0"},
		{name: "zero base reward", base: u("0"), cu: math.MaxUint64, adj: maxU256(), trust: TrustAttestedBps, want: "0"},
		{name: "zero adjustment", base: maxU256(), cu: math.MaxUint64, adj: u("0"), trust: TrustAttestedBps, want: "0"},
		{name: "overflow in base × cu", base: maxU256(), cu: 2, adj: One(), trust: TrustAttestedBps, wantErr: ErrOverflow},
		{name: "overflow in × adjustment", base: u("0x100000000000000000000000000000000"), cu: math.MaxUint64, adj: MaxAdjustment(), trust: 1, wantErr: ErrOverflow},
		{name: "overflow in × trust", base: new(uint256.Int).Div(maxU256(), One()), cu: 1, adj: One(), trust: 2, wantErr: ErrOverflow},
		{name: "huge base reward overflows", base: u("0x8000000000000000000000000000000000000000000000000000000000000000"), cu: 1, adj: One(), trust: TrustAttestedBps, wantErr: ErrOverflow},
		{name: "quotient would fit but product does not", base: maxU256(), cu: 1, adj: u("2"), trust: 1, wantErr: ErrOverflow},
		{name: "trust 10001 refused", base: u(token), cu: 1, adj: One(), trust: 10001, wantErr: ErrTrustOutOfRange},
		{name: "trust max uint16 refused", base: u(token), cu: 1, adj: One(), trust: math.MaxUint16, wantErr: ErrTrustOutOfRange},
		{name: "trust checked before zero shortcut", base: u("0"), cu: 0, adj: One(), trust: 10001, wantErr: ErrTrustOutOfRange},
		{name: "nil base reward", base: nil, cu: 1, adj: One(), trust: TrustAttestedBps, wantErr: ErrNilValue},
		{name: "nil adjustment", base: u(token), cu: 1, adj: nil, trust: TrustAttestedBps, wantErr: ErrNilValue},
		{name: "nil checked before zero shortcut", base: nil, cu: 0, adj: One(), trust: 0, wantErr: ErrNilValue},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var base, adj *uint256.Int
			if tc.base != nil {
				base = tc.base.Clone()
			}
			if tc.adj != nil {
				adj = tc.adj.Clone()
			}
			got, err := Reward(tc.base, tc.cu, tc.adj, tc.trust)
			require.Equal(t, base, tc.base, "base reward mutated")
			require.Equal(t, adj, tc.adj, "adjustment mutated")
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				require.Nil(t, got)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got.Dec())
			require.NotSame(t, tc.base, got)
			require.NotSame(t, tc.adj, got)

			ref, overflow := refReward(tc.base, tc.cu, tc.adj, tc.trust)
			require.False(t, overflow)
			require.Equal(t, ref.String(), got.Dec())
		})
	}
}

func TestRewardErrorsCarryContext(t *testing.T) {
	_, err := Reward(maxU256(), 2, One(), TrustAttestedBps)
	require.ErrorIs(t, err, ErrOverflow)
	require.Contains(t, err.Error(), "compute units 2")

	_, err = Reward(One(), 1, One(), 10001)
	require.ErrorIs(t, err, ErrTrustOutOfRange)
	require.Contains(t, err.Error(), "10001")
}

func TestRewardResultIsFresh(t *testing.T) {
	base, adj := u("5"), One()
	a, err := Reward(base, 2, adj, TrustAttestedBps)
	require.NoError(t, err)
	b, err := Reward(base, 2, adj, TrustAttestedBps)
	require.NoError(t, err)
	require.NotSame(t, a, b)
	a.SetAllOne()
	require.Equal(t, "10", b.Dec())
	require.Equal(t, "5", base.Dec())
	require.Equal(t, One(), adj)
}
