// The console's only way to the server: the public API, with the signed-in person's token.
import { accessToken, refused } from './auth.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function send(method, path, body, renewed = false) {
  const headers = { Authorization: `Bearer ${await accessToken()}`, Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method, headers, credentials: 'omit', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not the API's JSON (a proxy's error page): the status says what happened.
  }
  if (response.status === 401 && !renewed) {
    // The token ended early (the person signed out elsewhere) or aged: renewed once, then asked again.
    await refused(json?.message || 'authentication required');
    return send(method, path, body, true);
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.message || `${method} ${path} failed with HTTP ${response.status}`);
  }
  return json;
}

export const api = {
  get: (path) => send('GET', path),
  post: (path, body) => send('POST', path, body ?? {}),
  put: (path, body) => send('PUT', path, body ?? {}),
  delete: (path) => send('DELETE', path),

  /**
   * Follows a server-sent event stream with the token in a header (EventSource cannot send one).
   * Calls onEvent(name, data) per event; resolves when the stream ends or `signal` aborts it.
   */
  async stream(path, onEvent, signal) {
    const response = await fetch(path, {
      headers: { Authorization: `Bearer ${await accessToken()}`, Accept: 'text/event-stream' },
      credentials: 'omit', signal,
    });
    if (!response.ok) {
      throw new ApiError(response.status, `the live feed ${path} is unavailable (HTTP ${response.status})`);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) {
            name = line.slice(6).trim();
          } else if (line.startsWith('data:')) {
            data.push(line.slice(5).replace(/^ /, ''));
          }
        }
        if (data.length) {
          onEvent(name, JSON.parse(data.join('\n')));
        }
      }
    }
  },
};
