// The activity page: plain JavaScript, no build step, no library. Every piece of upstream text reaches the DOM
// through textContent or an attribute set by name, never through innerHTML, so names such as
// "Chen <Wei> & Co" stay text.
'use strict';

const API = 'api/v1/';
const MAX_EVENTS = 3000;        // events kept in the DOM; the oldest go first
const FRAME_BATCH = 400;        // live events rendered per animation frame
const PAGE = 100;
const FILTERS = ['source', 'connection', 'type', 'actorId', 'q'];
const TYPES = ['created', 'updated', 'deleted', 'closed', 'reopened', 'viewed', 'downloaded', 'uploaded', 'invited',
  'other'];
const KIND_NAMES = { kantata: 'Kantata', worksection: 'Worksection', onehub: 'Onehub' };
const KEY_STORE = 'activity-gateway.api-key';

const $ = (id) => document.getElementById(id);

/** An element with attributes (set by name) and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Only http(s) links are made from upstream URLs; anything else (javascript:, data:) stays text. */
function safeUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

// ---- access ----------------------------------------------------------------------------------------------

const auth = {
  key: sessionStorage.getItem(KEY_STORE),
  needed: false,
  headers() {
    return this.key ? { Authorization: 'Bearer ' + this.key } : {};
  },
};

class Unauthorized extends Error {}

async function api(path, options = {}) {
  const response = await fetch(API + path, {
    ...options,
    headers: { Accept: 'application/json', ...auth.headers(), ...(options.headers || {}) },
  });
  if (response.status === 401) {
    throw new Unauthorized('the API key was refused');
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const detail = body && (body.detail || body.title) || ('HTTP ' + response.status);
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return body;
}

function askForKey(message) {
  auth.key = null;
  sessionStorage.removeItem(KEY_STORE);
  stream.close();
  $('app').hidden = true;
  $('key-form').hidden = false;
  $('key-error').textContent = message || '';
  $('key-input').value = '';
  $('key-input').focus();
}

$('key-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const key = $('key-input').value.trim();
  auth.key = key;
  try {
    await api('sources');
  } catch (err) {
    askForKey(err instanceof Unauthorized ? 'That key was refused.' : 'Could not check the key: ' + err.message);
    return;
  }
  sessionStorage.setItem(KEY_STORE, key);
  $('key-form').hidden = true;
  start();
});

$('forget-key').addEventListener('click', () => askForKey('The key was forgotten.'));

/** Runs an API action; a refused key sends the user back to the key form. */
async function guarded(action, onError) {
  try {
    return await action();
  } catch (err) {
    if (err instanceof Unauthorized && auth.needed) {
      askForKey('The API key was refused (revoked or expired?). Enter a key.');
    } else if (onError) {
      onError(err);
    }
    return undefined;
  }
}

// ---- filters, kept in the URL ----------------------------------------------------------------------------

function currentFilters() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const name of FILTERS) {
    const value = (params.get(name) || '').trim();
    if (value) filters[name] = value;
  }
  return filters;
}

function filterQuery(filters) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
  return params;
}

function showFilters(filters) {
  const form = $('filters');
  for (const name of FILTERS) {
    const field = form.elements[name];
    const value = filters[name] || '';
    if (field.tagName === 'SELECT' && value && ![...field.options].some((o) => o.value === value)) {
      field.append(el('option', { value }, value));
    }
    field.value = value;
  }
}

function setFilters(filters) {
  const params = filterQuery(filters);
  const query = params.toString();
  history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
  showFilters(filters);
  reload();
}

function readForm() {
  const form = $('filters');
  const filters = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

let typing;
function filtersChanged(wait) {
  clearTimeout(typing);
  typing = setTimeout(() => {
    const wanted = readForm();
    if (filterQuery(wanted).toString() !== filterQuery(currentFilters()).toString()) setFilters(wanted);
  }, wait);
}
// Text applies after a pause in typing, a choice at once ("change": not every browser sends "input" for a select).
$('filters').addEventListener('input', (e) => filtersChanged(e.target.tagName === 'SELECT' ? 0 : 350));
$('filters').addEventListener('change', () => filtersChanged(0));
$('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  setFilters(readForm());
});
$('clear-filters').addEventListener('click', () => setFilters({}));
window.addEventListener('popstate', () => {
  showFilters(currentFilters());
  reload();
});

/** The live stream's filter test, the same as the API's, for events already shown when a filter changes. */
function matches(event, filters) {
  if (filters.source && event.source !== filters.source) return false;
  if (filters.connection && event.connection !== filters.connection) return false;
  if (filters.type && event.type !== filters.type) return false;
  if (filters.actorId && (!event.actor || event.actor.id !== filters.actorId)) return false;
  if (filters.q && !(event.summary || '').toLowerCase().includes(filters.q.toLowerCase())) return false;
  return true;
}

// ---- time ------------------------------------------------------------------------------------------------

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const toSecond = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const toMinute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const hourOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function ago(iso, now = Date.now()) {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return relative.format(0, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86400), 'day');
}

function timeNode(iso, precision) {
  const format = precision === 'minute' ? toMinute : toSecond;
  const date = new Date(iso);
  return el('time', {
    datetime: iso,
    title: iso + (precision === 'minute' ? ' (the source gives whole minutes)' : '') + ' — shown in ' + zone,
  }, format.format(date));
}

setInterval(() => {
  const now = Date.now();
  for (const node of document.querySelectorAll('[data-ago]')) node.textContent = ago(node.dataset.ago, now);
}, 30000);

// ---- the timeline ----------------------------------------------------------------------------------------

const timeline = {
  items: [],          // sorted newest first: {key: [occurredAt ms, seq], id, node}
  ids: new Set(),
  cursor: null,
  cut: false,         // older events were dropped from the DOM: "load more" continues from the oldest shown
  generation: 0,
};

function compare(a, b) {
  return b.key[0] - a.key[0] || b.key[1] - a.key[1];
}

function renderEvent(e) {
  const kind = e.source || 'other';
  const object = e.object || {};
  const objectLabel = object.name || [object.type, object.id].filter(Boolean).join(' ') || '—';
  const href = safeUrl(object.url);
  const container = e.container;
  const containerLabel = container && (container.name || [container.type, container.id].filter(Boolean).join(' '));
  const actor = e.actor || {};
  const actorName = actor.name || actor.email || actor.id || 'someone';
  const node = el('li', { class: 'event', 'data-id': e.id, 'data-source': kind, 'data-connection': e.connection },
    el('div', { class: 'when' },
      timeNode(e.occurredAt, e.occurredAtPrecision),
      el('span', { 'data-ago': e.occurredAt }, ago(e.occurredAt))),
    el('div', { class: 'what' },
      el('div', { class: 'line' },
        el('span', { class: 'badge ' + (KIND_NAMES[kind] ? kind : 'other'), title: 'connection ' + e.connection },
          KIND_NAMES[kind] || kind),
        actor.id
          ? el('button', { type: 'button', class: 'actor', title: 'Only events by actor ' + actor.id,
            'data-actor-id': actor.id }, actorName)
          : el('span', { class: 'actor' }, actorName),
        el('span', { class: 'type', title: e.sourceType || '' }, e.type),
        href ? el('a', { class: 'object', href, target: '_blank', rel: 'noopener noreferrer' }, objectLabel)
          : el('span', { class: 'object' }, objectLabel),
        containerLabel ? el('span', { class: 'container' }, 'in ', containerLabel) : null,
        el('button', { type: 'button', class: 'open', 'aria-label': 'Details of this event' }, 'Details')),
      e.summary ? el('div', { class: 'summary' }, e.summary) : null));
  node._event = e;
  return node;
}

/** Inserts events (any order) at their place, newest first; returns how many were new. */
function insert(events) {
  const list = $('timeline');
  let added = 0;
  for (const e of events) {
    if (timeline.ids.has(e.id)) continue;
    const item = { key: [Date.parse(e.occurredAt), e.seq], id: e.id, node: renderEvent(e) };
    let lo = 0;
    let hi = timeline.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(timeline.items[mid], item) <= 0) lo = mid + 1; else hi = mid;
    }
    list.insertBefore(item.node, lo < timeline.items.length ? timeline.items[lo].node : null);
    timeline.items.splice(lo, 0, item);
    timeline.ids.add(e.id);
    added++;
  }
  while (timeline.items.length > MAX_EVENTS) {
    const dropped = timeline.items.pop();
    dropped.node.remove();
    timeline.ids.delete(dropped.id);
    timeline.cut = true;
  }
  $('count').textContent = '(' + timeline.items.length + ' shown)';
  return added;
}

function clearTimeline() {
  timeline.items = [];
  timeline.ids = new Set();
  timeline.cursor = null;
  timeline.cut = false;
  $('timeline').replaceChildren();
  $('count').textContent = '';
  $('end').textContent = '';
  $('load-more').hidden = true;
}

async function loadHistory(more) {
  const generation = timeline.generation;
  const params = filterQuery(currentFilters());
  params.set('limit', String(PAGE));
  if (more && timeline.cut && timeline.items.length) {
    // The cursor's page lies beyond events dropped from the DOM: continue from the oldest one shown instead.
    params.set('until', new Date(timeline.items[timeline.items.length - 1].key[0] + 1).toISOString());
  } else if (more && timeline.cursor) {
    params.set('cursor', timeline.cursor);
  }
  $('timeline-error').textContent = '';
  const page = await guarded(() => api('events?' + params), (err) => {
    $('timeline-error').textContent = 'Could not load events: ' + err.message;
  });
  if (!page || generation !== timeline.generation) return;
  insert(page.items);
  timeline.cursor = page.nextCursor;
  if (more && timeline.cut) timeline.cut = false;
  $('load-more').hidden = !page.nextCursor;
  $('end').textContent = page.nextCursor ? '' : (timeline.items.length ? 'No older events.' : 'No events match.');
}

$('load-more').addEventListener('click', () => loadHistory(true));

$('timeline').addEventListener('click', (e) => {
  const actorButton = e.target.closest('button.actor');
  if (actorButton) {
    setFilters({ ...currentFilters(), actorId: actorButton.dataset.actorId });
    return;
  }
  if (e.target.closest('a')) return;
  const row = e.target.closest('li.event');
  if (row) showDetails(row._event);
});

// ---- details ---------------------------------------------------------------------------------------------

let detailsId = null;

function showDetails(event) {
  detailsId = event.id;
  $('details-title').textContent = 'Event ' + event.id;
  $('details-json').textContent = JSON.stringify(event, null, 2);
  $('details-raw-json').hidden = true;
  $('details-raw-json').textContent = '';
  $('details-raw').hidden = false;
  $('details').showModal();
}

$('details-raw').addEventListener('click', async () => {
  const id = detailsId;
  const out = $('details-raw-json');
  out.hidden = false;
  out.textContent = 'Loading…';
  const full = await guarded(() => api('events/' + encodeURIComponent(id) + '?include=raw'), (err) => {
    out.textContent = 'Could not load it: ' + err.message;
  });
  if (full && id === detailsId) out.textContent = JSON.stringify(full.raw, null, 2);
});

// ---- the live stream -------------------------------------------------------------------------------------

const stream = {
  source: null,
  lastId: null,        // the last seq seen: a reconnect resumes after it
  queue: [],
  scheduled: false,
  tokenTimer: null,
  failures: 0,
  close() {
    if (this.source) this.source.close();
    this.source = null;
    clearTimeout(this.tokenTimer);
  },
};

function setLive(on, text) {
  const node = $('live');
  node.className = 'live ' + (on ? 'on' : 'off');
  node.textContent = text;
}

async function openStream(resume) {
  stream.close();
  const generation = timeline.generation;
  const params = filterQuery(currentFilters());
  if (resume && stream.lastId !== null) params.set('lastEventId', stream.lastId);
  if (auth.needed) {
    const token = await guarded(() => api('stream-tokens', { method: 'POST' }), (err) => {
      setLive(false, 'no stream token: ' + err.message);
    });
    if (!token || generation !== timeline.generation) return;
    params.set('access_token', token.token);
    // A fresh token before this one expires; the new stream resumes after the last event seen.
    const lifetime = Date.parse(token.expiresAt) - Date.now();
    stream.tokenTimer = setTimeout(() => openStream(true), Math.max(5000, lifetime * 0.8));
  }
  const source = new EventSource(API + 'events/stream?' + params);
  stream.source = source;
  source.addEventListener('open', () => {
    stream.failures = 0;
    setLive(true, 'live');
  });
  source.addEventListener('resume', (m) => {
    if (stream.lastId === null && m.lastEventId) stream.lastId = m.lastEventId;
  });
  source.addEventListener('activity', (m) => {
    stream.lastId = m.lastEventId;
    stream.queue.push(m.data);
    if (stream.queue.length > MAX_EVENTS) stream.queue.splice(0, stream.queue.length - MAX_EVENTS);
    if (!stream.scheduled) {
      stream.scheduled = true;
      requestAnimationFrame(flush);
    }
  });
  source.addEventListener('error', () => {
    if (source !== stream.source) return;
    if (source.readyState === EventSource.CONNECTING) {
      // The browser reconnects by itself and sends Last-Event-ID.
      setLive(false, 'reconnecting…');
      return;
    }
    // Closed for good (401 with an expired token, 410 after a reset, 400): open anew. Twice in a row without
    // success means the resume point itself is refused (the store was reset): start again from now.
    stream.failures++;
    setLive(false, 'reconnecting…');
    const resumeAgain = stream.failures < 2;
    if (!resumeAgain) {
      stream.lastId = null;
      stream.failures = 0;
    }
    setTimeout(() => {
      if (source === stream.source && generation === timeline.generation) openStream(resumeAgain);
    }, 2000);
  });
}

/** Renders queued live events, a bounded batch per frame, so a burst never blocks the tab. */
function flush() {
  stream.scheduled = false;
  const batch = stream.queue.splice(0, FRAME_BATCH);
  const events = [];
  for (const data of batch) {
    try {
      events.push(JSON.parse(data));
    } catch (e) {
      // not an event: ignored
    }
  }
  insert(events);
  chart.count(events);
  if (events.length && $('end').textContent === 'No events match.') $('end').textContent = '';
  if (stream.queue.length) {
    stream.scheduled = true;
    requestAnimationFrame(flush);
  }
}

// ---- the chart -------------------------------------------------------------------------------------------

const chart = {
  data: null,
  timer: null,
  drawPending: false,
  async load() {
    const generation = timeline.generation;
    const data = await guarded(() => api('events/counts?' + filterQuery(currentFilters())), () => {});
    if (!data || generation !== timeline.generation) return;
    this.data = data;
    this.draw();
  },
  /** Adds live events to their bucket, so the picture moves between reloads. */
  count(events) {
    if (!this.data || !events.length) return;
    const step = 3600 * 1000;
    const first = Date.parse(this.data.since);
    for (const e of events) {
      const index = Math.floor((Date.parse(e.occurredAt) - first) / step);
      const bucket = this.data.buckets[index];
      if (!bucket) continue;
      bucket.counts[e.source] = (bucket.counts[e.source] || 0) + 1;
      bucket.total++;
    }
    if (!this.drawPending) {
      this.drawPending = true;
      setTimeout(() => {
        this.drawPending = false;
        this.draw();
      }, 1000);
    }
  },
  draw() {
    const data = this.data;
    const svgNS = 'http://www.w3.org/2000/svg';
    const s = (tag, attrs, text) => {
      const node = document.createElementNS(svgNS, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const width = 960;
    const height = 180;
    const left = 36;
    const bottom = 20;
    const top = 12;
    const n = data.buckets.length;
    const max = Math.max(1, ...data.buckets.map((b) => b.total));
    const barWidth = (width - left) / n;
    const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-label': `Events per hour from ${data.since} to ${data.until}: ${data.total} in all` });
    for (const fraction of [0, 0.5, 1]) {
      const y = top + (height - bottom - top) * (1 - fraction);
      svg.append(s('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#dde1e6' }));
      svg.append(s('text', { x: left - 4, y: y + 4, 'text-anchor': 'end', class: 'axis' },
        String(Math.round(max * fraction))));
    }
    data.buckets.forEach((bucket, i) => {
      let y = height - bottom;
      const x = left + i * barWidth;
      const group = s('g', {});
      const parts = data.sources.filter((source) => bucket.counts[source]).map((source) =>
        `${KIND_NAMES[source] || source} ${bucket.counts[source]}`);
      group.append(s('title', {}, `${toMinute.format(new Date(bucket.start))}: ${bucket.total} events`
        + (parts.length ? ' (' + parts.join(', ') + ')' : '')));
      for (const source of data.sources) {
        const count = bucket.counts[source] || 0;
        if (!count) continue;
        const h = (height - bottom - top) * count / max;
        y -= h;
        group.append(s('rect', { x: x + 1, y, width: Math.max(1, barWidth - 2), height: h,
          fill: `var(--${KIND_NAMES[source] ? source : 'other'})`, 'data-source': source }));
      }
      svg.append(group);
      if (i % Math.max(1, Math.round(n / 8)) === 0) {
        svg.append(s('text', { x: x + barWidth / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis' },
          hourOnly.format(new Date(bucket.start))));
      }
    });
    $('chart').replaceChildren(svg);
    $('legend').replaceChildren(...data.sources.map((source) => el('li', {},
      el('span', { class: 'swatch', style: `background: var(--${KIND_NAMES[source] ? source : 'other'})` }),
      `${KIND_NAMES[source] || source} ${data.buckets.reduce((sum, b) => sum + (b.counts[source] || 0), 0)}`)));
  },
};

// ---- the sources panel -----------------------------------------------------------------------------------

const sources = { timer: null, open: new Set(), known: '', notes: new Map() };

function healthy(source) {
  return source.state === 'idle' || source.state === 'polling';
}

function dateText(iso) {
  return iso ? el('span', { title: iso }, toSecond.format(new Date(iso)), ' (', el('span', { 'data-ago': iso },
    ago(iso)), ')') : '—';
}

function renderSource(source) {
  const status = source.state === 'disabled' ? 'disabled' : healthy(source) ? 'healthy' : 'unhealthy';
  const gaps = source.gaps || [];
  const details = (name, summary, ...content) => {
    const node = el('details', { 'data-part': name }, el('summary', {}, summary), ...content);
    const key = source.name + '/' + name;
    if (sources.open.has(key)) node.open = true;
    node.addEventListener('toggle', () => {
      if (node.open) sources.open.add(key); else sources.open.delete(key);
    });
    return node;
  };
  const problems = details('problems', source.recordProblems + ' record problem' + (source.recordProblems === 1 ? '' : 's'),
    el('div', { class: 'problems' }, 'Loading…'));
  const loadProblems = () => guarded(() => api('sources/' + encodeURIComponent(source.name) + '/record-problems'),
    (err) => problems.lastChild.replaceChildren('Could not load them: ' + err.message)).then((list) => {
    if (!list) return;
    problems.lastChild.replaceChildren(...(list.length ? list.map((p) => el('div', {},
      el('strong', {}, p.reason), ' ', el('span', { class: 'muted' }, p.eventStored ? '(event stored)' : '(no event)',
        ' first seen ', p.firstSeenAt), el('pre', {}, p.raw))) : ['None.']));
  });
  problems.addEventListener('toggle', () => { if (problems.open) loadProblems(); });
  if (problems.open) loadProblems();
  const pollResult = el('span', { class: 'muted poll-note', role: 'status' }, sources.notes.get(source.name) || '');
  const note = (text) => {
    sources.notes.set(source.name, text);
    const shown = $('sources').querySelector('li.source[data-name="' + CSS.escape(source.name) + '"] .poll-note');
    (shown || pollResult).textContent = text;
  };
  const pollButton = el('button', { type: 'button', class: 'poll', disabled: source.state === 'disabled' }, 'Poll now');
  pollButton.addEventListener('click', async () => {
    pollButton.disabled = true;
    note('asking…');
    const ok = await guarded(() => api('sources/' + encodeURIComponent(source.name) + '/poll', { method: 'POST' }),
      (err) => note(err.status === 403 ? 'needs an admin key' : err.message));
    pollButton.disabled = false;
    if (ok) {
      note('poll asked for at ' + toSecond.format(new Date()));
      setTimeout(refreshSources, 1500);
    }
  });
  return el('li', { class: 'source ' + status, 'data-name': source.name, 'data-state': source.state },
    el('h3', {},
      el('span', { class: 'badge ' + (KIND_NAMES[source.kind] ? source.kind : 'other') },
        KIND_NAMES[source.kind] || source.kind),
      source.name,
      el('span', { class: 'state' }, source.state.replace('_', ' '))),
    el('dl', {},
      el('dt', {}, 'Last success'), el('dd', {}, dateText(source.lastSuccessAt)),
      el('dt', {}, 'Last error'), el('dd', { class: source.lastError ? 'last-error' : '' }, source.lastError
        ? [source.lastError.message, source.lastError.httpStatus ? ' (HTTP ' + source.lastError.httpStatus + ')' : '',
          ' — ', dateText(source.lastError.at)] : '—'),
      el('dt', {}, 'Events'), el('dd', {}, String(source.eventsIngested)),
      el('dt', {}, 'Newest event'), el('dd', {}, dateText(source.newestEventAt)),
      el('dt', {}, 'Next poll'), el('dd', {}, dateText(source.nextPollAt))),
    details('checkpoint', 'Checkpoint' + (source.checkpointAt ? '' : ' (none yet)'),
      el('pre', {}, JSON.stringify(source.checkpoint, null, 2))),
    details('gaps', gaps.length + ' gap' + (gaps.length === 1 ? '' : 's'), gaps.length
      ? el('ul', {}, ...gaps.map((g) => el('li', {}, g.from, ' – ', g.to, ': ', g.reason))) : 'None.'),
    problems,
    el('div', { class: 'actions' }, pollButton, pollResult));
}

async function refreshSources() {
  const list = await guarded(() => api('sources'), () => {});
  if (!list) return;
  // Re-rendering replaces the buttons: the keyboard focus moves to the same button of the same connection.
  const active = document.activeElement;
  const focused = active && active.closest && active.closest('#sources li.source');
  const focus = focused && active.classList.contains('poll') ? focused.dataset.name : null;
  $('sources').replaceChildren(...list.map(renderSource));
  if (focus) {
    const again = $('sources').querySelector('li.source[data-name="' + CSS.escape(focus) + '"] button.poll');
    if (again) again.focus();
  }
  fillChoices(list);
}

function fillChoices(list) {
  const names = list.map((s) => s.name).sort();
  const kinds = [...new Set(list.map((s) => s.kind))].sort();
  const key = names.join(',') + '|' + kinds.join(',');
  if (key === sources.known) return;
  sources.known = key;
  const form = $('filters');
  const fill = (select, values, label) => {
    const chosen = select.value;
    select.replaceChildren(el('option', { value: '' }, 'all'), ...values.map((v) => el('option', { value: v },
      label ? label(v) : v)));
    showFilters(currentFilters());
    if (!chosen) select.value = currentFilters()[select.name] || '';
  };
  fill(form.elements.source, kinds, (k) => KIND_NAMES[k] || k);
  fill(form.elements.connection, names);
}

// ---- start -----------------------------------------------------------------------------------------------

function reload() {
  timeline.generation++;
  stream.close();
  stream.lastId = null;
  stream.queue = [];
  clearTimeline();
  // The stream opens first and history follows; events in both are shown once (by id).
  openStream(false);
  loadHistory(false);
  chart.load();
}

function start() {
  $('app').hidden = false;
  $('forget-key').hidden = !auth.needed;
  const typeSelect = $('filters').elements.type;
  if (typeSelect.options.length === 1) {
    typeSelect.append(...TYPES.map((t) => el('option', { value: t }, t)));
  }
  showFilters(currentFilters());
  reload();
  refreshSources();
  clearInterval(sources.timer);
  sources.timer = setInterval(refreshSources, 5000);
  clearInterval(chart.timer);
  chart.timer = setInterval(() => chart.load(), 60000);
}

async function boot() {
  // Access control is on when the API refuses a call without a key.
  const response = await fetch(API + 'sources', { headers: { Accept: 'application/json', ...auth.headers() } })
    .catch(() => null);
  if (!response) {
    setLive(false, 'the gateway does not answer');
    setTimeout(boot, 5000);
    return;
  }
  if (response.status === 401) {
    auth.needed = true;
    if (auth.key) {
      askForKey('The stored API key was refused. Enter a key.');
    } else {
      askForKey();
    }
    return;
  }
  auth.needed = !!auth.key;
  if (auth.key) {
    // The key works; but is it needed? Ask once without it.
    const open = await fetch(API + 'sources', { headers: { Accept: 'application/json' } }).catch(() => null);
    auth.needed = !open || open.status === 401;
  }
  start();
}

boot();
