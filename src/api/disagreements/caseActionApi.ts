import { z } from 'zod';
import type { ApiFace, CaseActionEntry } from '../../caseActions/caseActionEntry.ts';
import { version } from './disagreementSchemas.ts';

// A case action's API face, from its registry entry: the route under /disagreements/{id}, its
// body (the case's version and the command's input, less what the path names), and how the
// body and the path make the command's input.

export type ApiEntry = CaseActionEntry & { api: ApiFace };

export function apiEntries(entries: readonly CaseActionEntry[]): ApiEntry[] {
  return entries.filter((entry): entry is ApiEntry => entry.api !== undefined);
}

/** The path's parameters besides the case's id: "{actionId}". */
export function pathParameters(entry: ApiEntry): string[] {
  return [...entry.api.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
}

/** What the request's body must be: the version, and the input the path does not name. */
export function apiBodyOf(entry: ApiEntry) {
  const fromPath = new Set(pathParameters(entry));
  const shape = Object.fromEntries(
    Object.entries(entry.command.input.shape).filter(([name]) => !fromPath.has(name)),
  );
  return z.strictObject({ version, ...shape });
}

/** The route as Fastify names it: /disagreements/:id/actions/:actionId/complete. */
export function routeOf(entry: ApiEntry): string {
  return `/disagreements/:id${entry.api.path.replaceAll(/\{(\w+)\}/g, ':$1')}`;
}

/** The path as OpenAPI names it: /disagreements/{id}/actions/{actionId}/complete. */
export function documentedPathOf(entry: ApiEntry): string {
  return `/disagreements/{id}${entry.api.path}`;
}
