// English: the desktop app's workspaces (keys as in zh-CN.workspaces.ts).
import type { workspacesZhCN } from './zh-CN.workspaces';

export const workspacesEn: Record<keyof typeof workspacesZhCN, string> = {
  'ws.entry': 'Workspaces',
  'ws.entryTitle': 'Open or create a workspace file, or pick a recently used one',
  'ws.title': 'Workspaces',
  'ws.hint': 'Each workspace is one file (.bpw): keep one per bureau or per reform round.',
  'ws.open': 'Open workspace…',
  'ws.new': 'New workspace…',
  'ws.recent': 'Recently used',
  'ws.recentEmpty': 'No recently used workspaces yet.',
  'ws.current': 'current',
  'ws.missing': 'file not found',
  'ws.reopen': 'Open',
  'ws.forget': 'Remove',
  'ws.forgetTitle': 'Remove {name} from the recent list (the file stays)',
  'ws.close': 'Close',
  'ws.busy': 'Opening…',
  'ws.unchanged': 'The current workspace was left unchanged.',
  'ws.error.not_a_workspace': 'The chosen file is not a Bureau Planner workspace, or it is damaged.',
  'ws.error.workspace_in_use': 'This workspace is open in another program (another window, planner serve or the planner command): close it there first.',
  'ws.error.newer_version': 'This workspace was made by a newer version of the app: upgrade to open it.',
  'ws.error.not_found': 'The file cannot be found: it may have been moved or deleted, or its drive is not attached.',
  'ws.error.bad_request': 'A file of that name already exists: open it, or choose another name for the new workspace.',
};
