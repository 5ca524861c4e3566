// A workspace file's raw bytes (the database and its write-ahead log), for tests that check
// what is readable on disk without the passphrase.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fixtures } from './paths.mjs';

/** The database file and, when present, its -wal and -shm files: { path: Buffer }. */
export function workspaceFiles(db) {
  const files = {};
  for (const suffix of ['', '-wal', '-shm']) {
    const p = `${db}${suffix}`;
    if (fs.existsSync(p)) files[path.basename(p)] = fs.readFileSync(p);
  }
  return files;
}

/** One SHA-256 over the files' names and bytes: equal hashes, unchanged files. */
export function workspaceHash(db) {
  const h = crypto.createHash('sha256');
  for (const [name, bytes] of Object.entries(workspaceFiles(db))) h.update(name).update('\0').update(bytes);
  return h.digest('hex');
}

/** The roster's names and police numbers of a bundled fixture. */
export function rosterStrings(fixture = 'county.json') {
  const file = JSON.parse(fs.readFileSync(path.join(fixtures, fixture), 'utf8'));
  return {
    names: file.people.map((p) => p.name),
    policeNumbers: file.people.map((p) => p.police_number),
  };
}

/** The needles found in any of the buffers as UTF-8 byte strings: [{ needle, file }]. */
export function plainHits(files, needles) {
  const hits = [];
  for (const needle of needles) {
    const bytes = Buffer.from(needle, 'utf8');
    for (const [file, buf] of Object.entries(files)) {
      if (buf.indexOf(bytes) !== -1) {
        hits.push({ needle, file });
        break;
      }
    }
  }
  return hits;
}
