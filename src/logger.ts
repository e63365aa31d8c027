import { type DestinationStream, pino } from 'pino';
import type { Config } from './config.ts';

export type Logger = pino.Logger;

type LoggedRequest = { id: string; method: string; url: string; routeOptions?: { url?: string } };

/**
 * Logs never hold personal data: requests are logged by method and route
 * pattern (no query string, no client address), errors by type and message
 * (not the database driver's detail, which can quote the values involved).
 */
export function createLogger(
  config: Pick<Config, 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: undefined,
    serializers: {
      req: (request: LoggedRequest) => ({
        id: request.id,
        method: request.method,
        route: request.routeOptions?.url ?? request.url.split('?')[0],
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: (error: Error & { code?: unknown }) => ({
        type: error.name,
        message: error.message,
        code: error.code,
        stack: error.stack,
      }),
    },
    redact: { paths: ['req.headers', 'headers', 'authorization', 'cookie'], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}
