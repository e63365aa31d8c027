import type { Database } from '../db/database.ts';
import { accountAdminRepository } from '../db/repositories/accountAdminRepository.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { demoAdmin, demoEmail, demoEmails } from '../demo/demoDataSet.ts';
import { demoSuggestions } from '../demo/demoSuggestions.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { NotFound } from '../domain/errors.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

// Signing in as anyone in the demo data set, without a password. The composition root offers
// these only in demo mode, and only ever for the data set's own invented people, so a real
// person in the same database can never be signed in as.

type Deps = { database: Database; clock: Clock };

export type DemoGroup = { name: string; people: Person[] };
export type DemoSuggestion = { task: string; person: Person; organisation: string };
export type DemoPeople = {
  /** A few people to try first, each with what they show best; those not loaded left out. */
  suggested: DemoSuggestion[];
  admin: Person | undefined;
  partnerships: { name: string; groups: DemoGroup[] }[];
};

/** The data set's people as stored, by partnership and agency, in the data set's order. */
export async function demoPeople(deps: Deps): Promise<DemoPeople> {
  const { db } = deps.database;
  const people = peopleRepository(db);
  const order = new Map([...demoEmails()].map((email, index) => [email, index]));
  const rank = (person: Person) => order.get(person.email) ?? order.size;
  const partnerships: (DemoPeople['partnerships'][number] & { rank: number })[] = [];
  const organisations = new Map<string, string>();
  for (const partnership of await partnershipRepository(db).list()) {
    const members = (await people.inPartnership(partnership.id))
      .filter((person) => person.active && order.has(person.email))
      .sort((a, b) => rank(a) - rank(b));
    const first = members[0];
    if (!first) continue;
    const agencyNames = new Map(
      (await organisationRepository(db).agencies(partnership.id)).map((a) => [a.id, a.name]),
    );
    const groups = new Map<string | null, DemoGroup>();
    for (const person of members) {
      const name = person.agencyId
        ? (agencyNames.get(person.agencyId) ?? 'Agency')
        : 'Partnership team';
      organisations.set(person.id, person.agencyId ? name : partnership.name);
      const group = groups.get(person.agencyId) ?? { name, people: [] };
      group.people.push(person);
      groups.set(person.agencyId, group);
    }
    partnerships.push({ name: partnership.name, groups: [...groups.values()], rank: rank(first) });
  }
  partnerships.sort((a, b) => a.rank - b.rank);
  const admin = await people.findByEmail(demoEmail(demoAdmin.key));
  const suggested: DemoSuggestion[] = [];
  for (const { task, person: key } of demoSuggestions) {
    const person = await people.findByEmail(demoEmail(key));
    const organisation = person && organisations.get(person.id);
    if (person?.active && organisation) suggested.push({ task, person, organisation });
  }
  return {
    suggested,
    admin: admin?.active ? admin : undefined,
    partnerships: partnerships.map(({ name, groups }) => ({ name, groups })),
  };
}

/**
 * Signs in as a person of the demo data set, audited as a sign-in like any other. Anyone
 * else, or no one, is not found.
 */
export async function demoSignIn(
  deps: Deps,
  personId: string,
  context: RequestContext,
): Promise<string> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const person = await peopleRepository(trx).get(personId);
    if (!person?.active || !demoEmails().has(person.email)) {
      throw new NotFound('There is no such person in the demo');
    }
    await accountAdminRepository(trx).recordSignIn(person.id, isoInstant(now));
    await auditRepository(trx).append({
      ...auditFacts(
        context,
        now,
        'sign-in.succeeded',
        { type: 'person', id: person.id, partnershipId: person.partnershipId },
        'demo sign-in',
      ),
      actorId: person.id,
    });
    return person.id;
  });
}
