import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Storybook's own Vite config: the library build settings in ../vite.config.ts do not apply to stories.
export default defineConfig({
  plugins: [react()],
});
