import {
  type AnyPayloadField,
  COMMAND_CATALOGUE,
  COMMAND_TYPES,
  type CommandDefinition,
  type FieldsOf,
  type RestAdvocate,
} from '../src';

type RestData = RestAdvocate['data'];

// The catalogue is checked by the compiler: these descriptions of RestAdvocate's data
// (`{ until: Instant; reason: string }`) must each fail to compile. `tsc -p
// tsconfig.typecheck.json` fails when one of them compiles after all.
// @ts-expect-error -- `reason` is not described
export const missingField: FieldsOf<RestData> = {
  until: { kind: 'instant', description: 'Resting until.' },
};
export const extraField: FieldsOf<RestData> = {
  until: { kind: 'instant', description: 'Resting until.' },
  reason: { kind: 'text', description: 'Why.' },
  // @ts-expect-error -- the data has no `mood`
  mood: { kind: 'text', description: 'Not a field of the command.' },
};
export const wrongKind: FieldsOf<RestData> = {
  // @ts-expect-error -- a string is not an integer
  until: { kind: 'int', min: 0, max: 1, description: 'Resting until.' },
  reason: { kind: 'text', description: 'Why.' },
};
export const optionalRequired: FieldsOf<RestData> = {
  until: { kind: 'instant', description: 'Resting until.' },
  // @ts-expect-error -- `reason` is required, so it may not be described as optional
  reason: { kind: 'text', description: 'Why.', optional: true },
};

const fieldsOf = (row: CommandDefinition) => row.payload as Readonly<Record<string, AnyPayloadField>>;

describe('the command catalogue', () => {
  it('has one row per command, each described', () => {
    expect(COMMAND_TYPES.length).toBe(new Set(COMMAND_TYPES).size);
    for (const type of COMMAND_TYPES) expect(COMMAND_CATALOGUE[type].description).toMatch(/\S\.?$/);
  });

  it('names, for every command that creates its stream, a required id field of its payload', () => {
    const creating = COMMAND_TYPES.filter((type) => COMMAND_CATALOGUE[type].createsWith !== undefined);
    expect(creating.sort()).toEqual(
      [
        'DraftContent',
        'EnrolAdvocate',
        'RegisterAccount',
        'SubmitNomination',
        'SubmitReferenceRequest',
      ].sort(),
    );
    for (const type of creating) {
      const row = COMMAND_CATALOGUE[type] as CommandDefinition;
      const field = fieldsOf(row)[row.createsWith ?? ''];
      expect(field).toMatchObject({ kind: 'id' });
      expect(field?.optional).toBeUndefined();
    }
  });

  it('gives every number field bounds that hold a value', () => {
    const numbers = (fields: Readonly<Record<string, AnyPayloadField>>): AnyPayloadField[] =>
      Object.values(fields).flatMap((field) =>
        field.kind === 'object' || field.kind === 'objectList' ? numbers(field.shape.fields) : [field],
      );
    for (const type of COMMAND_TYPES) {
      for (const field of numbers(fieldsOf(COMMAND_CATALOGUE[type] as CommandDefinition))) {
        if (field.kind === 'int' || field.kind === 'float') expect(field.min).toBeLessThanOrEqual(field.max);
      }
    }
  });
});
