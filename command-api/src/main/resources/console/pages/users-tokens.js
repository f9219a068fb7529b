// A user's personal access tokens (#/users/<userId>): listed, created (the token is shown once) and deleted.
// The API lets a person manage their own tokens, and admins those of service users (not the owner's).
import { el, fill, heading, button, table, dialog, field, badge, toast, when } from '../ui.js';
import { inDialogErrors } from './groups.js';
import { showSecretOnce } from './setup-keys-secret.js';

export function mayManageTokens(me, user) {
  if (user.is_current || user.id === me?.id) {
    return true;
  }
  return (me?.role === 'owner' || me?.role === 'admin') && user.is_service_user && user.role !== 'owner';
}

export async function renderTokens(view, ctx, userId) {
  const { api } = ctx;
  const users = await api.get('/api/users');
  const user = users.find((candidate) => candidate.id === userId);
  if (!user) {
    fill(view, heading('Access tokens', el('a', { href: '#/users', className: 'button' }, 'Back to users')),
      el('p', { className: 'problem', role: 'alert' }, 'This user does not exist, or you may not see them.'));
    return;
  }
  const name = user.name || user.email || user.id;
  const tokens = await api.get(`/api/users/${encodeURIComponent(user.id)}/tokens`);
  tokens.sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
  const creators = new Map(users.map((person) => [person.id, person.name || person.email || person.id]));
  const refresh = () => renderTokens(view, ctx, userId);

  const columns = [
    { title: 'Name', cell: (token) => el('strong', {}, token.name) },
    { title: 'Created', cell: (token) => [when(token.created_at), el('div', { className: 'muted' },
      `by ${creators.get(token.created_by) || token.created_by}`)] },
    { title: 'Expires', cell: (token) => [when(token.expiration_date), ' ',
      new Date(token.expiration_date) < new Date() ? badge('expired', 'warn') : badge('valid', 'ok')] },
    { title: 'Last used', cell: (token) => when(token.last_used) },
    { title: 'Actions', cell: (token) => button('Delete', () => deleteToken(ctx, user, token)
      .then((done) => done && refresh()), { className: 'danger', 'data-test': 'delete-token' }) },
  ];
  const wrap = table(`Access tokens of ${name}`, columns, tokens, 'token-row');
  fill(view,
    heading(`Access tokens of ${name}`,
      button('New token', () => createToken(ctx, user).then((made) => made && refresh()),
        { className: 'primary', 'data-test': 'new-token' }),
      el('a', { href: '#/users', className: 'button' }, 'Back to users')),
    el('p', { className: 'muted' }, 'A personal access token lets a script use the API as this user, with their '
      + 'role: send it as "Authorization: Token <token>". Delete a token to stop it at once.'),
    wrap);
}

async function createToken({ api }, user) {
  const made = await dialog('New access token', (form) => inDialogErrors(form).append(
    field('Name', el('input', { name: 'name', required: true, maxlength: 255, autocomplete: 'off',
      'data-test': 'token-name' }), 'What the token is for, e.g. "backup script".'),
    field('Expires in (days)', el('input', { name: 'expires_in', type: 'number', min: 1, max: 365, step: 1,
      value: '30', required: true, 'data-test': 'token-expires' }), '1 to 365 days.')),
  (form) => {
    const days = Number(form.elements.expires_in.value);
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      throw new Error('Expires in must be a whole number of days from 1 to 365.');
    }
    return api.post(`/api/users/${encodeURIComponent(user.id)}/tokens`,
      { name: form.elements.name.value.trim(), expires_in: days });
  }, { submitText: 'Create' });
  if (made) {
    await showSecretOnce({
      title: `Access token "${made.personal_access_token.name}"`, label: 'access token', secret: made.plain_token,
      hook: 'token-secret',
    });
  }
  return made;
}

async function deleteToken({ api }, user, token) {
  const done = await dialog(`Delete token "${token.name}"?`, (form) => form.append(
    el('p', {}, 'Scripts using it are refused from now on.')),
  () => api.delete(`/api/users/${encodeURIComponent(user.id)}/tokens/${encodeURIComponent(token.id)}`)
    .then(() => true), { submitText: 'Delete' });
  if (done) {
    toast(`Token "${token.name}" deleted.`);
  }
  return done;
}
