import { ApolloServer } from '@apollo/server';
import { buildSchema, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { executionTimeoutPlugin } from '../src/limits/execution-timeout-plugin';

// Fields with a resolver of their own (`slow`, `busy`, `checked`) and plain ones read from their parent (`plain`).
function schemaWith(resolvers: Record<string, (...args: unknown[]) => unknown>): GraphQLSchema {
  const schema = buildSchema(`
    type Item { plain: String checked: String }
    type Query { slow: Item busy: Item item: Item }
  `);
  const query = schema.getQueryType()!.getFields();
  for (const [name, resolve] of Object.entries(resolvers)) query[name]!.resolve = resolve;
  (schema.getType('Item') as GraphQLObjectType).getFields().checked!.resolve = (item: { plain: string }) =>
    `checked ${item.plain}`;
  return schema;
}

const ITEM = { plain: 'p' };

async function run(schema: GraphQLSchema, query: string, timeoutMs: number) {
  const server = new ApolloServer({ schema, plugins: [executionTimeoutPlugin(timeoutMs)] });
  await server.start();
  try {
    const response = await server.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('single result expected');
    return response.body.singleResult;
  } finally {
    await server.stop();
  }
}

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (result.errors ?? []).map((e) => e.extensions?.['code']);

describe('the execution deadline', () => {
  it('refuses plain fields that start after the deadline, once an awaited resolver outlived it', async () => {
    const schema = schemaWith({
      slow: () => new Promise((resolve) => setTimeout(() => resolve(ITEM), 700)),
    });
    // A deadline wide enough that `slow` itself starts within it on a loaded machine.
    const result = await run(schema, '{ slow { plain checked } }', 250);
    expect(result.data).toEqual({ slow: { plain: null, checked: null } });
    expect(codes(result)).toEqual(['EXECUTION_TIMEOUT', 'EXECUTION_TIMEOUT']);
  });

  it('refuses a resolver that starts after the deadline even while the code that passed it still runs', async () => {
    const schema = schemaWith({
      // Holds the thread past the deadline, so no timer can run before the fields below start.
      busy: () => {
        const until = performance.now() + 700;
        while (performance.now() < until);
        return ITEM;
      },
    });
    const result = await run(schema, '{ busy { checked } }', 250);
    expect(result.data).toEqual({ busy: { checked: null } });
    expect(codes(result)).toEqual(['EXECUTION_TIMEOUT']);
  });

  it('answers in full under a deadline longer than a timer can wait', async () => {
    const schema = schemaWith({
      slow: () => new Promise((resolve) => setTimeout(() => resolve(ITEM), 30)),
    });
    const result = await run(schema, '{ slow { plain checked } }', 2 ** 40);
    expect(result).toEqual({ data: { slow: { plain: 'p', checked: 'checked p' } } });
  });

  it('answers in full within the deadline, and clears its timer when the execution ends', async () => {
    const schema = schemaWith({ item: () => ITEM });
    // The deadline's timers (by their delay) and the ones cleared.
    const started = new Set<unknown>();
    const cleared = new Set<unknown>();
    const setTimer = globalThis.setTimeout;
    const clearTimer = globalThis.clearTimeout;
    const setSpy = jest.spyOn(globalThis, 'setTimeout').mockImplementation(((
      callback: (...args: unknown[]) => void,
      ms: number,
      ...args: unknown[]
    ) => {
      const timer = setTimer(callback, ms, ...args);
      if (ms === 60_000) started.add(timer);
      return timer;
    }) as typeof setTimeout);
    const clearSpy = jest.spyOn(globalThis, 'clearTimeout').mockImplementation((timer) => {
      cleared.add(timer);
      clearTimer(timer);
    });
    const server = new ApolloServer({ schema, plugins: [executionTimeoutPlugin(60_000)] });
    await server.start();
    try {
      for (let i = 0; i < 20; i++) {
        const response = await server.executeOperation({ query: '{ item { plain checked } }' });
        if (response.body.kind !== 'single') throw new Error('single result expected');
        expect(response.body.singleResult).toEqual({ data: { item: { plain: 'p', checked: 'checked p' } } });
      }
      expect(started.size).toBe(20);
      expect([...started].filter((timer) => !cleared.has(timer))).toEqual([]);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
      await server.stop();
    }
  });
});
