import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * OWASP's device cookie ("Slow down online guessing attacks with device cookies"): after a
 * password sign-in the browser is given a signed cookie naming that account and a random
 * device id. A try that brings one back for the account it signs into has proved it comes
 * from a browser the owner used, so a stranger's failures elsewhere cannot make it wait; it
 * is throttled on its own instead (signInWithPassword.ts).
 *
 * The value is `deviceId.issuedAtSeconds.mac`; the account is not written in it (the cookie
 * tells no one whose it is) but is in what the mac covers, so it only counts for that account.
 */
export const DEVICE_COOKIE_DAYS = 180;

export type DeviceCookieKey = Buffer;

/** The signing key, derived from the session secret so no further secret need be set. */
export function deviceCookieKey(sessionSecret: string): DeviceCookieKey {
  return createHmac('sha256', sessionSecret).update('accord device cookie v1').digest();
}

/** A new cookie value for the account with this (normalised) e-mail address. */
export function newDeviceCookie(
  key: DeviceCookieKey,
  email: string,
  now: Temporal.Instant,
): string {
  const deviceId = randomBytes(16).toString('base64url');
  const issued = String(Math.floor(now.epochMilliseconds / 1000));
  return `${deviceId}.${issued}.${macOf(key, email, deviceId, issued)}`;
}

/**
 * The device id of a cookie value, if it is one this key signed for this account and it has
 * not outlived DEVICE_COOKIE_DAYS; undefined for anything else (forged, another account's).
 */
export function deviceIdFrom(
  key: DeviceCookieKey,
  email: string,
  value: string | undefined,
  now: Temporal.Instant,
): string | undefined {
  const parts = /^([\w-]{22})\.(\d{1,12})\.([\w-]{43})$/.exec(value ?? '');
  if (!parts) return undefined;
  const [, deviceId = '', issued = '', mac = ''] = parts;
  const expected = Buffer.from(macOf(key, email, deviceId, issued));
  if (!timingSafeEqual(Buffer.from(mac), expected)) return undefined;
  const ageSeconds = now.epochMilliseconds / 1000 - Number(issued);
  if (ageSeconds < 0 || ageSeconds > DEVICE_COOKIE_DAYS * 24 * 60 * 60) return undefined;
  return deviceId;
}

function macOf(key: DeviceCookieKey, email: string, deviceId: string, issued: string): string {
  return createHmac('sha256', key).update(`${email}\n${deviceId}\n${issued}`).digest('base64url');
}
