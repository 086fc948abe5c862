// The inspector page: polls snapshot.json, relative to the page's own capability URL, and
// redraws each panel from it. Every text from the server is set as text, never as markup:
// vat ids, problem kinds and alarms may come from peers.
'use strict';

const POLL_MILLIS = 1000;
const DECADES = ['<10µs', '<100µs', '<1ms', '<10ms', '<100ms', '<1s', '≥1s'];

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// A table of rows, one per item; columns are [heading, value of an item, class of the cell].
function table(name, columns, items) {
  const head = el('tr', {}, ...columns.map(([heading, , kind]) => el('th', kind ? { class: kind } : {}, heading)));
  const rows = items.map(item => el('tr', {}, ...columns.map(([, value, kind]) => {
    const cell = el('td', kind ? { class: kind } : {});
    const shown = value(item);
    cell.append(shown instanceof Node ? shown : String(shown));
    if (kind === 'id') {
      cell.title = String(shown);
    }
    return cell;
  })));
  return el('table', { 'data-table': name }, el('thead', {}, head), el('tbody', {}, ...rows));
}

function empty(text) {
  return el('p', { class: 'empty' }, text);
}

function bars(counts) {
  const most = Math.max(1, ...counts);
  const holder = el('span', { class: 'bars', title: counts.map((c, i) => DECADES[i] + ': ' + c).join(', ') });
  counts.forEach(count => {
    const bar = el('span', count === 0 ? { class: 'none' } : {});
    bar.style.height = Math.max(1, Math.round(24 * count / most)) + 'px';
    holder.append(bar);
  });
  return holder;
}

function duration(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
  return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + s + 's';
}

// Each panel draws one part of a snapshot; a new view (such as the causality graph of a
// message) is one more entry here.
const PANELS = [
  {
    id: 'vats', title: 'Vats', wide: true,
    render: s => s.vats.length === 0 ? empty('no services hosted') : table('vats', [
      ['vat', v => v.name],
      ['maker', v => v.maker],
      ['queued', v => v.queued, 'num'],
      ['turns', v => v.turns, 'num'],
      ['messages in', v => v.messagesIn, 'num'],
      ['turn times (' + DECADES[0] + ' … ' + DECADES[DECADES.length - 1] + ')', v => bars(v.turnDecades)],
      ['last turn', v => v.recentTurns.length ? v.recentTurns[0].micros + ' µs, ' + v.recentTurns[0].agoMillis + ' ms ago' : '—'],
    ], s.vats),
  },
  {
    id: 'peers', title: 'Sessions and peers', wide: true,
    render: s => s.peers.length === 0 ? empty('no live sessions') : table('peers', [
      ['peer vat', p => p.vatId, 'id'],
      ['messages in', p => p.messagesIn, 'num'],
      ['messages out', p => p.messagesOut, 'num'],
      ['exports', p => p.exports, 'num'],
      ['imports', p => p.imports, 'num'],
      ['questions', p => p.questions, 'num'],
      ['answers', p => p.answers, 'num'],
    ], s.peers),
  },
  {
    id: 'turns', title: 'Recent turns',
    render: s => {
      const turns = s.vats.flatMap(v => v.recentTurns.map(t => ({ vat: v.name, ...t })))
        .sort((a, b) => a.agoMillis - b.agoMillis).slice(0, 20);
      return turns.length === 0 ? empty('no turns yet') : table('turns', [
        ['vat', t => t.vat],
        ['turn', t => t.number, 'num'],
        ['took µs', t => t.micros, 'num'],
        ['ended ms ago', t => t.agoMillis, 'num'],
      ], turns);
    },
  },
  {
    id: 'outboxes', title: 'Outbox streams',
    render: s => !s.outboxesRead ? empty('the outbox did not answer in time')
      : s.outboxes.length === 0 ? empty('no durable letters sent') : table('outboxes', [
        ['to vat', o => o.vatId, 'id'],
        ['waiting', o => o.waiting, 'num'],
        ['reachable', o => o.available ? 'yes' : 'no'],
        ['stopped', o => o.stopped || '—'],
      ], s.outboxes),
  },
  {
    id: 'store', title: 'Durable store and alarms',
    render: s => el('div', {},
      table('store', [
        ['state', st => st.state],
        ['since', st => st.since],
        ['outages', st => st.outages, 'num'],
        ['cause', st => st.cause || '—'],
      ], [s.store]),
      s.alarms.length === 0 ? empty('no alarms') : el('ul', { class: 'alarms', 'data-table': 'alarms' },
        ...s.alarms.map(a => el('li', {}, a)))),
  },
  {
    id: 'broken', title: 'Broken promises by kind',
    render: s => {
      const kinds = Object.entries(s.brokenPromises).sort((a, b) => b[1] - a[1]);
      return kinds.length === 0 ? empty('none broken') : table('broken', [
        ['problem kind', k => k[0]],
        ['promises', k => k[1], 'num'],
      ], kinds);
    },
  },
];

function renderServer(s) {
  const fields = [
    ['vat id', s.server.vatId], ['listening on', s.server.address], ['up for', duration(s.server.uptimeSeconds)],
    ['sessions', s.server.sessions], ['messages sent', s.server.messagesSent],
    ['durable turns', s.server.durableTurns], ['store generation', s.server.generation],
  ];
  document.getElementById('server').replaceChildren(...fields.map(([name, value]) =>
    el('div', {}, el('dt', {}, name), el('dd', { title: String(value) }, value))));
}

function render(s) {
  renderServer(s);
  for (const panel of PANELS) {
    document.getElementById(panel.id + '-body').replaceChildren(panel.render(s));
  }
}

function setState(state, text) {
  document.body.dataset.state = state;
  document.getElementById('status').textContent = text;
}

async function poll() {
  try {
    const response = await fetch('snapshot.json', { cache: 'no-store' });
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    const snapshot = await response.json();
    render(snapshot);
    setState('live', 'live — updated ' + new Date(snapshot.takenAt).toLocaleTimeString());
  } catch (e) {
    const live = document.body.dataset.state === 'live' || document.body.dataset.state === 'stale';
    setState(live ? 'stale' : 'failed', (live ? 'stale: ' : 'cannot reach the server: ') + e.message);
  } finally {
    setTimeout(poll, POLL_MILLIS);
  }
}

document.getElementById('panels').replaceChildren(...PANELS.map(panel =>
  el('section', { class: panel.wide ? 'panel wide' : 'panel', id: panel.id },
    el('h2', {}, panel.title), el('div', { id: panel.id + '-body' }))));
poll();
