// Times the picture's summary on a big generated account: node picture-model-bench.mjs [peers groups rules]
// Prints the time only; it asserts nothing about it (a shared machine's timings are not a test).
import { summarise } from '../../main/resources/console/pages/picture-model.js';
import { account } from './generated-account.mjs';

const [peers = 5000, groups = 200, rules = 300] = process.argv.slice(2).map(Number);
const { peers: list, groups: groupList, flows } = account({ peers, groups, rules });
console.log(`${list.length} peers, ${groupList.length} groups, ${flows.length} flows`);
const runs = [];
let summary;
for (let run = 0; run < 7; run += 1) {
  const start = process.hrtime.bigint();
  summary = summarise(list, groupList, flows, {});
  runs.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const start = process.hrtime.bigint();
const filtered = summarise(list, groupList, flows, { focusGroups: ['g5'] });
const filteredMs = Number(process.hrtime.bigint() - start) / 1e6;
const sorted = [...runs].sort((x, y) => x - y);
console.log(`summary: mode ${summary.mode}, ${summary.nodes.length} nodes, ${summary.edges.length} edges,`
  + ` ${summary.pairCount} pairs; ms per run: first ${runs[0].toFixed(1)}, median ${sorted[3].toFixed(1)},`
  + ` max ${sorted[6].toFixed(1)}`);
console.log(`one group chosen: mode ${filtered.mode}, ${filtered.nodes.length} nodes, ${filtered.edges.length} edges,`
  + ` ${filteredMs.toFixed(1)} ms; notes: ${filtered.notes.join(' ')}`);
