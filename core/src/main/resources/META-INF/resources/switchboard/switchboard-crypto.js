// Switchboard browser client: the built-in end-to-end encryption scheme (switchboard/v1) on WebCrypto.
//
// Offer: an ephemeral P-256 key pair; the 65-byte uncompressed public point goes in `authenticate`
// as `encryption.publicKey` (standard base64). Answer: `connected.data.encryption = {publicKey, salt}`.
// Keys: Z = ECDH x-coordinate; HKDF-SHA256(IKM Z, salt, L 32) with info "switchboard/v1
// server-to-client" and "switchboard/v1 client-to-server" give two AES-256-GCM keys. Frames:
// `{"event":"encrypted","data":{"iv","ct"}}`, iv = 4 zero bytes || 8-byte big-endian counter (from 1,
// +1 per frame, per direction), ct = ciphertext || 16-byte tag, no associated data. A receiver
// accepts a counter only if it is greater than the last one it accepted.

import { SwitchboardError, Codes } from './switchboard-events.js';

export const INFO_SERVER_TO_CLIENT = 'switchboard/v1 server-to-client';
export const INFO_CLIENT_TO_SERVER = 'switchboard/v1 client-to-server';
const POINT_BYTES = 65;
const SALT_BYTES = 32;
const IV_BYTES = 12;

const subtle = () => {
  const s = globalThis.crypto && globalThis.crypto.subtle;
  if (!s) throw new SwitchboardError(Codes.ENCRYPTION_UNAVAILABLE, 'WebCrypto is not available (a secure context is required)');
  return s;
};
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Standard base64 of bytes. */
export function toBase64(bytes) {
  let binary = '';
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of standard base64; throws DECRYPTION_FAILED on anything else. */
export function fromBase64(text) {
  if (typeof text !== 'string') throw failure('not base64');
  let binary;
  try {
    binary = atob(text);
  } catch {
    throw failure('not base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function failure(why) {
  return new SwitchboardError(Codes.DECRYPTION_FAILED, 'Frame rejected: ' + why);
}

/** The 12-byte IV of a counter: 4 zero bytes, then the counter as 8 bytes big-endian. */
export function ivFor(counter) {
  const iv = new Uint8Array(IV_BYTES);
  new DataView(iv.buffer).setBigUint64(4, BigInt(counter));
  return iv;
}

/** The counter of an IV, or throws when the IV is not 4 zero bytes plus a counter. */
export function counterOf(iv) {
  if (iv.length !== IV_BYTES || iv[0] | iv[1] | iv[2] | iv[3]) throw failure('malformed IV');
  return new DataView(iv.buffer, iv.byteOffset, IV_BYTES).getBigUint64(4);
}

/** A fresh ephemeral P-256 key pair and its public point as standard base64 (the `encryption.publicKey` offer). */
export async function createOffer() {
  const pair = await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64(raw) };
}

/**
 * The raw 32-byte keys of both directions, from our private key, the peer's public point and the salt.
 * @returns {Promise<{serverToClient: Uint8Array, clientToServer: Uint8Array}>}
 */
export async function deriveKeyBytes(privateKey, peerPublicKey, salt) {
  const point = fromBase64(peerPublicKey);
  const saltBytes = fromBase64(salt);
  if (point.length !== POINT_BYTES || point[0] !== 4) throw new SwitchboardError(Codes.ENCRYPTION_UNAVAILABLE, 'The peer key is not an uncompressed P-256 point');
  if (saltBytes.length !== SALT_BYTES) throw new SwitchboardError(Codes.ENCRYPTION_UNAVAILABLE, 'The salt is not 32 bytes');
  const peer = await subtle().importKey('raw', point, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const z = await subtle().deriveBits({ name: 'ECDH', public: peer }, privateKey, 256);
  const ikm = await subtle().importKey('raw', z, 'HKDF', false, ['deriveBits']);
  const expand = async (info) => new Uint8Array(await subtle().deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: saltBytes, info: utf8.encode(info) }, ikm, 256));
  return { serverToClient: await expand(INFO_SERVER_TO_CLIENT), clientToServer: await expand(INFO_CLIENT_TO_SERVER) };
}

/**
 * One session's encrypted channel: seals with one key and counter, opens with the other key and
 * checks the peer's counter. `role` 'client' seals client-to-server; 'server' the other way (tests).
 */
export class Channel {
  /** @param {CryptoKey} sealKey @param {CryptoKey} openKey */
  constructor(sealKey, openKey) {
    this.sealKey = sealKey;
    this.openKey = openKey;
    /** Counter of the last frame sealed. */
    this.sent = 0n;
    /** Counter of the last frame accepted. */
    this.received = 0n;
  }

  /** Derives the channel of `role` from our private key and the peer's answer. */
  static async derive(privateKey, peerPublicKey, salt, role = 'client') {
    const bytes = await deriveKeyBytes(privateKey, peerPublicKey, salt);
    const aes = (raw, usage) => subtle().importKey('raw', raw, { name: 'AES-GCM' }, false, [usage]);
    const mine = role === 'client' ? bytes.clientToServer : bytes.serverToClient;
    const theirs = role === 'client' ? bytes.serverToClient : bytes.clientToServer;
    const channel = new Channel(await aes(mine, 'encrypt'), await aes(theirs, 'decrypt'));
    bytes.serverToClient.fill(0);
    bytes.clientToServer.fill(0);
    return channel;
  }

  /**
   * Seals a UTF-8 text under the next counter (taken at once, so frames keep the order of the calls).
   * @returns {Promise<{iv: string, ct: string}>} the `data` of an `encrypted` frame
   */
  async seal(text) {
    this.sent += 1n;
    const iv = ivFor(this.sent);
    const ct = await subtle().encrypt({ name: 'AES-GCM', iv }, this.sealKey, utf8.encode(text));
    return { iv: toBase64(iv), ct: toBase64(ct) };
  }

  /**
   * Opens the `data` of an `encrypted` frame. Rejects with DECRYPTION_FAILED when it does not decode,
   * does not authenticate, or its counter is not greater than the last one accepted (replay, reorder).
   * @returns {Promise<string>} the plaintext
   */
  async open(data) {
    if (!data || typeof data !== 'object') throw failure('no iv/ct');
    const iv = fromBase64(data.iv);
    const counter = counterOf(iv);
    if (counter <= this.received) throw failure('counter ' + counter + ' not after ' + this.received);
    let plain;
    try {
      plain = await subtle().decrypt({ name: 'AES-GCM', iv }, this.openKey, fromBase64(data.ct));
    } catch {
      throw failure('authentication failed');
    }
    if (counter <= this.received) throw failure('counter ' + counter + ' not after ' + this.received);
    this.received = counter;
    try {
      return fromUtf8.decode(plain);
    } catch {
      throw failure('not UTF-8');
    }
  }
}
