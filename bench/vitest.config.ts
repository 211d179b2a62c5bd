import { defineConfig } from 'vitest/config';

// Benchmarks that need a DOM run as Vitest files of their own (bench/*.bench.tsx), never as part of `npm test`.
export default defineConfig({
  test: { include: ['bench/**/*.bench.tsx'], root: '.', environment: 'node' },
});
