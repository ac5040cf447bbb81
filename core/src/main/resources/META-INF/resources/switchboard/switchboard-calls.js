// Switchboard browser client: what waits for an answer from the server (requests, join/leave,
// presence), and the methods the server may call on this page.

import { SwitchboardError, Codes } from './switchboard-events.js';

/**
 * Requests in flight to the server by id. Each ends exactly once: its answer, an `error` with its
 * id, its timeout, its abort signal, or a lost session. Whoever removes an entry settles it.
 */
export class Pending {
  constructor() {
    /** @type {Map<string, {kind: string, method?: string, resolve: Function, reject: Function, onProgress?: Function, timer?: any, cleanup?: Function}>} */
    this.calls = new Map();
  }

  /**
   * Registers a call; the caller then sends its frame.
   * @param {string} id
   * @param {'request'|'join'|'leave'|'presence'} kind
   * @param {{timeout?: number, signal?: AbortSignal, onProgress?: Function, method?: string,
   *          onTimeout?: Function, onAbort?: Function}} options
   */
  open(id, kind, options = {}) {
    return new Promise((resolve, reject) => {
      const call = { kind, method: options.method, resolve, reject, onProgress: options.onProgress };
      this.calls.set(id, call);
      const what = options.method ? `'${options.method}'` : `'${kind}'`;
      if (options.timeout > 0) {
        call.timer = setTimeout(() => {
          if (this.take(id) && options.onTimeout) options.onTimeout(id);
          reject(new SwitchboardError(Codes.REQUEST_TIMEOUT, `No answer to ${what} within ${options.timeout} ms`));
        }, options.timeout);
      }
      const signal = options.signal;
      if (signal) {
        const aborted = () => {
          if (!this.take(id)) return;
          if (options.onAbort) options.onAbort(id);
          reject(new SwitchboardError(Codes.REQUEST_CANCELLED, 'Cancelled by the client'));
        };
        signal.addEventListener('abort', aborted, { once: true });
        call.cleanup = () => signal.removeEventListener('abort', aborted);
      }
    });
  }

  /** Removes a call, stopping its timer. @returns the call, or undefined */
  take(id) {
    const call = this.calls.get(id);
    if (!call) return undefined;
    this.calls.delete(id);
    clearTimeout(call.timer);
    if (call.cleanup) call.cleanup();
    return call;
  }

  has(id, kind) {
    const call = this.calls.get(id);
    return !!call && (kind === undefined || call.kind === kind);
  }

  /** An answer for `id` (`response` data, `joined`/`left`/`presence` data). @returns whether it matched */
  resolve(id, value, kind) {
    if (id == null || !this.has(String(id), kind)) return false;
    this.take(String(id)).resolve(value);
    return true;
  }

  /** An error for `id` (`response` error, `error` event with its id). @returns whether it matched */
  reject(id, code, message) {
    if (id == null || !this.calls.has(String(id))) return false;
    this.take(String(id)).reject(new SwitchboardError(code || Codes.INTERNAL_ERROR, message || code));
    return true;
  }

  /** A progress `notification` for `id`. @returns whether a request is waiting for it */
  progress(id, data) {
    const call = id == null ? undefined : this.calls.get(String(id));
    if (!call || call.kind !== 'request') return false;
    if (call.onProgress) {
      try {
        call.onProgress(data);
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    }
    return true;
  }

  /** Fails every call but those whose ids are in `keep` (their frames have not left the page yet). */
  failAll(code, message, keep = new Set()) {
    for (const id of [...this.calls.keys()]) {
      if (!keep.has(id)) this.take(id).reject(new SwitchboardError(code, message));
    }
  }
}

/**
 * Methods the server may call (`hub.request`), and the server's requests being answered now. A
 * handler gets `(data, {id, method, signal})`; `signal` aborts when the server cancels (timeout) or
 * the session is lost. Each request is answered once, unless it was cancelled first.
 */
export class Methods {
  /** @param {(frame: object) => void} send */
  constructor(send) {
    this.send = send;
    /** @type {Map<string, Function>} */
    this.handlers = new Map();
    /** @type {Map<string, AbortController>} */
    this.inFlight = new Map();
  }

  register(name, handler) {
    if (typeof name !== 'string' || !name) throw new TypeError('method name is required');
    if (handler == null) this.handlers.delete(name);
    else if (typeof handler !== 'function') throw new TypeError('handler must be a function');
    else this.handlers.set(name, handler);
  }

  /** A server `request` frame. */
  async onRequest(frame) {
    const id = frame.id;
    if (id == null) return;
    const handler = this.handlers.get(frame.method);
    if (!handler) {
      this.answer(id, { error: { code: Codes.METHOD_NOT_FOUND, message: `Unknown method '${frame.method}'` } });
      return;
    }
    const control = new AbortController();
    this.inFlight.set(String(id), control);
    let reply;
    try {
      const value = await handler(frame.data, { id, method: frame.method, signal: control.signal });
      reply = { data: value === undefined ? null : value };
    } catch (e) {
      const code = e && typeof e.code === 'string' ? e.code : Codes.INTERNAL_ERROR;
      const message = code === Codes.INTERNAL_ERROR ? 'Internal error' : String(e.message || code);
      if (code === Codes.INTERNAL_ERROR) console.warn(`Switchboard: method '${frame.method}' failed`, e);
      reply = { error: { code, message } };
    }
    if (this.inFlight.get(String(id)) === control && !control.signal.aborted) {
      this.inFlight.delete(String(id));
      this.answer(id, reply);
    }
  }

  answer(id, reply) {
    try {
      this.send({ event: 'response', id, ...reply });
    } catch {
      // not connected any more: the server fails its request with DISCONNECTED or a timeout
    }
  }

  /** A server `cancel` frame: the request is dropped unanswered and its signal aborts. */
  onCancel(frame) {
    const control = frame.id == null ? undefined : this.inFlight.get(String(frame.id));
    if (control) {
      this.inFlight.delete(String(frame.id));
      control.abort();
    }
  }

  /** The session ended: every request being answered is aborted. */
  cancelAll() {
    for (const control of this.inFlight.values()) control.abort();
    this.inFlight.clear();
  }
}
