// A group's members (#/groups/<groupId>): a searchable peer picker that stays fast with thousands of peers,
// because it draws only the first matches of what the admin types, never every peer at once.
import { el, fill, heading, button, field, toast } from '../ui.js';
import { ALL_GROUP, canChange } from './groups.js';
import { dryRun, showResult, showRefusal } from './policies-dry-run.js';

/** The most peers drawn at once; more matches are counted and the admin refines the search. */
const SHOWN = 200;

/** Enter in a search box filters; it must not submit (and save) the form around it. */
export function keepEnterFromSubmitting(input) {
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
    }
  });
}

export async function renderMembers(view, ctx, groupId) {
  const { api, me } = ctx;
  const [group, peers] = await Promise.all([
    api.get(`/api/groups/${encodeURIComponent(groupId)}`),
    api.get('/api/peers'),
  ]);
  const editable = canChange(me) && group.name !== ALL_GROUP;
  const original = new Set(group.peers.map((peer) => peer.id));
  const chosen = new Set(original);
  const byId = new Map(peers.map((peer) => [peer.id, peer]));
  // Members the peer list does not show (e.g. one enrolled a moment ago) still count and are kept.
  for (const member of group.peers) {
    if (!byId.has(member.id)) {
      byId.set(member.id, { id: member.id, name: member.name, ip: '', dns_label: '' });
    }
  }
  const everyone = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));

  const search = el('input', { type: 'search', name: 'peer-search', autocomplete: 'off', 'data-test': 'peer-search',
    placeholder: 'Name, IP address or DNS label' });
  const scope = el('select', { name: 'scope', 'data-test': 'peer-scope' },
    el('option', { value: 'all' }, 'All peers'),
    el('option', { value: 'members', selected: !editable }, 'Members only'),
    el('option', { value: 'others' }, 'Not members'));
  const matchCount = el('p', { className: 'muted', 'aria-live': 'polite', 'data-test': 'peer-matches' });
  const list = el('ul', { className: 'peer-list', 'data-test': 'peer-list' });
  const summary = el('p', { 'aria-live': 'polite', 'data-test': 'member-summary' });
  const problem = el('p', { className: 'problem', role: 'alert', 'data-test': 'members-error' });
  const preview = el('div', { className: 'panel dry-run', 'data-test': 'dry-run', 'aria-live': 'polite' },
    el('p', { className: 'muted' }, 'Preview shows which peer pairs would gain or lose access before you save.'));
  let matches = [];

  const matching = () => {
    const wanted = search.value.trim().toLowerCase();
    return everyone.filter((peer) => {
      if (scope.value === 'members' && !chosen.has(peer.id)) {
        return false;
      }
      if (scope.value === 'others' && chosen.has(peer.id)) {
        return false;
      }
      return !wanted || peer.name.toLowerCase().includes(wanted) || (peer.ip || '').includes(wanted)
        || (peer.dns_label || '').toLowerCase().includes(wanted);
    });
  };

  const drawSummary = () => {
    const added = [...chosen].filter((id) => !original.has(id)).length;
    const removed = [...original].filter((id) => !chosen.has(id)).length;
    fill(summary, `${chosen.size} ${chosen.size === 1 ? 'member' : 'members'}`,
      added || removed ? ` (unsaved: ${added} added, ${removed} removed)` : '');
  };

  const draw = () => {
    matches = matching();
    fill(matchCount, matches.length > SHOWN
      ? `Showing ${SHOWN} of ${matches.length} matching peers: type more to narrow them down.`
      : `${matches.length} matching ${matches.length === 1 ? 'peer' : 'peers'}.`);
    fill(list, matches.slice(0, SHOWN).map((peer) => el('li', {}, el('label', {},
      el('input', {
        type: 'checkbox', value: peer.id, checked: chosen.has(peer.id), disabled: !editable,
        'data-test': 'peer-option',
        onchange: (event) => {
          if (event.target.checked) {
            chosen.add(peer.id);
          } else {
            chosen.delete(peer.id);
          }
          drawSummary();
        },
      }),
      ' ', el('span', { className: 'peer-name' }, peer.name),
      peer.ip ? el('span', { className: 'muted' }, ` ${peer.ip}`) : null))));
    drawSummary();
  };
  search.addEventListener('input', draw);
  keepEnterFromSubmitting(search);
  scope.addEventListener('change', draw);

  const setMatches = (member) => {
    matches.forEach((peer) => (member ? chosen.add(peer.id) : chosen.delete(peer.id)));
    draw();
  };

  const request = () => ({ name: group.name, peers: [...chosen] });

  const save = async (event) => {
    event.preventDefault();
    fill(problem);
    try {
      const saved = await api.put(`/api/groups/${encodeURIComponent(group.id)}`, request());
      original.clear();
      saved.peers.forEach((peer) => original.add(peer.id));
      drawSummary();
      toast(`Members of "${group.name}" saved: ${saved.peers_count}.`);
    } catch (error) {
      fill(problem, error.message);
    }
  };

  const runPreview = async () => {
    fill(preview, el('p', { className: 'muted' }, 'Computing…'));
    try {
      showResult(preview, await dryRun(api, [{ op: 'update_group', id: group.id, group: request() }]));
    } catch (error) {
      showRefusal(preview, error);
    }
  };

  const controls = editable ? el('div', { className: 'toolbar' },
    button('Add all matches', () => setMatches(true), { 'data-test': 'add-matches' }),
    button('Remove all matches', () => setMatches(false), { 'data-test': 'remove-matches' })) : null;

  fill(view,
    heading(`Members of "${group.name}"`, el('a', { href: '#/groups', className: 'button' }, 'Back to groups')),
    group.name === ALL_GROUP ? el('p', { className: 'muted' }, 'Every peer of the account is in this group; '
      + 'Netloom keeps its membership.') : null,
    el('form', { className: 'members', 'data-test': 'members-form', onsubmit: save },
      el('div', { className: 'toolbar' }, field('Find peers', search), field('Show', scope)),
      summary, controls, matchCount, list, problem,
      editable ? el('div', { className: 'actions' },
        el('button', { type: 'submit', className: 'primary', 'data-test': 'save-members' }, 'Save members'),
        button('Preview effect', runPreview, { 'data-test': 'preview-members' })) : null),
    editable ? el('h2', {}, 'Effect on access') : null, editable ? preview : null);
  draw();
}
