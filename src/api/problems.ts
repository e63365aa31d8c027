import type { FastifyReply } from 'fastify';
import type { FieldProblem } from '../domain/errors.ts';

const titles: Record<number, string> = {
  400: 'Your request is not valid',
  401: 'You need to sign in',
  403: 'You cannot do that',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Someone else changed this first',
  413: 'Your request is too large',
  415: 'Unsupported content type',
  422: 'That is not allowed now',
  429: 'Too many requests',
  500: 'Sorry, there is a problem with the service',
  503: 'The service is unavailable',
};

export function problemTitle(status: number): string {
  return titles[status] ?? (status >= 500 ? titles[500] : titles[400]) ?? 'Error';
}

/** Sends an RFC 9457 problem document. */
export function sendProblem(
  reply: FastifyReply,
  problem: { status: number; detail: string; errors?: FieldProblem[]; code?: string | undefined },
): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .header('cache-control', 'no-store')
    .send({
      // A relative URI reference naming the kind of problem, where clients need to tell kinds apart.
      type: problem.code ?? 'about:blank',
      ...(problem.code ? { code: problem.code } : {}),
      status: problem.status,
      title: problemTitle(problem.status),
      detail: problem.detail,
      ...(problem.errors?.length ? { errors: problem.errors } : {}),
    });
}
