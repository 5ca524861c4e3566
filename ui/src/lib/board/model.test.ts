import { describe, expect, it } from 'vitest';
import {
  boardLayout,
  changeList,
  emptyFilter,
  groupPeople,
  isFilterActive,
  matches,
  StructureIndex,
  unitFigures,
} from './model';
import { overview, person, units } from './test-fixtures';

describe('board model', () => {
  it('lays out office columns with sub-units and the grassroots tiles', () => {
    const l = boardLayout(units);
    expect(l.office.map((g) => [g.unit.id, g.children.map((c) => c.id)])).toEqual([['n-dept', ['n-room']]]);
    expect(l.grassroots.map((g) => g.unit.id)).toEqual(['n-st']);
  });

  it('decides moves like the core: by top-level unit against the merge map', () => {
    const ix = new StructureIndex(overview.new_units, overview.merge_map);
    expect(ix.topLevel('n-room')).toBe('n-dept');
    expect(ix.isMove('o1', 'n-room')).toBe(false);
    expect(ix.isMove('o1', 'n-st')).toBe(true);
    expect(ix.isMove('o2', 'n-st')).toBe(false);
  });

  it("counts a department with its sub-units against the core's establishment", () => {
    const f = unitFigures(units[0], [units[1]], {
      unit_id: 'n-dept',
      officers: 2,
      auxiliaries: 0,
      officers_total: 4,
      auxiliaries_total: 1,
      community_officers: 0,
      heads: 1,
      deputies: 1,
      officer_establishment: 3,
      auxiliary_establishment: 2,
    });
    expect([f.officers, f.officerEstablishment, f.officerBound]).toEqual([4, 3, 'over']);
    expect(f.auxiliaryBound).toBe('ok');
    expect([f.postsUsed, f.postsAvailable, f.postBound]).toEqual([2, 1, 'over']);
  });

  it('filters by every criterion and searches name or police number', () => {
    const senior = person('P1', { age: 52, post: 'deputy', specialities: ['刑侦'], qualifications: ['legal'], moved: true });
    const young = person('P2', { name: '李四', category: 'auxiliary', old_unit: 'o2' });
    const f = emptyFilter();
    expect(isFilterActive(f)).toBe(false);
    const only = (patch: Partial<typeof f>) => [senior, young].filter((p) => matches(p, { ...f, ...patch })).map((p) => p.police_number);
    expect(only({})).toEqual(['P1', 'P2']);
    expect(only({ search: '李' })).toEqual(['P2']);
    expect(only({ search: 'p1' })).toEqual(['P1']);
    expect(only({ oldUnit: 'o2' })).toEqual(['P2']);
    expect(only({ category: 'officer' })).toEqual(['P1']);
    expect(only({ speciality: '刑侦' })).toEqual(['P1']);
    expect(only({ qualification: 'legal' })).toEqual(['P1']);
    expect(only({ age50: true })).toEqual(['P1']);
    expect(only({ midLevel: true })).toEqual(['P1']);
    expect(only({ moved: 'moved' })).toEqual(['P1']);
    expect(only({ moved: 'not_moved' })).toEqual(['P2']);
    expect(isFilterActive({ ...f, age50: true })).toBe(true);
  });

  it('groups placed people by new unit and the others by old unit', () => {
    const g = groupPeople([person('P1'), person('P2', { unit: null, old_unit: 'o2' })]);
    expect(g.byUnit.get('n-dept')?.map((p) => p.police_number)).toEqual(['P1']);
    expect(g.byOldUnit.get('o2')?.map((p) => p.police_number)).toEqual(['P2']);
  });

  it('lists the people a proposal moves, grouped by destination department', () => {
    const ix = new StructureIndex(overview.new_units, overview.merge_map);
    const people = [person('P1'), person('P2'), person('P3', { unit: null })];
    const groups = changeList(people, { P1: 'n-dept', P2: 'n-room', P3: 'n-st' }, ix);
    expect([...groups.keys()]).toEqual(['n-dept', 'n-st']);
    expect(groups.get('n-dept')?.map((r) => [r.police_number, r.from, r.to])).toEqual([['P2', 'n-dept', 'n-room']]);
    expect(groups.get('n-st')?.[0].from).toBeNull();
  });
});
