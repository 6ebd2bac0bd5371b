package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

const td = "../../testdata/nvtrust/"

func TestVerifyCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"verify", "--report", td + "nvtrust_hopperAttestationReport.txt", "--certs", td + "nvtrust_hopperCertChain.txt",
		"--nonce", "931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb", "--time", "2025-06-01T00:00:00Z"}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	var claims map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &claims))
	require.Equal(t, true, claims["valid"])
	require.Equal(t, "GH100", claims["chip"])
	require.Equal(t, []any{"H100", "H200"}, claims["models"])
	require.Equal(t, true, claims["modelAmbiguous"])
	require.Equal(t, "attested", claims["tier"])

	for _, tc := range []struct {
		args   []string
		code   int
		reason string
	}{
		{[]string{"verify", "--report", td + "trustee_hopper_coco_report1_trailingbyte.txt", "--certs", td + "trustee_hopper_coco_certs1.txt", "--time", "2025-06-01T00:00:00Z"}, 1, "malformed-report"},
		{[]string{"verify", "--report", td + "sdk_hopperAttestationReportInvalidSignature.txt", "--certs", td + "nvtrust_hopperCertChain.txt", "--time", "2025-06-01T00:00:00Z"}, 1, "bad-signature"},
		{[]string{"verify", "--report", td + "nvtrust_hopperAttestationReport.txt", "--certs", td + "nvtrust_hopperCertChain.txt", "--nonce", "00000000000000000000000000000000000000000000000000000000000000aa", "--time", "2025-06-01T00:00:00Z"}, 1, "nonce-mismatch"},
		{[]string{"verify", "--report", td + "nvtrust_hopperAttestationReport.txt", "--certs", td + "trustee_hopper_cert_chain_case4.txt", "--time", "2025-06-01T00:00:00Z"}, 1, "certificate-chain"},
		{[]string{"verify", "--report", td + "nvtrust_hopperAttestationReport.txt"}, 2, ""},
		{[]string{"check"}, 2, ""},
	} {
		out.Reset()
		require.Equal(t, tc.code, run(tc.args, &out, &errOut), "%v", tc.args)
		if tc.reason != "" {
			var res map[string]any
			require.NoError(t, json.Unmarshal(out.Bytes(), &res))
			require.Equal(t, tc.reason, res["reason"])
		}
	}
}
