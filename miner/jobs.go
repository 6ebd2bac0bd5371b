package miner

import (
	"crypto/rand"
	"fmt"
	"io"
	"sync"

	"github.com/pars-network/aimining/proof"
)

// Job is one piece of inference work.
type Job struct {
	ID    proof.Hash // the job id bound into the WorkContext
	Model string     // the model to run
	Input []byte     // the inference input
}

// DevnetPrompts are the prompts the miner gives itself when no gateway
// hands out jobs.
var DevnetPrompts = []string{
	"Explain proof of work in one sentence.",
	"Write a haiku about graphics cards.",
	"What is the capital of France?",
	"Summarize the theory of relativity in one sentence.",
	"List three uses of a hash function.",
	"Translate 'good morning' into Persian.",
	"Why is the sky blue?",
	"Give a short definition of a neural network.",
	"What does a validator do on a blockchain?",
	"Name a prime number larger than one hundred.",
	"Describe the water cycle briefly.",
	"What is post-quantum cryptography?",
	"Suggest a name for a friendly robot.",
	"How many bytes are in a kilobyte?",
	"Write one line of advice for a new programmer.",
	"What is federated learning?",
}

// DevnetJobs makes jobs for devnet mode: prompts and models in turn, each
// with a fresh random job id. It is safe for concurrent use.
type DevnetJobs struct {
	mu      sync.Mutex
	models  []string
	prompts []string
	n       uint64
	rand    io.Reader
}

// NewDevnetJobs cycles through prompts (DevnetPrompts when nil) and models.
// Job ids come from r (crypto/rand when nil).
func NewDevnetJobs(models, prompts []string, r io.Reader) *DevnetJobs {
	if len(prompts) == 0 {
		prompts = DevnetPrompts
	}
	if r == nil {
		r = rand.Reader
	}
	return &DevnetJobs{models: append([]string(nil), models...), prompts: append([]string(nil), prompts...), rand: r}
}

// Next returns the next job.
func (d *DevnetJobs) Next() (Job, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.models) == 0 {
		return Job{}, fmt.Errorf("no models to make jobs for")
	}
	j := Job{
		Model: d.models[d.n%uint64(len(d.models))],
		Input: []byte(d.prompts[d.n%uint64(len(d.prompts))]),
	}
	if _, err := io.ReadFull(d.rand, j.ID[:]); err != nil {
		return Job{}, fmt.Errorf("make job id: %w", err)
	}
	d.n++
	return j, nil
}
