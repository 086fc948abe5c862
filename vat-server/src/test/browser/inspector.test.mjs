// The inspector page in a real browser: Debian's Chromium, driven by playwright-core (which
// downloads no browser), against a vat-server with traffic (InspectorTraffic). Run by ./run,
// which CI runs after the Maven build; ./run says what it needs.
//
// Every wait is for something on the page, with a timeout long enough for a loaded machine;
// nothing sleeps a fixed time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const WAIT = 90_000;
const java = process.env.ERG_JAVA;
const classpath = process.env.ERG_CLASSPATH;
const artifacts = process.env.ERG_ARTIFACTS;
const browserPath = process.env.ERG_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let scratch;
let server;
let url;
let context;
const problems = [];

// Starts InspectorTraffic and resolves with the inspector's URL once it prints it.
function startServer() {
  const child = spawn(java, ['--sun-misc-unsafe-memory-access=allow', '--enable-native-access=ALL-UNNAMED',
    '-cp', classpath, 'dev.erg.server.inspect.InspectorTraffic', join(scratch, 'server')],
  { stdio: ['pipe', 'pipe', 'inherit'] });
  const printed = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server printed no inspector URL in time')), WAIT);
    createInterface({ input: child.stdout }).on('line', line => {
      if (line.startsWith('inspector ')) {
        clearTimeout(timer);
        resolve(line.slice('inspector '.length).trim());
      }
    });
    child.on('exit', code => reject(new Error('the server exited early, status ' + code)));
  });
  return { child, printed };
}

// The cells of the table `name` as text, one array per row.
async function rows(page, name) {
  return page.$$eval(`table[data-table="${name}"] tbody tr`,
    trs => trs.map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent)));
}

before(async () => {
  assert.ok(java && classpath && artifacts, 'ERG_JAVA, ERG_CLASSPATH and ERG_ARTIFACTS are set by ./run');
  scratch = mkdtempSync(join(tmpdir(), 'erg-inspector-'));
  mkdirSync(artifacts, { recursive: true });
  server = startServer();
  url = await server.printed;
  context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: browserPath,
    headless: true,
    chromiumSandbox: false,
    args: FLAGS,
    viewport: { width: 1400, height: 1000 },
  });
});

after(async () => {
  await context?.close();
  if (server) {
    const exited = new Promise(resolve => server.child.on('exit', resolve));
    server.child.stdin.end();
    await exited;
  }
  if (scratch) {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('the inspector page shows the vats, the session and its tables, and follows them live', async () => {
  const page = await context.newPage();
  page.on('console', message => {
    if (message.type() === 'error') {
      problems.push('console: ' + message.text());
    }
  });
  page.on('pageerror', error => problems.push('page: ' + error.message));

  const response = await page.goto(url);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['referrer-policy'], 'no-referrer');
  await page.waitForSelector('body[data-state="live"]', { timeout: WAIT });

  // Both services, the counter having run turns for the client's calls.
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('table[data-table="vats"] tbody tr')].map(tr => tr.cells[0].textContent);
    return cells.includes('counter') && cells.includes('hello');
  }, null, { timeout: WAIT });
  const vats = await rows(page, 'vats');
  assert.deepEqual(vats.map(r => r[0]), ['counter', 'hello']);
  const turnsBefore = Number(vats[0][3]);
  assert.ok(turnsBefore > 0, 'the counter has run turns: ' + vats[0]);

  // The client's session, holding at least the two services it called.
  await page.waitForSelector('table[data-table="peers"] tbody tr', { timeout: WAIT });
  const peers = await rows(page, 'peers');
  assert.equal(peers.length, 1, 'one session: ' + JSON.stringify(peers));
  const [, messagesIn, messagesOut, exports] = peers[0].map(Number);
  assert.ok(messagesIn > 0 && messagesOut > 0, 'messages both ways: ' + peers[0]);
  assert.ok(exports >= 2, 'the counter and the greeter exported to the client: ' + peers[0]);

  // Recent turns, the store, and the panels that have nothing to show say so.
  assert.ok((await rows(page, 'turns')).length > 0, 'recent turns are listed');
  assert.equal((await rows(page, 'store'))[0][0], 'up');
  assert.match(await page.textContent('#outboxes'), /no durable letters sent/);
  assert.match(await page.textContent('#server'), /sessions\s*1/);

  // Live: the page redraws as the traffic goes on, without being reloaded.
  await page.waitForFunction(before => {
    const row = [...document.querySelectorAll('table[data-table="vats"] tbody tr')]
      .find(tr => tr.cells[0].textContent === 'counter');
    return row && Number(row.cells[3].textContent) > before;
  }, turnsBefore, { timeout: WAIT });

  await page.screenshot({ path: join(artifacts, 'inspector.png'), fullPage: true });
  assert.deepEqual(problems, [], 'no script errors and nothing the content security policy refused');
  await page.close();
});

test('a wrong capability URL shows nothing', async () => {
  const secret = url.split('/').at(-2);
  const wrong = url.replace(secret, (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1));
  const response = await context.request.get(wrong + 'snapshot.json');
  assert.equal(response.status(), 404);
  assert.equal(await response.text(), '');
});
