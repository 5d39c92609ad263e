/**
 * Words a reader sees instead of identifiers: the Chinese (or English) name of each form
 * kind and of each severity. Used by every report meant for people (Markdown, the summary
 * table, HTML, xlsx, csv, `rules`); machine formats (JSON, SARIF, JUnit) keep the ids.
 * Browser-safe.
 */
import type { Lang, Severity } from '../types.js';

/** The printed title of each form kind, as a bureau names it. */
export const FORM_NAMES: Record<Lang, Record<string, string>> = {
  zh: {
    'project-self-eval': '项目支出绩效自评表',
    'department-self-eval': '部门整体支出绩效自评表',
    'project-summary': '多项目绩效自评汇总表',
    'target-table': '绩效目标表',
    'department-report': '部门整体支出绩效自评报告',
  },
  // In English the ids are the names (they are English words, and the ones in the JSON, SARIF and config files).
  en: {
    'project-self-eval': 'project-self-eval',
    'department-self-eval': 'department-self-eval',
    'project-summary': 'project-summary',
    'target-table': 'target-table',
    'department-report': 'department-report',
  },
};

/** The name of a form kind in `lang`; an unknown kind is shown as it is, a missing one as "—". */
export function formName(form: string | null | undefined, lang: Lang): string {
  if (form === null || form === undefined || form === '') return '—';
  return FORM_NAMES[lang][form] ?? form;
}

/** One severity, as a word. */
export const SEVERITY_NAMES: Record<Lang, Record<Severity | 'off', string>> = {
  zh: { error: '错误', warning: '警告', info: '提示', off: '关闭' },
  en: { error: 'error', warning: 'warning', info: 'info', off: 'off' },
};

export function severityName(severity: Severity | 'off', lang: Lang): string {
  return SEVERITY_NAMES[lang][severity];
}
