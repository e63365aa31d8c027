import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { type Clock, fixedClock } from '../src/domain/clock.ts';
import type { Logger } from '../src/logger.ts';
import { createServices } from '../src/services.ts';

export type TestAppOptions = {
  database: Database;
  clock?: Clock;
  env?: Record<string, string>;
  logger?: Logger;
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
}

/** The real app on a given database, with a fixed clock and silent logs unless told otherwise. */
export async function buildTestApp(options: TestAppOptions): Promise<FastifyInstance> {
  const config = testConfig(options.env);
  const services = createServices({
    config,
    database: options.database,
    clock: options.clock ?? fixedClock('2026-11-24T10:00:00Z'),
  });
  return buildApp(services, { logger: options.logger ?? pino({ level: 'silent' }) });
}
