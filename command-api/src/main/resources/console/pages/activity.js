// Activity: the account's audit events (NetBird's /api/events/audit), newest first, filtered and shown a page
// at a time so that thousands of events stay quick, with the integrity of Netloom's event hash chain on top.
import { el, fill, heading, button, field, when, badge, table } from '../ui.js';
import { loadProblem, opsStyles, count } from './ops-shared.js';

const PAGE_SIZE = 50;
const FILTER_DELAY_MS = 150;

export async function render(view, ctx) {
  opsStyles();
  const { api, params, signal } = ctx;
  const chain = el('p', { className: 'status-line panel', role: 'status', 'aria-live': 'polite', dataset: { test: 'chain-status' } });
  const list = el('div', { dataset: { test: 'activity-list' } }, el('p', { className: 'muted' }, 'Loading activity…'));
  const summary = el('p', { className: 'muted', role: 'status', 'aria-live': 'polite', dataset: { test: 'activity-count' } });
  const text = el('input', { type: 'search', name: 'q', value: params.get('q') || '', autocomplete: 'off' });
  const type = el('select', { name: 'type' }, el('option', { value: '' }, 'All types'));
  const older = button('Older', () => turn(1), { dataset: { test: 'older-page' } });
  const newer = button('Newer', () => turn(-1), { dataset: { test: 'newer-page' } });
  const pageNote = el('span', { className: 'muted' });
  let events = [];
  let shown = [];
  // ?page= counts from 1, as people do; `page` from 0.
  let page = Math.max(0, (Number.parseInt(params.get('page') || '1', 10) || 1) - 1);
  let timer;
  let loaded = false;

  const rememberInAddress = () => {
    const query = new URLSearchParams();
    if (text.value.trim()) {
      query.set('q', text.value.trim());
    }
    if (type.value) {
      query.set('type', type.value);
    }
    if (page > 0) {
      query.set('page', String(page + 1));
    }
    const suffix = query.toString();
    history.replaceState(null, '', suffix ? `#/activity?${suffix}` : '#/activity');
  };

  const draw = () => {
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    const start = page * PAGE_SIZE;
    const slice = shown.slice(start, start + PAGE_SIZE);
    fill(list, table('Audit events, newest first', COLUMNS, slice, 'activity-row'));
    fill(summary, shown.length === events.length
      ? `${count(events.length, 'event')}, newest first.`
      : `${count(shown.length, 'event')} ${shown.length === 1 ? 'matches' : 'match'}, of ${events.length}.`);
    fill(pageNote, shown.length ? `Showing ${start + 1}–${start + slice.length}, page ${page + 1} of ${pages}` : '');
    newer.disabled = page === 0;
    older.disabled = page >= pages - 1;
    rememberInAddress();
  };

  const applyFilter = () => {
    const needle = text.value.trim().toLowerCase();
    const code = type.value;
    shown = events.filter((event) => (!code || event.activity_code === code)
      && (!needle || event.haystack.includes(needle)));
    draw();
  };

  const turn = (step) => {
    page += step;
    draw();
  };

  const filterNow = () => {
    page = 0;
    applyFilter();
  };

  text.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(filterNow, FILTER_DELAY_MS);
  });
  type.addEventListener('change', filterNow);
  signal.addEventListener('abort', () => clearTimeout(timer));

  const verify = async () => {
    fill(chain, 'Checking the event hash chain…');
    try {
      const result = await api.get('/api/netloom/events/verify');
      if (signal.aborted) {
        return;
      }
      fill(chain, ...chainReport(result), ' ', button('Check again', verify, { dataset: { test: 'verify-chain' } }));
    } catch (error) {
      fill(chain, badge('unknown', 'warn'), ` The event hash chain could not be checked: ${error.message}`, ' ',
        button('Try again', verify, { dataset: { test: 'verify-chain' } }));
    }
  };

  const load = async () => {
    try {
      const raw = await api.get('/api/events/audit');
      // The server answers oldest first; people look for what just happened.
      events = raw.reverse().map((event) => ({ ...event, haystack: haystackOf(event) }));
      // The deep link's type on first load; afterwards whatever the person chose since.
      fillTypes(type, events, loaded ? type.value : params.get('type') || '');
      loaded = true;
      applyFilter();
    } catch (error) {
      fill(list, loadProblem('Activity', error));
      fill(summary);
    }
  };

  fill(view,
    heading('Activity', button('Refresh', () => { load(); verify(); }, { dataset: { test: 'refresh-activity' } })),
    chain,
    el('form', {
      className: 'toolbar', role: 'search', dataset: { test: 'activity-filter' },
      onsubmit: (event) => { event.preventDefault(); filterNow(); },
    },
    field('Search', text, 'Who, what, target or details.'),
    field('Type', type)),
    summary,
    list,
    el('div', { className: 'pager', dataset: { test: 'activity-pager' } }, newer, older, pageNote));
  await Promise.all([load(), verify()]);
}

const COLUMNS = [
  { title: 'When', cell: (event) => [when(event.timestamp),
    el('span', { className: 'cell-sub' }, new Date(event.timestamp).toLocaleString())] },
  { title: 'Who', cell: (event) => who(event) },
  { title: 'What', cell: (event) => [event.activity,
    el('span', { className: 'cell-sub mono' }, event.activity_code)] },
  { title: 'Target', cell: (event) => [event.target_id ? el('span', { className: 'mono' }, event.target_id) : null,
    Object.entries(event.meta || {}).map(([key, value]) => el('span', { className: 'cell-sub' }, `${key}: ${value}`))] },
];

function who(event) {
  if (event.initiator_name || event.initiator_email) {
    return [event.initiator_name || event.initiator_email,
      event.initiator_name && event.initiator_email ? el('span', { className: 'cell-sub' }, event.initiator_email) : null];
  }
  return event.initiator_id ? el('span', { className: 'mono' }, event.initiator_id) : el('span', { className: 'muted' }, 'system');
}

/** Everything an event can be found by, lowercased once when it arrives. */
function haystackOf(event) {
  return [event.activity, event.activity_code, event.initiator_name, event.initiator_email, event.initiator_id,
    event.target_id, ...Object.entries(event.meta || {}).flat()].join(' ').toLowerCase();
}

/** The type select: every activity the account has, by its text, keeping the chosen one. */
function fillTypes(select, events, chosen) {
  const types = new Map();
  events.forEach((event) => types.set(event.activity_code, event.activity));
  const sorted = [...types].sort((a, b) => a[1].localeCompare(b[1]));
  fill(select, el('option', { value: '' }, 'All types'),
    sorted.map(([code, activity]) => el('option', { value: code, selected: code === chosen }, `${activity} (${code})`)));
  if (chosen && !types.has(chosen)) {
    // A deep link to a type with no events yet: keep it chosen rather than silently showing everything.
    select.append(el('option', { value: chosen, selected: true }, chosen));
  }
}

/** The verification as words and a badge, so that colour is never the only signal. */
function chainReport(result) {
  if (result.ok) {
    return [badge('intact', 'ok'), ` Event hash chain intact: ${count(result.events_checked, 'event')} checked.`];
  }
  const broken = result.first_break;
  if (!broken) {
    return [badge('broken', 'bad'), ` The event hash chain does not hold (${count(result.events_checked, 'event')} checked).`];
  }
  return [badge('broken', 'bad'),
    ` The event hash chain breaks at position ${broken.position} (event ${broken.event_id}): ${broken.reason}. `,
    el('span', { className: 'cell-sub mono' }, `recorded ${broken.expected ?? '—'}; the stored row gives ${broken.found ?? '—'}`)];
}
