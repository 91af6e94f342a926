import 'reflect-metadata';
import { getMetadataStorage, IsInt, Max, MetadataStorage, validate } from 'class-validator';
import { buildApiSchema } from '../src';
import { cacheValidationMetadata } from '../src/validation/validation-metadata-cache';

// Building the schema loads every decorated class of the API and installs the cache.
buildApiSchema();

/** A copy of the global storage's metadata in a storage of its own, without the cache. */
function uncachedCopy(): MetadataStorage {
  const copy = new MetadataStorage();
  const global = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, Parameters<MetadataStorage['addValidationMetadata']>[0][]>;
  };
  for (const list of global.validationMetadatas.values()) for (const m of list) copy.addValidationMetadata(m);
  return copy;
}

const targets = () => [
  ...(
    getMetadataStorage() as unknown as { validationMetadatas: Map<new () => unknown, unknown> }
  ).validationMetadatas.keys(),
];

describe('class-validator metadata looked up once per class', () => {
  it('gives every class of the API the constraints the uncached lookup gives, with every option', () => {
    const plain = uncachedCopy();
    const cached = getMetadataStorage();
    expect(targets().length).toBeGreaterThan(50);
    for (const target of targets()) {
      for (const [always, strictGroups, groups] of [
        [false, false, undefined],
        [true, false, undefined],
        [false, true, []],
        [false, false, ['x']],
      ] as const) {
        const groupList = groups ? [...groups] : undefined;
        const expected = plain.getTargetValidationMetadatas(target, '', always, strictGroups, groupList);
        // Twice: the remembered answer is the same as the first.
        for (let i = 0; i < 2; i++) {
          const found = cached.getTargetValidationMetadatas(target, '', always, strictGroups, groupList);
          expect(found).toEqual(expected);
          expect(cached.groupByPropertyName(found)).toEqual(plain.groupByPropertyName(expected));
        }
      }
    }
  });

  it('forgets what it remembered when a constraint is registered later', async () => {
    cacheValidationMetadata(); // a second install changes nothing
    class LateArgs {
      @IsInt()
      n!: number;
    }
    const seven = Object.assign(new LateArgs(), { n: 7 });
    expect(await validate(seven, { forbidUnknownValues: false })).toEqual([]);
    // A constraint added after LateArgs's lookup was remembered.
    Max(3)(LateArgs.prototype, 'n');
    const errors = await validate(seven, { forbidUnknownValues: false });
    expect(errors.map((e) => Object.keys(e.constraints ?? {}))).toEqual([['max']]);
    expect(await validate(Object.assign(new LateArgs(), { n: 2 }))).toEqual([]);
  });

  it('refuses to let a caller change the shared answer', () => {
    const [target] = targets();
    const found = getMetadataStorage().getTargetValidationMetadatas(target!, '', false, false);
    expect(() => (found as unknown[]).push({})).toThrow(TypeError);
  });
});
