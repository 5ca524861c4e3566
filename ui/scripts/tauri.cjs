#!/usr/bin/env node
// The Tauri CLI (`tauri bundle`, `tauri build`) from its native Linux package, without the
// `@tauri-apps/cli` wrapper: the wrapper lists an optional native package for every platform,
// and `npm ci` refuses a lock file without all of them, while the offline registry here serves
// only Linux's. Same call as the wrapper's `tauri.js`.
const { run, logError } = require('@tauri-apps/cli-linux-x64-gnu');

run(process.argv.slice(2), 'tauri', (error) => {
  if (error) {
    logError(error.message);
    process.exit(1);
  }
});
