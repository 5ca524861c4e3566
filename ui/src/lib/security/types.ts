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
