import { DomainError } from '@vouch/domain';
import { WarningLog } from '../src/commands/warning-log';

describe('the warning log', () => {
  it('sums up refused due work in one debug line and prints other warnings at once', () => {
    const lines: string[] = [];
    const debug: string[] = [];
    const log = new WarningLog({ warn: (text) => lines.push(text), debug: (text) => debug.push(text) });
    const refusal = (id: string) =>
      new DomainError('INVALID_TRANSITION', `Reference request ${id} is COMPLETED.`);
    log.warn('due work lapse:req-1 was refused', refusal('req-1'));
    log.warn('due work lapse:req-2 was refused', refusal('req-2'));
    log.warn('enrolAdvocate stopped and will restart', new Error('store unavailable'));
    expect(lines).toEqual(['vouch: enrolAdvocate stopped and will restart: store unavailable\n']);
    expect(debug).toEqual([]);
    log.flush();
    expect(debug).toEqual([
      'vouch: the domain refused 2 due-work commands, e.g. due work lapse:req-1 was refused: Reference request req-1 is COMPLETED.\n',
    ]);
    log.flush();
    expect(debug).toHaveLength(1);
    expect(lines).toHaveLength(1);
  });
});
