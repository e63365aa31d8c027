/**
 * Who an OpenID Connect ID token says the person is, and whether Accord may link them to a
 * person of its directory by e-mail the first time.
 *
 * Microsoft Entra ID sends no `email_verified`, and its `email` is whatever the tenant's
 * directory holds. Linking by it is safe only from one tenant the deployment trusts: the
 * issuer must be that tenant's own (https://login.microsoftonline.com/TENANT-ID/v2.0), the
 * token's `tid` must be that tenant, and the person is known by (tid, oid), which Entra never
 * reuses, not by `sub`. A multi-tenant or personal-account issuer would let anyone with an
 * Entra tenant of their own claim any address (the "nOAuth" takeover): config refuses one.
 * Every other provider must say the address is verified.
 */
export type OidcIdentity = {
  issuer: string;
  /** The provider's stable id for the person: `tid/oid` from Entra, else `sub`. */
  subject: string;
  email: string | undefined;
  /** The provider verified the address, or it comes from the trusted Entra tenant. */
  emailTrusted: boolean;
};

export type OidcClaims = Record<string, unknown> & { iss: string; sub: string };

export type IdentityRefusal = 'wrong-tenant' | 'no-object-id';

/**
 * The identity in a checked ID token's claims (and the userinfo's, for the e-mail), given the
 * Entra tenant the configured issuer is (config.ts: `oidc.entraTenant`, worked out only for
 * Microsoft's own sign-in hosts), if it is Entra's.
 */
export function identityFrom(
  entraTenant: string | undefined,
  claims: OidcClaims,
  emailClaims: Record<string, unknown> = claims,
): OidcIdentity | { refused: IdentityRefusal } {
  const tenant = entraTenant;
  if (!tenant) {
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: text(emailClaims.email),
      emailTrusted: emailClaims.email_verified === true,
    };
  }
  if (text(claims.tid)?.toLowerCase() !== tenant) return { refused: 'wrong-tenant' };
  const objectId = text(claims.oid);
  if (!objectId) return { refused: 'no-object-id' };
  return {
    issuer: claims.iss,
    subject: `${tenant}/${objectId.toLowerCase()}`,
    email: text(emailClaims.email) ?? text(emailClaims.preferred_username),
    emailTrusted: true,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
