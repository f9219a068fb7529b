// The picture and history pages in headless Chromium, against a scripted API, under the console's CSP:
//   node --experimental-websocket command-api/src/test/console/picture-browser-check.mjs   (Node 20; 22 needs no flag)
// Needs `chromium` on the PATH and ECharts' WebJar in the local Maven repository. Asserts what the data-test hooks
// show; prints the drawing times of the 5,000-peer account without asserting them (a shared machine's timings).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const consoleDir = path.resolve(here, '../../main/resources/console');
const webjar = path.join(os.homedir(), '.m2/repository/org/webjars/npm/echarts/5.3.1/echarts-5.3.1.jar');
const echarts = execFileSync('unzip', ['-p', webjar, 'META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js'],
  { maxBuffer: 8 << 20 });
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'";
if (typeof WebSocket !== 'function') {
  throw new Error('this check talks to Chromium over a WebSocket: run it with node --experimental-websocket');
}

const server = http.createServer((request, response) => {
  const { pathname } = new URL(request.url, 'http://localhost');
  const send = (body, type) => {
    response.writeHead(200, { 'Content-Type': type, 'Content-Security-Policy': CSP });
    response.end(body);
  };
  if (pathname === '/webjars/echarts/5.3.1/dist/echarts.min.js') {
    send(echarts, 'text/javascript');
    return;
  }
  const roots = [['/console/', consoleDir], ['/check/', here]];
  for (const [prefix, dir] of roots) {
    const file = path.join(dir, pathname.slice(prefix.length));
    if (pathname.startsWith(prefix) && file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      send(fs.readFileSync(file), { '.css': 'text/css', '.html': 'text/html' }[path.extname(file)]
        || 'text/javascript');
      return;
    }
  }
  response.writeHead(404);
  response.end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'picture-check-'));
const browser = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-port=0',
  `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function devtools() {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const file = path.join(profile, 'DevToolsActivePort');
    if (fs.existsSync(file)) {
      const [port] = fs.readFileSync(file, 'utf8').split('\n');
      const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
      const page = targets.find((target) => target.type === 'page');
      if (page) {
        return page.webSocketDebuggerUrl;
      }
    }
    await sleep(100);
  }
  throw new Error('Chromium did not open its DevTools port');
}

const socket = new WebSocket(await devtools());
await new Promise((resolve) => socket.addEventListener('open', resolve));
let sequence = 0;
const pending = new Map();
socket.addEventListener('message', (message) => {
  const answer = JSON.parse(message.data);
  pending.get(answer.id)?.(answer);
  pending.delete(answer.id);
});
const command = (method, params = {}) => new Promise((resolve) => {
  sequence += 1;
  pending.set(sequence, resolve);
  socket.send(JSON.stringify({ id: sequence, method, params }));
});

async function run(query, width = 1200) {
  await command('Emulation.setDeviceMetricsOverride', { width, height: 1400, deviceScaleFactor: 1,
    mobile: width < 500 });
  await command('Page.navigate', { url: `${origin}/check/browser-harness.html?${query}` });
  for (let attempt = 0; attempt < 600; attempt += 1) {
    await sleep(200);
    const answer = await command('Runtime.evaluate', { returnByValue: true,
      expression: "document.title === 'done' ? document.getElementById('out').textContent : ''" });
    const value = answer.result?.result?.value;
    if (value) {
      const out = JSON.parse(value);
      assert.equal(out.error, undefined, `${query}: ${out.error}`);
      assert.deepEqual(out.csp, [], `${query}: nothing breaks the console's CSP`);
      return out;
    }
  }
  throw new Error(`${query}: the page did not finish`);
}

try {
  const picture = await run('scenario=picture');
  assert.equal(picture.mode, 'peers');
  assert.match(picture.at, /^Now /);
  assert.deepEqual(picture.links, ['db-web none dotted', 'laptop-db direct solid', 'laptop-web relayed dashed'],
    'each path has its own line style');
  assert.match(picture.legend, /Solid line: direct \(P2P\).*Dashed line: relayed.*Dotted line: allowed, no live path/);
  assert.match(picture.explained.result, /laptop → db: allowed/);
  assert.match(picture.explained.result, /policy “ssh”.*via source groups staff and destination groups servers/);
  assert.equal(picture.explained.focused, 'explain-result', 'the answer takes the focus');
  assert.match(picture.unknown.problem, /no peer matches "nobody"/);
  assert.match(picture.clicked, /(allowed|denied)/, 'selecting a line explains it');
  assert.equal(picture.searched.mode, 'peers');
  assert.match(picture.searched.hash, /search=printer/, 'the filter is in the address');

  const badAt = await run('scenario=badAt&hash=at%3Dbad');
  assert.match(badAt.problem, /RFC 3339/, "the server's message is shown");

  const user = await run('scenario=user&role=user');
  assert.match(user.text, /Only owners, admins and auditors/);

  const history = await run('scenario=history');
  assert.deepEqual([history.timeline.hidden, history.timeline.canvas], [false, true]);
  assert.match(history.timeline.label, /allowed during 2 intervals/);
  assert.equal(history.events.length, 3, 'opened, closed, opened again');
  assert.match(history.events[0], /opened.*PolicyCreated #40.*alice/);
  assert.match(history.events[1], /closed.*PolicyUpdated #60/);
  assert.equal(history.hash, '#/history?source=laptop&destination=db');
  assert.equal(history.stops, 9, 'one stop after each of 8 events, and now');
  assert.match(history.beforePolicy.status, /0 pairs that may reach/);
  assert.match(history.afterPolicy.status, /2 pairs that may reach/, 'the policy drew its edges');
  assert.match(history.afterDisabling.status, /0 pairs that may reach/, 'disabling it took them away');
  assert.match(history.now.status, /2 pairs that may reach/);
  assert.match(history.afterPolicy.at, /just after: Policy created by alice/);
  assert.match(history.afterPolicy.pictureAt, /^As it was at /);
  assert.match(history.hashAtStop, /&at=/, 'the instant is in the address');
  assert.match(history.fromEvent.at, /just after: Policy created/, 'an event of the list moves the slider to it');

  const big = await run('scenario=big');
  assert.equal(big.mode, 'groups');
  assert.match(big.status, /^5000 peers, .* 200 groups and 300 links between them drawn/);
  assert.equal(big.chosen.mode, 'peers');
  assert.match(big.chosen.hash, /groups=/);
  assert.equal(big.whole, 'groups');
  assert.match(big.pairs, /^Peer pairs between .* and .*(The first 20 of \d+ pairs|\d+ pairs)/);
  assert.match(big.pairExplained, /allowed/);
  assert.equal(big.node.mode, 'peers', 'selecting a group draws its peers');
  console.log(`5,000 peers in the browser: first picture ${big.firstDrawMs} ms (loading ECharts, the pass over the`
    + ` flows, drawing), one group chosen ${big.groupChosenMs} ms, the whole account again ${big.wholeAgainMs} ms`);

  const narrow = await run('scenario=history', 375);
  assert.equal(narrow.stops, 9, 'the history works 375 px wide');
  console.log('picture-browser-check: all checks passed');
} finally {
  socket.close();
  server.close();
  // Chromium's helper processes write the profile a little after the browser process has exited.
  const exited = new Promise((resolve) => browser.once('exit', resolve));
  browser.kill();
  await exited;
  for (let attempt = 0; attempt < 10 && fs.existsSync(profile); attempt += 1) {
    await sleep(300);
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}
