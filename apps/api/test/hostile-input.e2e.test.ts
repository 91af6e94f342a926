import fc from 'fast-check';
import { mutate } from './support/mutations';
import { inputTypeOf, sampleInput } from './support/sample-input';
import { MUTATION_NAMES } from './support/mutations';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'fuzz';

/** Codes a client may get for bad input; INTERNAL_SERVER_ERROR is never one of them. */
const TYPED = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'ALREADY_EXISTS',
  'INVALID_TRANSITION',
  'CONSENT_REQUIRED',
  'FATIGUE_LIMIT',
  'OWNER_APPROVAL_REQUIRED',
  'ADVOCATE_UNAVAILABLE',
  'PER_USE_APPROVAL_REQUIRED',
  'REWARD_APPROVAL_REQUIRED',
  'REWARD_CAP_EXCEEDED',
  'ACCOUNT_HEALTH_BELOW_THRESHOLD',
  'COMMAND_ID_REUSED',
  'CONFLICT',
]);

const hostileValue = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ minLength: 5000, maxLength: 6000 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '__proto__',
    'constructor',
    '<script>',
    "'; DROP TABLE events; --",
    '🙂'.repeat(40),
  ),
  fc.integer(),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -1, 0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 200 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 5 }),
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '9999-99-99',
    '1970-01-01T00:00:00.000Z',
    'REFERENCE_CALL',
    'ADMIN',
  ),
);

/** A mutation with its well-formed input, some fields replaced by hostile values (or the whole input). */
const hostileMutation = fc.constantFrom(...MUTATION_NAMES).chain((name) => {
  const fields = Object.keys(inputTypeOf(name).getFields());
  return fc.record({
    name: fc.constant(name),
    replaced: fc.dictionary(fc.constantFrom(...fields, '__proto__', 'tenantId', 'extra'), hostileValue, {
      maxKeys: 3,
    }),
    wholesale: fc.option(fc.anything({ maxDepth: 2 }), { freq: 8 }),
    seed: fc.string({ minLength: 1, maxLength: 8 }).map((s) => s.replace(/[^a-z0-9]/gi, 'x') || 'x'),
  });
});

describe('hostile input to every mutation', () => {
  let t: TestServer;
  let token: string;

  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 100_000 } });
    token = await tokenFor(TENANT, 'mallory', ['PROGRAM_MANAGER', 'ADMIN', 'ACCOUNT_OWNER']);
  });
  afterAll(() => t.close());

  it('only ever gets typed errors, never a 500, and a refused command writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostileMutation, async ({ name, replaced, wholesale, seed }) => {
        const input =
          wholesale !== null
            ? wholesale
            : { ...sampleInput(name, seed), ...replaced, commandId: `fuzz-${seed}-${name}` };
        const before = (await t.store.readAll(TENANT)).length;
        const response = await mutate(t.url, token, name, input as Record<string, unknown>);
        expect([200, 400]).toContain(response.status);
        const errors = response.body.errors ?? [];
        for (const error of errors) {
          expect(TYPED.has(String(error.extensions?.code))).toBe(true);
          expect(JSON.stringify(error)).not.toMatch(/stacktrace|\.ts:\d+/);
        }
        const after = (await t.store.readAll(TENANT)).length;
        if (errors.length > 0) {
          expect(after).toBe(before);
        } else {
          const payload = response.body.data?.[name];
          expect(payload).toBeDefined();
          expect(after - before).toBe(payload?.duplicate ? 0 : payload?.eventTypes.length);
        }
      }),
      { numRuns: 250 },
    );
  }, 30_000);
});
