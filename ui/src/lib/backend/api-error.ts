// The one error shape that crosses the boundary (docs/api.md). The UI branches on `code` only.

import type { ErrorCode } from '../api';

/** The API's codes (generated from Rust), and `unreachable`: the transport found no backend. */
export type CallCode = ErrorCode | 'unreachable';

export class ApiError extends Error {
  constructor(
    readonly code: CallCode,
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
      return new ApiError(String(code) as CallCode, String(message));
    }
    return new ApiError('internal', e instanceof Error ? e.message : String(e));
  }
}
