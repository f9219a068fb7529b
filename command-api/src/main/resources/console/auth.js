// Sign-in at Netloom's own issuer: Authorization Code with PKCE as the public client "netloom-console".
// The access token lives in this module's memory only. The first sign-in is a trip of the whole page to the issuer
// and back; an expired token is renewed in a small window the person opens, so the page and what they typed stay,
// and the issuer's session answers there without a form while the person is still signed in.

import { dialog, el } from './ui.js';

const CLIENT_ID = 'netloom-console';
const PENDING = 'netloom.console.pending-sign-in';
const WINDOW_NAME = 'netloom-sign-in';
const MESSAGE_TYPE = 'netloom-sign-in';
/** A 401 this soon after a sign-in means the API refuses the person, not that the token aged. */
const REFUSED_WITHIN_MS = 60_000;

let provider;
let session;
let renewal;

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

/** A new authorization request: its URL, and the verifier and state that must wait for its answer. */
async function authorizationRequest() {
  const { authorization_endpoint: authorize } = await discover();
  const verifier = randomText();
  const state = randomText();
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri(), scope: 'openid profile email',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  return { url: `${authorize}?${query}`, verifier, state };
}

/** Trades an authorization code for tokens, kept in memory. */
async function exchange(code, verifier) {
  const { token_endpoint: tokenEndpoint } = await discover();
  const response = await fetch(tokenEndpoint, {
    method: 'POST', credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: CLIENT_ID,
      code_verifier: verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new SignInError(`the issuer refused the sign-in: ${body.error_description || body.error || response.status}`);
  }
  session = {
    accessToken: body.access_token,
    idToken: body.id_token,
    obtainedAt: Date.now(),
    expiresAt: Date.now() + (body.expires_in || 0) * 1000,
  };
}

/** Leaves for the issuer; comes back to the same page with a code. */
export async function beginSignIn() {
  const request = await authorizationRequest();
  // The verifier and state must outlive the trip to the issuer; they grant nothing without the code.
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier: request.verifier, state: request.state,
    route: location.hash }));
  location.assign(request.url);
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
  if (!pending || pending.state !== query.get('state')) {
    // Not started by this tab: a forged or replayed redirect, whose words (an error description) are not shown.
    return false;
  }
  if (query.has('error')) {
    throw new SignInError(`the sign-in failed (${query.get('error')})`);
  }
  await exchange(query.get('code'), pending.verifier);
  return true;
}

/**
 * In the small window a renewal opened: hands the issuer's answer to the page that asked and closes. True when this
 * page is that window, which then does nothing else.
 */
export function handOverToOpener() {
  const query = new URLSearchParams(location.search);
  if (window.name !== WINDOW_NAME || !window.opener || (!query.has('code') && !query.has('error'))) {
    return false;
  }
  window.opener.postMessage({ type: MESSAGE_TYPE, code: query.get('code'), state: query.get('state'),
    error: query.get('error') }, location.origin);
  window.close();
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

/** Asks the person to continue: a window may only open on their click. */
function askToContinue() {
  return dialog('Your sign-in has expired', (form) => form.append(el('p', {},
    'Continue to sign in again in a small window. This page stays as it is, with what you typed.')),
  () => true, { submitText: 'Continue' });
}

async function renew() {
  if (!await askToContinue()) {
    throw new SignInError('your sign-in has expired; reload the page to sign in again');
  }
  const request = await authorizationRequest();
  const popup = window.open(request.url, WINDOW_NAME, 'popup,width=520,height=680');
  if (!popup) {
    // A blocked window: the whole page goes instead.
    await beginSignIn();
  }
  const code = await new Promise((resolve, reject) => {
    function received(event) {
      if (event.origin !== location.origin || event.source !== popup || event.data?.type !== MESSAGE_TYPE) {
        return;
      }
      window.removeEventListener('message', received);
      if (event.data.state !== request.state) {
        reject(new SignInError('the sign-in window answered another request'));
      } else if (event.data.error) {
        reject(new SignInError(`the sign-in failed (${event.data.error})`));
      } else {
        resolve(event.data.code);
      }
    }
    window.addEventListener('message', received);
  });
  await exchange(code, request.verifier);
}

/** The token for an API call; an expiring one is renewed once, however many calls wait for it. */
export async function accessToken() {
  if (!session) {
    await beginSignIn();
  }
  if (Date.now() >= session.expiresAt - 5000) {
    renewal ??= renew().finally(() => { renewal = undefined; });
    await renewal;
  }
  return session.accessToken;
}

/**
 * The API answered 401: a token that aged is renewed; one just obtained means the person may no longer use the
 * API (blocked, deleted), which a new sign-in would not change.
 */
export async function refused(message) {
  if (session && Date.now() - session.obtainedAt < REFUSED_WITHIN_MS) {
    throw new SignInError(`the server refuses your sign-in: ${message}`);
  }
  session = session && { ...session, expiresAt: 0 };
  await accessToken();
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
