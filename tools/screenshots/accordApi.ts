// The API's answers are JSON of api.md's shapes; only the fields the screenshots need are typed.
export type ApiCase = {
  id: string;
  reference: string;
  status: string;
  raisedBy: string;
  agencyIds: string[];
  currentStage: { key: string; name: string; dueAt: string | null; overdue: boolean } | null;
  stages: { key: string }[];
  resolution: { proposedBy: string; confirmations: { agencyId: string }[] } | null;
  monitoringNotifiedAt: string | null;
};
export type ApiMe = { id: string; name: string; agencyId: string; partnershipId: string };
export type ApiPerson = { id: string; name: string; roles: string[]; agencyId: string };
export type ApiAgency = { id: string; name: string; kind: string; localAuthorityId: string | null };

export type AccordApi = {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  me: ApiMe;
};

/** api.md's HTTP API as one person, through a token the `accord` command line made for them. */
export async function accordApiAs(baseUrl: string, token: string): Promise<AccordApi> {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    }
    return (await response.json()) as T;
  };
  const get = <T>(path: string) => call<T>('GET', path);
  const post = <T>(path: string, body: unknown) => call<T>('POST', path, body);
  return { get, post, me: await get<ApiMe>('/me') };
}

/** Every open case the person may see, page by page. */
export async function openCasesOf(api: AccordApi): Promise<ApiCase[]> {
  const cases: ApiCase[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `/disagreements?status=open&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: { items: ApiCase[]; nextCursor: string | null } = await api.get(query);
    cases.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return cases;
}
