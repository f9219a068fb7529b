// The network picture as the console draws it, shared by the picture page and the access history's time slider:
// a filter, the ECharts graph, a legend that does not rely on colour, the pairs behind a group link, and Explain.
import { el, fill, field, button, badge, stylesheet } from '../ui.js';
import { PATHS, prepare, view } from './picture-model.js';

const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.min.js';
const STYLES = '/console/pages/picture.css';
const SVG = 'http://www.w3.org/2000/svg';
/** Labels on every node up to this many; above it they show on hover, or they cover each other. */
const LABELLED = 70;

let echartsLoading;
const suggestions = new WeakMap();

/** ECharts' UMD build, loaded once by a <script> element (the CSP allows scripts of this origin only). */
export function loadEcharts() {
  if (!echartsLoading) {
    echartsLoading = new Promise((resolve, reject) => {
      if (window.echarts) {
        resolve(window.echarts);
        return;
      }
      const script = el('script', { src: ECHARTS });
      script.addEventListener('load', () => resolve(window.echarts));
      script.addEventListener('error', () => {
        echartsLoading = null;
        reject(new Error('The charting library could not be loaded; reload the page to try again.'));
      });
      document.head.append(script);
    });
  }
  return echartsLoading;
}

export function loadStyles() {
  stylesheet(STYLES);
}

/** "14 Mar 2026, 10:02:03 (2026-03-14T10:02:03Z)": the person's time and the exact instant the server uses. */
export function instantText(instant) {
  return `${new Date(instant).toLocaleString()} (${instant})`;
}

/** Who caused a cited event, as people say it: "alice (token ci of bob)", "the system". */
export function actorText(actor) {
  if (!actor) {
    return 'unknown';
  }
  if (actor.type === 'system') {
    return 'the system';
  }
  const name = actor.name || actor.id || actor.type;
  const kind = actor.type === 'user' ? '' : `${actor.type.replace('_', ' ')} `;
  const behalf = actor.on_behalf_of ? ` of ${actor.on_behalf_of.name || actor.on_behalf_of.id}` : '';
  return `${kind}${name}${behalf}`.trim();
}

/** "PolicyCreated by alice at <time>", with the event's position to find it in the export. */
export function citedText(event) {
  if (!event) {
    return 'no recorded event';
  }
  return `${event.kind} by ${actorText(event.actor)} at ${instantText(event.time)} (event #${event.position})`;
}

/**
 * A search field for one peer: a text input with the peers as suggestions ("name (address)"). resolve() gives the
 * chosen peer's id, or throws a message naming what matched nothing.
 */
export function peerField(label, peers, { name, test, hint, required = false } = {}) {
  // One list of suggestions per page's peers: thousands of options are built once, whatever the number of fields.
  let list = suggestions.get(peers);
  const fresh = !list;
  if (fresh) {
    list = el('datalist', { id: `peers-${Math.random().toString(36).slice(2, 9)}` },
      peers.map((peer) => el('option', { value: peerLabel(peer) })));
    suggestions.set(peers, list);
  }
  const input = el('input', { name, type: 'search', list: list.id, autocomplete: 'off', required,
    dataset: test ? { test } : undefined });
  const byLabel = new Map(peers.map((peer) => [peerLabel(peer), peer.id]));
  const byName = new Map();
  for (const peer of peers) {
    byName.set(peer.name, byName.has(peer.name) ? null : peer.id);
  }
  const ids = new Set(peers.map((peer) => peer.id));
  return {
    node: el('div', {}, field(label, input, hint || 'Type a name or address and pick a suggestion'),
      fresh ? list : null),
    input,
    resolve() {
      const text = input.value.trim();
      if (!text) {
        return null;
      }
      const id = byLabel.get(text) ?? (ids.has(text) ? text : byName.get(text));
      if (!id) {
        throw new Error(byName.get(text) === null ? `${label}: several peers are named ${text}; pick one with its`
          + ' address from the suggestions' : `${label}: no peer matches "${text}"`);
      }
      return id;
    },
    set(id) {
      const peer = peers.find((candidate) => candidate.id === id);
      input.value = peer ? peerLabel(peer) : id || '';
    },
  };
}

function peerLabel(peer) {
  return peer.ip ? `${peer.name} (${peer.ip})` : peer.name;
}

/**
 * The picture: call show(at) to draw the account at an instant (null: now). `filter` is {groups: [ids], search},
 * `onFilter(filter)` tells the page when the person changes it (for deep links).
 */
export class NetworkPicture {
  constructor({ api, signal, peers, groups, filter = {}, onFilter = () => {}, explainable = true }) {
    loadStyles();
    this.api = api;
    this.signal = signal;
    this.peers = peers;
    this.groups = groups;
    this.filter = { groups: filter.groups || [], search: filter.search || '', peers: filter.peers || [] };
    this.onFilter = onFilter;
    this.sequence = 0;
    this.at = null;
    this.prepared = null;
    this.summary = null;
    this.chart = null;

    this.atText = el('p', { className: 'picture-at', dataset: { test: 'picture-at' } });
    this.modeText = el('span', { dataset: { test: 'picture-mode' } });
    this.status = el('p', { className: 'picture-status', role: 'status', 'aria-live': 'polite' });
    this.notes = el('ul', { className: 'picture-notes' });
    this.problem = el('p', { className: 'problem', role: 'alert' });
    this.legend = el('div', { className: 'picture-legend', 'aria-label': 'Legend' });
    this.canvas = el('div', { className: 'chart picture-chart', role: 'img', dataset: { test: 'picture-chart' } });
    this.pairs = el('section', { className: 'panel picture-pairs', hidden: true, 'aria-live': 'polite',
      dataset: { test: 'picture-pairs' } });
    this.result = el('section', { className: 'panel explain-result', 'aria-live': 'polite', tabindex: '-1',
      dataset: { test: 'explain-result' } });
    this.element = el('div', { className: 'picture' },
      this.filterForm(), this.atText, el('p', { className: 'picture-mode' }, 'Drawing: ', this.modeText),
      this.status, this.problem, this.notes, this.legend, this.canvas, this.pairs,
      explainable ? this.explainForm() : null, this.result);
    this.result.hidden = true;

    const resize = () => this.chart?.resize();
    window.addEventListener('resize', resize, { signal });
    signal.addEventListener('abort', () => this.chart?.dispose(), { once: true });
  }

  /** Fetches the flows at `at` (an RFC 3339 string as the server wrote it, or null for now) and draws them. */
  async show(at, { peer = null } = {}) {
    const turn = ++this.sequence;
    fill(this.problem);
    fill(this.status, at ? 'Replaying the account’s history…' : 'Reading who may reach whom…');
    const query = new URLSearchParams();
    if (at) {
      query.set('at', at);
    }
    if (peer) {
      query.set('peer', peer);
    }
    const suffix = query.toString() ? `?${query}` : '';
    let reachability;
    try {
      [reachability] = await Promise.all([this.api.get(`/api/netloom/reachability${suffix}`), loadEcharts()]);
    } catch (error) {
      if (turn === this.sequence) {
        // No picture rather than the previous one under a heading that no longer fits it.
        this.chart?.clear();
        this.prepared = null;
        this.summary = null;
        fill(this.status);
        fill(this.atText);
        fill(this.modeText);
        fill(this.notes);
        fill(this.legend);
        this.pairs.hidden = true;
        fill(this.problem, error.message || String(error));
      }
      return false;
    }
    // A later show() (the slider moved on) has the last word.
    if (turn !== this.sequence || this.signal.aborted) {
      return false;
    }
    // Explain asks about the instant drawn, so it changes with the drawing, not with the request.
    this.at = at;
    this.scope = peer;
    this.prepared = prepare(this.peers, this.groups, reachability.flows, { live: !at, at });
    this.describeInstant(reachability);
    this.redraw();
    return true;
  }

  setFilter(filter) {
    this.filter = { ...this.filter, ...filter };
    this.syncFilterForm();
    if (this.prepared) {
      this.redraw();
    }
  }

  describeInstant(reachability) {
    const asOf = reachability.as_of ? ` Last change by then: ${citedText(reachability.as_of)}.` : '';
    const named = this.peers.find((candidate) => candidate.id === this.scope);
    const scope = this.scope ? ` Only the pairs of ${named ? named.name : this.scope} were asked for.` : '';
    fill(this.atText, this.at ? `As it was at ${instantText(reachability.at)}.${asOf}${scope}`
      : `Now (${instantText(reachability.at)}).${asOf}${scope}`);
  }

  redraw() {
    this.summary = view(this.prepared, { focusGroups: this.filter.groups, focusPeers: this.filter.peers,
      search: this.filter.search });
    const summary = this.summary;
    fill(this.modeText, summary.mode);
    fill(this.notes, summary.notes.map((note) => el('li', {}, note)));
    this.drawLegend(summary);
    this.drawChart(summary);
    this.pairs.hidden = true;
    const shown = summary.mode === 'peers'
      ? `${count(summary.nodes.length, 'peer')} and ${count(summary.edges.length, 'allowed pair')} drawn`
      : `${count(summary.nodes.length, 'group')} and ${count(summary.edges.length, 'link')} between them drawn`;
    const outside = summary.outside
      ? `; ${count(summary.outside, 'pair')} with peers outside the picture not drawn` : '';
    fill(this.status, `${count(summary.peerCount, 'peer')}, ${count(summary.pairCount, 'pair')} that may reach`
      + ` each other. ${shown}${outside}.`);
  }

  drawLegend(summary) {
    const kinds = summary.live ? ['direct', 'relayed', 'none'] : ['past'];
    const items = kinds.map((kind) => el('li', {}, lineSample(PATHS[kind]),
      ` ${lineName(PATHS[kind].line)}: ${PATHS[kind].text}`,
      summary.mode === 'peers' ? ` (${summary.drawnStats[kind]} drawn)` : ''));
    const extra = summary.mode === 'peers'
      ? [el('li', {}, 'Arrow: the way traffic may start; arrows at both ends: both ways.'),
        el('li', {}, 'Square: a peer deleted since; faded: a neighbour of the chosen peers.'),
        el('li', {}, 'Select a line to explain it.')]
      : [el('li', {}, 'Circle size: peers in the group; line width: allowed peer pairs between the groups.'),
        el('li', {}, 'Select a group to draw its peers, a line to list its peer pairs.')];
    fill(this.legend, el('h2', { className: 'sr-only' }, 'Legend'),
      el('ul', {}, summary.mode === 'peers' ? items : [], extra));
  }

  drawChart(summary) {
    const echarts = window.echarts;
    if (!this.chart) {
      this.chart = echarts.init(this.canvas, null, { renderer: 'canvas' });
      this.chart.on('click', (params) => this.clicked(params));
    }
    this.chart.setOption(summary.mode === 'peers' ? peerOption(summary) : groupOption(summary), true);
    this.canvas.setAttribute('aria-label', `Network picture of ${summary.mode}: ${summary.nodes.length} nodes,`
      + ` ${summary.edges.length} lines. The same answers are available through the filter and the Explain form.`);
    // A User Timing mark: how long a picture took is visible in the browser's tools and to the benchmark.
    performance.mark('netloom:picture-drawn', { detail: { mode: summary.mode, nodes: summary.nodes.length,
      lines: summary.edges.length } });
  }

  clicked(params) {
    const data = params.data;
    if (!data) {
      return;
    }
    if (params.dataType === 'edge' && data.pair) {
      const { a, b, forward } = data.pair;
      this.explain(forward ? a : b, forward ? b : a);
    } else if (params.dataType === 'edge' && data.link) {
      this.listPairs(data.link);
    } else if (params.dataType === 'node' && data.group) {
      this.setFilter({ groups: [data.group], search: '', peers: [] });
      this.onFilter(this.filter);
    }
  }

  /** The peer pairs behind a group link, the first of them, each with its Explain buttons. */
  listPairs(link) {
    const rows = link.samples.map((pair) => el('li', {}, pairText(pair), ' ',
      pair.forward ? button(`Explain ${pair.aName} → ${pair.bName}`, () => this.explain(pair.a, pair.b)) : null, ' ',
      pair.backward ? button(`Explain ${pair.bName} → ${pair.aName}`, () => this.explain(pair.b, pair.a)) : null));
    fill(this.pairs, el('h2', {}, `Peer pairs between ${link.sourceName} and ${link.targetName}`),
      el('p', {}, link.pairs > link.samples.length ? `The first ${link.samples.length} of ${link.pairs} pairs.`
        : `${link.pairs} pairs.`, ' ', button('Draw these two groups', () => {
        this.setFilter({ groups: [link.source, link.target], search: '', peers: [] });
        this.onFilter(this.filter);
      })),
      el('ul', {}, rows));
    this.pairs.hidden = false;
    this.pairs.querySelector('button')?.focus();
  }

  filterForm() {
    this.groupSelect = el('select', { name: 'groups', multiple: true, size: 4, dataset: { test: 'picture-groups' } },
      // "All" is every peer: the picture never draws it as a group (picture-model.js), nor filters by it.
      this.groups.filter((group) => group.name !== 'All').sort((x, y) => x.name.localeCompare(y.name))
        .map((group) => el('option', { value: group.id }, `${group.name} (${group.peers_count})`)));
    this.searchInput = el('input', { name: 'search', type: 'search', dataset: { test: 'picture-search' } });
    const form = el('form', { className: 'toolbar picture-filter', dataset: { test: 'picture-filter' } },
      field('Groups to draw peer by peer', this.groupSelect, 'Ctrl or Shift chooses several'),
      field('Peer name or address', this.searchInput, 'Draws the matching peers and their neighbours'),
      el('button', { type: 'submit', className: 'primary' }, 'Draw'),
      button('Whole account', () => {
        this.setFilter({ groups: [], search: '', peers: [] });
        this.onFilter(this.filter);
      }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const groups = [...this.groupSelect.selectedOptions].map((option) => option.value);
      this.setFilter({ groups, search: this.searchInput.value, peers: [] });
      this.onFilter(this.filter);
    });
    this.syncFilterForm();
    return form;
  }

  syncFilterForm() {
    const chosen = new Set(this.filter.groups);
    for (const option of this.groupSelect.options) {
      option.selected = chosen.has(option.value);
    }
    this.searchInput.value = this.filter.search;
  }

  /** Explain by keyboard: canvas lines cannot take the focus, so the same question has a form. */
  explainForm() {
    this.explainSource = peerField('Source', this.peers, { name: 'source', test: 'explain-source' });
    this.explainDestination = peerField('Destination', this.peers, { name: 'destination',
      test: 'explain-destination' });
    const problem = el('p', { className: 'problem', role: 'alert' });
    const form = el('form', { className: 'panel explain-form', dataset: { test: 'explain-form' } },
      el('h2', {}, 'Explain source → destination'),
      el('div', { className: 'toolbar' }, this.explainSource.node, this.explainDestination.node,
        el('button', { type: 'submit', className: 'primary' }, 'Explain')),
      problem);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      fill(problem);
      try {
        const source = this.explainSource.resolve();
        const destination = this.explainDestination.resolve();
        if (!source || !destination) {
          throw new Error('Choose a source and a destination peer.');
        }
        this.explain(source, destination);
      } catch (error) {
        fill(problem, error.message);
      }
    });
    return form;
  }

  /** Asks the server why source could or could not reach destination at the picture's instant, and shows it. */
  async explain(source, destination) {
    this.explainSource?.set(source);
    this.explainDestination?.set(destination);
    this.result.hidden = false;
    fill(this.result, el('p', {}, 'Asking the history…'));
    const query = new URLSearchParams({ source, destination });
    if (this.at) {
      query.set('at', this.at);
    }
    try {
      const answer = await this.api.get(`/api/netloom/explain?${query}`);
      fill(this.result, ...explanation(answer), el('p', {},
        el('a', { href: `#/history?${new URLSearchParams({ source, destination })}` }, 'When this access was open')));
    } catch (error) {
      fill(this.result, el('h2', {}, 'Explain'), el('p', { className: 'problem', role: 'alert' },
        error.message || String(error)));
    }
    this.result.focus({ preventScroll: false });
  }
}

function count(number, noun) {
  return `${number} ${noun}${number === 1 ? '' : 's'}`;
}

function pairText(pair) {
  if (pair.forward && pair.backward) {
    return `${pair.aName} ↔ ${pair.bName} (both ways)`;
  }
  return pair.forward ? `${pair.aName} → ${pair.bName}` : `${pair.bName} → ${pair.aName}`;
}

function lineName(line) {
  return { solid: 'Solid line', dashed: 'Dashed line', dotted: 'Dotted line' }[line];
}

/** A short stroke in the line's style and colour, beside its name: the style alone tells the kinds apart. */
function lineSample(path) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', '42');
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(SVG, 'line');
  for (const [name, value] of Object.entries({ x1: 2, y1: 5, x2: 40, y2: 5, stroke: path.colour,
    'stroke-width': 3, 'stroke-linecap': path.line === 'dotted' ? 'round' : 'butt' })) {
    line.setAttribute(name, String(value));
  }
  if (path.line !== 'solid') {
    line.setAttribute('stroke-dasharray', path.line === 'dashed' ? '8 5' : '0.1 6');
  }
  svg.append(line);
  return svg;
}

/** A tooltip as DOM: ECharts would parse a string as markup, and names come from the server. */
function tip(...lines) {
  return el('div', { className: 'picture-tip' }, lines.filter(Boolean).map((line) => el('div', {}, line)));
}

function peerOption(summary) {
  const index = new Map(summary.nodes.map((node, at) => [node.id, at]));
  const groupNames = [...new Set(summary.nodes.map((node) => node.groups[0]))];
  const labelled = summary.nodes.length <= LABELLED;
  return {
    animation: false,
    tooltip: { confine: true, formatter: (params) => (params.dataType === 'edge'
      ? tip(pairText(params.data.pair), PATHS[params.data.pair.path].text, 'Select to explain')
      : tip(params.data.label, params.data.ip, `groups: ${params.data.groups.join(', ')}`,
        params.data.gone ? 'deleted since' : '')) },
    series: [{
      type: 'graph', layout: 'circular', circular: { rotateLabel: true }, roam: true, draggable: false,
      categories: groupNames.map((name) => ({ name })),
      label: { show: labelled, position: 'right', formatter: (params) => params.data.label },
      emphasis: { focus: 'adjacency', label: { show: true }, lineStyle: { width: 4 } },
      edgeSymbolSize: 7,
      data: summary.nodes.map((node) => ({
        name: node.id, label: node.gone ? `${node.name} (deleted)` : node.name, ip: node.ip, groups: node.groups,
        gone: node.gone, category: groupNames.indexOf(node.groups[0]), symbol: node.gone ? 'rect' : 'circle',
        symbolSize: node.focus ? 14 : 9, itemStyle: { opacity: node.focus ? 1 : 0.45 },
      })),
      links: summary.edges.map((pair) => ({
        source: index.get(pair.a), target: index.get(pair.b), pair,
        symbol: [pair.backward ? 'arrow' : 'none', pair.forward ? 'arrow' : 'none'],
        lineStyle: { color: PATHS[pair.path].colour, type: PATHS[pair.path].line, width: 2, opacity: 0.8,
          curveness: 0.15 },
      })),
    }],
  };
}

function groupOption(summary) {
  const index = new Map(summary.nodes.map((node, at) => [node.id, at]));
  const heaviest = summary.edges.reduce((most, link) => Math.max(most, link.pairs), 1);
  const biggest = summary.nodes.reduce((most, node) => Math.max(most, node.peers), 1);
  // Room on the circle per group: 200 groups of 60 pixels would cover each other and hide their sizes.
  const largest = Math.max(8, Math.min(60, 1800 / summary.nodes.length));
  const labelled = summary.nodes.length <= LABELLED;
  return {
    animation: false,
    tooltip: { confine: true, formatter: (params) => (params.dataType === 'edge'
      ? tip(`${params.data.link.sourceName} ↔ ${params.data.link.targetName}`,
        `${params.data.link.pairs} allowed peer pairs`, 'Select to list them')
      : tip(params.data.label, `${params.data.peers} peers`, `${params.data.internal} allowed pairs inside`,
        'Select to draw its peers')) },
    series: [{
      type: 'graph', layout: 'circular', circular: { rotateLabel: true }, roam: true, draggable: false,
      label: { show: labelled, position: 'right', formatter: (params) => params.data.label },
      emphasis: { focus: 'adjacency', label: { show: true } },
      data: summary.nodes.map((node) => ({
        name: node.id, label: node.name, group: node.id, peers: node.peers, internal: node.internal,
        symbolSize: 4 + (largest - 4) * Math.sqrt(node.peers / biggest),
      })),
      links: summary.edges.map((link) => ({
        source: index.get(link.source), target: index.get(link.target), link,
        lineStyle: { color: '#5b6b7c', width: 1 + 7 * Math.sqrt(link.pairs / heaviest),
          opacity: 0.25 + 0.5 * (link.pairs / heaviest), curveness: 0.2 },
      })),
    }],
  };
}

/** The explain answer as text: allowed by which policies via which groups, or every reason it was denied. */
export function explanation(answer) {
  const source = answer.source?.name || answer.source?.id;
  const destination = answer.destination?.name || answer.destination?.id || answer.address;
  const traffic = answer.protocol ? ` (${answer.protocol}${answer.port ? ` port ${answer.port}` : ''})` : '';
  const head = el('h2', {}, `${source} → ${destination}${traffic}: `,
    answer.allowed ? badge('allowed', 'ok') : badge('denied', 'bad'));
  const when = el('p', { className: 'muted' }, `At ${instantText(answer.at)}.`);
  if (answer.allowed) {
    return [head, when, el('ul', {}, answer.rules.map((rule) => el('li', {},
      el('p', {}, `Allowed by policy “${rule.policy.name}”, rule “${rule.rule.name || rule.rule.id}”`,
        rule.direction === 'bidirectional_reverse' ? ' (a two-way rule, read from its destination side)' : '',
        ` for ${trafficText(rule.protocol, rule.ports)},`
        + ` via source groups ${memberships(rule.source_groups)} and destination groups`
        + ` ${memberships(rule.destination_groups)}.`),
      el('ul', { className: 'citations' },
        el('li', {}, `Policy last changed: ${citedText(rule.policy_changed_by)}`),
        [...rule.source_groups, ...rule.destination_groups].filter((member) => member.added_by).map((member) =>
          el('li', {}, `Membership of ${member.name}: ${citedText(member.added_by)}`)))))),
    answer.routes?.length ? el('ul', {}, answer.routes.map((route) => el('li', {},
      `Through route ${route.network} via ${route.routing_peer?.name || route.routing_peer?.id}`))) : null];
  }
  return [head, when, el('p', {}, 'Denied because:'), el('ul', {}, answer.denials.map((reason) => el('li', {},
    el('p', {}, reason.message, ' ', el('code', {}, reason.code),
      reason.policy ? ` (policy “${reason.policy.name}”` : '',
      reason.policy && reason.rule ? `, rule “${reason.rule.name}”` : '', reason.policy ? ')' : ''),
    reason.event ? el('p', { className: 'muted' }, citedText(reason.event)) : null)))];
}

/** "any traffic", "tcp port 22", "udp ports 53, 5353", "every tcp port". */
function trafficText(protocol, ports = []) {
  if (!protocol || protocol === 'all') {
    return 'any traffic';
  }
  if (!ports.length) {
    return protocol === 'icmp' ? 'icmp' : `every ${protocol} port`;
  }
  return `${protocol} port${ports.length === 1 && !ports[0].includes('-') ? '' : 's'} ${ports.join(', ')}`;
}

function memberships(list) {
  return list.length ? list.map((member) => member.name).join(', ') : '(none)';
}
