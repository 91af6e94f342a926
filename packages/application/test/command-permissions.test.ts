import { COMMAND_CATALOGUE, COMMAND_TYPES } from '@vouch/domain';
import { COMMAND_PERMISSIONS, COMMAND_ROUTES, PERMISSIONS, whoMay } from '../src';

describe('the application half of the command catalogue', () => {
  it('routes every command to the aggregate, and creating field, the catalogue names', () => {
    for (const type of COMMAND_TYPES) {
      const { aggregate, createsWith } = COMMAND_CATALOGUE[type];
      expect(COMMAND_ROUTES[type]).toEqual({
        aggregate,
        ...(createsWith !== undefined ? { createsWith } : {}),
      });
    }
  });

  it('grants every command to some role, and the permission table holds exactly those grants', () => {
    for (const type of COMMAND_TYPES) {
      expect(Object.keys(COMMAND_PERMISSIONS[type]).length).toBeGreaterThan(0);
      expect(PERMISSIONS[type]).toBe(COMMAND_PERMISSIONS[type]);
    }
  });

  it('says who may, role by role, with the relationship each needs', () => {
    expect(whoMay(COMMAND_PERMISSIONS.ArchiveAccount)).toBe('Who may: program managers.');
    expect(whoMay(COMMAND_PERMISSIONS.WithdrawConsent)).toBe(
      'Who may: program managers; account owners for their own accounts (or those delegated to them).',
    );
    expect(whoMay(COMMAND_PERMISSIONS.CancelRequest)).toBe(
      'Who may: program managers; account owners who submitted the request; requesters who submitted the request.',
    );
    expect(whoMay(COMMAND_PERMISSIONS.DelegateAccount)).toBe(
      'Who may: admins; account owners who own the account themselves.',
    );
    expect(whoMay({})).toBe('Who may: nobody.');
  });
});
