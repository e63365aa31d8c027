import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../domain/errors.ts';
import type { Services } from '../../services.ts';
import { apiContext } from '../requestContext.ts';
import {
  presentAgency,
  presentLocalAuthority,
  presentMe,
  presentPartnership,
  presentPerson,
  presentProtocol,
  presentProtocolVersion,
} from './directoryPresenters.ts';

const partnershipParams = z.object({ id: z.uuid() });

function partnershipIdOf(request: FastifyRequest): string {
  // An id that cannot exist is simply not found.
  const parsed = partnershipParams.safeParse(request.params);
  if (!parsed.success) throw new NotFound('There is no such partnership');
  return parsed.data.id;
}

export async function directoryRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;

  app.get('/me', async (request) =>
    presentMe(request.actor as NonNullable<FastifyRequest['actor']>),
  );

  app.get('/partnerships', async (request) =>
    (await services.listPartnerships(apiContext(request))).map(presentPartnership),
  );

  app.get('/partnerships/:id/protocol', async (request) => {
    const { version, protocol } = await services.protocolInForce(
      partnershipIdOf(request),
      apiContext(request),
    );
    return presentProtocol(version, protocol);
  });

  app.get('/partnerships/:id/protocol/versions', async (request) =>
    (
      await services.listProtocolVersions(
        { partnershipId: partnershipIdOf(request) },
        apiContext(request),
      )
    ).map(presentProtocolVersion),
  );

  app.get('/partnerships/:id/local-authorities', async (request) =>
    (await services.listLocalAuthorities(partnershipIdOf(request), apiContext(request))).map(
      presentLocalAuthority,
    ),
  );

  app.get('/partnerships/:id/agencies', async (request) =>
    (await services.listAgencies(partnershipIdOf(request), apiContext(request))).map(presentAgency),
  );

  app.get('/partnerships/:id/people', async (request) =>
    (await services.listPeople(partnershipIdOf(request), apiContext(request))).map(presentPerson),
  );
}
