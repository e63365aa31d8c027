import { completeAction } from '../domain/disagreement/actions/completeAction.ts';
import type { CaseActionEntry } from './caseActionEntry.ts';

export const completeActionEntry: CaseActionEntry = {
  command: completeAction,
  api: {
    method: 'post',
    path: '/actions/{actionId}/complete',
    summary: 'Mark an agreed action complete (extension)',
  },
  button: {
    path: 'actions/:actionId/complete',
    input: (params) => ({ actionId: params.actionId }),
    done: 'Action marked as done',
    anchor: '#actions',
  },
};
