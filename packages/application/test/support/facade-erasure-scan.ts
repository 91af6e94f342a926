import { createVouch, type Vouch } from '../../src';
import { describeHits, scanFor, type ScanSource } from '../../../../test/support/erasure-scan';
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
import { facadePrivacyDriver } from './facade-privacy-driver';

const TENANT = 'privacy-corp';

/** Where the enrolment process manager saves its learnt state (the pending nominations). */
const ENROLMENT_STATE = 'process-manager:enrol-approved-nominee';

/**
 * Invariant 10 through the facade on a real store: a program with four advocates, three of
 * them erased (one under a legal hold released later), and a fifth person nominated and never
 * decided; then every byte of the store holds none of the erased people's personal values —
 * in any encoding — while the control value is found, and after a stop (which saves every
 * read model and process-manager state) nobody's personal value is there in plain text.
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
      const driver = facadePrivacyDriver(vouch, opened.store, TENANT);
      ({ replays } = await runPrivacyProgram(driver, async () => {
        beforeErasure = await opened.bytes();
      }));
      // Pending: the enrolment manager keeps her details until the nomination is decided.
      const { checkpoint } = await driver.nominate(NGOZI, ACCOUNT_ID);
      // The manager has handled it (checkpoints are ordered text): stop() then saves it in the state.
      await eventually(async () =>
        expect((await opened.checkpoints.load(`${TENANT}/enrol-approved-nominee`))! >= checkpoint!).toBe(
          true,
        ),
      );
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

    it('holds the personal values of the people who stay only encrypted', async () => {
      expect(describeHits(scanFor(await opened.bytes(), [SIOBHAN, NGOZI].flatMap(personalValuesOf)))).toBe(
        '',
      );
    });

    it('holds none after the facade stopped and saved its read models either', async () => {
      await vouch.stop();
      expectScanClean(await opened.bytes(), ERASED.flatMap(personalValuesOf));
    });

    it('holds no plain personal value of anyone in the states saved on stop, a pending nominee included', async () => {
      await vouch.stop(); // (again: it is idempotent) saves every read model and process-manager state
      // The saved enrolment state holds Ngozi's pending nomination…
      const active = await opened.readModels.activeVersion(TENANT, ENROLMENT_STATE);
      const saved = await opened.readModels.load(TENANT, ENROLMENT_STATE, active!);
      expect(JSON.stringify(saved?.snapshot)).toContain(NGOZI.nominationId);
      // …and neither it nor any read-model snapshot or the log holds her (or Siobhán's) values in plain text.
      expectScanClean(await opened.bytes(), [SIOBHAN, NGOZI].flatMap(personalValuesOf));
      await opened.checkpoint?.();
      expectScanClean(await opened.bytes(), [SIOBHAN, NGOZI].flatMap(personalValuesOf));
    });
  });
}
