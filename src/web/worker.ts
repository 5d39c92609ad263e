/**
 * The page's Web Worker: builds the Linter from what scripts/build-web.mjs inlined — the rules
 * parsed and checked at build time, the schemas and their validators compiled at build time
 * (src/node/bundle.ts, buildWebResources; the page compiles no code: no 'unsafe-eval') — reads the
 * files the page hands over (loadBytes: every loader registered in src/load/index.ts), lints
 * them and sends back, file by file, the results and the tables as read. Also reads a
 * jixiao-lint.config.yaml (presets and rule settings; no other files: there is no disk) and
 * writes the downloadable reports. Created from a Blob URL, so it runs from file://.
 */
/// <reference lib="dom" />
import { byKey as configValidators } from 'jixiao:config-validators';
import formValidators from 'jixiao:form-validators';
import { rules as bundledRules, schemas } from 'jixiao:resources';
import type { RuleSettings } from '../check/engine.js';
import { compileRules } from '../check/rules.js';
import { baseSettings, ConfigError, flattenExtends, isPreset, parseConfigShape, parseConfigText, PRESETS, registerConfigValidators } from '../config/config.js';
import { POLICY, POLICY_PRESETS, policyOf } from '../config/settings.js';
import { Linter } from '../lint.js';
import { extensionOf, loadBytes, supportedExtensions } from '../load/index.js';
import { formatJson } from '../report/json.js';
import { formatMarkdown } from '../report/markdown.js';
import type { Lang, LoadResult } from '../types.js';
import { formValidatorsOf, SchemaSet } from '../validate/schemas.js';
import { fieldRows } from './fields.js';
import type { ConfigView, DocumentView, FileView, FromWorker, RuleView, ToWorker } from './protocol.js';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (m: FromWorker) => scope.postMessage(m);

// The page's CSP applies here too. A violation fires at the worker's global only: hand it to the
// page, which raises it at its document, where one listener sees the page's and the worker's.
self.addEventListener('securitypolicyviolation', (e) => {
  post({ type: 'csp-violation', directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
});

registerConfigValidators(configValidators);
// Bundled rules need no rule schema: they were validated (and type-checked) at build time.
const rules = compileRules(bundledRules, {});
const linter = new Linter(new SchemaSet(schemas, formValidatorsOf(formValidators)), rules);
let settings: RuleSettings = {};

const ruleViews: RuleView[] = rules.map((r) => ({
  id: r.id,
  title: r.title,
  severity: r.severity,
  why: r.docs.why,
  fix: r.docs.fix,
  ...(r.docs.example ? { example: r.docs.example } : {}),
}));

function text(x: unknown): string | undefined {
  return typeof x === 'string' || typeof x === 'number' ? String(x) : undefined;
}

async function lintFile(name: string, bytes: Uint8Array, lang: Lang): Promise<FileView> {
  const ext = extensionOf(name);
  let loaded: LoadResult;
  try {
    // the table readers find indicator categories by the hierarchy the rules use (the config's settings.hierarchy)
    loaded = await loadBytes(name, bytes, { hierarchy: policyOf(settings).hierarchy });
  } catch (e) {
    loaded = {
      documents: [],
      problems: [{ ruleId: 'parse-error', args: { detail: e instanceof Error ? e.message : String(e), offset: 0 }, location: { pointer: '' } }],
    };
  }
  const results = linter.lintLoaded(name, loaded, { lang, settings });
  const documents: DocumentView[] = results.map((result, i) => {
    const data = loaded.documents[i]?.data as Record<string, unknown> | undefined;
    const year = text(data?.year);
    const title = text(data?.title);
    return { result, ...(year !== undefined ? { year } : {}), ...(title !== undefined ? { title } : {}) };
  });
  const structured = ext === '.json' || ext === '.yaml' || ext === '.yml';
  const grids = loaded.grids ?? [];
  const fields = structured ? loaded.documents.map(fieldRows) : [];
  // Plain data only: a finding's strings may be slices of the whole file's text.
  return JSON.parse(JSON.stringify({ name, documents, grids, fields })) as FileView;
}

/** A config file as the page can apply it: presets and `rules:`; no other files, no folders. */
function readConfig(name: string, source: string): ConfigView & { settings_: RuleSettings } {
  const data = parseConfigText(source, name, /\.json$/i.test(name));
  const shape = parseConfigShape(data, name);
  for (const ref of shape.extends) {
    if (!isPreset(ref)) {
      throw new ConfigError(
        `${name}: extends: ${ref}：网页版只能引用预设（${PRESETS.join('、')}），不能引用其他文件`,
        `${name}: extends: ${ref}: the web page can only extend presets (${PRESETS.join(', ')}), not other files`,
      );
    }
  }
  if (shape.ruleDirs.length > 0) throw new ConfigError(`${name}: ruleDirs：网页版不能读取规则文件夹，请使用命令行`, `${name}: ruleDirs: the web page cannot read rule folders; use the command line`);
  if (shape.layoutDirs.length > 0) throw new ConfigError(`${name}: layoutDirs：网页版不能读取表样布局文件夹，请使用命令行`, `${name}: layoutDirs: the web page cannot read layout folders; use the command line`);
  const entries = flattenExtends({ shape, dir: '' }, () => {
    throw new ConfigError(`${name}: extends：只能引用预设`, `${name}: extends: only presets`);
  });
  const s = baseSettings(entries, rules);
  const policy = s[POLICY] ?? {};
  return {
    name,
    presets: shape.extends.map((p) => ({ name: p, ...(POLICY_PRESETS[p] ? { description: POLICY_PRESETS[p].description } : {}) })),
    policy: Object.entries(policy).map(([key, value]) => ({ key, value: JSON.stringify(value) })),
    settings: Object.entries(s).map(([id, v]) => ({ id, ...(v.severity ? { severity: v.severity } : {}), ...(v.options ? { options: v.options } : {}) })),
    ignored: shape.overrides.length > 0 ? ['overrides'] : [],
    settings_: s,
  };
}

scope.onmessage = (event) => {
  const m = event.data;
  void (async () => {
    try {
      if (m.type === 'lint') {
        for (let i = 0; i < m.files.length; i++) {
          const f = m.files[i] as { name: string; bytes: Uint8Array };
          post({ type: 'progress', id: m.id, done: i, total: m.files.length, name: f.name });
          post({ type: 'file', id: m.id, index: i, file: await lintFile(f.name, f.bytes, m.lang) });
        }
        post({ type: 'done', id: m.id });
      } else if (m.type === 'config') {
        if (m.text === null) {
          settings = {};
          post({ type: 'config', ok: true, config: null });
          return;
        }
        try {
          const { settings_, ...config } = readConfig(m.name, m.text);
          settings = settings_;
          post({ type: 'config', ok: true, config });
        } catch (e) {
          const zh = e instanceof Error ? e.message : String(e);
          post({ type: 'config', ok: false, name: m.name, error: { zh, en: e instanceof ConfigError ? e.en : zh } });
        }
      } else if (m.type === 'report') {
        const text =
          m.format === 'json'
            ? formatJson(m.results)
            : formatMarkdown(m.results, { lang: m.lang, rules: rules, maxFindingsPerFile: Number.MAX_SAFE_INTEGER });
        post({ type: 'report', format: m.format, text });
      }
    } catch (e) {
      post({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
  })();
};

post({ type: 'ready', extensions: supportedExtensions(), rules: ruleViews });
