/**
 * Stands in for ajv in the self-check page (scripts/build-web.mjs resolves `ajv/dist/2020.js`
 * here): the page compiles no JSON Schema at run time — ajv compiles to code with
 * `new Function`, which the page's CSP forbids (no 'unsafe-eval'). Every schema the page
 * validates against is compiled at build time (src/node/bundle.ts, buildWebResources): the form
 * schemas, the shared settings and every rule option; the rules come parsed and validated. If
 * a schema ever reached this class, the page would say so instead of breaking the CSP.
 */
export class Ajv2020 {
  constructor(_options?: unknown) {}

  addKeyword(_definition: unknown): this {
    return this;
  }

  addSchema(_schema: unknown, _key?: string): this {
    return this;
  }

  compile(_schema: unknown): never {
    throw new Error('jixiao-lint web page: a JSON Schema was not precompiled at build time (scripts/build-web.mjs)');
  }

  getSchema(_ref: string): never {
    throw new Error('jixiao-lint web page: a JSON Schema was not precompiled at build time (scripts/build-web.mjs)');
  }
}
