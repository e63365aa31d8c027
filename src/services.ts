import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { settingsRepository } from './db/repositories/settingsRepository.ts';
import type { Clock } from './domain/clock.ts';
import { checkHealth } from './services/checkHealth.ts';

export type ServiceDependencies = {
  config: Config;
  database: Database;
  clock: Clock;
};

/** The composition root: every use case wired to its repositories, clock and transports. */
export function createServices({ config, database, clock }: ServiceDependencies) {
  return {
    config,
    clock,
    settings: settingsRepository(database.db),
    checkHealth: () => checkHealth(database),
  };
}

export type Services = ReturnType<typeof createServices>;
