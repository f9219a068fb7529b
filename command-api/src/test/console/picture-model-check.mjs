// Checks the picture's summary on small accounts whose answer is known: node picture-model-check.mjs
import assert from 'node:assert/strict';
import { prepare, summarise, view } from '../../main/resources/console/pages/picture-model.js';
import { account } from './generated-account.mjs';

const all = { id: 'g-all', name: 'All' };
const staff = { id: 'g-staff', name: 'staff' };
const servers = { id: 'g-servers', name: 'servers' };
const peer = (id, groups, connections = [], created = '2026-01-01T00:00:00Z') => ({ id, name: id,
  ip: `100.64.0.${id.length}`, created_at: created, groups: [all, ...groups], netloom_connections: connections });
const end = (id) => ({ id, name: id, ip: '' });
const flow = (s, d, protocol = 'all') => ({ source: end(s), destination: end(d), protocol, ports: [] });
const peers = [
  peer('laptop', [staff], [{ peer_id: 'db', connection_type: 'RELAYED' }, { peer_id: 'web', connection_type: 'P2P' }]),
  peer('db', [servers], [{ peer_id: 'laptop', connection_type: 'P2P' }]),
  peer('web', [servers]),
  peer('idle', []),
  peer('late', [servers], [], '2026-06-01T00:00:00Z'),
];
const groups = [all, staff, servers];
// laptop reaches db (two flows, one pair) and web; web and db reach each other; a deleted peer reached db.
const flows = [flow('laptop', 'db', 'tcp'), flow('laptop', 'db', 'udp'), flow('laptop', 'web'), flow('web', 'db'),
  flow('db', 'web'), flow('old', 'db')];

const live = summarise(peers, groups, flows);
assert.equal(live.mode, 'peers');
assert.equal(live.pairCount, 4);
const edge = (summary, a, b) => summary.edges.find((e) => (e.a === a && e.b === b) || (e.a === b && e.b === a));
assert.equal(edge(live, 'laptop', 'db').path, 'direct', 'a P2P report of either end makes the pair direct');
assert.equal(edge(live, 'laptop', 'web').path, 'direct');
assert.equal(edge(live, 'web', 'db').path, 'none', 'allowed but neither end reports a path');
const laptopDb = edge(live, 'laptop', 'db');
assert.equal(laptopDb.a === 'laptop' ? laptopDb.forward : laptopDb.backward, true);
assert.equal(laptopDb.a === 'laptop' ? laptopDb.backward : laptopDb.forward, false, 'db may not reach laptop');
const webDb = edge(live, 'web', 'db');
assert.ok(webDb.forward && webDb.backward);
assert.deepEqual(live.stats, { direct: 2, relayed: 0, none: 2, past: 0 });
assert.deepEqual(live.drawnStats, live.stats, 'every pair is drawn');
assert.ok(live.nodes.find((n) => n.id === 'old').gone, 'a peer only the flows name is marked deleted');
assert.equal(live.nodes.length, 6);

const past = summarise(peers, groups, flows, { live: false, at: '2026-03-01T00:00:00Z' });
assert.ok(!past.nodes.some((n) => n.id === 'late'), 'a peer enrolled after the instant is left out');
assert.ok(past.edges.every((e) => e.path === 'past'), 'paths are not known for the past');
assert.equal(past.stats.past, 4);

const grouped = summarise(peers, groups, flows, { limit: 3 });
assert.equal(grouped.mode, 'groups');
assert.ok(!grouped.nodes.some((n) => n.name === 'All'), 'the All group is not drawn');
const staffServers = grouped.edges.find((e) => e.sourceName === 'staff' || e.targetName === 'staff');
assert.equal(staffServers.pairs, 2, 'laptop-db and laptop-web');
assert.equal(staffServers.samples.length, 2);
assert.equal(grouped.nodes.find((n) => n.name === 'servers').internal, 1, 'web-db inside servers');
assert.equal(grouped.nodes.find((n) => n.name === 'servers').peers, 3);
assert.equal(grouped.nodes.find((n) => n.name === '(in no group)').peers, 1);

const prepared = prepare(peers, groups, flows);
const searched = view(prepared, { search: 'lap' });
assert.equal(searched.mode, 'peers');
assert.deepEqual(searched.nodes.map((n) => n.id).sort(), ['db', 'laptop', 'web'], 'the match and its neighbours');
assert.deepEqual(searched.nodes.filter((n) => n.focus).map((n) => n.id), ['laptop']);
const tight = view(prepared, { search: 'lap', limit: 2 });
assert.deepEqual(tight.nodes.map((n) => n.id), ['laptop']);
assert.equal(tight.outside, 2, 'the pairs to peers outside the picture are counted');
assert.equal(view(prepared, { search: 'nothing-like-this' }).nodes.length, 0);
assert.equal(view(prepared, { focusGroups: ['g-servers'] }).nodes.filter((n) => n.focus).length, 3);

// Many groups: the heaviest links are kept, and each pair of a big account counts once per pair of its groups.
const big = account({ peers: 600, groups: 40, rules: 40 });
const summary = summarise(big.peers, big.groups, big.flows, { edgeLimit: 10 });
assert.equal(summary.mode, 'groups');
assert.equal(summary.edges.length, 10);
assert.ok(summary.edges.every((e, at) => at === 0 || summary.edges[at - 1].pairs >= e.pairs));
const distinct = new Set(big.flows.map((f) => [f.source.id, f.destination.id].sort().join('|'))).size;
assert.equal(summary.pairCount, distinct);
const kept = prepare(big.peers, big.groups, big.flows);
const once = view(kept, { edgeLimit: 10 });
view(kept, { focusGroups: ['g1'], edgeLimit: 10 });
const again = view(kept, { edgeLimit: 10 });
assert.deepEqual(again.edges, once.edges, 'the kept group summary is the same after a filter');
assert.equal(again.notes.length, 1, 'the note about the links left out stays, once');
assert.equal(view(kept, { edgeLimit: 5 }).edges.length, 5, 'another limit summarises again');
console.log('picture-model: all checks passed');
