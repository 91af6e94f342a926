import { createVouch } from '@vouch/application';
import pino from 'pino';
import { CapturedLog, type ScanSource } from '../../../../test/support/erasure-scan';
import { expectScanClean, type ScannedStore } from '../../../../test/support/scanned-store';
import {
  ERASED,
  HANNAH,
  LUKASZ,
  SIOBHAN,
  ZOE,
  personalValuesOf,
  runPrivacyProgram,
} from '../../../../test/support/privacy-program';
import { httpPrivacyDriver } from './http-privacy-driver';
import { startTestServer, type TestServer } from './test-server';

const TENANT = 'privacy-corp';

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

    it('holds none once the server stopped and saved its read models either', async () => {
      await server.server.stop();
      await server.vouch.stop();
      expectScanClean([...(await opened.bytes()), log.source()], ERASED.flatMap(personalValuesOf));
    });
  });
}
