import { describe, expect, it } from 'vitest';
import { carriesPeople, droppedPeople, PEOPLE_MIME, startPeopleDrag } from './people-drag';

/** A DataTransfer as the browser keeps it between dragstart and drop. */
function transfer(): DataTransfer {
  const data = new Map<string, string>();
  return {
    get types() {
      return [...data.keys()];
    },
    getData: (type: string) => data.get(type) ?? '',
    setData: (type: string, value: string) => void data.set(type, value),
    effectAllowed: 'none',
  } as unknown as DataTransfer;
}

describe('people drag', () => {
  it('carries the police numbers from the card to the drop', () => {
    const dt = transfer();
    startPeopleDrag(dt, ['070001', '070002']);
    expect(carriesPeople(dt)).toBe(true);
    expect(droppedPeople(dt)).toEqual(['070001', '070002']);
    expect(dt.getData('text/plain')).toBe('070001 070002');
    expect(dt.effectAllowed).toBe('move');
  });

  it('ignores a drop that is not ours or is not a list', () => {
    const outside = transfer();
    outside.setData('text/plain', '070001');
    expect(carriesPeople(outside)).toBe(false);
    expect(droppedPeople(outside)).toBeNull();
    for (const raw of ['not json', '{"a":1}', '"070001"']) {
      const dt = transfer();
      dt.setData(PEOPLE_MIME, raw);
      expect(droppedPeople(dt)).toBeNull();
    }
    expect(droppedPeople(null)).toBeNull();
    expect(carriesPeople(undefined)).toBe(false);
  });

  it('reads numbers as text, whatever the JSON held', () => {
    const dt = transfer();
    dt.setData(PEOPLE_MIME, '[70001, "070002"]');
    expect(droppedPeople(dt)).toEqual(['70001', '070002']);
  });
});
