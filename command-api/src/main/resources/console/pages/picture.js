// Network picture: who may reach whom in the account, now or at ?at=<RFC 3339> (deep link from the history).
// #/picture?at=...&groups=<id>,<id>&search=<text>
import { el, fill, field, heading, button } from '../ui.js';
import { NetworkPicture, loadStyles } from './picture-graph.js';

const READERS = new Set(['owner', 'admin', 'auditor']);

export async function render(view, { api, me, params, signal }) {
  loadStyles();
  const at = params.get('at');
  const historyLink = el('a', { href: '#/history', className: 'button' }, 'Access history');
  if (!READERS.has(me?.role)) {
    fill(view, heading('Network picture', historyLink),
      el('p', {}, 'Only owners, admins and auditors may read who may reach whom.'));
    return;
  }
  const [peers, groups] = await Promise.all([api.get('/api/peers'), api.get('/api/groups')]);
  if (signal.aborted) {
    return;
  }
  const picture = new NetworkPicture({
    api, signal, peers, groups,
    filter: { groups: (params.get('groups') || '').split(',').filter(Boolean), search: params.get('search') || '' },
    // The filter goes into the address for a deep link without reloading the page (replaceState fires no hashchange).
    onFilter: (filter) => window.history.replaceState(null, '', `#/picture?${query(at, filter)}`),
  });
  fill(view, heading('Network picture', historyLink), instantForm(at), picture.element);
  await picture.show(at);
}

function query(at, filter) {
  const params = new URLSearchParams();
  if (at) {
    params.set('at', at);
  }
  if (filter.groups.length) {
    params.set('groups', filter.groups.join(','));
  }
  if (filter.search) {
    params.set('search', filter.search);
  }
  return params.toString();
}

/** Draw the account as it was at another instant: the picture is a page of its own at each. */
function instantForm(at) {
  const input = el('input', { type: 'datetime-local', name: 'at', step: '1', dataset: { test: 'picture-at-input' } });
  if (at && !Number.isNaN(Date.parse(at))) {
    const local = new Date(Date.parse(at) - new Date().getTimezoneOffset() * 60000);
    input.value = local.toISOString().slice(0, 19);
  }
  const problem = el('p', { className: 'problem', role: 'alert' });
  const form = el('form', { className: 'toolbar' },
    field('Draw the account as it was at (your time)', input),
    el('button', { type: 'submit' }, 'Draw then'),
    at ? button('Draw now', () => { location.hash = '#/picture'; }) : null,
    problem);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fill(problem);
    const time = Date.parse(input.value);
    if (Number.isNaN(time)) {
      fill(problem, 'Enter a date and time.');
      return;
    }
    location.hash = `#/picture?at=${encodeURIComponent(new Date(time).toISOString())}`;
  });
  return form;
}
