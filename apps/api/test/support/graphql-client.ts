/** One GraphQL-over-HTTP response as a test sees it. */
export interface GraphQLResponse<Data = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    readonly data?: Data | null;
    readonly errors?: readonly {
      message: string;
      path?: readonly (string | number)[];
      extensions?: Record<string, unknown> & { code?: string };
    }[];
  };
}

/** POSTs an operation as JSON, with a bearer token when given. */
export async function graphql<Data = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: GraphQLResponse<Data>['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse<Data>['body'];
  } catch {
    throw new Error(`Not JSON (status ${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body };
}

/** The codes of a response's errors. */
export const codesOf = (response: GraphQLResponse<unknown>): (string | undefined)[] =>
  (response.body.errors ?? []).map((error) => error.extensions?.code);

let counter = 0;
/** A fresh command id. */
export const newCommandId = (label = 'cmd'): string => `${label}-${process.pid}-${++counter}`;
