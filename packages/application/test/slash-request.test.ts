import { parseSlashRequest } from '../src';

describe('reading a slash command', () => {
  it.each([
    [
      'call healthcare EMEA for opp 123',
      { kind: 'REFERENCE_CALL', industry: 'healthcare', region: 'EMEA', opportunityId: '123' },
    ],
    [
      'Reference Call Financial Services NA for opportunity #006Ab',
      { kind: 'REFERENCE_CALL', industry: 'financial services', region: 'NA', opportunityId: '006Ab' },
    ],
    [
      'case study retail  DACH  for opp o-9',
      { kind: 'CASE_STUDY', industry: 'retail', region: 'DACH', opportunityId: 'o-9' },
    ],
    [
      'site visit manufacturing APAC for opp 7',
      { kind: 'SITE_VISIT', industry: 'manufacturing', region: 'APAC', opportunityId: '7' },
    ],
  ])('reads "%s"', (text, expected) => {
    expect(parseSlashRequest(text)).toEqual(expected);
  });

  it.each([
    '',
    'help',
    'call healthcare emea for opp 1', // the region is written in capitals
    'call EMEA for opp 1', // no industry
    'call healthcare EMEA', // no opportunity
    'teleport healthcare EMEA for opp 1', // no such kind
    'call health<script> EMEA for opp 1',
    'call healthcare EMEA for opp 1; drop',
  ])('refuses "%s"', (text) => {
    expect(parseSlashRequest(text)).toBeUndefined();
  });
});
