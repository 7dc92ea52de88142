// sitrep analyst page: plain JS on the public HTTP API. The URL query string holds the whole state.
'use strict';

// Facet name in the API → filter parameter → entity type (for /api/entities) → label.
const FACETS = [
  { facet: 'people', param: 'person', type: 'person', label: 'People' },
  { facet: 'organisations', param: 'org', type: 'organisation', label: 'Organisations' },
  { facet: 'locations', param: 'location', type: 'location', label: 'Locations' },
  { facet: 'speakers', param: 'speaker', type: 'speaker', label: 'Speakers' },
  { facet: 'sources', param: 'source', type: 'source', label: 'Sources' },
  { facet: 'actor_country', param: 'country', type: 'actor_country', label: 'Actor country' },
  { facet: 'actor_role', param: 'role', type: 'actor_role', label: 'Actor role' },
];
const FILTER_PARAMS = FACETS.map(f => f.param);
const PAGE = 20;
const FACET_LIMIT = 10;
const $ = id => document.getElementById(id);

// ---------- state <-> URL ----------
function readState() {
  const p = new URLSearchParams(location.search);
  const s = {
    q: p.get('q') || '', view: p.get('view') || 'articles', from: p.get('from') || '', to: p.get('to') || '',
    sort: p.get('sort') || 'relevance', interval: p.get('interval') || 'month', offset: +p.get('offset') || 0,
    article: p.get('article') || '', actor: p.get('actor') || '', filters: {},
    collapse: p.get('collapse') === '1', tlAll: p.get('tl') === 'all',
  };
  for (const k of FILTER_PARAMS) s.filters[k] = p.getAll(k);
  return s;
}

function stateQuery(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const k of FILTER_PARAMS) for (const v of s.filters[k]) p.append(k, v);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.interval !== 'month') p.set('interval', s.interval);
  if (s.view !== 'articles') p.set('view', s.view);
  if (s.collapse) p.set('collapse', '1');
  if (s.tlAll) p.set('tl', 'all');
  if (s.offset) p.set('offset', s.offset);
  if (s.article) p.set('article', s.article);
  if (s.actor) p.set('actor', s.actor);
  return p.toString();
}

let state = readState();

// Applies a change to the state, records it in history and renders.
function go(change, { replace = false, keepOffset = false } = {}) {
  const next = JSON.parse(JSON.stringify(state));
  change(next);
  if (!keepOffset) next.offset = 0;
  const qs = stateQuery(next);
  const url = location.pathname + (qs ? '?' + qs : '');
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  const searchChanged = searchKey(next) !== searchKey(state);
  state = next;
  render(searchChanged);
}

function searchKey(s) { return stateQuery({ ...s, article: '', actor: '' }); }

window.addEventListener('popstate', () => {
  const next = readState();
  const changed = searchKey(next) !== searchKey(state);
  state = next;
  render(changed);
});

// ---------- API ----------
async function api(path, params) {
  const qs = params ? '?' + params.toString() : '';
  const res = await fetch(path + qs, { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch (_) { /* not JSON */ }
  if (!res.ok) throw new Error((body && body.error && body.error.message) || `request failed (${res.status})`);
  return body;
}

function searchParams(s, extra) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  // Every filter on the page was picked from a list of values: ask for that actor exactly (in
  // double quotes), so that the results are the ones the facet count promised.
  for (const k of FILTER_PARAMS) for (const v of s.filters[k]) p.append(k, `"${v}"`);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p;
}

// ---------- helpers ----------
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k != null && k !== false) e.append(k instanceof Node ? k : String(k));
  return e;
}

// Puts API-highlighted text (HTML-escaped, matches in <mark>) into an element without innerHTML
// on anything else: only <mark> survives, everything else becomes text.
function setHighlighted(node, html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = html || '';
  const walk = (src, dst) => {
    for (const n of src.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) dst.append(n.textContent);
      else if (n.nodeName === 'MARK') { const m = el('mark'); walk(n, m); dst.append(m); }
      else walk(n, dst);
    }
  };
  walk(tpl.content, node);
  return node;
}

const fmtNum = n => Number(n || 0).toLocaleString('en');
// "1 article", "2 articles".
const plural = (n, word) => `${fmtNum(n)} ${word}${n === 1 ? '' : 's'}`;
const facetByParam = param => FACETS.find(f => f.param === param);

function toggleFilter(param, value, on) {
  go(s => {
    const list = s.filters[param];
    const i = list.indexOf(value);
    const want = on === undefined ? i < 0 : on;
    if (want && i < 0) list.push(value);
    if (!want && i >= 0) list.splice(i, 1);
    s.article = ''; s.actor = '';
  });
}

function openActor(type, name) { go(s => { s.actor = type + ':' + name; s.article = ''; }, { keepOffset: true }); }
function openArticle(id) { go(s => { s.article = id; s.actor = ''; }, { keepOffset: true }); }

// ---------- rendering ----------
let renderSeq = 0;

async function render(searchChanged = true) {
  $('q').value = state.q;
  $('sort').value = state.sort;
  $('interval').value = state.interval;
  $('collapse').checked = state.collapse;
  $('collapse').closest('label').hidden = state.view === 'quotes';
  for (const t of document.querySelectorAll('.tabs a')) t.classList.toggle('active', t.dataset.target === state.view);
  document.title = (state.q ? state.q + ' · ' : '') + 'sitrep';
  renderPills();
  renderPanel();
  if (searchChanged || !renderedOnce) await renderSearch();
}
let renderedOnce = false;

function renderPills() {
  const box = $('pills');
  box.replaceChildren();
  for (const k of FILTER_PARAMS) for (const v of state.filters[k]) {
    box.append(el('span', { class: 'pill', 'data-param': k },
      el('small', {}, facetByParam(k).label + ': '), v,
      el('button', { title: 'Remove filter', 'aria-label': `Remove ${k} ${v}`, onclick: () => toggleFilter(k, v, false) }, '×')));
  }
  if (state.from || state.to) {
    box.append(el('span', { class: 'pill', 'data-param': 'date' }, el('small', {}, 'Date: '),
      `${state.from || '…'} – ${state.to || '…'}`,
      el('button', { title: 'Remove date range', 'aria-label': 'Remove date range', onclick: () => go(s => { s.from = ''; s.to = ''; }) }, '×')));
  }
  if (box.children.length) box.append(el('button', { class: 'link', onclick: () => go(s => { for (const k of FILTER_PARAMS) s.filters[k] = []; s.from = s.to = ''; }) }, 'clear all'));
  box.hidden = !box.children.length;
}

async function renderSearch() {
  renderedOnce = true;
  const seq = ++renderSeq;
  const quotes = state.view === 'quotes';
  const facets = quotes ? 'speakers,sources,actor_country,actor_role' : FACETS.map(f => f.facet).join(',');
  const params = searchParams(state, {
    facets, facet_limit: FACET_LIMIT, limit: PAGE, offset: state.offset,
    ...(state.sort !== 'relevance' ? { sort: state.sort } : {}),
    ...(state.collapse && !quotes ? { collapse: 'true' } : {}),
  });
  const tparams = searchParams(state, { interval: state.interval, ...(quotes ? { target: 'quotes' } : {}) });
  $('main').setAttribute('aria-busy', 'true');
  try {
    const [res, tl] = await Promise.all([api(quotes ? '/api/quotes' : '/api/search', params), api('/api/timeline', tparams)]);
    if (seq !== renderSeq) return;
    $('error').hidden = true;
    $('count').textContent = plural(res.total, quotes ? 'quote' : 'article') + (res.took_ms != null ? ` · ${Math.round(res.took_ms)} ms` : '');
    $('live').textContent = '';
    renderFacets(res.facets || {});
    renderTimeline((tl.series && tl.series[0] && tl.series[0].buckets) || []);
    if (quotes) renderQuotes(res.hits || []); else renderHits(res.hits || []);
    renderPager(res.total);
  } catch (e) {
    if (seq !== renderSeq) return;
    $('error').textContent = e.message;
    $('error').hidden = false;
    $('results').replaceChildren();
    $('count').textContent = '';
    $('pager').replaceChildren();
  } finally {
    if (seq === renderSeq) $('main').removeAttribute('aria-busy');
  }
}

function chips(hit) {
  const out = [];
  for (const [param, key] of [['person', 'people'], ['org', 'organisations'], ['location', 'locations']]) {
    // Active filter values first, so the chip of a filter is always visible.
    const values = [...(hit[key] || [])].sort((a, b) => state.filters[param].includes(b) - state.filters[param].includes(a));
    for (const v of values.slice(0, 6)) {
      const active = state.filters[param].includes(v);
      out.push(el('button', { class: `chip ${param}${active ? ' active' : ''}`, title: `Filter by ${param}: ${v}`, 'data-param': param, 'data-value': v, onclick: () => toggleFilter(param, v) }, v));
    }
  }
  return out.length ? el('div', { class: 'chips' }, out) : null;
}

function renderHits(hits) {
  const list = $('results');
  list.replaceChildren();
  if (!hits.length) { list.append(el('li', { class: 'empty' }, 'No articles match.')); return; }
  for (const h of hits) {
    list.append(el('li', { class: 'hit', 'data-id': h.id },
      el('h3', {}, el('a', { href: '?' + stateQuery({ ...state, article: h.id }), class: 'title', onclick: ev => { ev.preventDefault(); openArticle(h.id); } }, h.title || '(untitled)')),
      el('div', { class: 'meta' }, h.published || 'undated', h.source ? ' · ' + h.source : ''),
      setHighlighted(el('p', { class: 'snippet' }), h.snippet),
      chips(h)));
  }
}

function renderQuotes(hits) {
  const list = $('results');
  list.replaceChildren();
  if (!hits.length) { list.append(el('li', { class: 'empty' }, 'No quotations match.')); return; }
  for (const h of hits) {
    const q = h.quote || h;
    const text = el('blockquote', {});
    if (h.highlight) setHighlighted(text, h.highlight); else text.textContent = q.text;
    list.append(el('li', { class: 'hit quote' }, text,
      el('div', { class: 'meta' },
        q.speaker ? el('button', { class: 'chip speaker' + (state.filters.speaker.includes(q.speaker) ? ' active' : ''), title: 'Filter by this speaker', onclick: () => toggleFilter('speaker', q.speaker) }, q.speaker) : el('span', { class: 'muted' }, q.speaker_mention ? `unresolved: ${q.speaker_mention}` : 'unattributed'),
        q.speaker ? el('button', { class: 'link', onclick: () => openActor('speaker', q.speaker) }, 'profile') : null,
        ' ', q.published || 'undated', ' · ',
        el('a', { href: '?' + stateQuery({ ...state, article: q.article_id }), onclick: ev => { ev.preventDefault(); openArticle(q.article_id); } }, q.title || 'article'))));
  }
}

function renderPager(total) {
  const nav = $('pager');
  nav.replaceChildren();
  if (total <= PAGE) return;
  const page = Math.floor(state.offset / PAGE) + 1, pages = Math.ceil(total / PAGE);
  nav.append(
    el('button', { disabled: state.offset === 0, onclick: () => go(s => { s.offset = Math.max(0, s.offset - PAGE); }, { keepOffset: true }) }, '‹ Previous'),
    el('span', {}, ` page ${page} of ${pages} `),
    el('button', { disabled: page >= pages, onclick: () => go(s => { s.offset += PAGE; }, { keepOffset: true }) }, 'Next ›'));
}

// ---------- facets ----------
function renderFacets(facets) {
  const box = $('facet-list');
  const focused = document.activeElement && document.activeElement.dataset.facetFilter;
  box.replaceChildren();
  for (const f of FACETS) {
    const values = facets[f.facet];
    if (!values) continue;
    const selected = state.filters[f.param];
    const seen = new Set(values.map(v => v.value));
    const rows = [...selected.filter(v => !seen.has(v)).map(v => ({ value: v, count: null })), ...values];
    if (!rows.length) continue;
    const ul = el('ul', { class: 'facet-values' }, rows.map(v => facetRow(f, v.value, v.count)));
    const suggest = el('ul', { class: 'facet-values suggest', hidden: true });
    const filter = el('input', { type: 'search', class: 'facet-filter', placeholder: `find ${f.label.toLowerCase()}…`, 'aria-label': `Find ${f.label}`, 'data-facet-filter': f.type });
    let timer = 0;
    filter.addEventListener('input', () => {
      clearTimeout(timer);
      const prefix = filter.value.trim();
      if (!prefix) { suggest.hidden = true; ul.hidden = false; return; }
      timer = setTimeout(async () => {
        try {
          const r = await api('/api/entities', new URLSearchParams({ type: f.type, prefix, limit: 15 }));
          if (filter.value.trim() !== prefix) return;
          suggest.replaceChildren(...(r.values.length ? r.values.map(v => facetRow(f, v.value, v.count, true)) : [el('li', { class: 'muted' }, 'no match')]));
          suggest.hidden = false; ul.hidden = true;
        } catch (e) { suggest.replaceChildren(el('li', { class: 'muted' }, e.message)); suggest.hidden = false; }
      }, 150);
    });
    box.append(el('section', { class: 'facet', 'data-facet': f.facet },
      el('h4', {}, f.label), filter, ul, suggest));
    if (focused === f.type) filter.focus();
  }
}

function facetRow(f, value, count, global) {
  const checked = state.filters[f.param].includes(value);
  const cb = el('input', { type: 'checkbox', checked, onchange: () => toggleFilter(f.param, value, cb.checked) });
  const profile = ['person', 'organisation', 'location', 'speaker'].includes(f.type)
    ? el('button', { class: 'link profile', title: `Profile of ${value}`, 'aria-label': `Profile of ${value}`, onclick: () => openActor(f.type, value) }, 'i') : null;
  return el('li', { class: checked ? 'on' : '' },
    el('label', { title: global ? 'count in the whole index' : '' }, cb, el('span', { class: 'v' }, value),
      count != null ? el('span', { class: 'n' }, fmtNum(count)) : null),
    profile);
}

// ---------- timeline ----------
// Bucket key (YYYY-MM-DD of the bucket start) → inclusive end date for the interval.
function bucketEnd(key, interval) {
  const d = new Date(key + 'T00:00:00Z');
  if (interval === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else if (interval === 'month') { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  else if (interval === 'year') { d.setUTCFullYear(d.getUTCFullYear() + 1); d.setUTCMonth(0); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}
const bucketKey = b => String(b.key || b.date || b.start || '').slice(0, 10);

// The buckets [lo, hi] that hold all but at most 1% of the items at each end, when the rest
// stretches the axis to more than twice that range (one article dated a century early would
// otherwise squash every other bar into one); null when the whole range is worth showing.
function focusRange(buckets) {
  const total = buckets.reduce((n, b) => n + b.count, 0);
  const tail = total * 0.01;
  let lo = 0, hi = buckets.length - 1, cut = 0;
  while (lo < hi && cut + buckets[lo].count <= tail) cut += buckets[lo++].count;
  cut = 0;
  while (hi > lo && cut + buckets[hi].count <= tail) cut += buckets[hi--].count;
  while (lo < hi && !buckets[lo].count) lo++;
  while (hi > lo && !buckets[hi].count) hi--;
  return (hi - lo + 1) * 2 < buckets.length ? [lo, hi] : null;
}

function renderTimeline(buckets, target = $('timeline'), { selectable = true } = {}) {
  target.replaceChildren();
  buckets = buckets.filter(b => bucketKey(b));
  if (selectable) $('tl-hint').hidden = !buckets.length;
  if (!buckets.length) { target.append(el('p', { class: 'muted' }, 'No dated items.')); return; }
  const focus = focusRange(buckets);
  let note = null;
  if (focus && selectable && !state.tlAll) {
    const [lo, hi] = focus;
    const outside = [...buckets.slice(0, lo), ...buckets.slice(hi + 1)].reduce((n, b) => n + b.count, 0);
    note = el('p', { class: 'hint tl-note' }, `${plural(outside, 'item')} dated outside ${bucketKey(buckets[lo])} – ${bucketEnd(bucketKey(buckets[hi]), state.interval)} not drawn (from ${bucketKey(buckets[0]).slice(0, 4)} to ${bucketKey(buckets[buckets.length - 1]).slice(0, 4)}) · `,
      el('button', { class: 'link', onclick: () => go(s => { s.tlAll = true; }, { keepOffset: true }) }, 'show all'));
    buckets = buckets.slice(lo, hi + 1);
  } else if (focus && selectable) {
    note = el('p', { class: 'hint tl-note' }, el('button', { class: 'link', onclick: () => go(s => { s.tlAll = false; }, { keepOffset: true }) }, 'fit to where most dates are'));
  }
  const NS = 'http://www.w3.org/2000/svg';
  const W = 800, H = 120, PAD = 18;
  const max = Math.max(1, ...buckets.map(b => b.count));
  const bw = W / buckets.length;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H + PAD}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Timeline: ${buckets.length} ${state.interval} buckets, up to ${max} per bucket`);
  const mk = (name, attrs) => { const e = document.createElementNS(NS, name); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); return e; };
  buckets.forEach((b, i) => {
    const h = b.count ? Math.max(2, (b.count / max) * (H - 4)) : 0;
    const r = mk('rect', { x: i * bw + bw * 0.1, y: H - h, width: Math.max(1, bw * 0.8), height: h, class: 'bar' });
    const t = mk('title', {}); t.textContent = `${bucketKey(b)}: ${b.count}`; r.append(t);
    svg.append(r);
  });
  const axis = mk('line', { x1: 0, y1: H + 0.5, x2: W, y2: H + 0.5, class: 'axis' });
  svg.append(axis);
  const labels = el('div', { class: 'tl-labels' }, el('span', {}, bucketKey(buckets[0])), el('span', {}, `max ${max}`), el('span', {}, bucketKey(buckets[buckets.length - 1])));
  target.append(svg, labels);
  if (note) target.append(note);
  if (!selectable) return;
  const sel = mk('rect', { x: 0, y: 0, width: 0, height: H, class: 'sel' });
  svg.append(sel);
  const idx = ev => {
    const r = svg.getBoundingClientRect();
    return Math.min(buckets.length - 1, Math.max(0, Math.floor(((ev.clientX - r.left) / r.width) * buckets.length)));
  };
  let start = null;
  svg.addEventListener('pointerdown', ev => { start = idx(ev); svg.setPointerCapture(ev.pointerId); draw(start, start); });
  svg.addEventListener('pointermove', ev => { if (start != null) draw(start, idx(ev)); });
  svg.addEventListener('pointerup', ev => {
    if (start == null) return;
    const a = Math.min(start, idx(ev)), b = Math.max(start, idx(ev));
    start = null;
    const from = bucketKey(buckets[a]), to = bucketEnd(bucketKey(buckets[b]), state.interval);
    go(s => { s.from = from; s.to = to; s.article = ''; s.actor = ''; });
  });
  function draw(a, b) { const lo = Math.min(a, b), hi = Math.max(a, b); sel.setAttribute('x', lo * bw); sel.setAttribute('width', (hi - lo + 1) * bw); }
}

// ---------- panel: article and actor views ----------
async function renderPanel() {
  const panel = $('panel'), body = $('panel-body');
  if (!state.article && !state.actor) {
    if (!panel.hidden) { panel.hidden = true; document.body.classList.remove('modal'); }
    return;
  }
  const key = state.article ? 'a:' + state.article : 'p:' + state.actor;
  if (!panel.hidden && panel.dataset.key === key) return;
  panel.dataset.key = key;
  panel.hidden = false;
  document.body.classList.add('modal');
  body.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  try {
    if (state.article) {
      const a = await api('/api/articles/' + encodeURIComponent(state.article));
      if (panel.dataset.key === key) body.replaceChildren(...articleView(a));
    } else {
      const i = state.actor.indexOf(':');
      const type = state.actor.slice(0, i), name = state.actor.slice(i + 1);
      const p = await api(`/api/entities/${encodeURIComponent(type)}/${encodeURIComponent(name)}`, new URLSearchParams({ interval: state.interval }));
      if (panel.dataset.key === key) body.replaceChildren(...actorView(type, p));
    }
  } catch (e) {
    body.replaceChildren(el('h2', { id: 'panel-title' }, 'Not available'), el('p', { class: 'error' }, e.message));
  }
  $('panel-close').focus();
}

function closePanel() { go(s => { s.article = ''; s.actor = ''; }, { keepOffset: true }); }

// Splits the article text at the entity and quote byte offsets (UTF-8) and marks them.
function articleView(a) {
  const bytes = new TextEncoder().encode(a.text || '');
  const dec = new TextDecoder();
  const spans = [];
  for (const [key, type] of [['people', 'person'], ['organisations', 'organisation'], ['locations', 'location']]) {
    for (const ent of a[key] || []) for (const m of ent.mentions || []) spans.push({ start: m.start, end: m.end, type, name: ent.name });
  }
  spans.sort((x, y) => x.start - y.start || y.end - x.end);
  const ents = [];
  let last = 0;
  for (const s of spans) if (s.start >= last && s.end <= bytes.length && s.end > s.start) { ents.push(s); last = s.end; }
  const quotes = (a.quotes || []).filter(q => q.end <= bytes.length && q.end > q.start).sort((x, y) => x.start - y.start);
  // The heading shows the title: the text starts at its first block that is not a title line.
  const firstBody = Math.min(...(a.blocks || []).filter(b => b.kind !== 'title').map(b => b.start));
  const bodyStart = Number.isFinite(firstBody) && firstBody < bytes.length ? firstBody : 0;
  // Boundaries where anything starts or ends.
  const cuts = new Set([bodyStart, bytes.length]);
  for (const s of ents) { cuts.add(s.start); cuts.add(s.end); }
  for (const q of quotes) { cuts.add(q.start); cuts.add(q.end); }
  const points = [...cuts].filter(p => p >= bodyStart).sort((x, y) => x - y);
  const text = el('div', { class: 'article-text' });
  let para = el('p');
  // Appends a piece of text, starting a new paragraph at each blank line; wrap makes the node.
  const append = (piece, wrap) => {
    piece.split(/\n[ \t]*\n\s*/).forEach((part, i) => {
      if (i > 0) { if (para.childNodes.length) text.append(para); para = el('p'); }
      if (part) para.append(wrap(part));
    });
  };
  for (let i = 0; i + 1 < points.length; i++) {
    const lo = points[i], hi = points[i + 1];
    const piece = dec.decode(bytes.subarray(lo, hi));
    const ent = ents.find(s => s.start <= lo && hi <= s.end);
    const q = quotes.find(x => x.start <= lo && hi <= x.end);
    append(piece, part => {
      let node = ent
        ? el('button', { class: `ent ${ent.type}`, title: `${ent.type}: ${ent.name}`, 'data-type': ent.type, 'data-name': ent.name, onclick: () => openActor(ent.type, ent.name) }, part)
        : document.createTextNode(part);
      if (q) node = el('span', { class: 'quote-mark', title: q.speaker ? `quote by ${q.speaker}` : 'quote (speaker unresolved)' }, node);
      return node;
    });
  }
  text.append(para);
  const meta = el('div', { class: 'meta' }, a.published || 'undated', a.source ? ' · ' + a.source : '', a.dateline ? ' · ' + a.dateline : '', a.path ? el('span', { class: 'muted' }, ' · ' + a.path) : null);
  const legend = el('div', { class: 'legend' },
    el('span', { class: 'ent person' }, 'person'), el('span', { class: 'ent organisation' }, 'organisation'),
    el('span', { class: 'ent location' }, 'location'), el('span', { class: 'quote-mark' }, 'quotation'));
  const qlist = quotes.length ? el('section', {}, el('h3', {}, `Quotations (${quotes.length})`), el('ul', { class: 'qlist' }, quotes.map(q => el('li', {},
    el('blockquote', {}, q.text), el('div', { class: 'meta' }, q.speaker ? el('button', { class: 'link', onclick: () => openActor('speaker', q.speaker) }, q.speaker) : el('span', { class: 'muted' }, 'unattributed'), q.cue ? ` (${q.cue})` : ''))))) : null;
  return [el('h2', { id: 'panel-title' }, a.title || '(untitled)'), meta, legend, text, qlist];
}

function actorView(type, p) {
  const tl = el('div', { class: 'timeline small' });
  renderTimeline(p.timeline || [], tl, { selectable: false });
  const co = Object.entries(p.co_occurring || {}).filter(([, v]) => v.length).map(([facet, values]) => {
    const f = FACETS.find(x => x.facet === facet) || { label: facet, type: facet, param: null };
    return el('section', { class: 'co' }, el('h4', {}, f.label), el('ul', { class: 'facet-values' }, values.map(v => el('li', {},
      el('button', { class: 'link', onclick: () => f.param && ['person', 'organisation', 'location', 'speaker'].includes(f.type) ? openActor(f.type, v.value) : null }, v.value), el('span', { class: 'n' }, fmtNum(v.count))))));
  });
  const param = { person: 'person', organisation: 'org', location: 'location', speaker: 'speaker', source: 'source', actor_country: 'country', actor_role: 'role' }[type];
  const quotes = (p.latest_quotes || []).map(h => { const q = h.quote || h; return el('li', {}, el('blockquote', {}, q.text),
    el('div', { class: 'meta' }, q.published || 'undated', ' · ', el('a', { href: '?' + stateQuery({ ...state, actor: '', article: q.article_id }), onclick: ev => { ev.preventDefault(); openArticle(q.article_id); } }, q.title || 'article'))); });
  return [
    el('h2', { id: 'panel-title' }, p.name, el('small', { class: 'muted' }, ' ' + (p.kind || type))),
    el('div', { class: 'meta' }, `${plural(p.articles, 'article')} · ${plural(p.quotes, 'quote')}`, p.first_seen ? ` · ${p.first_seen} – ${p.last_seen}` : ''),
    param ? el('button', { class: 'primary', onclick: () => go(s => { if (!s.filters[param].includes(p.name)) s.filters[param].push(p.name); s.actor = ''; s.article = ''; }) }, `Filter results by ${p.name}`) : null,
    el('h3', {}, 'Timeline'), tl,
    el('h3', {}, 'Co-occurring actors'), co.length ? el('div', { class: 'co-grid' }, co) : el('p', { class: 'muted' }, 'None.'),
    el('h3', {}, 'Latest quotes'), quotes.length ? el('ul', { class: 'qlist' }, quotes) : el('p', { class: 'muted' }, 'None.'),
  ];
}

// ---------- live count while typing ----------
let liveTimer = 0, liveSeq = 0;
function liveCount() {
  clearTimeout(liveTimer);
  const q = $('q').value.trim();
  if (q === state.q) { $('live').textContent = ''; return; }
  liveTimer = setTimeout(async () => {
    const seq = ++liveSeq;
    try {
      const r = await api(state.view === 'quotes' ? '/api/quotes' : '/api/search', searchParams({ ...state, q }, { limit: 1, facets: '' }));
      if (seq === liveSeq) { $('live').textContent = `${fmtNum(r.total)} match${r.total === 1 ? '' : 'es'} · Enter to search`; $('live').classList.remove('bad'); }
    } catch (e) {
      if (seq === liveSeq) { $('live').textContent = e.message; $('live').classList.add('bad'); }
    }
  }, 250);
}

// ---------- wiring ----------
function init() {
  $('search').addEventListener('submit', ev => { ev.preventDefault(); const q = $('q').value.trim(); go(s => { s.q = q; s.article = ''; s.actor = ''; }); });
  $('q').addEventListener('input', liveCount);
  $('sort').addEventListener('change', () => go(s => { s.sort = $('sort').value; }));
  $('interval').addEventListener('change', () => go(s => { s.interval = $('interval').value; }));
  $('collapse').addEventListener('change', () => go(s => { s.collapse = $('collapse').checked; }));
  for (const t of document.querySelectorAll('.tabs a')) t.addEventListener('click', ev => { ev.preventDefault(); go(s => { s.view = t.dataset.target; s.article = ''; s.actor = ''; }); });
  $('panel-close').addEventListener('click', closePanel);
  $('panel').addEventListener('click', ev => { if (ev.target === $('panel')) closePanel(); });
  $('home').addEventListener('click', ev => { ev.preventDefault(); go(s => { Object.assign(s, emptyState()); }); });
  document.addEventListener('keydown', ev => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (ev.key === '/' && !typing) { ev.preventDefault(); $('q').focus(); $('q').select(); }
    else if (ev.key === 'Escape') {
      if (!$('panel').hidden) { ev.preventDefault(); closePanel(); }
      else if (document.activeElement === $('q')) { $('q').value = state.q; $('live').textContent = ''; $('q').blur(); }
    }
  });
  api('/api/stats').then(s => {
    $('empty-index').hidden = s.articles > 0;
    $('stats').textContent = `${plural(s.articles, 'article')} · ${plural(s.quotes, 'quote')} · ${fmtNum(s.people)} ${s.people === 1 ? 'person' : 'people'} · ${plural(s.organisations, 'organisation')} · ${plural(s.locations, 'location')}` +
      (s.first_published ? ` · ${s.first_published} – ${s.last_published}` : '');
  }).catch(() => {});
  if (window.matchMedia('(max-width: 760px)').matches) $('facets-box').open = false;
  render(true);
}

function emptyState() {
  const s = { q: '', view: 'articles', from: '', to: '', sort: 'relevance', interval: 'month', offset: 0, article: '', actor: '', filters: {}, collapse: false, tlAll: false };
  for (const k of FILTER_PARAMS) s.filters[k] = [];
  return s;
}

init();
