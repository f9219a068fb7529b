// What a proposed change would do to access, from Netloom's dry run (POST /api/netloom/dry-run): the peer pairs
// that would gain and lose a flow. Shared by the policy editor, the group member editor and user blocking.
import { el, fill, dialog, stylesheet } from '../ui.js';

/** How many pairs a list shows before "and N more": enough to recognise the change, short enough to read. */
const SHOWN_PAIRS = 40;

/** Asks the server; `changes` are ProposedChange objects ({op, id, policy|group|user}). */
export function dryRun(api, changes) {
  return api.post('/api/netloom/dry-run', { changes });
}

/**
 * Flows (source, destination, protocol, ports) folded into directed peer pairs, each with what it may carry;
 * one pair can have several flows (e.g. tcp 22 and udp 53).
 */
export function pairsOf(flows) {
  const pairs = new Map();
  for (const flow of flows || []) {
    const key = `${flow.source.id}>${flow.destination.id}`;
    if (!pairs.has(key)) {
      pairs.set(key, { source: flow.source, destination: flow.destination, carries: [] });
    }
    pairs.get(key).carries.push(describeFlow(flow));
  }
  return [...pairs.values()].sort((a, b) => peerName(a.source).localeCompare(peerName(b.source))
    || peerName(a.destination).localeCompare(peerName(b.destination)));
}

function describeFlow(flow) {
  const protocol = flow.protocol === 'all' ? 'all traffic' : flow.protocol;
  return flow.ports && flow.ports.length ? `${protocol} ${flow.ports.join(', ')}` : protocol;
}

function peerName(peer) {
  return peer.name || peer.id;
}

/** One list ("gained" or "lost") with its count, truncated with "and N more". */
export function pairList(kind, flows) {
  const pairs = pairsOf(flows);
  const title = kind === 'gained' ? 'Gained' : 'Lost';
  const summary = `${title}: ${pairs.length} peer ${pairs.length === 1 ? 'pair' : 'pairs'}`
    + (flows.length !== pairs.length ? ` (${flows.length} flows)` : '');
  const items = pairs.slice(0, SHOWN_PAIRS).map((pair) => el('li', { 'data-test': 'pair' },
    el('span', { className: 'pair-peers' }, `${peerName(pair.source)} → ${peerName(pair.destination)}`),
    ' ', el('span', { className: 'muted' }, `(${pair.carries.join('; ')})`)));
  const more = pairs.length > SHOWN_PAIRS
    ? el('li', { className: 'muted', 'data-test': 'more-pairs' }, `and ${pairs.length - SHOWN_PAIRS} more`) : null;
  return el('section', { className: `pairs ${kind}`, 'data-test': `${kind}-pairs`, 'data-count': pairs.length },
    el('h3', { className: kind }, kind === 'gained' ? '+ ' : '− ', summary),
    pairs.length ? el('ul', { tabindex: 0, 'aria-label': summary }, items, more) : el('p', { className: 'muted' }, 'none'));
}

/** Fills `box` with a dry run's answer. */
export function showResult(box, result) {
  stylesheet('/console/pages/policies.css');
  const changed = result.maps_changed?.length || 0;
  fill(box,
    el('p', { 'data-test': 'dry-run-summary' }, result.gained.length || result.lost.length
      ? `${changed} ${changed === 1 ? 'peer' : 'peers'} would get a new network map.`
      : 'No peer would gain or lose access.'),
    pairList('gained', result.gained), pairList('lost', result.lost));
}

/** Fills `box` with a refusal: the dry run refuses exactly what saving would refuse. */
export function showRefusal(box, error) {
  fill(box, el('p', { className: 'problem', 'data-test': 'dry-run-error' },
    `Cannot preview: ${String(error.message || error).replace(/^changes\[\d+\]: /, '')}`));
}

/**
 * A confirmation dialog that shows, while the admin decides, what the change would do: `changes` go to the dry
 * run, `act()` makes the change on confirmation (its refusal stays shown in the dialog).
 */
export function previewedDialog(api, { title, message, changes, submitText, act }) {
  const box = el('div', { className: 'dry-run', 'data-test': 'dry-run', 'aria-live': 'polite' },
    el('p', { className: 'muted' }, 'Computing what this would change…'));
  dryRun(api, changes).then((result) => showResult(box, result), (error) => showRefusal(box, error));
  return dialog(title, (form) => form.append(...[message].flat(), box), act, { submitText });
}
