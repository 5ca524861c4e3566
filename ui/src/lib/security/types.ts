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
