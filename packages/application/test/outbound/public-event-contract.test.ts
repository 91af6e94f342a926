import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { EVENT_CATALOGUE, personalDataOf } from '@vouch/domain';
import { checkpointOf, type RecordedEvent } from '@vouch/event-store';
import {
  PUBLIC_EVENT_CONTRACT,
  UnpublishableEventError,
  outboundJsonSchema,
  publicTypeOf,
  toCloudEvent,
  type PublicField,
} from '../../src';

const MARKER = '§personal§';
const SCHEMA_DIR = join(__dirname, '../../../../docs/events/outbound');

/** A value of the field's shape (never the marker: the marker can only come from elsewhere). */
function valueOf(field: PublicField): fc.Arbitrary<unknown> {
  switch (field.shape) {
    case 'id':
      return fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/);
    case 'instant':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'integer':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'kind':
      return fc.constantFrom(...field.values);
    case 'kinds':
      return fc.uniqueArray(fc.constantFrom(...field.values));
  }
}

/** An internal event of the type: the published fields valid, every other field (personal ones first) carrying the marker. */
function internalEvent(entry: (typeof PUBLIC_EVENT_CONTRACT)[number]): fc.Arbitrary<RecordedEvent> {
  const published = fc.record(
    Object.fromEntries(Object.entries(entry.fields).map(([name, field]) => [name, valueOf(field)])),
  );
  const personal = personalDataOf(entry.internalType)?.fields ?? [];
  const others = ['contact', 'reason', 'comment', 'note', 'notes', 'requestedBy', 'evidence', ...personal];
  const leaking = fc.record(
    Object.fromEntries(
      others.map((name) => [name.split('.')[0]!, fc.string().map((s) => `${s}${MARKER}${s}`)]),
    ),
  );
  return fc.tuple(published, leaking).map(([data, extra]) => ({
    eventId: 'evt-1',
    type: entry.internalType,
    schemaVersion: 1,
    data: { ...extra, ...data },
    metadata: {
      tenantId: 'acme',
      actor: { userId: `user${MARKER}`, roles: ['ADMIN'] },
      commandId: `cmd${MARKER}`,
      correlationId: 'c',
      causationId: 'c',
      effectiveAt: '2026-11-23T09:00:00.000Z',
    },
    streamId: `s${MARKER}`,
    version: 1,
    checkpoint: checkpointOf(1),
    recordedAt: '2026-11-23T09:00:00.000Z',
    storedSchemaVersion: 1,
    personalData: { status: 'none' },
  }));
}

describe('the published event contract', () => {
  it('publishes only internal events of the domain, each once, under a versioned reverse-DNS type', () => {
    const internal = new Set(EVENT_CATALOGUE.map((d) => d.type));
    for (const entry of PUBLIC_EVENT_CONTRACT) {
      expect(internal.has(entry.internalType)).toBe(true);
      expect(entry.type).toMatch(/^dev\.vouch\.[a-z]+\.[a-z_]+\.v\d+$/);
      expect(entry.fields[entry.subjectField]?.shape).toBe('id');
      // No declared field is one the catalogue says holds personal data.
      const personal = personalDataOf(entry.internalType)?.fields.map((f) => f.split('.')[0]) ?? [];
      expect(Object.keys(entry.fields).filter((name) => personal.includes(name))).toEqual([]);
    }
    expect(new Set(PUBLIC_EVENT_CONTRACT.map((e) => e.internalType)).size).toBe(PUBLIC_EVENT_CONTRACT.length);
  });

  it('never lets a personal or free-text value reach a published event (property, every public type)', () => {
    for (const entry of PUBLIC_EVENT_CONTRACT) {
      fc.assert(
        fc.property(internalEvent(entry), (event) => {
          const published = toCloudEvent('acme', event)!;
          expect(JSON.stringify(published)).not.toContain(MARKER);
          expect(Object.keys(published.data).every((name) => name in entry.fields)).toBe(true);
          expect(published).toMatchObject({
            specversion: '1.0',
            id: 'evt-1',
            type: entry.type,
            source: '/tenants/acme',
            subject: event.data[entry.subjectField],
            time: '2026-11-23T09:00:00.000Z',
            datacontenttype: 'application/json',
          });
        }),
        { numRuns: 50 },
      );
    }
  });

  it('refuses to publish an id that is not an opaque token (an email address in an id field)', () => {
    const entry = publicTypeOf('ConsentWithdrawn')!;
    const sample = fc.sample(internalEvent(entry), 1)[0]!;
    const event = { ...sample, data: { ...sample.data, advocateId: 'ines@example.com' } };
    expect(() => toCloudEvent('acme', event)).toThrow(UnpublishableEventError);
  });

  it('publishes nothing of an internal event outside the contract', () => {
    const unpublished = EVENT_CATALOGUE.filter((d) => !publicTypeOf(d.type));
    expect(unpublished.map((d) => d.type)).toEqual(
      expect.arrayContaining(['AdvocateEnrolled', 'NominationSubmitted']),
    );
    for (const definition of unpublished) {
      const event = { ...fc.sample(internalEvent(PUBLIC_EVENT_CONTRACT[0]!), 1)[0]!, type: definition.type };
      expect(toCloudEvent('acme', event)).toBeUndefined();
    }
  });

  it('documents every published type in docs/outbound-events.md', () => {
    const doc = readFileSync(join(SCHEMA_DIR, '../../outbound-events.md'), 'utf8');
    const rows = doc.split('\n').map((line) => line.split('|').map((cell) => cell.trim()));
    for (const entry of PUBLIC_EVENT_CONTRACT) {
      expect(rows).toContainEqual(expect.arrayContaining([`\`${entry.type}\``, `\`${entry.internalType}\``]));
    }
  });

  it('has its JSON Schemas checked in under docs/events/outbound (npm run docs:outbound)', () => {
    const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(PUBLIC_EVENT_CONTRACT.map((e) => `${e.type}.json`).sort());
    for (const entry of PUBLIC_EVENT_CONTRACT) {
      const onDisk = JSON.parse(readFileSync(join(SCHEMA_DIR, `${entry.type}.json`), 'utf8'));
      expect(onDisk).toEqual(outboundJsonSchema(entry));
    }
  });
});
