// Access history: when one peer could reach another and which events opened and closed that access, and a time
// slider that redraws the network picture as the account was after each recorded event.
// #/history?source=<peerId>&destination=<peerId>&at=<RFC 3339>
import { el, fill, heading, table, badge } from '../ui.js';
import { NetworkPicture, loadEcharts, loadStyles, peerField, instantText, actorText, citedText }
  from './picture-graph.js';

const READERS = new Set(['owner', 'admin', 'auditor']);
/** The slider waits this long after the last move before asking the server, so that a drag asks once. */
const SETTLE_MS = 250;

export async function render(view, { api, me, params, signal }) {
  loadStyles();
  const pictureLink = el('a', { href: '#/picture', className: 'button' }, 'Network picture');
  if (!READERS.has(me?.role)) {
    fill(view, heading('Access history', pictureLink),
      el('p', {}, 'Only owners, admins and auditors may read the account’s history.'));
    return;
  }
  const [peers, groups, audit] = await Promise.all([api.get('/api/peers'), api.get('/api/groups'),
    api.get('/api/events/audit')]);
  if (signal.aborted) {
    return;
  }
  const page = new HistoryPage({ api, signal, peers, groups, audit });
  fill(view, heading('Access history', pictureLink), page.element);
  await page.start(params.get('source'), params.get('destination'), params.get('at'));
}

/**
 * The instant just after an event: the server's times carry microseconds, a JavaScript date milliseconds; one
 * millisecond past the truncated time is never before the event, so the replay includes it.
 */
function after(time) {
  return new Date(Math.floor(Date.parse(time)) + 1).toISOString();
}

function flowsText(flows) {
  return flows.map((flow) => `${flow.protocol}${flow.ports.length ? ` ${flow.ports.join(', ')}` : ' every port'}`)
    .join('; ') || 'nothing';
}

class HistoryPage {
  constructor({ api, signal, peers, groups, audit }) {
    this.api = api;
    this.signal = signal;
    this.peers = peers;
    this.names = new Map(peers.map((peer) => [peer.id, peer.name]));
    this.audit = audit;
    this.source = null;
    this.destination = null;
    this.answer = null;
    this.timeline = null;

    this.sourceField = peerField('Source peer', peers, { name: 'source', test: 'history-source', required: true });
    this.destinationField = peerField('Destination peer (optional)', peers, { name: 'destination',
      test: 'history-destination', hint: 'Without one, the events about the source are listed' });
    this.problem = el('p', { className: 'problem', role: 'alert' });
    const form = el('form', { className: 'panel' },
      el('h2', {}, 'Whose access'),
      el('div', { className: 'toolbar' }, this.sourceField.node, this.destinationField.node,
        el('button', { type: 'submit', className: 'primary' }, 'Show history')),
      this.problem);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      fill(this.problem);
      try {
        const source = this.sourceField.resolve();
        if (!source) {
          throw new Error('Choose a source peer.');
        }
        this.choose(source, this.destinationField.resolve(), this.currentAt());
      } catch (error) {
        fill(this.problem, error.message);
      }
    });

    this.timelineStatus = el('p', { role: 'status', 'aria-live': 'polite' },
      'Choose a source and a destination peer to see when one could reach the other.');
    this.timelineChart = el('div', { className: 'chart history-timeline', role: 'img', hidden: true,
      dataset: { test: 'history-timeline' } });
    this.events = el('div', { dataset: { test: 'history-events' } });

    this.slider = el('input', { type: 'range', min: '0', max: '0', step: '1', value: '0',
      dataset: { test: 'history-slider' } });
    this.slider.id = 'history-slider';
    this.atText = el('output', { className: 'history-at', for: 'history-slider', 'aria-live': 'polite',
      dataset: { test: 'history-at' } });
    this.slider.addEventListener('input', () => this.slid(false));
    this.slider.addEventListener('change', () => this.slid(true));

    this.pictureLink = el('a', { href: '#/picture' }, 'Open this instant in the network picture');
    this.picture = new NetworkPicture({ api, signal, peers, groups });
    const pictureSection = el('section', { className: 'history-picture', dataset: { test: 'history-picture' } },
      el('h2', {}, 'The network at that instant'),
      el('div', { className: 'panel history-slider' },
        el('label', { for: 'history-slider' }, 'Instant: after each recorded event, from the first to now'),
        this.slider, this.atText, this.pictureLink),
      this.picture.element);

    this.element = el('div', {}, form,
      el('section', {}, el('h2', {}, 'Timeline'), this.timelineStatus, this.timelineChart),
      el('section', {}, el('h2', {}, 'Events'), this.events),
      pictureSection);
    signal.addEventListener('abort', () => {
      clearTimeout(this.settle);
      this.timeline?.dispose();
    }, { once: true });
    this.steps = this.stepsOf([]);
  }

  async start(source, destination, at) {
    if (source) {
      this.sourceField.set(source);
      this.destinationField.set(destination);
      await this.choose(source, destination, at);
    } else {
      this.drawSlider(at);
      this.showEvents();
      await this.drawPicture();
    }
  }

  async choose(source, destination, at) {
    this.source = source;
    this.destination = destination;
    this.answer = null;
    this.picture.setFilter({ groups: [], search: '', peers: [source, destination].filter(Boolean) });
    if (destination) {
      fill(this.timelineStatus, 'Replaying the history of this pair…');
      try {
        this.answer = await this.api.get(`/api/netloom/access-history?${new URLSearchParams({ source, destination })}`);
      } catch (error) {
        fill(this.timelineStatus);
        this.timelineChart.hidden = true;
        fill(this.problem, error.message || String(error));
      }
    } else {
      fill(this.timelineStatus, 'Choose a destination too to see when the source could reach it.');
      this.timelineChart.hidden = true;
    }
    if (this.signal.aborted) {
      return;
    }
    this.steps = this.stepsOf(this.answer ? this.answer.intervals : []);
    this.drawSlider(at);
    this.remember();
    if (this.answer) {
      await this.drawTimeline();
    }
    this.showEvents();
    await this.drawPicture();
  }

  /**
   * The slider's stops: after each audit event and each event the access history cites (they come from the same
   * store; the history's own are added in case the audit describes one differently), then now.
   */
  stepsOf(intervals) {
    const byTime = new Map();
    const put = (time, text) => {
      const at = after(time);
      if (!byTime.has(at)) {
        byTime.set(at, { at, text });
      }
    };
    for (const event of this.audit) {
      put(event.timestamp, `${event.activity} by ${event.initiator_name || event.initiator_email
        || event.initiator_id}`);
    }
    for (const interval of intervals) {
      for (const event of [interval.opened_by, interval.closed_by, ...interval.changes.map((c) => c.event)]) {
        if (event) {
          put(event.time, `${event.kind} by ${actorText(event.actor)}`);
        }
      }
    }
    const now = Date.now();
    const steps = [...byTime.values()].filter((step) => Date.parse(step.at) <= now)
      .sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
    steps.push({ at: null, text: 'now' });
    return steps;
  }

  drawSlider(at) {
    this.slider.max = String(this.steps.length - 1);
    let position = this.steps.length - 1;
    if (at && !Number.isNaN(Date.parse(at))) {
      // The last stop at or before the asked instant; the first when it is earlier than every event.
      const wanted = Date.parse(at);
      const found = this.steps.findLastIndex((step) => step.at && Date.parse(step.at) <= wanted);
      position = Math.max(found, 0);
    }
    this.slider.value = String(position);
    this.describeStep();
  }

  currentAt() {
    return this.steps[Number(this.slider.value)]?.at ?? null;
  }

  describeStep() {
    const position = Number(this.slider.value);
    const step = this.steps[position];
    const text = step.at ? `${instantText(step.at)}, just after: ${step.text}` : `Now (${new Date().toLocaleString()})`;
    fill(this.atText, `${text} — stop ${position + 1} of ${this.steps.length}`);
    this.pictureLink.href = step.at ? `#/picture?at=${encodeURIComponent(step.at)}` : '#/picture';
    this.slider.setAttribute('aria-valuetext', text);
  }

  /** A drag redraws once it settles; the arrow keys and a release redraw at once. */
  slid(settled) {
    this.describeStep();
    this.markTimeline();
    clearTimeout(this.settle);
    if (settled) {
      this.remember();
      this.drawPicture();
    } else {
      this.settle = setTimeout(() => this.drawPicture(), SETTLE_MS);
    }
  }

  moveTo(time) {
    const wanted = Date.parse(after(time));
    const found = this.steps.findIndex((step) => step.at && Date.parse(step.at) >= wanted);
    this.slider.value = String(found < 0 ? this.steps.length - 1 : found);
    this.slid(true);
    this.slider.focus();
  }

  async drawPicture() {
    clearTimeout(this.settle);
    const at = this.currentAt();
    // A release after a drag that already settled there asks nothing new.
    const drawing = `${at}|${this.source}`;
    if (drawing === this.drawing && this.picture.summary) {
      return;
    }
    this.drawing = drawing;
    if (!await this.picture.show(at, { peer: this.source })) {
      this.drawing = null;
    }
  }

  /** The deep link follows the choices without reloading the page (replaceState fires no hashchange). */
  remember() {
    const query = new URLSearchParams();
    if (this.source) {
      query.set('source', this.source);
    }
    if (this.destination) {
      query.set('destination', this.destination);
    }
    const at = this.currentAt();
    if (at) {
      query.set('at', at);
    }
    window.history.replaceState(null, '', `#/history?${query}`);
  }

  name(id) {
    return this.names.get(id) || id;
  }

  async drawTimeline() {
    const echarts = await loadEcharts();
    if (this.signal.aborted) {
      return;
    }
    const { intervals, from, to } = this.answer;
    const pair = `${this.name(this.source)} → ${this.name(this.destination)}`;
    fill(this.timelineStatus, intervals.length === 0
      ? `${pair}: never allowed between ${instantText(from)} and ${instantText(to)}.`
      : `${pair}: allowed during ${intervals.length} interval${intervals.length === 1 ? '' : 's'}`
        + ` between ${instantText(from)} and ${instantText(to)}.`);
    this.timelineChart.hidden = false;
    this.timelineChart.setAttribute('aria-label', `${this.timelineStatus.textContent} The events are listed below.`);
    if (!this.timeline) {
      this.timeline = echarts.init(this.timelineChart, null, { renderer: 'canvas' });
      this.timeline.on('click', (params) => params.data?.event && this.moveTo(params.data.event.time));
      window.addEventListener('resize', () => this.timeline?.resize(), { signal: this.signal });
    }
    // Access as a step line (1 open, 0 closed) and each citing event as a marker whose shape says what it did.
    const line = [[from, 0]];
    const marks = [];
    for (const interval of intervals) {
      line.push([interval.since, 0], [interval.since, 1]);
      marks.push({ value: [interval.since, 1], event: interval.opened_by, symbol: 'triangle',
        what: interval.open_at_from ? 'already open (opened earlier)' : 'opened access' });
      for (const change of interval.changes) {
        marks.push({ value: [change.event.time, 1], event: change.event, symbol: 'diamond',
          what: `changed the allowed traffic to ${flowsText(change.flows)}` });
      }
      if (interval.until) {
        line.push([interval.until, 1], [interval.until, 0]);
        marks.push({ value: [interval.until, 0], event: interval.closed_by, symbol: 'rect', what: 'closed access' });
      }
    }
    const last = intervals.at(-1);
    line.push([to, last && !last.until ? 1 : 0]);
    this.timeline.setOption({
      animation: false,
      grid: { left: 90, right: 24, top: 24, bottom: 40 },
      tooltip: { trigger: 'item', confine: true, formatter: (params) => (params.data?.event
        ? el('div', { className: 'picture-tip' }, el('div', {}, params.data.what),
          el('div', {}, citedText(params.data.event)), el('div', {}, 'Select to draw the picture then'))
        : el('div', {}, String(params.value?.[0] ?? ''))) },
      xAxis: { type: 'time', min: from, max: to },
      yAxis: { type: 'value', min: 0, max: 1, interval: 1,
        axisLabel: { formatter: (value) => (value === 1 ? 'allowed' : 'not allowed') } },
      series: [
        { type: 'line', name: 'access', data: line, showSymbol: false, lineStyle: { width: 2, color: '#0a58ca' },
          areaStyle: { color: 'rgba(10, 88, 202, 0.15)' }, silent: true,
          markLine: { silent: true, symbol: 'none', data: [], lineStyle: { color: '#b3261e', type: 'dashed' } } },
        { type: 'scatter', name: 'events', data: marks, symbolSize: 12, itemStyle: { color: '#102a43' } },
      ],
    }, true);
    this.markTimeline();
  }

  /** The slider's instant as a vertical line on the timeline. */
  markTimeline() {
    if (!this.timeline || !this.answer) {
      return;
    }
    const at = this.currentAt() || this.answer.to;
    this.timeline.setOption({ series: [{ markLine: { data: [{ xAxis: at, label: { formatter: 'picture' } }] } }] });
  }

  showEvents() {
    if (this.answer) {
      fill(this.events, table(`Events that opened, changed and closed access of ${this.name(this.source)} to`
        + ` ${this.name(this.destination)}`, [
        { title: 'Time', cell: (row) => el('time', { datetime: row.time }, instantText(row.time)) },
        { title: 'What happened', cell: (row) => [badge(row.badge[0], row.badge[1]), ' ', row.what] },
        { title: 'Event', cell: (row) => row.event ? `${row.event.kind} #${row.event.position}` : '' },
        { title: 'By whom', cell: (row) => row.event ? actorText(row.event.actor) : '' },
        { title: 'Picture', cell: (row) => el('button', { type: 'button', onclick: () => this.moveTo(row.time) },
          'Show the network then') },
      ], this.accessRows()));
      return;
    }
    if (!this.source) {
      fill(this.events, el('p', { className: 'muted' }, 'Choose a source peer to list the events of its access.'));
      return;
    }
    const about = this.audit.filter((event) => event.target_id === this.source);
    fill(this.events, table(`Recorded events about ${this.name(this.source)}`, [
      { title: 'Time', cell: (row) => el('time', { datetime: row.timestamp }, instantText(row.timestamp)) },
      { title: 'What happened', cell: (row) => row.activity },
      { title: 'By whom', cell: (row) => row.initiator_name || row.initiator_email || row.initiator_id },
      { title: 'Picture', cell: (row) => el('button', { type: 'button', onclick: () => this.moveTo(row.timestamp) },
        'Show the network then') },
    ], about));
  }

  accessRows() {
    const rows = [];
    for (const interval of this.answer.intervals) {
      rows.push({ time: interval.open_at_from ? interval.opened_by.time : interval.since, event: interval.opened_by,
        badge: ['opened', 'ok'], what: `access opened: ${flowsText(interval.flows)}` });
      for (const change of interval.changes) {
        rows.push({ time: change.event.time, event: change.event, badge: ['changed', 'warn'],
          what: `allowed traffic became ${flowsText(change.flows)}` });
      }
      if (interval.until) {
        rows.push({ time: interval.until, event: interval.closed_by, badge: ['closed', 'bad'],
          what: 'access closed' });
      }
    }
    return rows;
  }
}
