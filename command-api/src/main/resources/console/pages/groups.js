// Groups: the account's groups with their peers and network resources; admins create, rename and delete them and
// choose their members (#/groups/<groupId> is a group's member editor).
import {
  el, fill, heading, button, table, dialog, field, badge, toast, stylesheet
} from '../ui.js';
import { renderMembers } from './groups-members.js';

/** NetBird's "All" group: every peer, kept by the server; it can be neither changed nor deleted. */
export const ALL_GROUP = 'All';

export function canChange(me) {
  return me?.role === 'owner' || me?.role === 'admin';
}

export async function render(view, ctx) {
  stylesheet('/console/pages/groups.css');
  if (ctx.rest) {
    await renderMembers(view, ctx, decodeURIComponent(ctx.rest));
    return;
  }
  await renderList(view, ctx);
}

async function renderList(view, ctx) {
  const { api, me } = ctx;
  const editable = canChange(me);
  const groups = await api.get('/api/groups');
  const search = el('input', {
    type: 'search', name: 'filter', 'data-test': 'group-filter', value: ctx.params.get('q') || '',
    placeholder: 'Filter by name',
  });
  const count = el('p', { className: 'muted', 'aria-live': 'polite', 'data-test': 'group-count' });
  const listBox = el('div');

  const draw = () => {
    const wanted = search.value.trim().toLowerCase();
    const shown = groups.filter((group) => group.name.toLowerCase().includes(wanted));
    fill(count, wanted ? `${shown.length} of ${groups.length} groups` : `${groups.length} groups`);
    fill(listBox, groupTable(shown, ctx, editable, () => renderList(view, ctx)));
  };
  search.addEventListener('input', draw);

  fill(view,
    heading('Groups', editable
      ? button('New group', () => createGroup(ctx).then((made) => made && renderList(view, ctx)),
        { className: 'primary', 'data-test': 'new-group' })
      : null),
    el('p', { className: 'muted' }, 'Groups collect peers; access control policies, routes and setup keys name '
      + 'groups, never single peers.'),
    el('div', { className: 'toolbar' }, field('Filter groups', search)),
    count, listBox);
  draw();
}

function groupTable(groups, ctx, editable, refresh) {
  const columns = [
    { title: 'Name', cell: (group) => [el('strong', {}, group.name), ' ', group.issued && group.issued !== 'api'
      ? badge(group.issued === 'jwt' ? 'from sign-in' : group.issued) : null] },
    { title: 'Peers', cell: (group) => el('span', { 'data-test': 'group-peers-count' }, String(group.peers_count)) },
    { title: 'Resources', cell: resourcesCell },
    { title: 'Actions', cell: (group) => actions(group, ctx, editable, refresh) },
  ];
  return table('Groups', columns, groups, 'group-row');
}

function resourcesCell(group) {
  if (!group.resources_count) {
    return el('span', { className: 'muted' }, 'none');
  }
  const types = {};
  for (const resource of group.resources || []) {
    types[resource.type] = (types[resource.type] || 0) + 1;
  }
  return [`${group.resources_count} `, Object.entries(types).map(([type, n]) => badge(`${n} ${type}`))];
}

function actions(group, ctx, editable, refresh) {
  const members = el('a', { href: `#/groups/${encodeURIComponent(group.id)}`, 'data-test': 'group-members' },
    editable && group.name !== ALL_GROUP ? 'Edit members' : 'Members');
  if (!editable || group.name === ALL_GROUP) {
    return el('div', { className: 'row-actions' }, members,
      group.name === ALL_GROUP ? el('span', { className: 'muted' }, ' (every peer, kept by Netloom)') : null);
  }
  return el('div', { className: 'row-actions' }, members,
    button('Rename', () => renameGroup(ctx, group).then((done) => done && refresh()), { 'data-test': 'rename-group' }),
    button('Delete', () => deleteGroup(ctx, group).then((done) => done && refresh()),
      { className: 'danger', 'data-test': 'delete-group' }));
}

/** The dialog's own alert shows what is wrong, as for the server's refusals, instead of the browser's bubbles. */
export function inDialogErrors(form) {
  form.noValidate = true;
  return form;
}

function nameInput(value = '') {
  return el('input', { name: 'name', required: true, maxlength: 255, autocomplete: 'off', value, 'data-test': 'group-name' });
}

async function createGroup({ api }) {
  const made = await dialog('New group', (form) => inDialogErrors(form).append(field('Name', nameInput(),
    'Unique in the account. Add peers after creating it.')),
  (form) => {
    const name = form.elements.name.value.trim();
    if (!name) {
      throw new Error('The group needs a name.');
    }
    return api.post('/api/groups', { name, peers: [] });
  }, { submitText: 'Create' });
  if (made) {
    toast(`Group "${made.name}" created.`);
  }
  return made;
}

async function renameGroup({ api }, group) {
  const done = await dialog(`Rename "${group.name}"`, (form) => inDialogErrors(form).append(field('New name', nameInput(group.name))),
    (form) => {
      const name = form.elements.name.value.trim();
      // Without peers the server keeps the members it has: a rename cannot drop a peer added meanwhile.
      return api.put(`/api/groups/${encodeURIComponent(group.id)}`, { name });
    }, { submitText: 'Rename' });
  if (done) {
    toast(`Group renamed to "${done.name}".`);
  }
  return done;
}

async function deleteGroup({ api }, group) {
  const done = await dialog(`Delete "${group.name}"?`, (form) => form.append(
    el('p', {}, `The group and its membership of ${group.peers_count} peers go; the peers themselves stay.`),
    el('p', { className: 'muted' }, 'A group that a policy, route, DNS setting, setup key or user still names '
      + 'cannot be deleted: the server says which.')),
  async () => {
    await api.delete(`/api/groups/${encodeURIComponent(group.id)}`);
    return true;
  }, { submitText: 'Delete' });
  if (done) {
    toast(`Group "${group.name}" deleted.`);
  }
  return done;
}
