import { z } from 'zod';
import { caseActionRegistry } from '../caseActions/caseActionRegistry.ts';
import { caseSummarySchema } from '../domain/disagreement/caseSummary.ts';
import {
  agencySchema,
  localAuthoritySchema,
  meSchema,
  partnershipSchema,
  personSchema,
  protocolSchema,
  protocolVersionSchema,
} from './directory/directorySchemas.ts';
import { apiBodyOf, apiEntries, documentedPathOf } from './disagreements/caseActionApi.ts';
import {
  caseListSchema,
  caseSchema,
  listQuery,
  monitoringFormSchema,
  raiseBody,
} from './disagreements/disagreementSchemas.ts';
import { summaryQuery, summarySchema } from './reports/reportSchemas.ts';

// The OpenAPI 3.1 document of API v1, generated from the zod schemas the routes parse with
// and the presenters are typed by. Every route under /api/v1 must be listed here (a test
// compares this list with Fastify's route table).

type Operation = {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response?: z.ZodType;
  created?: true;
  pdf?: true;
  statuses: number[];
};

const reads = [400, 401];
const caseWrite = [400, 401, 403, 404, 409, 422];

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/me',
    summary: 'Who the token acts as',
    response: meSchema,
    statuses: [401],
  },
  {
    method: 'get',
    path: '/partnerships',
    summary: 'The partnerships the caller may read',
    response: z.array(partnershipSchema),
    statuses: [401],
  },
  {
    method: 'get',
    path: '/partnerships/{id}/protocol',
    summary: 'The protocol in force',
    response: protocolSchema,
    statuses: [401, 404],
  },
  {
    method: 'get',
    path: '/partnerships/{id}/protocol/versions',
    summary:
      'Every version of the partnership’s protocol, newest first, with its open cases (its partnership team only)',
    response: z.array(protocolVersionSchema),
    statuses: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/partnerships/{id}/local-authorities',
    summary: 'The partnership’s local authorities',
    response: z.array(localAuthoritySchema),
    statuses: [401, 404],
  },
  {
    method: 'get',
    path: '/partnerships/{id}/agencies',
    summary: 'The partnership’s agencies',
    response: z.array(agencySchema),
    statuses: [401, 404],
  },
  {
    method: 'get',
    path: '/partnerships/{id}/people',
    summary: 'The partnership’s people',
    response: z.array(personSchema),
    statuses: [401, 404],
  },
  {
    method: 'get',
    path: '/disagreements',
    summary: 'The cases the caller may see, newest first',
    query: listQuery,
    response: caseListSchema,
    statuses: reads,
  },
  {
    method: 'post',
    path: '/disagreements',
    summary: 'Raise a disagreement (the caller is the raiser)',
    body: raiseBody,
    response: caseSchema,
    created: true,
    statuses: [400, 401, 403, 404, 422],
  },
  {
    method: 'get',
    path: '/disagreements/{id}',
    summary: 'One case',
    response: caseSchema,
    statuses: [401, 404],
  },
  {
    method: 'get',
    path: '/disagreements/{id}/monitoring-form',
    summary:
      'The protocol’s monitoring form filled from the case (Accept: application/pdf for the PDF)',
    response: monitoringFormSchema,
    pdf: true,
    statuses: [401, 404, 422],
  },
  {
    method: 'get',
    path: '/disagreements/{id}/summary',
    summary:
      'The case summary for a party agency’s records, with the protocol’s recording guidance (Accept: application/pdf for the PDF)',
    response: caseSummarySchema,
    pdf: true,
    statuses: [401, 404],
  },
  // Every case action's operation, from the registry (src/caseActions/).
  ...apiEntries(caseActionRegistry).map(
    (entry): Operation => ({
      method: entry.api.method,
      path: documentedPathOf(entry),
      summary: entry.api.summary,
      body: apiBodyOf(entry),
      response: caseSchema,
      statuses: caseWrite,
    }),
  ),
  {
    method: 'get',
    path: '/reports/summary',
    summary: 'The dashboard’s figures for a partnership (its partnership team only)',
    query: summaryQuery,
    response: summarySchema,
    statuses: [400, 401, 403, 404],
  },
  { method: 'get', path: '/openapi.json', summary: 'This document', statuses: [] },
];

const statusDescriptions: Record<number, string> = {
  400: 'The request is malformed or invalid (the problem lists the fields in errors)',
  401: 'No valid token',
  403: 'The caller may see this but may not do it',
  404: 'Not found, or the caller may not see it',
  409: 'The version is stale: someone else changed the case first',
  422: 'Well formed, but not allowed now',
};

const problemSchema = {
  type: 'object',
  required: ['type', 'status', 'title', 'detail'],
  properties: {
    type: { type: 'string' },
    status: { type: 'integer' },
    title: { type: 'string' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

export function openApiDocument(serverUrl: string) {
  const components: Record<string, unknown> = { Problem: problemSchema };
  const toSchema = (schema: z.ZodType, io: 'input' | 'output') => {
    const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
    const {
      $defs,
      $schema: _dialect,
      ...rest
    } = json as Record<string, unknown> & {
      $defs?: Record<string, unknown>;
    };
    const relinked = (value: unknown) =>
      JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/'));
    for (const [name, definition] of Object.entries($defs ?? {})) {
      components[name] = relinked(definition);
    }
    return relinked(rest);
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const parameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string', format: 'uuid' },
    }));
    if (operation.query) {
      const query = toSchema(operation.query, 'input') as {
        properties: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(query.properties)) {
        parameters.push({
          name,
          in: 'query',
          required: query.required?.includes(name) ?? false,
          schema,
        } as never);
      }
    }
    const content: Record<string, unknown> = {};
    if (operation.response) {
      content['application/json'] = { schema: toSchema(operation.response, 'output') };
    }
    if (operation.pdf)
      content['application/pdf'] = { schema: { type: 'string', format: 'binary' } };
    const responses: Record<string, unknown> = {
      [operation.created ? '201' : '200']: { description: 'Success', content },
    };
    for (const status of operation.statuses) {
      responses[String(status)] = {
        description: statusDescriptions[status],
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      };
    }
    paths[operation.path] ??= {};
    (paths[operation.path] as Record<string, unknown>)[operation.method] = {
      summary: operation.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(operation.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(operation.body, 'input') } },
            },
          }
        : {}),
      responses,
      ...(operation.path === '/openapi.json' ? { security: [] } : {}),
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Accord API',
      version: '1',
      description:
        'Professional disagreements between agencies about a child, run on the partnership’s escalation protocol. Every error is an RFC 9457 problem document.',
    },
    servers: [{ url: `${serverUrl.replace(/\/$/, '')}/api/v1` }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: components,
    },
  };
}
