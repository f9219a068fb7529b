// Sign-in at Netloom's own issuer: Authorization Code with PKCE as the public client "netloom-console".
// The access token lives in this module's memory only: a reload or an expired token signs in again, which the
// issuer's session answers without a form while the person is still signed in there.

const CLIENT_ID = 'netloom-console';
const PENDING = 'netloom.console.pending-sign-in';

let provider;
let session;

export class SignInError extends Error {}

async function discover() {
  if (!provider) {
    const response = await fetch('/.well-known/openid-configuration', { credentials: 'omit' });
    if (!response.ok) {
      throw new SignInError(`the server's OpenID configuration is unavailable (HTTP ${response.status})`);
    }
    provider = await response.json();
  }
  if (provider.issuer !== location.origin) {
    throw new SignInError(`open the console at ${provider.issuer}/ : this server signs people in under that address only`);
  }
  return provider;
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function redirectUri() {
  return `${location.origin}/`;
}

/** Leaves for the issuer; comes back to the same page with a code. */
export async function beginSignIn() {
  const { authorization_endpoint: authorize } = await discover();
  const verifier = randomText();
  const state = randomText();
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  // The verifier and state must outlive the trip to the issuer; they grant nothing without the code.
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, route: location.hash }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri(), scope: 'openid profile email',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${authorize}?${query}`);
  return new Promise(() => {});
}

/** Completes a sign-in when the issuer sent the browser back here; returns false when there was none. */
async function completeSignIn() {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) {
    return false;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `/${pending?.route || ''}`);
  if (query.has('error')) {
    throw new SignInError(`the sign-in failed: ${query.get('error_description') || query.get('error')}`);
  }
  if (!pending || pending.state !== query.get('state')) {
    // Not started by this tab: a forged or replayed redirect.
    return false;
  }
  const { token_endpoint: tokenEndpoint } = await discover();
  const response = await fetch(tokenEndpoint, {
    method: 'POST', credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(),
      client_id: CLIENT_ID, code_verifier: pending.verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new SignInError(`the issuer refused the sign-in: ${body.error_description || body.error || response.status}`);
  }
  session = {
    accessToken: body.access_token,
    idToken: body.id_token,
    expiresAt: Date.now() + (body.expires_in || 0) * 1000,
  };
  return true;
}

/** Signs in unless signed in already; resolves once a token is at hand. */
export async function signIn() {
  await discover();
  if (session || await completeSignIn()) {
    return;
  }
  await beginSignIn();
}

/** The token for an API call, or a new sign-in when it has expired. */
export async function accessToken() {
  if (!session || Date.now() >= session.expiresAt - 5000) {
    session = undefined;
    await beginSignIn();
  }
  return session.accessToken;
}

export function signedIn() {
  return Boolean(session);
}

/** Ends the session at the issuer too, so that the next visit asks for the password again. */
export async function signOut() {
  const { end_session_endpoint: endSession } = await discover();
  const idToken = session?.idToken;
  session = undefined;
  if (!endSession || !idToken) {
    location.assign('/');
    return;
  }
  const query = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: redirectUri() });
  location.assign(`${endSession}?${query}`);
}
