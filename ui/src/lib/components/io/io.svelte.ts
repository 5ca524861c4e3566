// Import and export state: a roster, units, station figures or structure file read in the browser (base64 to the
// API), its preview, the confirmed import, and documents saved through the backend's saver (the native
// save dialog in the desktop app, a Blob download in a browser). Renders nothing.
import { ApiError, getBackend, type Answer, type Backend } from '../../backend';
import { busyCall } from '../../busy-call';
import { baseName, saverFor, type ExportMethod, type Saver } from '../../backend/save';
import type { ExportArgs, FileArgs, Format } from '../../api';

export { base64ToBytes, download } from '../../backend/save';

/**
 * What the import panel reads: the roster (花名册), the units and establishment (单位编制), the
 * stations' figures (派出所辖区情况表) or the current scenario's new structure (新机构设置表).
 */
export type ImportKind = 'roster' | 'units' | 'stations' | 'structure';

/** Per kind of file, the API method that previews it and the one that imports it. */
const IMPORT_METHODS = {
  roster: { preview: 'import_preview', confirm: 'import_roster' },
  units: { preview: 'units_import_preview', confirm: 'import_units' },
  stations: { preview: 'stations_import_preview', confirm: 'import_stations' },
  structure: { preview: 'structure_import_preview', confirm: 'import_structure' },
} as const;

type PreviewOf<K extends ImportKind> = Answer<(typeof IMPORT_METHODS)[K]['preview']>;
type ResultOf<K extends ImportKind> = Answer<(typeof IMPORT_METHODS)[K]['confirm']>;
type Previews = { [K in ImportKind]: PreviewOf<K> | null };
type Results = { [K in ImportKind]: ResultOf<K> | null };

const NO_PREVIEWS: Previews = { roster: null, units: null, stations: null, structure: null };
const NO_RESULTS: Results = { roster: null, units: null, stations: null, structure: null };

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

export class IoController {
  kind = $state<ImportKind>('roster');
  fileName = $state<string | null>(null);
  /** What importing the chosen file would do, for its kind; the others are null. */
  previews = $state.raw<Previews>(NO_PREVIEWS);
  /** The confirmed import, for its kind. */
  results = $state.raw<Results>(NO_RESULTS);
  busy = $state(false);
  error = $state<ApiError | null>(null);
  /** The name of the file last saved (or downloaded), for the message; null when none or cancelled. */
  saved = $state<string | null>(null);
  private bytes: string | null = null;
  private saver: Saver;

  constructor(
    private backend: Backend = getBackend(),
    saver?: Saver,
  ) {
    this.saver = saver ?? saverFor(backend);
  }

  private run<T>(work: () => Promise<T>): Promise<T | null> {
    return busyCall(this, work);
  }

  /** Switches between roster and units import; forgets the file chosen for the other. */
  setKind(kind: ImportKind): void {
    if (kind === this.kind) return;
    this.reset();
    this.kind = kind;
  }

  get preview() { return this.previews.roster; }
  get result() { return this.results.roster; }
  get unitsPreview() { return this.previews.units; }
  get unitsResult() { return this.results.units; }
  get structurePreview() { return this.previews.structure; }
  get structureResult() { return this.results.structure; }
  get stationsPreview() { return this.previews.stations; }
  get stationsResult() { return this.results.stations; }

  /** Reads the chosen file and asks the API what importing it would do. */
  async choose(name: string, content: Uint8Array): Promise<void> {
    const kind = this.kind;
    this.fileName = name;
    this.bytes = bytesToBase64(content);
    this.previews = NO_PREVIEWS;
    this.results = NO_RESULTS;
    const args: FileArgs = { bytes_base64: this.bytes, file_name: name };
    const preview = await this.run(() => this.callFor(IMPORT_METHODS[kind].preview, args));
    this.previews = { ...NO_PREVIEWS, [kind]: preview };
  }

  /** Imports the previewed file, when its preview says it can be. */
  async confirm(): Promise<void> {
    const kind = this.kind;
    const bytes = this.bytes;
    const preview = this.previews[kind];
    if (!bytes || !preview?.can_import) return;
    const args: FileArgs = { bytes_base64: bytes, file_name: this.fileName };
    const result = await this.run(() => this.callFor(IMPORT_METHODS[kind].confirm, args));
    if (result) {
      this.results = { ...NO_RESULTS, [kind]: result };
      this.previews = NO_PREVIEWS;
      this.bytes = null;
    }
  }

  /** Every import method takes the file as `FileArgs` (the structure's too: its scenario is optional). */
  private callFor<M extends (typeof IMPORT_METHODS)[ImportKind]['preview' | 'confirm']>(method: M, args: FileArgs): Promise<Answer<M>> {
    return (this.backend.call as (m: M, a: FileArgs) => Promise<Answer<M>>)(method, args);
  }

  /** The current scenario's structure as a 新机构设置表 (XLSX), also the template to fill in. */
  async exportStructure(scenarioId?: number): Promise<void> {
    await this.save('structure_sheet', { scenario_id: scenarioId });
  }

  /** Exports a document; `args` from the export dialog's choices (scenario, compare, settings). */
  async exportDocument(format: Format, args: Omit<ExportArgs, 'format'> = {}): Promise<void> {
    await this.save('export_document', { ...args, format });
  }

  async template(): Promise<void> {
    if (this.kind === 'structure') return this.exportStructure();
    if (this.kind === 'stations') return this.save('stations_template', {});
    await this.save(this.kind === 'units' ? 'units_template' : 'roster_template', {});
  }

  private async save(method: ExportMethod, args: object): Promise<void> {
    this.saved = null;
    const result = await this.run(() => this.saver.save(method, args));
    this.saved = result?.saved ? baseName(result.saved) : null;
  }

  reset(): void {
    this.fileName = null;
    this.previews = NO_PREVIEWS;
    this.results = NO_RESULTS;
    this.error = null;
    this.saved = null;
    this.bytes = null;
  }
}
