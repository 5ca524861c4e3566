import { describe, expect, it } from 'vitest';
import { ApiError, type Backend } from '../../backend';
import { DocumentTextController, type DocumentTextView, type Phase } from './document-text.svelte';

const day = (month: number, d: number) => ({ year: 2027, month, day: d });
const generated: Phase[] = [
  { name: '动员部署阶段', start: day(3, 1), end: day(3, 31), work: '动员。' },
  { name: '组织实施阶段', start: day(3, 1), end: day(4, 30), work: '实施。' },
];

/** A backend holding one paragraph `goals` and the phases, answering as the API does. */
function fake() {
  const calls: [string, object | undefined][] = [];
  let own: string | null = null;
  let phases: Phase[] = [];
  const view = (): DocumentTextView => ({
    scenario_id: 7,
    kind: 'plan',
    editable: true,
    sections: [
      {
        key: 'goals',
        heading: '三、改革目标',
        paragraphs: [
          { key: 'goals', source: 'generated', label: null, default: '默认目标。', text: own,
            default_when_edited: own === null ? null : '默认目标。', stale: false },
        ],
      },
    ],
    phases,
    default_phases: generated,
    orphaned: [],
  });
  const backend: Backend = {
    async call(method: string, args?: any): Promise<any> {
      calls.push([method, args]);
      const a = (args ?? {}) as { key?: string; text?: string; phases?: Phase[] | null };
      if (method === 'document_text') return view();
      if (method === 'set_document_paragraph') {
        if (!a.text?.trim()) throw new ApiError('bad_request', 'document text: text: a text / 不能为空');
        own = a.text;
        return view();
      }
      if (method === 'reset_document_paragraph') {
        own = null;
        return view();
      }
      if (method === 'set_document_phases') {
        phases = a.phases ?? [];
        return view();
      }
      throw new ApiError('unknown_method', method);
    },
  };
  return { backend, calls };
}

describe('document text controller', () => {
  it('rewrites a paragraph from its default, keeps a refused edit open, and restores the default', async () => {
    const { backend, calls } = fake();
    const text = new DocumentTextController(7, backend);
    await text.load();
    const goals = () => text.view!.sections[0].paragraphs[0];
    text.edit(goals());
    expect(text.editing).toEqual({ key: 'goals', text: '默认目标。' });
    text.editing!.text = '  ';
    await text.save();
    expect(text.error?.code).toBe('bad_request');
    expect(text.editing).not.toBeNull();
    text.editing!.text = '本局目标。';
    await text.save();
    expect(text.editing).toBeNull();
    expect(goals().text).toBe('本局目标。');
    await text.reset('goals');
    expect(goals().text).toBeNull();
    expect(calls.map((c) => c[0])).toEqual([
      'document_text',
      'set_document_paragraph',
      'set_document_paragraph',
      'reset_document_paragraph',
    ]);
    expect(calls[2][1]).toEqual({ scenario_id: 7, key: 'goals', text: '本局目标。' });
  });

  it('edits phases from the generated ones, saves them in order, and returns to the generated steps', async () => {
    const { backend, calls } = fake();
    const text = new DocumentTextController(7, backend);
    await text.load();
    expect(text.phases).toBeNull();
    text.startPhases();
    expect(text.phases).toEqual(generated);
    text.addPhase();
    text.phases![2].name = '总结评估阶段';
    text.movePhase(2, -1);
    text.removePhase(0);
    expect(text.phasesDirty).toBe(true);
    await text.savePhases();
    expect(text.phasesDirty).toBe(false);
    const sent = (calls[1][1] as { phases: Phase[] }).phases;
    expect(sent.map((p) => p.name)).toEqual(['总结评估阶段', '组织实施阶段']);
    // The added phase starts and ends where the last one ended.
    expect(sent[0].start).toEqual(day(4, 30));
    expect(text.view!.phases).toHaveLength(2);
    // The generated list is a copy: editing did not change the defaults.
    expect(text.view!.default_phases[0].name).toBe('动员部署阶段');
    await text.clearPhases();
    expect(text.phases).toBeNull();
    expect(calls[2]).toEqual(['set_document_phases', { scenario_id: 7, phases: null }]);
  });
});
