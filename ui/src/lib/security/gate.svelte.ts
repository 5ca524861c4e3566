// The workspace gate: whether the app may show the workspace at all. Asks `workspace_status`
// first; 'absent' → the create screen, 'locked' → the unlock screen, 'open' → the app. Any call
// that fails with `locked` (idle lock, another window, a restarted server) closes the app again;
// every opening bumps `generation`, so the app remounts and re-reads everything from the backend.
// Tracks background jobs so that a lock that cancelled one can say so. Renders nothing.
import { ApiError, type Backend, type CallObserver } from '../backend';
import { IdleTimer, realClock, type Clock } from './idle';
import type { CheckFilesArgs, CreateFromDataArgs, CreateFromFileArgs, FilesCheck, WorkspaceStatus } from '../api';

export type GatePhase = 'loading' | 'absent' | 'locked' | 'open' | 'error';
/** Why the workspace was closed while the app showed it. */
export type LockReason = 'idle' | 'manual' | 'external';

export class GateController {
  phase = $state<GatePhase>('loading');
  status = $state.raw<WorkspaceStatus | null>(null);
  /** The gate screens' error: a wrong passphrase, a refused request, an unreachable backend. */
  error = $state.raw<ApiError | null>(null);
  busy = $state(false);
  /** Bumped whenever the workspace opens: the app is keyed on it. */
  generation = $state(0);
  lockReason = $state<LockReason | null>(null);
  /** Background jobs that were running when the workspace was locked (the backend cancelled them). */
  cancelledJobs = $state(0);
  /** Shown once in the app after an unlock that cancelled jobs; dismissed by the planner. */
  notice = $state<'jobsCancelled' | null>(null);

  private readonly idle: IdleTimer;
  private readonly running = new Set<number>();
  /** The limit the idle timer was armed for. */
  private armedFor = 0;

  constructor(
    private readonly backend: Backend,
    clock: Clock = realClock,
  ) {
    this.idle = new IdleTimer(() => void this.lock('idle'), clock);
  }

  /** Whether the idle lock is counting (open, encrypted, a limit set). */
  get idleArmed(): boolean {
    return this.idle.armed;
  }

  async start(): Promise<void> {
    this.phase = 'loading';
    await this.refresh();
  }

  /** Re-reads the status; the phase follows it. */
  async refresh(): Promise<void> {
    try {
      this.applyStatus(await this.backend.call('workspace_status'));
    } catch (e) {
      const err = ApiError.from(e);
      this.idle.stop();
      this.error = err;
      this.phase = 'error';
    }
  }

  /** A status from any method that returns one (lock, change_passphrase, set_idle_lock). */
  applyStatus(status: WorkspaceStatus): void {
    const wasOpen = this.phase === 'open';
    this.status = status;
    if (status.state === 'open') {
      if (!wasOpen) {
        this.generation += 1;
        this.error = null;
        this.lockReason = null;
        if (this.cancelledJobs > 0) this.notice = 'jobsCancelled';
        this.cancelledJobs = 0;
      }
      this.phase = 'open';
    } else {
      if (wasOpen) this.closed(status.state === 'locked' ? 'external' : null);
      this.phase = status.state;
    }
    this.armIdle();
  }

  /** Feed every backend call here (`observeCalls`): `locked` anywhere closes the app. */
  readonly observe: CallObserver = (method, outcome) => {
    if (!outcome.ok) {
      const code = outcome.error.code;
      if (code === 'locked' && this.phase === 'open') {
        this.closed('external');
        this.phase = 'locked';
        if (this.status) this.status = { ...this.status, state: 'locked' };
        void this.refresh();
      } else if (code === 'no_workspace' && this.phase === 'open') {
        this.closed(null);
        void this.refresh();
      }
      return;
    }
    const value = outcome.value as { job_id?: unknown; state?: unknown } | null;
    if (!value || typeof value.job_id !== 'number') return;
    if (method === 'solve_start' || method === 'tradeoff_start') this.running.add(value.job_id);
    else if ((method === 'job_status' || method === 'job_cancel') && value.state !== 'running')
      this.running.delete(value.job_id);
  };

  /** The planner is present (pointer, key, wheel, touch). */
  activity(): void {
    this.idle.activity();
  }

  /** Counts activity on `target` while the gate lives; returns the function that stops it. */
  listen(target: EventTarget): () => void {
    return this.idle.listen(target);
  }

  async create(encrypt: boolean, passphrase: string): Promise<boolean> {
    return this.run(async () => {
      await this.backend.call('workspace_create', encrypt ? { encrypt, passphrase } : { encrypt });
    });
  }

  /**
   * Creates the workspace from the bureau's own details and files (`workspace_create_from_data`);
   * false when refused, with `error` saying why (the backend wrote nothing then).
   */
  async createFromData(args: CreateFromDataArgs): Promise<boolean> {
    return this.run(async () => {
      const { passphrase, ...rest } = args;
      await this.backend.call('workspace_create_from_data', rest.encrypt ? { ...rest, passphrase } : rest);
    });
  }

  /**
   * Checks the wizard's details and files without creating anything (`workspace_check_files`);
   * null when the check itself failed, with `error` saying why.
   */
  async checkFiles(args: CheckFilesArgs): Promise<FilesCheck | null> {
    if (this.busy) return null;
    this.busy = true;
    this.error = null;
    try {
      return await this.backend.call('workspace_check_files', args);
    } catch (e) {
      this.error = ApiError.from(e);
      return null;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Creates the workspace from a bureau file brought from another machine
   * (`workspace_create_from_file`); false when refused, with `error` saying why.
   */
  async createFromFile(args: CreateFromFileArgs): Promise<boolean> {
    return this.run(async () => {
      const { passphrase, ...rest } = args;
      await this.backend.call('workspace_create_from_file', rest.encrypt ? { ...rest, passphrase } : rest);
    });
  }

  /** False when the passphrase is wrong (`error` says so) or the unlock failed. */
  async unlock(passphrase: string): Promise<boolean> {
    return this.run(async () => {
      await this.backend.call('workspace_unlock', { passphrase });
    });
  }

  /** Closes the app at once, then the workspace (encrypted only; the backend cancels jobs). */
  async lock(reason: LockReason): Promise<void> {
    if (this.phase !== 'open' || !this.status?.encrypted) return;
    this.closed(reason);
    this.phase = 'locked';
    this.status = { ...this.status, state: 'locked' };
    try {
      this.applyStatus(await this.backend.call('workspace_lock'));
    } catch (e) {
      const err = ApiError.from(e);
      // Closed meanwhile by someone else: that is what we wanted.
      if (err.code !== 'locked') this.error = err;
      await this.refresh();
    }
  }

  /** The window switched to another workspace file: the app closes and the new one's state
   * decides what shows (the app afresh, the first-start or the unlock screen). */
  async reopen(): Promise<void> {
    if (this.phase === 'open') this.closed(null);
    this.phase = 'loading';
    this.error = null;
    await this.refresh();
  }

  dismissNotice(): void {
    this.notice = null;
  }

  dispose(): void {
    this.idle.stop();
  }

  /** The app stops showing the workspace: stop the idle timer, count the jobs it cancelled. */
  private closed(reason: LockReason | null): void {
    this.idle.stop();
    this.lockReason = reason;
    this.cancelledJobs += this.running.size;
    this.running.clear();
    this.notice = null;
  }

  private armIdle(): void {
    const s = this.status;
    if (this.phase === 'open' && s?.encrypted && s.idle_lock_seconds > 0) {
      // Restart only when the limit changed or nothing is pending: a status answer is no activity.
      if (!this.idle.armed || this.armedFor !== s.idle_lock_seconds) this.idle.start(s.idle_lock_seconds);
      this.armedFor = s.idle_lock_seconds;
    } else {
      this.idle.stop();
      this.armedFor = 0;
    }
  }

  /** Runs a create/unlock call, then re-reads the status (which opens the app). */
  private async run(call: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await call();
      await this.refresh();
      return this.phase === 'open';
    } catch (e) {
      this.error = ApiError.from(e);
      // Anything but a wrong passphrase may mean the state moved (opened elsewhere, file gone).
      if (this.error.code !== 'wrong_passphrase') {
        const error = this.error;
        await this.refresh();
        if (this.phase !== 'open') this.error = error;
      }
      return this.phase === 'open';
    } finally {
      this.busy = false;
    }
  }
}
