// Type declarations of switchboard.js, the Switchboard browser client (hand-written; no build step).

/** The subprotocol the client asks for. */
export const SUBPROTOCOL: 'switchboard.v1';

/** Codes the client produces itself; server codes (METHOD_NOT_FOUND, app codes, ...) pass through. */
export const Codes: Readonly<{
  DISCONNECTED: 'DISCONNECTED';
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT';
  REQUEST_CANCELLED: 'REQUEST_CANCELLED';
  METHOD_NOT_FOUND: 'METHOD_NOT_FOUND';
  INTERNAL_ERROR: 'INTERNAL_ERROR';
  QUEUE_FULL: 'QUEUE_FULL';
  AUTHENTICATION_FAILED: 'AUTHENTICATION_FAILED';
  ENCRYPTION_UNAVAILABLE: 'ENCRYPTION_UNAVAILABLE';
  DECRYPTION_FAILED: 'DECRYPTION_FAILED';
}>;

/** Whether a socket closed with this code is reconnected (1006, 1001, 1011, 1012, 1013, 4002). */
export function reconnectsAfter(code: number): boolean;

/** The error every rejected promise carries. */
export class SwitchboardError extends Error {
  constructor(code: string, message?: string, details?: Record<string, unknown>);
  readonly code: string;
  /** The WebSocket close code, when a close caused it. */
  readonly closeCode?: number;
}

export interface SwitchboardOptions {
  /** The `authenticate` data, e.g. `{ token }`, or a function giving it (called on every authentication). */
  credentials?: unknown | (() => unknown | Promise<unknown>);
  /** End-to-end encryption (ECDH P-256, HKDF-SHA256, AES-256-GCM, counter IVs). Default false. */
  encryption?: boolean;
  /** Offer `switchboard.v1+batch`, so the server may coalesce several envelopes into one frame. Default true. */
  batching?: boolean;
  /** Default ms a request, join, leave or presence waits. Default 30000. */
  requestTimeout?: number;
  /** Ms between heartbeats; 0 for none. Default 25000. */
  heartbeatInterval?: number;
  /** Ms to open a socket and hear `connected` or `resumed`. Default 10000. */
  connectTimeout?: number;
  /** Reconnect and resume after a lost connection. Default true. */
  reconnect?: boolean;
  /** First backoff in ms, doubling with equal jitter. Default 250. */
  reconnectDelay?: number;
  /** Backoff bound in ms. Default 10000. */
  maxReconnectDelay?: number;
  /** Attempts per loss before `close`. Default Infinity. */
  maxReconnectAttempts?: number;
  /** Frames queued while reconnecting; past it QUEUE_FULL. Default 1000. */
  maxQueued?: number;
}

export interface Me {
  id: string;
  userId: string;
  time?: number;
}

export interface Member {
  clientId: string;
  userId: string;
}

/** A frame as it came from the server. */
export interface Envelope<T = unknown> {
  event: string;
  data?: T;
  id?: string | number;
  method?: string;
  error?: { code: string; message: string };
  seq?: number;
}

export interface RequestOptions {
  /** Ms before REQUEST_TIMEOUT (the server is sent `cancel`); 0 for none. Default: `requestTimeout`. */
  timeout?: number;
  /** Aborting sends `cancel` and rejects with REQUEST_CANCELLED. */
  signal?: AbortSignal;
  /** Each progress `notification` the method sends before its answer. */
  onProgress?: (data: any) => void;
}

export interface IncomingRequest {
  id: string | number;
  method: string;
  /** Aborts when the server cancels (its timeout) or the session is lost. */
  signal: AbortSignal;
}

export type State = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LifecycleEvents {
  connected: (me: Me) => void;
  reconnecting: (info: { attempt: number; delay: number }) => void;
  resumed: (info: { replayed: number }) => void;
  'recovery-failed': (info: { reason: string }) => void;
  reauthenticated: (me: Me) => void;
  close: (info: { code: number; reason: string }) => void;
  presence: (change: { room: string; joined: Member[]; left: Member[] }, envelope: Envelope) => void;
  error: (error: Error) => void;
  notification: (data: any, envelope: Envelope) => void;
  joined: (data: { rooms: string[]; rejected?: string[] }, envelope: Envelope) => void;
  left: (data: { rooms: string[] }, envelope: Envelope) => void;
}

export class Switchboard {
  /** @param url `wss://host/ws`, or relative to the page (`/ws`) */
  constructor(url: string, options?: SwitchboardOptions);

  readonly state: State;
  /** The current session's client id, or null. */
  readonly id: string | null;
  readonly userId: string | null;
  /** Rooms joined through `join` (joined again after a lost session). */
  readonly rooms: string[];
  /** Whether the session is end-to-end encrypted now. */
  readonly encrypted: boolean;

  on<K extends keyof LifecycleEvents>(event: K, listener: LifecycleEvents[K]): () => void;
  on<T = any>(event: string, listener: (data: T, envelope: Envelope<T>) => void): () => void;
  off(event: string, listener: (...args: any[]) => void): void;

  /** Opens the socket and authenticates; resolves once the server sent `connected`. */
  connect(): Promise<Me>;
  join(...rooms: Array<string | string[]>): Promise<{ rooms: string[]; rejected: string[] }>;
  leave(...rooms: Array<string | string[]>): Promise<{ rooms: string[] }>;
  request<T = any>(method: string, data?: unknown, options?: RequestOptions): Promise<T>;
  /** Fire-and-forget custom event; throws DISCONNECTED or QUEUE_FULL. */
  emit(event: string, data?: unknown): void;
  /** Answers the server's `hub.request(clientId, name, ...)`; `null` removes the method. */
  method(name: string, handler: ((data: any, request: IncomingRequest) => unknown | Promise<unknown>) | null): this;
  /** Who is in a room; rejects with the server's code (e.g. PRESENCE_DISABLED, NOT_IN_ROOM). */
  presence(room: string): Promise<Member[]>;
  /** While reconnecting, tries at once instead of waiting out the backoff; false if no attempt was waiting. */
  reconnectNow(): boolean;
  /** Closes with 1000; no reconnect; pending promises reject with DISCONNECTED. */
  close(): void;
}

export default Switchboard;
