// Recomputes docs/encryption-vectors.json from the two private scalars with WebCrypto alone
// (crypto.subtle: ECDH, HKDF, AES-GCM), independently of the Java implementation.
// Usage: node docs/encryption-vectors.mjs [path/to/encryption-vectors.json]
// Exit status 0 and "ok: N checks" when everything matches; 1 and the first mismatch otherwise.
import { readFileSync } from 'node:fs';

// Node 19+ and browsers expose WebCrypto as globalThis.crypto; Node 18 only as node:crypto's webcrypto.
const subtle = globalThis.crypto?.subtle ?? (await import('node:crypto')).webcrypto.subtle;

const file = process.argv[2] ?? new URL('./encryption-vectors.json', import.meta.url);
const v = JSON.parse(readFileSync(file, 'utf8'));
let checks = 0;

const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const toB64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromHex = (h) => Uint8Array.from(h.match(/../g), (b) => parseInt(b, 16));
const toHex = (bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const b64url = (s) => s.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

function equal(what, actual, expected) {
  checks++;
  if (actual !== expected) {
    console.error(`MISMATCH ${what}\n  expected ${expected}\n  actual   ${actual}`);
    process.exit(1);
  }
}

const EC = { name: 'ECDH', namedCurve: 'P-256' };
// PKCS#8 PrivateKeyInfo for P-256 holding only the scalar: WebCrypto computes the public point.
const PKCS8_PREFIX = fromHex('308141020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420');

async function party(name, p) {
  const scalar = fromHex(p.privateKey);
  equal(`${name} scalar length`, scalar.length, 32);
  equal(`${name} jwk.d`, p.jwk.d, b64url(toB64(scalar)));
  const pkcs8 = new Uint8Array([...PKCS8_PREFIX, ...scalar]);
  const fromScalar = await subtle.importKey('pkcs8', pkcs8, EC, true, ['deriveBits']);
  const jwk = await subtle.exportKey('jwk', fromScalar);
  equal(`${name} public x from scalar`, jwk.x, p.jwk.x);
  equal(`${name} public y from scalar`, jwk.y, p.jwk.y);
  const point = fromB64(p.publicKey);
  equal(`${name} point length`, point.length, 65);
  equal(`${name} point prefix`, point[0], 4);
  const publicKey = await subtle.importKey('raw', point, EC, true, []);
  equal(`${name} publicKey`, toB64(await subtle.exportKey('raw', publicKey)), p.publicKey);
  const x = b64url(toB64(point.slice(1, 33)));
  const y = b64url(toB64(point.slice(33)));
  equal(`${name} publicKey x`, x, p.jwk.x);
  equal(`${name} publicKey y`, y, p.jwk.y);
  const privateKey = await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', d: p.jwk.d, x, y }, EC, false, ['deriveBits']);
  return { privateKey, publicKey };
}

const client = await party('client', v.client);
const server = await party('server', v.server);

const zClient = await subtle.deriveBits({ name: 'ECDH', public: server.publicKey }, client.privateKey, 256);
const zServer = await subtle.deriveBits({ name: 'ECDH', public: client.publicKey }, server.privateKey, 256);
equal('Z (client side)', toHex(zClient), v.sharedSecret);
equal('Z (server side)', toHex(zServer), v.sharedSecret);

const salt = fromB64(v.salt);
equal('salt length', salt.length, 32);
const ikm = await subtle.importKey('raw', zClient, 'HKDF', false, ['deriveBits']);
const keys = {};
for (const [direction, name, info] of [
  ['server-to-client', 'serverToClient', 'switchboard/v1 server-to-client'],
  ['client-to-server', 'clientToServer', 'switchboard/v1 client-to-server'],
]) {
  equal(`${name} info`, v.keys[name].info, info);
  const bits = await subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt, info: new TextEncoder().encode(info) }, ikm, 256);
  equal(`${name} key`, toHex(bits), v.keys[name].key);
  keys[direction] = await subtle.importKey('raw', bits, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

equal('authenticate offers the client key', JSON.parse(v.exchange.authenticate).data.encryption.publicKey, v.client.publicKey);
const answer = JSON.parse(v.exchange.connected).data.encryption;
equal('connected answers the server key', answer.publicKey, v.server.publicKey);
equal('connected carries the salt', answer.salt, v.salt);

for (const f of v.frames) {
  const what = `${f.direction} #${f.counter}`;
  const iv = new Uint8Array(12);
  new DataView(iv.buffer).setBigUint64(4, BigInt(f.counter));
  equal(`${what} iv`, toB64(iv), f.iv);
  const params = { name: 'AES-GCM', iv, tagLength: 128 };
  const ct = await subtle.encrypt(params, keys[f.direction], new TextEncoder().encode(f.plaintext));
  equal(`${what} ct`, toB64(ct), f.ct);
  const plain = await subtle.decrypt(params, keys[f.direction], fromB64(f.ct));
  equal(`${what} plaintext`, new TextDecoder('utf-8', { fatal: true }).decode(plain), f.plaintext);
  equal(`${what} frame`, JSON.stringify({ event: 'encrypted', data: { iv: f.iv, ct: f.ct } }), f.frame);
}

console.log(`ok: ${checks} checks`);
