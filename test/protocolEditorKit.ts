import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../src/db/database.ts';
import type { Person } from '../src/domain/directory/directory.ts';
import type { Role } from '../src/domain/vocabulary.ts';
import { aPerson, setUpAccord } from './factories.ts';
import { type Browser, signIn } from './signIn.ts';
import { buildTestApp } from './testApp.ts';

// The protocol editor's page tests share one setting: a partnership with a member of its team
// signed in, whose browser reads the editor's pages and sends its forms.

export type EditorSession = {
  /** The app, the partnership and its team member: they exist once the suite has started. */
  readonly app: FastifyInstance;
  readonly partnershipId: string;
  readonly team: Person;
  /** A page as the team member's browser has it, and its HTML to read with cheerio. */
  get(url: string): Promise<{ response: LightMyRequestResponse; $: cheerio.CheerioAPI }>;
  /** A form sent by the team member's browser, with its CSRF token. */
  post(url: string, payload: Record<string, unknown>): Promise<LightMyRequestResponse>;
  /** Starts a draft from a built-in protocol, 'current' or 'empty': the draft's address. */
  newDraft(from?: string): Promise<string>;
};

/**
 * One app for the suite, built before its first test (after a partnership and a member of its
 * team with `roles` are set up and signed in) and closed after its last.
 */
export function useProtocolEditor(
  context: { readonly database: Database },
  options: { roles?: Role[] } = {},
): EditorSession {
  let state: { app: FastifyInstance; partnershipId: string; team: Person; browser: Browser };
  before(async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const roles = options.roles ?? ['partnership-team'];
    const team = await aPerson(context.database, { partnershipId, roles });
    const app = await buildTestApp({ database: context.database });
    state = { app, partnershipId, team, browser: await signIn(app, team.email) };
  });
  after(() => state?.app.close());
  const post = (url: string, payload: Record<string, unknown>) =>
    state.app.inject({
      method: 'POST',
      url,
      headers: { cookie: state.browser.cookie },
      payload: { _csrf: state.browser.csrfToken, ...payload },
    });
  return {
    get app() {
      return state.app;
    },
    get partnershipId() {
      return state.partnershipId;
    },
    get team() {
      return state.team;
    },
    async get(url) {
      const response = await state.app.inject({
        method: 'GET',
        url,
        headers: { cookie: state.browser.cookie },
      });
      return { response, $: cheerio.load(response.body) };
    },
    post,
    async newDraft(from = 'pan-lancashire') {
      const created = await post('/protocol/drafts/new', { from });
      assert.equal(created.statusCode, 303, created.body);
      return String(created.headers.location);
    },
  };
}

/**
 * A page's form as a browser would send it back unchanged: every named field's value in the
 * page's last form that posts (a list page's moves come before its form that adds).
 */
export function formOf($: cheerio.CheerioAPI): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  $('main form[method=post]')
    .last()
    .find('input, textarea, select')
    .each((_, element) => {
      const field = $(element);
      const name = field.attr('name');
      const type = field.attr('type');
      if (!name || name === '_csrf') return;
      if ((type === 'checkbox' || type === 'radio') && field.attr('checked') === undefined) return;
      const value =
        element.tagName === 'select'
          ? (field.find('option[selected]').attr('value') ?? '')
          : element.tagName === 'textarea'
            ? field.text()
            : (field.attr('value') ?? '');
      if (type === 'checkbox') values[name] = [...[values[name] ?? []].flat(), value];
      else values[name] = value;
    });
  return values;
}
