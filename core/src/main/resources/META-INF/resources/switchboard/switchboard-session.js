// Switchboard browser client: the server session over successive sockets. Authenticates, sends
// heartbeats, drops replayed frames by `seq`, seals and opens frames when encrypted, and when a
// socket is lost in a way worth retrying reconnects with backoff and jitter, resumes with
// `{token, lastSeq}` (or authenticates anew when the server cannot recover the session), queuing
// outgoing frames meanwhile. Mirrors the Java client's Session, Reconnector, Recovery and Backlog.

import { SwitchboardError, Codes } from './switchboard-events.js';
import { Channel, createOffer } from './switchboard-crypto.js';
import { Outbox, OPEN } from './switchboard-outbox.js';
import { SUBPROTOCOL, BATCH_SUBPROTOCOL, reconnectsAfter, plainAllowed, parse, lines } from './switchboard-protocol.js';

/**
 * One logical session. `hooks`: `route(frame)` for every frame it does not handle itself,
 * `emit(event, payload)` for lifecycle events, `abandon(reason, queuedIds)` when the server session
 * is gone, `dropped(queuedIds, error)` when a first connection failed with frames queued,
 * `ended(code, reason)` once at the very end. All state is touched only from the page's
 * event loop; inbound frames (and closes) are handled one at a time, in order, through a promise chain.
 */
export class Session {
  constructor(url, options, hooks) {
    this.url = url;
    this.options = options;
    this.hooks = hooks;
    /** 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' */
    this.state = 'idle';
    this.ws = null;
    this.me = null;
    this.token = null;
    this.lastSeq = 0;
    this.channel = null;
    this.offer = null;
    this.authWaiter = null;
    this.outbox = new Outbox(options.maxQueued, (e) => this.hooks.emit('error', e));
    this.phase = null;
    this.attempt = 0;
    this.lossCode = 0;
    this.timer = null;
    this.heartbeat = null;
    this.inbound = Promise.resolve();
  }

  // ---- connecting ----

  /** Opens the first socket and authenticates. @returns {Promise<{id: string, userId: string, time: number}>} */
  connect() {
    if (this.state === 'closed') return Promise.reject(new SwitchboardError(Codes.DISCONNECTED, 'The client is closed'));
    if (this.state === 'open' || this.state === 'reconnecting') return Promise.resolve(this.me);
    if (this.connecting) return this.connecting;
    this.state = 'connecting';
    this.connecting = new Promise((resolve, reject) => {
      this.authWaiter = { again: false, resolve, reject };
      const ws = this.openSocket();
      ws.onopen = () => this.authenticate(ws);
      this.timer = setTimeout(() => {
        if (this.state !== 'connecting' || this.ws !== ws) return;
        this.ws = null;
        ws.close();
        this.connectFailed(new SwitchboardError(Codes.DISCONNECTED, `Not connected within ${this.options.connectTimeout} ms`));
      }, this.options.connectTimeout);
    });
    const settled = () => { this.connecting = null; };
    this.connecting.then(settled, settled);
    return this.connecting;
  }

  openSocket() {
    const ws = new WebSocket(this.url, this.options.batching === false ? SUBPROTOCOL : [BATCH_SUBPROTOCOL, SUBPROTOCOL]);
    this.ws = ws;
    ws.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
      const texts = ws.protocol === BATCH_SUBPROTOCOL ? lines(e.data) : [e.data];
      for (const text of texts) this.chain(() => this.receive(ws, text));
    };
    ws.onclose = (e) => this.chain(() => this.closed(ws, e.code, e.reason));
    ws.onerror = () => {}; // a close event follows
    return ws;
  }

  chain(step) {
    this.inbound = this.inbound.then(step).catch((e) => this.hooks.emit('error', e));
  }

  /** Sends `authenticate` with the credentials (and a fresh encryption offer) on `ws`. */
  async authenticate(ws) {
    try {
      const given = this.options.credentials;
      let data = typeof given === 'function' ? await given() : given;
      data = data == null ? {} : data;
      this.channel = null;
      if (this.options.encryption) {
        const offer = await createOffer();
        this.offer = offer.privateKey;
        data = { ...data, encryption: { publicKey: offer.publicKey } };
      }
      if (ws === this.ws) this.outbox.writePlain(ws, { event: 'authenticate', data });
    } catch (e) {
      this.authFailed(e instanceof SwitchboardError ? e : new SwitchboardError(Codes.AUTHENTICATION_FAILED, String(e && e.message || e)));
    }
  }

  /** `connected`: the session is (re-)established on the current socket. */
  async established(ws, data) {
    const waiter = this.authWaiter;
    if (!waiter) return;
    this.authWaiter = null;
    if (this.options.encryption) {
      if (!data.encryption) {
        this.refuse(waiter, new SwitchboardError(Codes.ENCRYPTION_UNAVAILABLE, 'The server did not accept the encryption offer'));
        return;
      }
      try {
        this.channel = await Channel.derive(this.offer, data.encryption.publicKey, data.encryption.salt, 'client');
      } catch (e) {
        this.refuse(waiter, e);
        return;
      }
      this.offer = null;
    }
    this.token = data.token || null;
    this.lastSeq = 0;
    this.me = { id: data.id, userId: data.userId, time: data.time };
    this.finish();
    this.state = 'open';
    this.startHeartbeat();
    this.flush(ws);
    waiter.resolve(this.me);
    this.hooks.emit('connected', this.me);
    if (waiter.again) this.hooks.emit('reauthenticated', this.me);
  }

  /** The server refused to authenticate (an `error` before `connected`); the close that follows ends the socket. */
  authFailed(error) {
    const waiter = this.authWaiter;
    if (!waiter) return false;
    this.authWaiter = null;
    this.refuse(waiter, error);
    return true;
  }

  refuse(waiter, error) {
    if (waiter.again) {
      this.end(error.closeCode || 1000, error.message);
    } else {
      const ws = this.ws;
      this.ws = null;
      if (ws) ws.close(1000, 'Client closed');
      this.connectFailed(error);
      waiter.reject(error);
    }
  }

  connectFailed(error) {
    clearTimeout(this.timer);
    this.state = 'idle';
    this.channel = null;
    this.hooks.dropped(this.outbox.clear(), error);
    if (this.authWaiter) {
      this.authWaiter.reject(error);
      this.authWaiter = null;
    }
  }

  // ---- inbound ----

  async receive(ws, text) {
    if (ws !== this.ws) return;
    let frame = parse(text);
    if (!frame) return;
    if (frame.event === 'encrypted') {
      if (!this.channel) return;
      let plain;
      try {
        plain = await this.channel.open(frame.data);
      } catch (e) {
        this.hooks.emit('error', e);
        return;
      }
      // a sealed batch holds several envelopes, one per line
      for (const line of ws.protocol === BATCH_SUBPROTOCOL ? lines(plain) : [plain]) {
        const inner = parse(line);
        if (!inner || ws !== this.ws) return;
        await this.handle(ws, inner);
      }
      return;
    } else if (this.channel && !plainAllowed(frame)) {
      this.hooks.emit('error', new SwitchboardError(Codes.DECRYPTION_FAILED, `Dropped a plain '${frame.event}' frame on an encrypted session`));
      return;
    }
    return this.handle(ws, frame);
  }

  /** One envelope of the current socket, decrypted if it was sealed. */
  async handle(ws, frame) {
    if (typeof frame.seq === 'number') {
      if (frame.seq <= this.lastSeq) return;
      this.lastSeq = frame.seq;
    }
    switch (frame.event) {
      case 'heartbeat':
        return;
      case 'connected':
        return this.established(ws, frame.data || {});
      case 'resumed':
        return this.resumed(ws, frame.data || {});
      case 'token':
        if (frame.data && frame.data.token) this.token = frame.data.token;
        return;
      case 'error':
        if (frame.id == null && this.authWaiter && frame.data) {
          const { code, message } = frame.data;
          if (code === Codes.AUTHENTICATION_FAILED || code === 'ENCRYPTION_REQUIRED') {
            this.authFailed(new SwitchboardError(code, message, { closeCode: code === Codes.AUTHENTICATION_FAILED ? 4003 : 4004 }));
            return;
          }
        }
        return this.hooks.route(frame);
      default:
        return this.hooks.route(frame);
    }
  }

  /** The current socket ended (after every frame it delivered was handled). */
  closed(ws, code, reason) {
    if (ws !== this.ws) return;
    this.ws = null;
    const worth = this.options.reconnect && reconnectsAfter(code);
    if (this.state === 'connecting') {
      this.connectFailed(new SwitchboardError(Codes.DISCONNECTED, `Connection closed (${code}${reason ? ' ' + reason : ''})`, { closeCode: code }));
    } else if (this.state === 'open' && worth) {
      this.state = 'reconnecting';
      if (!this.token) this.abandon(null);
      this.lossCode = code;
      this.attempt = 0;
      this.next();
    } else if (this.state === 'reconnecting' && worth) {
      this.next();
    } else {
      this.end(code, reason);
    }
  }

  // ---- reconnecting ----

  /** Equal jitter: a random delay in [b/2, b], b = min(max, initial * 2^(n-1)). */
  delay(n) {
    const { reconnectDelay: initial, maxReconnectDelay: max } = this.options;
    const base = Math.min(max, initial * 2 ** Math.min(n - 1, 30));
    const half = Math.floor(base / 2);
    return base - half + Math.floor(Math.random() * (half + 1));
  }

  next() {
    if (this.state !== 'reconnecting') return;
    clearTimeout(this.timer);
    this.phase = 'waiting';
    if (this.attempt >= this.options.maxReconnectAttempts) {
      const n = this.attempt;
      this.end(this.lossCode, `Gave up reconnecting after ${n} attempt${n === 1 ? '' : 's'}`);
      return;
    }
    const n = ++this.attempt;
    const delay = this.delay(n);
    this.hooks.emit('reconnecting', { attempt: n, delay });
    this.timer = setTimeout(() => this.reopen(n), delay);
  }

  /** Skips the backoff wait of the current attempt. @returns whether an attempt was waiting */
  reconnectNow() {
    if (this.state !== 'reconnecting' || this.phase !== 'waiting') return false;
    clearTimeout(this.timer);
    this.reopen(this.attempt);
    return true;
  }

  reopen(n) {
    if (this.state !== 'reconnecting' || n !== this.attempt) return;
    this.phase = 'opening';
    const ws = this.openSocket();
    ws.onopen = () => this.attemptOpened(ws);
    this.timer = setTimeout(() => {
      if (ws !== this.ws || this.state !== 'reconnecting') return;
      this.ws = null;
      ws.close();
      this.next();
    }, this.options.connectTimeout);
  }

  attemptOpened(ws) {
    if (ws !== this.ws || this.state !== 'reconnecting') return;
    if (this.token) {
      this.phase = 'resuming';
      this.outbox.writePlain(ws, { event: 'resume', data: { token: this.token, lastSeq: this.lastSeq } });
    } else {
      this.hooks.emit('recovery-failed', { reason: 'RESUME_DISABLED' });
      this.reauthenticate(ws);
    }
  }

  resumed(ws, data) {
    if (this.state !== 'reconnecting' || this.phase !== 'resuming') return;
    if (data.recovered) {
      if (data.token) this.token = data.token;
      this.finish();
      this.state = 'open';
      this.hooks.emit('resumed', { replayed: data.replayed || 0 });
      this.flush(ws);
      return;
    }
    const reason = data.reason || 'NOT_RECOVERED';
    this.hooks.emit('recovery-failed', { reason });
    this.abandon(reason);
    this.reauthenticate(ws);
  }

  reauthenticate(ws) {
    this.phase = 'authenticating';
    this.authWaiter = { again: true, resolve: () => {}, reject: () => {} };
    this.authenticate(ws);
  }

  /** The server session is gone: what was sent on it fails, its token, sequence and keys are forgotten. */
  abandon(reason) {
    this.token = null;
    this.lastSeq = 0;
    this.channel = null;
    this.outbox.discard((frame) => frame.event === 'response' || frame.event === 'cancel');
    this.hooks.abandon(reason, this.outbox.queuedIds());
  }

  /** The reconnect series is over; the caller sets the state. */
  finish() {
    clearTimeout(this.timer);
    this.timer = null;
    this.phase = null;
    this.attempt = 0;
  }

  // ---- outbound ----

  /**
   * Sends a frame now, or queues it while connecting or reconnecting (sent once the session is
   * established or resumed); throws DISCONNECTED or QUEUE_FULL otherwise.
   */
  send(frame) {
    if (this.state === 'open' && this.ws) {
      this.outbox.write(this.ws, frame, this.channel);
    } else if (this.state === 'reconnecting' || this.state === 'connecting') {
      this.outbox.queue(frame);
    } else {
      throw new SwitchboardError(Codes.DISCONNECTED, 'Not connected');
    }
  }

  /** Queues a frame ahead of all others (the rooms to join again after re-authenticating). */
  sendFirst(frame) {
    this.outbox.queueFirst(frame);
  }

  flush(ws) {
    this.outbox.flush(ws, this.channel);
  }

  startHeartbeat() {
    const every = this.options.heartbeatInterval;
    if (this.heartbeat || !(every > 0)) return;
    this.heartbeat = setInterval(() => {
      if (this.state === 'open' && this.ws && this.ws.readyState === OPEN) this.outbox.write(this.ws, { event: 'heartbeat' }, null);
    }, every);
  }

  // ---- the end ----

  /** Closes with 1000 (idempotent). */
  close() {
    this.end(1000, 'Client closed');
  }

  end(code, reason) {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    this.channel = null;
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= OPEN) ws.close(1000, 'Client closed');
    this.outbox.clear();
    if (this.authWaiter) {
      this.authWaiter.reject(new SwitchboardError(Codes.DISCONNECTED, 'The client is closed'));
      this.authWaiter = null;
    }
    this.hooks.ended(code, reason || '');
  }
}
