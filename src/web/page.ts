/**
 * The self-check page (dist/jixiao-lint.html): pick or drop files, lint them in a Web Worker
 * (src/web/worker.ts, started from a Blob URL so that the page works from file://), show per
 * file the form, unit, year, score and findings by severity with the rule's 「为什么/怎么改」,
 * and the table as read with every finding's cell coloured. Nothing leaves the machine: the
 * page's Content-Security-Policy forbids every network request.
 */
/// <reference lib="dom" />
import type { Finding, GridView, Lang, Localized, Location, Severity, SubmissionResult } from '../types.js';
import type { FieldRow } from './fields.js';
import { placeInWords, suggestionText } from '../report/summary.js';
import { WORDS } from './i18n.js';
import type { ConfigView, FileView, FromWorker, RuleView, ToWorker } from './protocol.js';

declare const __WORKER_SOURCE__: string;

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

interface State {
  lang: Lang;
  ready: boolean;
  rules: Map<string, RuleView>;
  extensions: string[];
  files: Array<{ name: string; bytes: Uint8Array }>;
  views: Array<FileView | undefined>;
  run: number;
  running: boolean;
  status: string;
  progress: { done: number; total: number } | null;
  config: ConfigView | null;
  configSource: { name: string; text: string } | null;
  configError: Localized | null;
}

const state: State = {
  lang: 'zh',
  ready: false,
  rules: new Map(),
  extensions: [],
  files: [],
  views: [],
  run: 0,
  running: false,
  status: '',
  progress: null,
  config: null,
  configSource: null,
  configError: null,
};

const w = () => WORDS[state.lang];

// ---------- DOM helpers ----------

type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string | null | undefined | false>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// ---------- the worker ----------

const worker = new Worker(URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: 'text/javascript' })));
let pendingReport: ((text: string) => void) | null = null;

function send(m: ToWorker): void {
  worker.postMessage(m);
}

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const m = event.data;
  switch (m.type) {
    case 'ready':
      state.ready = true;
      state.extensions = m.extensions;
      state.rules = new Map(m.rules.map((r) => [r.id, r]));
      state.status = '';
      renderStatic();
      break;
    case 'progress':
      if (m.id !== state.run) return;
      state.progress = { done: m.done, total: m.total };
      state.status = w().progress(m.done + 1, m.total, m.name);
      renderStatus();
      break;
    case 'file':
      if (m.id !== state.run) return;
      state.views[m.index] = m.file;
      renderFile(m.index);
      break;
    case 'done':
      if (m.id !== state.run) return;
      state.running = false;
      state.progress = null;
      state.status = w().finished(state.files.length);
      $('results').dataset.done = String(m.id);
      renderStatus();
      break;
    case 'config':
      if (m.ok) {
        state.config = m.config;
        state.configError = null;
      } else {
        state.configError = m.error;
      }
      renderConfig();
      if (m.ok && state.files.length > 0) lint();
      break;
    case 'report':
      pendingReport?.(m.text);
      pendingReport = null;
      break;
    case 'csp-violation':
      document.dispatchEvent(
        new SecurityPolicyViolationEvent('securitypolicyviolation', {
          documentURI: document.URL,
          violatedDirective: m.directive,
          effectiveDirective: m.directive,
          originalPolicy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
          blockedURI: m.blocked,
          sample: m.sample,
          disposition: 'enforce',
          statusCode: 0,
        }),
      );
      break;
    case 'failed':
      state.running = false;
      state.progress = null;
      state.status = `${w().failed}${m.error}`;
      renderStatus();
      break;
  }
};

worker.onerror = (e) => {
  state.status = `${w().failed}${e.message}`;
  renderStatus();
};

// ---------- actions ----------

async function addFiles(list: FileList | File[]): Promise<void> {
  const files = await Promise.all(Array.from(list).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  if (files.length === 0) return;
  state.files = files;
  lint();
}

function lint(): void {
  state.run++;
  state.running = true;
  state.views = new Array(state.files.length);
  state.progress = { done: 0, total: state.files.length };
  state.status = w().progress(1, state.files.length, state.files[0]?.name ?? '');
  const results = $('results');
  results.replaceChildren(...state.files.map((_, i) => h('section', { id: `file-${i}`, class: 'file', 'aria-busy': 'true' })));
  results.dataset.run = String(state.run);
  renderStatus();
  send({ type: 'lint', id: state.run, lang: state.lang, files: state.files });
}

async function loadConfig(file: File): Promise<void> {
  const text = await file.text();
  state.configSource = { name: file.name, text };
  send({ type: 'config', name: file.name, text });
}

function clearConfig(): void {
  state.configSource = null;
  state.configError = null;
  send({ type: 'config', name: '', text: null });
}

function download(format: 'markdown' | 'json'): void {
  const results = state.views.flatMap((v) => v?.documents.map((d) => d.result) ?? []);
  pendingReport = (text) => {
    const type = format === 'json' ? 'application/json' : 'text/markdown';
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const a = h('a', { href: url, download: format === 'json' ? 'jixiao-lint-report.json' : 'jixiao-lint-report.md' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  send({ type: 'report', format, lang: state.lang, results });
}

function switchLanguage(): void {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  renderStatic();
  if (state.files.length > 0) lint();
}

// ---------- static parts ----------

function renderStatic(): void {
  const t = w();
  document.title = `${t.title} · jixiao-lint`;
  $('title').textContent = t.title;
  $('lead').textContent = t.lead;
  const lang = $<HTMLButtonElement>('lang');
  lang.textContent = t.langButton;
  lang.lang = state.lang === 'zh' ? 'en' : 'zh-CN';
  lang.setAttribute('aria-label', t.langButtonLabel);
  $('drop-title').textContent = t.dropTitle;
  $('drop-hint').textContent = t.dropHint;
  const pick = $<HTMLButtonElement>('pick');
  pick.textContent = t.pick;
  pick.disabled = !state.ready;
  $('types-label').textContent = t.types;
  $('types').textContent = state.extensions.join(' ');
  $<HTMLInputElement>('files').accept = state.extensions.join(',');
  $('config-title').textContent = t.configTitle;
  $('config-pick').textContent = t.configPick;
  $('config-clear').textContent = t.configClear;
  $('dl-md').textContent = t.downloadMd;
  $('dl-json').textContent = t.downloadJson;
  $('footer').textContent = t.footer;
  renderConfig();
  renderStatus();
}

function renderStatus(): void {
  const p = $<HTMLProgressElement>('progress');
  if (state.progress) {
    p.hidden = false;
    p.max = state.progress.total;
    p.value = state.progress.done;
  } else p.hidden = true;
  $('status-text').textContent = state.ready ? state.status : w().working;
  $('downloads').hidden = state.running || state.views.filter(Boolean).length === 0;
}

function renderConfig(): void {
  const t = w();
  const body = $('config-body');
  const parts: Node[] = [];
  if (state.configError) parts.push(h('p', { class: 'error-text', role: 'alert' }, t.configError, ' ', h('code', {}, state.configError[state.lang])));
  const c = state.config;
  $('config-clear').hidden = !c;
  if (!c) {
    parts.push(h('p', {}, t.configNone));
    body.replaceChildren(...parts);
    return;
  }
  const dl = h('dl', { class: 'facts' }, h('dt', {}, t.configFile), h('dd', {}, c.name));
  if (c.presets.length > 0) {
    dl.append(
      h('dt', {}, t.configPresets),
      h('dd', {}, h('ul', { class: 'plain' }, ...c.presets.map((p) => h('li', {}, h('code', {}, p.name), p.description ? ` — ${p.description[state.lang]}` : '')))),
    );
  }
  if (c.policy.length > 0) {
    dl.append(h('dt', {}, t.configPolicy), h('dd', {}, h('ul', { class: 'plain' }, ...c.policy.map((p) => h('li', {}, h('code', {}, `${p.key} = ${p.value}`))))));
  }
  parts.push(dl);
  if (c.settings.length === 0) parts.push(h('p', {}, t.configNoRules));
  else {
    const rows = c.settings.map((s) => {
      const rule = state.rules.get(s.id);
      const sev = s.severity === undefined ? '—' : s.severity === 'off' ? t.off : (t.severity[s.severity as Severity] ?? s.severity);
      const opts = s.options ? Object.entries(s.options).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('; ') : '—';
      return h('tr', {}, h('td', {}, rule ? `${rule.title[state.lang]} ` : '', h('code', {}, s.id)), h('td', {}, sev), h('td', {}, opts));
    });
    parts.push(
      h(
        'table',
        { class: 'settings' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.configRule), h('th', { scope: 'col' }, t.configSeverity), h('th', { scope: 'col' }, t.configOptions))),
        h('tbody', {}, ...rows),
      ),
    );
  }
  if (c.ignored.length > 0) parts.push(h('p', { class: 'note' }, t.configIgnored(c.ignored.join(t.listSep))));
  body.replaceChildren(...parts);
}

// ---------- one file ----------

/** A key for the place a finding points at, or a table cell is. */
function placeKey(l: Omit<Location, 'pointer'>): string | undefined {
  if (l.cell !== undefined) return `${l.sheet ?? ''}!${l.cell}`;
  if (l.paragraph !== undefined) return `¶${l.paragraph}`;
  if (l.row !== undefined) return `R${l.row}:${l.column ?? 1}`;
  if (l.line !== undefined) return `L${l.line}:${l.column ?? 1}`;
  return undefined;
}

/** The place of a finding as a person reads it: 「自评表!K12」, 「第 29 行」, 「第 4 段」 (as the HTML and xlsx reports). */
function placeText(l: Location): string {
  return placeInWords(l, state.lang) || w().noPlace;
}

/** A table cell's label: 「自评表!K12」, or 「第 12 行第 3 列」 for a cell of a line of text. */
function cellLabel(l: Omit<Location, 'pointer'>): string {
  const line = l.line ?? l.row;
  if (l.cell === undefined && l.paragraph === undefined && line !== undefined && l.column !== undefined) {
    return state.lang === 'zh' ? `第 ${line} 行第 ${l.column} 列` : `line ${line}, column ${l.column}`;
  }
  return placeText({ pointer: '', ...l });
}

interface Target {
  /** DOM id of the cell (or field row). */
  id: string;
  /** Which tab panel holds it. */
  tab: number;
  label: string;
}

interface FileIndex {
  /** Finding (by its DOM id) → the cell it points at. */
  targetOf: Map<string, Target>;
  /** Cell DOM id → the findings there (their DOM ids) and the worst severity. */
  findingsAt: Map<string, Array<{ id: string; finding: Finding }>>;
}

const fileIndexes = new Map<number, FileIndex>();

const findingId = (fi: number, d: number, k: number) => `fd-${fi}-${d}-${k}`;
const cellId = (fi: number, tab: number, r: number, c: number) => `cell-${fi}-${tab}-${r}-${c}`;

function columnHeader(g: GridView, c: number): string {
  const place = g.places[0]?.[c];
  const letters = place?.cell ? /^[A-Z]+/.exec(place.cell)?.[0] : undefined;
  return letters ?? String(place?.column ?? c + 1);
}

function rowHeader(g: GridView, r: number): string {
  const place = g.places[r]?.[0];
  const digits = place?.cell ? /(?<!\d)\d+$/.exec(place.cell)?.[0] : undefined;
  return digits ?? String(place?.row ?? place?.line ?? r + 1);
}

/** Which cells a merge hides (r,c → the top-left cell). */
function coveredCells(g: GridView): Map<string, [number, number]> {
  const covered = new Map<string, [number, number]>();
  for (const m of g.merges ?? []) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.set(`${r},${c}`, [m.top, m.left]);
    }
  }
  return covered;
}

/** Nearest pointer in `known` at or above `pointer`. */
function nearestPointer(pointer: string, known: Map<string, number>): number | undefined {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const i = known.get(p);
    if (i !== undefined) return i;
    if (p === '') return undefined;
  }
}

function indexFile(fi: number, view: FileView): FileIndex {
  const targetOf = new Map<string, Target>();
  const findingsAt = new Map<string, Array<{ id: string; finding: Finding }>>();
  const at = (key: string | undefined) => key;
  // Table cells by place.
  const cells = new Map<string, Target>();
  view.grids.forEach((g, tab) => {
    const covered = coveredCells(g);
    g.places.forEach((row, r) =>
      row.forEach((place, c) => {
        const key = at(placeKey(place));
        if (key === undefined || cells.has(key)) return;
        const [mr, mc] = covered.get(`${r},${c}`) ?? [r, c];
        const label = cellLabel(g.places[mr]?.[mc] ?? place);
        cells.set(key, { id: cellId(fi, tab, mr, mc), tab, label });
      }),
    );
  });
  view.documents.forEach((doc, d) => {
    const docIndex = doc.result.document?.index ?? d;
    const fieldRowsOf = view.fields[docIndex];
    const pointers = new Map<string, number>();
    fieldRowsOf?.forEach((row, i) => pointers.set(row.pointer, i));
    doc.result.findings.forEach((finding, k) => {
      const id = findingId(fi, d, k);
      let target: Target | undefined;
      if (fieldRowsOf) {
        const i = nearestPointer(finding.location.pointer, pointers);
        const tab = view.grids.length + docIndex;
        if (i !== undefined) target = { id: cellId(fi, tab, i, 0), tab, label: placeText(finding.location) };
      } else {
        const key = placeKey(finding.location);
        target = key === undefined ? undefined : cells.get(key);
      }
      if (!target) return;
      targetOf.set(id, target);
      const list = findingsAt.get(target.id) ?? [];
      list.push({ id, finding });
      findingsAt.set(target.id, list);
    });
  });
  return { targetOf, findingsAt };
}

function worst(list: Array<{ finding: Finding }>): Severity {
  return SEVERITIES.find((s) => list.some((x) => x.finding.severity === s)) ?? 'info';
}

function renderFile(fi: number): void {
  const view = state.views[fi];
  const section = $(`file-${fi}`);
  if (!view || !section) return;
  const index = indexFile(fi, view);
  fileIndexes.set(fi, index);
  section.removeAttribute('aria-busy');
  section.replaceChildren(
    h('h2', { id: `file-${fi}-h` }, view.name),
    ...view.documents.map((doc, d) => renderDocument(fi, d, view, doc.result, doc.year, doc.title, index, view.documents.length)),
    renderTables(fi, view, index),
  );
  section.setAttribute('aria-labelledby', `file-${fi}-h`);
  renderStatus();
}

function renderDocument(fi: number, d: number, view: FileView, r: SubmissionResult, year: string | undefined, title: string | undefined, index: FileIndex, count: number): HTMLElement {
  const t = w();
  const named = (label: string) => (title ? `${label}${t.colon}${title}` : label);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, r.findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  const heading = count > 1 ? named(r.document?.sheet !== undefined ? t.sheet(r.document.sheet) : t.document(d + 1)) : null;
  const facts = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, t.form),
    h('dd', {}, r.form ? (t.forms[r.form] ?? r.form) : t.formUnknown),
    ...(r.facts?.unit !== undefined ? [h('dt', {}, t.unit), h('dd', {}, r.facts.unit)] : []),
    ...(year !== undefined ? [h('dt', {}, t.year), h('dd', {}, year)] : []),
    ...(r.facts?.totalScore !== undefined ? [h('dt', {}, t.score), h('dd', {}, r.facts.totalScore)] : []),
    h('dt', {}, t.counts),
    h('dd', { class: 'counts' }, ...SEVERITIES.map((s) => h('span', { class: `count sev-${s}` }, `${counts[s]} ${t.severity[s]}`))),
  );
  const groups = SEVERITIES.filter((s) => counts[s] > 0).map((s) =>
    h(
      'section',
      { class: `group sev-${s}`, 'aria-label': `${t.severity[s]}${t.paren(counts[s])}` },
      h('h4', {}, h('span', { class: `sev-icon sev-${s}`, 'aria-hidden': 'true' }), `${t.severity[s]}${t.paren(counts[s])}`),
      h('ol', { class: 'findings' }, ...r.findings.map((f, k) => (f.severity === s ? renderFinding(fi, d, k, f, index) : null))),
    ),
  );
  const suppressed = r.suppressed ?? [];
  return h(
    'article',
    { class: 'document', 'data-file': fi, 'data-document': d },
    heading ? h('h3', {}, heading) : null,
    facts,
    r.findings.length === 0 ? h('p', { class: 'clean' }, t.clean) : null,
    ...groups,
    suppressed.length > 0
      ? h(
          'details',
          { class: 'suppressed' },
          h('summary', {}, t.suppressed(suppressed.length)),
          h('ul', {}, ...suppressed.map((f) => h('li', {}, `${placeText(f.location)} · ${f.message} · ${t.reason}${t.colon}${f.suppression.reason}`))),
        )
      : null,
  );
  void view;
}

function renderFinding(fi: number, d: number, k: number, f: Finding, index: FileIndex): HTMLElement {
  const t = w();
  const id = findingId(fi, d, k);
  const target = index.targetOf.get(id);
  const rule = state.rules.get(f.ruleId);
  const where = placeText(f.location);
  const link = target
    ? h('a', { href: `#${target.id}`, class: 'finding-link', onclick: (e: Event) => (e.preventDefault(), showCell(fi, target, true)) }, f.message)
    : h('span', { class: 'finding-text' }, f.message);
  const docs = rule
    ? h(
        'details',
        { class: 'docs' },
        h('summary', {}, t.whyFix),
        h('h5', {}, t.why),
        h('p', {}, rule.why[state.lang]),
        ...(rule.example ? [h('h5', {}, t.example), h('p', {}, rule.example[state.lang])] : []),
        h('h5', {}, t.fix),
        h('p', {}, rule.fix[state.lang]),
      )
    : null;
  return h(
    'li',
    { id, class: `finding sev-${f.severity}`, tabindex: '-1', 'data-rule': f.ruleId, 'data-pointer': f.location.pointer, 'data-severity': f.severity, 'data-place': where, 'data-target': target?.id },
    link,
    f.suggestion !== undefined ? h('div', { class: 'fix' }, suggestionText(f, state.lang)) : null,
    h('div', { class: 'meta' }, h('span', { class: 'place' }, `${t.place}${t.colon}${where}`), ' · ', h('span', { class: 'rule' }, `${t.rule}${t.colon}${rule ? rule.title[state.lang] : f.ruleId}${t.paren(f.ruleId)}`)),
    docs,
  );
}

function renderTables(fi: number, view: FileView, index: FileIndex): HTMLElement {
  const t = w();
  const panels: Array<{ name: string; body: HTMLElement }> = [];
  view.grids.forEach((g, tab) => {
    const name = g.name !== undefined ? t.sheet(g.name) : view.grids.length > 1 ? t.table(tab + 1) : t.asRead;
    panels.push({ name, body: renderGrid(fi, tab, g, index) });
  });
  view.fields.forEach((rows, d) => panels.push({ name: t.fieldsOf(d + 1), body: renderFields(fi, view.grids.length + d, rows, index) }));
  const box = h('section', { class: 'tables', 'aria-labelledby': `tables-${fi}-h` }, h('h3', { id: `tables-${fi}-h` }, t.asRead));
  if (panels.length === 0) {
    box.append(h('p', { class: 'note' }, t.noGrid));
    return box;
  }
  box.append(h('p', { class: 'hint' }, view.grids.length > 0 ? t.asReadHint : t.fieldsHint));
  box.append(h('div', { id: `cellpanel-${fi}`, class: 'cell-panel', role: 'region', 'aria-live': 'polite', 'aria-label': t.cellNone }, h('p', { class: 'note' }, t.cellNone)));
  if (panels.length > 1) {
    const list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': t.asRead });
    panels.forEach((p, i) => {
      const count = [...index.findingsAt.keys()].filter((id) => id.startsWith(`cell-${fi}-${i}-`)).length;
      list.append(
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            id: `tab-${fi}-${i}`,
            'aria-controls': `panel-${fi}-${i}`,
            'aria-selected': i === 0 ? 'true' : 'false',
            tabindex: i === 0 ? '0' : '-1',
            onclick: () => selectTab(fi, i),
            onkeydown: (e: Event) => tabKey(e as KeyboardEvent, fi, i, panels.length),
          },
          p.name,
          count > 0 ? h('span', { class: 'tab-count' }, ` (${count})`) : null,
        ),
      );
    });
    box.append(list);
  }
  panels.forEach((p, i) =>
    box.append(
      h(
        'div',
        {
          role: panels.length > 1 ? 'tabpanel' : undefined,
          id: `panel-${fi}-${i}`,
          class: 'panel',
          'aria-labelledby': panels.length > 1 ? `tab-${fi}-${i}` : undefined,
          'aria-label': panels.length > 1 ? undefined : p.name,
          hidden: i !== 0,
          'data-print-title': p.name,
        },
        p.body,
      ),
    ),
  );
  return box;
}

function cellAttrs(fi: number, id: string, index: FileIndex, label: string): Attrs {
  const list = index.findingsAt.get(id);
  if (!list) return { id };
  const sev = worst(list);
  return {
    id,
    class: `hl hl-${sev}`,
    tabindex: '0',
    role: 'button',
    'aria-label': `${label}: ${list.length} ${w().severity[sev]}`,
    'data-findings': list.length,
    onclick: () => showCellById(fi, id),
    onkeydown: (e: Event) => {
      const k = (e as KeyboardEvent).key;
      if (k === 'Enter' || k === ' ') {
        e.preventDefault();
        showCellById(fi, id);
      }
    },
  };
}

function renderGrid(fi: number, tab: number, g: GridView, index: FileIndex): HTMLElement {
  const covered = coveredCells(g);
  const spans = new Map((g.merges ?? []).map((m) => [`${m.top},${m.left}`, m]));
  const width = Math.max(0, ...g.rows.map((r) => r.length));
  const head = h('tr', {}, h('th', { class: 'corner', scope: 'col' }), ...Array.from({ length: width }, (_, c) => h('th', { scope: 'col' }, columnHeader(g, c))));
  const body = g.rows.map((row, r) => {
    const tr = h('tr', {}, h('th', { scope: 'row' }, rowHeader(g, r)));
    for (let c = 0; c < width; c++) {
      if (covered.has(`${r},${c}`)) continue;
      const id = cellId(fi, tab, r, c);
      const m = spans.get(`${r},${c}`);
      const label = cellLabel(g.places[r]?.[c] ?? {});
      const td = h('td', { ...cellAttrs(fi, id, index, label), rowspan: m ? m.bottom - m.top + 1 : undefined, colspan: m ? m.right - m.left + 1 : undefined }, row[c] ?? '');
      tr.append(td);
    }
    return tr;
  });
  return h('div', { class: 'scroll', tabindex: '0', role: 'group', 'aria-label': g.name ?? w().asRead }, h('table', { class: 'grid' }, h('thead', {}, head), h('tbody', {}, ...body)));
}

function renderFields(fi: number, tab: number, rows: FieldRow[], index: FileIndex): HTMLElement {
  const t = w();
  const body = rows.map((row, i) => {
    const id = cellId(fi, tab, i, 0);
    const label = row.line !== undefined ? `${t.line} ${row.line}` : row.pointer;
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, row.line !== undefined ? String(row.line) : ''),
      h('td', { class: 'field', style: `padding-left:${0.5 + row.depth * 1.25}em` }, row.key, row.size !== undefined ? h('span', { class: 'size' }, ` (${row.size})`) : null),
      h('td', { ...cellAttrs(fi, id, index, label), 'data-pointer': row.pointer }, row.value),
    );
  });
  return h(
    'div',
    { class: 'scroll', tabindex: '0', role: 'group', 'aria-label': t.fieldsHint },
    h('table', { class: 'grid fields' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.line), h('th', { scope: 'col' }, t.field), h('th', { scope: 'col' }, t.value))), h('tbody', {}, ...body)),
  );
}

function selectTab(fi: number, tab: number, focus = true): void {
  const section = $(`file-${fi}`);
  section.querySelectorAll<HTMLElement>('[role=tab]').forEach((b) => {
    const on = b.id === `tab-${fi}-${tab}`;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.tabIndex = on ? 0 : -1;
    if (on && focus) b.focus();
  });
  section.querySelectorAll<HTMLElement>('.panel').forEach((p) => (p.hidden = p.id !== `panel-${fi}-${tab}`));
}

function tabKey(e: KeyboardEvent, fi: number, i: number, n: number): void {
  const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i + n - 1) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
  if (next < 0) return;
  e.preventDefault();
  selectTab(fi, next);
}

/** Outline a cell, bring it into view and list its findings in the file's cell panel. */
function showCell(fi: number, target: Target, fromFinding: boolean): void {
  const panel = $(`panel-${fi}-${target.tab}`);
  if (panel?.hidden) selectTab(fi, target.tab, false);
  document.querySelectorAll('.outlined').forEach((el) => el.classList.remove('outlined'));
  const cell = document.getElementById(target.id);
  if (!cell) return;
  cell.classList.add('outlined');
  cell.scrollIntoView({ block: 'center', inline: 'nearest' });
  cell.focus({ preventScroll: true });
  renderCellPanel(fi, target);
  void fromFinding;
}

function showCellById(fi: number, id: string): void {
  const index = fileIndexes.get(fi);
  const entry = index ? [...index.targetOf.values()].find((t) => t.id === id) : undefined;
  if (entry) showCell(fi, entry, false);
}

function renderCellPanel(fi: number, target: Target): void {
  const t = w();
  const list = fileIndexes.get(fi)?.findingsAt.get(target.id) ?? [];
  const panel = $(`cellpanel-${fi}`);
  if (!panel) return;
  panel.replaceChildren(
    h('h4', {}, t.cellFindings(target.label)),
    h(
      'ul',
      {},
      ...list.map(({ id, finding }) =>
        h(
          'li',
          { class: `sev-${finding.severity}` },
          h('span', { class: `badge sev-${finding.severity}` }, t.severity[finding.severity]),
          ' ',
          h(
            'a',
            {
              href: `#${id}`,
              onclick: (e: Event) => {
                e.preventDefault();
                const li = document.getElementById(id);
                li?.scrollIntoView({ block: 'center' });
                li?.focus();
              },
            },
            finding.message,
          ),
          finding.suggestion !== undefined ? h('span', { class: 'fix' }, ` ${suggestionText(finding, state.lang)}`) : null,
        ),
      ),
    ),
  );
}

// ---------- start ----------

function start(): void {
  $<HTMLButtonElement>('lang').addEventListener('click', switchLanguage);
  const input = $<HTMLInputElement>('files');
  $<HTMLButtonElement>('pick').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    if (input.files) void addFiles(input.files);
    input.value = '';
  });
  const cfg = $<HTMLInputElement>('config-file');
  $<HTMLButtonElement>('config-pick').addEventListener('click', () => cfg.click());
  cfg.addEventListener('change', () => {
    const f = cfg.files?.[0];
    if (f) void loadConfig(f);
    cfg.value = '';
  });
  $<HTMLButtonElement>('config-clear').addEventListener('click', clearConfig);
  $<HTMLButtonElement>('dl-md').addEventListener('click', () => download('markdown'));
  $<HTMLButtonElement>('dl-json').addEventListener('click', () => download('json'));
  const drop = $('drop');
  // A file dropped anywhere must not make the browser open it instead of this page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer?.files) void addFiles(e.dataTransfer.files);
  });
  // Print: every 「为什么/怎么改」 open, every table shown.
  window.addEventListener('beforeprint', () => document.querySelectorAll('details.docs').forEach((d) => d.setAttribute('open', '')));
  renderStatic();
}

start();
