// Users: the people and service users of the account. Admins invite them, change roles and auto groups, block
// and unblock (which cuts a user's peers off at once) and delete them; #/users/<userId> lists a user's personal
// access tokens for the user themselves, or for an admin when the user is a service user.
import {
  el, fill, heading, button, table, dialog, field, badge, toast, when, groupPicker, checkedValues,
} from '../ui.js';
import { previewedDialog } from './policies-dry-run.js';
import { inDialogErrors } from './groups.js';
import { showSecretOnce } from './setup-keys-secret.js';
import { renderTokens, mayManageTokens } from './users-tokens.js';

const STATUS_BADGES = { active: 'ok', blocked: 'bad', invited: 'warn' };
const ASSIGNABLE_ROLES = [
  ['user', 'User: sees and manages their own peers'],
  ['admin', 'Admin: manages the whole account'],
  ['auditor', 'Auditor: reads everything, changes nothing'],
];

export function isAdmin(me) {
  return me?.role === 'owner' || me?.role === 'admin';
}

export async function render(view, ctx) {
  if (ctx.rest) {
    await renderTokens(view, ctx, decodeURIComponent(ctx.rest));
    return;
  }
  const { api, me } = ctx;
  const editable = isAdmin(me);
  // Regular users may not read groups: their own auto groups are then shown by id.
  const [users, groups] = await Promise.all([api.get('/api/users'), api.get('/api/groups').catch(() => [])]);
  groups.sort((a, b) => a.name.localeCompare(b.name));
  const groupName = new Map(groups.map((group) => [group.id, group.name]));
  users.sort((a, b) => Number(b.is_current) - Number(a.is_current) || displayName(a).localeCompare(displayName(b)));
  const refresh = () => render(view, ctx);

  const columns = [
    { title: 'Name', cell: (user) => [el('strong', {}, displayName(user)),
      user.is_current ? [' ', badge('you')] : null, user.is_service_user ? [' ', badge('service user')] : null] },
    { title: 'Email', cell: (user) => user.email || el('span', { className: 'muted' }, '—') },
    { title: 'Role', cell: (user) => el('span', { 'data-test': 'user-role' }, user.role) },
    { title: 'Status', cell: (user) => el('span', { 'data-test': 'user-status' }, badge(status(user), STATUS_BADGES[status(user)] || '')) },
    { title: 'Last login', cell: (user) => when(user.last_login) },
    { title: 'Auto groups', cell: (user) => (user.auto_groups?.length
      ? user.auto_groups.map((id) => badge(groupName.get(id) || id)) : el('span', { className: 'muted' }, 'none')) },
    { title: 'Actions', cell: (user) => actions(user, ctx, groups, refresh) },
  ];
  const wrap = table('Users', columns, users, 'user-row');
  fill(view,
    heading('Users', editable
      ? button('Invite user', () => inviteUser(ctx, groups).then((made) => made && refresh()),
        { className: 'primary', 'data-test': 'invite-user' })
      : null),
    el('p', { className: 'muted' }, 'Peers that a person enrolls belong to them: blocking or deleting the person '
      + 'removes those peers from every network map at once. Auto groups are the groups their new peers join.'),
    wrap);
}

function displayName(user) {
  return user.name || user.email || user.id;
}

function status(user) {
  return user.is_blocked ? 'blocked' : user.status || 'active';
}

function actions(user, ctx, groups, refresh) {
  const editable = isAdmin(ctx.me);
  const tokens = mayManageTokens(ctx.me, user)
    ? el('a', { href: `#/users/${encodeURIComponent(user.id)}`, className: 'button', 'data-test': 'user-tokens' },
      'Access tokens')
    : null;
  if (!editable) {
    return el('div', { className: 'row-actions' }, tokens);
  }
  const changeable = !user.is_current && user.role !== 'owner';
  return el('div', { className: 'row-actions' },
    button('Edit', () => editUser(ctx, user, groups).then((done) => done && refresh()), { 'data-test': 'edit-user' }),
    changeable && !user.is_blocked
      ? button('Block', () => setBlocked(ctx, user, true).then((done) => done && refresh()),
        { className: 'danger', 'data-test': 'block-user' }) : null,
    changeable && user.is_blocked
      ? button('Unblock', () => setBlocked(ctx, user, false).then((done) => done && refresh()),
        { 'data-test': 'unblock-user' }) : null,
    tokens,
    changeable
      ? button('Delete', () => deleteUser(ctx, user).then((done) => done && refresh()),
        { className: 'danger', 'data-test': 'delete-user' }) : null);
}

function roleSelect(current) {
  const roles = current === 'owner' ? [['owner', 'Owner'], ...ASSIGNABLE_ROLES] : ASSIGNABLE_ROLES;
  return el('select', { name: 'role', 'data-test': 'user-role-select' },
    roles.map(([value, text]) => el('option', { value, selected: value === current }, text)));
}

async function inviteUser({ api }, groups) {
  const made = await dialog('Invite user', (form) => {
    inDialogErrors(form);
    const email = el('input', { name: 'email', type: 'email', autocomplete: 'off', 'data-test': 'user-email' });
    const service = el('input', { type: 'checkbox', name: 'service', 'data-test': 'user-service' });
    const emailField = field('Email', email, 'The person signs in with it.');
    service.addEventListener('change', () => {
      emailField.hidden = service.checked;
    });
    form.append(
      el('label', { className: 'check' }, service,
        ' Service user: for scripts, signs in with access tokens only, has no email'),
      emailField,
      field('Name', el('input', { name: 'name', autocomplete: 'off', maxlength: 255, 'data-test': 'user-name' })),
      field('Role', roleSelect('user')),
      groupPicker('Auto groups (joined by the peers this user enrolls)', groups));
  }, (form) => {
    const serviceUser = form.elements.service.checked;
    const email = form.elements.email.value.trim();
    if (!serviceUser && !email) {
      throw new Error('A person needs an email address to sign in with.');
    }
    return api.post('/api/users', {
      email: serviceUser ? undefined : email,
      name: form.elements.name.value.trim() || undefined,
      role: form.elements.role.value,
      auto_groups: checkedValues(form, 'group'),
      is_service_user: serviceUser,
    });
  }, { submitText: 'Invite' });
  if (made?.password) {
    await showSecretOnce({
      title: `Initial password of ${displayName(made)}`, label: 'initial password', secret: made.password,
      hook: 'user-initial-password',
      note: 'Give it to the person over a safe channel; they choose their own password at their first sign-in.',
    });
  } else if (made) {
    toast(`${displayName(made)} added.`);
  }
  return made;
}

async function editUser({ api, me }, user, groups) {
  const self = user.id === me?.id || user.is_current;
  const done = await dialog(`Edit ${displayName(user)}`, (form) => {
    const role = roleSelect(user.role);
    // Nobody changes their own role, and the owner stays owner: the server refuses both.
    role.disabled = self || user.role === 'owner';
    form.append(
      field('Role', role, role.disabled ? 'This role cannot be changed here.' : undefined),
      groupPicker('Auto groups (joined by peers this user enrolls from now on)', groups, user.auto_groups));
  }, (form) => api.put(`/api/users/${encodeURIComponent(user.id)}`, {
    role: form.elements.role.value,
    auto_groups: checkedValues(form, 'group'),
    is_blocked: user.is_blocked,
  }));
  if (done) {
    toast(`${displayName(user)} saved.`);
  }
  return done;
}

/** Shows, once known, the peers a user enrolled: the ones a block takes off every map. */
function theirPeers(api, user, blocked) {
  const box = el('p', { 'data-test': 'user-peers', 'aria-live': 'polite' }, 'Looking up their peers…');
  api.get('/api/peers').then((peers) => {
    const names = peers.filter((peer) => peer.user_id === user.id).map((peer) => peer.name).sort();
    const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? ` and ${names.length - 10} more` : '');
    fill(box, names.length === 0 ? 'They have enrolled no peers.'
      : `${names.length} ${names.length === 1 ? 'peer' : 'peers'} ${blocked ? 'cut off' : 'back'}: ${shown}.`);
  }, (error) => fill(box, `Their peers cannot be listed: ${error.message}`));
  return box;
}

function setBlocked({ api }, user, blocked) {
  const body = { role: user.role, auto_groups: user.auto_groups || [], is_blocked: blocked };
  return previewedDialog(api, {
    title: `${blocked ? 'Block' : 'Unblock'} ${displayName(user)}?`,
    message: blocked
      ? [el('p', {}, el('strong', {}, 'Blocking cuts this user off at once:'), ' their sign-in and access tokens stop '
        + 'working, and every peer they enrolled leaves every network map, so its tunnels close now.'),
      theirPeers(api, user, true),
      el('p', { className: 'muted' }, 'Unblocking later lets them and their peers back in.')]
      : [el('p', {}, 'The user may sign in again, and the peers they enrolled rejoin the network maps.'),
        theirPeers(api, user, false)],
    changes: [{ op: 'update_user', id: user.id, user: body }],
    submitText: blocked ? 'Block' : 'Unblock',
    act: () => api.put(`/api/users/${encodeURIComponent(user.id)}`, body),
  }).then((done) => {
    if (done) {
      toast(`${displayName(user)} ${blocked ? 'blocked: their peers are cut off' : 'unblocked'}.`);
    }
    return done;
  });
}

async function deleteUser({ api }, user) {
  const done = await dialog(`Delete ${displayName(user)}?`, (form) => form.append(
    el('p', {}, 'The user is removed: they can no longer sign in, their access tokens stop working and their peers '
      + 'leave every network map at once.')),
  () => api.delete(`/api/users/${encodeURIComponent(user.id)}`).then(() => true), { submitText: 'Delete' });
  if (done) {
    toast(`${displayName(user)} deleted.`);
  }
  return done;
}
