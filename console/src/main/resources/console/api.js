// The public API through the gateway (same origin), with the signed-in user's token.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || 'HTTP ' + status);
    this.status = status;
    this.problem = problem;
  }
}

let token = null;
let onUnauthorized = () => {};

export function useToken(value, whenRefused) {
  token = value;
  onUnauthorized = whenRefused;
}

export async function api(path, options = {}) {
  const headers = { Accept: 'application/json', Authorization: 'Bearer ' + token, ...(options.headers || {}) };
  let body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(path, { method: options.method || 'GET', headers, body });
  if (response.status === 401) {
    onUnauthorized();
  }
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, parsed || {});
  }
  return parsed;
}

/** Text for a page: escapes what the API returned before it goes into markup. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

/** The API's reason for a refusal, with the fields a 400 names, as markup. */
export function problem(error) {
  const fields = error instanceof ApiError && error.problem.errors
    ? '<ul class="mb-0">' + error.problem.errors.map((f) => `<li>${esc(f.field)}: ${esc(f.message)}</li>`).join('') + '</ul>'
    : '';
  return `<div class="alert alert-danger" role="alert">${esc(error.message)}${fields}</div>`;
}

/**
 * Saves what the API answers at {@code path} as a file: a plain link cannot carry the token, so the console fetches
 * it and hands the browser the bytes.
 */
export async function download(path, accept, fileName) {
  const response = await fetch(path, { headers: { Accept: accept, Authorization: 'Bearer ' + token } });
  if (!response.ok) {
    const text = await response.text();
    let parsed = {};
    try { parsed = JSON.parse(text); } catch (e) { parsed = { detail: text }; }
    throw new ApiError(response.status, parsed);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** Reads a Server-Sent Events stream with the token (EventSource cannot send headers); calls onEvent(name, data). */
export async function stream(path, signal, onEvent) {
  const response = await fetch(path, {
    headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + token }, signal, cache: 'no-store',
  });
  if (!response.ok) {
    const parsed = await response.json().catch(() => ({}));
    throw new ApiError(response.status, parsed);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      block.split('\n').forEach((line) => {
        if (line.startsWith(':')) return;
        const at = line.indexOf(':');
        const field = at < 0 ? line : line.slice(0, at);
        const text = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
        if (field === 'event') name = text;
        if (field === 'data') data.push(text);
      });
      if (data.length || name !== 'message') onEvent(name, data.join('\n'));
    }
  }
}
