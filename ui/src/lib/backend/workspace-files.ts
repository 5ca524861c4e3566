// The desktop app's workspace files: the shell opens the native open/save dialogs, keeps the
// recent list and switches the window to another workspace (`workspace_files`). The page never
// names a path of its own choosing, only an entry of the recent list. A browser has none of
// this: `workspaceFilesPort()` is null there and the UI shows no desktop-only item.
import { invoke } from '@tauri-apps/api/core';
import { ApiError } from './api-error';
import { isTauri } from './runtime';

export interface RecentWorkspace {
  path: string;
  file_name: string;
  folder: string;
  /** False when the file has gone (moved, deleted, drive not attached). */
  exists: boolean;
  /** The workspace the window has. */
  current: boolean;
}

export interface WorkspaceFiles {
  /** The window now has another workspace: everything is read again. */
  switched: boolean;
  recent: RecentWorkspace[];
}

export type WorkspaceFilesRequest =
  | { op: 'list' }
  | { op: 'open' }
  | { op: 'new' }
  | { op: 'open_recent'; path: string }
  | { op: 'forget'; path: string };

export interface WorkspaceFilesPort {
  run(request: WorkspaceFilesRequest): Promise<WorkspaceFiles>;
}

/** The shell's `workspace_files` command, or null outside the desktop app. */
export function workspaceFilesPort(): WorkspaceFilesPort | null {
  if (!isTauri()) return null;
  return {
    async run(request) {
      try {
        return await invoke<WorkspaceFiles>('workspace_files', { request });
      } catch (e) {
        throw ApiError.from(e);
      }
    },
  };
}
