// Where the built artefacts are; the tests never build anything themselves (`make test` did).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(repo, 'target');
export const plannerBin = path.join(targetDir, 'debug', 'planner');
export const desktopBin = path.join(targetDir, 'debug', 'bureau-planner');
export const uiDist = path.join(repo, 'ui', 'dist');
export const fixtures = path.join(repo, 'fixtures');
export const artifacts = path.join(repo, 'tests', 'artifacts');

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), `bp-${prefix}-`));
}

export function ensureArtifacts() {
  fs.mkdirSync(artifacts, { recursive: true });
  return artifacts;
}
