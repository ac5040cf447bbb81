// The standalone server's demo page: chat rooms, members (presence), RPC with progress and cancel,
// and a connection indicator with a "drop connection" button. Built only on /switchboard/switchboard.js.
import { Switchboard } from '/switchboard/switchboard.js';

const ROOMS = ['lobby', 'random', 'support'];
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

const view = {
  current: params.get('room') && ROOMS.includes(params.get('room')) ? params.get('room') : 'lobby',
  joined: new Set(),
  messages: new Map(ROOMS.map((room) => [room, []])),
  unread: new Map(ROOMS.map((room) => [room, 0])),
  members: new Map(),
  presence: 'unknown', // 'unknown' | 'on' | 'off'
  presenceReason: '',
  stats: { reconnects: 0, resumes: 0, replayed: 0 },
};

// ---- credentials: ?token=…, else a demo token for ?user=… or a guest ----

async function credentials() {
  const token = params.get('token');
  if (token) return { token };
  const stored = sessionStorage.getItem('switchboard-demo-token');
  if (stored && !params.get('user')) return { token: stored };
  const user = params.get('user') || '';
  const response = await fetch('/demo/token?user=' + encodeURIComponent(user), { cache: 'no-store' });
  if (!response.ok) {
    $('signin').hidden = false;
    throw new Error('No token: paste one, or open the link the server printed (…/?token=…)');
  }
  const issued = await response.json();
  sessionStorage.setItem('switchboard-demo-token', issued.token);
  return { token: issued.token };
}

const path = window.SWITCHBOARD_PATH || '/ws';
const reconnectDelay = Number(params.get('reconnectDelay')) || 250;
const sb = new Switchboard(path, { credentials, reconnectDelay, maxReconnectDelay: Math.max(10000, reconnectDelay) });
window.demo = { sb, view };
let slowControl = null;

// ---- rendering ----

const time = (ms) => new Date(ms || Date.now()).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const initials = (name) => (name || '?').replace(/[^A-Za-z0-9]/g, '').slice(0, 2).toUpperCase() || '?';
const hue = (name) => [...(name || '')].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function avatar(name) {
  const node = element('span', 'avatar', initials(name));
  node.style.setProperty('--hue', hue(name));
  return node;
}

function activity(text, kind = 'info') {
  const item = element('li', 'act ' + kind);
  item.append(element('time', '', time()), element('span', '', text));
  $('activity').prepend(item);
  while ($('activity').children.length > 40) $('activity').lastChild.remove();
}

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status-text').textContent = text;
  const live = state === 'open';
  $('drop').disabled = !live;
  $('time').disabled = !live;
  if (!slowControl) $('slow').disabled = !live;
  $('room-toggle').disabled = !(live || state === 'reconnecting');
}

function renderStats() {
  $('stat-reconnects').textContent = view.stats.reconnects;
  $('stat-resumes').textContent = view.stats.resumes;
  $('stat-replayed').textContent = view.stats.replayed;
}

function renderRooms() {
  const list = $('rooms');
  list.replaceChildren(...ROOMS.map((room) => {
    const item = element('li', 'room' + (room === view.current ? ' active' : '') + (view.joined.has(room) ? ' joined' : ''));
    item.dataset.room = room;
    item.append(element('span', 'hash', '#'), element('span', 'name', room));
    const unread = view.unread.get(room);
    if (unread > 0 && room !== view.current) item.append(element('span', 'badge', String(unread)));
    else if (view.joined.has(room)) item.append(element('span', 'joined-mark', 'joined'));
    item.onclick = () => select(room);
    return item;
  }));
  const joined = view.joined.has(view.current);
  $('room-title').textContent = '# ' + view.current;
  $('room-sub').textContent = joined ? 'You are in this room' : 'Not joined yet';
  $('room-toggle').textContent = joined ? 'Leave' : 'Join';
  $('room-toggle').classList.toggle('primary', !joined);
  $('composer-input').disabled = !joined;
  $('send').disabled = !joined;
  $('composer-input').placeholder = joined ? `Message #${view.current}` : 'Join the room to chat';
}

function renderMessages() {
  const list = $('messages');
  const messages = view.messages.get(view.current);
  if (messages.length === 0) {
    list.replaceChildren(element('li', 'empty', view.joined.has(view.current) ? 'No messages yet. Say hello!' : 'Join #' + view.current + ' to see its messages.'));
    return;
  }
  list.replaceChildren(...messages.map((m) => {
    const item = element('li', 'msg' + (m.from === sb.userId ? ' mine' : ''));
    item.dataset.room = m.room;
    const body = element('div', 'body');
    const head = element('div', 'head');
    head.append(element('span', 'from', m.from), element('time', '', time(m.time)));
    body.append(head, element('p', 'text', m.text));
    item.append(avatar(m.from), body);
    return item;
  }));
  list.scrollTop = list.scrollHeight;
}

function renderMembers() {
  const note = $('members-note');
  const list = $('members');
  if (view.presence === 'off') {
    list.replaceChildren();
    $('members-count').textContent = '';
    note.hidden = false;
    note.textContent = `Presence unavailable on this server (${view.presenceReason}).`;
    return;
  }
  const members = view.members.get(view.current) || [];
  note.hidden = view.joined.has(view.current) && members.length > 0;
  note.textContent = view.joined.has(view.current) ? 'Nobody here yet.' : 'Join the room to see who is in it.';
  $('members-count').textContent = members.length ? String(members.length) : '';
  const byUser = new Map();
  for (const m of members) byUser.set(m.userId, (byUser.get(m.userId) || 0) + 1);
  list.replaceChildren(...[...byUser].map(([user, tabs]) => {
    const item = element('li', 'member');
    item.append(avatar(user), element('span', 'name', user + (user === sb.userId ? ' (you)' : '')));
    if (tabs > 1) item.append(element('span', 'tabs', tabs + ' tabs'));
    return item;
  }));
}

function render() {
  renderRooms();
  renderMessages();
  renderMembers();
}

function select(room) {
  view.current = room;
  view.unread.set(room, 0);
  render();
  if (view.joined.has(room)) refreshMembers(room);
}

// ---- presence ----

async function refreshMembers(room) {
  if (view.presence === 'off') return;
  try {
    view.members.set(room, await sb.presence(room));
    view.presence = 'on';
  } catch (e) {
    if (e.code === 'NOT_IN_ROOM' || e.code === 'DISCONNECTED') return;
    view.presence = 'off';
    view.presenceReason = e.code || 'error';
  }
  renderMembers();
}

sb.on('presence', ({ room, joined, left }) => {
  const gone = new Set(left.map((m) => m.clientId));
  const members = (view.members.get(room) || []).filter((m) => !gone.has(m.clientId));
  for (const m of joined) if (!members.some((x) => x.clientId === m.clientId)) members.push(m);
  view.members.set(room, members);
  if (room === view.current) renderMembers();
});

// ---- rooms and chat ----

async function toggleRoom() {
  const room = view.current;
  try {
    if (view.joined.has(room)) {
      await sb.leave(room);
      view.joined.delete(room);
      view.members.delete(room);
      activity(`Left #${room}`);
    } else {
      const { rooms, rejected } = await sb.join(room);
      if (rooms.includes(room)) {
        view.joined.add(room);
        activity(`Joined #${room}`);
        refreshMembers(room);
      } else if (rejected.includes(room)) {
        activity(`The server refused #${room}`, 'warn');
      }
    }
  } catch (e) {
    activity(`${room}: ${e.code || e.message}`, 'warn');
  }
  render();
}

sb.on('chat:message', (message) => {
  const list = view.messages.get(message.room);
  if (!list) return;
  list.push(message);
  if (message.room === view.current) renderMessages();
  else {
    view.unread.set(message.room, view.unread.get(message.room) + 1);
    renderRooms();
  }
});

$('room-toggle').onclick = toggleRoom;
$('composer').onsubmit = async (event) => {
  event.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  try {
    await sb.request('chat:send', { room: view.current, text });
  } catch (e) {
    activity(`Not sent (${e.code || e.message}): ${text}`, 'warn');
  }
};

// ---- RPC ----

$('time').onclick = async () => {
  const started = performance.now();
  try {
    const answer = await sb.request('system:time');
    const took = Math.round(performance.now() - started);
    $('time-result').textContent = `${new Date(answer.epochMillis).toLocaleString()} · ${took} ms round trip`;
  } catch (e) {
    $('time-result').textContent = 'Failed: ' + (e.code || e.message);
  }
};

$('slow').onclick = async () => {
  slowControl = new AbortController();
  $('slow').disabled = true;
  $('slow-cancel').disabled = false;
  $('slow-bar').style.width = '0%';
  $('slow-result').textContent = 'Working…';
  $('slow-result').dataset.outcome = 'running';
  try {
    const value = await sb.request('system:delay', { ms: 5000, value: 'Report ready' }, {
      signal: slowControl.signal,
      onProgress: ({ elapsedMs, totalMs }) => {
        $('slow-bar').style.width = Math.min(100, (100 * elapsedMs) / totalMs).toFixed(1) + '%';
        $('slow-result').textContent = `Working… ${(elapsedMs / 1000).toFixed(1)} s of ${totalMs / 1000} s`;
      },
    });
    $('slow-bar').style.width = '100%';
    $('slow-result').textContent = 'Done: ' + value;
    $('slow-result').dataset.outcome = 'done';
  } catch (e) {
    $('slow-result').textContent = e.code === 'REQUEST_CANCELLED' ? 'Cancelled' : 'Failed: ' + (e.code || e.message);
    $('slow-result').dataset.outcome = e.code || 'error';
  } finally {
    slowControl = null;
    $('slow').disabled = sb.state !== 'open';
    $('slow-cancel').disabled = true;
  }
};
$('slow-cancel').onclick = () => slowControl && slowControl.abort();

$('status').onclick = () => sb.reconnectNow();
$('drop').onclick = async () => {
  try {
    await sb.request('demo:drop');
    activity('The server is cutting this socket…');
  } catch (e) {
    activity('Drop failed: ' + (e.code || e.message), 'warn');
  }
};

// ---- connection ----

sb.on('connected', (me) => {
  $('me').hidden = false;
  $('me-avatar').replaceWith(Object.assign(avatar(me.userId), { id: 'me-avatar' }));
  $('me-name').textContent = me.userId;
  setStatus('open', 'Connected');
});
sb.on('reconnecting', ({ attempt, delay }) => {
  if (attempt === 1) view.stats.reconnects++;
  renderStats();
  setStatus('reconnecting', `Reconnecting · attempt ${attempt} · retry now`);
  activity(`Connection lost — retrying in ${delay} ms (attempt ${attempt})`, 'warn');
});
sb.on('resumed', ({ replayed }) => {
  view.stats.resumes++;
  view.stats.replayed += replayed;
  renderStats();
  setStatus('open', 'Connected · resumed');
  activity(`Session resumed, ${replayed} message${replayed === 1 ? '' : 's'} replayed`, 'good');
  if (view.joined.has(view.current)) refreshMembers(view.current);
});
sb.on('recovery-failed', ({ reason }) => activity(`Session not recovered (${reason}); signing in again`, 'warn'));
sb.on('reauthenticated', () => {
  setStatus('open', 'Connected · new session');
  activity('Signed in again; rooms re-joined', 'good');
  if (view.joined.has(view.current)) refreshMembers(view.current);
});
sb.on('close', ({ code, reason }) => {
  setStatus('closed', `Disconnected (${code})`);
  activity(`Closed: ${code} ${reason}`, 'warn');
});
sb.on('error', (e) => activity('Error: ' + (e.code || e.message), 'warn'));

render();
renderStats();
$('signin').onsubmit = (event) => {
  event.preventDefault();
  const token = $('signin-token').value.trim();
  if (token) location.search = '?token=' + encodeURIComponent(token);
};

async function start(retry) {
  try {
    const me = await sb.connect();
    activity(`Connected as ${me.userId}`, 'good');
    if (params.get('autojoin') !== 'false') await toggleRoom();
  } catch (e) {
    const stale = e.code === 'AUTHENTICATION_FAILED' && sessionStorage.getItem('switchboard-demo-token');
    sessionStorage.removeItem('switchboard-demo-token');
    if (stale && retry) return start(false); // a token from a previous server run: ask for a new one
    setStatus('closed', 'Not connected');
    activity(`Could not connect: ${e.code || ''} ${e.message}`, 'warn');
  }
}
start(!params.get('token'));
