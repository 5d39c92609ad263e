/**
 * Memos that live while one submission is checked. Several rules ask the same question of a
 * submission (its texts, its Cells, the items of a selector, the pairing with its approved
 * table); the first asks, the others read the memo. The engine forgets them all when the
 * submission's checks are done (src/check/engine.ts, runRules).
 *
 * Why not a module-level WeakMap keyed by the submission: V8's scavenger treats the entries of a
 * reachable WeakMap as strong, so every checked submission — keys and the memos they hold — was
 * copied to the old generation before a full collection could drop it. On a batch that made the
 * heap grow with the number of files (peak RSS at 50,000 files 1.7× that at 1,000, issue 15);
 * dropping the maps after each submission leaves them to the cheap young-generation collection.
 */
const ALL: Array<SubmissionMemo<object, unknown>> = [];

export class SubmissionMemo<K extends object, V> {
  private map = new WeakMap<K, V>();

  constructor() {
    ALL.push(this as unknown as SubmissionMemo<object, unknown>);
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.set(key, value);
  }

  /** Drop every entry (a new map: the old one and what it held become young garbage). */
  forget(): void {
    this.map = new WeakMap();
  }
}

/** Forget every submission memo (the engine, after a submission's checks). */
export function forgetSubmission(): void {
  for (const memo of ALL) memo.forget();
}
