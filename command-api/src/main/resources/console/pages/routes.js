// Network routes (NetBird's /api/routes): prefixes reachable through routing peers, handed to the peers of the
// distribution groups, optionally filtered on the routing peer by access control groups.
import { el, fill, heading, button, dialog, field, toast, checkedValues, table } from '../ui.js';
import {
  canChange, loadDirectory, groupBadges, stateBadge, yesNo, groupChoice, checkbox, radios, words, wholeNumber,
  loadProblem, routingPeerChoice, opsStyles,
} from './ops-shared.js';

const EXIT_NODE = '0.0.0.0/0';

export async function render(view, ctx) {
  opsStyles();
  const { api, me, params, signal } = ctx;
  const admin = canChange(me);
  const list = el('div', { dataset: { test: 'routes-list' }, 'aria-live': 'polite' }, el('p', { className: 'muted' },
    'Loading routes…'));
  const filter = el('input', { type: 'search', name: 'q', value: params.get('q') || '', dataset: { test: 'route-filter' } });
  let directory;
  let routes = [];

  const draw = () => {
    const needle = filter.value.trim().toLowerCase();
    const shown = needle ? routes.filter((route) => searchText(route, directory).includes(needle)) : routes;
    fill(list, table('Network routes', columns(), shown, 'route-row'),
      el('p', { className: 'muted' }, `${shown.length} of ${routes.length} routes`));
  };

  const load = async () => {
    try {
      [directory, routes] = await Promise.all([loadDirectory(api), api.get('/api/routes')]);
      routes.sort((a, b) => a.network_id.localeCompare(b.network_id) || a.network.localeCompare(b.network));
      draw();
    } catch (error) {
      fill(list, loadProblem('Routes', error));
    }
  };

  const edit = async (route) => {
    let routing;
    const saved = await dialog(route ? `Edit route ${route.network_id}` : 'Add route',
      (form) => { routing = buildForm(form, directory, route); },
      (form) => {
        const body = readForm(form, routing);
        return route ? api.put(`/api/routes/${encodeURIComponent(route.id)}`, body) : api.post('/api/routes', body);
      });
    if (saved) {
      toast(route ? 'Route saved.' : 'Route added.');
      await load();
    }
  };

  const toggle = async (route) => {
    try {
      await api.put(`/api/routes/${encodeURIComponent(route.id)}`, requestOf(route, { enabled: !route.enabled }));
      toast(route.enabled ? `Route ${route.network_id} disabled.` : `Route ${route.network_id} enabled.`);
    } catch (error) {
      toast(`Route ${route.network_id} could not be changed: ${error.message}`, 'error');
    }
    await load();
  };

  const remove = async (route) => {
    const done = await dialog(`Delete route ${route.network_id}?`,
      (form) => form.append(el('p', {}, `Peers in its distribution groups lose their route to ${route.network}.`)),
      () => api.delete(`/api/routes/${encodeURIComponent(route.id)}`), { submitText: 'Delete' });
    if (done) {
      toast('Route deleted.');
      await load();
    }
  };

  const columns = () => [
    { title: 'Network identifier', cell: (route) => [el('strong', {}, route.network_id),
      route.description ? el('span', { className: 'cell-sub' }, route.description) : null] },
    { title: 'Network / domains', cell: (route) => [el('span', { className: 'mono' }, route.network || '—'),
      route.domains?.length ? el('span', { className: 'cell-sub' }, route.domains.join(', ')) : null,
      route.network === EXIT_NODE ? el('span', { className: 'cell-sub' }, 'exit node') : null] },
    { title: 'Routed by', cell: (route) => (route.peer
      ? directory.peerName(route.peer)
      : [el('span', { className: 'cell-sub' }, 'peer groups'), groupBadges(route.peer_groups, directory)]) },
    { title: 'Metric', cell: (route) => String(route.metric) },
    { title: 'Masquerade', cell: (route) => yesNo(route.masquerade) },
    { title: 'Distribution groups', cell: (route) => groupBadges(route.groups, directory) },
    { title: 'Access control groups', cell: (route) => groupBadges(route.access_control_groups, directory) },
    { title: 'Status', cell: (route) => stateBadge(route.enabled) },
    ...(admin ? [{ title: 'Actions', cell: (route) => el('div', { className: 'row-actions' },
      button('Edit', () => edit(route), { dataset: { test: 'edit-route' }, 'aria-label': `Edit ${route.network_id}` }),
      button(route.enabled ? 'Disable' : 'Enable', () => toggle(route),
        { dataset: { test: 'toggle-route' }, 'aria-label': `${route.enabled ? 'Disable' : 'Enable'} ${route.network_id}` }),
      button('Delete', () => remove(route), {
        className: 'danger', dataset: { test: 'delete-route' }, 'aria-label': `Delete ${route.network_id}`,
      })) }] : []),
  ];

  filter.addEventListener('input', () => {
    const query = filter.value.trim();
    history.replaceState(null, '', query ? `#/routes?q=${encodeURIComponent(query)}` : '#/routes');
    if (directory) {
      draw();
    }
  }, { signal });

  fill(view,
    heading('Network routes', admin ? button('Add route', () => edit(null), {
      className: 'primary', dataset: { test: 'new-route' },
    }) : null),
    el('p', { className: 'muted' }, 'Routes let peers reach networks behind a routing peer: the peers of the '
      + 'distribution groups receive the route; the routing peer forwards their traffic.'),
    admin ? null : el('p', { className: 'muted' }, 'You can look at routes; only owners and admins change them.'),
    el('div', { className: 'toolbar' }, field('Filter routes', filter, 'Identifier, network, peer or group.')),
    list);
  await load();
}

/** Everything a route row can be found by, lowercased once per drawing. */
function searchText(route, directory) {
  return [route.network_id, route.description, route.network, ...(route.domains || []),
    route.peer ? directory.peerName(route.peer) : '',
    ...[...(route.peer_groups || []), ...route.groups, ...(route.access_control_groups || [])]
      .map((id) => directory.groupName(id))].join(' ').toLowerCase();
}

/** The route as a RouteRequest (PUT replaces the whole route), with some fields changed. */
function requestOf(route, changes) {
  return {
    network_id: route.network_id,
    description: route.description ?? '',
    enabled: route.enabled,
    peer: route.peer || undefined,
    peer_groups: route.peer ? undefined : route.peer_groups,
    network: route.network || undefined,
    domains: route.network ? undefined : route.domains,
    metric: route.metric,
    masquerade: route.masquerade,
    groups: route.groups,
    keep_route: route.keep_route,
    access_control_groups: route.access_control_groups || [],
    skip_auto_apply: route.skip_auto_apply,
    ...changes,
  };
}

function buildForm(form, directory, route) {
  const usesDomains = Boolean(route?.domains?.length) && !route?.network;
  const networkField = field('Network range', el('input', {
    name: 'network', value: route?.network || '', placeholder: '10.20.0.0/16', autocomplete: 'off',
  }), 'IPv4 prefix in CIDR form without host bits (10.1.0.0/16, not 10.1.2.3/16); 0.0.0.0/0 makes the routing '
    + 'peer an exit node. It must not overlap the account\'s overlay network.');
  const domainsField = field('Domains', el('textarea', {
    name: 'domains', rows: 3, value: (route?.domains || []).join('\n'),
  }), 'One domain per line. This server does not route domains yet and will refuse them: use a network range.');
  const showDestination = (mode) => {
    networkField.hidden = mode !== 'network';
    domainsField.hidden = mode !== 'domains';
  };
  const routing = routingPeerChoice(directory, route, 'route');
  form.append(
    field('Network identifier', el('input', {
      name: 'network_id', value: route?.network_id || '', required: true, maxlength: 40, autocomplete: 'off',
    }), '1 to 40 characters; routes with the same identifier are alternatives for the same network (high '
      + 'availability).'),
    field('Description', el('textarea', { name: 'description', rows: 2, value: route?.description || '' })),
    radios('Destination', 'destination', [['network', 'Network range'], ['domains', 'Domains']],
      usesDomains ? 'domains' : 'network', showDestination),
    el('small', { className: 'muted' }, 'Exactly one: a network range or domains, never both.'),
    networkField, domainsField,
    routing.box,
    groupChoice('Distribution groups', 'groups', directory.groups, route?.groups || [],
      'Required: the peers of these groups receive the route.'),
    groupChoice('Access control groups', 'acg', directory.groups, route?.access_control_groups || [],
      'Optional: the routing peer admits only traffic that policies allow to these groups.'),
    field('Metric', el('input', {
      name: 'metric', type: 'number', min: 1, max: 9999, value: route?.metric ?? 9999, required: true,
    }), '1 to 9999; among routes to the same network, the lowest metric wins.'),
    checkbox('masquerade', 'Masquerade', route ? route.masquerade : true,
      'The routing peer hides the clients behind its own address, so the network needs no route back.'),
    checkbox('keep_route', 'Keep route', route ? route.keep_route : true,
      'Clients keep the route installed while the routing peer is briefly unreachable.'),
    checkbox('skip_auto_apply', 'Do not apply automatically', route?.skip_auto_apply,
      'For exit nodes: clients offer the route but only use it when the person selects it.'),
    checkbox('enabled', 'Enabled', route ? route.enabled : true));
  showDestination(usesDomains ? 'domains' : 'network');
  return routing;
}

function readForm(form, routing) {
  const fields = form.elements;
  const destination = form.querySelector('input[name="destination"]:checked')?.value;
  return {
    network_id: fields.network_id.value.trim(),
    description: fields.description.value,
    enabled: fields.enabled.checked,
    ...routing.read(form),
    ...(destination === 'domains' ? { domains: words(fields.domains.value) } : { network: fields.network.value.trim() }),
    metric: wholeNumber(fields.metric.value, 'Metric'),
    masquerade: fields.masquerade.checked,
    groups: checkedValues(form, 'groups'),
    keep_route: fields.keep_route.checked,
    access_control_groups: checkedValues(form, 'acg'),
    skip_auto_apply: fields.skip_auto_apply.checked,
  };
}
