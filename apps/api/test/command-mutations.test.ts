import { COMMAND_PERMISSIONS, whoMay } from '@vouch/application';
import { COMMAND_CATALOGUE, COMMAND_TYPES } from '@vouch/domain';
import { getNamedType, isInputObjectType, isNonNullType } from 'graphql';
import { buildApiSchema } from '../src';
import { WEBHOOK_MUTATIONS } from '../src/schema/webhooks/webhook-resolvers';

const schema = buildApiSchema();
const mutations = schema.getMutationType()?.getFields() ?? {};
const mutationOf = (type: string) => mutations[type.charAt(0).toLowerCase() + type.slice(1)];

describe('mutations generated from the command catalogue', () => {
  it('exposes every command as one mutation, and nothing else but the integrity and webhook operations', () => {
    const commandMutations = COMMAND_TYPES.map((type) => mutationOf(type)?.name);
    expect(commandMutations).not.toContain(undefined);
    const others = Object.keys(mutations).filter((name) => !commandMutations.includes(name));
    // Webhook subscriptions are the operator's configuration, not domain commands (issue 17).
    expect(others.sort()).toEqual(['signDigest', 'startIntegrityVerification', ...WEBHOOK_MUTATIONS].sort());
  });

  it("describes each mutation by the catalogue's words and says who may run it", () => {
    for (const type of COMMAND_TYPES) {
      expect(mutationOf(type)?.description).toBe(
        `${COMMAND_CATALOGUE[type].description} ${whoMay(COMMAND_PERMISSIONS[type])}`,
      );
    }
  });

  it('takes every payload field the API does not derive, required exactly when the domain requires it', () => {
    const derivedOrRenamed: Record<string, readonly string[]> = {
      AskAdvocate: ['engagementId'],
      TakeFromSelfServePool: ['engagementId'],
      SetFatiguePolicy: ['maxPerKindPerWindow'],
    };
    for (const type of COMMAND_TYPES) {
      const input = getNamedType(mutationOf(type)?.args[0]?.type);
      if (!isInputObjectType(input)) throw new Error(`${type} takes no input object`);
      const fields = input.getFields();
      // Consent commands carry their terms in one nested field (`consent` or `withdrawal`).
      const nested = fields.consent ?? fields.withdrawal;
      const payloadType = nested ? getNamedType(nested.type) : input;
      if (!isInputObjectType(payloadType)) throw new Error(`${type}'s terms are no input object`);
      const taken = payloadType.getFields();
      for (const [name, field] of Object.entries(COMMAND_CATALOGUE[type].payload as object)) {
        if (derivedOrRenamed[type]?.includes(name)) continue;
        expect({ type, name, taken: taken[name] !== undefined }).toEqual({ type, name, taken: true });
        const required = isNonNullType(taken[name]?.type);
        expect({ type, name, required }).toEqual({
          type,
          name,
          required: !(field as { optional?: true }).optional,
        });
      }
      expect(isNonNullType(fields.commandId?.type)).toBe(true);
    }
  });
});
