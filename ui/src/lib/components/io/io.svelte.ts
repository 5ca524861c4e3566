// Import and export state: a roster or units file read in the browser (base64 to the API), its
// preview, the confirmed import, and documents downloaded through a Blob. Renders nothing.
import { ApiError, getBackend, type Backend } from '../../backend';

export interface Problem {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string;
  expected: string;
}

export interface PersonLine {
  police_number: string;
  name: string;
  row: number | null;
  changes?: string[];
}

export interface DroppedPlacements {
  scenario_id: number;
  scenario_name: string;
  people: string[];
}

export interface ImportPreview {
  file: string;
  sheet: string | null;
  encoding: string | null;
  rows: number;
  created: PersonLine[];
  updated: PersonLine[];
  unchanged: number;
  removed: PersonLine[];
  dropped_placements: DroppedPlacements[];
  problems: Problem[];
  can_import: boolean;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  dropped_placements: DroppedPlacements[];
}

export interface UnitLine {
  id: string;
  name: string;
  changes?: string[];
}

export interface RefusedUnit {
  id: string;
  name: string;
  people: number;
  merge_edges: number;
}

export interface UnitsImportPreview {
  file: string;
  sheet: string | null;
  encoding: string | null;
  rows: number;
  created: UnitLine[];
  updated: UnitLine[];
  unchanged: number;
  removed: UnitLine[];
  refused: RefusedUnit[];
  problems: Problem[];
  can_import: boolean;
}

export interface UnitsImportResult {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/** What the import panel reads: the roster (花名册) or the units and establishment (单位编制). */
export type ImportKind = 'roster' | 'units';

export interface FileOut {
  file_name: string;
  mime: string;
  size: number;
  bytes_base64?: string;
}

export type DocFormat = 'docx' | 'xlsx' | 'csv';

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

export function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Saves a produced file through a Blob and a temporary link (the browser's download). */
export function download(file: FileOut): void {
  if (!file.bytes_base64) return;
  const blob = new Blob([base64ToBytes(file.bytes_base64) as BlobPart], { type: file.mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.file_name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export class IoController {
  kind = $state<ImportKind>('roster');
  fileName = $state<string | null>(null);
  preview = $state<ImportPreview | null>(null);
  result = $state<ImportResult | null>(null);
  unitsPreview = $state<UnitsImportPreview | null>(null);
  unitsResult = $state<UnitsImportResult | null>(null);
  busy = $state(false);
  error = $state<ApiError | null>(null);
  private bytes: string | null = null;

  constructor(private backend: Backend = getBackend()) {}

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
    const args = { bytes_base64: this.bytes, file_name: name };
    if (this.kind === 'units') {
      this.unitsPreview = await this.run(() => this.backend.call<UnitsImportPreview>('units_import_preview', args));
    } else {
      this.preview = await this.run(() => this.backend.call<ImportPreview>('import_preview', args));
    }
  }

  async confirm(): Promise<void> {
    if (this.kind === 'units') return this.confirmUnits();
    if (!this.bytes || !this.preview?.can_import) return;
    const result = await this.run(() =>
      this.backend.call<ImportResult>('import_roster', { bytes_base64: this.bytes, file_name: this.fileName }),
    );
    if (result) {
      this.result = result;
      this.preview = null;
      this.bytes = null;
    }
  }

  private async confirmUnits(): Promise<void> {
    if (!this.bytes || !this.unitsPreview?.can_import) return;
    const result = await this.run(() =>
      this.backend.call<UnitsImportResult>('import_units', { bytes_base64: this.bytes, file_name: this.fileName }),
    );
    if (result) {
      this.unitsResult = result;
      this.unitsPreview = null;
      this.bytes = null;
    }
  }

  async exportDocument(format: DocFormat, scenarioId?: number): Promise<void> {
    const file = await this.run(() =>
      this.backend.call<FileOut>('export_document', { format, scenario_id: scenarioId }),
    );
    if (file) download(file);
  }

  async template(): Promise<void> {
    const method = this.kind === 'units' ? 'units_template' : 'roster_template';
    const file = await this.run(() => this.backend.call<FileOut>(method, {}));
    if (file) download(file);
  }

  reset(): void {
    this.fileName = null;
    this.preview = null;
    this.result = null;
    this.unitsPreview = null;
    this.unitsResult = null;
    this.error = null;
    this.bytes = null;
  }
}
