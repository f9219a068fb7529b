// Setup keys: what devices enroll with. Admins create them (the key is shown once), change their auto groups,
// revoke and delete them; auditors see the list.
import {
  el, fill, heading, button, table, dialog, field, badge, toast, when, groupPicker, checkedValues, stylesheet
} from '../ui.js';
import { inDialogErrors } from './groups.js';
import { showSecretOnce } from './setup-keys-secret.js';

const STATE_BADGES = { valid: 'ok', revoked: 'bad', expired: 'warn', overused: 'warn' };

export async function render(view, ctx) {
  stylesheet('/console/pages/setup-keys.css');
  const { api, me } = ctx;
  const editable = me?.role === 'owner' || me?.role === 'admin';
  const [keys, groups] = await Promise.all([api.get('/api/setup-keys'), api.get('/api/groups')]);
  groups.sort((a, b) => a.name.localeCompare(b.name));
  const groupName = new Map(groups.map((group) => [group.id, group.name]));
  const refresh = () => render(view, ctx);
  keys.sort((a, b) => (a.state === 'valid' ? 0 : 1) - (b.state === 'valid' ? 0 : 1) || a.name.localeCompare(b.name));

  const columns = [
    { title: 'Name', cell: (key) => [el('strong', {}, key.name), el('div', { className: 'muted mono' }, key.key)] },
    { title: 'Type', cell: (key) => (key.type === 'one-off' ? 'one-off' : 'reusable') },
    { title: 'State', cell: (key) => el('span', { 'data-test': 'key-state' }, badge(key.state, STATE_BADGES[key.state] || '')) },
    { title: 'Usage', cell: usage },
    { title: 'Last used', cell: (key) => when(key.last_used) },
    { title: 'Expires', cell: (key) => when(key.expires) },
    { title: 'Auto groups', cell: (key) => groupBadges(key.auto_groups, groupName) },
    { title: 'Ephemeral', cell: (key) => (key.ephemeral ? 'yes' : 'no') },
    { title: 'Extra DNS labels', cell: (key) => (key.allow_extra_dns_labels ? 'allowed' : 'no') },
  ];
  if (editable) {
    columns.push({ title: 'Actions', cell: (key) => actions(key, ctx, groups, refresh) });
  }
  const wrap = table('Setup keys', columns, keys, 'setup-key-row');
  fill(view,
    heading('Setup keys', editable
      ? button('New setup key', () => createKey(ctx, groups).then((made) => made && refresh()),
        { className: 'primary', 'data-test': 'new-setup-key' })
      : null),
    el('p', { className: 'muted' }, 'A device enrolls with a setup key instead of a person signing in; it joins '
      + 'the key\'s auto groups. Ephemeral peers are removed after they have been offline for a while.'),
    wrap);
}

function usage(key) {
  if (key.type === 'one-off') {
    return key.used_times ? 'used' : 'unused';
  }
  return key.usage_limit ? `${key.used_times} of ${key.usage_limit}` : `${key.used_times} (unlimited)`;
}

function groupBadges(ids, groupName) {
  return ids?.length ? ids.map((id) => badge(groupName.get(id) || id)) : el('span', { className: 'muted' }, 'none');
}

/** After a dialog: tell what was done and redraw, unless the person cancelled. */
function afterward(done, message, refresh) {
  if (done) {
    toast(message);
    refresh();
  }
}

function actions(key, { api }, groups, refresh) {
  const path = `/api/setup-keys/${encodeURIComponent(key.id)}`;
  const editGroups = () => dialog(`Auto groups of "${key.name}"`, (form) => form.append(
    el('p', { className: 'muted' }, 'Devices that enroll with this key from now on join these groups; peers '
      + 'enrolled already keep theirs.'),
    groupPicker('Auto groups', groups, key.auto_groups)),
  (form) => api.put(path, { revoked: key.revoked, auto_groups: checkedValues(form, 'group') }))
    .then((done) => afterward(done, `Auto groups of "${key.name}" saved.`, refresh));
  const revoke = () => dialog(`Revoke "${key.name}"?`, (form) => form.append(
    el('p', {}, 'No device can enroll with this key any more. Peers enrolled with it stay; this cannot be undone.')),
  () => api.put(path, { revoked: true, auto_groups: key.auto_groups }), { submitText: 'Revoke' })
    .then((done) => afterward(done, `Setup key "${key.name}" revoked.`, refresh));
  const remove = () => dialog(`Delete "${key.name}"?`, (form) => form.append(
    el('p', {}, 'The key goes from the list. Peers enrolled with it stay.')),
  () => api.delete(path).then(() => true), { submitText: 'Delete' })
    .then((done) => afterward(done, `Setup key "${key.name}" deleted.`, refresh));
  return el('div', { className: 'row-actions' },
    button('Groups', editGroups, { 'data-test': 'edit-key-groups' }),
    key.revoked ? null : button('Revoke', revoke, { className: 'danger', 'data-test': 'revoke-key' }),
    button('Delete', remove, { className: 'danger', 'data-test': 'delete-key' }));
}

async function createKey({ api }, groups) {
  const made = await dialog('New setup key', (form) => {
    inDialogErrors(form);
    const type = el('select', { name: 'type', 'data-test': 'key-type' },
      el('option', { value: 'reusable' }, 'Reusable: enrolls many devices'),
      el('option', { value: 'one-off' }, 'One-off: enrolls a single device'));
    const limit = el('input', { name: 'usage_limit', type: 'number', min: 0, step: 1, value: '0',
      'data-test': 'key-usage-limit' });
    type.addEventListener('change', () => {
      limit.disabled = type.value === 'one-off';
    });
    form.append(
      field('Name', el('input', { name: 'name', required: true, maxlength: 255, autocomplete: 'off',
        'data-test': 'key-name' })),
      field('Type', type),
      field('Expires in (days)', el('input', { name: 'expires_days', type: 'number', min: 1, max: 365, step: 1,
        value: '30', required: true, 'data-test': 'key-expires' }), '1 to 365 days.'),
      field('Usage limit', limit, 'How many devices may enroll with it; 0 means no limit.'),
      groupPicker('Auto groups', groups),
      el('label', { className: 'check' }, el('input', { type: 'checkbox', name: 'ephemeral', 'data-test': 'key-ephemeral' }),
        ' Ephemeral peers: removed after being offline for a while'),
      el('label', { className: 'check' }, el('input', { type: 'checkbox', name: 'allow_extra_dns_labels',
        'data-test': 'key-extra-dns-labels' }), ' Allow extra DNS labels: peers may ask for more DNS names'));
  }, (form) => {
    const days = Number(form.elements.expires_days.value);
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      throw new Error('Expires in must be a whole number of days from 1 to 365.');
    }
    const oneOff = form.elements.type.value === 'one-off';
    const limit = oneOff ? 1 : Number(form.elements.usage_limit.value || 0);
    if (!Number.isInteger(limit) || limit < 0) {
      throw new Error('The usage limit must be a whole number, 0 for no limit.');
    }
    return api.post('/api/setup-keys', {
      name: form.elements.name.value.trim(),
      type: form.elements.type.value,
      expires_in: days * 86400,
      usage_limit: limit,
      auto_groups: checkedValues(form, 'group'),
      ephemeral: form.elements.ephemeral.checked,
      allow_extra_dns_labels: form.elements.allow_extra_dns_labels.checked,
    });
  }, { submitText: 'Create' });
  if (made) {
    await showSecretOnce({
      title: `Setup key "${made.name}"`, label: 'setup key', secret: made.key, hook: 'setup-key-secret',
      note: `Enroll a device with: netloom up --management-url ${location.origin} --setup-key-file <file holding the key>`,
    });
  }
  return made;
}
