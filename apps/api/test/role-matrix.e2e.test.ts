import { COMMAND_ROUTES, PERMISSIONS, type CommandType } from '@vouch/application';
import { ROLES } from '@vouch/domain';
import { newCommandId } from './support/graphql-client';
import { mustMutate, mutate } from './support/mutations';
import { sampleInput } from './support/sample-input';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const camel = (type: string) => type.charAt(0).toLowerCase() + type.slice(1);
const COMMANDS = Object.keys(COMMAND_ROUTES) as CommandType[];
// Not a timing test: the budget grows with the mutations a role runs (jest's 5 s default was
// exceeded at load ≈ 20). A hang still fails.
const PER_MUTATION_MS = 500;

describe('the role × mutation matrix over HTTP', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 10_000 } });
  });
  afterAll(() => t.close());

  it.each(ROLES)(
    'a %s may run exactly the mutations the permission table gives the role',
    async (role) => {
      const token = await tokenFor(`matrix-${role}`, `user-${role}`, [role]);
      const verdicts = await Promise.all(
        COMMANDS.map(async (command) => {
          const response = await mutate(t.url, token, camel(command), {
            ...sampleInput(camel(command), role),
            // An account owner registers accounts they own (registering one for someone else is FORBIDDEN).
            ...(command === 'RegisterAccount' ? { ownerId: `user-${role}` } : {}),
            commandId: newCommandId(command),
          });
          expect(response.status).toBe(200);
          const refusedByTable = (response.body.errors ?? []).some(
            (error) =>
              error.extensions?.code === 'FORBIDDEN' &&
              (error.extensions.details as { operation?: string } | undefined)?.operation === command,
          );
          return [command, !refusedByTable] as const;
        }),
      );
      const expected = COMMANDS.map(
        (command) => [command, PERMISSIONS[command][role] !== undefined] as const,
      );
      expect(verdicts).toEqual(expected);
    },
    Math.max(5_000, COMMANDS.length * PER_MUTATION_MS),
  );

  it('a user of another tenant cannot touch this tenant’s records, and nothing is written', async () => {
    const ownerA = await tokenFor('tenant-a', 'olga', ['PROGRAM_MANAGER']);
    const pmB = await tokenFor('tenant-b', 'mallory', ['PROGRAM_MANAGER', 'ADMIN']);
    await mustMutate(t.url, ownerA, 'registerAccount', {
      commandId: newCommandId(),
      accountId: 'shared-id',
      name: 'Acme',
      industry: 'Manufacturing',
      segment: 'ENTERPRISE',
      region: 'EMEA',
      products: ['Planner'],
      ownerId: 'olga',
    });
    const before = await t.store.readAll('tenant-a');

    const attempts = await Promise.all([
      mutate(t.url, pmB, 'recordAccountHealth', {
        commandId: newCommandId(),
        accountId: 'shared-id',
        healthScore: 5,
      }),
      mutate(t.url, pmB, 'archiveAccount', {
        commandId: newCommandId(),
        accountId: 'shared-id',
        reason: 'gone',
      }),
      mutate(t.url, pmB, 'reassignAccountOwner', {
        commandId: newCommandId(),
        accountId: 'shared-id',
        ownerId: 'mallory',
        reason: 'mine now',
      }),
    ]);
    for (const attempt of attempts) {
      expect(attempt.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(await t.store.readAll('tenant-a')).toEqual(before);
  });
});
