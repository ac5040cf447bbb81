// Node's built-in test runner over the browser client's socket-free parts: the close-code table, the
// backoff, the outbox (bound, cancel of a queued request, order of sealed writes) and pending calls.
// The socket-driven behaviour is tested in a real browser (tyrus-standalone's Browser*Test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import nodeCrypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

if (!globalThis.crypto || !globalThis.crypto.subtle) globalThis.crypto = nodeCrypto.webcrypto;

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../main/resources/META-INF/resources/switchboard/');
const { reconnectsAfter } = await import(root + 'switchboard-protocol.js');
const { Session } = await import(root + 'switchboard-session.js');
const { Outbox } = await import(root + 'switchboard-outbox.js');
const { Pending } = await import(root + 'switchboard-calls.js');
const { Channel, createOffer, counterOf, fromBase64 } = await import(root + 'switchboard-crypto.js');

test('the close codes that reconnect are the Java client\'s', () => {
  for (const code of [1006, 1001, 1011, 1012, 1013, 4002]) assert.equal(reconnectsAfter(code), true, String(code));
  for (const code of [1000, 1008, 1009, 4001, 4003, 4004, 4005, 4006, 4007, 3000, 4999]) assert.equal(reconnectsAfter(code), false, String(code));
});

test('the backoff doubles from the first delay up to the bound, with equal jitter in [b/2, b]', () => {
  const session = new Session('ws://127.0.0.1:1/ws', { reconnectDelay: 250, maxReconnectDelay: 10000 }, {});
  for (let n = 1; n <= 40; n++) {
    const base = Math.min(10000, 250 * 2 ** (n - 1));
    for (let i = 0; i < 200; i++) {
      const delay = session.delay(n);
      assert.ok(delay >= base / 2 && delay <= base, `attempt ${n}: ${delay} not in [${base / 2}, ${base}]`);
    }
  }
});

/** A sink standing in for an open socket: records what the outbox hands it. */
const sink = () => ({ readyState: 1, sent: [], send(text) { this.sent.push(text); } });

test('the backlog is bounded, and cancelling a queued request removes both', () => {
  const outbox = new Outbox(3, (e) => { throw e; });
  outbox.queue({ event: 'request', id: 'c1', method: 'a:b' });
  outbox.queue({ event: 'join', id: 'j2', data: { rooms: ['x'] } });
  outbox.queue({ event: 'typing' });
  assert.throws(() => outbox.queue({ event: 'typing' }), (e) => e.code === 'QUEUE_FULL');
  outbox.queue({ event: 'cancel', id: 'c1' });
  assert.deepEqual([...outbox.queuedIds()], ['j2']);
  outbox.queueFirst({ event: 'join', id: 'rejoin-1', data: { rooms: ['y'] } });
  const ws = sink();
  outbox.flush(ws, null);
  return outbox.chain.then(() => assert.deepEqual(ws.sent.map((t) => JSON.parse(t).id ?? JSON.parse(t).event), ['rejoin-1', 'j2', 'typing']));
});

test('sealed writes leave in call order with counters 1, 2, 3…; heartbeats stay plain', async () => {
  const client = await createOffer();
  const server = await createOffer();
  const salt = Buffer.from(nodeCrypto.randomBytes(32)).toString('base64');
  const sealing = await Channel.derive(client.privateKey, server.publicKey, salt, 'client');
  const opening = await Channel.derive(server.privateKey, client.publicKey, salt, 'server');
  const outbox = new Outbox(10, (e) => { throw e; });
  const ws = sink();
  for (let i = 1; i <= 20; i++) {
    outbox.write(ws, { event: 'n', data: i }, sealing);
    if (i % 5 === 0) outbox.write(ws, { event: 'heartbeat' }, sealing);
  }
  await outbox.chain;
  const frames = ws.sent.map((t) => JSON.parse(t));
  assert.equal(frames.filter((f) => f.event === 'heartbeat').length, 4);
  const sealed = frames.filter((f) => f.event === 'encrypted');
  assert.deepEqual(sealed.map((f) => Number(counterOf(fromBase64(f.data.iv)))), Array.from({ length: 20 }, (_, i) => i + 1));
  const opened = [];
  for (const f of sealed) opened.push(JSON.parse(await opening.open(f.data)).data);
  assert.deepEqual(opened, Array.from({ length: 20 }, (_, i) => i + 1));
});

test('a pending call ends once: answer, error, timeout or abort; a lost session spares queued ones', async () => {
  const pending = new Pending();
  const answered = pending.open('c1', 'request');
  assert.equal(pending.resolve('c1', 42, 'request'), true);
  assert.equal(pending.resolve('c1', 43, 'request'), false);
  assert.equal(await answered, 42);

  const failed = pending.open('c2', 'request');
  pending.reject('c2', 'NOT_IN_ROOM', 'Join first');
  await assert.rejects(failed, (e) => e.code === 'NOT_IN_ROOM' && e.message === 'Join first');

  let cancels = 0;
  await assert.rejects(pending.open('c3', 'request', { timeout: 5, onTimeout: () => cancels++ }), (e) => e.code === 'REQUEST_TIMEOUT');
  const control = new AbortController();
  const aborted = pending.open('c4', 'request', { signal: control.signal, onAbort: () => cancels++ });
  control.abort();
  await assert.rejects(aborted, (e) => e.code === 'REQUEST_CANCELLED');
  assert.equal(cancels, 2);

  const sent = pending.open('c5', 'request');
  const queued = pending.open('c6', 'request');
  pending.failAll('DISCONNECTED', 'lost', new Set(['c6']));
  await assert.rejects(sent, (e) => e.code === 'DISCONNECTED');
  assert.equal(pending.resolve('c6', 'still here', 'request'), true);
  assert.equal(await queued, 'still here');
});
