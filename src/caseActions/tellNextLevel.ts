import { tellNextLevel } from '../domain/disagreement/actions/tellNextLevel.ts';
import type { CaseActionEntry } from './caseActionEntry.ts';

export const tellNextLevelEntry: CaseActionEntry = {
  command: tellNextLevel,
  api: {
    method: 'post',
    path: '/tell-next-level',
    summary: 'Tell the next level that the overdue stage needs a speedy response (extension)',
  },
  button: {
    path: 'tell-next-level',
    input: () => ({}),
    done: 'The next level has been told that a speedy response is needed',
    anchor: '#next-level',
  },
};
