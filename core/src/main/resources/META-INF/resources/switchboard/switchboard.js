// Switchboard browser client (switchboard.v1). A dependency-free ES module, no build step:
//
//   import { Switchboard } from '/switchboard/switchboard.js';
//   const sb = new Switchboard('/ws', { credentials: { token } });
//   sb.on('chat:message', (data) => show(data));
//   await sb.connect();
//   await sb.join('lobby');
//   const time = await sb.request('system:time');

import { Emitter, SwitchboardError, Codes } from './switchboard-events.js';
import { Pending, Methods } from './switchboard-calls.js';
import { Session } from './switchboard-session.js';
import { reconnectsAfter, SUBPROTOCOL } from './switchboard-protocol.js';

export { SwitchboardError, Codes, reconnectsAfter, SUBPROTOCOL };

/** Events the client sends itself; `emit` refuses them. */
const PROTOCOL_EVENTS = new Set(['authenticate', 'resume', 'heartbeat', 'join', 'leave', 'request', 'response',
  'cancel', 'presence', 'encrypted', 'handshake']);

const DEFAULTS = Object.freeze({
  credentials: undefined,
  encryption: false,
  batching: true,
  requestTimeout: 30000,
  heartbeatInterval: 25000,
  connectTimeout: 10000,
  reconnect: true,
  reconnectDelay: 250,
  maxReconnectDelay: 10000,
  maxReconnectAttempts: Infinity,
  maxQueued: 1000,
});

/** `ws(s)://` URL of `url`, which may be relative to the page (`/ws`) or use http(s). */
function socketUrl(url) {
  const base = typeof location !== 'undefined' ? location.href : undefined;
  const resolved = new URL(url, base);
  if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
  if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
  return resolved.href;
}

/**
 * A Switchboard client. Lifecycle events: `connected` `{id, userId}`, `reconnecting` `{attempt,
 * delay}`, `resumed` `{replayed}`, `recovery-failed` `{reason}`, `reauthenticated` `{id, userId}`,
 * `close` `{code, reason}`, `presence` `{room, joined, left}`, `error` (an Error), `notification`
 * (one without a request). Every other event name is an application event: `(data, envelope)`.
 */
export class Switchboard {
  /**
   * @param {string} url the WebSocket endpoint: `wss://host/ws`, or relative to the page (`/ws`)
   * @param {object} [options]
   * @param {object|(() => object|Promise<object>)} [options.credentials] the `authenticate` data, e.g.
   *   `{token}`, or a function giving it (called for each authentication, so it may fetch a fresh token)
   * @param {boolean} [options.encryption=false] end-to-end encryption (ECDH P-256, HKDF-SHA256, AES-256-GCM)
   * @param {boolean} [options.batching=true] offer `switchboard.v1+batch`: the server may put several envelopes in one frame
   * @param {number} [options.requestTimeout=30000] ms a request, join, leave or presence waits by default
   * @param {number} [options.heartbeatInterval=25000] ms between heartbeats; 0: none
   * @param {number} [options.connectTimeout=10000] ms to open a socket and hear `connected`/`resumed`
   * @param {boolean} [options.reconnect=true] reconnect and resume after a lost connection
   * @param {number} [options.reconnectDelay=250] first backoff in ms (doubling, equal jitter)
   * @param {number} [options.maxReconnectDelay=10000] backoff bound in ms
   * @param {number} [options.maxReconnectAttempts=Infinity] attempts per loss, then `close`
   * @param {number} [options.maxQueued=1000] frames queued while reconnecting; past it QUEUE_FULL
   */
  constructor(url, options = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.events = new Emitter();
    this.pending = new Pending();
    this.methods = new Methods((frame) => this.session.send(frame));
    /** Rooms joined through `join`, joined again after a session is re-established. */
    this.joinedRooms = new Set();
    this.nextId = 1;
    this.session = new Session(socketUrl(url), this.options, {
      route: (frame) => this.route(frame),
      emit: (event, payload) => this.events.emit(event, payload),
      abandon: (reason, queued) => this.abandoned(reason, queued),
      dropped: (queued, error) => queued.forEach((id) => {
        const call = this.pending.take(id);
        if (call) call.reject(error);
      }),
      ended: (code, reason) => this.ended(code, reason),
    });
  }

  /** `'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed'`. */
  get state() {
    return this.session.state;
  }

  /** The client id of the current session, or null. */
  get id() {
    return this.session.me ? this.session.me.id : null;
  }

  /** The authenticated user id, or null. */
  get userId() {
    return this.session.me ? this.session.me.userId : null;
  }

  /** The rooms joined through `join` (not default rooms). */
  get rooms() {
    return [...this.joinedRooms];
  }

  /** Whether the session is end-to-end encrypted now. */
  get encrypted() {
    return !!this.session.channel;
  }

  /**
   * Listens to an application event (`(data, envelope)`) or a lifecycle event (see the class).
   * @returns {() => void} a function that removes the listener
   */
  on(event, listener) {
    return this.events.on(event, listener);
  }

  /** Removes a listener. */
  off(event, listener) {
    this.events.off(event, listener);
  }

  /**
   * Opens the socket and authenticates with `options.credentials`.
   * @returns {Promise<{id: string, userId: string, time: number}>} once the server sent `connected`;
   *   rejects with `AUTHENTICATION_FAILED`, `ENCRYPTION_UNAVAILABLE` or `DISCONNECTED`
   */
  connect() {
    return this.session.connect();
  }

  /**
   * Joins rooms.
   * @param {...string} rooms
   * @returns {Promise<{rooms: string[], rejected: string[]}>} the rooms the client is in now, and those refused
   */
  join(...rooms) {
    return this.roomRequest('join', rooms.flat()).then((data) => ({ rooms: data.rooms || [], rejected: data.rejected || [] }));
  }

  /**
   * Leaves rooms.
   * @returns {Promise<{rooms: string[]}>} the rooms left (only those the client was in)
   */
  leave(...rooms) {
    return this.roomRequest('leave', rooms.flat()).then((data) => ({ rooms: data.rooms || [] }));
  }

  roomRequest(event, rooms) {
    const id = event[0] + this.nextId++;
    const answer = this.pending.open(id, event, { timeout: this.options.requestTimeout });
    this.sendOrFail(id, { event, id, data: { rooms } });
    return answer;
  }

  /**
   * Calls a server method.
   * @param {string} method `namespace:action`
   * @param {*} [data]
   * @param {{timeout?: number, signal?: AbortSignal, onProgress?: (data: *) => void}} [options]
   *   `signal` aborts the request (the server is sent `cancel`; rejects REQUEST_CANCELLED),
   *   `onProgress` receives each `notification` the method sends before its answer
   * @returns {Promise<*>} the answer's data; rejects with `err.code` (METHOD_NOT_FOUND,
   *   REQUEST_TIMEOUT, REQUEST_CANCELLED, DISCONNECTED, QUEUE_FULL, an application code)
   */
  request(method, data, options = {}) {
    if (typeof method !== 'string' || !method) return Promise.reject(new TypeError('method name is required'));
    if (options.signal && options.signal.aborted) {
      return Promise.reject(new SwitchboardError(Codes.REQUEST_CANCELLED, 'Cancelled by the client'));
    }
    const id = 'c' + this.nextId++;
    const cancel = () => {
      try {
        this.session.send({ event: 'cancel', id });
      } catch {
        // not connected: nothing to cancel on the server
      }
    };
    const answer = this.pending.open(id, 'request', {
      method,
      timeout: options.timeout === undefined ? this.options.requestTimeout : options.timeout,
      signal: options.signal,
      onProgress: options.onProgress,
      onTimeout: cancel,
      onAbort: cancel,
    });
    const frame = { event: 'request', id, method };
    if (data !== undefined) frame.data = data;
    this.sendOrFail(id, frame);
    return answer;
  }

  /**
   * Asks who is in a room (the server must have presence on for it).
   * @returns {Promise<Array<{clientId: string, userId: string}>>} rejects with the server's code,
   *   e.g. PRESENCE_DISABLED or NOT_IN_ROOM
   */
  presence(room) {
    const id = 'p' + this.nextId++;
    const answer = this.pending.open(id, 'presence', { timeout: this.options.requestTimeout });
    this.sendOrFail(id, { event: 'presence', id, data: { room } });
    return answer.then((data) => (data && Array.isArray(data.members) ? data.members : []));
  }

  sendOrFail(id, frame) {
    try {
      this.session.send(frame);
    } catch (e) {
      const call = this.pending.take(id);
      if (call) call.reject(e);
    }
  }

  /**
   * Sends a custom event to the server's message handler, fire-and-forget (queued while connecting
   * or reconnecting).
   * @throws {SwitchboardError} DISCONNECTED when not connected, QUEUE_FULL past the reconnect queue
   */
  emit(event, data) {
    if (typeof event !== 'string' || !event) throw new TypeError('event name is required');
    if (PROTOCOL_EVENTS.has(event)) throw new TypeError(`'${event}' is a protocol event; use the client's methods`);
    this.session.send(data === undefined ? { event } : { event, data });
  }

  /**
   * Answers the server's requests for `name` (`hub.request(clientId, name, ...)`). The handler gets
   * `(data, {id, method, signal})` and returns the answer (or a promise of it); throwing an error with
   * a `code` answers with that code, anything else with INTERNAL_ERROR. `null` removes the method.
   */
  method(name, handler) {
    this.methods.register(name, handler);
    return this;
  }

  /**
   * While reconnecting, tries at once instead of waiting out the backoff (a "retry now" button).
   * @returns {boolean} whether an attempt was waiting
   */
  reconnectNow() {
    return this.session.reconnectNow();
  }

  /** Closes with 1000: no reconnect; everything pending rejects with DISCONNECTED; `close` fires. */
  close() {
    this.session.close();
  }

  // ---- inbound frames ----

  route(frame) {
    const data = frame.data;
    switch (frame.event) {
      case 'response':
        if (frame.error) this.pending.reject(frame.id, frame.error.code, frame.error.message);
        else this.pending.resolve(frame.id, data === undefined ? null : data, 'request');
        return;
      case 'notification':
        if (!this.pending.progress(frame.id, data)) this.events.emit('notification', data, frame);
        return;
      case 'request':
        this.methods.onRequest(frame);
        return;
      case 'cancel':
        this.methods.onCancel(frame);
        return;
      case 'joined':
      case 'left':
        this.remember(frame.event, data || {});
        this.pending.resolve(frame.id, data || {}, frame.event === 'joined' ? 'join' : 'leave');
        this.events.emit(frame.event, data, frame);
        return;
      case 'presence':
        if (frame.id != null && this.pending.resolve(frame.id, data, 'presence')) return;
        if (data && data.room) {
          this.events.emit('presence', { room: data.room, joined: data.joined || [], left: data.left || [] }, frame);
        }
        return;
      case 'error': {
        const { code, message } = data || {};
        if (this.pending.reject(frame.id, code, message)) return;
        this.events.emit('error', new SwitchboardError(code || Codes.INTERNAL_ERROR, message));
        return;
      }
      default:
        this.events.emit(frame.event, data, frame);
    }
  }

  remember(event, data) {
    for (const room of data.rooms || []) {
      if (event === 'joined') this.joinedRooms.add(room);
      else this.joinedRooms.delete(room);
    }
    for (const room of data.rejected || []) this.joinedRooms.delete(room);
  }

  /** The server session was not recovered: calls already sent fail, rooms are queued to be joined again. */
  abandoned(reason, queued) {
    const why = reason
      ? `Connection lost and the session was not recovered (${reason})`
      : 'Connection lost and the server keeps no session to resume';
    this.pending.failAll(Codes.DISCONNECTED, why, queued);
    this.methods.cancelAll();
    if (this.joinedRooms.size > 0) {
      this.session.sendFirst({ event: 'join', id: 'rejoin-' + this.nextId++, data: { rooms: [...this.joinedRooms] } });
    }
  }

  ended(code, reason) {
    this.pending.failAll(Codes.DISCONNECTED, `Connection closed (${code}${reason ? ' ' + reason : ''})`);
    this.methods.cancelAll();
    this.events.emit('close', { code, reason });
  }
}

export default Switchboard;
