import { addDays, addHours } from '@vouch/domain';
import { activeAdvocateOfAcme } from './support/consenting-advocate';
import { graphql, newCommandId as id } from './support/graphql-client';
import { crmSignature, postRaw, unixNow } from './support/inbound-signing';
import { mustMutate } from './support/mutations';
import { offeredCall } from './support/offered-call';
import { eventually } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'meetings';
const OTHER_TENANT = 'other-meetings';
const SECRET = 'meeting-secret-of-meetings-0123456789';
const OTHER_SECRET = 'meeting-secret-of-other-tenant-98765';
const NOW = '2026-11-23T09:00:00.000Z';
const SLOTS = [addDays(NOW, 2), addDays(NOW, 3), addDays(NOW, 4)];
const CALL = SLOTS[1]!;

// Issue 16: a meeting provider's signed attendance signal is the proof that completes a
// scheduled call (ConfirmAttendance as MEETING_PROVIDER), signed and refused like the CRM's.
describe('the meeting-provider attendance endpoint, on a real listening server', () => {
  let t: TestServer;
  let pm: string;
  let sam: string;

  const url = (tenant: string) => `${t.origin}/integrations/meetings/${tenant}/attendance`;
  const countEvents = async (tenant: string) => (await t.store.readAll(tenant, { limit: 1_000_000 })).length;
  const typesOf = async (streamId: string) => (await t.store.readStream(TENANT, streamId)).map((e) => e.type);
  const signal = (eventId: string, extra: object = {}) => ({
    eventId,
    requestId: 'req-call',
    advocateId: 'ines',
    attended: true,
    startedAt: CALL,
    endedAt: addHours(CALL, 0.5),
    ...extra,
  });
  const send = (body: object, options: { secret?: string; tenant?: string; timestamp?: number } = {}) => {
    const text = JSON.stringify(body);
    return postRaw(url(options.tenant ?? TENANT), text, {
      'content-type': 'application/json',
      'vouch-signature': crmSignature(options.secret ?? SECRET, text, options.timestamp),
    });
  };
  const code = (r: { json: Record<string, unknown> }) =>
    (r.json.errors as { extensions: { code: string } }[] | undefined)?.[0]?.extensions.code;

  /** A request by sam whose candidate ines accepted, with slots offered (and `pick`ed by sam when given). */
  const scheduledCall = async (requestId: string, pick?: string) => {
    await offeredCall(t, TENANT, requestId, { requester: sam, pm }, { now: NOW, slots: SLOTS });
    if (pick)
      await mustMutate(t.url, sam, 'pickSlot', {
        commandId: id(),
        requestId,
        advocateId: 'ines',
        startsAt: pick,
      });
  };
  const boardStatus = async () => {
    const response = await graphql<{ request: { status: string; candidates: { status: string }[] } }>(
      t.url,
      'query { request(requestId: "req-call") { status candidates { status } } }',
      {},
      sam,
    );
    return response.body.data?.request;
  };

  beforeAll(async () => {
    t = await startTestServer({
      inbound: { meetingSecrets: { [TENANT]: SECRET, [OTHER_TENANT]: OTHER_SECRET } },
    });
    t.setNow(NOW);
    pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    sam = await tokenFor(TENANT, 'sam', ['REQUESTER']);
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
    await scheduledCall('req-call', CALL);
    await scheduledCall('req-unpicked');
    await eventually(async () => expect((await boardStatus())?.candidates[0]?.status).toBe('SCHEDULED'));
    // The other tenant has a program of its own, untouched by anything sent here.
    const otherPm = await tokenFor(OTHER_TENANT, 'pat', ['PROGRAM_MANAGER']);
    await activeAdvocateOfAcme(t, otherPm);
  }, 60_000);
  afterAll(() => t.close());

  it('refuses each bad signal with a typed code and writes nothing, in either tenant', async () => {
    t.setNow(addHours(CALL, 1));
    const before = [await countEvents(TENANT), await countEvents(OTHER_TENANT)];
    const body = JSON.stringify(signal('sig-refused'));
    const expectRefused = (r: { status: number; json: Record<string, unknown> }, status: number, c: string) =>
      expect([r.status, code(r)]).toEqual([status, c]);

    expectRefused(await send(signal('sig-refused'), { tenant: 'nobody' }), 404, 'UNKNOWN_TENANT');
    expectRefused(
      await send(signal('sig-refused'), { secret: 'not-the-secret-at-all' }),
      401,
      'BAD_SIGNATURE',
    );
    expectRefused(await send(signal('sig-refused'), { secret: OTHER_SECRET }), 401, 'BAD_SIGNATURE');
    expectRefused(
      await postRaw(url(TENANT), body, { 'content-type': 'application/json' }),
      401,
      'BAD_SIGNATURE',
    );
    const tampered = await postRaw(url(TENANT), body.replace('req-call', 'req-unpicked'), {
      'vouch-signature': crmSignature(SECRET, body),
    });
    expectRefused(tampered, 401, 'BAD_SIGNATURE');
    expectRefused(await send(signal('sig-refused'), { timestamp: unixNow() - 600 }), 401, 'STALE_TIMESTAMP');
    expectRefused(await send(signal('sig-refused'), { timestamp: unixNow() + 600 }), 401, 'STALE_TIMESTAMP');
    const notJson = await postRaw(url(TENANT), '{"eventId":', {
      'vouch-signature': crmSignature(SECRET, '{"eventId":'),
    });
    expectRefused(notJson, 400, 'MALFORMED_PAYLOAD');
    const malformed = await send({
      eventId: 'sig-bad',
      advocateId: 'ines',
      attended: 'yes',
      startedAt: addHours(CALL, 1),
      endedAt: CALL,
    });
    expectRefused(malformed, 400, 'MALFORMED_PAYLOAD');
    const issues = (malformed.json.errors as { extensions: { issues: { field: string }[] } }[])[0]?.extensions
      .issues;
    expect(issues?.map((i) => i.field).sort()).toEqual(['attended', 'endedAt', 'requestId']);

    expectRefused(await send(signal('sig-no-request', { requestId: 'req-none' })), 404, 'NOT_FOUND');
    expectRefused(await send(signal('sig-no-advocate', { advocateId: 'nobody' })), 404, 'NOT_FOUND');
    expectRefused(
      await send(signal('sig-unpicked', { requestId: 'req-unpicked' })),
      409,
      'INVALID_TRANSITION',
    );
    // A no-show must name a scheduled call too.
    const absent = { attended: false };
    expectRefused(
      await send(signal('sig-no-request-2', { ...absent, requestId: 'req-none' })),
      404,
      'NOT_FOUND',
    );
    expectRefused(
      await send(signal('sig-no-advocate-2', { ...absent, advocateId: 'nobody' })),
      404,
      'NOT_FOUND',
    );
    expectRefused(
      await send(signal('sig-unpicked-2', { ...absent, requestId: 'req-unpicked' })),
      409,
      'INVALID_TRANSITION',
    );
    // Signed with the other tenant's own secret, to that tenant: the request is not there.
    expectRefused(
      await send(signal('sig-other'), { tenant: OTHER_TENANT, secret: OTHER_SECRET }),
      404,
      'NOT_FOUND',
    );
    expect([await countEvents(TENANT), await countEvents(OTHER_TENANT)]).toEqual(before);
  });

  it('refuses a signal for a call that has not begun, writing nothing', async () => {
    t.setNow(addHours(CALL, -1));
    const before = await countEvents(TENANT);
    const early = await send(signal('sig-early'));
    expect([early.status, code(early)]).toEqual([409, 'INVALID_TRANSITION']);
    expect(await countEvents(TENANT)).toBe(before);
  });

  it('notes a no-show without confirming anything', async () => {
    t.setNow(addHours(CALL, 1));
    const before = await countEvents(TENANT);
    const noShow = await send(signal('sig-no-show', { attended: false }));
    expect(noShow.status).toBe(200);
    expect(noShow.json).toEqual({
      eventId: 'sig-no-show',
      requestId: 'req-call',
      advocateId: 'ines',
      status: 'NOTED',
      duplicate: false,
    });
    expect(await countEvents(TENANT)).toBe(before);
    expect(await typesOf('request-req-call')).not.toContain('AttendanceConfirmed');
  });

  it('a valid signal completes the call on the advocate and on the request board; a replay or a second delivery writes nothing', async () => {
    t.setNow(addHours(CALL, 1));
    const text = JSON.stringify(signal('sig-attended'));
    const headers = { 'content-type': 'application/json', 'vouch-signature': crmSignature(SECRET, text) };
    const first = await postRaw(url(TENANT), text, headers);
    expect(first.json).toEqual({
      eventId: 'sig-attended',
      requestId: 'req-call',
      advocateId: 'ines',
      status: 'CONFIRMED',
      duplicate: false,
    });
    const confirmed = (await t.store.readStream(TENANT, 'request-req-call')).find(
      (e) => e.type === 'AttendanceConfirmed',
    );
    expect(confirmed?.data).toMatchObject({ party: 'MEETING_PROVIDER', confirmedBy: 'meeting-integration' });
    expect(await typesOf('request-req-call')).toContain('ActivityCompleted');
    const completed = (await t.store.readStream(TENANT, 'advocate-ines')).find(
      (e) => e.type === 'EngagementCompleted',
    );
    expect(completed?.data).toMatchObject({
      engagementId: 'req-call.ines',
      completedAt: addHours(CALL, 0.5),
    });
    await eventually(async () =>
      expect(await boardStatus()).toMatchObject({
        status: 'COMPLETED',
        candidates: [{ status: 'COMPLETED' }],
      }),
    );

    const after = await countEvents(TENANT);
    const replay = await postRaw(url(TENANT), text, headers);
    expect([replay.status, code(replay)]).toEqual([409, 'REPLAYED']);
    // The provider delivers the same event again, signed afresh: the first answer, nothing more written.
    const again = await send(signal('sig-attended'), { timestamp: unixNow() - 5 });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'CONFIRMED', duplicate: true });
    // Another event id for the same call: the provider already confirmed it, refused by the request's rules.
    const another = await send(signal('sig-attended-2'));
    expect([another.status, code(another)]).toEqual([409, 'INVALID_TRANSITION']);
    expect(await countEvents(TENANT)).toBe(after);
  });
});
