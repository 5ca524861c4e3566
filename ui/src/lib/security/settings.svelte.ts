// The security dialog's actions: lock now, change the passphrase, encrypt a plain workspace,
// remove the encryption, the idle-lock time. Each answers the new status, which the gate takes
// (so the idle timer follows at once). Renders nothing.
import { ApiError, type Args, type Backend } from '../backend';
import type { GateController } from './gate.svelte';
import type { WorkspaceStatus } from '../api';

/** Which action last succeeded, for the dialog's confirmation line. */
export type SecurityDone = 'changed' | 'encrypted' | 'decrypted' | 'idleSaved';

export class SecurityController {
  busy = $state(false);
  error = $state.raw<ApiError | null>(null);
  done = $state<SecurityDone | null>(null);

  constructor(
    private readonly backend: Backend,
    private readonly gate: GateController,
  ) {}

  get status(): WorkspaceStatus | null {
    return this.gate.status;
  }

  clear(): void {
    this.error = null;
    this.done = null;
  }

  lockNow(): Promise<void> {
    return this.gate.lock('manual');
  }

  changePassphrase(current: string, next: string): Promise<boolean> {
    return this.change({ current, new: next }, 'changed');
  }

  encrypt(next: string): Promise<boolean> {
    return this.change({ current: null, new: next }, 'encrypted');
  }

  removeEncryption(current: string): Promise<boolean> {
    return this.change({ current, new: null }, 'decrypted');
  }

  setIdleLock(seconds: number): Promise<boolean> {
    return this.send(() => this.backend.call('set_idle_lock', { seconds }), 'idleSaved');
  }

  private change(args: Args<'change_passphrase'>, done: SecurityDone): Promise<boolean> {
    return this.send(() => this.backend.call('change_passphrase', args), done);
  }

  private async send(call: () => Promise<WorkspaceStatus>, done: SecurityDone): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.clear();
    try {
      this.gate.applyStatus(await call());
      this.done = done;
      return true;
    } catch (e) {
      this.error = ApiError.from(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
