/**
 * Supported Node versions (issue 24, item 4): package.json `engines` is what README states and
 * what every installed runtime dependency accepts, so `npm ci` prints no EBADENGINE on any Node
 * the package claims (the dev-only tools are the test machines' business, not a user's).
 * pdfjs-dist is pinned at 5.5.207: 5.6.83 up to 6.2.108 carry GHSA-hq66-cqwq-w95j (CVE-2026-16633),
 * and the first fixed release, 6.2.108, needs Node 22.13.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } | string[] }> };
/** The oldest Node of each line the package claims (^20.19.0 || >=22.13.0 → 20.19.0, 22.13.0). */
const oldest = pkg.engines.node.split('||').map((r) => semver.minVersion(r.trim())?.version as string);

describe('supported Node versions', () => {
  it('engines names the oldest supported release of each line', () => {
    expect(oldest).toEqual(['20.19.0', '22.13.0']);
    expect(semver.satisfies('24.0.0', pkg.engines.node)).toBe(true);
    expect(semver.satisfies('22.12.0', pkg.engines.node)).toBe(false);
  });

  it('every runtime dependency accepts the oldest Node of each line', () => {
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || entry.dev) continue;
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!range) continue;
      for (const v of oldest) if (!semver.satisfies(v, range)) refused.push(`${path.replace(/^node_modules\//, '')}@${entry.version}: node ${range} refuses ${v}`);
    }
    expect(refused).toEqual([]);
  });

  it('pdfjs-dist is pinned outside the published advisories', () => {
    const version = lock.packages['node_modules/pdfjs-dist']?.version as string;
    expect(pkg.dependencies['pdfjs-dist']).toBe(version);
    // CVE-2024-4367 (GHSA-wgrm-67xf-hhpq): fixed in 4.2.67; CVE-2026-16633 (GHSA-hq66-cqwq-w95j): >=5.6.83 <6.2.108
    expect(semver.gte(version, '4.2.67')).toBe(true);
    expect(semver.satisfies(version, '>=5.6.83 <6.2.108')).toBe(false);
  });

  it('README states the same range', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(`\`engines\` says \`${pkg.engines.node}\``);
  });
});
