import { describe, expect, it } from 'vitest';
import { GateController } from './gate.svelte';
import { SecurityController } from './settings.svelte';
import { manualClock } from './test-clock';
import { fakeWorkspace, type FakeWorkspace } from './test-workspace';

async function setup(initial: Partial<FakeWorkspace>) {
  const time = manualClock();
  const fake = fakeWorkspace({ state: 'open', ...initial });
  const gate = new GateController(fake.backend, time.clock);
  await gate.start();
  return { gate, security: new SecurityController(fake.backend, gate), time, ...fake };
}

describe('SecurityController', () => {
  it('changes the passphrase with the current one', async () => {
    const { security, calls, ws } = await setup({ encrypted: true, passphrase: 'alt-pass-1' });
    expect(await security.changePassphrase('falsch-111', 'neu-pass-1')).toBe(false);
    expect(security.error?.code).toBe('wrong_passphrase');
    expect(ws.passphrase).toBe('alt-pass-1');
    expect(await security.changePassphrase('alt-pass-1', 'neu-pass-1')).toBe(true);
    expect(calls.at(-1)).toEqual(['change_passphrase', { current: 'alt-pass-1', new: 'neu-pass-1' }]);
    expect(security.error).toBeNull();
    expect(security.done).toBe('changed');
    expect(ws.passphrase).toBe('neu-pass-1');
  });

  it('encrypts a plain workspace, and the idle lock starts counting', async () => {
    const { security, gate, calls } = await setup({ encrypted: false });
    expect(gate.idleArmed).toBe(false);
    expect(await security.encrypt('neu-pass-1')).toBe(true);
    expect(calls.at(-1)).toEqual(['change_passphrase', { current: null, new: 'neu-pass-1' }]);
    expect(gate.status?.encrypted).toBe(true);
    expect(gate.idleArmed).toBe(true);
    expect(gate.phase).toBe('open');
    expect(gate.generation).toBe(1); // no remount for a status change while open
  });

  it('removes the encryption with the current passphrase', async () => {
    const { security, gate, calls } = await setup({ encrypted: true, passphrase: 'alt-pass-1' });
    expect(await security.removeEncryption('alt-pass-1')).toBe(true);
    expect(calls.at(-1)).toEqual(['change_passphrase', { current: 'alt-pass-1', new: null }]);
    expect(gate.status?.encrypted).toBe(false);
    expect(gate.idleArmed).toBe(false);
    expect(security.done).toBe('decrypted');
  });

  it('saves the idle lock time and the gate follows it', async () => {
    const { security, gate, time } = await setup({ encrypted: true, passphrase: 'alt-pass-1', idle: 600 });
    expect(await security.setIdleLock(300)).toBe(true);
    expect(gate.status?.idle_lock_seconds).toBe(300);
    time.advance(300_000);
    expect(gate.phase).toBe('locked');
  });

  it('locks now through the gate', async () => {
    const { security, gate, ws } = await setup({ encrypted: true, passphrase: 'alt-pass-1' });
    await security.lockNow();
    expect(gate.phase).toBe('locked');
    expect(ws.state).toBe('locked');
  });
});
