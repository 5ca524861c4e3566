// Small hand-made data for the board's unit tests.
import type { Metrics, Overview, PersonView, Unit } from '../api';

export function unit(id: string, extra: Partial<Unit> = {}): Unit {
  return {
    id,
    name: `单位${id}`,
    kind: 'department',
    tier: 'office',
    officer_establishment: 2,
    auxiliary_establishment: 1,
    head_posts: 1,
    deputy_posts: 0,
    operation: 'physical',
    ...extra,
  };
}

export function person(police_number: string, extra: Partial<PersonView> = {}): PersonView {
  return {
    police_number,
    name: `人${police_number}`,
    category: 'officer',
    gender: 'male',
    age: 40,
    rank: '一级警长',
    post: 'none',
    old_unit: 'o1',
    unit: 'n-dept',
    pinned: false,
    moved: false,
    specialities: [],
    qualifications: [],
    community_police: false,
    community_role: false,
    community_eligible: true,
    community_pinned: false,
    wishes: [],
    excluded_units: [],
    excluded_grassroots: false,
    ...extra,
  };
}

export const units: Unit[] = [
  unit('n-dept'),
  unit('n-room', { parent: 'n-dept', kind: 'sub_unit', officer_establishment: 1 }),
  unit('n-st', { kind: 'police_station', tier: 'grassroots', officer_establishment: 3 }),
];

export function metrics(station_share: number): Metrics {
  const totals = {
    office_officers: 0,
    grassroots_officers: 0,
    station_officers: 0,
    community_officers: 0,
    office_auxiliaries: 0,
    grassroots_auxiliaries: 0,
    heads: 0,
    deputies: 0,
    head_posts: 0,
    deputy_posts: 0,
  };
  return {
    total_officers: 3,
    total_auxiliaries: 0,
    unassigned_officers: 0,
    unassigned_auxiliaries: 0,
    before: totals,
    after: totals,
    station_share,
    station_share_before: 0,
    grassroots_share: station_share,
    community_share: 0,
    office_reduction: 0,
    moved: 0,
    moved_down: 0,
    moved_within: 0,
    wishes_stated: 0,
    wishes_met: 0,
    office_departments: 1,
    grassroots_units: 1,
    old_units: [],
    new_units: [],
  };
}

export const overview: Overview = {
  bureau: { name: '样例县公安局', kind: 'county', as_of: '2026-12' },
  scenario: { id: 1, name: '方案一', structure_name: '1+1', updated_at: '', status: 'draft', parent_id: null, notes: '' },
  old_units: [unit('o1'), unit('o2')],
  new_units: units,
  merge_map: [
    { from: 'o1', to: ['n-dept'] },
    { from: 'o2', to: ['n-st'] },
  ],
  metrics: metrics(0),
};
