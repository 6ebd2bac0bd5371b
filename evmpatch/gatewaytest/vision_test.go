package gatewaytest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/miner/visionecho"
	"github.com/pars-network/aimining/precompile"
)

// TestVisionOnNode runs a vision job end to end on the real binaries: a
// model registered on pars-geth for committee audits, pars-gateway
// serving it, and pars-miner whose openai back-end (vision = true) is
// visionecho, an in-repo OpenAI-compatible server that answers images. A
// chat completion with a PNG as a data URL comes back with the back-end's
// description of exactly that image, and its proof is accepted on chain.
func TestVisionOnNode(t *testing.T) {
	if testing.Short() {
		t.Skip("node test: runs the real pars-geth, pars-gateway and pars-miner")
	}
	geth := nodeharness.Binary(t, "pars-geth", "PARS_GETH", "make pars-geth")
	gatewayBin := nodeharness.Binary(t, "pars-gateway", "PARS_GATEWAY", "make pars-gateway")
	minerBin := nodeharness.Binary(t, "pars-miner", "PARS_MINER", "make pars-miner")
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()

	gasKey, _ := crypto.ToECDSA(crypto.Keccak256([]byte("pars vision test gas account")))
	node, err := devnode.Start(ctx, devnode.Config{
		Binary: geth, DataDir: filepath.Join(t.TempDir(), "node"), Period: 0,
		Genesis: devnode.DevGenesis(chainID, devnode.Ether(1_000_000), crypto.PubkeyToAddress(gasKey.PublicKey)),
	})
	if err != nil {
		t.Fatalf("start pars-geth: %v", err)
	}
	t.Cleanup(func() {
		pid := node.PID()
		node.Stop()
		t.Logf("pars-geth (pid %d) stopped", pid)
	})

	// The vision model, registered by governance for committee audits.
	const model = "pars-vision-echo"
	modelHash := sha256.Sum256([]byte("pars vision echo weights"))
	govTx(t, ctx, node, "registerModel", modelHash, uint64(1_000_000), uint8(precompile.TokenizerBytes), uint16(4),
		uint32(1<<21), uint32(4096), uint8(precompile.VerifierCommittee))

	// The gateway, registered with a budget.
	home := t.TempDir()
	keyPath := filepath.Join(home, "gateway.key")
	out, err := exec.CommandContext(ctx, gatewayBin, "keygen", "--out", keyPath, "--scheme", "44").Output()
	if err != nil {
		t.Fatalf("pars-gateway keygen: %v", err)
	}
	var gk struct {
		GatewayID common.Hash   `json:"gateway_id"`
		PublicKey hexutil.Bytes `json:"public_key"`
	}
	if err := json.Unmarshal(out, &gk); err != nil {
		t.Fatalf("keygen printed %q: %v", out, err)
	}
	govTx(t, ctx, node, "registerGateway", []byte(gk.PublicKey))
	govTx(t, ctx, node, "setGatewayBudget", [32]byte(gk.GatewayID), uint64(1_000_000))
	zapPort, _ := devnode.FreePort()
	httpPort, _ := devnode.FreePort()
	startProcess(t, "pars-gateway", gatewayBin, "--key", keyPath, "--chain-id", fmt.Sprint(chainID), "--no-builtin-model",
		"--model", fmt.Sprintf("%s=%s:1000000:4:256", model, hexutil.Encode(modelHash[:])),
		"--zap-listen", fmt.Sprintf("127.0.0.1:%d", zapPort), "--http-listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--request-timeout", "30s", "--rpc", node.URL())
	base := fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	waitFor(t, "gateway /healthz says registered", stepLimit, func() bool { return healthState(base) == "registered" })

	// The back-end that answers images, and the miner using it.
	echo := visionecho.New(model)
	srv := httptest.NewServer(echo)
	t.Cleanup(srv.Close)
	cfg, _, err := devnode.WriteMinerConfig(ctx, devnode.MinerHome{
		Dir: filepath.Join(home, "miner"), Miner: minerBin, Scheme: "44", Passphrase: passphrase, GasKey: gasKey,
		ChainID: chainID, RPC: node.URL(), Models: []string{model},
		Backend: fmt.Sprintf("kind = \"openai\"\nurl = %q\nmax_tokens = 64\n\n[[backend.models]]\nname = %q\nhash = %q\nvision = true\n",
			srv.URL, model, hexutil.Encode(modelHash[:])),
		Sections: fmt.Sprintf("[zap]\ngateway = \"zap://127.0.0.1:%d\"\ngateway_id = %q\n", zapPort, gk.GatewayID.Hex()),
	})
	if err != nil {
		t.Fatal(err)
	}
	mn := startProcess(t, "pars-miner", minerBin, "--config", cfg, "--log-format", "json")
	waitFor(t, "miner registered", stepLimit, func() bool { return strings.Contains(mn.output(), "registered with the gateway") })

	img := image.NewRGBA(image.Rect(0, 0, 5, 3))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	var pngBytes bytes.Buffer
	if err := png.Encode(&pngBytes, img); err != nil {
		t.Fatal(err)
	}
	const prompt = "What is in this image?"
	body, _ := json.Marshal(map[string]any{"model": model, "max_tokens": 64, "messages": []map[string]any{{"role": "user", "content": []map[string]any{
		{"type": "text", "text": prompt},
		{"type": "image_url", "image_url": map[string]any{"url": "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngBytes.Bytes())}},
	}}}})
	resp, err := http.Post(base+"/v1/chat/completions", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("vision chat: %d %s", resp.StatusCode, raw)
	}
	var answer struct {
		Choices []struct {
			Message struct{ Content string } `json:"message"`
		} `json:"choices"`
		Pars struct {
			WorkID common.Hash `json:"work_id"`
		} `json:"pars"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil || len(answer.Choices) != 1 {
		t.Fatalf("vision chat answer %s (%v)", raw, err)
	}
	want := visionecho.Describe(len(prompt), []visionecho.Image{{MediaType: "image/png", Data: pngBytes.Bytes()}})
	if got := answer.Choices[0].Message.Content; got != want {
		t.Fatalf("answer %q, want %q", got, want)
	}
	if got := echo.Images(); len(got) != 1 || !bytes.Equal(got[0], pngBytes.Bytes()) {
		t.Fatalf("the back-end received %d images, not the client's bytes", len(got))
	}
	start := time.Now()
	waitFor(t, "the vision proof accepted on chain", stepLimit, func() bool { return isSpent(ctx, node.URL(), answer.Pars.WorkID) })
	t.Logf("answer %q; work %s accepted on chain %v later", want, answer.Pars.WorkID.Hex(), time.Since(start).Round(time.Millisecond))
}
