import type { Person } from './directory.ts';

/**
 * A person as someone choosing or reading who owns an agreed action needs them: name, job
 * title and agency ("Sam Okafor — Team Manager, MASH, Lancashire County Council"), so two
 * people of one name, or one name in several agencies, are told apart.
 */
export function personWithRole(
  person: Pick<Person, 'name' | 'jobTitle' | 'agencyId'>,
  agencyName: (id: string) => string | undefined,
): string {
  const agency = person.agencyId ? agencyName(person.agencyId) : 'the partnership team';
  const role = [person.jobTitle, agency].filter(Boolean).join(', ');
  return role ? `${person.name} — ${role}` : person.name;
}
