import { createVouch, type Vouch } from '../../src';
import { describeHits, scanFor, type ScanSource } from '../../../../test/support/erasure-scan';
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
import { facadePrivacyDriver } from './facade-privacy-driver';

const TENANT = 'privacy-corp';

/**
 * Invariant 10 through the facade on a real store: a program with four advocates, three of
 * them erased (one under a legal hold released later); then every byte of the store holds
 * none of their personal values — in any encoding — while the control value is found.
 */
export function facadeErasureScan(label: string, open: () => Promise<ScannedStore>): void {
  describe(`after erasure no personal value is left in the ${label} store (invariant 10)`, () => {
    let opened: ScannedStore;
    let vouch: Vouch;
    let replays: unknown[];
    let beforeErasure: ScanSource[] = [];

    beforeAll(async () => {
      opened = await open();
      vouch = createVouch({
        store: opened.store,
        readModels: opened.readModels,
        checkpoints: opened.checkpoints,
        // A snapshot after (almost) every event: contacts reach the read-model table before erasure.
        snapshotEvery: 1,
        dueWorkIntervalMs: 0,
      });
      await vouch.start([TENANT]);
      ({ replays } = await runPrivacyProgram(facadePrivacyDriver(vouch, opened.store, TENANT), async () => {
        beforeErasure = await opened.bytes();
      }));
    }, 60_000);
    afterAll(async () => {
      await vouch?.stop();
      await opened?.store.close();
    });

    it('answers a replay of an erased nomination alike for the right and a wrong name', () => {
      expect(replays[0]).toMatchObject({ code: 'SUBJECT_ERASED' });
      expect(replays[1]).toEqual(replays[0]);
      expect(replays[3]).toEqual(replays[2]);
    });

    it('held no personal value in plain text before the erasure either', () => {
      expectScanClean(beforeErasure, [ZOE, LUKASZ, HANNAH, SIOBHAN].flatMap(personalValuesOf));
    });

    it('holds no personal value of an erased advocate anywhere, before and after a checkpoint', async () => {
      const erased = ERASED.flatMap(personalValuesOf);
      expectScanClean(await opened.bytes(), erased);
      await opened.checkpoint?.();
      expectScanClean(await opened.bytes(), erased);
    });

    it('holds the personal values of an advocate who stays only encrypted', async () => {
      expect(describeHits(scanFor(await opened.bytes(), personalValuesOf(SIOBHAN)))).toBe('');
    });

    it('holds none after the facade stopped and saved its read models either', async () => {
      await vouch.stop();
      expectScanClean(await opened.bytes(), ERASED.flatMap(personalValuesOf));
    });
  });
}
