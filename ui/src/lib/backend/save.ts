// Saving a produced file (a plan document, an import template): in the desktop app the shell
// opens the native save dialog and writes the file (`save_export`; the page gets no file-system
// or dialog permission), in a browser the bytes are downloaded through a Blob.
import { invoke } from '@tauri-apps/api/core';
import { ApiError } from './api-error';
import type { Args, Backend } from './backend';
import { isTauri } from './runtime';
import { reportCall } from './observers';
import type { FileOut } from '../api';

/** The API methods that produce a file. */
export type ExportMethod = 'export_document' | 'roster_template' | 'units_template' | 'stations_template' | 'structure_sheet';

/** Where the file went (a path in the desktop app, the file's name in a browser); null when cancelled. */
export interface SaveResult {
  saved: string | null;
}

export interface Saver {
  save(method: ExportMethod, args?: object): Promise<SaveResult>;
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

/** The browser: ask the API for the bytes, then download them. */
export function downloadSaver(backend: Backend, save: (file: FileOut) => void = download): Saver {
  return {
    async save(method, args = {}) {
      // Each of these answers with a file; only `export_document` takes arguments.
      const file = await backend.call(method, args as Args<ExportMethod>);
      save(file);
      return { saved: file.file_name };
    },
  };
}

/** The desktop app: the shell produces, asks where and writes. Its failures reach the call
 * observers like any call's, so a `locked` answer brings up the unlock screen at once. */
export function tauriSaver(
  run: (method: ExportMethod, args: object) => Promise<SaveResult> = (method, args) =>
    invoke<SaveResult>('save_export', { method, args }),
): Saver {
  return {
    async save(method, args = {}) {
      try {
        return await run(method, args);
      } catch (e) {
        const error = ApiError.from(e);
        reportCall(method, { ok: false, error });
        throw error;
      }
    },
  };
}

/** The saver for where the UI runs; `backend` serves the browser's download. */
export function saverFor(backend: Backend): Saver {
  return isTauri() ? tauriSaver() : downloadSaver(backend);
}

/** The last part of a saved path, for the message. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
