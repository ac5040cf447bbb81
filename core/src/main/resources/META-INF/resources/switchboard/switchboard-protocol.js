// Switchboard browser client: wire-level constants and helpers of the switchboard.v1 protocol.

export const SUBPROTOCOL = 'switchboard.v1';

/** The same protocol with several envelopes per server frame, separated by `\n` (offered first when batching is on). */
export const BATCH_SUBPROTOCOL = 'switchboard.v1+batch';

/** The envelopes of a text: its non-empty lines (a frame of a plain socket is one line). */
export function lines(text) {
  return text.indexOf('\n') < 0 ? [text] : text.split('\n').filter((line) => line.length > 0);
}

/**
 * Whether a socket that ended with this close code is reconnected: yes when the connection was lost
 * or the server asks to come back (1006 no close frame, 1001 going away, 1011 server error, 1012
 * restart, 1013 try again later, 4002 heartbeat timeout); no when the end was meant (1000, 4001/4003
 * authentication, 4004 encryption, 4005 taken over by another socket, 1008 policy, 1009 too big,
 * application codes). The same table as the Java client.
 */
export function reconnectsAfter(code) {
  return [1006, 1001, 1011, 1012, 1013, 4002].includes(code);
}

/** Frames the server may send in plain text to an encrypted session (all others must be `encrypted`). */
export function plainAllowed(frame) {
  return frame.event === 'heartbeat' || frame.event === 'error' || frame.event === 'connected'
    || (frame.event === 'resumed' && frame.data && frame.data.recovered === false);
}

/** The frame of a text: a JSON object with a string `event`, else null (malformed frames are ignored). */
export function parse(text) {
  try {
    const frame = JSON.parse(text);
    return frame && typeof frame === 'object' && typeof frame.event === 'string' ? frame : null;
  } catch {
    return null;
  }
}
