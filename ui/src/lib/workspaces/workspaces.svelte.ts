// The desktop app's workspaces: 打开工作区…, 新建工作区… and 最近使用 through the shell's
// dialogs and recent list. A switch makes the gate read the new workspace's state and mount the
// app afresh (or show its first-start or unlock screen); a refusal keeps the current workspace
// and says why by code. Renders nothing.
import { ApiError } from '../backend';
import type { RecentWorkspace, WorkspaceFilesPort, WorkspaceFilesRequest } from '../backend/workspace-files';
import { busyCall } from '../busy-call';

/** What the controller needs of the gate: re-read the workspace after a switch. */
export interface Reopener {
  reopen(): Promise<void>;
}

export class WorkspacesController {
  recent = $state.raw<RecentWorkspace[]>([]);
  error = $state.raw<ApiError | null>(null);
  busy = $state(false);

  constructor(
    private readonly port: WorkspaceFilesPort,
    private readonly gate: Reopener,
  ) {}

  /** Reads the recent list (missing files marked). */
  list(): Promise<boolean> {
    return this.run({ op: 'list' });
  }

  /** 打开工作区…: true when the window switched to the file picked. */
  open(): Promise<boolean> {
    return this.run({ op: 'open' });
  }

  /** 新建工作区…: true when the window now offers the first-start screen for the new file. */
  create(): Promise<boolean> {
    return this.run({ op: 'new' });
  }

  openRecent(path: string): Promise<boolean> {
    return this.run({ op: 'open_recent', path });
  }

  /** Removes an entry from the list (the file stays). */
  async forget(path: string): Promise<void> {
    await this.run({ op: 'forget', path });
  }

  private async run(request: WorkspaceFilesRequest): Promise<boolean> {
    if (this.busy) return false;
    const answer = await busyCall(this, () => this.port.run(request));
    if (!answer) return false;
    this.recent = answer.recent;
    if (answer.switched) await this.gate.reopen();
    return answer.switched;
  }
}
