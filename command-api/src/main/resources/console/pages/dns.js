// DNS (NetBird's /api/dns/...): nameserver groups the peers resolve through, the groups whose peers keep their
// own DNS untouched, and custom zones with A, AAAA and CNAME records.
import { el, fill, heading, button, dialog, field, toast, badge, checkedValues, table } from '../ui.js';
import {
  canChange, loadDirectory, groupBadges, stateBadge, groupChoice, checkbox, radios, words, wholeNumber,
  loadProblem, opsStyles, count,
} from './ops-shared.js';

const DEFAULT_DNS_PORT = 53;
const RECORD_TYPES = ['A', 'AAAA', 'CNAME'];

export async function render(view, ctx) {
  opsStyles();
  const { api, me } = ctx;
  const admin = canChange(me);
  const nameserverArea = el('div', { dataset: { test: 'nameserver-list' }, 'aria-live': 'polite' });
  const settingsArea = el('div', { className: 'spaced', dataset: { test: 'dns-settings-area' } });
  const zoneArea = el('div', { dataset: { test: 'zone-list' }, 'aria-live': 'polite' });
  let directory;

  const dialogThenReload = async (title, build, send, done, options) => {
    let context;
    const saved = await dialog(title, (form) => { context = build(form); }, (form) => send(form, context), options);
    if (saved) {
      toast(done);
      await load();
    }
  };

  // Nameserver groups

  const nsPath = (group) => `/api/dns/nameservers/${encodeURIComponent(group.id)}`;

  const editNameservers = (group) => dialogThenReload(
    group ? `Edit nameserver group ${group.name}` : 'Add nameserver group',
    (form) => buildNameserverForm(form, directory, group),
    (form) => {
      const body = readNameserverForm(form);
      return group ? api.put(nsPath(group), body) : api.post('/api/dns/nameservers', body);
    }, group ? 'Nameserver group saved.' : 'Nameserver group added.');

  const toggleNameservers = async (group) => {
    try {
      await api.put(nsPath(group), { ...nameserverRequest(group), enabled: !group.enabled });
      toast(`Nameserver group ${group.name} ${group.enabled ? 'disabled' : 'enabled'}.`);
    } catch (error) {
      toast(`Nameserver group ${group.name} could not be changed: ${error.message}`, 'error');
    }
    await load();
  };

  const deleteThing = (title, message, path, done) => dialogThenReload(title,
    (form) => form.append(el('p', {}, message)), () => api.delete(path), done, { submitText: 'Delete' });

  const nameserverColumns = () => [
    { title: 'Name', cell: (g) => [el('strong', {}, g.name),
      g.description ? el('span', { className: 'cell-sub' }, g.description) : null] },
    { title: 'Nameservers', cell: (g) => g.nameservers.map((ns) => el('span', { className: 'mono cell-sub' },
      `${hostPort(ns)} (${ns.ns_type})`)) },
    { title: 'Distribution groups', cell: (g) => groupBadges(g.groups, directory) },
    { title: 'Resolves', cell: (g) => (g.primary ? badge('all domains (primary)')
      : [g.domains.map((domain) => el('span', { className: 'mono cell-sub' }, domain)),
        g.search_domains_enabled ? badge('search domains') : null]) },
    { title: 'Status', cell: (g) => stateBadge(g.enabled) },
    ...(admin ? [{ title: 'Actions', cell: (g) => el('div', { className: 'row-actions' },
      button('Edit', () => editNameservers(g), { dataset: { test: 'edit-nameserver-group' }, 'aria-label': `Edit ${g.name}` }),
      button(g.enabled ? 'Disable' : 'Enable', () => toggleNameservers(g), {
        dataset: { test: 'toggle-nameserver-group' }, 'aria-label': `${g.enabled ? 'Disable' : 'Enable'} ${g.name}`,
      }),
      button('Delete', () => deleteThing(`Delete nameserver group ${g.name}?`,
        'Peers of its groups stop resolving through these nameservers.', nsPath(g), 'Nameserver group deleted.'),
      { className: 'danger', dataset: { test: 'delete-nameserver-group' }, 'aria-label': `Delete ${g.name}` })) }] : []),
  ];

  // DNS settings

  const drawSettings = (settings) => {
    const problem = el('p', { className: 'problem', role: 'alert', dataset: { test: 'dns-settings-problem' } });
    const picker = groupChoice('Groups with DNS management disabled', 'disabled_management_groups',
      directory.groups, settings.disabled_management_groups,
      'Peers in these groups keep their system\'s DNS settings: Netloom neither sets nameservers nor serves '
      + 'peer names to them.');
    picker.disabled = !admin;
    const form = el('form', { className: 'panel', dataset: { test: 'dns-settings' }, 'aria-labelledby': 'dns-settings-title' },
      el('h2', { id: 'dns-settings-title' }, 'DNS settings'), picker, problem,
      admin ? el('div', { className: 'actions' }, el('button', {
        type: 'submit', className: 'primary', dataset: { test: 'save-dns-settings' },
      }, 'Save DNS settings')) : null);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      fill(problem);
      try {
        await api.put('/api/dns/settings', {
          disabled_management_groups: checkedValues(form, 'disabled_management_groups'),
        });
        toast('DNS settings saved.');
      } catch (error) {
        fill(problem, error.message || String(error));
      }
    });
    fill(settingsArea, form);
  };

  // Zones and their records

  const zonePath = (zone) => `/api/dns/zones/${encodeURIComponent(zone.id)}`;

  const editZone = (zone) => dialogThenReload(zone ? `Edit zone ${zone.name}` : 'Add zone',
    (form) => form.append(
      field('Name', el('input', { name: 'name', value: zone?.name || '', required: true, autocomplete: 'off' })),
      field('Domain', el('input', {
        name: 'domain', value: zone?.domain || '', required: true, readonly: Boolean(zone), autocomplete: 'off',
        placeholder: 'corp.example',
      }), zone ? 'A zone\'s domain cannot be changed: create a new zone instead.'
        : 'The zone\'s DNS domain, e.g. corp.example; not the account\'s own peer domain.'),
      groupChoice('Distribution groups', 'distribution_groups', directory.groups, zone?.distribution_groups || [],
        'Required: the peers of these groups resolve the zone\'s records.'),
      checkbox('enable_search_domain', 'Use as search domain', zone?.enable_search_domain,
        'Peers also find "host" as host.<domain>.'),
      checkbox('enabled', 'Enabled', zone ? zone.enabled : true)),
    (form) => {
      const fields = form.elements;
      const body = {
        name: fields.name.value.trim(),
        domain: fields.domain.value.trim(),
        enabled: fields.enabled.checked,
        enable_search_domain: fields.enable_search_domain.checked,
        distribution_groups: checkedValues(form, 'distribution_groups'),
      };
      return zone ? api.put(zonePath(zone), body) : api.post('/api/dns/zones', body);
    }, zone ? 'Zone saved.' : 'Zone added.');

  const editRecord = (zone, record) => dialogThenReload(
    record ? `Edit record ${record.name}` : `Add a record to ${zone.domain}`,
    (form) => buildRecordForm(form, zone, record),
    (form) => {
      const fields = form.elements;
      const body = {
        name: fields.name.value.trim(),
        type: fields.type.value,
        content: fields.content.value.trim(),
        ttl: wholeNumber(fields.ttl.value, 'TTL'),
      };
      const base = `${zonePath(zone)}/records`;
      return record ? api.put(`${base}/${encodeURIComponent(record.id)}`, body) : api.post(base, body);
    }, record ? 'Record saved.' : 'Record added.');

  const zoneSection = (zone) => {
    const recordColumns = [
      { title: 'Name', cell: (r) => el('span', { className: 'mono' }, r.name) },
      { title: 'Type', cell: (r) => r.type },
      { title: 'Content', cell: (r) => el('span', { className: 'mono' }, r.content) },
      { title: 'TTL', cell: (r) => `${r.ttl} s` },
      ...(admin ? [{ title: 'Actions', cell: (r) => el('div', { className: 'row-actions' },
        button('Edit', () => editRecord(zone, r), { dataset: { test: 'edit-record' }, 'aria-label': `Edit ${r.type} ${r.name}` }),
        button('Delete', () => deleteThing(`Delete the ${r.type} record ${r.name}?`,
          `Peers stop resolving ${r.name} to ${r.content}.`,
          `${zonePath(zone)}/records/${encodeURIComponent(r.id)}`, 'Record deleted.'),
        { className: 'danger', dataset: { test: 'delete-record' }, 'aria-label': `Delete ${r.type} ${r.name}` })) }] : []),
    ];
    const titleId = `zone-${zone.id}`;
    const records = [...zone.records].sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
    return el('section', { className: 'panel', dataset: { test: 'zone-row', id: zone.id }, 'aria-labelledby': titleId },
      el('div', { className: 'section-head' },
        el('h3', { id: titleId }, `${zone.name} `, el('span', { className: 'mono muted' }, zone.domain)),
        admin ? el('div', { className: 'actions' },
          button('Add record', () => editRecord(zone, null), { dataset: { test: 'new-record' }, 'aria-label': `Add a record to ${zone.domain}` }),
          button('Edit', () => editZone(zone), { dataset: { test: 'edit-zone' }, 'aria-label': `Edit zone ${zone.name}` }),
          button('Delete', () => deleteThing(`Delete zone ${zone.name}?`,
            `Its ${count(zone.records.length, 'record')} go with it.`, zonePath(zone), 'Zone deleted.'),
          { className: 'danger', dataset: { test: 'delete-zone' }, 'aria-label': `Delete zone ${zone.name}` }))
          : null),
      el('p', {}, stateBadge(zone.enabled), zone.enable_search_domain ? badge('search domain') : null,
        ' Distributed to: ', groupBadges(zone.distribution_groups, directory)),
      table(`Records of ${zone.domain}`, recordColumns, records, 'record-row'));
  };

  const load = async () => {
    try {
      directory = await loadDirectory(api);
    } catch (error) {
      [nameserverArea, settingsArea, zoneArea].forEach((area) => fill(area, loadProblem('Groups and peers', error)));
      return;
    }
    await Promise.all([
      api.get('/api/dns/nameservers').then((groups) => fill(nameserverArea,
        table('Nameserver groups', nameserverColumns(), groups.sort((a, b) => a.name.localeCompare(b.name)),
          'nameserver-row', (g) => g.id)),
      (error) => fill(nameserverArea, loadProblem('Nameserver groups', error))),
      api.get('/api/dns/settings').then(drawSettings,
        (error) => fill(settingsArea, loadProblem('DNS settings', error))),
      api.get('/api/dns/zones').then((zones) => fill(zoneArea, zones.length === 0
        ? el('p', { className: 'muted' }, 'No custom zones yet.')
        : zones.sort((a, b) => a.domain.localeCompare(b.domain)).map(zoneSection)),
      (error) => fill(zoneArea, loadProblem('Zones', error))),
    ]);
  };

  fill(view,
    heading('DNS'),
    admin ? null : el('p', { className: 'muted' }, 'You can look at the DNS configuration; only owners and admins '
      + 'change it.'),
    el('div', { className: 'section-head' }, el('h2', {}, 'Nameservers'),
      admin ? el('div', { className: 'actions' }, button('Add nameserver group', () => editNameservers(null),
        { className: 'primary', dataset: { test: 'new-nameserver-group' } })) : null),
    el('p', { className: 'muted' }, 'Upstream resolvers for the peers of some groups: for every name (primary) or '
      + 'only for some match domains.'),
    nameserverArea,
    settingsArea,
    el('div', { className: 'section-head' }, el('h2', {}, 'Custom zones'),
      admin ? el('div', { className: 'actions' }, button('Add zone', () => editZone(null),
        { className: 'primary', dataset: { test: 'new-zone' } })) : null),
    el('p', { className: 'muted' }, 'Zones with A, AAAA and CNAME records that the peers of their distribution '
      + 'groups resolve.'),
    zoneArea);
  await load();
}

/** 192.0.2.1:53, or [2001:db8::1]:53 for IPv6. */
function hostPort(nameserver) {
  return nameserver.ip.includes(':') ? `[${nameserver.ip}]:${nameserver.port}` : `${nameserver.ip}:${nameserver.port}`;
}

/** The group as a NameserverGroupRequest (PUT replaces it whole). */
function nameserverRequest(group) {
  return {
    name: group.name,
    description: group.description ?? '',
    nameservers: group.nameservers,
    enabled: group.enabled,
    groups: group.groups,
    primary: group.primary,
    domains: group.domains,
    search_domains_enabled: group.search_domains_enabled,
  };
}

function buildNameserverForm(form, directory, group) {
  const domainsBox = el('div', {},
    field('Match domains', el('textarea', {
      name: 'domains', rows: 3, value: (group?.domains || []).join('\n'), placeholder: 'corp.example',
    }), 'One per line (or separated by commas), at most 32: these domains and every name below them.'),
    checkbox('search_domains_enabled', 'Also use them as search domains', group?.search_domains_enabled,
      'Peers find "wiki" as wiki.<match domain>.'));
  const scope = group && !group.primary ? 'domains' : 'all';
  const show = (mode) => { domainsBox.hidden = mode !== 'domains'; };
  form.append(
    field('Name', el('input', {
      name: 'name', value: group?.name || '', required: true, maxlength: 40, autocomplete: 'off',
    }), '1 to 40 characters, unique in the account.'),
    field('Description', el('textarea', { name: 'description', rows: 2, value: group?.description || '' })),
    field('Nameservers', el('textarea', {
      name: 'nameservers', rows: 3, required: true, placeholder: '198.18.0.53\n198.18.0.54:5353',
      value: (group?.nameservers || []).map(hostPort).join('\n'),
    }), '1 to 3 resolvers, one per line, asked in order: address, or address:port (port 53 when left out; '
      + 'IPv6 as [address]:port). UDP only.'),
    groupChoice('Distribution groups', 'groups', directory.groups, group?.groups || [],
      'Required: the peers of these groups use these nameservers.'),
    radios('Resolve', 'scope', [['all', 'All domains (primary nameserver)'], ['domains', 'Only match domains']],
      scope, show),
    el('small', { className: 'muted' }, 'Exactly one: primary for every name, or a list of match domains.'),
    domainsBox,
    checkbox('enabled', 'Enabled', group ? group.enabled : true));
  show(scope);
}

function readNameserverForm(form) {
  const fields = form.elements;
  const primary = form.querySelector('input[name="scope"]:checked')?.value !== 'domains';
  return {
    name: fields.name.value.trim(),
    description: fields.description.value,
    nameservers: parseNameservers(fields.nameservers.value),
    enabled: fields.enabled.checked,
    groups: checkedValues(form, 'groups'),
    primary,
    domains: primary ? [] : words(fields.domains.value),
    search_domains_enabled: primary ? false : fields.search_domains_enabled.checked,
  };
}

/** "198.18.0.53", "198.18.0.53:5353", "[2001:db8::53]:53" or a bare IPv6 address, one per line or comma. */
function parseNameservers(text) {
  return words(text).map((entry) => {
    const bracketed = entry.match(/^\[([^\]]+)\](?::(\d+))?$/);
    if (bracketed) {
      return { ip: bracketed[1], ns_type: 'udp', port: bracketed[2] ? Number(bracketed[2]) : DEFAULT_DNS_PORT };
    }
    const withPort = entry.match(/^([^:]+):(\d+)$/);
    if (withPort) {
      return { ip: withPort[1], ns_type: 'udp', port: Number(withPort[2]) };
    }
    if (entry.includes(':') && !/^[0-9a-fA-F:.]+$/.test(entry)) {
      throw new Error(`"${entry}" is neither address nor address:port`);
    }
    return { ip: entry, ns_type: 'udp', port: DEFAULT_DNS_PORT };
  });
}

function buildRecordForm(form, zone, record) {
  const contentHint = el('small', { id: `record-content-hint-${zone.id}` });
  const type = el('select', { name: 'type' }, RECORD_TYPES.map((value) => el('option', {
    value, selected: value === (record?.type || 'A'),
  }, value)));
  const content = el('input', { name: 'content', value: record?.content || '', required: true, autocomplete: 'off' });
  content.setAttribute('aria-describedby', contentHint.id);
  const describe = () => {
    const [hint, example] = {
      A: ['An IPv4 address', '198.18.0.10'],
      AAAA: ['An IPv6 address', '2001:db8::10'],
      CNAME: ['The name this one is an alias of (no loops)', `host.${zone.domain}`],
    }[type.value];
    fill(contentHint, `${hint}, e.g. ${example}.`);
    content.placeholder = example;
  };
  type.addEventListener('change', describe);
  const contentField = field('Content', content);
  contentField.append(contentHint);
  form.append(
    field('Name', el('input', {
      name: 'name', value: record?.name || '', required: true, autocomplete: 'off', placeholder: `host.${zone.domain}`,
    }), `The full name, inside ${zone.domain} (e.g. host.${zone.domain} or *.${zone.domain}). A CNAME must be the `
      + 'only record of its name.'),
    field('Type', type),
    contentField,
    field('TTL (seconds)', el('input', { name: 'ttl', type: 'number', min: 0, value: record?.ttl ?? 300, required: true }),
      'How long resolvers may cache the answer.'));
  describe();
}
