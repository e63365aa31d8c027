/**
 * One error type per meaning, mapped once to pages and to RFC 9457 problems
 * (app.ts). Messages are for the person asking and hold no case content.
 */
export class NotFound extends Error {
  override name = 'NotFound';
  /** A stable id for the kind of problem, where clients need to tell kinds apart. */
  readonly code: string | undefined;

  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

export class Conflict extends Error {
  override name = 'Conflict';
}

export type FieldProblem = { path: string; message: string };

export class Invalid extends Error {
  override name = 'Invalid';
  readonly errors: FieldProblem[];

  constructor(message: string, errors: FieldProblem[] = []) {
    super(message);
    this.errors = errors;
  }
}

export class NotAllowedNow extends Error {
  override name = 'NotAllowedNow';
  readonly code: string | undefined;
  /** The field the rule is about, where there is one, so a page can show the message beside it. */
  readonly field: string | undefined;

  constructor(message: string, options: { code?: string; field?: string } = {}) {
    super(message);
    this.code = options.code;
    this.field = options.field;
  }
}

export class Forbidden extends Error {
  override name = 'Forbidden';
}

/** The HTTP status for an error; anything unrecognised is the server's fault. */
export function statusOf(error: unknown): number {
  if (error instanceof Invalid) return 400;
  if (error instanceof Forbidden) return 403;
  if (error instanceof NotFound) return 404;
  if (error instanceof Conflict) return 409;
  if (error instanceof NotAllowedNow) return 422;
  // A date beyond the working calendar (calendar/workingCalendar.ts) is refused, not a crash.
  if ((error as { name?: unknown } | null)?.name === 'OutsideCalendar') return 422;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
