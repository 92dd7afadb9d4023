#!/usr/bin/env node
// The opctl command; the implementation is compiled to dist/ by `npm run build`.
import '../dist/cli/opctl.js';
