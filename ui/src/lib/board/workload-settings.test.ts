import { describe, expect, it } from 'vitest';
import { ApiError, type Backend } from '../backend';
import {
  normalised,
  parseFactorWeight,
  parseFloor,
  WorkloadSettingsController,
  type WorkloadSettingsView,
  type WorkloadWeights,
} from './workload-settings.svelte';
import type { SquadWeights } from '../api';

const defaults: WorkloadWeights = {
  population: 0.25,
  calls: 0.3,
  criminal_cases: 0.15,
  public_order_cases: 0.1,
  area: 0.1,
  villages: 0.1,
};

const squadDefaults: SquadWeights = { road_km: 0.3, accidents: 0.3, traffic_calls: 0.25, vehicles: 0.15 };

function setup(refuse = false, squadFigures = false) {
  const calls: [string, any][] = [];
  let stored: { weights: WorkloadWeights; min_officers: number } | null = null;
  let squads: { weights: SquadWeights; min_officers: number } | null = null;
  let reloaded = 0;
  const backend: Backend = {
    async call(method: string, args: any = {}): Promise<any> {
      calls.push([method, args]);
      if (method === 'set_workload_settings') {
        if (refuse) throw new ApiError('bad_request', 'weights.calls: expected weights between 0 and 1000');
        stored = { weights: args.weights ?? defaults, min_officers: args.min_officers ?? 3 };
        if (args.squads) squads = { weights: args.squads.weights ?? squadDefaults, min_officers: args.squads.min_officers ?? 3 };
      }
      const view: WorkloadSettingsView = {
        weights: stored?.weights ?? defaults,
        min_officers: stored?.min_officers ?? 3,
        defaults,
        default_min_officers: 3,
        has_rule: true,
        hard: false,
        has_figures: true,
        squads: {
          weights: squads?.weights ?? squadDefaults,
          min_officers: squads?.min_officers ?? 3,
          defaults: squadDefaults,
          default_min_officers: 3,
          has_rule: squadFigures,
          hard: false,
          has_figures: squadFigures,
        },
      };
      return view as any;
    },
  };
  const settings = new WorkloadSettingsController(backend, { scoped: (a: object) => ({ ...a, scenario_id: 7 }) }, () => {
    reloaded += 1;
  });
  return { settings, calls, reloaded: () => reloaded };
}

describe('WorkloadSettingsController', () => {
  it('reads weights and the floor only within their bounds', () => {
    expect(parseFactorWeight('0.3')).toBe(0.3);
    expect(parseFactorWeight('0')).toBe(0);
    expect(parseFactorWeight('-0.1')).toBeNull();
    expect(parseFactorWeight('1001')).toBeNull();
    expect(parseFactorWeight('三')).toBeNull();
    expect(parseFactorWeight(' ')).toBeNull();
    expect(parseFloor('4')).toBe(4);
    expect(parseFloor('2.5')).toBeNull();
    expect(parseFloor('-1')).toBeNull();
    expect(parseFloor('100001')).toBeNull();
  });

  it('shows the weights as the shares the formula divides them into', () => {
    const s = normalised({ population: 1, calls: 3, criminal_cases: 0, public_order_cases: 0, area: 0, villages: 0 });
    expect(s?.population).toBeCloseTo(0.25);
    expect(s?.calls).toBeCloseTo(0.75);
    expect(normalised({ population: 0, calls: 0 })).toBeNull();
  });

  it("loads the scenario's settings, refuses a bad field or all-zero weights, saves and reloads the board", async () => {
    const { settings, calls, reloaded } = setup();
    await settings.show();
    expect(settings.open).toBe(true);
    expect(settings.fields.calls).toBe('0.3');
    expect(settings.shares?.calls).toBeCloseTo(0.3);
    settings.fields.calls = 'x';
    expect(settings.invalid).toEqual(['calls']);
    expect(await settings.save()).toBe(false);
    for (const f of ['population', 'calls', 'criminal_cases', 'public_order_cases', 'area', 'villages'] as const) {
      settings.fields[f] = '0';
    }
    expect(settings.invalid).toEqual(['sum']);
    expect(await settings.save()).toBe(false);
    expect(calls.filter(([m]) => m === 'set_workload_settings')).toEqual([]);
    settings.fields.calls = '2';
    settings.fields.population = '2';
    settings.fields.min_officers = '4';
    expect(await settings.save()).toBe(true);
    expect(calls.at(-1)).toEqual([
      'set_workload_settings',
      {
        weights: { population: 2, calls: 2, criminal_cases: 0, public_order_cases: 0, area: 0, villages: 0 },
        min_officers: 4,
        squads: null,
        scenario_id: 7,
      },
    ]);
    expect(settings.open).toBe(false);
    expect(reloaded()).toBe(1);
    expect(settings.fields.min_officers).toBe('4');
  });

  it('restores the defaults and keeps the dialog open with the code when refused', async () => {
    const { settings, calls } = setup();
    await settings.show();
    expect(await settings.reset()).toBe(true);
    expect(calls.at(-1)).toEqual(['set_workload_settings', { weights: null, min_officers: null, squads: null, scenario_id: 7 }]);
    const refused = setup(true);
    await refused.settings.show();
    expect(await refused.settings.save()).toBe(false);
    expect(refused.settings.open).toBe(true);
    expect(refused.settings.error?.code).toBe('bad_request');
    expect(refused.reloaded()).toBe(0);
  });

  it("edits the squads' weights and floor beside the stations' when the bureau has squad figures", async () => {
    const none = setup(false, false);
    await none.settings.show();
    expect(none.settings.hasSquads).toBe(false);
    none.settings.squadFields.accidents = 'x';
    expect(none.settings.squadInvalid).toEqual([]);

    const { settings, calls } = setup(false, true);
    await settings.show();
    expect(settings.hasSquads).toBe(true);
    expect(settings.squadFields.road_km).toBe('0.3');
    expect(settings.squadShares?.traffic_calls).toBeCloseTo(0.25);
    settings.squadFields.vehicles = '-1';
    expect(settings.squadInvalid).toEqual(['vehicles']);
    expect(await settings.save()).toBe(false);
    for (const f of ['road_km', 'accidents', 'traffic_calls', 'vehicles'] as const) settings.squadFields[f] = '0';
    expect(settings.squadInvalid).toEqual(['sum']);
    settings.squadFields.accidents = '1';
    settings.squadFields.min_officers = '5';
    expect(settings.squadShares?.accidents).toBe(1);
    expect(await settings.save()).toBe(true);
    expect(calls.at(-1)?.[1].squads).toEqual({
      weights: { road_km: 0, accidents: 1, traffic_calls: 0, vehicles: 0 },
      min_officers: 5,
    });
    await settings.show();
    expect(settings.squadFields.min_officers).toBe('5');
    expect(await settings.reset()).toBe(true);
    expect(calls.at(-1)?.[1].squads).toEqual({ weights: null, min_officers: null });
  });
});
