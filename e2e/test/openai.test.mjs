// The official `openai` SDK, with its defaults, against a real pars-gateway
// and pars-miner (built-in model). The Go driver (evmpatch/gatewaytest)
// starts the node, the gateway and the miner, writes the config named by
// PARS_OPENAI_CONFIG ({baseURL, apiKey, model, out}), and afterwards checks
// on chain that every work id this file writes to `out` was accepted.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import OpenAI from 'openai';

const cfg = JSON.parse(readFileSync(process.env.PARS_OPENAI_CONFIG, 'utf8'));
const client = new OpenAI({ baseURL: cfg.baseURL, apiKey: cfg.apiKey, maxRetries: 0, timeout: 60_000 });
const workIds = [];
const prompt = 'Why is the sky blue?';

after(() => writeFileSync(cfg.out, JSON.stringify({ workIds })));

function keepWork(pars) {
  assert.match(pars.work_id, /^0x[0-9a-f]{64}$/);
  workIds.push(pars.work_id);
}

test('models.list and models.retrieve', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes(cfg.model), `models ${ids}`);
  const m = await client.models.retrieve(cfg.model);
  assert.equal(m.id, cfg.model);
  assert.equal(m.object, 'model');
});

let chatText;

test('chat.completions.create honours max_tokens', async () => {
  const r = await client.chat.completions.create({
    model: cfg.model, messages: [{ role: 'user', content: prompt }], max_tokens: 8,
  });
  assert.equal(r.object, 'chat.completion');
  assert.equal(r.choices.length, 1);
  assert.equal(r.choices[0].message.role, 'assistant');
  chatText = r.choices[0].message.content;
  assert.equal(chatText.length, 8);
  assert.equal(r.choices[0].finish_reason, 'length');
  assert.equal(r.usage.completion_tokens, 8);
  assert.equal(r.usage.prompt_tokens, prompt.length);
  keepWork(r.pars);
});

test('streamed chat: chunks add up to the answer, usage chunk, one proof', async () => {
  const stream = await client.chat.completions.create({
    model: cfg.model, messages: [{ role: 'user', content: prompt }], max_tokens: 8,
    stream: true, stream_options: { include_usage: true },
  });
  let text = '';
  let finish = null;
  let usage = null;
  let pars = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) usage = chunk.usage;
    if (chunk.pars) pars = chunk.pars;
    for (const c of chunk.choices) {
      text += c.delta.content ?? '';
      if (c.finish_reason) finish = c.finish_reason;
    }
  }
  assert.ok(chunks >= 3, `${chunks} chunks`);
  assert.equal(text, chatText, 'the built-in model is deterministic: streamed = not streamed');
  assert.equal(finish, 'length');
  assert.equal(usage.completion_tokens, 8);
  keepWork(pars);
});

test('completions.create with stop', async () => {
  const r = await client.completions.create({ model: cfg.model, prompt, max_tokens: 5 });
  assert.equal(r.object, 'text_completion');
  assert.equal(r.choices[0].text, chatText.slice(0, 5));
  assert.equal(r.choices[0].finish_reason, 'length');
  keepWork(r.pars);
  const stop = chatText.slice(3, 5);
  const s = await client.completions.create({ model: cfg.model, prompt, max_tokens: 8, stop: [stop] });
  assert.equal(s.choices[0].text, chatText.slice(0, chatText.indexOf(stop)));
  assert.equal(s.choices[0].finish_reason, 'stop');
  keepWork(s.pars);
});

test('embeddings.create with the SDK defaults (base64 on the wire)', async () => {
  const r = await client.embeddings.create({ model: cfg.model, input: 'Hello, world' });
  const v = r.data[0].embedding;
  assert.equal(v.length, 256);
  const norm = v.reduce((s, x) => s + x * x, 0);
  assert.ok(Math.abs(norm - 1) < 1e-4, `squared norm ${norm}`);
  assert.ok(v.some((x) => x !== 0), 'all zeros');
  const f = await client.embeddings.create({ model: cfg.model, input: 'Hello, world', encoding_format: 'float' });
  // JSON carries each float32 in its shortest decimal form; rounded back to
  // float32 it is the value the base64 bytes hold.
  assert.deepEqual(f.data[0].embedding.map(Math.fround), v);
  for (const p of [...r.pars, ...f.pars]) keepWork(p);
});

test('responses.create: the basic, not streamed form', async () => {
  const r = await client.responses.create({ model: cfg.model, input: prompt, max_output_tokens: 8 });
  assert.equal(r.object, 'response');
  assert.equal(r.output_text, chatText, 'the same job as the chat completion: the same answer');
  // The built-in model has no end token: the limit ends every answer.
  assert.equal(r.status, 'incomplete');
  assert.equal(r.incomplete_details.reason, 'max_output_tokens');
  assert.equal(r.usage.input_tokens, prompt.length);
  assert.equal(r.usage.output_tokens, 8);
  keepWork(r.pars);
});

test('a wrong API key is refused with 401', async () => {
  const bad = new OpenAI({ baseURL: cfg.baseURL, apiKey: 'sk-pars-wrong', maxRetries: 0 });
  await assert.rejects(bad.models.list(), (err) => {
    assert.ok(err instanceof OpenAI.AuthenticationError, String(err));
    assert.equal(err.status, 401);
    assert.equal(err.code, 'invalid_api_key');
    return true;
  });
});

test('an unknown model is refused with 404 model_not_found', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    (err) => {
      assert.ok(err instanceof OpenAI.NotFoundError, String(err));
      assert.equal(err.status, 404);
      assert.equal(err.code, 'model_not_found');
      assert.equal(err.param, 'model');
      return true;
    },
  );
});

test('images: 503 no_miner without a vision miner; a remote URL is refused with 400', async () => {
  // A 1×1 PNG.
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const ask = (url) => client.chat.completions.create({
    model: cfg.model,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url } }] }],
  });
  await assert.rejects(ask(`data:image/png;base64,${png}`), (err) => {
    assert.ok(err instanceof OpenAI.InternalServerError, String(err));
    assert.equal(err.status, 503);
    assert.equal(err.code, 'no_miner');
    assert.match(err.message, /capability "vision"/);
    return true;
  });
  await assert.rejects(ask('https://example.com/cat.png'), (err) => {
    assert.ok(err instanceof OpenAI.BadRequestError, String(err));
    assert.equal(err.param, 'messages[0].content[1].image_url.url');
    return true;
  });
});

test('n > 1 is refused with 400 param n', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: cfg.model, messages: [{ role: 'user', content: 'hi' }], n: 2 }),
    (err) => {
      assert.ok(err instanceof OpenAI.BadRequestError, String(err));
      assert.equal(err.param, 'n');
      return true;
    },
  );
});
