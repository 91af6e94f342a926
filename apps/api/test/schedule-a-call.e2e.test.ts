import { addDays, addHours } from '@vouch/domain';
import { codesOf, graphql, newCommandId as id } from './support/graphql-client';
import { activeAdvocateOfAcme } from './support/consenting-advocate';
import { mustMutate, mutate } from './support/mutations';
import { offeredCall } from './support/offered-call';
import { eventually } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'schedule';
const NOW = '2026-11-23T09:00:00.000Z';
const SLOTS = [addDays(NOW, 2), addDays(NOW, 3), addDays(NOW, 4)];

// Scheduling with proof over HTTP: the program offers slots for the advocate, only the
// requester picks, both sides (or the meeting provider) confirm — else due work marks it MISSED.
describe('schedule a call', () => {
  let t: TestServer;
  let pm: string;
  let sam: string;
  let rita: string;
  let admin: string;

  const typesOf = async (streamId: string) =>
    (await t.store.readStream(TENANT, streamId)).map((event) => event.type);

  /** A request by `requester` whose candidate ines accepted, with three slots offered. */
  const offeredRequest = (requestId: string, requester: string) =>
    offeredCall(t, TENANT, requestId, { requester, pm }, { now: NOW, slots: SLOTS });
  const pick = (token: string, requestId: string, startsAt: string) =>
    mutate(t.url, token, 'pickSlot', { commandId: id(), requestId, advocateId: 'ines', startsAt });
  const confirm = (token: string, requestId: string, party: string) =>
    mutate(t.url, token, 'confirmAttendance', { commandId: id(), requestId, advocateId: 'ines', party });

  const invitation = (token: string, requestId: string) =>
    graphql<{ callInvitation: { ics: string; timeZone: string } | null }>(
      t.url,
      'query($r: ID!) { callInvitation(requestId: $r, advocateId: "ines") { ics timeZone } }',
      { r: requestId },
      token,
    );
  const candidateOf = async (token: string, requestId: string) => {
    const response = await graphql<{ request: { candidates: Record<string, unknown>[] } }>(
      t.url,
      `
        query ($r: ID!) {
          request(requestId: $r) {
            candidates {
              status
              schedule {
                offers {
                  offerNo
                  timeZone
                  slots {
                    startsAt
                  }
                }
                picked {
                  startsAt
                  endsAt
                  timeZone
                  pickedBy
                }
                confirmations
              }
            }
          }
        }
      `,
      { r: requestId },
      token,
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.request.candidates[0];
  };

  beforeAll(async () => {
    t = await startTestServer();
    t.setNow(NOW);
    pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    sam = await tokenFor(TENANT, 'sam', ['REQUESTER']);
    rita = await tokenFor(TENANT, 'rita', ['REQUESTER']);
    admin = await tokenFor(TENANT, 'ada', ['ADMIN']);
    await activeAdvocateOfAcme(t, pm);
    await mustMutate(t.url, pm, 'grantConsent', {
      commandId: id(),
      advocateId: 'ines',
      consent: {
        consentId: 'c-1',
        kinds: ['REFERENCE_CALL'],
        territories: ['EMEA'],
        channels: ['PRIVATE'],
        validFrom: NOW,
        collectionMethod: 'E_SIGNATURE',
        collectedAt: NOW,
        noticeVersion: 'v1',
      },
    });
    await mustMutate(t.url, pm, 'setFatiguePolicy', {
      commandId: id(),
      windowDays: 90,
      maxPerWindow: 10,
      kindLimits: [],
      minRestDays: 0,
    });
    await offeredRequest('req-sam', sam);
  }, 60_000);
  afterAll(() => t.close());

  it('only the program offers slots: a requester cannot', async () => {
    const response = await mutate(t.url, sam, 'offerSlots', {
      commandId: id(),
      requestId: 'req-sam',
      advocateId: 'ines',
      slots: SLOTS.map((startsAt) => ({ startsAt })),
      durationMinutes: 30,
      timeZone: 'Europe/Berlin',
    });
    expect(codesOf(response)).toEqual(['FORBIDDEN']);
  });

  it("picking a slot on someone else's request: the request does not exist for them, nothing is scheduled", async () => {
    expect(codesOf(await pick(rita, 'req-sam', SLOTS[0]!))).toEqual(['NOT_FOUND']);
    expect(await typesOf('advocate-ines')).not.toContain('EngagementScheduled');
  });

  it('picking a slot that was not offered is refused with SLOT_NOT_OFFERED, nothing is scheduled', async () => {
    expect(codesOf(await pick(sam, 'req-sam', addDays(NOW, 5)))).toEqual(['SLOT_NOT_OFFERED']);
    expect(await typesOf('advocate-ines')).not.toContain('EngagementScheduled');
  });

  it("the requester's pick schedules the advocate at the slot, for the system, caused by the pick", async () => {
    const response = await pick(sam, 'req-sam', SLOTS[1]!);
    expect(response.body.errors).toBeUndefined();
    const events = await t.store.readStream(TENANT, 'advocate-ines');
    const scheduled = events.find((event) => event.type === 'EngagementScheduled');
    expect(scheduled?.data).toMatchObject({ engagementId: 'req-sam.ines', at: SLOTS[1] });
    expect(scheduled?.metadata.actor.userId).toBe('system');
    expect(await typesOf('request-req-sam')).toEqual(
      expect.arrayContaining(['SlotPicked', 'ActivityScheduled']),
    );
  });

  it('the requester gets the iCalendar invitation naming the advocate who accepted them; others meet NOT_FOUND', async () => {
    const response = await invitation(sam, 'req-sam');
    expect(response.body.errors).toBeUndefined();
    const ics = response.body.data?.callInvitation?.ics ?? '';
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('DTSTART:20261126T090000Z');
    expect(ics).toContain('DTEND:20261126T093000Z');
    expect(ics).toContain('Reference call with Ines Weber');
    expect(ics).toMatch(/ATTENDEE;[^\r\n]*mailto:ines@acme\.example/i);
    expect(response.body.data?.callInvitation?.timeZone).toBe('Europe/Berlin');
    expect(codesOf(await invitation(rita, 'req-sam'))).toEqual(['NOT_FOUND']);
    const board = await candidateOf(sam, 'req-sam');
    expect(board).toMatchObject({
      status: 'SCHEDULED',
      schedule: {
        picked: { startsAt: SLOTS[1], pickedBy: 'sam', timeZone: 'Europe/Berlin' },
        confirmations: [],
      },
    });
  });

  it('confirming before the call began is refused', async () => {
    expect(codesOf(await confirm(sam, 'req-sam', 'REQUESTER'))).toEqual(['INVALID_TRANSITION']);
  });

  it("one side is no proof; confirming twice is refused; the meeting provider's signal (recorded by the program, replay harmless) completes the use on the advocate", async () => {
    t.setNow(addHours(SLOTS[1]!, 1));
    expect((await confirm(sam, 'req-sam', 'REQUESTER')).body.errors).toBeUndefined();
    expect(await typesOf('advocate-ines')).not.toContain('EngagementCompleted');
    expect(codesOf(await confirm(sam, 'req-sam', 'REQUESTER'))).toEqual(['INVALID_TRANSITION']);
    expect(codesOf(await confirm(rita, 'req-sam', 'REQUESTER'))).toEqual(['NOT_FOUND']);
    expect(codesOf(await confirm(sam, 'req-sam', 'ADVOCATE'))).toEqual(['FORBIDDEN']);
    // Only the program records the meeting provider's signal; a replayed signal (same command id) changes nothing.
    expect(codesOf(await confirm(sam, 'req-sam', 'MEETING_PROVIDER'))).toEqual(['FORBIDDEN']);
    const signal = { commandId: id(), requestId: 'req-sam', advocateId: 'ines', party: 'MEETING_PROVIDER' };
    expect((await mutate(t.url, pm, 'confirmAttendance', signal)).body.errors).toBeUndefined();
    const replay = await mutate(t.url, pm, 'confirmAttendance', signal);
    expect(replay.body.data?.confirmAttendance?.duplicate).toBe(true);
    const confirmations = (await t.store.readStream(TENANT, 'request-req-sam')).filter(
      (event) => event.type === 'AttendanceConfirmed',
    );
    expect(confirmations.map((event) => event.data.party)).toEqual(['REQUESTER', 'MEETING_PROVIDER']);
    const completed = (await t.store.readStream(TENANT, 'advocate-ines')).find(
      (event) => event.type === 'EngagementCompleted',
    );
    expect(completed?.data).toMatchObject({
      engagementId: 'req-sam.ines',
      completedAt: addHours(SLOTS[1]!, 0.5),
    });
  });

  it("without proof after the slot and the program's grace period, due work marks the call MISSED on both sides, counted as the program decides", async () => {
    t.setNow(NOW);
    await mustMutate(t.url, pm, 'setSchedulingPolicy', {
      commandId: id(),
      graceMinutes: 60,
      missedCountsTowardFatigue: false,
    });
    await offeredRequest('req-rita', rita);
    expect((await pick(rita, 'req-rita', SLOTS[2]!)).body.errors).toBeUndefined();
    t.setNow(addHours(SLOTS[2]!, 1.25));
    await t.vouch.processDueWork();
    expect(await typesOf('advocate-ines')).not.toContain('EngagementMissed');
    t.setNow(addHours(SLOTS[2]!, 1.5));
    expect(await t.vouch.processDueWork()).toBeGreaterThanOrEqual(1);
    const missed = (await t.store.readStream(TENANT, 'advocate-ines')).find(
      (e) => e.type === 'EngagementMissed',
    );
    expect(missed?.data).toMatchObject({ engagementId: 'req-rita.ines', countsTowardFatigue: false });
    await eventually(async () => expect(await typesOf('request-req-rita')).toContain('ActivityMissed'));
  });

  it('the request board shows the missed call; after erasure the invitation names no one', async () => {
    expect(await candidateOf(pm, 'req-rita')).toMatchObject({
      status: 'MISSED',
      schedule: { confirmations: [] },
    });
    await mustMutate(t.url, admin, 'requestErasure', {
      commandId: id(),
      advocateId: 'ines',
      reason: 'Asked to be forgotten.',
    });
    await eventually(async () => {
      const response = await invitation(pm, 'req-rita');
      expect(response.body.errors).toBeUndefined();
      const ics = response.body.data?.callInvitation?.ics ?? '';
      expect(ics).toContain('DTSTART:20261127T090000Z');
      expect(ics).toContain('SUMMARY:Reference call\r\n');
      expect(ics).not.toMatch(/Ines Weber|ines@acme|ATTENDEE/i);
    });
  });
});
