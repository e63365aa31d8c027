import { mkdirSync } from 'node:fs';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { databaseTargetFor, openDatabase } from './db/database.ts';
import { prepareDatabase } from './db/prepareDatabase.ts';
import { systemClock } from './domain/clock.ts';
import { createLogger } from './logger.ts';
import { createServices } from './services.ts';
import { resolveSessionSecret } from './sessionSecret.ts';

/** Process entry: configuration, database, migrations, then the web server. */
async function main(): Promise<void> {
  const loaded = loadConfigOrExit();
  const logger = createLogger(loaded);

  mkdirSync(loaded.dataDir, { recursive: true });
  const config = { ...loaded, sessionSecret: resolveSessionSecret(loaded) };
  const database = openDatabase(databaseTargetFor(config));
  try {
    const applied = await prepareDatabase(config, database);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  } catch (error) {
    const source = config.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR';
    logger.fatal({ err: error }, `cannot use the database at ${database.description} (${source})`);
    await database.close();
    process.exit(1);
  }

  const services = createServices({ config, database, clock: systemClock });
  const app = await buildApp(services, { logger });

  closeWithGrace({ delay: config.shutdownGraceMs, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'stopping after an unexpected error');
    else logger.info({ signal }, 'stopping: finishing requests in progress');
    await app.close();
    await database.close();
  });

  await app.listen({ port: config.port, host: config.host });
  logger.info(
    { database: database.kind, dataDir: config.dataDir },
    `Accord is running at ${config.baseUrl}`,
  );
}

function loadConfigOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

await main();
