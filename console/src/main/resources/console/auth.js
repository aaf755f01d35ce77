// Sign-in: OpenID Connect authorization code with PKCE (RFC 7636, S256), as a public client in the browser.
// The provider comes from /config.json (the gateway serves it beside the console), found by discovery.
const SESSION = 'mooring.session';
const PENDING = 'mooring.sign-in';

export async function loadConfig() {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) {
    throw new Error('The console has no configuration (/config.json answered ' + response.status + ')');
  }
  return response.json();
}

async function discover(config) {
  const response = await fetch(config.issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) {
    throw new Error('The identity provider did not answer its discovery document (' + response.status + ')');
  }
  return response.json();
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function redirectUri() {
  return window.location.origin + '/';
}

/** Leaves for the provider's sign-in page; comes back to / with a code. */
export async function signIn(config) {
  const provider = await discover(config);
  const verifier = randomString();
  const state = randomString();
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, route: window.location.hash }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope || 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  window.location.assign(provider.authorization_endpoint + '?' + query);
}

/** On the way back from the provider: trades the code and the verifier for a token. False when not returning. */
export async function completeSignIn(config) {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') && !params.has('error')) {
    return false;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', '/' + (pending && pending.route ? pending.route : ''));
  if (params.has('error')) {
    throw new Error('Sign-in refused: ' + (params.get('error_description') || params.get('error')));
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('Sign-in answer does not belong to this browser tab (state differs); sign in again.');
  }
  const provider = await discover(config);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  }).catch(() => {
    // The browser hides why (a provider that does not allow this origin looks like one that is down); name the
    // likely cause instead of "Failed to fetch".
    throw new Error('The identity provider\'s token endpoint did not answer this page: is '
      + window.location.origin + ' an allowed web origin (CORS) of client ' + config.clientId + '?');
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new Error('The identity provider refused the code: ' + (body.error_description || body.error || response.status));
  }
  // The ID token is kept only to name the session when signing out at the provider (id_token_hint).
  sessionStorage.setItem(SESSION, JSON.stringify({ token: body.access_token, idToken: body.id_token || null }));
  return true;
}

function claims(token) {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(part))));
}

function claimPath(all, path) {
  const value = path.split('/').reduce((node, name) => (node == null ? undefined : node[name]), all);
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/**
 * The signed-in user, or null: the token and what the console reads from it to hide what the user cannot do.
 * The services decide; this only spares the user buttons that would be refused.
 */
export function currentUser(config) {
  const stored = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  if (!stored) return null;
  const all = claims(stored.token);
  if (all.exp && all.exp * 1000 < Date.now() + 10000) {
    sessionStorage.removeItem(SESSION);
    return null;
  }
  const roles = claimPath(all, config.rolesClaim || 'groups');
  const admin = roles.includes('mooring-admin');
  return {
    token: stored.token,
    name: all.preferred_username || all.upn || all.sub,
    admin,
    canWrite: admin || roles.includes('mooring-operator'),
    role: admin ? 'admin' : roles.includes('mooring-operator') ? 'operator' : roles.includes('mooring-viewer') ? 'viewer' : 'none',
    projects: claimPath(all, config.projectsClaim || 'projects'),
  };
}

/** Forgets the token in this tab only: the provider's session stays, so signing in again needs no password. */
export function forgetToken() {
  sessionStorage.removeItem(SESSION);
}

/**
 * Signs out: forgets the token, and ends the session at the provider too when it offers that (RP-initiated logout,
 * end_session_endpoint). Otherwise the provider would still know the browser, and the sign-in that follows would
 * come straight back as the same user without asking. Comes back to the console, which asks to sign in again.
 */
export async function signOut(config) {
  const stored = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  forgetToken();
  const provider = await discover(config).catch(() => ({}));
  if (!provider.end_session_endpoint) {
    window.location.assign('/');
    return;
  }
  const query = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: redirectUri() });
  if (stored && stored.idToken) query.set('id_token_hint', stored.idToken);
  window.location.assign(provider.end_session_endpoint + '?' + query);
}
