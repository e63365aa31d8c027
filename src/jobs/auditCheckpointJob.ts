import { checkpointLine } from '../domain/audit/auditCheckpoint.ts';
import { type WrittenCheckpoint, writeAuditCheckpoint } from '../services/auditCheckpoints.ts';
import type { Job } from './scheduler.ts';

/**
 * A checkpoint of the audit log on every run, into the log at info (and appended to `file`,
 * when one is set), for an operator to keep outside the database. Every instance writes its
 * own: more checkpoints only vouch for more points of the same log.
 */
export function auditCheckpointJob(
  deps: Parameters<typeof writeAuditCheckpoint>[0] & {
    key: string;
    file: string | undefined;
    everyMs: number;
  },
): Job {
  const { key, file, everyMs, ...serviceDeps } = deps;
  return {
    name: 'audit-checkpoint',
    everyMs,
    run: () => writeAuditCheckpoint(serviceDeps, { key, file }),
    describe: (result) =>
      `audit checkpoint: ${checkpointLine((result as WrittenCheckpoint).auditCheckpoint)}`,
  };
}
