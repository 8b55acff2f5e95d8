// GET /v1/me/events read with fetch (EventSource cannot send the Authorization header), SSE frames parsed
// here. After a drop it reconnects with Last-Event-ID so the server replays what was missed.

const initialDelay = 1000;
const maxDelay = 15000;
// The server sends a comment at least every 15 s; a silent stream for longer than this is dead.
const silenceLimit = 45000;

/**
 * Starts the stream. onEvent(event) gets each parsed data object; onOpen() runs on every (re)connection;
 * onState(state) gets 'connecting' | 'open' | 'reconnecting' | 'refused'.
 */
export function startEventStream(url, key, { onEvent, onOpen, onState }) {
  let stopped = false;
  let connection = null;
  let lastEventId = null;

  async function run() {
    let delay = initialDelay;
    onState('connecting');
    while (!stopped) {
      connection = new AbortController();
      try {
        const headers = { Authorization: `Bearer ${key}`, Accept: 'text/event-stream' };
        if (lastEventId !== null) {
          headers['Last-Event-ID'] = lastEventId;
        }
        const response = await fetch(url, { headers, cache: 'no-store', signal: connection.signal });
        if (response.status === 401 || response.status === 403) {
          onState('refused', response.status);
          return;
        }
        if (!response.ok || !response.body) {
          throw new Error(`HTTP ${response.status}`);
        }
        delay = initialDelay;
        onState('open');
        onOpen();
        await readFrames(response.body, connection, (frame) => {
          if (frame.id !== undefined) {
            lastEventId = frame.id;
          }
          if (frame.data === undefined) {
            return;
          }
          let event;
          try {
            event = JSON.parse(frame.data);
          } catch {
            return;
          }
          onEvent(event, frame.id);
        });
      } catch {
        // Dropped, refused or timed out: reconnect below.
      }
      if (stopped) {
        return;
      }
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, maxDelay);
    }
  }

  run();
  return {
    stop() {
      stopped = true;
      connection?.abort();
    },
  };
}

/** Reads SSE frames (text/event-stream) until the body ends; a blank line ends a frame. */
async function readFrames(body, connection, onFrame) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let watchdog = setTimeout(() => connection.abort(), silenceLimit);
  let buffer = '';
  let frame = {};
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      clearTimeout(watchdog);
      watchdog = setTimeout(() => connection.abort(), silenceLimit);
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (frame.id !== undefined || frame.data !== undefined) {
            onFrame(frame);
          }
          frame = {};
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') {
            frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
          } else if (field === 'id' && !value.includes('\0')) {
            frame.id = value;
          }
        }
      }
    }
  } finally {
    clearTimeout(watchdog);
    reader.cancel().catch(() => {});
  }
}
