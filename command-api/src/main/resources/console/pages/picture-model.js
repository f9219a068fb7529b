// The network picture's model, without DOM or ECharts: from peers, groups and allowed flows to the nodes and edges
// to draw. Pure, so that node can check it (and time it) on generated accounts of thousands of peers.

/** More peers than this are summarised by group: a circle of hundreds of nodes and their edges reads as a hairball. */
export const PEER_LIMIT = 150;
/**
 * Group links drawn at most, the heaviest first: beyond a few hundred, 200 groups on a circle turn into a solid disc
 * of lines (and thousands of edges on a canvas stop answering the pointer).
 */
export const GROUP_EDGE_LIMIT = 300;
/** Peer pairs kept per group link, to list behind it with their Explain buttons. */
export const SAMPLE_PAIRS = 20;

/** How an allowed pair's traffic travels: reported live by the daemons (ADR 0038), so only known for now. */
export const PATHS = {
  direct: { text: 'direct (P2P)', line: 'solid', colour: '#146c2e' },
  relayed: { text: 'relayed (TURN)', line: 'dashed', colour: '#8a4b00' },
  none: { text: 'allowed, no live path', line: 'dotted', colour: '#4d5560' },
  past: { text: 'allowed (paths are only reported live)', line: 'solid', colour: '#0a58ca' },
};

const NO_GROUP = '__no_group';
const GONE = '__gone';

/**
 * Summarises an account for drawing.
 *
 * @param peers   the account's peers as GET /api/peers gives them (id, name, ip, created_at, groups,
 *                netloom_connections)
 * @param groups  GET /api/groups (only id and name are read: membership comes from the peers)
 * @param flows   the `flows` of GET /api/netloom/reachability: {source: {id, name, ip}, destination: {...}}
 * @param options live: paths are the daemons' reports (drawing now); at: an ISO time, peers enrolled after it are
 *                left out; focusGroups, focusPeers (ids), search (name or address fragment): what to draw one by one
 * @returns {mode: 'peers'|'groups', nodes, edges, stats (pairs by path in the account), drawnStats (in the picture,
 *          peers mode), outside (pairs with one end drawn), notes, peers: [{id, name, ip, gone}] drawn or not}
 */
export function summarise(peers, groups, flows, options = {}) {
  return view(prepare(peers, groups, flows, options), options);
}

/** The pass over the flows, kept by the page so that changing the filter does not repeat it. */
export function prepare(peers, groups, flows, { live = true, at = null } = {}) {
  const table = peerTable(peers, groups, flows, at);
  const pairs = pairsOf(table, flows, live ? 'none' : 'past');
  if (live) {
    classifyPaths(table, pairs, peers);
  }
  return { table, pairs, live, stats: pathStats(pairs) };
}

/** What to draw of a prepared account for a filter: its peers one by one, or its groups. */
export function view(prepared, options = {}) {
  const { table, pairs, live, stats } = prepared;
  const { focusGroups = [], focusPeers = [], search = '', limit = PEER_LIMIT, edgeLimit = GROUP_EDGE_LIMIT,
    samples = SAMPLE_PAIRS } = options;
  const notes = [];
  const focus = focusOf(table, { focusGroups, focusPeers, search });
  const everyone = table.ids.length;
  let drawn = null;
  if (focus === null) {
    if (everyone <= limit) {
      drawn = new Set(table.ids.keys());
    }
  } else if (focus.size === 0) {
    notes.push('No peer matches the filter.');
    drawn = focus;
  } else if (focus.size > limit) {
    notes.push(`The filter matches ${focus.size} peers; at most ${limit} are drawn one by one, so the picture shows`
      + ' groups: narrow the filter to see peers.');
  } else {
    drawn = withNeighbours(focus, pairs, limit, notes);
  }
  const base = { stats, notes, peerCount: everyone, pairCount: pairs.count, peers: peerList(table) };
  if (drawn) {
    return { ...base, mode: 'peers', ...peerGraph(table, pairs, drawn, focus), live };
  }
  // The group summary does not depend on the filter: kept, so that returning to the whole account is immediate.
  const key = `${edgeLimit}/${samples}`;
  if (prepared.groupKey !== key) {
    prepared.groupGraph = groupGraph(table, pairs, edgeLimit, samples);
    prepared.groupKey = key;
  }
  const { nodes, edges, notes: groupNotes } = prepared.groupGraph;
  return { ...base, notes: [...notes, ...groupNotes], mode: 'groups', nodes, edges, outside: 0, live };
}

/** The peers to draw: current ones (enrolled by `at`), and those only the flows name (deleted since). */
function peerTable(peers, groups, flows, at) {
  const groupNames = new Map(groups.map((group) => [group.id, group.name]));
  // NetBird's built-in "All" holds every peer: as a node it would swallow the picture, so it is left out.
  const everyoneGroups = new Set(groups.filter((group) => group.name === 'All').map((group) => group.id));
  const cutoff = at ? Date.parse(at) : Infinity;
  const table = { ids: [], names: [], ips: [], groups: [], gone: [], index: new Map(), groupNames };
  for (const peer of peers) {
    if (peer.created_at && Date.parse(peer.created_at) > cutoff) {
      continue;
    }
    const own = (peer.groups || []).map((group) => group.id).filter((id) => !everyoneGroups.has(id));
    for (const group of peer.groups || []) {
      if (!groupNames.has(group.id)) {
        groupNames.set(group.id, group.name);
      }
    }
    add(table, peer.id, peer.name, peer.ip, own.length ? own : [NO_GROUP], false);
  }
  for (const flow of flows) {
    for (const end of [flow.source, flow.destination]) {
      if (!table.index.has(end.id)) {
        add(table, end.id, end.name, end.ip, [GONE], true);
      }
    }
  }
  groupNames.set(NO_GROUP, '(in no group)');
  groupNames.set(GONE, '(deleted since)');
  return table;
}

function add(table, id, name, ip, groups, gone) {
  table.index.set(id, table.ids.length);
  table.ids.push(id);
  table.names.push(name || id);
  table.ips.push(ip || '');
  table.groups.push(groups);
  table.gone.push(gone);
}

/**
 * One pass over the flows: the distinct unordered peer pairs, with the directions allowed. Pair keys are numbers
 * (lower index * peers + higher index; small integers below 2^30 for 30,000 peers): a Map with such keys is several
 * times faster than one with concatenated ids on hundreds of thousands of flows.
 */
function pairsOf(table, flows, unreported) {
  const n = table.ids.length;
  const byKey = new Map();
  const a = [];
  const b = [];
  const directions = [];
  for (const flow of flows) {
    const source = table.index.get(flow.source.id);
    const destination = table.index.get(flow.destination.id);
    if (source === destination) {
      continue;
    }
    const low = source < destination ? source : destination;
    const high = source < destination ? destination : source;
    const key = low * n + high;
    // Bit 1: low may reach high; bit 2: high may reach low.
    const bit = source === low ? 1 : 2;
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, a.length);
      a.push(low);
      b.push(high);
      directions.push(bit);
    } else {
      directions[at] |= bit;
    }
  }
  return { byKey, n, a, b, directions, paths: new Array(a.length).fill(unreported), count: a.length };
}

/** Either end's report counts; a direct report wins over a relayed one, as the tunnel then has a direct leg. */
function classifyPaths(table, pairs, peers) {
  for (const peer of peers) {
    const self = table.index.get(peer.id);
    if (self === undefined) {
      continue;
    }
    for (const connection of peer.netloom_connections || []) {
      const other = table.index.get(connection.peer_id);
      if (other === undefined || other === self) {
        continue;
      }
      const at = pairs.byKey.get(Math.min(self, other) * pairs.n + Math.max(self, other));
      if (at === undefined) {
        continue;
      }
      if (connection.connection_type === 'P2P') {
        pairs.paths[at] = 'direct';
      } else if (connection.connection_type === 'RELAYED' && pairs.paths[at] !== 'direct') {
        pairs.paths[at] = 'relayed';
      }
    }
  }
}

function pathStats(pairs) {
  const stats = { direct: 0, relayed: 0, none: 0, past: 0 };
  for (const path of pairs.paths) {
    stats[path] += 1;
  }
  return stats;
}

/** The peers the filter names, or null when there is no filter. */
function focusOf(table, { focusGroups, focusPeers, search }) {
  const wanted = new Set(focusGroups);
  const named = new Set(focusPeers);
  const text = search.trim().toLowerCase();
  if (wanted.size === 0 && named.size === 0 && !text) {
    return null;
  }
  const focus = new Set();
  for (let peer = 0; peer < table.ids.length; peer += 1) {
    if (named.has(table.ids[peer]) || table.groups[peer].some((group) => wanted.has(group))
      || (text && (table.names[peer].toLowerCase().includes(text) || table.ips[peer].includes(text)))) {
      focus.add(peer);
    }
  }
  return focus;
}

/** The focus and the peers it may reach or be reached from, when all fit; else the focus alone. */
function withNeighbours(focus, pairs, limit, notes) {
  const drawn = new Set(focus);
  for (let at = 0; at < pairs.count; at += 1) {
    if (focus.has(pairs.a[at])) {
      drawn.add(pairs.b[at]);
    } else if (focus.has(pairs.b[at])) {
      drawn.add(pairs.a[at]);
    }
  }
  if (drawn.size <= limit) {
    return drawn;
  }
  notes.push(`The chosen peers may reach or be reached from ${drawn.size - focus.size} other peers: too many to draw,`
    + ' so only the pairs among the chosen peers are drawn.');
  return new Set(focus);
}

function peerGraph(table, pairs, drawn, focus) {
  const order = [...drawn].sort((x, y) => groupLabel(table, x).localeCompare(groupLabel(table, y))
    || table.names[x].localeCompare(table.names[y]));
  const nodes = order.map((peer) => ({
    id: table.ids[peer], name: table.names[peer], ip: table.ips[peer], gone: table.gone[peer],
    focus: focus === null || focus.has(peer),
    groups: table.groups[peer].map((group) => table.groupNames.get(group) || group),
  }));
  const edges = [];
  const drawnStats = { direct: 0, relayed: 0, none: 0, past: 0 };
  let outside = 0;
  for (let at = 0; at < pairs.count; at += 1) {
    const inA = drawn.has(pairs.a[at]);
    const inB = drawn.has(pairs.b[at]);
    if (inA && inB) {
      edges.push(pairEdge(table, pairs, at));
      drawnStats[pairs.paths[at]] += 1;
    } else if (inA || inB) {
      outside += 1;
    }
  }
  return { nodes, edges, outside, drawnStats };
}

function groupLabel(table, peer) {
  return table.groupNames.get(table.groups[peer][0]) || '';
}

/** An edge between two peers; forward: a may reach b, backward: b may reach a. */
function pairEdge(table, pairs, at) {
  const a = pairs.a[at];
  const b = pairs.b[at];
  return {
    a: table.ids[a], aName: table.names[a], b: table.ids[b], bName: table.names[b],
    forward: (pairs.directions[at] & 1) !== 0, backward: (pairs.directions[at] & 2) !== 0, path: pairs.paths[at],
  };
}

/**
 * One node per group with the peers drawn in it, and one edge per pair of groups weighted by the peer pairs between
 * them. A peer in several groups counts in each, so a pair counts on every link between its peers' groups.
 */
function groupGraph(table, pairs, edgeLimit, samples) {
  const notes = [];
  const groupIndex = new Map();
  const groupIds = [];
  const members = [];
  const internal = [];
  const peerGroups = table.groups.map((ids) => ids.map((id) => {
    let at = groupIndex.get(id);
    if (at === undefined) {
      at = groupIds.length;
      groupIndex.set(id, at);
      groupIds.push(id);
      members.push(0);
      internal.push(0);
    }
    return at;
  }));
  for (const own of peerGroups) {
    for (const group of own) {
      members[group] += 1;
    }
  }
  const links = new Map();
  for (let at = 0; at < pairs.count; at += 1) {
    for (const x of peerGroups[pairs.a[at]]) {
      for (const y of peerGroups[pairs.b[at]]) {
        if (x === y) {
          internal[x] += 1;
          continue;
        }
        const key = x < y ? x * groupIds.length + y : y * groupIds.length + x;
        let link = links.get(key);
        if (link === undefined) {
          link = { x: Math.min(x, y), y: Math.max(x, y), pairs: 0, samples: [] };
          links.set(key, link);
        }
        link.pairs += 1;
        if (link.samples.length < samples) {
          link.samples.push(pairEdge(table, pairs, at));
        }
      }
    }
  }
  const nodes = groupIds.map((id, at) => ({ id, name: table.groupNames.get(id) || id, peers: members[at],
    internal: internal[at] })).sort((x, y) => x.name.localeCompare(y.name));
  let edges = [...links.values()];
  if (edges.length > edgeLimit) {
    notes.push(`${edges.length} links between groups; the ${edgeLimit} with the most peer pairs are drawn. Choose`
      + ' groups to see the others.');
    edges = edges.sort((p, q) => q.pairs - p.pairs).slice(0, edgeLimit);
  }
  return {
    nodes,
    edges: edges.map((link) => ({ source: groupIds[link.x], sourceName: table.groupNames.get(groupIds[link.x]),
      target: groupIds[link.y], targetName: table.groupNames.get(groupIds[link.y]), pairs: link.pairs,
      samples: link.samples })),
    notes,
  };
}

function peerList(table) {
  return table.ids.map((id, at) => ({ id, name: table.names[at], ip: table.ips[at], gone: table.gone[at] }));
}
