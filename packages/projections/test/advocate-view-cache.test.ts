import fc from 'fast-check';
import { accountDecider, addDays, isDomainError, type Actor } from '@vouch/domain';
import { AdvocateDirectory, TenantReadModels, advocateFor, anonymisedAdvocate, fullAdvocate } from '../src';
import { AdvocateViewCache } from '../src/advocate-view-cache';
import { cmd, owner, pm, rep, StoryWorld } from './support/story-world';

const WHO = ['ada', 'ben'];
const VIEWERS: Actor[] = [pm, owner, rep];

const step = fc.oneof(
  fc.record({ op: fc.constant('attributes' as const), who: fc.constantFrom(...WHO), vp: fc.boolean() }),
  fc.record({
    op: fc.constant('rest' as const),
    who: fc.constantFrom(...WHO),
    days: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({ op: fc.constant('accept' as const), who: fc.constantFrom(...WHO) }),
  fc.record({ op: fc.constant('account' as const), industry: fc.constantFrom('Retail', 'Energy') }),
  fc.record({ op: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    op: fc.constant('view' as const),
    who: fc.constantFrom(...WHO, 'nobody'),
    viewer: fc.constantFrom(...VIEWERS),
    ahead: fc.integer({ min: 0, max: 400 }),
  }),
);

function world(): StoryWorld {
  const w = new StoryWorld();
  w.setPolicies();
  w.registerAccount('acme', 'Acme GmbH', 'Manufacturing', 'EMEA', ['Planner']);
  for (const who of WHO) {
    w.nominateAndEnrol(who, 'acme', {
      name: `Name ${who}`,
      title: 'Head of Things',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['de'],
    });
    w.grantConsent(who, `c-${who}`, ['REFERENCE_CALL']);
  }
  return w;
}

describe('advocate views built once per version', () => {
  it('always equal a view built afresh, whatever changed and whenever asked', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const w = world();
        const models = new TenantReadModels();
        let applied = 0;
        const catchUp = () => {
          for (; applied < w.log.length; applied++) models.apply(w.log[applied]!);
        };
        let requests = 0;
        for (const s of steps) {
          try {
            switch (s.op) {
              case 'attributes':
                w.advocate(
                  s.who,
                  cmd('UpdateAdvocateAttributes', {
                    seniority: s.vp ? 'VP' : 'DIRECTOR',
                    products: ['Planner'],
                    useCases: ['planning'],
                    languages: ['de'],
                    topics: [],
                  }),
                );
                break;
              case 'rest':
                w.advocate(s.who, cmd('RestAdvocate', { until: addDays(w.now, s.days), reason: 'Busy' }));
                break;
              case 'accept': {
                const id = `r-${++requests}`;
                w.submitRequest(id, rep);
                w.askAndAccept(id, s.who, `e-${id}`);
                break;
              }
              case 'account':
                w.run(
                  accountDecider,
                  'account-acme',
                  cmd('UpdateAccountProfile', {
                    name: 'Acme GmbH',
                    industry: s.industry,
                    segment: 'ENTERPRISE',
                    region: 'EMEA',
                    products: ['Planner'],
                  }) as never,
                  pm,
                );
                break;
              case 'advance':
                w.advance(s.days);
                break;
              case 'view': {
                catchUp();
                const at = addDays(w.now, s.ahead);
                const d = models.directory;
                expect(models.advocate(s.viewer, s.who, at)).toEqual(advocateFor(d, s.viewer, s.who, at));
                expect(models.fullAdvocate(s.who, at)).toEqual(fullAdvocate(d, s.who, at));
                expect(models.anonymisedAdvocate(s.who, at)).toEqual(anonymisedAdvocate(d, s.who, at));
                break;
              }
            }
          } catch (error) {
            if (!isDomainError(error)) throw error;
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('hands out the same view while nothing it shows changed, and a new one once something did', () => {
    const w = world();
    const models = new TenantReadModels();
    for (const e of w.log) models.apply(e);
    const first = models.fullAdvocate('ada', w.now);
    expect(models.fullAdvocate('ada', w.now)).toBe(first);
    expect(models.advocate(pm, 'ada', addDays(w.now, 1))).toBe(first);

    w.advocate('ada', cmd('RestAdvocate', { until: addDays(w.now, 10), reason: 'Busy' }));
    for (const e of w.log.slice(-1)) models.apply(e);
    const resting = models.fullAdvocate('ada', w.now);
    expect(resting).not.toBe(first);
    expect(resting?.status).toBe('RESTING');
    // The clock alone moves the status: resting ends without an event.
    expect(models.fullAdvocate('ada', addDays(w.now, 11))?.status).toBe('ACTIVE');
  });

  it('shows whom the advocate accepted as soon as the request says so, event by event', () => {
    const w = world();
    const models = new TenantReadModels();
    for (const e of w.log) models.apply(e);
    const from = w.log.length;
    w.submitRequest('r-1', rep);
    w.askAndAccept('r-1', 'ada', 'e-1');
    for (const e of w.log.slice(from)) {
      models.apply(e);
      expect(models.fullAdvocate('ada', w.now)).toEqual(fullAdvocate(models.directory, 'ada', w.now));
    }
    expect(models.fullAdvocate('ada', w.now)?.acceptedRequesters).toEqual([rep.userId]);
  });

  it('keeps at most its capacity of advocates, the least recently read dropped first', () => {
    const w = world();
    const directory = new AdvocateDirectory();
    const models = new TenantReadModels();
    for (const e of w.log) models.apply(e);
    directory.restore(models.directory.snapshot());
    const cache = new AdvocateViewCache(directory, 1);
    const ada = cache.full('ada', w.now);
    expect(cache.full('ada', w.now)).toBe(ada);
    cache.full('ben', w.now); // ada dropped
    const again = cache.full('ada', w.now);
    expect(again).not.toBe(ada);
    expect(again).toEqual(ada);
  });
});
