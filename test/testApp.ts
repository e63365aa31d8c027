import { after, before } from 'node:test';
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
  /** A change to the configuration the environment gives, for what no variable can say. */
  configure?: (config: Config) => Config;
  logger?: Logger;
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'a-session-secret-used-only-by-the-tests',
    ...env,
  });
}

/** The real app on a given database, with a fixed clock and silent logs unless told otherwise. */
export async function buildTestApp(options: TestAppOptions): Promise<FastifyInstance> {
  const config = (options.configure ?? ((given) => given))(testConfig(options.env));
  const services = createServices({
    config,
    database: options.database,
    clock: options.clock ?? fixedClock('2026-11-24T10:00:00Z'),
  });
  return buildApp(services, { logger: options.logger ?? pino({ level: 'silent' }) });
}

/**
 * One app for a whole suite: built before its first test, closed after its last.
 * Read `.app` inside tests (it does not exist until the suite starts).
 */
export function useTestApp(
  context: { readonly database: Database },
  options: Omit<TestAppOptions, 'database'> = {},
): { readonly app: FastifyInstance } {
  let app: FastifyInstance | undefined;
  before(async () => {
    app = await buildTestApp({ ...options, database: context.database });
  });
  after(() => app?.close());
  return {
    get app() {
      if (!app) throw new Error("the test app exists only after the suite's before hook has run");
      return app;
    },
  };
}
