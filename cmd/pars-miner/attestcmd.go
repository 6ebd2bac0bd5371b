package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/gpuattest"
	"github.com/urfave/cli/v2"
)

// attestOptions lets tests replace the GPU and its root.
var attestOptions = func(o miner.Options) miner.Options { return o }

func attestCommand() *cli.Command {
	return &cli.Command{
		Name:  "attest",
		Usage: "NVIDIA GPU attestation (NVTrust): status, device registration, evidence checks",
		UsageText: "pars-miner attest status [--json]\n" +
			"pars-miner attest register --config config.toml [--device NAME]\n" +
			"pars-miner attest verify --report FILE --certs FILE [--nonce HEX] [--time RFC3339] [--policy FILE]",
		Subcommands: []*cli.Command{
			{
				Name:      "status",
				Usage:     "show what NVML sees: driver, GPUs, confidential computing state",
				UsageText: "pars-miner attest status [--json]",
				Description: "Loads libnvidia-ml.so.1 and prints the driver version, the GPUs and the confidential\n" +
					"computing (CC) state. GPUs attest only in CC mode. Exits 1 with the reason when NVML\n" +
					"cannot be used (no NVIDIA driver).",
				Flags:  []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
				Action: attestStatusCmd,
			},
			{
				Name:      "register",
				Usage:     "register the configured GPUs on chain for this wallet's miner id",
				UsageText: "pars-miner attest register --config config.toml [--device NAME]",
				Description: "For each device in gpu.device_ids (or --device): collects the GPU's evidence through\n" +
					"NVML and checks it, asks the chain for the registration nonce (registrationNonce), has\n" +
					"the GPU sign a report answering it, and sends registerDevice from the gas account. A\n" +
					"registered device's proofs earn the attested trust tier with gpu.enable_nvtrust.",
				Flags: []cli.Flag{
					configFlag,
					&cli.StringSliceFlag{Name: "device", Usage: "device to register (a CUDA index or GPU UUID)", DefaultText: "every gpu.device_ids entry"},
					logLevel, logFormat,
				},
				Action: attestRegisterCmd,
			},
			{
				Name:      "verify",
				Usage:     "verify saved GPU evidence offline and print its claims as JSON",
				UsageText: "pars-miner attest verify --report FILE --certs FILE [--nonce HEX] [--time RFC3339] [--policy FILE]",
				Description: "The same check as pars-attest verify: the report (hex text or raw bytes) and its PEM\n" +
					"chain (leaf first) against NVIDIA's pinned Device Identity root at --time (default\n" +
					"now). Prints {\"valid\": true, …claims} and exits 0, or {\"valid\": false, \"error\",\n" +
					"\"reason\"} and exits 1.",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "report", Usage: "SPDM report: hex text or raw bytes", Required: true, TakesFile: true},
					&cli.StringFlag{Name: "certs", Usage: "certificate chain, PEM, leaf first", Required: true, TakesFile: true},
					&cli.StringFlag{Name: "nonce", Usage: "expected request nonce (64 hex digits)"},
					&cli.StringFlag{Name: "time", Usage: "verification time, RFC 3339", DefaultText: "now"},
					&cli.StringFlag{Name: "policy", Usage: "reference-value policy, JSON", TakesFile: true},
				},
				Action: attestVerifyCmd,
			},
		},
	}
}

func attestVerifyCmd(c *cli.Context) error {
	opts := nvtrust.Options{Time: time.Now()}
	if s := c.String("time"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return fmt.Errorf("--time: %w", err)
		}
		opts.Time = t
	}
	if s := c.String("nonce"); s != "" {
		n, err := nvtrust.ParseNonceHex(s)
		if err != nil {
			return fmt.Errorf("--%w", err)
		}
		opts.Nonce = n
	}
	if s := c.String("policy"); s != "" {
		p, err := nvtrust.LoadPolicy(s)
		if err != nil {
			return err
		}
		opts.Policy = p
	}
	claims, err := nvtrust.VerifyFiles(c.String("report"), c.String("certs"), opts)
	var ferr *nvtrust.FileError
	if errors.As(err, &ferr) {
		fmt.Fprintln(c.App.ErrWriter, "pars-miner attest verify:", err)
		return &exitError{code: 2}
	}
	enc := json.NewEncoder(c.App.Writer)
	enc.SetIndent("", "  ")
	if eerr := enc.Encode(nvtrust.NewResult(claims, err)); eerr != nil {
		return eerr
	}
	if err != nil {
		return &exitError{code: 1}
	}
	return nil
}

func attestStatusCmd(c *cli.Context) error {
	st, err := gpuattest.Probe()
	w := c.App.Writer
	if c.Bool("json") {
		out := struct {
			Available bool `json:"available"`
			*gpuattest.Status
			Error string `json:"error,omitempty"`
			Tier  string `json:"tier"`
		}{Available: err == nil, Status: st}
		out.Tier = "attested (when registered and CC is on)"
		if err != nil {
			out.Error, out.Tier = err.Error(), gpuattest.SoftwareOnly
		} else if st.CC == nil || !st.CC.Enabled {
			out.Tier = gpuattest.SoftwareOnly
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if eerr := enc.Encode(out); eerr != nil {
			return eerr
		}
		if err != nil {
			return &exitError{code: 1}
		}
		return nil
	}
	if err != nil {
		fmt.Fprintf(w, "NVML unavailable: %v\n", err)
		fmt.Fprintf(w, "GPU attestation is impossible here; with gpu.enable_nvtrust the miner mines at the %s tier.\n", gpuattest.SoftwareOnly)
		return &exitError{code: 1}
	}
	fmt.Fprintf(w, "driver          %s\n", st.DriverVersion)
	fmt.Fprintf(w, "NVML            %s\n", st.NVMLVersion)
	if st.CUDAVersion > 0 {
		fmt.Fprintf(w, "CUDA (driver)   %d.%d\n", st.CUDAVersion/1000, st.CUDAVersion%1000/10)
	}
	switch {
	case st.CC != nil:
		state := "off"
		if st.CC.Enabled {
			state = "on"
		}
		fmt.Fprintf(w, "CC mode         %s (environment %s, CPU %s, GPUs capable %t", state, st.CC.Environment, st.CC.CPUCapability, st.CC.GPUsCapable)
		if st.CC.DevTools {
			fmt.Fprint(w, ", devtools mode")
		}
		if st.CC.GPUsReady != nil {
			fmt.Fprintf(w, ", ready %t", *st.CC.GPUsReady)
		}
		fmt.Fprintln(w, ")")
	default:
		fmt.Fprintf(w, "CC mode         unknown: %s\n", st.CCError)
	}
	fmt.Fprintf(w, "GPUs            %d\n", len(st.Devices))
	for _, d := range st.Devices {
		if d.Error != "" {
			fmt.Fprintf(w, "  %d  error: %s\n", d.Index, d.Error)
			continue
		}
		fmt.Fprintf(w, "  %d  %s  %s  %s\n", d.Index, d.Name, d.UUID, d.Architecture)
	}
	if st.CC != nil && st.CC.Enabled {
		fmt.Fprintln(w, "attestation     possible: register with `pars-miner attest register --config …`")
	} else {
		fmt.Fprintf(w, "attestation     impossible while CC mode is off; with gpu.enable_nvtrust the miner mines at the %s tier\n", gpuattest.SoftwareOnly)
	}
	return nil
}

func attestRegisterCmd(c *cli.Context) error {
	cfg, err := loadConfig(c)
	if err != nil {
		return err
	}
	log, err := newLogger(c)
	if err != nil {
		return err
	}
	m, err := miner.Open(c.Context, cfg, attestOptions(miner.Options{Logger: log, SkipAttestation: true}))
	if err != nil {
		return err
	}
	defer m.Close()
	devices := c.StringSlice("device")
	if len(devices) == 0 {
		devices = cfg.GPU.DeviceIDs
	}
	w := c.App.Writer
	failed := 0
	for _, d := range devices {
		pr := miner.NewProgress(c.App.ErrWriter, log, "registering device "+d+": collecting its evidence and waiting for the transaction", -1).Spin()
		reg, err := m.RegisterDevice(c.Context, d)
		pr.Finish()
		if err != nil {
			fmt.Fprintf(c.App.ErrWriter, "device %s: not registered: %v\n", d, err)
			failed++
			continue
		}
		fmt.Fprintf(w, "device %s registered\n  device id   %s\n  miner id    %s\n  chip        %s\n  tier        %s\n  generation  %d\n  tx          %s (block %d)\n",
			d, hexutil.Encode(reg.DeviceID[:]), hexutil.Encode(reg.MinerID[:]), reg.Chip, reg.Tier, reg.Generation, reg.TxHash.Hex(), reg.Block)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d devices not registered", failed, len(devices))
	}
	if !cfg.GPU.EnableNVTrust {
		fmt.Fprintln(w, "set gpu.enable_nvtrust = true for proofs to carry the GPU's evidence")
	}
	return nil
}
