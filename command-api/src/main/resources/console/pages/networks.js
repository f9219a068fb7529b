// Networks (NetBird's /api/networks): named sets of resources (hosts and subnets) reached through routers.
// Default-deny: a resource is reachable only by the sources of enabled policies that target one of its groups.
import { el, fill, heading, button, dialog, field, toast, badge, checkedValues, table } from '../ui.js';
import {
  canChange, loadDirectory, groupBadges, stateBadge, yesNo, groupChoice, checkbox, wholeNumber,
  loadProblem, routingPeerChoice, opsStyles, count,
} from './ops-shared.js';

export async function render(view, ctx) {
  opsStyles();
  const { api, me, rest } = ctx;
  const admin = canChange(me);
  const list = el('div', { dataset: { test: 'networks-list' }, 'aria-live': 'polite' },
    el('p', { className: 'muted' }, 'Loading networks…'));
  let directory;

  const load = async () => {
    try {
      const [dir, networks] = await Promise.all([loadDirectory(api), api.get('/api/networks')]);
      directory = dir;
      networks.sort((a, b) => a.name.localeCompare(b.name));
      const details = await Promise.all(networks.map(async (network) => {
        const base = `/api/networks/${encodeURIComponent(network.id)}`;
        const [resources, routers] = await Promise.all([api.get(`${base}/resources`), api.get(`${base}/routers`)]);
        return { network, resources, routers };
      }));
      fill(list, details.length === 0
        ? el('p', { className: 'muted' }, 'No networks yet.'
          + (admin ? ' Add one, then its resources and a router that reaches them.' : ''))
        : details.map(section));
      if (rest) {
        // #/networks/<id> deep-links to one network.
        list.querySelector(`[data-id="${CSS.escape(decodeURIComponent(rest))}"]`)?.scrollIntoView({ block: 'start' });
      }
    } catch (error) {
      fill(list, loadProblem('Networks', error));
    }
  };

  const save = async (title, build, send, done) => {
    let context;
    const saved = await dialog(title, (form) => { context = build(form); }, (form) => send(form, context));
    if (saved) {
      toast(done);
      await load();
    }
  };

  const confirmDelete = async (title, message, path, done) => {
    const deleted = await dialog(title, (form) => form.append(el('p', {}, message)), () => api.delete(path),
      { submitText: 'Delete' });
    if (deleted) {
      toast(done);
      await load();
    }
  };

  const editNetwork = (network) => save(network ? `Edit network ${network.name}` : 'Add network',
    (form) => form.append(
      field('Name', el('input', { name: 'name', value: network?.name || '', required: true, autocomplete: 'off' })),
      field('Description', el('textarea', { name: 'description', rows: 2, value: network?.description || '' }))),
    (form) => {
      const body = { name: form.elements.name.value.trim(), description: form.elements.description.value };
      return network ? api.put(`/api/networks/${encodeURIComponent(network.id)}`, body)
        : api.post('/api/networks', body);
    }, network ? 'Network saved.' : 'Network added.');

  const editResource = (network, resource) => save(
    resource ? `Edit resource ${resource.name}` : `Add a resource to ${network.name}`,
    (form) => form.append(
      field('Name', el('input', { name: 'name', value: resource?.name || '', required: true, autocomplete: 'off' })),
      field('Description', el('textarea', { name: 'description', rows: 2, value: resource?.description || '' })),
      field('Address', el('input', {
        name: 'address', value: resource?.address || '', required: true, placeholder: '10.1.2.3 or 10.1.0.0/16',
        autocomplete: 'off',
      }), 'An IPv4 host (10.1.2.3) or subnet without host bits (10.1.0.0/16). Domain and IPv6 resources are not '
        + 'supported by this server yet.'),
      groupChoice('Groups', 'groups', directory.groups, (resource?.groups || []).map((group) => group.id),
        'Policies name these groups as destinations: a resource in no group of an enabled policy is reachable by '
        + 'nobody.'),
      checkbox('enabled', 'Enabled', resource ? resource.enabled : true)),
    (form) => {
      const body = {
        name: form.elements.name.value.trim(),
        description: form.elements.description.value,
        address: form.elements.address.value.trim(),
        groups: checkedValues(form, 'groups'),
        enabled: form.elements.enabled.checked,
      };
      const base = `/api/networks/${encodeURIComponent(network.id)}/resources`;
      return resource ? api.put(`${base}/${encodeURIComponent(resource.id)}`, body) : api.post(base, body);
    }, resource ? 'Resource saved.' : 'Resource added.');

  const editRouter = (network, router) => save(
    router ? `Edit router of ${network.name}` : `Add a router to ${network.name}`,
    (form) => {
      const routing = routingPeerChoice(directory, router, 'router');
      form.append(routing.box,
        field('Metric', el('input', {
          name: 'metric', type: 'number', min: 1, max: 9999, value: router?.metric ?? 9999, required: true,
        }), '1 to 9999; when several routers serve the network, the lowest metric wins.'),
        checkbox('masquerade', 'Masquerade', router ? router.masquerade : true,
          'The router hides clients behind its own address, so the network needs no route back.'),
        checkbox('enabled', 'Enabled', router ? router.enabled : true));
      return routing;
    },
    (form, routing) => {
      const body = {
        ...routing.read(form),
        metric: wholeNumber(form.elements.metric.value, 'Metric'),
        masquerade: form.elements.masquerade.checked,
        enabled: form.elements.enabled.checked,
      };
      const base = `/api/networks/${encodeURIComponent(network.id)}/routers`;
      return router ? api.put(`${base}/${encodeURIComponent(router.id)}`, body) : api.post(base, body);
    }, router ? 'Router saved.' : 'Router added.');

  const routerName = (r) => (r.peer ? directory.peerName(r.peer)
    : `of groups ${r.peer_groups.map((id) => directory.groupName(id)).join(', ')}`);

  const section = ({ network, resources, routers }) => {
    const base = `/api/networks/${encodeURIComponent(network.id)}`;
    const resourceColumns = [
      { title: 'Name', cell: (r) => [el('strong', {}, r.name),
        r.description ? el('span', { className: 'cell-sub' }, r.description) : null] },
      { title: 'Address', cell: (r) => el('span', { className: 'mono' }, r.address) },
      { title: 'Type', cell: (r) => r.type },
      { title: 'Groups', cell: (r) => groupBadges(r.groups.map((group) => group.id), directory) },
      { title: 'Status', cell: (r) => stateBadge(r.enabled) },
      ...(admin ? [{ title: 'Actions', cell: (r) => el('div', { className: 'row-actions' },
        button('Edit', () => editResource(network, r), { dataset: { test: 'edit-resource' }, 'aria-label': `Edit ${r.name}` }),
        button('Delete', () => confirmDelete(`Delete resource ${r.name}?`,
          `Nobody reaches ${r.address} through ${network.name} any more.`,
          `${base}/resources/${encodeURIComponent(r.id)}`, 'Resource deleted.'),
        { className: 'danger', dataset: { test: 'delete-resource' }, 'aria-label': `Delete ${r.name}` })) }] : []),
    ];
    const routerColumns = [
      { title: 'Routed by', cell: (r) => (r.peer ? directory.peerName(r.peer)
        : [el('span', { className: 'cell-sub' }, 'peer groups'), groupBadges(r.peer_groups, directory)]) },
      { title: 'Metric', cell: (r) => String(r.metric) },
      { title: 'Masquerade', cell: (r) => yesNo(r.masquerade) },
      { title: 'Status', cell: (r) => stateBadge(r.enabled) },
      ...(admin ? [{ title: 'Actions', cell: (r) => el('div', { className: 'row-actions' },
        button('Edit', () => editRouter(network, r), {
          dataset: { test: 'edit-router' }, 'aria-label': `Edit router ${routerName(r)}`,
        }),
        button('Delete', () => confirmDelete('Delete this router?',
          `Its peers stop forwarding to the resources of ${network.name}.`,
          `${base}/routers/${encodeURIComponent(r.id)}`, 'Router deleted.'),
        { className: 'danger', dataset: { test: 'delete-router' }, 'aria-label': `Delete router ${routerName(r)}` })) }]
        : []),
    ];
    const headingId = `network-${network.id}`;
    return el('section', {
      className: 'panel', dataset: { test: 'network-row', id: network.id }, 'aria-labelledby': headingId,
    },
    el('div', { className: 'section-head' },
      el('h2', { id: headingId }, network.name),
      admin ? el('div', { className: 'actions' },
        button('Edit', () => editNetwork(network), { dataset: { test: 'edit-network' }, 'aria-label': `Edit ${network.name}` }),
        button('Delete', () => confirmDelete(`Delete network ${network.name}?`,
          'Its resources and routers go with it; peers lose their way to them.', base, 'Network deleted.'),
        { className: 'danger', dataset: { test: 'delete-network' }, 'aria-label': `Delete ${network.name}` }))
        : null),
    network.description ? el('p', {}, network.description) : null,
    el('p', { className: 'muted' },
      `${count(resources.length, 'resource')} · ${count(routers.length, 'router')} · `
      + `${count(network.routing_peers_count, 'routing peer')} · `
      + `${count(network.policies.length, 'policy', 'policies')} reaching it `,
      network.policies.length === 0 && resources.length > 0
        ? badge('no policy reaches its resources: nobody can use them', 'warn') : null,
      routers.length === 0 && resources.length > 0 ? badge('no router: its resources are unreachable', 'warn') : null),
    el('div', { className: 'section-head' }, el('h3', {}, 'Resources'),
      admin ? el('div', { className: 'actions' }, button('Add resource', () => editResource(network, null),
        { dataset: { test: 'new-resource' }, 'aria-label': `Add a resource to ${network.name}` })) : null),
    table(`Resources of ${network.name}`, resourceColumns, resources, 'resource-row'),
    el('div', { className: 'section-head' }, el('h3', {}, 'Routers'),
      admin ? el('div', { className: 'actions' }, button('Add router', () => editRouter(network, null),
        { dataset: { test: 'new-router' }, 'aria-label': `Add a router to ${network.name}` })) : null),
    table(`Routers of ${network.name}`, routerColumns, routers, 'router-row'));
  };

  fill(view,
    heading('Networks', admin ? button('Add network', () => editNetwork(null), {
      className: 'primary', dataset: { test: 'new-network' },
    }) : null),
    el('p', { className: 'muted' }, 'A network holds resources (hosts and subnets) and the routers that reach them. '
      + 'Access is denied until a policy names one of a resource\'s groups as its destination.'),
    admin ? null : el('p', { className: 'muted' }, 'You can look at networks; only owners and admins change them.'),
    list);
  await load();
}
