// Mirrors of the workspace-security responses (docs/api.md, "Encrypted workspaces";
// crates/bureau-api). `workspace_status` is answered in every state.

export type WorkspaceState = 'open' | 'locked' | 'absent';

export interface WorkspaceStatus {
  state: WorkspaceState;
  encrypted: boolean;
  /** The workspace file's base name (never a path). */
  file_name: string;
  /** Seconds without activity before the UI locks an encrypted workspace; 0 = never. */
  idle_lock_seconds: number;
  /** Opened from read-only media (or without write permission): every write answers
   *  `workspace_read_only`. */
  read_only: boolean;
}

/** A file read in the page, sent as base64. */
export interface FileBytes {
  bytes_base64: string;
  file_name: string;
}

/** `workspace_create_from_data`: the bureau's own details, units and roster (docs/api.md). */
export interface CreateFromDataArgs {
  name: string;
  kind: 'county' | 'city_district';
  /** YYYY-MM */
  as_of: string;
  background?: string;
  units: FileBytes;
  roster: FileBytes;
  template: '1+5(+N)+1' | '1+3+4+1' | 'blank';
  encrypt: boolean;
  passphrase?: string;
}

/** `workspace_check_files`: the wizard's details and the files chosen so far (docs/api.md). */
export interface CheckFilesArgs {
  name: string;
  kind: 'county' | 'city_district';
  as_of: string;
  background?: string;
  units?: FileBytes;
  roster?: FileBytes;
  template?: '1+5(+N)+1' | '1+3+4+1' | 'blank';
}

export type CheckStep = 'details' | 'units' | 'roster';
/** A closed set: the wizard's text per code (`own.check.<code>`). */
export type CheckCode = 'name_empty' | 'name_too_long' | 'file_unreadable' | 'header_column' | 'bad_cell' | 'bad_row';

export interface CheckProblem {
  step: CheckStep;
  code: CheckCode;
  file: string | null;
  sheet: string | null;
  row: number | null;
  /** The column letter and its header as written, e.g. `C (性别)`. */
  column: string | null;
  found: string;
  /** What was expected, in English technical terms. */
  expected: string;
}

export interface FilesCheck {
  units: number;
  people: number;
  problems: CheckProblem[];
  ok: boolean;
}

/** `workspace_create_from_file`: a bureau file (.json) brought from another machine. */
export interface CreateFromFileArgs {
  file: FileBytes;
  encrypt: boolean;
  passphrase?: string;
}
