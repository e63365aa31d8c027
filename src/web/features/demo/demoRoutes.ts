import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Person } from '../../../domain/directory/directory.ts';
import { Invalid, NotFound } from '../../../domain/errors.ts';
import { roleNames } from '../../../domain/vocabularyNames.ts';
import { checkSchema } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { startSession } from '../signIn/signInRoutes.ts';

const signInAsForm = z.object({ personId: z.uuid('Choose a person to sign in as') });

/** The demo's sign-in page: anyone in the demo data set, without a password. Demo mode only. */
export async function demoRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  const demoOnly = () => {
    if (!services.demo) throw new NotFound('There is no demo here');
    return services.demo;
  };
  // Outside demo mode these pages do not exist: 404 before anything else, the CSRF check included.
  const onRequest = async () => {
    demoOnly();
  };

  app.get('/demo/sign-in', { onRequest }, async (_request, reply) => {
    const { suggested, admin, partnerships } = await demoOnly().people();
    const row = (person: Person) => ({
      id: person.id,
      name: person.name,
      email: person.email,
      jobTitle: person.jobTitle ?? '',
      roles: person.roles.map((role) => roleNames[role]).join(', '),
    });
    return reply.render('demo/sign-in.njk', {
      csrfToken: reply.generateCsrf(),
      suggested: suggested.map((suggestion) => ({
        task: suggestion.task,
        id: suggestion.person.id,
        who: [suggestion.person.name, suggestion.person.jobTitle, suggestion.organisation]
          .filter(Boolean)
          .join(', '),
      })),
      admin: admin ? row(admin) : undefined,
      partnerships: partnerships.map((partnership) => ({
        name: partnership.name,
        groups: partnership.groups.map((group) => ({
          name: group.name,
          people: group.people.map(row),
        })),
      })),
    });
  });

  app.post('/demo/sign-in', { onRequest }, async (request, reply) => {
    const form = checkSchema(signInAsForm, request.body);
    if (!form.ok) {
      throw new Invalid('Choose a person to sign in as', [
        { path: 'personId', message: form.errors.personId ?? 'Choose a person to sign in as' },
      ]);
    }
    const personId = await demoOnly().signIn(form.data.personId, webContext(request));
    await startSession(request, personId, services.clock.now());
    return reply.redirect('/', 303);
  });
}
