import { createRequire } from 'node:module';

/**
 * Password rules of NIST SP 800-63B: long enough, not known to be common, not made of
 * repetition, a sequence or the person's own details; no composition rules, no expiry.
 */
export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 256;

let commonPasswords: Set<string> | undefined;

// zxcvbn's lists take a good part of a second to unpack: they load on the first password checked.
function isCommonPassword(lowerCasePassword: string): boolean {
  commonPasswords ??= new Set(
    (
      createRequire(import.meta.url)(
        '@zxcvbn-ts/language-common',
      ) as typeof import('@zxcvbn-ts/language-common')
    ).dictionary['passwords-common'].map((word) => word.toLowerCase()),
  );
  return commonPasswords.has(lowerCasePassword);
}

export function passwordProblem(
  password: string,
  context: { email?: string; name?: string } = {},
): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  }
  const lower = password.toLowerCase();
  if (isCommonPassword(lower)) {
    return 'Password is too common: choose one that others would not guess, such as three or four random words';
  }
  if (isRepetitionOrSequence(lower)) {
    return 'Password must not be a repeated pattern or a run of characters, such as aaaa or 1234';
  }
  const personal = [
    'accord',
    ...(context.email ? [context.email.toLowerCase().split('@')[0] ?? ''] : []),
    ...(context.name ? context.name.toLowerCase().split(/\s+/) : []),
  ].filter((word) => word.length >= 3);
  const withoutPersonal = personal.reduce((rest, word) => rest.split(word).join(''), lower);
  if (withoutPersonal.length < MIN_PASSWORD_LENGTH / 2) {
    return 'Password must not be made of your name, your e-mail address or the name of the service';
  }
  return undefined;
}

function isRepetitionOrSequence(password: string): boolean {
  for (let size = 1; size <= password.length / 2; size++) {
    const unit = password.slice(0, size);
    if (unit.repeat(Math.ceil(password.length / size)).startsWith(password)) return true;
  }
  const steps = new Set<number>();
  for (let i = 1; i < password.length; i++) {
    steps.add((password.codePointAt(i) ?? 0) - (password.codePointAt(i - 1) ?? 0));
  }
  return steps.size === 1 && [...steps].every((step) => Math.abs(step) === 1);
}
