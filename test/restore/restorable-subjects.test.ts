import { describe, expect, it } from 'vitest';
// The app's routers import every entity definition, as in the running server.
import '../../backend/app';
import { definitionOf } from '../../backend/audit/definition';
import { SUBJECT_TYPES } from '../../shared/enums';
import { RESTORABLE_SUBJECTS } from '../../shared/restorable';

describe('which objects can be restored', () => {
  it('has an entity definition for every subject type an audit row can carry', () => {
    expect(SUBJECT_TYPES.filter((type) => definitionOf(type) === undefined)).toEqual([]);
  });

  it('declares how to restore exactly the objects the panel offers to restore', () => {
    const declared = SUBJECT_TYPES.filter((type) => definitionOf(type)?.restore !== undefined);
    expect([...declared].sort()).toEqual([...RESTORABLE_SUBJECTS].sort());
  });
});
