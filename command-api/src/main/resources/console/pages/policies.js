// Access control: the account's policies and their rules (sources → destinations, protocol, ports, direction).
// Admins create and edit them in #/policies/new and #/policies/<policyId>, and enable, disable or delete them
// after seeing what that would change.
import { el, fill, heading, button, table, badge, toast, stylesheet } from '../ui.js';
import { previewedDialog } from './policies-dry-run.js';
import { renderEditor } from './policies-editor.js';

export function canChange(me) {
  return me?.role === 'owner' || me?.role === 'admin';
}

export async function render(view, ctx) {
  stylesheet('/console/pages/policies.css');
  if (ctx.rest && canChange(ctx.me)) {
    await renderEditor(view, ctx, ctx.rest === 'new' ? null : decodeURIComponent(ctx.rest));
    return;
  }
  await renderList(view, ctx);
}

/** A policy as it came from the server, in the body PUT /api/policies/{id} takes (rules keep their ids). */
export function policyRequest(policy, changes = {}) {
  return {
    name: policy.name,
    description: policy.description || '',
    enabled: policy.enabled,
    source_posture_checks: [],
    rules: policy.rules.map(ruleRequest),
    ...changes,
  };
}

export function ruleRequest(rule) {
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description || '',
    enabled: rule.enabled,
    action: rule.action || 'accept',
    bidirectional: rule.bidirectional,
    protocol: rule.protocol,
    ports: rule.ports || undefined,
    port_ranges: rule.port_ranges || undefined,
    sources: (rule.sources || []).map((group) => group.id),
    destinations: (rule.destinations || []).map((group) => group.id),
  };
}

/** "22, 443" or "8000-8100, 9000": the rule's ports as an admin types them; empty for all ports. */
export function portsText(rule) {
  if (rule.ports?.length) {
    return rule.ports.join(', ');
  }
  return (rule.port_ranges || []).map((range) => (range.start === range.end
    ? String(range.start) : `${range.start}-${range.end}`)).join(', ');
}

async function renderList(view, ctx) {
  const { api, me } = ctx;
  const editable = canChange(me);
  const policies = await api.get('/api/policies');
  const refresh = () => renderList(view, ctx);
  const columns = [
    { title: 'Policy', cell: (policy) => [el('strong', {}, policy.name),
      policy.description ? el('div', { className: 'muted' }, policy.description) : null] },
    { title: 'Status', cell: (policy) => (policy.enabled ? badge('enabled', 'ok') : badge('disabled', 'warn')) },
    { title: 'Rules', cell: (policy) => el('ul', { className: 'rules' }, policy.rules.map(ruleSummary)) },
  ];
  if (editable) {
    columns.push({ title: 'Actions', cell: (policy) => actions(policy, ctx, refresh) });
  }
  const wrap = table('Access control policies', columns, policies, 'policy-row');
  fill(view,
    heading('Access control', editable
      ? el('a', { href: '#/policies/new', className: 'button primary', 'data-test': 'new-policy' }, 'New policy')
      : null),
    el('p', { className: 'muted' }, 'Access is denied unless a policy allows it. A rule lets the peers of its '
      + 'source groups start connections to the peers of its destination groups; a bidirectional rule also the '
      + 'other way round.'),
    wrap);
}

/** One rule in a sentence: groups, direction, protocol, ports. */
export function ruleSummary(rule) {
  const groups = (list) => (list?.length ? list.map((group) => badge(group.name)) : el('span', { className: 'muted' }, 'none'));
  const ports = portsText(rule);
  return el('li', { 'data-test': 'policy-rule' },
    el('span', { className: 'rule-groups' }, groups(rule.sources)),
    el('span', { className: 'direction', title: rule.bidirectional ? 'both ways' : 'one way' },
      rule.bidirectional ? ' ⇄ ' : ' → '),
    el('span', { className: 'rule-groups' }, groups(rule.destinations)),
    el('span', { className: 'rule-traffic' }, ` ${rule.protocol === 'all' ? 'all protocols' : rule.protocol.toUpperCase()}`,
      ports ? ` ports ${ports}` : (rule.protocol === 'tcp' || rule.protocol === 'udp' ? ' all ports' : ''),
      rule.bidirectional ? ', both ways' : ', one way'),
    rule.enabled ? null : [' ', badge('rule disabled', 'warn')]);
}

function actions(policy, { api }, refresh) {
  const path = `/api/policies/${encodeURIComponent(policy.id)}`;
  const toggle = () => previewedDialog(api, {
    title: `${policy.enabled ? 'Disable' : 'Enable'} "${policy.name}"?`,
    message: el('p', {}, policy.enabled
      ? 'Its rules stop allowing traffic as soon as the peers get their new maps.'
      : 'Its rules start allowing traffic as soon as the peers get their new maps.'),
    changes: [{ op: 'update_policy', id: policy.id, policy: policyRequest(policy, { enabled: !policy.enabled }) }],
    submitText: policy.enabled ? 'Disable' : 'Enable',
    act: () => api.put(path, policyRequest(policy, { enabled: !policy.enabled })),
  }).then((done) => {
    if (done) {
      toast(`Policy "${policy.name}" ${policy.enabled ? 'disabled' : 'enabled'}.`);
      refresh();
    }
  });
  const remove = () => previewedDialog(api, {
    title: `Delete "${policy.name}"?`,
    message: el('p', {}, 'The policy and its rules go; the access they allowed ends.'),
    changes: [{ op: 'delete_policy', id: policy.id }],
    submitText: 'Delete',
    act: () => api.delete(path).then(() => true),
  }).then((done) => {
    if (done) {
      toast(`Policy "${policy.name}" deleted.`);
      refresh();
    }
  });
  return el('div', { className: 'row-actions' },
    el('a', { href: `#/policies/${encodeURIComponent(policy.id)}`, className: 'button', 'data-test': 'edit-policy' }, 'Edit'),
    button(policy.enabled ? 'Disable' : 'Enable', toggle, { 'data-test': 'toggle-policy' }),
    button('Delete', remove, { className: 'danger', 'data-test': 'delete-policy' }));
}
