// Settings: the account's settings (NetBird's /api/accounts), editable by owners and admins, and what the server
// tells about sign-in: its OpenID Connect discovery document, for owners, admins and auditors the embedded user
// store and the upstream providers serving the account (/api/netloom/identity-providers, server configuration,
// read-only), and for admins the last run of each directory sync. Nothing secret is shown: the server answers
// with no client secrets, and this page asks for none.
import { el, fill, heading, field, toast, when, badge, table, stylesheet } from '../ui.js';
import { canChange, checkbox, loadProblem, opsStyles, stateBadge, yesNo } from './ops-shared.js';

const UNITS = [['days', 86400], ['hours', 3600], ['minutes', 60]];

/** The discovery document's entries worth showing, in reading order. */
const DISCOVERY_FIELDS = [
  ['issuer', 'Issuer'],
  ['authorization_endpoint', 'Authorization endpoint'],
  ['token_endpoint', 'Token endpoint'],
  ['userinfo_endpoint', 'User info endpoint'],
  ['jwks_uri', 'Signing keys (JWKS)'],
  ['end_session_endpoint', 'Sign-out endpoint'],
  ['device_authorization_endpoint', 'Device authorization endpoint'],
  ['revocation_endpoint', 'Revocation endpoint'],
  ['introspection_endpoint', 'Introspection endpoint'],
  ['scopes_supported', 'Scopes'],
  ['grant_types_supported', 'Grant types'],
  ['response_types_supported', 'Response types'],
  ['code_challenge_methods_supported', 'PKCE methods'],
  ['id_token_signing_alg_values_supported', 'ID token signing algorithms'],
];

export async function render(view, ctx) {
  opsStyles();
  settingsStyles();
  const { api, me } = ctx;
  const admin = canChange(me);
  const accountArea = el('div', { 'aria-live': 'polite' }, el('p', { className: 'muted' }, 'Loading the account…'));
  const identityArea = el('section', { className: 'panel', dataset: { test: 'identity-settings' },
    'aria-labelledby': 'identity-title' }, el('h2', { id: 'identity-title' }, 'Identity provider'),
  el('p', { className: 'muted' }, 'Loading…'));

  const drawAccount = (account) => {
    const problem = el('p', { className: 'problem', role: 'alert', dataset: { test: 'settings-problem' } });
    const settings = account.settings;
    const controls = el('fieldset', { className: 'plain', disabled: !admin },
      el('legend', { className: 'sr-only' }, 'Account settings'),
      el('fieldset', { className: 'settings-group' }, el('legend', {}, 'Peer login expiration'),
        checkbox('peer_login_expiration_enabled', 'Peers added by people must sign in again',
          settings.peer_login_expiration_enabled,
          'Setup-key peers never expire. A peer whose login expired disconnects until its person signs in.'),
        durationField('peer_login_expiration', 'Sign in again after', settings.peer_login_expiration,
          'Between 1 hour and 180 days.')),
      el('fieldset', { className: 'settings-group' }, el('legend', {}, 'Peer inactivity expiration'),
        checkbox('peer_inactivity_expiration_enabled', 'Expire the login of peers that stay disconnected',
          settings.peer_inactivity_expiration_enabled, 'Only for peers added by people.'),
        durationField('peer_inactivity_expiration', 'Expire after being offline for', settings.peer_inactivity_expiration,
          'Between 1 hour and 180 days while switched on.')),
      el('fieldset', { className: 'settings-group' }, el('legend', {}, 'Peers and users'),
        checkbox('peer_approval_enabled', 'New peers need an admin\'s approval', settings.extra?.peer_approval_enabled,
          'An approval-pending peer joins the network but reaches nobody until an admin approves it on the Peers page.'),
        checkbox('regular_users_view_blocked', 'Regular users see only their own peers',
          settings.regular_users_view_blocked,
          'Users with the role "user" cannot look at the rest of the account.')),
      el('fieldset', { className: 'settings-group' }, el('legend', {}, 'DNS'),
        field('Peer DNS domain', el('input', {
          name: 'dns_domain', value: settings.dns_domain || '', required: true, autocomplete: 'off',
        }), 'Peers are resolved as <peer>.<domain>. A lowercase DNS name; no custom zone may use it.')),
      el('fieldset', { className: 'settings-group' }, el('legend', {}, 'Groups from the identity provider (JWT groups)'),
        checkbox('jwt_groups_enabled', 'Sync people\'s groups from their sign-in token', settings.jwt_groups_enabled,
          'At each sign-in, the groups named in the token\'s claim become the person\'s groups (created when missing).'),
        field('Groups claim', el('input', {
          name: 'jwt_groups_claim_name', value: settings.jwt_groups_claim_name || '', autocomplete: 'off',
          placeholder: 'groups',
        }), 'The token claim that lists the groups; without it nothing is synced.'),
        field('Allowed groups', el('textarea', {
          name: 'jwt_allow_groups', rows: 2, value: (settings.jwt_allow_groups || []).join('\n'),
        }), 'Optional: one group name per line (or comma-separated); only people in one of them may use the '
          + 'account. Empty: everyone the provider signs in.')));
    const form = el('form', { dataset: { test: 'account-settings' }, 'aria-labelledby': 'account-settings-title' },
      el('h2', { id: 'account-settings-title' }, 'Account settings'),
      admin ? null : el('p', { className: 'muted' }, 'Only owners and admins change these settings.'),
      controls, problem,
      admin ? el('div', { className: 'actions' }, el('button', {
        type: 'submit', className: 'primary', dataset: { test: 'save-settings' },
      }, 'Save settings')) : null);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      fill(problem);
      try {
        const saved = await api.put(`/api/accounts/${encodeURIComponent(account.id)}`, readSettings(form, settings));
        toast('Settings saved.');
        drawAccount(saved);
      } catch (error) {
        // The form stays as typed, with the server's reason next to it.
        fill(problem, error.message || String(error));
      }
    });
    fill(accountArea,
      el('section', { className: 'panel', 'aria-labelledby': 'account-title' },
        el('h2', { id: 'account-title' }, 'Account'),
        facts([
          ['Account id', el('span', { className: 'mono' }, account.id)],
          ['Domain', account.domain || '—'],
          ['Overlay network', el('span', {}, el('span', { className: 'mono' }, settings.network_range || '—'),
            el('span', { className: 'cell-sub' }, 'Fixed when the account was created.'))],
          ['Created', when(account.created_at)],
          ['Created by', el('span', { className: 'mono' }, account.created_by || '—')],
        ])),
      el('section', { className: 'panel' }, form));
  };

  fill(view, heading('Settings'), accountArea, identityArea);
  await Promise.all([
    api.get('/api/accounts').then((accounts) => drawAccount(accounts[0]),
      (error) => fill(accountArea, loadProblem('The account', error))),
    drawIdentity(identityArea, api, me),
  ]);
}

/** Loads this page's own stylesheet once. */
function settingsStyles() {
  stylesheet('/console/pages/settings.css');
}

/** A number and a unit for a duration the API counts in seconds, in the largest unit that divides it. */
function durationField(name, label, seconds, hint) {
  const [unit, size] = UNITS.find(([, unitSize]) => seconds % unitSize === 0) || UNITS[UNITS.length - 1];
  const amount = el('input', {
    name, type: 'number', min: 0, step: 'any', value: seconds / size, required: true, className: 'duration',
  });
  const units = el('select', { name: `${name}_unit`, 'aria-label': `${label}: unit` },
    UNITS.map(([value, unitSize]) => el('option', { value: String(unitSize), selected: value === unit }, value)));
  const box = field(label, amount, hint);
  box.querySelector('input').after(units);
  box.classList.add('duration-field');
  return box;
}

function seconds(form, name, what) {
  const amount = Number(form.elements[name].value);
  if (!Number.isFinite(amount) || amount <= 0) {
    throw new Error(`${what} must be a positive number`);
  }
  return Math.round(amount * Number(form.elements[`${name}_unit`].value));
}

/** The whole settings object (the server keeps what is left out, but sending all makes the change explicit). */
function readSettings(form, current) {
  const fields = form.elements;
  return {
    settings: {
      peer_login_expiration_enabled: fields.peer_login_expiration_enabled.checked,
      peer_login_expiration: seconds(form, 'peer_login_expiration', 'Peer login expiration'),
      peer_inactivity_expiration_enabled: fields.peer_inactivity_expiration_enabled.checked,
      peer_inactivity_expiration: seconds(form, 'peer_inactivity_expiration', 'Peer inactivity expiration'),
      regular_users_view_blocked: fields.regular_users_view_blocked.checked,
      dns_domain: fields.dns_domain.value.trim(),
      jwt_groups_enabled: fields.jwt_groups_enabled.checked,
      jwt_groups_claim_name: fields.jwt_groups_claim_name.value.trim(),
      // Group names may hold spaces: only line breaks and commas separate them.
      jwt_allow_groups: fields.jwt_allow_groups.value.split(/[\n,]+/).map((name) => name.trim()).filter(Boolean),
      extra: {
        ...(current.extra || {}),
        peer_approval_enabled: fields.peer_approval_enabled.checked,
      },
    },
  };
}

function facts(rows) {
  return el('dl', { className: 'facts' }, rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

/** Owners, admins and auditors read the account's sign-in settings; regular users get a 403 there. */
function canRead(me) {
  return canChange(me) || me?.role === 'auditor';
}

/**
 * The issuer from the public discovery document; for readers of the account, the embedded user store and the
 * upstream providers; for admins, the last directory sync of each provider.
 */
async function drawIdentity(area, api, me) {
  const parts = [];
  try {
    const response = await fetch('/.well-known/openid-configuration', { credentials: 'omit' });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const discovery = await response.json();
    parts.push(el('p', {}, 'People and the netloom CLI sign in at this server\'s own OpenID Connect issuer, which '
      + 'signs them in with its local passwords or hands them on to the upstream providers it is configured with.'),
    facts(DISCOVERY_FIELDS.filter(([key]) => discovery[key] !== undefined).map(([key, label]) => [label,
      Array.isArray(discovery[key])
        ? discovery[key].map((value) => badge(String(value)))
        : el('span', { className: 'mono' }, String(discovery[key]))])));
  } catch (error) {
    parts.push(loadProblem('The OpenID Connect discovery document', error));
  }
  parts.push(await signInSettings(api, me));
  if (canChange(me)) {
    parts.push(el('h3', {}, 'Directory sync runs'), await directorySync(api));
  }
  fill(area, el('h2', { id: 'identity-title' }, 'Identity provider'), parts);
}

/** The embedded user store and the upstream providers serving this account, as the server is configured. */
async function signInSettings(api, me) {
  if (!canRead(me)) {
    return el('p', { className: 'muted', dataset: { test: 'upstream-providers' } },
      'Only owners, admins and auditors see how sign-in is set up.');
  }
  let settings;
  try {
    settings = await api.get('/api/netloom/identity-providers');
  } catch (error) {
    return loadProblem('The identity provider settings', error);
  }
  const store = settings.embedded_user_store;
  return [
    el('h3', {}, 'Embedded user store'),
    el('div', { dataset: { test: 'embedded-user-store' } }, facts([
      ['Email and password sign-in', stateBadge(store.enabled)],
      ['Shortest password', `${store.min_password_length} characters`],
    ])),
    el('h3', {}, 'Upstream providers'),
    el('p', { className: 'muted' }, 'Set in the server\'s configuration (netloom.identity.providers.<id>), not '
      + 'here: only the providers whose people join this account are listed. Client secrets are never shown.'),
    upstreamProviders(settings.providers),
  ];
}

/** One entry per provider, its settings as a list of facts: a table of ten columns does not fit a phone. */
function upstreamProviders(providers) {
  if (providers.length === 0) {
    return el('p', { className: 'muted', dataset: { test: 'upstream-providers' } },
      'No upstream provider serves this account: people sign in with the embedded user store only.');
  }
  const mono = (text) => el('span', { className: 'mono' }, text);
  const sub = (text) => el('span', { className: 'cell-sub' }, text);
  return el('ul', { className: 'providers', dataset: { test: 'upstream-providers' } }, providers.map((provider) =>
    el('li', { dataset: { test: 'upstream-provider-row', id: provider.id } },
      el('h4', {}, provider.display_name, ' ', el('span', { className: 'muted' }, `(${provider.id})`)),
      facts([
        ['Issuer', mono(provider.issuer)],
        ['Client ID', mono(provider.client_id)],
        ['Scopes', provider.scopes.map((scope) => badge(scope))],
        ['Person claim', mono(provider.user_claim)],
        ['Groups claim', mono(provider.groups_claim)],
        ['Groups from the provider', [yesNo(provider.groups_from_provider), provider.groups_from_provider ? null
          : sub('Switch on "Sync people\'s groups" and name the groups claim under JWT groups above.')]],
        ['Account', provider.account_configured ? badge('named in its settings', 'ok')
          : [badge('the server\'s only account', 'warn'), sub('Its settings name no account: it serves nobody '
            + 'once the server has a second one.')]],
        ['Redirect URI', mono(provider.redirect_uri)],
        ['Back-channel logout URL', mono(provider.backchannel_logout_uri)],
        ['Directory sync', directorySyncSettings(provider.directory_sync)],
      ]))));
}

function directorySyncSettings(sync) {
  if (!sync) {
    return el('span', { className: 'muted' }, 'none');
  }
  return [el('span', {}, `${sync.type}, realm `, el('span', { className: 'mono' }, sync.realm)),
    el('span', { className: 'cell-sub mono' }, sync.server_url),
    el('span', { className: 'cell-sub' }, 'client ', el('span', { className: 'mono' }, sync.client_id)),
    el('span', { className: 'cell-sub' }, `every ${sync.interval_seconds} s`)];
}

async function directorySync(api) {
  try {
    const runs = await api.get('/api/netloom/directory-sync');
    if (runs.length === 0) {
      return el('p', { className: 'muted', dataset: { test: 'directory-sync' } },
        'No provider syncs its directory into this account, or none has run yet.');
    }
    const columns = [
      { title: 'Provider', cell: (run) => el('span', { className: 'mono' }, run.provider) },
      { title: 'Last run', cell: (run) => when(run.finished_at) },
      { title: 'Outcome', cell: (run) => (run.error ? [badge('failed', 'bad'), el('span', { className: 'cell-sub' }, run.error)]
        : badge('read', 'ok')) },
      { title: 'People seen', cell: (run) => String(run.users_seen) },
      { title: 'Linked', cell: (run) => String(run.linked_users) },
      { title: 'Blocked / unblocked', cell: (run) => `${run.blocked} / ${run.unblocked}` },
      { title: 'Group changes', cell: (run) => String(run.groups_changed) },
      { title: 'Failed', cell: (run) => String(run.failed) },
    ];
    const wrap = table('Directory sync runs', columns, runs, 'directory-sync-row', (run) => run.provider);
    wrap.dataset.test = 'directory-sync';
    return wrap;
  } catch (error) {
    return loadProblem('Directory sync', error);
  }
}
