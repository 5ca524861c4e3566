// The gate handed down to the header's security entry without threading it through every view.
import { getContext, setContext } from 'svelte';
import type { Backend } from '../backend';
import type { WorkspacesController } from '../workspaces/workspaces.svelte';
import type { GateController } from './gate.svelte';

const KEY = Symbol('security');

export interface SecurityContext {
  gate: GateController;
  backend: Backend;
  /** The desktop app's workspace files; null in a browser (no desktop-only item shows). */
  workspaces?: WorkspacesController | null;
}

export function setSecurity(ctx: SecurityContext): void {
  setContext(KEY, ctx);
}

/** Undefined outside the gate (component tests, a host without one). */
export function getSecurity(): SecurityContext | undefined {
  return getContext<SecurityContext | undefined>(KEY);
}
