import { appendFile } from 'node:fs/promises';
import type { Database } from '../db/database.ts';
import { auditHeadRepository } from '../db/repositories/auditHeadRepository.ts';
import {
  type AuditCheckpoint,
  checkpointLine,
  makeCheckpoint,
} from '../domain/audit/auditCheckpoint.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';

/** A checkpoint of the audit log as it is now, under the configured key. */
export async function makeAuditCheckpoint(
  deps: { database: Database; clock: Clock },
  key: string,
): Promise<AuditCheckpoint> {
  const head = await auditHeadRepository(deps.database.db).current();
  return makeCheckpoint(head, isoInstant(deps.clock.now()), key);
}

export type WrittenCheckpoint = {
  auditCheckpoint: AuditCheckpoint;
  /** Set when the checkpoint could not be appended to the file. */
  failed?: string[];
};

/**
 * Makes a checkpoint and appends its line to `file`, if one is given. The result carries the
 * checkpoint either way, so it reaches the log even when the file cannot be written.
 */
export async function writeAuditCheckpoint(
  deps: { database: Database; clock: Clock },
  options: { key: string; file: string | undefined },
): Promise<WrittenCheckpoint> {
  const auditCheckpoint = await makeAuditCheckpoint(deps, options.key);
  if (!options.file) return { auditCheckpoint };
  const line = checkpointLine(auditCheckpoint);
  try {
    await appendFile(options.file, `${line}\n`, { mode: 0o600 });
    return { auditCheckpoint };
  } catch (error) {
    return {
      auditCheckpoint,
      failed: [
        `the audit checkpoint could not be added to ${options.file} (${(error as Error).message}); keep it from here: ${line}`,
      ],
    };
  }
}
