import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityFrom } from './oidcIdentity.ts';

const tenant = '0b3c8f7e-1a2d-4c5e-9f6a-7b8c9d0e1f2a';
const entraIssuer = `https://login.microsoftonline.com/${tenant}/v2.0`;
const ada = '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';

describe('the identity in an ID token', () => {
  test("Entra's token, with no email_verified, is known by tenant and object id and its e-mail is trusted", () => {
    const identity = identityFrom(tenant, {
      iss: entraIssuer,
      sub: 'pairwise-subject',
      tid: tenant,
      oid: ada,
      email: 'ada@example.org',
    });
    assert.deepEqual(identity, {
      issuer: entraIssuer,
      subject: `${tenant}/${ada}`,
      email: 'ada@example.org',
      emailTrusted: true,
    });
  });

  test("without Entra's optional email claim, its user name is the address", () => {
    const identity = identityFrom(tenant, {
      iss: entraIssuer,
      sub: 'pairwise-subject',
      tid: tenant,
      oid: ada,
      preferred_username: 'ada@example.org',
    });
    assert.equal('email' in identity ? identity.email : undefined, 'ada@example.org');
  });

  test('a token from another tenant, or without an object id, is refused', () => {
    const other = { iss: entraIssuer, sub: 's', oid: ada, email: 'ada@example.org' };
    assert.deepEqual(
      identityFrom(tenant, { ...other, tid: '11111111-2222-4333-8444-555555555555' }),
      {
        refused: 'wrong-tenant',
      },
    );
    assert.deepEqual(identityFrom(tenant, { ...other, tid: undefined }), {
      refused: 'wrong-tenant',
    });
    assert.deepEqual(identityFrom(tenant, { iss: entraIssuer, sub: 's', tid: tenant }), {
      refused: 'no-object-id',
    });
  });

  test('any other provider is known by sub, and its address is trusted only if it says verified', () => {
    const issuer = 'https://accounts.example.org';
    // tid and oid mean nothing from a provider that is not Entra: anyone could send them.
    const claims = { iss: issuer, sub: 'abc', tid: tenant, oid: ada, email: 'ada@example.org' };
    assert.deepEqual(identityFrom(undefined, claims), {
      issuer,
      subject: 'abc',
      email: 'ada@example.org',
      emailTrusted: false,
    });
    const verified = identityFrom(undefined, { ...claims, email_verified: true });
    assert.equal('emailTrusted' in verified && verified.emailTrusted, true);
  });
});
