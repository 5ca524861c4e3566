// The 文稿 panel's state: a scenario's paper paragraph by paragraph as the API lays it out
// (each default written from the data, the planner's version, whether it is stale), the
// paragraph being rewritten, and the 实施步骤 phases being edited. Every change goes to the
// API, which answers the whole text again; nothing here writes a default or checks a figure.
import { ApiError, getBackend, type Backend } from '../../backend';
import type { Args, DocumentTextView, Phase, TextParagraph } from '../../api';
import { busyCall } from '../../busy-call';

type TextMethod = 'document_text' | 'set_document_paragraph' | 'reset_document_paragraph' | 'set_document_phases';

export type { DocumentTextView, Phase, TextParagraph, TextSection, TextSource } from '../../api';

const copy = (phases: Phase[]): Phase[] =>
  phases.map((p) => ({ ...p, start: { ...p.start }, end: { ...p.end } }));

export class DocumentTextController {
  view = $state<DocumentTextView | null>(null);
  /** The paragraph being rewritten and its text so far. */
  editing = $state<{ key: string; text: string } | null>(null);
  /** Paragraphs whose new default is shown beside the planner's text. */
  showing = $state<string[]>([]);
  /** The phase editor's list; null while the steps are generated and not being edited. */
  phases = $state<Phase[] | null>(null);
  phasesDirty = $state(false);
  busy = $state(false);
  error = $state<ApiError | null>(null);

  constructor(
    private scenarioId: number | null,
    private backend: Backend = getBackend(),
  ) {}

  private args(extra: object = {}): object {
    return this.scenarioId === null ? extra : { scenario_id: this.scenarioId, ...extra };
  }

  private take(view: DocumentTextView): void {
    this.view = view;
    this.scenarioId = view.scenario_id;
    if (!this.phasesDirty) this.phases = view.phases.length > 0 ? copy(view.phases) : null;
  }

  private async run(method: TextMethod, args: object): Promise<boolean> {
    const view = await busyCall(this, () => this.backend.call<TextMethod>(method, args as Args<TextMethod>));
    if (view) this.take(view);
    return view !== null;
  }

  load(): Promise<boolean> {
    return this.run('document_text', this.args());
  }

  /** Starts rewriting a paragraph from the planner's version, else its default. */
  edit(p: TextParagraph): void {
    if (p.key === null) return;
    this.editing = { key: p.key, text: p.text ?? p.default };
  }

  cancel(): void {
    this.editing = null;
  }

  async save(): Promise<void> {
    if (!this.editing) return;
    const { key, text } = this.editing;
    if (await this.run('set_document_paragraph', this.args({ key, text }))) this.editing = null;
  }

  /** 恢复默认. */
  async reset(key: string): Promise<void> {
    if (await this.run('reset_document_paragraph', this.args({ key }))) {
      if (this.editing?.key === key) this.editing = null;
      this.showing = this.showing.filter((k) => k !== key);
    }
  }

  /** The planner checked a stale paragraph: their text stays, against today's default. */
  async keep(p: TextParagraph): Promise<void> {
    if (p.key === null || p.text === null) return;
    if (await this.run('set_document_paragraph', this.args({ key: p.key, text: p.text }))) {
      this.showing = this.showing.filter((k) => k !== p.key);
    }
  }

  toggleDefault(key: string): void {
    this.showing = this.showing.includes(key) ? this.showing.filter((k) => k !== key) : [...this.showing, key];
  }

  /** Opens the phase editor on the generated phases. */
  startPhases(): void {
    if (!this.view) return;
    this.phases = copy(this.view.default_phases);
    this.phasesDirty = true;
  }

  addPhase(): void {
    const list = this.phases ?? [];
    const last = list[list.length - 1] ?? this.view?.default_phases[0];
    if (!last) return;
    this.phases = [...list, { name: '', start: { ...last.end }, end: { ...last.end }, work: '' }];
    this.phasesDirty = true;
  }

  removePhase(i: number): void {
    if (!this.phases) return;
    this.phases = this.phases.filter((_, k) => k !== i);
    this.phasesDirty = true;
  }

  movePhase(i: number, by: -1 | 1): void {
    if (!this.phases) return;
    const j = i + by;
    if (j < 0 || j >= this.phases.length) return;
    const next = [...this.phases];
    [next[i], next[j]] = [next[j], next[i]];
    this.phases = next;
    this.phasesDirty = true;
  }

  changed(): void {
    this.phasesDirty = true;
  }

  async savePhases(): Promise<void> {
    const phases = this.phases ?? [];
    this.phasesDirty = false;
    if (!(await this.run('set_document_phases', this.args({ phases })))) this.phasesDirty = true;
  }

  /** Back to the generated 实施步骤. */
  async clearPhases(): Promise<void> {
    this.phasesDirty = false;
    if (await this.run('set_document_phases', this.args({ phases: null }))) this.phases = null;
    else this.phasesDirty = true;
  }
}
