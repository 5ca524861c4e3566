// Every committed bureau file conforms to the published JSON Schema, and what the app writes
// back (`planner export-bureau`) does too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020.js';
import { repo, fixtures, plannerBin } from './support/paths.mjs';
import { initWorkspace } from './support/planner.mjs';

const schema = JSON.parse(fs.readFileSync(path.join(repo, 'docs', 'bureau-file.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

for (const name of fs.readdirSync(fixtures).filter((f) => f.endsWith('.json'))) {
  test(`fixtures/${name} matches the schema`, () => {
    const doc = JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'));
    assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });
}

test('the schema rejects what the app rejects', () => {
  const doc = JSON.parse(fs.readFileSync(path.join(fixtures, 'tiny.json'), 'utf8'));
  doc.people[0].birth = '1975-3';
  assert.equal(validate(doc), false);
});

test('export-bureau writes a schema-valid file identical to the one imported', () => {
  const { dir, db } = initWorkspace('tiny.json');
  const out = path.join(dir, 'back.json');
  execFileSync(plannerBin, ['export-bureau', '--db', db, '--out', out]);
  const text = fs.readFileSync(out, 'utf8');
  assert.ok(validate(JSON.parse(text)));
  assert.equal(text, fs.readFileSync(path.join(fixtures, 'tiny.json'), 'utf8'));
});
