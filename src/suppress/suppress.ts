/**
 * Suppress stage (after check): findings a reviewer has accepted, each with a written reason.
 *
 * A suppression names a rule id and a location (a JSON pointer into the canonical submission;
 * it also covers findings below that pointer, e.g. "/indicators/3" covers the whole row). It
 * comes from the submission itself (`suppressions:` in a YAML/JSON submission) or from a
 * baseline file next to it (src/node/baseline.ts). A suppressed finding is moved, never
 * dropped: it is listed with its reason in every report and counted in the summary. A
 * suppression without a reason does not apply, and one that matches nothing is reported, so
 * a stale or careless suppression is as visible as the finding it hides. Browser-safe.
 */
import { isBlankText } from '../normalize/value.js';
import type { Finding, SuppressedFinding } from '../types.js';

/** One suppression as written. */
export interface Suppression {
  /** Rule id of the findings to suppress. */
  rule: string;
  /** JSON pointer: findings at it or below it. */
  at: string;
  /** Why the finding is accepted; blank reasons do not suppress. */
  reason: string;
  /** Only findings of this worksheet (a workbook holds one submission per sheet). */
  sheet?: string;
  /** Where it was written: 'submission', or the baseline file's name. */
  source: string;
  /** Its place in that source: the pointer of the entry in the submission, or "suppressions[2]" of a baseline. */
  entry: string;
}

/**
 * The suppressions written in a submission's `suppressions:` list (raw data, before
 * normalization). Entries of the wrong shape are left to the schema rule.
 */
export function readSuppressions(data: unknown): Suppression[] {
  if (data === null || typeof data !== 'object') return [];
  const list = (data as Record<string, unknown>).suppressions;
  if (!Array.isArray(list)) return [];
  const out: Suppression[] = [];
  list.forEach((e: unknown, i) => {
    if (e === null || typeof e !== 'object') return;
    const { rule, at, reason } = e as Record<string, unknown>;
    if (typeof rule !== 'string' || typeof at !== 'string') return;
    out.push({ rule, at, reason: typeof reason === 'string' ? reason : '', source: 'submission', entry: `/suppressions/${i}` });
  });
  return out;
}

/** The finding lies at the suppression's pointer or below it. */
function covers(s: Suppression, f: Finding, sheet: string | undefined): boolean {
  if (s.rule !== f.ruleId) return false;
  if (s.sheet !== undefined && s.sheet !== sheet) return false;
  const p = f.location.pointer;
  return s.at === '' || p === s.at || p.startsWith(`${s.at}/`);
}

export interface SuppressOutcome {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Suppressions that were not applied because their reason is blank. */
  withoutReason: Suppression[];
  /** Suppressions with a reason that matched no finding. */
  unused: Suppression[];
}

/**
 * Split the findings of one submission into kept and suppressed. `sheet` is the worksheet the
 * submission was read from (a suppression naming another sheet does not apply). Findings of
 * `exempt` rules (those about suppressions themselves) are never suppressed.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  sheet?: string,
  exempt: ReadonlySet<string> = new Set(),
): SuppressOutcome {
  const withoutReason = suppressions.filter((s) => isBlankText(s.reason));
  const active = suppressions.filter((s) => !isBlankText(s.reason));
  const used = new Set<Suppression>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const s = exempt.has(f.ruleId) ? undefined : active.find((x) => covers(x, f, sheet));
    if (!s) {
      kept.push(f);
      continue;
    }
    used.add(s);
    suppressed.push({ ...f, suppression: { reason: s.reason.trim(), source: s.source } });
  }
  return { findings: kept, suppressed, withoutReason, unused: active.filter((s) => !used.has(s)) };
}
