import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from '@vouch/event-store';
import { unwrapDataKey, wrapBinding, wrapDataKey } from '../src/personal-data/data-key-wrapping';

// Every wrapped key already stored was bound to the generic canonical text: the written-out
// form must be byte for byte the same, or no stored data key would unwrap again.
describe('data key wrapping', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));

  it('binds a key to the RFC 8785 text of its purpose, tenant and subject, for any strings', () => {
    fc.assert(
      fc.property(text, text, (tenantId, subjectId) => {
        const generic = canonicalJson({ purpose: 'vouch.data-key.v1', tenantId, subjectId });
        expect(wrapBinding(tenantId, subjectId)).toEqual(Buffer.from(generic, 'utf8'));
      }),
      { numRuns: 500 },
    );
  });

  it('binds a damaged tenant or subject (not a string) as the generic canonical text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), (tenantId, subjectId) => {
        const generic = canonicalJson({ purpose: 'vouch.data-key.v1', tenantId, subjectId });
        expect(wrapBinding(tenantId as string, subjectId as string).toString('utf8')).toBe(generic);
      }),
      { numRuns: 300 },
    );
  });

  it('unwraps the 32 bytes it wrapped, and nothing under another master key, tenant or subject', () => {
    const master = randomBytes(32);
    const dataKey = randomBytes(32);
    const wrapped = wrapDataKey(master, 't', 'adv-1', dataKey);
    expect(unwrapDataKey(master, 't', 'adv-1', wrapped)).toEqual(dataKey);
    expect(() => unwrapDataKey(randomBytes(32), 't', 'adv-1', wrapped)).toThrow();
    expect(() => unwrapDataKey(master, 'u', 'adv-1', wrapped)).toThrow();
    expect(() => unwrapDataKey(master, 't', 'adv-2', wrapped)).toThrow();
    const changed = Buffer.from(wrapped);
    changed[changed.length - 1]! ^= 1;
    expect(() => unwrapDataKey(master, 't', 'adv-1', changed)).toThrow();
  });

  it('unwraps a key wrapped before the binding was written out (from a file the base code wrote)', () => {
    const master = Buffer.alloc(32, 7);
    const wrapped = Buffer.from(
      'ASmc4658jtad2nFiRkzIE3FMzm8W51yDJNvbqjr5SC0oY1LlkU2rJCmfIU4jj4H8TYTtHKDh/t5dzQkIag==',
      'base64',
    );
    expect(unwrapDataKey(master, 'tenant-1', 'adv-0', wrapped).toString('hex')).toBe(
      '488dcd831e2bb95d700c3d1b6e1883407a964cf75f10d6db0fe2d2312e0ca3ab',
    );
  });
});
