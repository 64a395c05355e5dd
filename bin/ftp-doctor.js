#!/usr/bin/env node
// The shim: all of ftp-doctor is in dist/, built by scripts/build.mjs. This file is CommonJS
// (bin/package.json) so that a quick command never starts Node's ES-module loader.
require('../dist/ftp-doctor.cjs').main(process.argv);
