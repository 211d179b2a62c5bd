import type { StorybookConfig } from '@storybook/react-vite';

// Storybook must start offline: no telemetry, no update checks.
process.env.STORYBOOK_DISABLE_TELEMETRY ??= '1';

/**
 * The live Playground needs the key endpoint (`/api/realtime-session`) and the Realtime emulator mounted on this
 * dev server. The Vite plugin that does it is loaded from here when present; without it every scripted story
 * still works and the Playground explains what is missing.
 */
const PLAYGROUND_PLUGIN_MODULE = '../scripts/talkwirePlayground.ts';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  framework: {
    name: '@storybook/react-vite',
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    try {
      const mod = (await import(PLAYGROUND_PLUGIN_MODULE)) as { talkwirePlayground?: () => unknown };
      if (typeof mod.talkwirePlayground === 'function') {
        viteConfig.plugins = [...(viteConfig.plugins ?? []), mod.talkwirePlayground() as never];
      }
    } catch (error) {
      console.warn(`talkwire: playground plugin not loaded (${(error as Error).message}); the Playground story will not connect.`);
    }
    return viteConfig;
  },
};

export default config;
