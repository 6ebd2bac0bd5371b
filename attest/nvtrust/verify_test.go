package nvtrust_test

import (
	"github.com/pars-network/aimining/attest/nvtrust"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestValidSamplesVerify(t *testing.T) {
	for _, s := range validSamples(t) {
		t.Run(s.name, func(t *testing.T) {
			c, err := nvtrust.Verify(s.report, s.chain, nvtrust.Options{Time: sampleTime})
			require.NoError(t, err)
			require.Equal(t, s.chip, c.Chip)
			require.Equal(t, s.models, c.Models)
			require.Equal(t, len(s.models) > 1, c.ModelAmbiguous)
			require.Equal(t, s.tier.String(), c.Tier)
			require.Equal(t, s.driver, c.DriverVersion)
			require.Equal(t, s.vbios, c.VBIOSVersion)
			require.Equal(t, s.fwid, c.FWIDChecked)
		})
	}
}
