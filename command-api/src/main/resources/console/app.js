// The console's shell: signs the person in, draws the navigation and shows one page at a time (#/<page>).
import { handOverToOpener, signIn, signOut, SignInError } from './auth.js';
import { api } from './api.js';
import { el, fill, showError } from './ui.js';

const PAGES = [
  ['peers', 'Peers'],
  ['groups', 'Groups'],
  ['policies', 'Access control'],
  ['routes', 'Routes'],
  ['networks', 'Networks'],
  ['dns', 'DNS'],
  ['users', 'Users'],
  ['setup-keys', 'Setup keys'],
  ['activity', 'Activity'],
  ['picture', 'Network picture'],
  ['history', 'Access history'],
  ['settings', 'Settings'],
];

// Regular users manage their own devices and tokens only (the API refuses them the rest): they see just those pages.
const PAGES_OF_USERS = new Set(['peers', 'users']);

const view = document.getElementById('view');
let leavePage = () => {};
let me;

function pages() {
  return me.role === 'user' ? PAGES.filter(([page]) => PAGES_OF_USERS.has(page)) : PAGES;
}

function route() {
  const [, name = 'peers', rest = ''] = location.hash.match(/^#\/([^/?]+)\/?([^?]*)/) || [];
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  return { name: pages().some(([page]) => page === name) ? name : 'peers', rest, params };
}

function drawNav(current) {
  fill(document.getElementById('nav'), el('ul', {}, pages().map(([page, title]) => el('li', {},
    el('a', { href: `#/${page}`, 'aria-current': page === current ? 'page' : undefined }, title)))));
}

/**
 * Shows the page the address names. Each page draws into a container of its own and gets a signal aborted when the
 * person moves on, so a page still loading when they leave neither draws over the next one nor keeps working.
 */
async function show() {
  const { name, rest, params } = route();
  leavePage();
  const controller = new AbortController();
  leavePage = () => controller.abort();
  drawNav(name);
  closeMenu();
  const title = pages().find(([page]) => page === name)[1];
  document.title = `${title} · Netloom console`;
  const root = el('div', {}, el('p', { className: 'muted' }, 'Loading…'));
  fill(view, root);
  try {
    const page = await import(`./pages/${name}.js`);
    if (controller.signal.aborted) {
      return;
    }
    await page.render(root, { api, me, rest, params, signal: controller.signal });
    if (!controller.signal.aborted) {
      view.focus({ preventScroll: true });
    }
  } catch (error) {
    if (!controller.signal.aborted) {
      fill(root, el('h1', {}, title), el('p', { className: 'problem', role: 'alert' }, error.message || String(error)));
    }
  }
}

function closeMenu() {
  document.getElementById('nav').classList.remove('open');
  document.getElementById('menu-toggle').setAttribute('aria-expanded', 'false');
}

function wireShell() {
  const toggle = document.getElementById('menu-toggle');
  toggle.addEventListener('click', () => {
    const open = document.getElementById('nav').classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  const out = document.getElementById('sign-out');
  out.hidden = false;
  out.addEventListener('click', () => signOut().catch(showError));
  window.addEventListener('hashchange', show);
  // Pages that found a problem in a promise nobody awaited still tell the person.
  window.addEventListener('unhandledrejection', (event) => showError(event.reason));
}

async function start() {
  if (handOverToOpener()) {
    return;
  }
  try {
    await signIn();
    me = await api.get('/api/users/current');
    fill(document.getElementById('who'), `${me.name || me.email} (${me.role})`);
    wireShell();
    await show();
  } catch (error) {
    fill(view, el('h1', {}, 'Netloom console'), el('p', { className: 'problem', role: 'alert' },
      error instanceof SignInError ? error.message : `The console cannot start: ${error.message || error}`));
  }
}

start();
