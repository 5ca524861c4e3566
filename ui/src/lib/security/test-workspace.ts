// A fake backend with the workspace-security state machine of the contract (docs/api.md):
// enough for the gate and dialog tests. Records every call.
import { ApiError, observed, type Backend, type CallObserver } from '../backend';
import type { WorkspaceState, WorkspaceStatus } from '../api';

export interface FakeWorkspace {
  state: WorkspaceState;
  encrypted: boolean;
  passphrase: string | null;
  idle: number;
}

export function fakeWorkspace(initial: Partial<FakeWorkspace> = {}, observer?: CallObserver) {
  const ws: FakeWorkspace = { state: 'open', encrypted: false, passphrase: null, idle: 600, ...initial };
  const calls: [string, any][] = [];
  let nextJob = 1;
  /** Methods to fail with a code once (e.g. unreachable). */
  const failOnce = new Map<string, ApiError>();
  const status = (): WorkspaceStatus => ({
    state: ws.state,
    encrypted: ws.encrypted,
    file_name: 'workspace.bpw',
    idle_lock_seconds: ws.idle,
    read_only: false,
  });
  const info = { bureau: { name: '青山县公安局' }, scenarios: [], current_scenario: 1 };
  const bad = (m: string) => new ApiError('bad_request', m);
  const inner: Backend = {
    async call(method: string, args: any = {}): Promise<any> {
      calls.push([method, args]);
      const f = failOnce.get(method);
      if (f) {
        failOnce.delete(method);
        throw f;
      }
      const answer = (): unknown => {
        switch (method) {
          case 'workspace_status':
            return status();
          case 'workspace_create':
            if (ws.state !== 'absent') throw bad('exists');
            if (args.encrypt && !(typeof args.passphrase === 'string' && [...args.passphrase].length >= 8))
              throw bad('passphrase too short');
            Object.assign(ws, { state: 'open', encrypted: !!args.encrypt, passphrase: args.encrypt ? args.passphrase : null });
            return info;
          case 'workspace_create_from_data':
            if (ws.state !== 'absent') throw bad('exists');
            if (String(args.roster?.bytes_base64 ?? '') === '')
              throw bad(`the roster has 1 problem(s), nothing was imported: ${args.roster?.file_name}: found "", expected a header row`);
            Object.assign(ws, { state: 'open', encrypted: !!args.encrypt, passphrase: args.encrypt ? args.passphrase : null });
            return { ...info, bureau: { name: args.name } };
          case 'workspace_check_files': {
            // An empty roster has one problem on its first row, as the backend reads it.
            const empty = args.roster && String(args.roster.bytes_base64 ?? '') === '';
            const problems = empty
              ? [{ step: 'roster', code: 'file_unreadable', file: args.roster.file_name, sheet: null, row: null, column: null, found: '0 bytes', expected: { key: 'header_row', params: { columns: '警号, 姓名' } } }]
              : [];
            return { units: args.units ? 1 : 0, people: args.roster && !empty ? 1 : 0, problems, ok: problems.length === 0 };
          }
          case 'workspace_create_from_file':
            if (ws.state !== 'absent') throw bad('exists');
            if (!String(args.file?.bytes_base64 ?? '').startsWith('ey'))
              throw new ApiError('invalid_bureau_file', `${args.file?.file_name}: (document) (line 1, column 1): expected a JSON object`);
            Object.assign(ws, { state: 'open', encrypted: !!args.encrypt, passphrase: args.encrypt ? args.passphrase : null });
            return { ...info, bureau: { name: '测试县公安局' } };
          case 'workspace_unlock':
            if (ws.state !== 'locked') throw bad('not locked');
            if (args.passphrase !== ws.passphrase) throw new ApiError('wrong_passphrase', 'wrong passphrase');
            ws.state = 'open';
            return info;
        }
        if (ws.state === 'locked') throw new ApiError('locked', 'workspace is locked');
        if (ws.state === 'absent') throw new ApiError('no_workspace', 'no workspace');
        switch (method) {
          case 'workspace_lock':
            if (!ws.encrypted) throw bad('not encrypted');
            ws.state = 'locked';
            return status();
          case 'change_passphrase':
            if (ws.encrypted && args.current !== ws.passphrase) throw new ApiError('wrong_passphrase', 'wrong');
            if (args.new != null && [...args.new].length < 8) throw bad('too short');
            ws.encrypted = args.new != null;
            ws.passphrase = args.new ?? null;
            return status();
          case 'set_idle_lock':
            ws.idle = args.seconds;
            return status();
          case 'solve_start':
            return { job_id: nextJob++ };
          case 'job_status':
            return { job_id: args.job_id, state: 'done' };
          case 'overview':
            return { bureau: { name: '青山县公安局' } };
          default:
            throw new ApiError('unknown_method', method);
        }
      };
      return answer() as any;
    },
  };
  const backend = observer ? observed(inner, observer) : inner;
  return { ws, calls, backend, failOnce, methods: () => calls.map((c) => c[0]) };
}

/** Lets pending promise chains run. */
export const flush = () => new Promise((r) => setTimeout(r, 0));
