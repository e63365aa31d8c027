import { historyKinds } from '../disagreement/caseDocument.ts';

/**
 * The audit actions that change a case (`disagreement.escalated`…): a person who took one is
 * named in the case's history or records. Reads (`disagreement.viewed`, `.listed`…) are not:
 * reading a case does not put a person in it. Every command's name is a history kind, but for
 * recording a discussion, which the case keeps as a record, and completing the monitoring form.
 */
export const caseChangeActions: readonly string[] = [
  ...historyKinds,
  'discussion-recorded',
  'monitoring-form-completed',
].map((kind) => `disagreement.${kind}`);
