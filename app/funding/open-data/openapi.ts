// The OpenAPI 3.1 description of the key-less open data API, served at /api/v1/openapi.json.
// Field names and order match open-data-items.server.ts; a test calls every path documented
// here and checks each documented item field is in the answer.
import { donorTypes, MAX_YEAR, MIN_YEAR, projectStatuses } from '~/funding/funding-filters.server.ts';
import { locales } from '~/platform/i18n.ts';

export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'boolean' | ['string', 'null'] | ['integer', 'null'];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  enum?: string[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  examples?: unknown[];
  additionalProperties?: boolean | JsonSchema;
}

interface Parameter {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
  schema: JsonSchema;
}

interface MediaType {
  schema: JsonSchema;
}

interface ResponseObject {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema } | { $ref: string }>;
  content?: Record<string, MediaType>;
}

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters?: ({ $ref: string } | Parameter)[];
  responses: Record<string, ResponseObject | { $ref: string }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, { get: Operation }>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, Parameter>;
    headers: Record<string, { description: string; schema: JsonSchema }>;
    responses: Record<string, ResponseObject>;
  };
}

const money = (description: string): JsonSchema => ({
  type: 'integer',
  minimum: 0,
  description: `${description} In US dollar minor units (cents), an exact integer: 123456 means US$1,234.56.`,
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const lowerEnum = (values: readonly string[]) => values.map((value) => value.toLowerCase().replaceAll('_', '-'));

const figures: Record<string, JsonSchema> = {
  requirementUsdMinor: money('What the projects need in the years asked for.'),
  fundedUsdMinor: money(
    'Money received and allocated to the projects for those years (all sources); pledges not yet paid are never counted.',
  ),
  fundedBySource: ref('FundedBySource'),
  pledgedUnpaidUsdMinor: money('Instalments due in those years and not yet paid, at each pledge’s pinned exchange rate.'),
  gapUsdMinor: money('Requirement minus funded, never below 0.'),
  coverageBasisPoints: {
    type: 'integer',
    minimum: 0,
    description: 'Funded ÷ requirement in basis points, floored (10000 = 100 %; may exceed 10000; 0 without a requirement).',
  },
};
const figureNames = Object.keys(figures);

const listEnvelope = (item: string, range: 'year' | 'range'): JsonSchema => ({
  type: 'object',
  required: [...(range === 'year' ? ['year'] : ['fromYear', 'toYear', 'filters']), 'currency', 'unit', 'warnings', 'items'],
  properties: {
    ...(range === 'year'
      ? { year: { type: 'integer', description: 'The year of the figures.' } }
      : {
          fromYear: { type: 'integer', description: 'First year of the range (inclusive).' },
          toYear: { type: 'integer', description: 'Last year of the range (inclusive).' },
          filters: { type: 'object', additionalProperties: { type: 'string' }, description: 'The filters applied, as query parameters.' },
        }),
    currency: { type: 'string', enum: ['USD'] },
    unit: { type: 'string', enum: ['minor'], description: 'Every amount is an integer in minor units (cents).' },
    warnings: {
      type: 'array',
      items: { type: 'string' },
      description: 'Names of query parameters that were unknown or not understood, and were ignored.',
    },
    items: { type: 'array', items: ref(item) },
  },
});

const cached = (description: string, content: Record<string, MediaType>): ResponseObject => ({
  description,
  headers: {
    ETag: { $ref: '#/components/headers/ETag' },
    'Cache-Control': { $ref: '#/components/headers/Cache-Control' },
    'Access-Control-Allow-Origin': { $ref: '#/components/headers/Access-Control-Allow-Origin' },
  },
  content,
});

const csvNote =
  'With `?format=csv`: RFC 4180 CSV (UTF-8 with a byte order mark, CRLF), one row per item; the columns are the item’s fields with nested ones joined by dots (`names.en`, `fundedBySource.earmarkedUsdMinor`). Text cells starting with = + - @, tab or carriage return are prefixed with a single quote so spreadsheets never run them as formulas.';

const xlsxNote =
  'With `?format=xlsx`: the CSV’s rows as a spreadsheet (decision 052) — amounts as numbers in US dollars with two decimals (`fundedUsdMinor` becomes `fundedUsd`), basis points as percentages (`coverageBasisPoints` becomes `coverage`), dates as dates — with a frozen header row and a sheet “About” giving the basis of the figures, the source address and when the figures last changed. A query with any parameter or value not understood is a 400 `invalid_parameters` for the spreadsheet (JSON and CSV ignore it and name it in `warnings`).';

const xlsxContent = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    schema: { type: 'string' as const, format: 'binary', description: 'Office Open XML spreadsheet, as described above.' },
  },
};

const listResponses = (item: string, withNotFound: boolean) => ({
  '200': cached(`The ${item.toLowerCase()} list. ${csvNote} ${xlsxNote}`, {
    'application/json': { schema: ref(`${item}List`) },
    'text/csv': { schema: { type: 'string', description: 'CSV, columns as described above.' } },
    ...xlsxContent,
  }),
  '304': { $ref: '#/components/responses/NotModified' },
  '400': { $ref: '#/components/responses/BadRequest' },
  ...(withNotFound ? { '404': { $ref: '#/components/responses/NotFound' } } : {}),
  '414': { $ref: '#/components/responses/UriTooLong' },
});

const xmlResponses = (what: string) => ({
  '200': cached(what, { 'application/xml': { schema: { type: 'string', description: 'IATI 2.03 XML.' } } }),
  '304': { $ref: '#/components/responses/NotModified' },
});

export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Crime Prevention and Criminal Justice Programme: open funding data',
    version: '1.0.0',
    description:
      'Key-less, read-only data on funding needs and gaps of the global programmes and their projects, and on contributions by donor. ' +
      'Every amount is an integer in US dollar minor units (cents) — never a float — equal to the portal’s ledger to the cent. ' +
      'Answers carry a weak ETag: send it back in If-None-Match to get 304 Not Modified while the figures have not changed; they may be cached for 60 seconds. ' +
      'CORS is open (Access-Control-Allow-Origin: *). Unknown or nonsensical query values are ignored and listed in `warnings`; ' +
      'an unknown programme or project is 404; a query string over 2,000 characters is 414 and one with more than 30 parameters is 400. Errors are JSON `{ "error": { "code", "message" } }`. ' +
      'The same data is published as IATI 2.03 XML at /iati/activities.xml and /iati/organisation.xml. Demo figures are illustrative.',
    license: { name: 'Creative Commons Attribution 4.0', identifier: 'CC-BY-4.0' },
  },
  servers: [{ url: '/' }],
  tags: [
    { name: 'funding', description: 'Needs, funding by source and gaps.' },
    { name: 'iati', description: 'International Aid Transparency Initiative files (IATI standard 2.03).' },
    { name: 'meta', description: 'This description.' },
  ],
  paths: {
    '/api/v1/programmes': {
      get: {
        operationId: 'listProgrammes',
        summary: 'Global programmes with their figures over a year range',
        description:
          'Every global programme (or the one asked for): requirement, funded by source, pledged-unpaid, gap, coverage and the programme’s unallocated pool, for the same filters as the /funding page. With a region, only money for projects in that region (and its sub-regions and countries) counts.',
        tags: ['funding'],
        parameters: ['year', 'from', 'to', 'programme', 'region', 'country', 'project', 'format'].map(param),
        responses: listResponses('Programme', true),
      },
    },
    '/api/v1/projects': {
      get: {
        operationId: 'listProjects',
        summary: 'Projects with their figures over a year range',
        description:
          'Every project matching the filters (the same query parameters as the portal’s pages, so a page’s download link is this URL).',
        tags: ['funding'],
        parameters: ['year', 'from', 'to', 'programme', 'region', 'country', 'status', 'format'].map(param),
        responses: listResponses('Project', true),
      },
    },
    '/api/v1/contributions': {
      get: {
        operationId: 'listContributions',
        summary: 'Giving per donor over a year range',
        description:
          'Pledged and paid per donor, with the general-purpose share. Anonymous donors are named "Anonymous", have `isAnonymous: true`, no `donorId` and no country.',
        tags: ['funding'],
        parameters: ['year', 'from', 'to', 'programme', 'project', 'region', 'country', 'donorType', 'format'].map(param),
        responses: listResponses('Contribution', true),
      },
    },
    '/api/v1/donors': {
      get: {
        operationId: 'listDonors',
        summary: 'Donors that have a page',
        description:
          'Named institutional donors (Member States, intergovernmental bodies, companies and foundations that did not ask to stay anonymous), by name then slug. Every such donor, in one answer: the list is not paged (the /donors web page shows it 100 at a time, with a name search and a type filter). Individuals and anonymous donors are never listed.',
        tags: ['funding'],
        parameters: ['format'].map(param),
        responses: {
          '200': cached(`The donor list. ${csvNote} ${xlsxNote}`, {
            'application/json': { schema: ref('DonorList') },
            'text/csv': { schema: { type: 'string', description: 'CSV, columns as described above.' } },
            ...xlsxContent,
          }),
          '304': { $ref: '#/components/responses/NotModified' },
          '400': { $ref: '#/components/responses/BadRequest' },
          '414': { $ref: '#/components/responses/UriTooLong' },
        },
      },
    },
    '/api/v1/donors/{slug}': {
      get: {
        operationId: 'getDonor',
        summary: 'One donor’s giving, all years',
        description:
          'What the donor pledged and paid by year (with its rank among donors by money paid that year), by earmark, and its payment record against its pledges’ instalments. The figures are those of /api/v1/contributions for this donor: gifts the donor asked to keep anonymous are not included. 404 for an unknown slug and for any donor without a page alike.',
        tags: ['funding'],
        parameters: [
          {
            name: 'slug',
            in: 'path',
            required: true,
            description: 'The donor’s slug (from /api/v1/donors).',
            schema: { type: 'string', pattern: '^[a-z0-9-]{1,80}$' },
          },
          param('format'),
          {
            name: 'table',
            in: 'query',
            description:
              'With `format=csv`: `years` (default; year, pledged, paid, general-purpose, outstanding, rank, donorsThatYear) or `earmarks` (earmarkType, programme, project, pledged, paid). The .xlsx holds both, as sheets Years and Earmarks.',
            schema: { type: 'string', enum: ['years', 'earmarks'] },
          },
        ],
        responses: {
          '200': cached(`The donor’s figures. ${csvNote} ${xlsxNote}`, {
            'application/json': { schema: ref('DonorDetail') },
            'text/csv': { schema: { type: 'string', description: 'CSV of one table, as described above.' } },
            ...xlsxContent,
          }),
          '304': { $ref: '#/components/responses/NotModified' },
          '400': { $ref: '#/components/responses/BadRequest' },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
    },
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        summary: 'This OpenAPI document',
        description: 'OpenAPI 3.1 description of the open data API.',
        tags: ['meta'],
        responses: {
          '200': cached('The document.', { 'application/json': { schema: { type: 'object' } } }),
          '304': { $ref: '#/components/responses/NotModified' },
        },
      },
    },
    '/iati/activities.xml': {
      get: {
        operationId: 'getIatiActivities',
        summary: 'IATI 2.03 activity file',
        description:
          'One iati-activity per project: identifier (reporting organisation + "-" + project code), titles and descriptions in the six UN languages, participating organisations, status, dates, recipient country or UN M49 region (vocabulary 2), DAC sector, yearly budgets (the requirements), incoming commitments (type 11, pledges) and incoming funds (type 12, allocated money), grouped per provider and year. Individual and anonymous donors are pooled as "Private and anonymous donors".',
        tags: ['iati'],
        responses: xmlResponses('The iati-activities document.'),
      },
    },
    '/iati/organisation.xml': {
      get: {
        operationId: 'getIatiOrganisation',
        summary: 'IATI 2.03 organisation file',
        description:
          'Total budget per year (sum of project requirements) with a budget line per programme, and budgets per recipient region and country.',
        tags: ['iati'],
        responses: xmlResponses('The iati-organisations document.'),
      },
    },
  },
  components: {
    schemas: {
      LanguageNames: {
        type: 'object',
        description: 'A name in the six UN languages (English where a translation is missing).',
        required: [...locales],
        properties: Object.fromEntries(locales.map((locale) => [locale, { type: 'string' }])),
      },
      FundedBySource: {
        type: 'object',
        required: ['regularBudgetUsdMinor', 'generalPurposeUsdMinor', 'earmarkedUsdMinor'],
        properties: {
          regularBudgetUsdMinor: money('From the UN regular budget.'),
          generalPurposeUsdMinor: money('From unearmarked (general-purpose) voluntary contributions.'),
          earmarkedUsdMinor: money('From contributions earmarked to the programme or the project.'),
        },
      },
      Programme: {
        type: 'object',
        required: ['slug', 'code', 'names', ...figureNames, 'unallocatedUsdMinor'],
        properties: {
          slug: { type: 'string', examples: ['trafficking-in-persons'] },
          code: { type: 'string' },
          names: ref('LanguageNames'),
          ...figures,
          unallocatedUsdMinor: {
            ...money(
              'Received for the programme (earmarked to it, or regular budget) and not yet allocated to a project; a balance, not limited to the years. Null with a region filter: programme-level money has no region.',
            ),
            type: ['integer', 'null'],
          },
        },
      },
      Project: {
        type: 'object',
        required: [
          'code',
          'programme',
          'names',
          'countryCode',
          'regionCode',
          'sectorCode',
          'status',
          'startDate',
          'endDate',
          ...figureNames,
        ],
        properties: {
          code: { type: 'string', examples: ['GLOT59'] },
          programme: { type: 'string', description: 'The programme’s slug.' },
          names: ref('LanguageNames'),
          countryCode: { type: ['string', 'null'], description: 'ISO 3166-1 alpha-2; null for regional and global projects.' },
          regionCode: { type: 'string', pattern: '^\\d{3}$', description: 'UN M49 region code (001 = World).' },
          sectorCode: { type: 'string', pattern: '^\\d{5}$', description: 'OECD DAC CRS purpose code.' },
          status: { type: 'string', enum: lowerEnum(projectStatuses) },
          startDate: { type: 'string', format: 'date' },
          endDate: { type: 'string', format: 'date' },
          ...figures,
        },
      },
      Contribution: {
        type: 'object',
        required: [
          'name',
          'isAnonymous',
          'donorType',
          'countryCode',
          'pledgedUsdMinor',
          'paidUsdMinor',
          'generalPurposeUsdMinor',
          'earmarkedUsdMinor',
          'generalPurposeShareBasisPoints',
        ],
        properties: {
          donorId: { type: 'string', format: 'uuid', description: 'Stable donor identifier; absent for anonymous donors.' },
          name: { type: 'string', description: 'The donor’s public name, or "Anonymous".' },
          isAnonymous: { type: 'boolean' },
          donorType: { type: 'string', enum: lowerEnum(donorTypes) },
          countryCode: { type: ['string', 'null'], description: 'ISO 3166-1 alpha-2; null when unknown or anonymous.' },
          pledgedUsdMinor: money(
            'Promised in the years: one-off and instalment pledges made then (cancelled ones excluded), plus monthly gifts paid.',
          ),
          paidUsdMinor: money(
            'Received in the years, net of refunds and of money withdrawn by disputes (given back when a dispute is won).',
          ),
          generalPurposeUsdMinor: money('Of the paid money, the general-purpose (unearmarked) part.'),
          earmarkedUsdMinor: money('Of the paid money, the part earmarked to a programme or project.'),
          generalPurposeShareBasisPoints: {
            type: 'integer',
            minimum: 0,
            maximum: 10000,
            description: 'General-purpose ÷ paid in basis points, floored (0 when nothing was paid).',
          },
        },
      },
      ProgrammeList: listEnvelope('Programme', 'range'),
      ProjectList: listEnvelope('Project', 'range'),
      ContributionList: listEnvelope('Contribution', 'range'),
      DonorList: {
        type: 'object',
        required: ['warnings', 'items'],
        properties: {
          warnings: {
            type: 'array',
            items: { type: 'string' },
            description: 'Names of query parameters that were unknown or not understood, and were ignored.',
          },
          items: { type: 'array', items: ref('Donor') },
        },
      },
      Donor: {
        type: 'object',
        required: ['slug', 'name', 'donorType', 'countryCode', 'page'],
        properties: {
          slug: { type: 'string', description: 'Stable: derived from the name when the page was first published and kept.' },
          name: { type: 'string', description: 'The donor’s public name.' },
          donorType: { type: 'string', enum: ['member-state', 'intergovernmental', 'company', 'foundation'] },
          countryCode: { type: ['string', 'null'], description: 'ISO 3166-1 alpha-2; null when unknown.' },
          page: { type: 'string', description: 'Path of the donor’s page on the portal.' },
        },
      },
      DonorDetail: {
        type: 'object',
        required: [
          'slug',
          'name',
          'donorType',
          'countryCode',
          'page',
          'currency',
          'unit',
          'lastChangedAt',
          'totals',
          'years',
          'earmarks',
          'paymentRecord',
          'warnings',
        ],
        properties: {
          slug: { type: 'string' },
          name: { type: 'string' },
          donorType: { type: 'string', enum: ['member-state', 'intergovernmental', 'company', 'foundation'] },
          countryCode: { type: ['string', 'null'] },
          page: { type: 'string' },
          currency: { type: 'string', enum: ['USD'] },
          unit: { type: 'string', enum: ['minor'] },
          lastChangedAt: {
            type: ['string', 'null'],
            format: 'date-time',
            description: 'When a fact about the donor’s gifts or its profile last changed.',
          },
          totals: {
            type: 'object',
            required: ['pledgedUsdMinor', 'paidUsdMinor', 'generalPurposeUsdMinor', 'earmarkedUsdMinor', 'outstandingUsdMinor'],
            properties: {
              pledgedUsdMinor: money('Promised, all years (as pledgedUsdMinor in /api/v1/contributions).'),
              paidUsdMinor: money('Received, all years, net of refunds and disputes.'),
              generalPurposeUsdMinor: money('Of the paid money, the general-purpose part.'),
              earmarkedUsdMinor: money('Of the paid money, the earmarked part.'),
              outstandingUsdMinor: money('What the pledges’ instalments still owe.'),
            },
          },
          years: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'year',
                'pledgedUsdMinor',
                'paidUsdMinor',
                'generalPurposeUsdMinor',
                'outstandingUsdMinor',
                'rank',
                'donorsThatYear',
              ],
              properties: {
                year: { type: 'integer' },
                pledgedUsdMinor: money('Promised that year.'),
                paidUsdMinor: money('Received that year.'),
                generalPurposeUsdMinor: money('Of it, general-purpose.'),
                outstandingUsdMinor: money('Still owed on instalments falling due that year.'),
                rank: {
                  type: ['integer', 'null'],
                  description:
                    '1 = most paid that year among all donors (anonymous gifts pooled per donor type, as in /api/v1/contributions); null when nothing was paid.',
                },
                donorsThatYear: {
                  type: 'integer',
                  description: 'Donors in that year’s /api/v1/contributions (named, or one anonymous pool per type).',
                },
              },
            },
          },
          earmarks: {
            type: 'array',
            items: {
              type: 'object',
              required: ['earmarkType', 'programme', 'project', 'pledgedUsdMinor', 'paidUsdMinor'],
              properties: {
                earmarkType: { type: 'string', enum: ['general-purpose', 'programme', 'project'] },
                programme: {
                  type: ['string', 'null'],
                  description: 'Programme slug (of the project for a project earmark); null for general-purpose.',
                },
                project: { type: ['string', 'null'], description: 'Project code for a project earmark.' },
                pledgedUsdMinor: money('Promised, all years.'),
                paidUsdMinor: money('Received, all years.'),
              },
            },
          },
          paymentRecord: {
            type: 'object',
            required: [
              'instalmentsPaidOnTime',
              'instalmentsPaidLate',
              'instalmentsOutstanding',
              'instalmentsOverdue',
              'outstandingUsdMinor',
            ],
            properties: {
              instalmentsPaidOnTime: {
                type: 'integer',
                description: 'Instalments whose last payment arrived on or before the due date (UTC).',
              },
              instalmentsPaidLate: { type: 'integer', description: 'Instalments paid in full after the due date.' },
              instalmentsOutstanding: {
                type: 'integer',
                description: 'Instalments still owing (written-off ones and those of cancelled pledges excluded).',
              },
              instalmentsOverdue: { type: 'integer', description: 'Of the outstanding, those past their due date.' },
              outstandingUsdMinor: money('What the outstanding instalments still owe.'),
            },
          },
          warnings: { type: 'array', items: { type: 'string' } },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', enum: ['programme_not_found', 'project_not_found', 'query_too_long', 'too_many_parameters'] },
              message: { type: 'string' },
            },
          },
        },
      },
    },
    parameters: {
      year: {
        name: 'year',
        in: 'query',
        description: `One year (${MIN_YEAR}–${MAX_YEAR}); default: the current UTC year. Overrides from/to.`,
        schema: { type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR },
      },
      from: {
        name: 'from',
        in: 'query',
        description: 'First year of a range (with or without `to`).',
        schema: { type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR },
      },
      to: {
        name: 'to',
        in: 'query',
        description: 'Last year of a range.',
        schema: { type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR },
      },
      programme: {
        name: 'programme',
        in: 'query',
        description: 'Programme slug; unknown → 404.',
        schema: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
      },
      project: {
        name: 'project',
        in: 'query',
        description: 'Project code; unknown → 404.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,32}$' },
      },
      region: {
        name: 'region',
        in: 'query',
        description:
          'UN M49 region code: projects in that region, in the regions inside it (e.g. 019 Americas takes in 419, 005, 029…) and in its countries.',
        schema: { type: 'string', pattern: '^\\d{3}$' },
      },
      country: {
        name: 'country',
        in: 'query',
        description: 'ISO 3166-1 alpha-2 country of the project.',
        schema: { type: 'string', pattern: '^[A-Za-z]{2}$' },
      },
      status: { name: 'status', in: 'query', description: 'Project status.', schema: { type: 'string', enum: lowerEnum(projectStatuses) } },
      donorType: { name: 'donorType', in: 'query', description: 'Donor type.', schema: { type: 'string', enum: lowerEnum(donorTypes) } },
      format: {
        name: 'format',
        in: 'query',
        description: '`json` (default), `csv` or `xlsx`.',
        schema: { type: 'string', enum: ['json', 'csv', 'xlsx'] },
      },
    },
    headers: {
      ETag: {
        description: 'Weak validator of the body; send it in If-None-Match to get 304 while nothing changed.',
        schema: { type: 'string' },
      },
      'Cache-Control': { description: '`public, max-age=60, must-revalidate`.', schema: { type: 'string' } },
      'Access-Control-Allow-Origin': { description: '`*`: any site may read the data.', schema: { type: 'string' } },
    },
    responses: {
      NotModified: { description: 'The If-None-Match ETag still matches: no body.' },
      BadRequest: {
        description:
          'More than 30 query parameters; for `format=xlsx`, a parameter or value not understood (`invalid_parameters`); for a donor’s CSV, an unknown `table`.',
        content: { 'application/json': { schema: ref('Error') } },
      },
      NotFound: { description: 'Unknown programme, project or donor.', content: { 'application/json': { schema: ref('Error') } } },
      UriTooLong: { description: 'Query string over 2,000 characters.', content: { 'application/json': { schema: ref('Error') } } },
    },
  },
};
