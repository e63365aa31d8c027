import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { recordModes } from '../../vocabulary.ts';
import type { CaseRecord } from '../caseDocument.ts';
import { stageInForceAt } from '../disagreement.ts';
import { caseCommand, changed, notBefore, notEnded, notInFuture } from './caseCommand.ts';
import { instant, line, text } from './inputs.ts';

/** A discussion written up, dated any time from when the disagreement was raised until now. */
export const recordDiscussion = caseCommand({
  name: 'discussion-recorded',
  ability: 'record',
  refusal: 'You cannot record discussions on this disagreement',
  input: z.strictObject({
    occurredAt: instant,
    mode: z.enum(recordModes),
    participants: z.array(line(200)).max(30),
    summary: text(10000),
  }),
  apply(disagreement, input, { rules, by }) {
    notEnded(disagreement, 'record a discussion on');
    notInFuture(input.occurredAt, rules, 'The date of the discussion', 'occurredAt');
    notBefore(
      input.occurredAt,
      disagreement.raisedAt,
      'A discussion cannot be dated before the disagreement was first raised',
      'occurredAt',
    );
    const record: CaseRecord = {
      id: randomUUID(),
      stageKey: stageInForceAt(disagreement, input.occurredAt).key,
      occurredAt: input.occurredAt,
      mode: input.mode,
      participants: input.participants,
      summary: input.summary,
      recordedBy: by.personId,
      recordedAt: isoInstant(rules.now),
    };
    const records = [...disagreement.records, record].sort((a, b) =>
      Temporal.Instant.compare(a.occurredAt, b.occurredAt),
    );
    return {
      disagreement: changed(disagreement, rules, { records }),
      events: [{ type: 'DiscussionRecorded', recordId: record.id }],
    };
  },
});
