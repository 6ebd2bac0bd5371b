package miner

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"golang.org/x/term"
)

// PassphraseSource says where a passphrase comes from: a file (its first
// line), an environment variable, or, when neither is set, a prompt on the
// terminal.
type PassphraseSource struct {
	File string // path of a file whose first line is the passphrase
	Env  string // name of an environment variable holding it
}

// ErrNoPassphrase: no file, no variable and no terminal to prompt on.
var ErrNoPassphrase = errors.New("no passphrase: set a passphrase file or environment variable, or run on a terminal to be prompted")

// ReadPassphrase returns the passphrase from src, prompting with prompt on
// the terminal when src names no file and no variable.
func ReadPassphrase(src PassphraseSource, prompt string) (string, error) {
	switch {
	case src.File != "":
		data, err := os.ReadFile(src.File)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("passphrase file %s does not exist", src.File)
			}
			return "", fmt.Errorf("read passphrase file: %w", err)
		}
		line, _, _ := strings.Cut(string(data), "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			return "", fmt.Errorf("passphrase file %s is empty", src.File)
		}
		return line, nil
	case src.Env != "":
		v, ok := os.LookupEnv(src.Env)
		if !ok {
			return "", fmt.Errorf("environment variable %s (the passphrase) is not set", src.Env)
		}
		if v == "" {
			return "", fmt.Errorf("environment variable %s (the passphrase) is empty", src.Env)
		}
		return v, nil
	}
	return promptPassphrase(prompt)
}

// promptPassphrase reads a passphrase from the terminal without echo.
func promptPassphrase(prompt string) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", ErrNoPassphrase
	}
	fmt.Fprint(os.Stderr, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", fmt.Errorf("read passphrase: %w", err)
	}
	if len(b) == 0 {
		return "", errors.New("empty passphrase")
	}
	return string(b), nil
}

// PromptNewPassphrase asks twice on the terminal for a new wallet
// passphrase and checks both agree.
func PromptNewPassphrase() (string, error) { return PromptNewPassphraseFor("wallet") }

// PromptNewPassphraseFor asks twice on the terminal for a new passphrase of
// what ("wallet", "gas account") and checks both agree.
func PromptNewPassphraseFor(what string) (string, error) {
	p1, err := promptPassphrase("New " + what + " passphrase: ")
	if err != nil {
		return "", err
	}
	p2, err := promptPassphrase("Repeat passphrase: ")
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", errors.New("the passphrases do not match")
	}
	return p1, nil
}
