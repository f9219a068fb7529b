// A generated account for the console's picture checks: peers in groups (plus NetBird's "All"), policies between
// groups and the flows they allow, in the shapes of GET /api/peers, /api/groups and /api/netloom/reachability.

/** A small deterministic generator (mulberry32), so that every run sees the same account. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function account({ peers: peerCount, groups: groupCount, rules, seed = 7, p2pShare = 0.6 }) {
  const next = random(seed);
  const all = { id: 'g-all', name: 'All' };
  const groups = [all, ...Array.from({ length: groupCount }, (_, at) => ({ id: `g${at}`, name: `group-${at}` }))];
  const members = groups.map(() => []);
  const peers = Array.from({ length: peerCount }, (_, at) => {
    const own = new Set([1 + Math.floor(next() * groupCount)]);
    if (next() < 0.3) {
      own.add(1 + Math.floor(next() * groupCount));
    }
    for (const group of own) {
      members[group].push(at);
    }
    return {
      id: `p${at}`, name: `peer-${at}`, ip: `100.64.${at >> 8}.${at & 255}`,
      created_at: new Date(Date.UTC(2026, 0, 1) + at * 60000).toISOString(),
      groups: [all, ...[...own].map((group) => groups[group])], netloom_connections: [],
    };
  });
  const flows = [];
  const end = (at) => ({ id: peers[at].id, name: peers[at].name, ip: peers[at].ip });
  for (let rule = 0; rule < rules; rule += 1) {
    const from = members[1 + Math.floor(next() * groupCount)];
    const to = members[1 + Math.floor(next() * groupCount)];
    const both = next() < 0.5;
    for (const s of from) {
      for (const d of to) {
        if (s === d) {
          continue;
        }
        flows.push({ source: end(s), destination: end(d), protocol: 'tcp', ports: ['22'] });
        if (both) {
          flows.push({ source: end(d), destination: end(s), protocol: 'tcp', ports: ['22'] });
        }
      }
    }
  }
  // Some pairs report live paths: most direct, the rest relayed.
  for (let at = 0; at < flows.length; at += 7) {
    const flow = flows[at];
    const peer = peers[Number(flow.source.id.slice(1))];
    peer.netloom_connections.push({ peer_id: flow.destination.id, peer_name: flow.destination.name,
      connection_type: next() < p2pShare ? 'P2P' : 'RELAYED' });
  }
  return { peers, groups, flows };
}
