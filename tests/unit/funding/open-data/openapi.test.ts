// The OpenAPI document tells the truth: every documented path answers, every documented item
// field is in the answer (and nothing undocumented is), every $ref resolves.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../../../../prisma/seed.ts';
import { loader as contributionsLoader } from '~/routes/api.v1.contributions.ts';
import { loader as donorsLoader } from '~/routes/api.v1.donors._index.ts';
import { loader as donorLoader } from '~/routes/api.v1.donors.$slug.ts';
import { loader as openApiLoader } from '~/routes/api.v1.openapi[.]json.ts';
import { loader as programmesLoader } from '~/routes/api.v1.programmes.ts';
import { loader as projectsLoader } from '~/routes/api.v1.projects.ts';
import { loader as activitiesLoader } from '~/routes/iati.activities[.]xml.ts';
import { loader as organisationLoader } from '~/routes/iati.organisation[.]xml.ts';
import { contributionColumns, programmeColumns, projectColumns } from '~/funding/open-data/items.server.ts';
import { donorColumns } from '~/funding/open-data/donor-items.server.ts';
import { openApiDocument, type JsonSchema } from '~/funding/open-data/openapi.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { call, callJson } from './call.ts';

const loaders: Record<string, (args: LoaderFunctionArgs) => Promise<Response>> = {
  '/api/v1/programmes': programmesLoader,
  '/api/v1/projects': projectsLoader,
  '/api/v1/contributions': contributionsLoader,
  '/api/v1/donors': donorsLoader,
  '/api/v1/donors/{slug}': donorLoader,
  '/api/v1/openapi.json': openApiLoader,
  '/iati/activities.xml': activitiesLoader,
  '/iati/organisation.xml': organisationLoader,
};

const Y = new Date().getUTCFullYear();
const schemas = openApiDocument.components.schemas;

function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const target = schemas[schema.$ref.replace('#/components/schemas/', '')];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return target;
}

/** Checks a value against an object schema's required and known properties, recursively. */
function expectMatchesSchema(value: Record<string, unknown>, schema: JsonSchema, where: string): void {
  const resolved = resolve(schema);
  for (const field of resolved.required ?? []) expect(value, `${where}.${field} is documented as required`).toHaveProperty(field);
  for (const [field, fieldValue] of Object.entries(value)) {
    const property = resolved.properties?.[field];
    expect(property, `${where}.${field} is in the answer but not documented`).toBeDefined();
    if (!property) continue;
    const target = resolve(property);
    if (target.type === 'object' && target.properties)
      expectMatchesSchema(fieldValue as Record<string, unknown>, target, `${where}.${field}`);
    if (target.type === 'integer') expect(Number.isSafeInteger(fieldValue), `${where}.${field} is an integer`).toBe(true);
    if (target.enum) expect(target.enum).toContain(fieldValue);
  }
}

/** Dotted property paths a schema documents (the CSV column names). */
function documentedPaths(schema: JsonSchema, prefix = ''): string[] {
  return Object.entries(resolve(schema).properties ?? {}).flatMap(([name, property]) => {
    const target = resolve(property);
    const path = prefix ? `${prefix}.${name}` : name;
    return target.type === 'object' && target.properties ? documentedPaths(target, path) : [path];
  });
}

beforeAll(async () => {
  await seedDemoData({ db: getPrisma() });
}, 120_000);

describe('OpenAPI document', () => {
  test('is served as JSON with an ETag and is OpenAPI 3.1', async () => {
    const { status, body, response } = await callJson(openApiLoader, '/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    expect(body).toMatchObject({ openapi: '3.1.0' });
    expect(response.headers.get('ETag')).toMatch(/^W\//);
  });

  test('every $ref resolves', () => {
    const refs = [...JSON.stringify(openApiDocument).matchAll(/"\$ref":"#\/components\/(\w+)\/([\w-]+)"/g)];
    expect(refs.length).toBeGreaterThan(20);
    for (const [, section = '', name = ''] of refs) {
      const components = openApiDocument.components as unknown as Record<string, Record<string, unknown>>;
      expect(components[section]?.[name], `#/components/${section}/${name}`).toBeDefined();
    }
  });

  test.each(Object.keys(openApiDocument.paths))('documented path %s answers 200', async (path) => {
    const loader = loaders[path];
    expect(loader, `no route for ${path}`).toBeDefined();
    if (!loader) return;
    // A path with a parameter is asked for the seed's Member State Germany.
    const response = await call(loader, path.replace('{slug}', 'germany'), {}, { slug: 'germany' });
    expect(response.status).toBe(200);
    const ok = openApiDocument.paths[path]?.get.responses['200'];
    const documented = ok && 'content' in ok ? Object.keys(ok.content ?? {}) : [];
    expect(documented.some((type) => response.headers.get('Content-Type')?.startsWith(type))).toBe(true);
  });

  test.each([
    { path: '/api/v1/programmes', list: 'ProgrammeList', query: `year=${Y}` },
    { path: '/api/v1/projects', list: 'ProjectList', query: `from=${Y - 3}&to=${Y + 1}` },
    { path: '/api/v1/contributions', list: 'ContributionList', query: `from=${Y - 3}&to=${Y + 1}` },
  ])('$path: the envelope and every item match the documented schema', async ({ path, list, query }) => {
    const loader = loaders[path];
    if (!loader) throw new Error(path);
    const { body } = await callJson<Record<string, unknown> & { items: Record<string, unknown>[] }>(loader, `${path}?${query}`);
    const listSchema = schemas[list] as JsonSchema;
    for (const field of listSchema.required ?? []) expect(body).toHaveProperty(field);
    expect(body.items.length).toBeGreaterThan(0);
    const itemSchema = listSchema.properties?.items?.items as JsonSchema;
    body.items.forEach((item, index) => expectMatchesSchema(item, itemSchema, `${path} items[${index}]`));
  });

  test('the donor list and a donor match the documented schemas', async () => {
    const { body: list } = await callJson<{ items: Record<string, unknown>[] }>(donorsLoader, '/api/v1/donors');
    expectMatchesSchema(list, schemas.DonorList as JsonSchema, '/api/v1/donors');
    expect(list.items.length).toBeGreaterThan(0);
    const { body: donor } = await callJson(donorLoader, '/api/v1/donors/germany', { slug: 'germany' });
    expectMatchesSchema(donor, schemas.DonorDetail as JsonSchema, '/api/v1/donors/germany');
  });

  test('named contributions carry the optional donorId, anonymous ones do not', async () => {
    const { body } = await callJson<{ items: Record<string, unknown>[] }>(
      contributionsLoader,
      `/api/v1/contributions?from=${Y - 3}&to=${Y}`,
    );
    expect(body.items.some((item) => item.isAnonymous === false && typeof item.donorId === 'string')).toBe(true);
    expect(body.items.some((item) => item.isAnonymous === true && !('donorId' in item))).toBe(true);
  });

  test('CSV columns are exactly the documented fields, flattened', () => {
    expect([...programmeColumns].sort()).toEqual(documentedPaths(schemas.Programme as JsonSchema).sort());
    expect([...projectColumns].sort()).toEqual(documentedPaths(schemas.Project as JsonSchema).sort());
    expect([...contributionColumns].sort()).toEqual(documentedPaths(schemas.Contribution as JsonSchema).sort());
    expect([...donorColumns].sort()).toEqual(documentedPaths(schemas.Donor as JsonSchema).sort());
  });
});
