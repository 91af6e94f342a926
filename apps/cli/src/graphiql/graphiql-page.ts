import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Role } from '@vouch/domain';
import type { ExampleTab } from './example-operations';

/** Where the tour's GraphiQL is served. */
export const GRAPHIQL_PATH = '/graphiql';

/**
 * GraphiQL, fully inlined (it works offline), with one tab per example flow. With tokens,
 * each tab already sends the token of the role its flow needs; without, a placeholder.
 */
export function graphiqlPage(options: {
  readonly endpoint: string;
  readonly tabs: readonly ExampleTab[];
  readonly tokens?: Partial<Record<Role, string>>;
}): string {
  const headersFor = (role: Role) =>
    JSON.stringify(
      { Authorization: `Bearer ${options.tokens?.[role] ?? `<${role} token: npm run vouch -- token>`}` },
      null,
      2,
    );
  return renderGraphiQL({
    endpoint: options.endpoint,
    title: 'Vouch — GraphiQL',
    defaultTabs: options.tabs.map((tab) => ({
      query: tab.query,
      variables: JSON.stringify(tab.variables, null, 2),
      headers: headersFor(tab.role),
    })),
    headers: headersFor('PROGRAM_MANAGER'),
    shouldPersistHeaders: false,
  } as never);
}
