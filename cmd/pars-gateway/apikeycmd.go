package main

import (
	"errors"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/pars-network/aimining/gateway/apikey"
	"github.com/urfave/cli/v2"
)

var keysFlag = &cli.StringFlag{Name: "keys", Required: true, Usage: "the API key file (created if missing)", TakesFile: true}

func apikeyCommand() *cli.Command {
	return &cli.Command{
		Name:  "apikey",
		Usage: "manage the client API keys (the file holds their SHA-256 only; a running gateway reloads it)",
		Subcommands: []*cli.Command{
			{
				Name:      "add",
				Usage:     "make a key; its secret is printed (or written to --out) once and never stored",
				UsageText: "pars-gateway apikey add --keys FILE --name NAME [--rate-per-minute N] [--out FILE]",
				Flags: []cli.Flag{
					keysFlag,
					&cli.StringFlag{Name: "name", Required: true, Usage: "who the key is for"},
					&cli.IntFlag{Name: "rate-per-minute", Value: 600, Usage: "requests per minute the key may make (0: unlimited)"},
					&cli.StringFlag{Name: "out", Usage: "write the secret to this new file (mode 0600) instead of printing it", TakesFile: true},
				},
				Action: apikeyAdd,
			},
			{
				Name:      "list",
				Usage:     "list the keys with their usage",
				UsageText: "pars-gateway apikey list --keys FILE [--usage FILE]",
				Flags: []cli.Flag{
					keysFlag,
					&cli.StringFlag{Name: "usage", Usage: "the usage record (default: the key file + .usage.jsonl)", TakesFile: true},
				},
				Action: apikeyList,
			},
			{
				Name:      "revoke",
				Usage:     "revoke a key by its id (it stays listed)",
				UsageText: "pars-gateway apikey revoke --keys FILE KEY_ID",
				Flags:     []cli.Flag{keysFlag},
				Action:    apikeyRevoke,
			},
		},
	}
}

func apikeyAdd(c *cli.Context) error {
	path := c.String("keys")
	f, err := apikey.Load(path)
	if err != nil {
		return err
	}
	secret, k, err := f.Add(c.String("name"), c.Int("rate-per-minute"), time.Now(), nil)
	if err != nil {
		return err
	}
	out := c.String("out")
	if out != "" {
		sf, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		if _, err := sf.WriteString(secret + "\n"); err != nil {
			sf.Close()
			return err
		}
		if err := sf.Close(); err != nil {
			return err
		}
	}
	if err := f.Save(path); err != nil {
		if out != "" {
			os.Remove(out)
		}
		return err
	}
	if out != "" {
		fmt.Fprintf(c.App.Writer, "added %s (%s); secret written to %s\n", k.ID, k.Name, out)
		return nil
	}
	fmt.Fprintf(c.App.ErrWriter, "added %s (%s); the secret below is shown once:\n", k.ID, k.Name)
	fmt.Fprintln(c.App.Writer, secret)
	return nil
}

func apikeyList(c *cli.Context) error {
	path := c.String("keys")
	f, err := apikey.Load(path)
	if err != nil {
		return err
	}
	usagePath := c.String("usage")
	if usagePath == "" {
		usagePath = path + ".usage.jsonl"
	}
	totals, err := apikey.ReadTotals(usagePath)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.App.Writer, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tHINT\tCREATED\tRATE/MIN\tSTATE\tREQUESTS\tPROMPT TOKENS\tCOMPLETION TOKENS\tLAST USED")
	for _, k := range f.Keys {
		state := "live"
		if k.Revoked != nil {
			state = "revoked " + k.Revoked.Format(time.RFC3339)
		}
		t := totals[k.ID]
		if t == nil {
			t = &apikey.Totals{}
		}
		last := "-"
		if !t.Last.IsZero() {
			last = t.Last.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s…\t%s\t%d\t%s\t%d\t%d\t%d\t%s\n", k.ID, k.Name, k.Hint, k.Created.Format(time.RFC3339),
			k.RatePerMinute, state, t.Requests, t.PromptTokens, t.CompletionTokens, last)
	}
	return tw.Flush()
}

func apikeyRevoke(c *cli.Context) error {
	if c.NArg() != 1 {
		return errors.New("apikey revoke: give one key id (see `pars-gateway apikey list`)")
	}
	path := c.String("keys")
	f, err := apikey.Load(path)
	if err != nil {
		return err
	}
	k, err := f.Revoke(c.Args().First(), time.Now())
	if err != nil {
		return err
	}
	if err := f.Save(path); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "revoked %s (%s)\n", k.ID, k.Name)
	return nil
}
