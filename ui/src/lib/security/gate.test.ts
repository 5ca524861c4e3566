import { describe, expect, it } from 'vitest';
import { ApiError, type CallObserver } from '../backend';
import { GateController } from './gate.svelte';
import { manualClock } from './test-clock';
import { fakeWorkspace, flush, type FakeWorkspace } from './test-workspace';

/** A gate over a fake workspace, observing its own backend like Root.svelte wires it. */
function setup(initial: Partial<FakeWorkspace>) {
  const time = manualClock();
  let gate: GateController | undefined;
  const relay: CallObserver = (m, o) => gate?.observe(m, o);
  const fake = fakeWorkspace(initial, relay);
  gate = new GateController(fake.backend, time.clock);
  return { gate, ...fake, time };
}

describe('GateController: start', () => {
  it('asks workspace_status first and shows the create screen when there is no workspace', async () => {
    const { gate, methods } = setup({ state: 'absent' });
    expect(gate.phase).toBe('loading');
    await gate.start();
    expect(methods()).toEqual(['workspace_status']);
    expect(gate.phase).toBe('absent');
    expect(gate.generation).toBe(0);
  });

  it('creates an encrypted workspace with the passphrase, then opens the app', async () => {
    const { gate, calls, ws } = setup({ state: 'absent' });
    await gate.start();
    expect(await gate.create(true, 'geheim-123')).toBe(true);
    expect(calls[1]).toEqual(['workspace_create', { encrypt: true, passphrase: 'geheim-123' }]);
    expect(ws.encrypted).toBe(true);
    expect(gate.phase).toBe('open');
    expect(gate.generation).toBe(1);
    expect(gate.status?.encrypted).toBe(true);
    expect(gate.idleArmed).toBe(true);
  });

  it('creates a plain workspace without sending a passphrase', async () => {
    const { gate, calls } = setup({ state: 'absent' });
    await gate.start();
    expect(await gate.create(false, 'ignored')).toBe(true);
    expect(calls[1]).toEqual(['workspace_create', { encrypt: false }]);
    expect(gate.phase).toBe('open');
    expect(gate.idleArmed).toBe(false);
  });

  it('keeps the create screen and the error when the backend refuses', async () => {
    const { gate } = setup({ state: 'absent' });
    await gate.start();
    expect(await gate.create(true, 'short')).toBe(false);
    expect(gate.error?.code).toBe('bad_request');
    expect(gate.phase).toBe('absent');
  });

  it('creates from the bureau\'s own files, sending the passphrase only when encrypting', async () => {
    const { gate, calls } = setup({ state: 'absent' });
    await gate.start();
    const file = (n: string) => ({ bytes_base64: 'YQ==', file_name: n });
    const args = {
      name: '测试县公安局',
      kind: 'county' as const,
      as_of: '2026-12',
      units: file('u.csv'),
      roster: file('r.csv'),
      template: 'blank' as const,
      encrypt: false,
      passphrase: 'not sent',
    };
    expect(await gate.createFromData(args)).toBe(true);
    const { passphrase: _unused, ...sent } = args;
    expect(calls[1]).toEqual(['workspace_create_from_data', sent]);
    expect(gate.phase).toBe('open');
  });

  it('stays absent with the refusal when a file has problems', async () => {
    const { gate, calls } = setup({ state: 'absent' });
    await gate.start();
    const args = {
      name: '测试县公安局',
      kind: 'county' as const,
      as_of: '2026-12',
      units: { bytes_base64: 'YQ==', file_name: 'u.csv' },
      roster: { bytes_base64: '', file_name: 'r.csv' },
      template: '1+5(+N)+1' as const,
      encrypt: true,
      passphrase: 'geheim-123',
    };
    expect(await gate.createFromData(args)).toBe(false);
    expect(calls[1][1]).toMatchObject({ encrypt: true, passphrase: 'geheim-123' });
    expect(gate.error?.code).toBe('bad_request');
    expect(gate.error?.message).toMatch(/^the roster has 1 problem/);
    expect(gate.phase).toBe('absent');
  });

  it('checks the wizard\'s files without creating anything, and answers the problems by step and code', async () => {
    const { gate, calls } = setup({ state: 'absent' });
    await gate.start();
    const details = { name: '测试县公安局', kind: 'county' as const, as_of: '2026-12' };
    const ok = await gate.checkFiles({ ...details, units: { bytes_base64: 'YQ==', file_name: 'u.csv' } });
    expect(ok?.ok).toBe(true);
    const bad = await gate.checkFiles({
      ...details,
      units: { bytes_base64: 'YQ==', file_name: 'u.csv' },
      roster: { bytes_base64: '', file_name: 'r.csv' },
    });
    expect(bad?.problems.map((p) => [p.step, p.code])).toEqual([['roster', 'file_unreadable']]);
    expect(calls.filter(([m]) => m === 'workspace_check_files')).toHaveLength(2);
    expect(gate.phase).toBe('absent');
    expect(gate.busy).toBe(false);
  });

  it('creates the workspace from a bureau file, or stays absent with the refusal\'s code', async () => {
    const { gate, calls } = setup({ state: 'absent' });
    await gate.start();
    expect(await gate.createFromFile({ file: { bytes_base64: 'AAAA', file_name: 'x.json' }, encrypt: false, passphrase: 'not sent' })).toBe(false);
    expect(gate.error?.code).toBe('invalid_bureau_file');
    expect(gate.phase).toBe('absent');
    expect(calls.at(-2)).toEqual(['workspace_create_from_file', { file: { bytes_base64: 'AAAA', file_name: 'x.json' }, encrypt: false }]);
    expect(await gate.createFromFile({ file: { bytes_base64: 'eyJ9', file_name: 'b.json' }, encrypt: true, passphrase: 'geheim-123' })).toBe(true);
    expect(calls.find(([m, a]) => m === 'workspace_create_from_file' && a.encrypt)?.[1]).toMatchObject({ passphrase: 'geheim-123' });
    expect(gate.phase).toBe('open');
  });

  it('opens the app straight away for an open workspace', async () => {
    const { gate } = setup({ state: 'open' });
    await gate.start();
    expect(gate.phase).toBe('open');
    expect(gate.generation).toBe(1);
  });

  it('shows workspace_in_use with the holder, and opens on retry once the other process let go', async () => {
    const { gate, failOnce } = setup({ state: 'open' });
    const holder = 'the workspace is open in another process: planner serve, pid 1234';
    failOnce.set('workspace_status', new ApiError('workspace_in_use', holder));
    await gate.start();
    expect(gate.phase).toBe('error');
    expect(gate.error?.code).toBe('workspace_in_use');
    expect(gate.error?.message).toBe(holder);
    await gate.start();
    expect(gate.phase).toBe('open');
    expect(gate.error).toBeNull();
  });

  it('shows an error with retry when the status cannot be read', async () => {
    const { gate, failOnce } = setup({ state: 'open' });
    failOnce.set('workspace_status', new ApiError('unreachable', 'down'));
    await gate.start();
    expect(gate.phase).toBe('error');
    expect(gate.error?.code).toBe('unreachable');
    await gate.start();
    expect(gate.phase).toBe('open');
    expect(gate.error).toBeNull();
  });
});

describe('GateController: another workspace file', () => {
  it('remounts the app when the window switched to another open workspace', async () => {
    const { gate } = setup({ state: 'open' });
    await gate.start();
    expect(gate.generation).toBe(1);
    await gate.reopen();
    expect(gate.phase).toBe('open');
    expect(gate.generation).toBe(2);
  });

  it('shows the unlock or first-start screen for the file switched to', async () => {
    const { gate, ws } = setup({ state: 'open' });
    await gate.start();
    ws.state = 'locked';
    ws.encrypted = true;
    await gate.reopen();
    expect(gate.phase).toBe('locked');
    expect(gate.lockReason).toBeNull();
    ws.state = 'absent';
    ws.encrypted = false;
    await gate.reopen();
    expect(gate.phase).toBe('absent');
  });
});

describe('GateController: unlock', () => {
  it('refuses a wrong passphrase and stays locked; the right one opens the app', async () => {
    const { gate, calls } = setup({ state: 'locked', encrypted: true, passphrase: 'richtig-1' });
    await gate.start();
    expect(gate.phase).toBe('locked');
    expect(await gate.unlock('falsch-11')).toBe(false);
    expect(gate.error?.code).toBe('wrong_passphrase');
    expect(gate.phase).toBe('locked');
    expect(gate.generation).toBe(0);
    expect(await gate.unlock('richtig-1')).toBe(true);
    expect(calls.filter((c) => c[0] === 'workspace_unlock').map((c) => c[1])).toEqual([
      { passphrase: 'falsch-11' },
      { passphrase: 'richtig-1' },
    ]);
    expect(gate.phase).toBe('open');
    expect(gate.error).toBeNull();
    expect(gate.generation).toBe(1);
  });

  it('follows the workspace when it was unlocked elsewhere meanwhile', async () => {
    const { gate, ws } = setup({ state: 'locked', encrypted: true, passphrase: 'richtig-1' });
    await gate.start();
    ws.state = 'open';
    expect(await gate.unlock('whatever-1')).toBe(true);
    expect(gate.phase).toBe('open');
  });
});

describe('GateController: locked at any time', () => {
  it('closes the app when any call fails with locked, and remounts it after the unlock', async () => {
    const { gate, ws, backend } = setup({ state: 'open', encrypted: true, passphrase: 'richtig-1' });
    await gate.start();
    expect(gate.generation).toBe(1);
    ws.state = 'locked'; // another window, or the server restarted
    await expect(backend.call('overview')).rejects.toMatchObject({ code: 'locked' });
    expect(gate.phase).toBe('locked');
    expect(gate.lockReason).toBe('external');
    expect(gate.idleArmed).toBe(false);
    await flush();
    expect(gate.phase).toBe('locked');
    expect(await gate.unlock('richtig-1')).toBe(true);
    expect(gate.generation).toBe(2);
    expect(gate.lockReason).toBeNull();
  });

  it('shows the create screen when the workspace is gone', async () => {
    const { gate, ws, backend } = setup({ state: 'open' });
    await gate.start();
    ws.state = 'absent';
    await expect(backend.call('overview')).rejects.toMatchObject({ code: 'no_workspace' });
    await flush();
    expect(gate.phase).toBe('absent');
  });

  it('locks now only an encrypted workspace', async () => {
    const plain = setup({ state: 'open' });
    await plain.gate.start();
    await plain.gate.lock('manual');
    expect(plain.gate.phase).toBe('open');
    expect(plain.methods()).not.toContain('workspace_lock');

    const enc = setup({ state: 'open', encrypted: true, passphrase: 'richtig-1' });
    await enc.gate.start();
    const pending = enc.gate.lock('manual');
    expect(enc.gate.phase).toBe('locked'); // the app is gone before the backend answers
    await pending;
    expect(enc.ws.state).toBe('locked');
    expect(enc.gate.lockReason).toBe('manual');
  });

  it('shows the app again when the lock call fails and the workspace is still open', async () => {
    const { gate, failOnce } = setup({ state: 'open', encrypted: true, passphrase: 'richtig-1' });
    await gate.start();
    failOnce.set('workspace_lock', new ApiError('unreachable', 'down'));
    await gate.lock('manual');
    // The backend is still open: the status says so and the app comes back.
    expect(gate.error?.code ?? null).toBeNull();
    expect(gate.phase).toBe('open');
  });
});

describe('GateController: idle lock', () => {
  it('locks an encrypted workspace after idle_lock_seconds without activity', async () => {
    const { gate, ws, time, methods } = setup({ state: 'open', encrypted: true, passphrase: 'richtig-1', idle: 2 });
    await gate.start();
    time.advance(1_500);
    gate.activity();
    time.advance(1_999);
    expect(gate.phase).toBe('open');
    time.advance(1);
    expect(gate.phase).toBe('locked');
    await flush();
    expect(methods()).toContain('workspace_lock');
    expect(ws.state).toBe('locked');
    expect(gate.lockReason).toBe('idle');
  });

  it('never locks a plain workspace, nor with "never"', async () => {
    for (const initial of [{ encrypted: false, idle: 2 }, { encrypted: true, passphrase: 'richtig-1', idle: 0 }]) {
      const { gate, time, methods } = setup({ state: 'open', ...initial });
      await gate.start();
      expect(gate.idleArmed).toBe(false);
      time.advance(3_600_000);
      expect(gate.phase).toBe('open');
      expect(methods()).not.toContain('workspace_lock');
    }
  });

  it('follows a new idle time at once, and stops counting while locked', async () => {
    const { gate, time, backend } = setup({ state: 'open', encrypted: true, passphrase: 'richtig-1', idle: 600 });
    await gate.start();
    time.advance(100_000);
    gate.applyStatus(await backend.call('set_idle_lock', { seconds: 5 }));
    time.advance(4_999);
    expect(gate.phase).toBe('open');
    time.advance(1);
    expect(gate.phase).toBe('locked');
    await flush();
    expect(gate.idleArmed).toBe(false);
    expect(time.pending()).toBe(0);
    // Unlocking starts counting afresh.
    await gate.unlock('richtig-1');
    expect(gate.idleArmed).toBe(true);
  });

  it('does not restart the count when a status answer repeats the same limit', async () => {
    const { gate, time, backend } = setup({ state: 'open', encrypted: true, passphrase: 'richtig-1', idle: 10 });
    await gate.start();
    time.advance(9_000);
    gate.applyStatus(await backend.call('workspace_status'));
    time.advance(1_000);
    expect(gate.phase).toBe('locked');
  });

  it('says that a running solve was cancelled by the lock, and only then', async () => {
    const { gate, backend, time } = setup({ state: 'open', encrypted: true, passphrase: 'richtig-1', idle: 60 });
    await gate.start();
    // A job that finished before the lock does not count.
    const done = await backend.call('solve_start');
    await backend.call('job_status', { job_id: done.job_id });
    await backend.call('solve_start');
    time.advance(60_000);
    await flush();
    expect(gate.phase).toBe('locked');
    expect(gate.cancelledJobs).toBe(1);
    await gate.unlock('richtig-1');
    expect(gate.notice).toBe('jobsCancelled');
    expect(gate.cancelledJobs).toBe(0);
    gate.dismissNotice();
    expect(gate.notice).toBeNull();
    // The next lock, with nothing running, says nothing.
    await gate.lock('manual');
    await gate.unlock('richtig-1');
    expect(gate.notice).toBeNull();
  });
});
