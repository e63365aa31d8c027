import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type Database, databaseTargetFor, openDatabase } from './db/database.ts';
import { preparePrivateFolder } from './db/dataFolder.ts';
import { claimForServer, DataFolderBusy } from './db/dataFolderClaims.ts';
import { prepareDatabase } from './db/prepareDatabase.ts';
import { type Clock, systemClock } from './domain/clock.ts';
import { Conflict } from './domain/errors.ts';
import { auditCheckpointJob } from './jobs/auditCheckpointJob.ts';
import { dispatchOutboxJob } from './jobs/dispatchOutboxJob.ts';
import { plannerStatisticsJob } from './jobs/plannerStatisticsJob.ts';
import { purgeExpiredSessionsJob } from './jobs/purgeExpiredSessionsJob.ts';
import { remindDeadlinesJob } from './jobs/remindDeadlinesJob.ts';
import { retentionJob } from './jobs/retentionJob.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { sendDigestsJob } from './jobs/sendDigestsJob.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMailTransport } from './notify/createMailTransport.ts';
import { canLoadDemoData, loadDemoData } from './services/loadDemoData.ts';
import { reindexCases } from './services/reindexCases.ts';
import { createServices, type Services } from './services.ts';
import { resolveSessionSecret } from './sessionSecret.ts';

/** The server: configuration, database, migrations, the demo data in demo mode, then the web server. */
async function main(): Promise<void> {
  const loaded = loadConfigOrExit();
  const logger = createLogger(loaded);

  const loosened = preparePrivateFolder(loaded.dataDir);
  if (loosened) logger.warn(`DATA_DIR: ${loosened}`);
  if (!loaded.databaseUrl) claimTheDataFolder(loaded.dataDir, logger);
  const config = { ...loaded, sessionSecret: resolveSessionSecret(loaded) };
  const database = openDatabase(databaseTargetFor(config));
  try {
    const applied = await prepareDatabase(config, database);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const indexed = await reindexCases({ database, clock: systemClock });
    if (indexed > 0) logger.info({ cases: indexed }, 'cases indexed again for this version');
  } catch (error) {
    const source = config.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR';
    logger.fatal({ err: error }, `cannot use the database at ${database.description} (${source})`);
    await database.close();
    process.exit(1);
  }

  if (config.demoMode) await loadTheDemo({ database, clock: systemClock }, logger);

  const services = createServices({ config, database, clock: systemClock });
  const app = await buildApp(services, { logger });
  const transport = await createMailTransport(config.mail, logger);
  const scheduler = startScheduler(
    [
      dispatchOutboxJob({ database, clock: systemClock, transport }),
      purgeExpiredSessionsJob({ database, clock: systemClock }),
      plannerStatisticsJob({ database }),
      remindDeadlinesJob({ database, clock: systemClock, baseUrl: config.baseUrl }),
      sendDigestsJob({ database, clock: systemClock }),
      retentionJob({
        database,
        clock: systemClock,
        databaseOwnerUrl: config.databaseOwnerUrl,
      }),
      ...checkpointJobs(database, config.auditCheckpoint),
    ],
    logger,
  );

  closeWithGrace({ delay: config.shutdownGraceMs, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'stopping after an unexpected error');
    else logger.info({ signal }, 'stopping: finishing requests in progress');
    // Jobs stop at their next safe point while requests finish; then the database closes.
    await Promise.all([app.close(), scheduler.stop()]);
    transport.close();
    await database.close();
  });

  await app.listen({ port: config.port, host: config.host });
  logger.info(
    { database: database.kind, dataDir: config.dataDir },
    `Accord is running at ${config.baseUrl}`,
  );
  await printSetupCode(services, config.baseUrl);
}

/** The audit checkpoint job, when a key to sign checkpoints is configured. */
function checkpointJobs(database: Database, settings: Config['auditCheckpoint']) {
  const { key, file, intervalMs } = settings;
  if (!key) return [];
  return [auditCheckpointJob({ database, clock: systemClock, key, file, everyMs: intervalMs })];
}

/**
 * While nobody exists, the one-time code first-run setup asks for, on standard output only
 * (never in the structured log, which may be shipped elsewhere): whoever can see it runs
 * the server, and so may set it up.
 */
async function printSetupCode(services: Services, baseUrl: string): Promise<void> {
  const code = await services.openSetup();
  if (!code) return;
  process.stdout.write(
    `\nFirst-run setup code: ${code}\nOpen ${baseUrl}/setup and enter this code to set up Accord. It works until setup is done.\n\n`,
  );
}

/** Marks the embedded database's folder as in use until the process ends, so no restore replaces it meanwhile. */
function claimTheDataFolder(dataDir: string, logger: Logger): void {
  try {
    const claim = claimForServer(dataDir);
    process.on('exit', () => claim.release());
  } catch (error) {
    if (!(error instanceof DataFolderBusy)) throw error;
    logger.fatal(`cannot start: ${error.message} (DATA_DIR)`);
    process.exit(1);
  }
}

/** Demo mode: the demo data set, loaded once into an empty database. */
async function loadTheDemo(deps: { database: Database; clock: Clock }, logger: Logger) {
  if (!(await canLoadDemoData(deps.database.db))) {
    logger.info('demo mode: the database is not empty, so the demo data set is not loaded again');
    return;
  }
  try {
    const loaded = await loadDemoData(deps, { via: 'system' });
    logger.info(
      `demo mode: loaded the demo data set (${loaded.partnerships} partnerships, ${loaded.people} people, ${loaded.cases} cases); sign in at /demo/sign-in`,
    );
  } catch (error) {
    // Another instance starting at the same moment got there first.
    if (!(error instanceof Conflict)) throw error;
    logger.info('demo mode: the demo data set is already loaded');
  }
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
