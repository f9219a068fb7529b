// Times the picture's summary on a big generated account: node picture-model-bench.mjs [peers groups rules]
// Prints the times only; it asserts nothing about them (a shared machine's timings are not a test).
import { prepare, view } from '../../main/resources/console/pages/picture-model.js';
import { account } from './generated-account.mjs';

const [peers = 5000, groups = 200, rules = 300] = process.argv.slice(2).map(Number);
const { peers: list, groups: groupList, flows } = account({ peers, groups, rules });
console.log(`${list.length} peers, ${groupList.length} groups (with All), ${flows.length} flows`);

function time(task, runs = 7) {
  const times = [];
  let result;
  for (let run = 0; run < runs; run += 1) {
    const start = process.hrtime.bigint();
    result = task();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...times].sort((x, y) => x - y);
  return { result, text: `first ${times[0].toFixed(1)} ms, median ${sorted[runs >> 1].toFixed(1)} ms,`
    + ` max ${sorted[runs - 1].toFixed(1)} ms` };
}

const prepared = time(() => prepare(list, groupList, flows, {}));
console.log(`prepare (the one pass over the flows): ${prepared.text}; ${prepared.result.pairs.count} distinct pairs`);
const whole = time(() => view(prepared.result, {}));
console.log('view, whole account (the first summarises the groups, the others reuse it):'
  + `\n  ${whole.text}; mode ${whole.result.mode}, ${whole.result.nodes.length} nodes,`
  + ` ${whole.result.edges.length} edges drawn`);
const chosen = time(() => view(prepared.result, { focusGroups: ['g5'] }));
console.log(`view, one group chosen: ${chosen.text}; mode ${chosen.result.mode}, ${chosen.result.nodes.length} nodes,`
  + ` ${chosen.result.edges.length} edges`);
const searched = time(() => view(prepared.result, { search: 'peer-42' }));
console.log(`view, name search: ${searched.text}; mode ${searched.result.mode}, ${searched.result.nodes.length} nodes`);
