// Helpers the routes, networks, DNS, activity and settings pages share: who may change things, names for the
// ids the API answers with, group and peer pickers with their own field names (one form often needs several),
// and the look of their forms.
import { el, badge, field, stylesheet } from '../ui.js';

/** Owners and admins change things; users and auditors only look (the server refuses them anyway). */
export function canChange(me) {
  return me?.role === 'owner' || me?.role === 'admin';
}

/** The account's groups and peers by id, so that lists can show names instead of ids. */
export async function loadDirectory(api) {
  const [groups, peers] = await Promise.all([api.get('/api/groups'), api.get('/api/peers')]);
  const groupsById = new Map(groups.map((group) => [group.id, group]));
  const peersById = new Map(peers.map((peer) => [peer.id, peer]));
  return {
    groups: [...groups].sort(byName),
    peers: [...peers].sort(byName),
    groupName: (id) => groupsById.get(id)?.name ?? id,
    peerName: (id) => {
      const peer = peersById.get(id);
      return peer ? `${peer.name} (${peer.ip})` : id;
    },
  };
}

function byName(a, b) {
  return (a.name || '').localeCompare(b.name || '');
}

/** Badges naming groups; "none" when the list is empty. */
export function groupBadges(ids, directory) {
  if (!ids || ids.length === 0) {
    return el('span', { className: 'muted' }, 'none');
  }
  return ids.map((id) => badge(directory.groupName(id)));
}

/** "Enabled"/"Disabled" as text, not colour alone. */
export function stateBadge(enabled) {
  return enabled ? badge('Enabled', 'ok') : badge('Disabled', 'warn');
}

export function yesNo(value) {
  return value ? badge('yes', 'ok') : badge('no');
}

/** A checkbox fieldset of groups whose inputs are named `name`, for forms with several group lists. */
export function groupChoice(legend, name, groups, chosen = [], hint) {
  const picked = new Set(chosen);
  const hintNode = hint ? el('small', { className: 'muted' }, hint) : null;
  return el('fieldset', { className: 'picker', dataset: { test: `${name}-picker` } }, el('legend', {}, legend),
    hintNode,
    groups.length === 0 ? el('p', { className: 'muted' }, 'This account has no groups yet.') : null,
    groups.map((group) => el('label', {},
      el('input', { type: 'checkbox', name, value: group.id, checked: picked.has(group.id) }),
      ` ${group.name}`)));
}

/** A labelled checkbox whose value is read with `form.elements[name].checked`. */
export function checkbox(name, label, checked, hint) {
  const input = el('input', { type: 'checkbox', name, checked: Boolean(checked) });
  const id = `f-${name}-${Math.random().toString(36).slice(2, 7)}`;
  input.id = id;
  const hintNode = hint ? el('small', { id: `${id}-hint` }, hint) : null;
  if (hintNode) {
    input.setAttribute('aria-describedby', hintNode.id);
  }
  return el('div', { className: 'field check' }, el('label', { for: id }, input, ` ${label}`), hintNode);
}

/** Two or more radio buttons under one legend; `onchange(value)` runs when the choice changes. */
export function radios(legend, name, options, chosen, onchange) {
  const box = el('fieldset', { className: 'picker choice' }, el('legend', {}, legend),
    options.map(([value, label]) => el('label', {},
      el('input', {
        type: 'radio', name, value, checked: value === chosen,
        onchange: () => onchange?.(value),
      }), ` ${label}`)));
  return box;
}

/** The words of a text area or input: split at commas, spaces and line breaks, blanks dropped. */
export function words(text) {
  return String(text || '').split(/[\s,]+/).map((word) => word.trim()).filter(Boolean);
}

/** A whole number from a form field, or an error naming the field (the server would refuse it anyway). */
export function wholeNumber(text, what) {
  const value = String(text ?? '').trim();
  if (!/^-?\d+$/.test(value)) {
    throw new Error(`${what} must be a whole number`);
  }
  return Number(value);
}

/** A problem shown in place of content that could not load, with the server's words. */
export function loadProblem(what, error) {
  return el('p', { className: 'problem', role: 'alert' }, `${what} could not be loaded: ${error.message || error}`);
}

/** A select of the account's peers, the current one chosen. */
export function peerSelect(name, peers, chosen) {
  return el('select', { name },
    el('option', { value: '' }, '— choose a peer —'),
    peers.map((peer) => el('option', { value: peer.id, selected: peer.id === chosen }, `${peer.name} (${peer.ip})`)));
}

/**
 * The "who routes" part of route and router forms: one peer or the peers of some groups, exactly one of the two
 * as the API demands. Returns the fieldset and a reader giving {peer} or {peer_groups} (or throwing).
 */
export function routingPeerChoice(directory, current, idPrefix) {
  const usesGroups = Boolean(current?.peer_groups?.length);
  const peerField = field('Routing peer', peerSelect('peer', directory.peers, current?.peer),
    'The peer that forwards the traffic.');
  const groupsField = groupChoice('Routing peer groups', `${idPrefix}-peer-groups`, directory.groups,
    current?.peer_groups || [], 'Every peer in these groups routes; clients pick by metric and availability.');
  const show = (mode) => {
    peerField.hidden = mode !== 'peer';
    groupsField.hidden = mode !== 'groups';
  };
  const box = el('div', { className: 'routing-choice' },
    radios('Routed by', `${idPrefix}-mode`, [['peer', 'A single peer'], ['groups', 'Peer groups (high availability)']],
      usesGroups ? 'groups' : 'peer', show),
    el('small', { className: 'muted' }, 'Exactly one: a routing peer or routing peer groups, never both.'),
    peerField, groupsField);
  show(usesGroups ? 'groups' : 'peer');
  const read = (form) => {
    const mode = form.querySelector(`input[name="${idPrefix}-mode"]:checked`)?.value;
    if (mode === 'groups') {
      return { peer_groups: [...form.querySelectorAll(`input[name="${idPrefix}-peer-groups"]:checked`)]
        .map((input) => input.value) };
    }
    return { peer: form.elements.peer.value || null };
  };
  return { box, read };
}

/** "1 router", "3 routers". */
export function count(n, singular, plural = `${singular}s`) {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Loads these pages' stylesheet once. */
export function opsStyles() {
  stylesheet('/console/pages/ops-shared.css');
}
