// Runs the picture and history pages in a real browser against a scripted API (picture-browser-check.mjs serves
// this page under the console's CSP) and writes what the data-test hooks showed into #out as JSON.
import { account } from '/check/generated-account.mjs';

const query = new URLSearchParams(location.search);
const scenario = query.get('scenario');
const HOUR = 3600000;
const base = Math.floor((Date.now() - 9 * HOUR) / HOUR) * HOUR;
/** The server's times carry microseconds: so do these. */
const t = (hours) => new Date(base + hours * HOUR).toISOString().replace(/\.(\d{3})Z$/, '.$1456Z');

// The story: peers enrolled (1), groups (2, 3), ssh staff→servers created (4), web↔db (5), ssh disabled (6) and
// enabled again (7). laptop reports a direct path to db and a relayed one to web.
const all = { id: 'g-all', name: 'All', peers_count: 4 };
const staff = { id: 'g-staff', name: 'staff', peers_count: 1 };
const servers = { id: 'g-servers', name: 'servers', peers_count: 2 };
const peer = (id, ip, groups, paths = []) => ({ id, name: id, ip, created_at: t(1), groups: [all, ...groups],
  netloom_connections: paths.map(([other, type]) => ({ peer_id: other, peer_name: other, connection_type: type })) });
const small = {
  peers: [peer('laptop', '100.64.0.1', [staff], [['db', 'P2P'], ['web', 'RELAYED']]),
    peer('db', '100.64.0.2', [servers]), peer('web', '100.64.0.3', [servers]), peer('printer', '100.64.0.4', [])],
  groups: [all, staff, servers],
};
const alice = { type: 'user', id: 'u1', name: 'alice' };
const cite = (hours, kind, type, id) => ({ position: hours * 10, time: t(hours), event_id: `e${hours}`, kind,
  actor: alice, resource: { type, id } });
const audit = [[0, 'Account created'], [1, 'Peer added'], [2, 'Group created'], [3, 'Group created'],
  [4, 'Policy created'], [5, 'Policy created'], [6, 'Policy updated'], [7, 'Policy updated']]
  .map(([hours, activity], at) => ({ id: String(at), timestamp: t(hours), activity, activity_code: 'code',
    initiator_id: 'u1', initiator_name: 'alice', initiator_email: 'alice@example.org', target_id: 'x', meta: {} }));
const end = (id) => ({ id, name: id, ip: small.peers.find((p) => p.id === id).ip });
const flow = (source, destination) => ({ source: end(source), destination: end(destination), protocol: 'all',
  ports: [] });
function smallFlows(at) {
  const time = Date.parse(at);
  const sshOpen = (time >= Date.parse(t(4)) && time < Date.parse(t(6))) || time >= Date.parse(t(7));
  return [...(sshOpen ? [flow('laptop', 'db'), flow('laptop', 'web')] : []),
    ...(time >= Date.parse(t(5)) ? [flow('web', 'db'), flow('db', 'web')] : [])];
}
const big = scenario === 'big' ? account({ peers: 5000, groups: 200, rules: 150 }) : null;

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const calls = [];
const api = {
  async get(path) {
    calls.push(path);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const url = new URL(path, location.origin);
    const p = url.searchParams;
    const data = big || small;
    switch (url.pathname) {
      case '/api/peers': return data.peers;
      case '/api/groups': return data.groups;
      case '/api/events/audit': return audit;
      case '/api/netloom/reachability': {
        if (p.get('at') === 'bad') {
          throw new ApiError(400, 'at must be an RFC 3339 time such as 2026-01-31T14:00:00Z');
        }
        const at = p.get('at') || new Date().toISOString();
        let flows = big ? big.flows : smallFlows(at);
        if (p.get('peer')) {
          flows = flows.filter((f) => f.source.id === p.get('peer') || f.destination.id === p.get('peer'));
        }
        return { at, as_of: cite(4, 'PolicyCreated', 'Policy', 'ssh'), flows, routes: [] };
      }
      case '/api/netloom/explain': {
        const [source, destination, at] = [p.get('source'), p.get('destination'), p.get('at')];
        const allowed = big ? true : smallFlows(at || new Date().toISOString())
          .some((f) => f.source.id === source && f.destination.id === destination);
        const member = (group, hours) => ({ id: group.id, name: group.name, all_peers: false,
          added_by: cite(hours, 'GroupCreated', 'Group', group.id) });
        return { at: at || new Date().toISOString(), source: { id: source, name: source },
          destination: { id: destination, name: destination }, address: null, protocol: null, port: null, allowed,
          rules: allowed ? [{ policy: { id: 'ssh', name: 'ssh' }, policy_changed_by: cite(4, 'PolicyCreated',
            'Policy', 'ssh'), rule: { id: 'r1', name: 'ssh in' }, direction: 'forward',
          source_groups: [member(staff, 2)], destination_groups: [member(servers, 3)], protocol: 'tcp',
          ports: ['22'] }] : [],
          routes: [], denials: allowed ? [] : [{ code: 'no_rule', message: `no rule lets ${source} reach`
            + ` ${destination}`, policy: null, rule: null, event: null }] };
      }
      case '/api/netloom/access-history':
        return { source: p.get('source'), destination: p.get('destination'), from: t(0),
          to: new Date().toISOString(), intervals: [
            { since: t(4), until: t(6), opened_by: cite(4, 'PolicyCreated', 'Policy', 'ssh'),
              closed_by: cite(6, 'PolicyUpdated', 'Policy', 'ssh'), open_at_from: false,
              flows: [{ protocol: 'all', ports: [] }], changes: [] },
            { since: t(7), until: null, opened_by: cite(7, 'PolicyUpdated', 'Policy', 'ssh'), closed_by: null,
              open_at_from: false, flows: [{ protocol: 'all', ports: [] }], changes: [] }] };
      default:
        throw new ApiError(404, `no scripted answer for ${path}`);
    }
  },
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check, ms = 20000) {
  for (const start = Date.now(); Date.now() - start < ms; await sleep(20)) {
    if (check()) {
      return true;
    }
  }
  return false;
}
const hook = (name) => document.querySelector(`[data-test="${name}"]`);
const text = (name) => hook(name)?.textContent.trim() ?? null;
const status = () => document.querySelector('.picture-status')?.textContent ?? '';
const settled = () => until(() => status() && !/^(Replaying|Reading)/.test(status()));
const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
const out = { csp: [] };
window.addEventListener('securitypolicyviolation', (event) => out.csp.push(`${event.violatedDirective}`
  + ` ${event.blockedURI}`));
const controller = new AbortController();
const ctx = { api, me: { role: query.get('role') || 'owner' }, rest: '',
  params: new URLSearchParams(query.get('hash') || ''), signal: controller.signal };
const view = document.getElementById('view');

/** Clicks the chart where ECharts drew its first edge (the middle of its curve) or its first node. */
async function clickChart(kind) {
  const chart = window.echarts.getInstanceByDom(hook('picture-chart'));
  await sleep(1200);
  const graph = chart.getModel().getSeriesByIndex(0).getGraph();
  let local;
  if (kind === 'edge') {
    const [from, to, control] = graph.getEdgeByIndex(0).getLayout();
    const c = control || [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
    local = [0.25 * from[0] + 0.5 * c[0] + 0.25 * to[0], 0.25 * from[1] + 0.5 * c[1] + 0.25 * to[1]];
  } else {
    local = graph.getNodeByIndex(0).getLayout();
  }
  const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, local);
  const rect = hook('picture-chart').getBoundingClientRect();
  const canvas = hook('picture-chart').querySelector('canvas');
  const options = { clientX: rect.left + x, clientY: rect.top + y, bubbles: true };
  for (const type of ['mousemove', 'mousedown', 'mouseup', 'click']) {
    canvas.dispatchEvent(new MouseEvent(type, options));
  }
  await sleep(400);
}

function links() {
  const option = window.echarts.getInstanceByDom(hook('picture-chart')).getOption();
  return option.series[0].links.map((link) => `${link.pair.aName}-${link.pair.bName} ${link.pair.path}`
    + ` ${link.lineStyle.type}`).sort();
}

async function explainByForm(source, destination) {
  hook('explain-result').replaceChildren();
  hook('explain-source').value = source;
  hook('explain-destination').value = destination;
  hook('explain-form').requestSubmit();
  await until(() => /allowed|denied/.test(text('explain-result') || '')
    || hook('explain-form').querySelector('.problem').textContent);
  return { result: text('explain-result'), problem: hook('explain-form').querySelector('.problem').textContent,
    focused: document.activeElement?.dataset?.test };
}

const scenarios = {
  async picture() {
    const { render } = await import('/console/pages/picture.js');
    await render(view, ctx);
    await settled();
    out.mode = text('picture-mode');
    out.at = text('picture-at');
    out.legend = document.querySelector('.picture-legend').textContent;
    out.links = links();
    out.explained = await explainByForm('laptop (100.64.0.1)', 'db');
    out.unknown = await explainByForm('laptop (100.64.0.1)', 'nobody');
    hook('explain-result').replaceChildren();
    await clickChart('edge');
    await until(() => /allowed|denied/.test(text('explain-result') || ''));
    out.clicked = text('explain-result');
    out.searched = await (async () => {
      hook('picture-search').value = 'printer';
      hook('picture-filter').requestSubmit();
      return { mode: text('picture-mode'), status: status(), hash: location.hash };
    })();
  },
  async badAt() {
    const { render } = await import('/console/pages/picture.js');
    await render(view, ctx);
    out.problem = document.querySelector('.picture .problem').textContent;
  },
  async user() {
    const { render } = await import('/console/pages/history.js');
    await render(view, ctx);
    out.text = view.textContent;
  },
  async big() {
    const { render } = await import('/console/pages/picture.js');
    let start = performance.now();
    await render(view, ctx);
    await frames();
    out.firstDrawMs = Math.round(performance.now() - start);
    out.mode = text('picture-mode');
    out.status = status();
    hook('picture-groups').options[3].selected = true;
    start = performance.now();
    hook('picture-filter').requestSubmit();
    await frames();
    out.groupChosenMs = Math.round(performance.now() - start);
    out.chosen = { mode: text('picture-mode'), notes: document.querySelector('.picture-notes').textContent,
      hash: location.hash };
    start = performance.now();
    [...hook('picture-filter').querySelectorAll('button')].find((b) => b.textContent === 'Whole account').click();
    await frames();
    out.wholeAgainMs = Math.round(performance.now() - start);
    out.whole = text('picture-mode');
    await clickChart('edge');
    out.pairs = text('picture-pairs');
    hook('picture-pairs').querySelector('ul button').click();
    await until(() => /allowed|denied/.test(text('explain-result') || ''));
    out.pairExplained = text('explain-result');
    await clickChart('node');
    out.node = { mode: text('picture-mode'), hash: location.hash };
  },
  async history() {
    const { render } = await import('/console/pages/history.js');
    await render(view, ctx);
    await settled();
    hook('history-source').value = 'laptop (100.64.0.1)';
    hook('history-destination').value = 'db';
    hook('history-source').form.requestSubmit();
    await until(() => !hook('history-timeline').hidden);
    await settled();
    const timeline = hook('history-timeline');
    out.timeline = { hidden: timeline.hidden, canvas: !!timeline.querySelector('canvas'),
      label: timeline.getAttribute('aria-label') };
    out.events = [...hook('history-events').querySelectorAll('tbody tr')].map((row) => row.textContent);
    out.hash = location.hash;
    const slider = hook('history-slider');
    out.stops = Number(slider.max) + 1;
    const stop = async (position) => {
      slider.value = String(position);
      slider.dispatchEvent(new Event('change'));
      await sleep(30);
      await settled();
      return { at: text('history-at'), pictureAt: text('picture-at'), mode: text('picture-mode'), status: status() };
    };
    out.beforePolicy = await stop(3);
    out.afterPolicy = await stop(4);
    out.afterDisabling = await stop(6);
    out.now = await stop(Number(slider.max));
    out.hashAtStop = (await stop(5), location.hash);
    hook('history-events').querySelector('tbody button').click();
    await sleep(30);
    await settled();
    out.fromEvent = { at: text('history-at'), status: status() };
  },
};

scenarios[scenario]().catch((error) => {
  out.error = `${error.message}\n${error.stack}`;
}).finally(() => {
  out.calls = calls;
  document.getElementById('out').textContent = JSON.stringify(out);
  document.title = 'done';
});
