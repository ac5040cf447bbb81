// Switchboard browser client: what the page sends. Frames go out in call order, sealed when the
// session is encrypted; while the client connects or reconnects they wait in a bounded backlog.

import { SwitchboardError, Codes } from './switchboard-events.js';

/** WebSocket.OPEN. */
export const OPEN = 1;

/**
 * The backlog (frames not yet on any socket, in order) and the write chain (one write at a time, so
 * async sealing keeps the order and the counters of the calls). A `cancel` for a request still in the
 * backlog removes both: the server never hears of it. Touched only from the page's event loop.
 */
export class Outbox {
  /** @param {number} max backlog bound @param {(e: Error) => void} onError */
  constructor(max, onError) {
    this.max = max;
    this.onError = onError;
    this.backlog = [];
    this.chain = Promise.resolve();
  }

  /** Queues a frame; throws QUEUE_FULL past the bound. */
  queue(frame) {
    if (frame.event === 'cancel' && this.dropRequest(frame.id)) return;
    if (this.backlog.length >= this.max) {
      throw new SwitchboardError(Codes.QUEUE_FULL, `Not connected, and ${this.max} frames are already queued`);
    }
    this.backlog.push(frame);
  }

  /** Queues a frame ahead of all others. */
  queueFirst(frame) {
    this.backlog.unshift(frame);
  }

  dropRequest(id) {
    const at = this.backlog.findIndex((frame) => frame.event !== 'cancel' && frame.id != null && String(frame.id) === String(id));
    if (at < 0) return false;
    this.backlog.splice(at, 1);
    return true;
  }

  /** Ids of the queued frames that carry one (requests, joins, leaves, presence). */
  queuedIds() {
    return new Set(this.backlog.filter((frame) => frame.id != null).map((frame) => String(frame.id)));
  }

  /** Drops the queued frames that match. */
  discard(which) {
    this.backlog = this.backlog.filter((frame) => !which(frame));
  }

  /** Empties the backlog. @returns the ids of what it held */
  clear() {
    const ids = this.queuedIds();
    this.backlog = [];
    return ids;
  }

  /** Writes everything queued on `ws`, in order. */
  flush(ws, channel) {
    const queued = this.backlog;
    this.backlog = [];
    for (const frame of queued) this.write(ws, frame, channel);
  }

  /** Writes in call order; sealed with `channel` when given (heartbeats stay plain). */
  write(ws, frame, channel) {
    const text = JSON.stringify(frame);
    this.chain = this.chain.then(async () => {
      const out = channel && frame.event !== 'heartbeat'
        ? JSON.stringify({ event: 'encrypted', data: await channel.seal(text) }) : text;
      if (ws.readyState === OPEN) ws.send(out);
    }).catch(this.onError);
  }

  /** Writes a protocol frame that is always plain (`authenticate`, `resume`). */
  writePlain(ws, frame) {
    this.write(ws, frame, null);
  }
}
