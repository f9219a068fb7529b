// Peers: the account's devices, kept current by the server's live feed without reloading.
import {
  badge, button, checkedValues, confirmAction, dialog, el, field, fill, heading, showError, toast, values, when,
} from '../ui.js';

/** Rows drawn at once: a page of a big account lays out in a few milliseconds; filters search all peers. */
const PAGE_SIZE = 100;
/** Pauses before the live feed is asked for again after a break: growing, so a failing server is not hammered. */
const FIRST_PAUSE_MS = 2000;
const LONGEST_PAUSE_MS = 60_000;
const byName = new Intl.Collator('en', { numeric: true }).compare;

const FILTERS = {
  all: () => true,
  online: (peer) => peer.connected,
  offline: (peer) => !peer.connected,
  approval: (peer) => peer.approval_required,
  expired: (peer) => peer.login_expired,
};

/** "2 direct · 1 relayed" from the paths the peer's daemon reports. */
export function connectionSummary(peer) {
  if (!peer.connected) {
    return '';
  }
  const paths = peer.netloom_connections || [];
  const direct = paths.filter((path) => path.connection_type === 'P2P').length;
  const relayed = paths.length - direct;
  return [direct && `${direct} direct`, relayed && `${relayed} relayed`].filter(Boolean).join(' · ') || 'no paths';
}

export async function render(view, { api, me, signal }) {
  const admin = me.role === 'owner' || me.role === 'admin';
  // Regular users see their own peers only, and no groups (the API refuses them the list).
  const readsGroups = me.role !== 'user';
  const peers = new Map();
  const rows = new Map();
  const selected = new Set();
  let groups = [];
  let people = new Map();

  const search = el('input', { type: 'search', name: 'search', placeholder: 'name, address, user', 'data-test': 'peer-search' });
  const status = el('select', { name: 'status', 'data-test': 'peer-status' },
    el('option', { value: 'all' }, 'All'), el('option', { value: 'online' }, 'Online'),
    el('option', { value: 'offline' }, 'Offline'), el('option', { value: 'approval' }, 'Needs approval'),
    el('option', { value: 'expired' }, 'Login expired'));
  const groupFilter = el('select', { name: 'group', 'data-test': 'peer-group-filter' });
  const count = el('p', { className: 'muted', 'aria-live': 'polite', 'data-test': 'peer-count' });
  const live = el('span', { className: 'badge', 'data-test': 'live-state' }, 'connecting…');
  const body = el('tbody', {});
  const selectAll = el('input', { type: 'checkbox', 'aria-label': 'Select the peers on this page' });
  const pageText = el('span', { 'aria-live': 'polite', 'data-test': 'peer-page' });
  const previous = button('Previous', () => turn(-1), { 'data-test': 'previous-page' });
  const next = button('Next', () => turn(1), { 'data-test': 'next-page' });
  let shown = [];
  let page = 0;
  const bulk = el('div', { className: 'toolbar', hidden: !admin },
    button('Add selected to group', () => editGroups('add'), { 'data-test': 'bulk-add' }),
    button('Remove selected from group', () => editGroups('remove'), { 'data-test': 'bulk-remove' }),
    button('Select all matching', () => {
      shown.forEach((peer) => selected.add(peer.id));
      drawPage();
      toast(`${selected.size} peers selected`);
    }, { 'data-test': 'select-matching' }));

  function userName(id) {
    const person = people.get(id);
    return person ? person.name || person.email : id || '';
  }

  function matches(peer) {
    const text = search.value.trim().toLowerCase();
    const group = groupFilter.value;
    return FILTERS[status.value](peer)
      && (!group || peer.groups.some((g) => g.id === group))
      && (!text || [peer.name, peer.ip, peer.dns_label, peer.hostname, userName(peer.user_id)]
        .some((value) => (value || '').toLowerCase().includes(text)));
  }

  function row(peer) {
    const state = peer.login_expired ? badge('login expired', 'bad')
      : peer.approval_required ? badge('needs approval', 'warn')
        : peer.connected ? badge('online', 'ok') : badge('offline');
    const select = el('input', {
      type: 'checkbox', 'aria-label': `Select ${peer.name}`, checked: selected.has(peer.id),
      onchange: (event) => { event.target.checked ? selected.add(peer.id) : selected.delete(peer.id); },
    });
    return el('tr', { dataset: { peer: peer.id }, 'data-test': 'peer-row' },
      el('td', {}, admin ? select : ''),
      el('td', {}, el('strong', {}, peer.name), el('br', {}), el('span', { className: 'muted' }, peer.dns_label)),
      el('td', {}, peer.ip),
      el('td', { 'data-test': 'peer-state' }, state),
      el('td', {}, peer.connected ? 'now' : when(peer.last_seen)),
      el('td', { 'data-test': 'peer-paths' }, connectionSummary(peer)),
      el('td', {}, peer.os, el('br', {}), el('span', { className: 'muted' }, peer.version)),
      el('td', {}, userName(peer.user_id)),
      el('td', {}, peer.groups.map((group) => badge(group.name))),
      el('td', {}, admin ? actions(peer) : ''));
  }

  function actions(peer) {
    return el('div', { className: 'row-actions' },
      peer.approval_required ? button('Approve', () => update(peer, { approval_required: false }, 'approved'),
        { 'data-test': 'approve-peer', 'aria-label': `Approve ${peer.name}` }) : null,
      button('Rename', () => rename(peer), { 'data-test': 'rename-peer', 'aria-label': `Rename ${peer.name}` }),
      button(peer.login_expiration_enabled ? 'Login expiry: on' : 'Login expiry: off',
        () => update(peer, { login_expiration_enabled: !peer.login_expiration_enabled }, 'updated'),
        { 'aria-label': `Login expiry of ${peer.name}`, 'aria-pressed': String(peer.login_expiration_enabled) }),
      button('Delete', () => remove(peer), { className: 'danger', 'data-test': 'delete-peer',
        'aria-label': `Delete ${peer.name}` }));
  }

  /** Filters and sorts every peer, then draws the page that holds the same place. */
  function draw() {
    shown = [...peers.values()].filter(matches).sort((a, b) => byName(a.name, b.name));
    page = Math.min(page, Math.max(0, Math.ceil(shown.length / PAGE_SIZE) - 1));
    drawPage();
  }

  function drawPage() {
    const fragment = document.createDocumentFragment();
    rows.clear();
    for (const peer of shown.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) {
      const tr = row(peer);
      rows.set(peer.id, tr);
      fragment.append(tr);
    }
    body.replaceChildren(fragment);
    selectAll.checked = rows.size > 0 && [...rows.keys()].every((id) => selected.has(id));
    const first = shown.length === 0 ? 0 : page * PAGE_SIZE + 1;
    fill(pageText, `${first}–${page * PAGE_SIZE + rows.size} of ${shown.length}`);
    previous.disabled = page === 0;
    next.disabled = (page + 1) * PAGE_SIZE >= shown.length;
    counted();
  }

  function counted() {
    const online = [...peers.values()].filter((peer) => peer.connected).length;
    fill(count, `${shown.length} of ${peers.size} peers match · ${online} online`);
  }

  function turn(step) {
    page += step;
    drawPage();
  }

  /** One peer changed: its row alone is redrawn, unless the change moves it in or out of the list. */
  function changed(peer) {
    const before = peers.get(peer.id);
    peers.set(peer.id, peer);
    const stays = before && before.name === peer.name && matches(before) === matches(peer);
    if (!stays) {
      draw();
      return;
    }
    shown = shown.map((listed) => (listed.id === peer.id ? peer : listed));
    const old = rows.get(peer.id);
    if (old) {
      const fresh = row(peer);
      rows.set(peer.id, fresh);
      old.replaceWith(fresh);
    }
    counted();
  }

  function removed(id) {
    peers.delete(id);
    selected.delete(id);
    draw();
  }

  async function update(peer, change, done) {
    try {
      const fresh = await api.put(`/api/peers/${peer.id}`, {
        name: peer.name, ssh_enabled: peer.ssh_enabled, login_expiration_enabled: peer.login_expiration_enabled,
        inactivity_expiration_enabled: peer.inactivity_expiration_enabled, approval_required: peer.approval_required,
        ...change,
      });
      changed({ ...peer, ...fresh, netloom_connections: fresh.netloom_connections ?? peer.netloom_connections });
      toast(`${fresh.name} ${done}`);
    } catch (error) {
      showError(error);
    }
  }

  function rename(peer) {
    return dialog(`Rename ${peer.name}`, (form) => form.append(
      field('Name', el('input', { name: 'name', value: peer.name, required: true, 'data-test': 'peer-name' }),
        'The DNS label follows the new name unless another peer holds it.')),
    (form) => update(peer, { name: values(form).name.trim() }, 'renamed'));
  }

  async function remove(peer) {
    if (await confirmAction(`Delete ${peer.name}?`, 'The device leaves every map at once and has to enroll again.',
      'Delete')) {
      try {
        await api.delete(`/api/peers/${peer.id}`);
        removed(peer.id);
        toast(`${peer.name} deleted`);
      } catch (error) {
        showError(error);
      }
    }
  }

  async function editGroups(direction) {
    const chosen = [...selected].filter((id) => peers.has(id));
    if (chosen.length === 0) {
      toast('Select peers first');
      return;
    }
    const editable = groups.filter((group) => group.name !== 'All');
    await dialog(`${direction === 'add' ? 'Add' : 'Remove'} ${chosen.length} peers ${direction === 'add' ? 'to' : 'from'} groups`,
      (form) => form.append(el('fieldset', { className: 'picker' }, el('legend', {}, 'Groups'),
        editable.map((group) => el('label', {}, el('input', { type: 'checkbox', name: 'group', value: group.id }),
          ` ${group.name}`)))),
      async (form) => {
        const ids = checkedValues(form, 'group');
        if (ids.length === 0) {
          throw new Error('choose at least one group');
        }
        for (const id of ids) {
          // The whole group is written: its current members, changed by the selection.
          const group = await api.get(`/api/groups/${id}`);
          const members = new Set(group.peers.map((peer) => peer.id));
          chosen.forEach((peer) => (direction === 'add' ? members.add(peer) : members.delete(peer)));
          await api.put(`/api/groups/${id}`, { name: group.name, peers: [...members], resources: group.resources });
        }
        toast(`groups updated for ${chosen.length} peers`);
      });
    await reloadGroups();
  }

  async function reloadGroups() {
    if (!readsGroups) {
      return;
    }
    groups = await api.get('/api/groups');
    const current = groupFilter.value;
    fill(groupFilter, el('option', { value: '' }, 'Any group'),
      groups.map((group) => el('option', { value: group.id, selected: group.id === current }, group.name)));
  }

  /** Replaces the whole list: first, and after each break of the feed, so that what changed meanwhile shows. */
  async function reload() {
    const list = await api.get('/api/peers');
    peers.clear();
    list.forEach((peer) => peers.set(peer.id, peer));
    draw();
  }

  function apply(name, data) {
    if (name === 'peer') {
      changed(data);
    } else if (name === 'peer-removed') {
      removed(data.id);
    }
  }

  function showLive(text, kind) {
    fill(live, text);
    live.className = `badge ${kind}`;
  }

  /**
   * Follows the live feed. The list is loaded once the feed is subscribed ("ready"), so that no change falls
   * between the two; changes arriving meanwhile wait and follow it. A break is retried after a growing pause, with
   * the list loaded again; a feed the server refuses is not asked for again.
   */
  async function follow(drawn) {
    let pause = FIRST_PAUSE_MS;
    while (!signal.aborted) {
      let waiting = null;
      try {
        await api.stream('/api/netloom/peers/live', (name, data) => {
          if (name !== 'ready') {
            waiting ? waiting.push([name, data]) : apply(name, data);
            return;
          }
          waiting = [];
          reload().catch(showError).finally(() => {
            waiting.forEach(([held, heldData]) => apply(held, heldData));
            waiting = null;
            pause = FIRST_PAUSE_MS;
            showLive('live', 'ok');
            drawn();
          });
        }, signal);
      } catch (error) {
        if (signal.aborted) {
          return;
        }
        if (error.status >= 400 && error.status < 500) {
          showLive('not live', 'warn');
          showError(new Error(`live updates are unavailable: ${error.message}`));
          await reload().catch(showError);
          drawn();
          return;
        }
      }
      if (signal.aborted) {
        return;
      }
      showLive('reconnecting…', 'warn');
      await reload().catch(() => {});
      drawn();
      await pauseFor(pause + Math.random() * 1000, signal);
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
    }
  }

  selectAll.addEventListener('change', () => {
    for (const [id, tr] of rows) {
      selectAll.checked ? selected.add(id) : selected.delete(id);
      const box = tr.querySelector('input[type=checkbox]');
      if (box) {
        box.checked = selectAll.checked;
      }
    }
  });
  for (const control of [search, status, groupFilter]) {
    control.addEventListener('input', () => {
      page = 0;
      draw();
    });
  }

  fill(view, heading('Peers', live), el('div', { className: 'toolbar' },
    field('Search', search), field('Status', status), readsGroups ? field('Group', groupFilter) : null), bulk, count,
  el('div', { className: 'table-wrap' }, el('table', { 'data-test': 'peers-table' },
    el('caption', { className: 'sr-only' }, 'Peers of the account'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, admin ? selectAll : ''),
      ['Name', 'Address', 'State', 'Last seen', 'Connections', 'OS / version', 'User', 'Groups', 'Actions']
        .map((title) => el('th', { scope: 'col' }, title)))),
    body)), el('div', { className: 'toolbar pager' }, previous, pageText, next));

  const [users] = await Promise.all([api.get('/api/users').catch(() => []), reloadGroups()]);
  people = new Map(users.map((person) => [person.id, person]));
  let marked = false;
  follow(() => {
    if (!marked) {
      marked = true;
      // A User Timing mark once the list is laid out and painted (the task after the next frame): how long the
      // page took to show is visible in the browser's tools and to the benchmark.
      requestAnimationFrame(() => setTimeout(() => performance.mark('netloom:peers-drawn',
        { detail: { peers: peers.size } })));
    }
  }).catch(showError);
}

/** Waits, or stops waiting when the person leaves the page. */
function pauseFor(milliseconds, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
