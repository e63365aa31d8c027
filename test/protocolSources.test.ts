import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  DEFAULT_LEARNING_SUBGROUP,
  type ProtocolStage,
} from '../src/domain/protocol/protocolSchema.ts';
import { builtInProtocol, builtInProtocolIds } from '../src/protocols/builtInProtocols.ts';

const doc = readFileSync(path.resolve(import.meta.dirname, '../docs/protocol-sources.md'), 'utf8');

function sectionFor(id: string): string {
  const start = doc.indexOf(`(\`src/protocols/${id}.yaml\`)`);
  assert.ok(start >= 0, `docs/protocol-sources.md has no section for ${id}`);
  const end = doc.indexOf('\n## ', start);
  return doc.slice(start, end === -1 ? undefined : end);
}

/** Every field path a reviewer must be able to trace back to a source passage. */
function pathsToCover(id: (typeof builtInProtocolIds)[number]): string[] {
  const protocol = builtInProtocol(id);
  const paths: string[] = [];
  const triggers = (stage: ProtocolStage, at: string) => {
    const { onEntry } = stage;
    if (onEntry.notifyMonitoringTeam) paths.push(`${at}.onEntry.notifyMonitoringTeam`);
    if (onEntry.tellOtherAgencyFirst) paths.push(`${at}.onEntry.tellOtherAgencyFirst`);
    if (onEntry.monitoringForm) paths.push(`${at}.onEntry.monitoringForm`);
    if (onEntry.writtenAccount) paths.push(`${at}.onEntry.writtenAccount`);
    if (onEntry.chairedMeeting) paths.push(`${at}.onEntry.chairedMeeting`);
  };
  protocol.stages.forEach((stage, i) => {
    paths.push(`stages[${i}].timescale`);
    triggers(stage, `stages[${i}]`);
  });
  protocol.pathways.forEach((pathway, p) => {
    paths.push(`pathways[${p}]`);
    pathway.stages.forEach((stage, i) => {
      paths.push(`pathways[${p}].stages[${i}].timescale`);
      triggers(stage, `pathways[${p}].stages[${i}]`);
    });
  });
  protocol.caps.forEach((_, c) => {
    paths.push(`caps[${c}]`);
  });
  protocol.forms.forEach((form, f) => {
    form.fields.forEach((_, i) => {
      paths.push(`forms[${f}].fields[${i}]`);
    });
  });
  for (const category of Object.keys(protocol.categories)) paths.push(`categories.${category}`);
  paths.push('urgent', 'recording', 'learning');
  if (protocol.learning.subgroups[0]?.name !== DEFAULT_LEARNING_SUBGROUP) {
    protocol.learning.subgroups.forEach((_, s) => {
      paths.push(`learning.subgroups[${s}]`);
    });
  }
  if (protocol.outOfHours) paths.push('outOfHours');
  if (protocol.delay) paths.push('delay');
  if (protocol.checklist) paths.push('checklist');
  return paths;
}

describe('docs/protocol-sources.md', () => {
  for (const id of builtInProtocolIds) {
    test(`traces every timescale, trigger, form field, cap and pathway of ${id} to its source`, () => {
      const section = sectionFor(id);
      const missing = pathsToCover(id).filter((fieldPath) => !section.includes(`\`${fieldPath}\``));
      assert.deepEqual(missing, []);
    });
  }
});
