#!/usr/bin/env node
import { runEmulatorCli } from '../dist/testing.js';

runEmulatorCli().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
