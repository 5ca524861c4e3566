import { describe, expect, it } from 'vitest';
import { ApiError } from '../backend';
import type { WorkspaceFiles, WorkspaceFilesRequest } from '../backend/workspace-files';
import { WorkspacesController } from './workspaces.svelte';

const recent = (current: string, missing: string[] = []) =>
  ['/w/测试县.bpw', '/w/2025改革.bpw', '/gone/旧.bpw'].map((path) => ({
    path,
    file_name: path.split('/').pop() ?? '',
    folder: path.slice(0, path.lastIndexOf('/')),
    exists: !missing.includes(path),
    current: path === current,
  }));

function port(answer: (r: WorkspaceFilesRequest) => WorkspaceFiles) {
  const requests: WorkspaceFilesRequest[] = [];
  return {
    requests,
    port: {
      async run(r: WorkspaceFilesRequest) {
        requests.push(r);
        return answer(r);
      },
    },
  };
}

describe('WorkspacesController', () => {
  it('re-reads the workspace only when the window switched', async () => {
    let reopened = 0;
    const gate = { reopen: async () => void (reopened += 1) };
    const p = port((r) => ({ switched: r.op === 'open_recent', recent: recent(r.op === 'open_recent' ? r.path : '/w/测试县.bpw', ['/gone/旧.bpw']) }));
    const w = new WorkspacesController(p.port, gate);
    expect(await w.list()).toBe(false);
    expect(reopened).toBe(0);
    expect(w.recent.map((r) => [r.file_name, r.exists, r.current])).toEqual([
      ['测试县.bpw', true, true],
      ['2025改革.bpw', true, false],
      ['旧.bpw', false, false],
    ]);
    expect(await w.openRecent('/w/2025改革.bpw')).toBe(true);
    expect(reopened).toBe(1);
    expect(p.requests.at(-1)).toEqual({ op: 'open_recent', path: '/w/2025改革.bpw' });
    expect(w.recent.find((r) => r.current)?.file_name).toBe('2025改革.bpw');
  });

  it('keeps the current workspace and the list when a file is refused, and says why by code', async () => {
    let reopened = 0;
    const gate = { reopen: async () => void (reopened += 1) };
    const p = port((r) => {
      if (r.op === 'open') throw new ApiError('workspace_in_use', '/w/2025改革.bpw is held by process 42');
      return { switched: false, recent: recent('/w/测试县.bpw') };
    });
    const w = new WorkspacesController(p.port, gate);
    await w.list();
    expect(await w.open()).toBe(false);
    expect(w.error?.code).toBe('workspace_in_use');
    expect(reopened).toBe(0);
    expect(w.recent.length).toBe(3);
    await w.forget('/gone/旧.bpw');
    expect(w.error).toBeNull();
    expect(p.requests.at(-1)).toEqual({ op: 'forget', path: '/gone/旧.bpw' });
  });
});
