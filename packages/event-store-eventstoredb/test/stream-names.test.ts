import fc from 'fast-check';
import { StreamNames, decodeNamePart, encodeNamePart, eventUuidOf } from '../src/stream-names';

describe('EventStoreDB stream names', () => {
  const names = new StreamNames();

  it('scope every stream to its tenant, whatever the stream id contains', () => {
    expect(names.streamNameOf('tenant-a', 'advocate-1')).toBe('vouch:tenant-a:advocate-1');
    const forged = names.streamNameOf('tenant-a', 'x:tenant-b:advocate-1');
    expect(forged.startsWith(names.tenantPrefix('tenant-a'))).toBe(true);
    expect(names.tenantOf(forged)).toBe('tenant-a');
    expect(names.streamNameOf('a:b', 'c')).not.toBe(names.streamNameOf('a', 'b:c'));
    expect(names.tenantOf('$stats-127.0.0.1:2113')).toBeUndefined();
  });

  it('encode ids reversibly and injectively, with no separator left', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(decodeNamePart(encodeNamePart(a))).toBe(a);
        expect(encodeNamePart(a)).not.toContain(':');
        if (a !== b) expect(encodeNamePart(a)).not.toBe(encodeNamePart(b));
      }),
    );
  });

  it('derive one stable UUID per tenant and event id', () => {
    const uuid = eventUuidOf('tenant-a', 'event-1');
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventUuidOf('tenant-a', 'event-1')).toBe(uuid);
    expect(eventUuidOf('tenant-b', 'event-1')).not.toBe(uuid);
  });
});
