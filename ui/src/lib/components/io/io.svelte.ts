// Import and export state: a roster, units, station or squad figures or structure file read in the browser (base64 to the
// API), its preview, the confirmed import, and documents saved through the backend's saver (the native
// save dialog in the desktop app, a Blob download in a browser). Renders nothing.
import { ApiError, getBackend, type Backend } from '../../backend';
import { baseName, saverFor, type ExportMethod, type Saver } from '../../backend/save';
import type {
  ExportArgs,
  Format,
  ImportPreview,
  ImportResult,
  SquadsImportPreview,
  SquadsImportResult,
  StationsImportPreview,
  StationsImportResult,
  StructureEditResult,
  StructureImportPreview,
  UnitsImportPreview,
  UnitsImportResult,
} from '../../api';

export { base64ToBytes, download } from '../../backend/save';

/**
 * What the import panel reads: the roster (花名册), the units and establishment (单位编制), the
 * stations' figures (派出所辖区情况表), the traffic squads' (交警中队辖区情况表) or the current
 * scenario's new structure (新机构设置表).
 */
export type ImportKind = 'roster' | 'units' | 'stations' | 'squads' | 'structure';


export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

export class IoController {
  kind = $state<ImportKind>('roster');
  fileName = $state<string | null>(null);
  preview = $state<ImportPreview | null>(null);
  result = $state<ImportResult | null>(null);
  unitsPreview = $state<UnitsImportPreview | null>(null);
  unitsResult = $state<UnitsImportResult | null>(null);
  structurePreview = $state<StructureImportPreview | null>(null);
  structureResult = $state<StructureEditResult | null>(null);
  stationsPreview = $state<StationsImportPreview | null>(null);
  stationsResult = $state<StationsImportResult | null>(null);
  squadsPreview = $state<SquadsImportPreview | null>(null);
  squadsResult = $state<SquadsImportResult | null>(null);
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

  private async run<T>(work: () => Promise<T>): Promise<T | null> {
    this.busy = true;
    this.error = null;
    try {
      return await work();
    } catch (e) {
      this.error = ApiError.from(e);
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Switches between roster and units import; forgets the file chosen for the other. */
  setKind(kind: ImportKind): void {
    if (kind === this.kind) return;
    this.reset();
    this.kind = kind;
  }

  /** Reads the chosen file and asks the API what importing it would do. */
  async choose(name: string, content: Uint8Array): Promise<void> {
    this.fileName = name;
    this.bytes = bytesToBase64(content);
    this.preview = null;
    this.result = null;
    this.unitsPreview = null;
    this.unitsResult = null;
    this.structurePreview = null;
    this.structureResult = null;
    this.stationsPreview = null;
    this.stationsResult = null;
    this.squadsPreview = null;
    this.squadsResult = null;
    const args = { bytes_base64: this.bytes, file_name: name };
    if (this.kind === 'stations') {
      this.stationsPreview = await this.run(() => this.backend.call('stations_import_preview', args));
    } else if (this.kind === 'squads') {
      this.squadsPreview = await this.run(() => this.backend.call('squads_import_preview', args));
    } else if (this.kind === 'structure') {
      this.structurePreview = await this.run(() => this.backend.call('structure_import_preview', args));
    } else if (this.kind === 'units') {
      this.unitsPreview = await this.run(() => this.backend.call('units_import_preview', args));
    } else {
      this.preview = await this.run(() => this.backend.call('import_preview', args));
    }
  }

  async confirm(): Promise<void> {
    if (this.kind === 'units') return this.confirmUnits();
    if (this.kind === 'structure') return this.confirmStructure();
    if (this.kind === 'stations') return this.confirmStations();
    if (this.kind === 'squads') return this.confirmSquads();
    const bytes = this.bytes;
    if (!bytes || !this.preview?.can_import) return;
    const result = await this.run(() =>
      this.backend.call('import_roster', { bytes_base64: bytes, file_name: this.fileName }),
    );
    if (result) {
      this.result = result;
      this.preview = null;
      this.bytes = null;
    }
  }

  private async confirmUnits(): Promise<void> {
    const bytes = this.bytes;
    if (!bytes || !this.unitsPreview?.can_import) return;
    const result = await this.run(() =>
      this.backend.call('import_units', { bytes_base64: bytes, file_name: this.fileName }),
    );
    if (result) {
      this.unitsResult = result;
      this.unitsPreview = null;
      this.bytes = null;
    }
  }

  private async confirmStructure(): Promise<void> {
    const bytes = this.bytes;
    if (!bytes || !this.structurePreview?.can_import) return;
    const result = await this.run(() =>
      this.backend.call('import_structure', { bytes_base64: bytes, file_name: this.fileName }),
    );
    if (result) {
      this.structureResult = result;
      this.structurePreview = null;
      this.bytes = null;
    }
  }

  private async confirmStations(): Promise<void> {
    const bytes = this.bytes;
    if (!bytes || !this.stationsPreview?.can_import) return;
    const result = await this.run(() =>
      this.backend.call('import_stations', { bytes_base64: bytes, file_name: this.fileName }),
    );
    if (result) {
      this.stationsResult = result;
      this.stationsPreview = null;
      this.bytes = null;
    }
  }

  private async confirmSquads(): Promise<void> {
    const bytes = this.bytes;
    if (!bytes || !this.squadsPreview?.can_import) return;
    const result = await this.run(() =>
      this.backend.call('import_squads', { bytes_base64: bytes, file_name: this.fileName }),
    );
    if (result) {
      this.squadsResult = result;
      this.squadsPreview = null;
      this.bytes = null;
    }
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
    if (this.kind === 'squads') return this.save('squads_template', {});
    await this.save(this.kind === 'units' ? 'units_template' : 'roster_template', {});
  }

  private async save(method: ExportMethod, args: object): Promise<void> {
    this.saved = null;
    const result = await this.run(() => this.saver.save(method, args));
    this.saved = result?.saved ? baseName(result.saved) : null;
  }

  reset(): void {
    this.fileName = null;
    this.preview = null;
    this.result = null;
    this.unitsPreview = null;
    this.unitsResult = null;
    this.structurePreview = null;
    this.structureResult = null;
    this.stationsPreview = null;
    this.stationsResult = null;
    this.squadsPreview = null;
    this.squadsResult = null;
    this.error = null;
    this.saved = null;
    this.bytes = null;
  }
}
