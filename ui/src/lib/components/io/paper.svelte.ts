// The export dialog's choices for the Word paper: which scenario, which scenarios it is
// compared with, and the document settings (which paper, 文号, 密级 …). The settings are the
// scenario's remembered ones (the API remembers them on every DOCX export) or the bureau's
// defaults; the API validates them and answers bad_request naming the field.
import { ApiError, getBackend, type Backend } from '../../backend';

import type { Classification, DocDate, DocumentKind, DocumentSettings, DocumentSettingsView, DraftMark, Urgency } from '../../api';

export type { Classification, DocDate, DocumentKind, DocumentSettings, DocumentSettingsView, DraftMark, Urgency } from '../../api';

export interface ScenarioChoice {
  id: number;
  name: string;
}

export const KINDS: DocumentKind[] = ['plan', 'request_with_plan'];
export const DRAFT_MARKS: DraftMark[] = ['none', 'for_review', 'for_comment', 'for_deliberation'];
export const CLASSIFICATIONS: Classification[] = ['none', 'internal', 'secret', 'confidential'];
export const URGENCIES: Urgency[] = ['none', 'urgent', 'very_urgent'];

/** The text fields of the settings, in the dialog's order. */
export const TEXT_FIELDS = [
  'issuer',
  'document_number',
  'signer',
  'secrecy_period',
  'copy_number',
  'addressee',
  'copied_to',
  'printed_by',
  'signature',
  'contact',
  'phone',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** 2026-12-05 for an `<input type="date">`, and back (null when the text is not a date). */
export function dateText(d: DocDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

export function parseDate(text: string): DocDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export class PaperController {
  scenarios = $state<ScenarioChoice[]>([]);
  scenarioId = $state<number | null>(null);
  compare = $state<number[]>([]);
  settings = $state<DocumentSettings | null>(null);
  defaults = $state<DocumentSettings | null>(null);
  error = $state<ApiError | null>(null);

  constructor(private backend: Backend = getBackend()) {}

  /** The workspace's scenarios, the current one chosen, and its settings. */
  async load(): Promise<void> {
    try {
      const info = await this.backend.call(
        'workspace_info',
      );
      this.scenarios = info.scenarios.map((s) => ({ id: s.id, name: s.name }));
      await this.choose(info.current_scenario);
    } catch (e) {
      this.error = ApiError.from(e);
    }
  }

  /** Chooses the scenario to export; loads its remembered settings (or the defaults). */
  async choose(id: number): Promise<void> {
    this.scenarioId = id;
    this.compare = this.compare.filter((c) => c !== id);
    this.error = null;
    try {
      const view = await this.backend.call('document_settings', { scenario_id: id });
      this.settings = view.settings;
      this.defaults = view.defaults;
    } catch (e) {
      this.error = ApiError.from(e);
    }
  }

  toggleCompare(id: number): void {
    if (id === this.scenarioId) return;
    this.compare = this.compare.includes(id) ? this.compare.filter((c) => c !== id) : [...this.compare, id];
  }

  /** Back to the defaults derived from the bureau. */
  restoreDefaults(): void {
    if (this.defaults) this.settings = { ...this.defaults };
  }

  /** Remembers the settings for the scenario (the 文稿 panel's defaults read them: 附件 or
   * 附表); false when the API refuses them, with the error shown. */
  async remember(): Promise<boolean> {
    if (this.scenarioId === null || !this.settings) return true;
    this.error = null;
    try {
      await this.backend.call('set_document_settings', {
        scenario_id: this.scenarioId,
        settings: this.settings,
      });
      return true;
    } catch (e) {
      this.error = ApiError.from(e);
      return false;
    }
  }

  /** The export_document arguments for `format` (settings only with the Word paper). */
  exportArgs(format: 'docx' | 'xlsx' | 'csv'): object {
    const args: Record<string, unknown> = { format, compare: this.compare };
    if (this.scenarioId !== null) args.scenario_id = this.scenarioId;
    if (format === 'docx' && this.settings) args.settings = this.settings;
    return args;
  }
}
