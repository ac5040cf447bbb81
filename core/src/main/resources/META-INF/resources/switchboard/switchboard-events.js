// Switchboard browser client: the error type every rejected promise carries, and a small event emitter.

/** Error codes the client itself produces (the server's codes pass through unchanged). */
export const Codes = Object.freeze({
  DISCONNECTED: 'DISCONNECTED',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  REQUEST_CANCELLED: 'REQUEST_CANCELLED',
  METHOD_NOT_FOUND: 'METHOD_NOT_FOUND',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  QUEUE_FULL: 'QUEUE_FULL',
  AUTHENTICATION_FAILED: 'AUTHENTICATION_FAILED',
  ENCRYPTION_UNAVAILABLE: 'ENCRYPTION_UNAVAILABLE',
  DECRYPTION_FAILED: 'DECRYPTION_FAILED',
});

/**
 * An error with a machine-readable `code` (`METHOD_NOT_FOUND`, `REQUEST_TIMEOUT`, `REQUEST_CANCELLED`,
 * `DISCONNECTED`, an application code, ...), as every rejected promise of the client carries.
 */
export class SwitchboardError extends Error {
  /**
   * @param {string} code machine-readable code
   * @param {string} [message] text for people
   * @param {object} [details] extra fields (e.g. `closeCode`)
   */
  constructor(code, message, details) {
    super(message || code);
    this.name = 'SwitchboardError';
    this.code = code;
    if (details) Object.assign(this, details);
  }
}

/** Listeners by event name; a listener that throws is reported on `error` and does not stop the others. */
export class Emitter {
  constructor() {
    /** @type {Map<string, Set<Function>>} */
    this.listeners = new Map();
  }

  on(event, listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(listener);
    return () => this.off(event, listener);
  }

  off(event, listener) {
    const set = this.listeners.get(event);
    if (set) {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(event);
    }
  }

  /** @returns {boolean} whether any listener was called */
  emit(event, ...args) {
    const set = this.listeners.get(event);
    if (!set) return false;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (e) {
        if (event !== 'error' && this.listeners.has('error')) this.emit('error', e);
        else setTimeout(() => { throw e; });
      }
    }
    return true;
  }
}
