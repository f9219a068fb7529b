// The policy editor (#/policies/new, #/policies/<policyId>): one rule's groups, protocol, ports and direction,
// with a dry-run panel that shows, before saving, the peer pairs the policy would let talk or cut off.
import { el, fill, heading, button, field, toast } from '../ui.js';
import { keepEnterFromSubmitting } from './groups-members.js';
import { dryRun, showResult, showRefusal } from './policies-dry-run.js';
import { portsText, ruleRequest } from './policies.js';

/** Quiet time after the last keystroke before the preview asks the server again. */
const PREVIEW_DELAY_MS = 600;

const PROTOCOLS = [['all', 'All'], ['tcp', 'TCP'], ['udp', 'UDP'], ['icmp', 'ICMP']];

export async function renderEditor(view, ctx, policyId) {
  const { api, signal } = ctx;
  const [groups, policy] = await Promise.all([
    api.get('/api/groups'),
    policyId ? api.get(`/api/policies/${encodeURIComponent(policyId)}`) : Promise.resolve(null),
  ]);
  groups.sort((a, b) => a.name.localeCompare(b.name));
  const rule = policy?.rules[0] || null;
  const otherRules = policy ? policy.rules.slice(1) : [];

  const form = el('form', { className: 'policy-form', 'data-test': 'policy-form', novalidate: true });
  const problem = el('p', { className: 'problem', role: 'alert', 'data-test': 'policy-error' });
  const panel = el('div', { 'data-test': 'dry-run-result' });
  const ports = el('input', { name: 'ports', value: rule ? portsText(rule) : '', autocomplete: 'off',
    placeholder: 'e.g. 22, 443, 8000-8100', 'data-test': 'ports' });
  const protocol = el('select', { name: 'protocol', 'data-test': 'protocol' },
    PROTOCOLS.map(([value, text]) => el('option', { value, selected: (rule?.protocol || 'all') === value }, text)));

  form.append(
    field('Name', el('input', { name: 'name', required: true, maxlength: 255, autocomplete: 'off',
      value: policy?.name || '', 'data-test': 'policy-name' })),
    field('Description', el('textarea', { name: 'description', rows: 2, 'data-test': 'policy-description' },
      policy?.description || '')),
    el('label', { className: 'check' }, el('input', { type: 'checkbox', name: 'enabled', 'data-test': 'policy-enabled',
      checked: policy ? policy.enabled : true }), ' Enabled'),
    groupChooser('Source groups', 'sources', groups, rule?.sources),
    groupChooser('Destination groups', 'destinations', groups, rule?.destinations),
    field('Protocol', protocol),
    field('Ports', ports, 'TCP and UDP only: single ports and ranges separated by commas; empty means all ports.'),
    el('label', { className: 'check' }, el('input', { type: 'checkbox', name: 'bidirectional',
      'data-test': 'bidirectional', checked: rule ? rule.bidirectional : true }),
    ' Bidirectional: destinations may also start connections to sources'),
    // Native append would write "null": an empty element stands in when there is nothing to say.
    el('p', { className: 'muted' }, otherRules.length ? `This policy has ${otherRules.length} more `
      + `${otherRules.length === 1 ? 'rule' : 'rules'}; saving keeps them as they are.` : null),
    el('p', { className: 'muted', 'data-test': 'rule-disabled' }, rule && !rule.enabled
      ? 'This rule itself is disabled (set through the API): it allows nothing while the policy is enabled.' : null),
    problem,
    el('div', { className: 'actions' },
      el('button', { type: 'submit', className: 'primary', 'data-test': 'save-policy' }, policy ? 'Save policy' : 'Create policy'),
      button('Preview', () => preview(), { 'data-test': 'preview' }),
      el('a', { href: '#/policies', className: 'button' }, 'Cancel')));

  const portsUsable = () => {
    ports.disabled = !['tcp', 'udp'].includes(protocol.value);
  };
  protocol.addEventListener('change', portsUsable);
  portsUsable();

  /** The body of POST/PUT /api/policies from the form; throws on ports the admin typed wrongly. */
  const request = () => {
    const name = form.elements.name.value.trim();
    const description = form.elements.description.value;
    const enabled = form.elements.enabled.checked;
    const edited = {
      id: rule?.id,
      name,
      description,
      // The policy's switch is the form's; a rule someone disabled through the API stays disabled.
      enabled: rule ? rule.enabled : true,
      action: 'accept',
      bidirectional: form.elements.bidirectional.checked,
      protocol: protocol.value,
      sources: checked(form, 'sources'),
      destinations: checked(form, 'destinations'),
      ...(ports.disabled ? {} : parsePorts(ports.value)),
    };
    return { name, description, enabled, source_posture_checks: [], rules: [edited, ...otherRules.map(ruleRequest)] };
  };

  let asked = 0;
  let timer;
  const preview = async () => {
    clearTimeout(timer);
    const mine = ++asked;
    let body;
    try {
      body = request();
    } catch (error) {
      showRefusal(panel, error);
      return;
    }
    if (!body.rules[0].sources.length || !body.rules[0].destinations.length) {
      fill(panel, el('p', { className: 'muted' }, 'Choose at least one source and one destination group to see '
        + 'what the policy would allow.'));
      return;
    }
    // The name is checked by Save; an empty one must not hide what the rule would do.
    const previewed = { ...body, name: body.name || 'unnamed policy' };
    fill(panel, el('p', { className: 'muted' }, 'Computing…'));
    try {
      const result = await dryRun(api, [policy
        ? { op: 'update_policy', id: policy.id, policy: previewed }
        : { op: 'create_policy', policy: previewed }]);
      if (mine === asked && !signal.aborted) {
        showResult(panel, result);
      }
    } catch (error) {
      if (mine === asked && !signal.aborted) {
        showRefusal(panel, error);
      }
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(preview, PREVIEW_DELAY_MS);
  };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  signal.addEventListener('abort', () => clearTimeout(timer));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fill(problem);
    try {
      const body = request();
      if (!body.name) {
        throw new Error('The policy needs a name.');
      }
      const saved = policy
        ? await api.put(`/api/policies/${encodeURIComponent(policy.id)}`, body)
        : await api.post('/api/policies', body);
      toast(`Policy "${saved.name}" saved.`);
      location.hash = '#/policies';
    } catch (error) {
      fill(problem, error.message || String(error));
    }
  });

  fill(view,
    heading(policy ? `Edit policy "${policy.name}"` : 'New policy'),
    el('div', { className: 'editor-grid' },
      el('section', { className: 'panel', 'aria-label': 'Policy' }, form),
      el('section', { className: 'panel dry-run', 'data-test': 'dry-run', 'aria-live': 'polite',
        'aria-labelledby': 'dry-run-title' },
      el('h2', { id: 'dry-run-title' }, 'What saving would change'),
      el('p', { className: 'muted' }, 'Computed by the server from the peers and groups as they are now; nothing is '
        + 'saved until you press Save.'),
      panel)));
  preview();
}

/** A filterable list of group checkboxes named `name`; groups are few enough to draw them all. */
function groupChooser(legend, name, groups, chosen) {
  const picked = new Set((chosen || []).map((group) => group.id));
  const filter = el('input', { type: 'search', 'aria-label': `Filter ${legend.toLowerCase()}`, placeholder: 'Filter',
    'data-test': `${name}-filter` });
  const options = groups.map((group) => el('label', { dataset: { name: group.name.toLowerCase() } },
    el('input', { type: 'checkbox', name, value: group.id, checked: picked.has(group.id) }),
    ` ${group.name} `, el('span', { className: 'muted' }, `(${group.peers_count} peers)`)));
  filter.addEventListener('input', () => {
    const wanted = filter.value.trim().toLowerCase();
    options.forEach((option) => {
      option.hidden = Boolean(wanted) && !option.dataset.name.includes(wanted);
    });
  });
  // The filter must not count as a change of the policy.
  filter.addEventListener('input', (event) => event.stopPropagation());
  filter.addEventListener('change', (event) => event.stopPropagation());
  keepEnterFromSubmitting(filter);
  return el('fieldset', { className: 'picker', 'data-test': name },
    el('legend', {}, legend), groups.length > 8 ? filter : null,
    groups.length ? options : el('p', { className: 'muted' }, 'No groups yet: create one on the Groups page.'));
}

function checked(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
}

/**
 * "22, 443" → ports; anything with a range → port_ranges for every entry (NetBird takes one or the other).
 * Only the shape is checked here: the server says which numbers it refuses.
 */
export function parsePorts(text) {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  const ranges = entries.map((entry) => {
    const match = entry.match(/^(\d+)(?:-(\d+))?$/);
    if (!match) {
      throw new Error(`"${entry}" is not a port or a range such as 8000-8100`);
    }
    return { start: Number(match[1]), end: Number(match[2] ?? match[1]), range: match[2] !== undefined };
  });
  if (ranges.some((range) => range.range)) {
    return { port_ranges: ranges.map(({ start, end }) => ({ start, end })) };
  }
  return ranges.length ? { ports: ranges.map(({ start }) => String(start)) } : {};
}
