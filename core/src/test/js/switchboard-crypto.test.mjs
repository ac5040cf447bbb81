// Node's built-in test runner over the browser client's crypto module (WebCrypto via globalThis.crypto.subtle).
// Keys and ciphertexts are checked against node:crypto, an independent implementation of ECDH, HKDF and AES-GCM.
// Run: node --test core/src/test/js/switchboard-crypto.test.mjs (JUnit: SwitchboardJsCryptoTest)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import nodeCrypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Node 19+ has WebCrypto on globalThis, as browsers do; Node 18 only as node:crypto's webcrypto.
if (!globalThis.crypto || !globalThis.crypto.subtle) globalThis.crypto = nodeCrypto.webcrypto;

const here = path.dirname(fileURLToPath(import.meta.url));
const modulePath = path.join(here, '../../main/resources/META-INF/resources/switchboard/switchboard-crypto.js');
const {
  Channel, createOffer, deriveKeyBytes, ivFor, counterOf, toBase64, fromBase64,
  INFO_CLIENT_TO_SERVER, INFO_SERVER_TO_CLIENT,
} = await import(modulePath);

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

/** A "server" side: a node:crypto P-256 key pair, also imported into WebCrypto, and a random salt. */
async function serverSide() {
  const ecdh = nodeCrypto.createECDH('prime256v1');
  ecdh.generateKeys();
  const point = ecdh.getPublicKey(); // 65 bytes, uncompressed
  const jwk = { kty: 'EC', crv: 'P-256', d: b64url(ecdh.getPrivateKey()), x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) };
  const privateKey = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  return { ecdh, privateKey, publicKey: toBase64(point), salt: toBase64(nodeCrypto.randomBytes(32)) };
}

async function pair() {
  const client = await createOffer();
  const server = await serverSide();
  return {
    client, server,
    clientChannel: await Channel.derive(client.privateKey, server.publicKey, server.salt, 'client'),
    serverChannel: await Channel.derive(server.privateKey, client.publicKey, server.salt, 'server'),
  };
}

const rejectsDecryption = (promise) => assert.rejects(promise, (e) => e.code === 'DECRYPTION_FAILED');

test('the offer is a 65-byte uncompressed P-256 point in standard base64', async () => {
  const { publicKey } = await createOffer();
  const bytes = fromBase64(publicKey);
  assert.equal(bytes.length, 65);
  assert.equal(bytes[0], 4);
  assert.match(publicKey, /^[A-Za-z0-9+/]+=*$/);
});

test('both directions derive the keys node:crypto derives (ECDH x-coordinate, HKDF-SHA256 with the two infos)', async () => {
  const client = await createOffer();
  const server = await serverSide();
  const keys = await deriveKeyBytes(client.privateKey, server.publicKey, server.salt);
  const z = server.ecdh.computeSecret(Buffer.from(fromBase64(client.publicKey)));
  const salt = Buffer.from(fromBase64(server.salt));
  const expected = (info) => Buffer.from(nodeCrypto.hkdfSync('sha256', z, salt, Buffer.from(info, 'ascii'), 32));
  assert.deepEqual(Buffer.from(keys.serverToClient), expected('switchboard/v1 server-to-client'));
  assert.deepEqual(Buffer.from(keys.clientToServer), expected('switchboard/v1 client-to-server'));
  assert.equal(INFO_SERVER_TO_CLIENT, 'switchboard/v1 server-to-client');
  assert.equal(INFO_CLIENT_TO_SERVER, 'switchboard/v1 client-to-server');
  const serverKeys = await deriveKeyBytes(server.privateKey, client.publicKey, server.salt);
  assert.deepEqual(serverKeys, keys);
});

test('IVs are 4 zero bytes and an 8-byte big-endian counter', () => {
  assert.deepEqual([...ivFor(1)], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual([...ivFor(258)], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
  assert.equal(counterOf(ivFor(2 ** 40)), 2n ** 40n);
  assert.throws(() => counterOf(Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)), (e) => e.code === 'DECRYPTION_FAILED');
  assert.throws(() => counterOf(new Uint8Array(8)), (e) => e.code === 'DECRYPTION_FAILED');
});

test('frames round-trip both ways with counters from 1, sealed as node:crypto AES-256-GCM seals them', async () => {
  const { client, server, clientChannel, serverChannel } = await pair();
  const text = JSON.stringify({ event: 'request', id: 'c1', method: 'system:time', data: { 'ünï': 'cödé ✓' } });
  const first = await clientChannel.seal(text);
  const second = await clientChannel.seal('{"event":"typing"}');
  assert.equal(counterOf(fromBase64(first.iv)), 1n);
  assert.equal(counterOf(fromBase64(second.iv)), 2n);
  assert.equal(await serverChannel.open(first), text);
  assert.equal(await serverChannel.open(second), '{"event":"typing"}');

  const keys = await deriveKeyBytes(client.privateKey, server.publicKey, server.salt);
  const cipher = nodeCrypto.createCipheriv('aes-256-gcm', Buffer.from(keys.clientToServer), Buffer.from(ivFor(1)));
  const expected = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  assert.equal(first.ct, expected.toString('base64'));

  const reply = '{"event":"response","id":"c1","seq":7,"data":{"epochMillis":1}}';
  const sealed = await serverChannel.seal(reply);
  assert.equal(counterOf(fromBase64(sealed.iv)), 1n);
  assert.equal(await clientChannel.open(sealed), reply);
});

test('a tampered ciphertext, tag or IV is rejected and does not use up the counter', async () => {
  const { clientChannel, serverChannel } = await pair();
  const frame = await clientChannel.seal('{"event":"chat","data":"hi"}');
  const ct = fromBase64(frame.ct);
  for (const at of [0, ct.length - 1]) {
    const bad = ct.slice();
    bad[at] ^= 1;
    await rejectsDecryption(serverChannel.open({ iv: frame.iv, ct: toBase64(bad) }));
  }
  await rejectsDecryption(serverChannel.open({ iv: toBase64(ivFor(2)), ct: frame.ct }));
  await rejectsDecryption(serverChannel.open({ iv: frame.iv, ct: 'not base64!' }));
  await rejectsDecryption(serverChannel.open(null));
  assert.equal(await serverChannel.open(frame), '{"event":"chat","data":"hi"}');
});

test('a replayed or reordered frame is rejected; later frames still open', async () => {
  const { clientChannel, serverChannel } = await pair();
  const one = await clientChannel.seal('one');
  const two = await clientChannel.seal('two');
  const three = await clientChannel.seal('three');
  assert.equal(await serverChannel.open(one), 'one');
  await rejectsDecryption(serverChannel.open(one));
  assert.equal(await serverChannel.open(three), 'three');
  await rejectsDecryption(serverChannel.open(two));
  assert.equal(serverChannel.received, 3n);
  const four = await clientChannel.seal('four');
  assert.equal(await serverChannel.open(four), 'four');
});

test('a frame sealed under another session key does not open', async () => {
  const a = await pair();
  const b = await pair();
  await rejectsDecryption(b.serverChannel.open(await a.clientChannel.seal('secret')));
  // A channel's own direction is not the other's: a client cannot open what it sealed.
  await rejectsDecryption(a.clientChannel.open(await a.clientChannel.seal('mine')));
});

test('a peer key that is not an uncompressed P-256 point, or a salt that is not 32 bytes, is refused', async () => {
  const client = await createOffer();
  const server = await serverSide();
  const point = fromBase64(server.publicKey);
  await assert.rejects(deriveKeyBytes(client.privateKey, toBase64(point.subarray(0, 33)), server.salt), (e) => e.code === 'ENCRYPTION_UNAVAILABLE');
  await assert.rejects(deriveKeyBytes(client.privateKey, server.publicKey, toBase64(new Uint8Array(16))), (e) => e.code === 'ENCRYPTION_UNAVAILABLE');
  const offCurve = point.slice();
  offCurve[64] ^= 1;
  await assert.rejects(deriveKeyBytes(client.privateKey, toBase64(offCurve), server.salt));
});
