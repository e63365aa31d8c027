import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { notifyTransport } from './notifyTransport.ts';

// GOV.UK Notify's client against a local HTTP server standing in for the Notify API: the
// request it sends is checked field by field, and its JWT signature with the key's secret.

const serviceId = '26785a09-ab16-4eb0-8407-a37497a57506';
const secret = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const apiKey = `accord_test-${serviceId}-${secret}`;
const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

type Captured = {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
};
const captured: Captured[] = [];
let respondWith = 201;
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    captured.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: JSON.parse(body || '{}'),
    });
    response.writeHead(respondWith, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(
        respondWith === 201
          ? { id: 'b4a1c9e5-0000-4000-8000-000000000000' }
          : {
              errors: [{ error: 'BadRequestError', message: 'Missing personalisation' }],
              status_code: respondWith,
            },
      ),
    );
  });
});
let baseUrl = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('the Notify transport sends the template with the subject and body, signed with the key', async () => {
  const transport = notifyTransport({ apiKey, baseUrl, templateId });
  await transport.send({
    to: 'someone@example.org',
    subject: 'A subject',
    body: 'A body\n\nwith lines',
  });
  const request = captured.at(-1) as Captured;
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/v2/notifications/email');
  assert.deepEqual(
    {
      template_id: request.body.template_id,
      email_address: request.body.email_address,
      personalisation: request.body.personalisation,
    },
    {
      template_id: templateId,
      email_address: 'someone@example.org',
      personalisation: { subject: 'A subject', body: 'A body\n\nwith lines' },
    },
  );
  const token = /^Bearer (.+)$/.exec(String(request.headers.authorization))?.[1] ?? '';
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
  assert.equal(claims.iss, serviceId);
  assert.equal(typeof claims.iat, 'number');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  assert.equal(signature, expected, 'signed with the key’s secret');
});

test('a refusal from Notify is an error, so the outbox tries again later', async () => {
  respondWith = 400;
  const transport = notifyTransport({ apiKey, baseUrl, templateId });
  await assert.rejects(transport.send({ to: 'someone@example.org', subject: 's', body: 'b' }));
  respondWith = 201;
});
