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
