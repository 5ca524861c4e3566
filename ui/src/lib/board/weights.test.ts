import { describe, expect, it } from 'vitest';
import { ApiError, type Backend } from '../backend';
import { parseMaxAge, parseWeight, WeightsController, type Weights } from './weights.svelte';

const defaults: Weights = { move: 1, cadre_move: 3, transfer: 1, wish: 0.5, senior: 2, establishment: 2, community_role: 0.1 };

function setup(refuse = false) {
  const calls: [string, any][] = [];
  let stored: Weights | null = null;
  const backend: Backend = {
    async call(method: string, args: any = {}): Promise<any> {
      calls.push([method, args]);
      if (method === 'set_weights') {
        if (refuse) throw new ApiError('bad_request', 'weights.transfer: expected a number between 0 and 1000, found 5000');
        stored = args.weights;
      }
      return { weights: stored ?? defaults, defaults, custom: stored !== null, community_max_age: null } as any;
    },
  };
  const settings = new WeightsController(backend, { scoped: (a: object) => ({ ...a, scenario_id: 4 }) });
  return { settings, calls };
}

describe('WeightsController', () => {
  it('reads a weight only within its bounds', () => {
    expect(parseWeight('transfer', '2.5')).toBe(2.5);
    expect(parseWeight('transfer', '-1')).toBeNull();
    expect(parseWeight('transfer', '1001')).toBeNull();
    expect(parseWeight('wish', '1.5')).toBeNull();
    expect(parseWeight('wish', '0.25')).toBe(0.25);
    expect(parseWeight('move', '')).toBeNull();
    expect(parseWeight('move', 'abc')).toBeNull();
  });

  it("loads the scenario's weights, refuses to send a field out of bounds, and saves the rest", async () => {
    const { settings, calls } = setup();
    await settings.show();
    expect(settings.open).toBe(true);
    expect(settings.fields.transfer).toBe('1');
    settings.fields.wish = '2';
    expect(settings.invalid).toEqual(['wish']);
    expect(await settings.save()).toBe(false);
    expect(calls.filter(([m]) => m === 'set_weights')).toEqual([]);
    settings.fields.wish = '0.5';
    settings.fields.transfer = '4';
    expect(await settings.save()).toBe(true);
    expect(calls.at(-1)).toEqual(['set_weights', { weights: { ...defaults, transfer: 4 }, scenario_id: 4 }]);
    expect(settings.open).toBe(false);
    expect(settings.view?.custom).toBe(true);
  });

  it('keeps the dialog open with the error code when the backend refuses', async () => {
    const { settings } = setup(true);
    await settings.show();
    settings.fields.transfer = '5';
    expect(await settings.save()).toBe(false);
    expect(settings.open).toBe(true);
    expect(settings.error?.code).toBe('bad_request');
  });

  it('restores the defaults by sending null', async () => {
    const { settings, calls } = setup();
    await settings.show();
    await settings.reset();
    expect(calls.at(-1)).toEqual(['set_weights', { weights: null, scenario_id: 4 }]);
  });

  it('sets the community age limit as a board step before the weights, only when it changed', async () => {
    expect(parseMaxAge('')).toBeNull();
    expect(parseMaxAge('55')).toBe(55);
    expect(parseMaxAge('5')).toBeUndefined();
    expect(parseMaxAge('55.5')).toBeUndefined();
    const calls: [string, any][] = [];
    const limits: (number | null)[] = [];
    const backend: Backend = {
      async call(method: string, args: any = {}): Promise<any> {
        calls.push([method, args]);
        return { weights: defaults, defaults, custom: false, community_max_age: limits.at(-1) ?? null } as any;
      },
    };
    const board = {
      scoped: (a: object) => ({ ...a, scenario_id: 4 }),
      setCommunityEligibility: async (age: number | null) => (limits.push(age), true),
    };
    const settings = new WeightsController(backend, board);
    await settings.show();
    expect(settings.maxAge).toBe('');
    settings.maxAge = '200';
    expect(settings.maxAgeInvalid).toBe(true);
    expect(await settings.save()).toBe(false);
    expect(limits).toEqual([]);
    settings.maxAge = '55';
    expect(await settings.save()).toBe(true);
    expect(limits).toEqual([55]);
    await settings.show();
    expect(settings.maxAge).toBe('55');
    expect(await settings.save()).toBe(true);
    expect(limits).toEqual([55]);
  });
});
