import { createVouch } from '@vouch/application';
import pino from 'pino';
import { CapturedLog, describeHits, scanFor, type ScanSource } from '../../../../test/support/erasure-scan';
import { expectScanClean, type ScannedStore } from '../../../../test/support/scanned-store';
import {
  ACCOUNT_ID,
  ERASED,
  HANNAH,
  LUKASZ,
  NGOZI,
  SIOBHAN,
  ZOE,
  eventually,
  personalValuesOf,
  runPrivacyProgram,
} from '../../../../test/support/privacy-program';
import { httpPrivacyDriver } from './http-privacy-driver';
import { startTestServer, type TestServer } from './test-server';

const TENANT = 'privacy-corp';

/** Where the enrolment process manager saves its learnt state (the pending nominations). */
const ENROLMENT_STATE = 'process-manager:enrol-approved-nominee';

/**
 * Invariant 10 over HTTP against a real listening server: the privacy program as GraphQL
 * mutations, then every byte of the store and every line the server logged (at debug)
 * hold no personal value of an erased advocate, in any encoding.
 */
export function httpErasureScan(label: string, open: () => Promise<ScannedStore>): void {
  describe(`over HTTP, after erasure no personal value is left in the ${label} store or the log (invariant 10)`, () => {
    let opened: ScannedStore;
    let server: TestServer;
    const log = new CapturedLog('server log');
    let replays: unknown[];
    let beforeErasure: ScanSource[] = [];

    beforeAll(async () => {
      opened = await open();
      const vouch = createVouch({
        store: opened.store,
        readModels: opened.readModels,
        checkpoints: opened.checkpoints,
        snapshotEvery: 1,
        dueWorkIntervalMs: 0,
      });
      server = await startTestServer({
        store: opened.store,
        vouch,
        logger: pino({ level: 'debug' }, log),
      });
      await vouch.start([TENANT]);
      const driver = await httpPrivacyDriver(server.url, opened.store, TENANT);
      ({ replays } = await runPrivacyProgram(driver, async () => {
        beforeErasure = [...(await opened.bytes()), log.source()];
      }));
      // Pending: the enrolment manager keeps her details until the nomination is decided.
      const checkpoint = await driver.nominate(NGOZI, ACCOUNT_ID);
      // The manager has handled it (checkpoints are ordered text): a stop then saves it in the state.
      await eventually(async () =>
        expect((await opened.checkpoints.load(`${TENANT}/enrol-approved-nominee`))! >= checkpoint!).toBe(
          true,
        ),
      );
    }, 90_000);
    afterAll(() => server?.close());

    it('answers a replay of an erased nomination with SUBJECT_ERASED, alike for the right and a wrong name', () => {
      expect(replays[0]).toMatchObject({ errors: [{ extensions: { code: 'SUBJECT_ERASED' } }] });
      expect(replays[1]).toEqual(replays[0]);
      expect(replays[3]).toEqual(replays[2]);
    });

    it('held no personal value in plain text before the erasure either', () => {
      expectScanClean(beforeErasure, [ZOE, LUKASZ, HANNAH, SIOBHAN].flatMap(personalValuesOf));
    });

    it('holds no personal value of an erased advocate in the store or the log, before and after a checkpoint', async () => {
      const erased = ERASED.flatMap(personalValuesOf);
      // The log was written (requests, refusals) and is scanned like the store.
      expect(log.source().bytes.toString('utf8')).toContain('SUBJECT_ERASED');
      expectScanClean([...(await opened.bytes()), log.source()], erased);
      await opened.checkpoint?.();
      expectScanClean([...(await opened.bytes()), log.source()], erased);
    });

    it('holds the personal values of the people who stay only encrypted', async () => {
      const staying = [SIOBHAN, NGOZI].flatMap(personalValuesOf);
      expect(describeHits(scanFor([...(await opened.bytes()), log.source()], staying))).toBe('');
    });

    it('holds none once the server stopped and saved its read models either', async () => {
      await server.server.stop();
      await server.vouch.stop();
      expectScanClean([...(await opened.bytes()), log.source()], ERASED.flatMap(personalValuesOf));
    });

    it('holds no plain personal value of anyone in the states saved on stop, a pending nominee included', async () => {
      await server.server.stop();
      await server.vouch.stop(); // (again: idempotent) saves every read model and process-manager state
      // The saved enrolment state holds Ngozi's pending nomination…
      const active = await opened.readModels.activeVersion(TENANT, ENROLMENT_STATE);
      const saved = await opened.readModels.load(TENANT, ENROLMENT_STATE, active!);
      expect(JSON.stringify(saved?.snapshot)).toContain(NGOZI.nominationId);
      // …and neither it nor any read-model snapshot or the log holds her (or Siobhán's) values in plain text.
      const staying = [SIOBHAN, NGOZI].flatMap(personalValuesOf);
      expectScanClean([...(await opened.bytes()), log.source()], staying);
      await opened.checkpoint?.();
      expectScanClean([...(await opened.bytes()), log.source()], staying);
    });

    it('fails on a leak planted where it scans (a log line naming an erased advocate)', async () => {
      const erased = ERASED.flatMap(personalValuesOf);
      const logged = log.source();
      const planted = {
        name: logged.name,
        bytes: Buffer.concat([logged.bytes, Buffer.from(`{"msg":"contact ${ZOE.contact.email}"}\n`)]),
      };
      const sources = [...(await opened.bytes()), planted];
      expect(() => expectScanClean(sources, erased)).toThrow();
      expect(describeHits(scanFor([planted], erased))).toContain(logged.name);
    });
  });
}
