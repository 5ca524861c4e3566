// The one error shape that crosses the boundary (docs/api.md). The UI branches on `code` only.

export type ErrorCode =
  | 'bad_request'
  | 'unknown_method'
  | 'not_found'
  | 'invalid_bureau_file'
  | 'newer_version'
  | 'not_a_workspace'
  | 'storage'
  | 'read_only'
  | 'internal'
  | 'unreachable'
  // Encrypted workspaces (issue 7): closed, not created yet, or a wrong passphrase.
  | 'locked'
  | 'no_workspace'
  | 'wrong_passphrase'
  // One process per workspace; a read-only or full disk.
  | 'workspace_in_use'
  | 'workspace_read_only'
  | 'disk_full'
  // A structure designer step refused: the message names the unit and the field.
  | 'invalid_structure';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Whatever a transport rejected with, as an ApiError. */
  static from(e: unknown): ApiError {
    if (e instanceof ApiError) return e;
    if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
      const { code, message } = e as { code: unknown; message: unknown };
      return new ApiError(String(code) as ErrorCode, String(message));
    }
    return new ApiError('internal', e instanceof Error ? e.message : String(e));
  }
}
